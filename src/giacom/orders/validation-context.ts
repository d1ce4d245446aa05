// Gathers what validating an order needs from the API: the specifications it names (and those
// of the services it changes) and the live services it touches. Missing ones are left out, for
// validation to report; any other failure propagates.
import { isGiacomError } from "../errors.js";
import type { CallOptions } from "../../core/types.js";
import type { Service, ServiceOrderCreate, ServiceSpecification } from "../types.js";
import type { ValidationContext } from "../validation/validate-order.js";

/** @internal How the loader reaches the API; wired by the client. */
export interface ContextSources {
  getSpecification(id: string, version: string | undefined, options?: CallOptions): Promise<ServiceSpecification>;
  getService(id: string, options?: CallOptions): Promise<Service>;
}

const orMissing = <T>(promise: Promise<T>): Promise<T | undefined> =>
  promise.catch((error: unknown) => (isGiacomError(error) && error.code === "NOT_FOUND" ? undefined : Promise.reject(error)));

/** @internal */
export async function loadValidationContext(order: ServiceOrderCreate, sources: ContextSources, options?: CallOptions): Promise<ValidationContext> {
  const specRefs = new Map<string, [string, string | undefined]>();
  const serviceIds = new Set<string>();
  const wantSpec = (id: unknown, version: unknown) => {
    if (typeof id !== "string" || id === "") return;
    const v = version === undefined || version === null ? undefined : String(version);
    specRefs.set(`${id}@${v ?? ""}`, [id, v]);
  };
  for (const item of Array.isArray(order?.serviceOrderItem) ? order.serviceOrderItem : []) {
    const service = item?.service;
    if (!service || typeof service !== "object") continue;
    wantSpec(service.serviceSpecification?.id, service.serviceSpecification?.version);
    if (item.action !== "add" && typeof service.id === "string" && service.id !== "") serviceIds.add(service.id);
    for (const r of Array.isArray(service.serviceRelationship) ? service.serviceRelationship : []) {
      if (r?.relationshipType === "addon_for" && typeof r.service?.id === "string" && r.service.id !== "") serviceIds.add(r.service.id);
    }
  }
  const services = (await Promise.all([...serviceIds].map((id) => orMissing(sources.getService(id, options))))).filter((s): s is Service => s !== undefined);
  // A change is checked against the specification of the live service.
  for (const s of services) wantSpec(s.serviceSpecification?.id, s.serviceSpecification?.version);
  const specifications = (await Promise.all([...specRefs.values()].map(([id, version]) => orMissing(sources.getSpecification(id, version, options))))).filter(
    (s): s is ServiceSpecification => s !== undefined,
  );
  return { specifications, services };
}
