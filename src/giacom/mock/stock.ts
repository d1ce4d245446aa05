// The resource inventory (stock units such as subscriber numbers). A created unit is operating
// for a year from now, as the documented answer shows, and its characteristics come back with
// the names of its resource specification's.
import type { Characteristic, Resource, ServiceSpecification } from "../types.js";
import type { Clock } from "../../core/simulator/clock.js";
import { defined, orderCharacteristic, parties, records } from "./enrich.js";
import { isRecord, notFound } from "../../core/simulator/http.js";
import { bodyError } from "./http.js";
import type { State } from "./state.js";

const ADMINISTRATIVE = ["locked", "unlocked", "shutdown"];
const OPERATIONAL = ["enable", "disable"];
const STATUS = ["alarm", "available", "installed", "not exists", "pendingRemoval", "planned", "reserved", "standby", "suspended", "unknown"];
const YEAR_MS = 365 * 24 * 3600 * 1000;
const CREATABLE = [
  "administrativeState",
  "operationalState",
  "resourceStatus",
  "relatedParty",
  "resourceRelationship",
  "resourceCharacteristic",
  "resourceSpecification",
  "externalIdentifier",
  "category",
];
const PATCHABLE = [...CREATABLE, "endOperatingDate", "startOperatingDate"];

export class Stock {
  constructor(
    private readonly state: State,
    private readonly clock: Clock,
  ) {}

  create(body: Record<string, unknown>): Resource {
    this.check(body, CREATABLE, true);
    const now = this.clock.now();
    const resource: Resource = defined({
      id: this.state.nextResourceId(),
      lastUpdate: new Date(now).toISOString(),
      version: 1,
      startOperatingDate: new Date(now).toISOString(),
      endOperatingDate: new Date(now + YEAR_MS).toISOString(),
      ...this.fields(body),
    });
    if (resource.category === undefined) {
      const category = this.spec(resource.resourceSpecification)?.category;
      if (category !== undefined) resource.category = category;
    }
    this.state.resources.push(resource);
    return resource;
  }

  get(id: string): Resource {
    return this.find(id);
  }

  patch(id: string, body: Record<string, unknown>): Resource {
    const resource = this.find(id);
    this.check(body, PATCHABLE, false);
    const { resourceCharacteristic, ...rest } = this.fields(body, resource.resourceSpecification);
    Object.assign(resource, rest);
    for (const key of ["startOperatingDate", "endOperatingDate"] as const) if (typeof body[key] === "string") resource[key] = body[key];
    // Characteristics are changed one by one, by id: the others keep their values.
    for (const c of resourceCharacteristic ?? []) {
      const list = (resource.resourceCharacteristic ??= []);
      const at = list.findIndex((x) => x.id === c.id);
      if (at < 0) list.push(c);
      else if (c.value !== undefined) list[at] = c;
    }
    resource.version = (resource.version ?? 0) + 1;
    resource.lastUpdate = this.clock.iso();
    return resource;
  }

  remove(id: string): void {
    this.find(id);
    this.state.resources = this.state.resources.filter((r) => r.id !== id);
  }

  private find(id: string): Resource {
    const resource = this.state.resource(id);
    if (!resource) throw notFound("Resource", id);
    return resource;
  }

  private spec(ref: Resource["resourceSpecification"] | undefined) {
    const versions = this.state.resourceSpecifications.filter((s) => s.id === ref?.id).sort((a, b) => (b.version ?? 0) - (a.version ?? 0));
    return versions.find((s) => ref?.version === undefined || String(s.version) === ref.version) ?? versions[0];
  }

  private check(body: Record<string, unknown>, allowed: readonly string[], creating: boolean): void {
    const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
    if (unknown.length > 0) throw bodyError(`${unknown.join(", ")} cannot be ${creating ? "set" : "changed"} on a resource`);
    const oneOf = (key: string, values: string[]) => {
      if (body[key] !== undefined && !values.includes(body[key] as string)) throw bodyError(`${key} must be one of ${values.join(", ")}`);
    };
    oneOf("administrativeState", ADMINISTRATIVE);
    oneOf("operationalState", OPERATIONAL);
    oneOf("resourceStatus", STATUS);
    const chars = body.resourceCharacteristic;
    if (
      chars !== undefined &&
      (!Array.isArray(chars) ||
        chars.some(
          (c: unknown) => !isRecord(c) || typeof c.id !== "string" || (creating ? !Array.isArray(c.value) : c.value !== undefined && !Array.isArray(c.value)),
        ))
    ) {
      throw bodyError(`resourceCharacteristic must be a list of { id, value: [{ value }] }${creating ? "" : " (value optional)"}`);
    }
    if (body.resourceSpecification !== undefined && (!isRecord(body.resourceSpecification) || typeof body.resourceSpecification.id !== "string")) {
      throw bodyError("resourceSpecification must be { id, version? }");
    }
    for (const key of ["startOperatingDate", "endOperatingDate", "category"]) {
      if (body[key] !== undefined && typeof body[key] !== "string") throw bodyError(`${key} must be a string`);
    }
  }

  /** The contract's fields of a create or patch body, characteristics named after the specification's. */
  private fields(body: Record<string, unknown>, currentRef?: Resource["resourceSpecification"]): Partial<Resource> {
    const ref = isRecord(body.resourceSpecification)
      ? defined({
          id: body.resourceSpecification.id as string,
          version: typeof body.resourceSpecification.version === "string" ? body.resourceSpecification.version : undefined,
        })
      : undefined;
    const spec = this.spec(ref ?? currentRef);
    const asService = spec ? ({ id: spec.id, specCharacteristic: spec.resourceSpecCharacteristic } as ServiceSpecification) : undefined;
    const str = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : undefined);
    return defined({
      administrativeState: str("administrativeState") as Resource["administrativeState"],
      operationalState: str("operationalState") as Resource["operationalState"],
      resourceStatus: str("resourceStatus") as Resource["resourceStatus"],
      relatedParty: parties(body.relatedParty),
      resourceRelationship: Array.isArray(body.resourceRelationship)
        ? body.resourceRelationship.flatMap((r: unknown) =>
            isRecord(r)
              ? [
                  defined({
                    id: typeof r.id === "string" ? r.id : undefined,
                    relationshipType: r.relationshipType === "requires" ? ("requires" as const) : undefined,
                  }),
                ]
              : [],
          )
        : undefined,
      resourceCharacteristic: Array.isArray(body.resourceCharacteristic)
        ? body.resourceCharacteristic.map((c: unknown): Characteristic =>
            isRecord(c) && c.value === undefined ? { id: c.id as string } : orderCharacteristic(asService, c),
          )
        : undefined,
      resourceSpecification: ref,
      externalIdentifier: records(body.externalIdentifier, ["owner", "externalIdentifierType", "id"]),
      category: str("category"),
    });
  }
}
