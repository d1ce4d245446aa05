// The services of one business unit (TMF638 v4): created with the server's id, merge-patched,
// deleted, each change raising its event (TMF688) to the unit's listeners.
import { mergePatch } from "../../core/simulator/http.js";
import type { Notifier } from "../../tmf/simulator/notifier.js";
import type { ServiceInventoryEvent } from "../generated/events.js";
import type { Service } from "../generated/types.js";
import { checkService, NOT_PATCHABLE, SERVICE_FIELDS } from "./body.js";
import { fail, invalid } from "./http.js";
import type { Unit } from "./state.js";

/** The service with the `href` it has under `root` (`{API root}/{businessId}` of the face that answers). */
export const linked = (s: Service, root: string): Service => ({ ...s, href: `${root}/service/${s.id}` });

export class Services {
  constructor(
    private readonly unit: Unit,
    readonly notifier: Notifier<ServiceInventoryEvent>,
  ) {}

  all(): Service[] {
    return [...this.unit.services.values()];
  }

  get(id: string): Service {
    const service = this.unit.services.get(id);
    // The seed's 404 (L724): the legacy backend's fault code as the description.
    if (!service) throw fail(404, "SERVNOTFND-Service not found.-", `Service details not found for reference id:${id}`);
    return service;
  }

  create(body: Record<string, unknown>, root: string): Service {
    checkService(body, "create");
    const id = crypto.randomUUID();
    const service = { id, "@type": "Service", ...structuredClone(body) } as Service;
    this.unit.services.set(id, service);
    this.notifier.emit("ServiceCreateEvent", { service: linked(service, root) });
    return service;
  }

  /** A JSON merge patch: a changed `state` raises a state change, any other attribute an attribute value change. */
  patch(id: string, body: Record<string, unknown>, root: string): Service {
    const current = this.get(id);
    const refused = Object.keys(body).filter((name) => NOT_PATCHABLE.includes(name));
    if (refused.length > 0) throw invalid(`${refused.join(", ")} cannot be changed`);
    const unknown = Object.keys(body).filter((name) => !Object.hasOwn(SERVICE_FIELDS, name));
    if (unknown.length > 0) throw invalid(`${unknown.join(", ")} ${unknown.length > 1 ? "are not attributes" : "is not an attribute"} of a service`);
    const patched = mergePatch(current, body) as Service;
    checkService(patched as Record<string, unknown>, "stored");
    this.unit.services.set(id, patched);
    const event = { service: linked(patched, root) };
    if (Object.keys(body).some((name) => name !== "state")) this.notifier.emit("ServiceAttributeValueChangeEvent", event);
    if (patched.state !== current.state) this.notifier.emit("ServiceStateChangeEvent", event);
    return patched;
  }

  remove(id: string, root: string): void {
    const service = this.get(id);
    this.unit.services.delete(id);
    this.notifier.emit("ServiceDeleteEvent", { service: linked(service, root) });
  }
}
