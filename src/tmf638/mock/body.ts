// What the simulator checks in a service it is sent: the first level (which attributes, of which
// kind), what the official Service_Create requires (`state`, `serviceSpecification`) and what the
// server owns. What is nested deeper is kept as sent. The table follows spec/tmf638.openapi.yaml
// (Service); the tests hold it to it.
import { isRecord } from "../../core/simulator/http.js";
import type { ServiceState } from "../generated/types.js";
import { invalid } from "./http.js";

type Kind = "string" | "uri" | "date" | "boolean" | "object" | "list" | "state";

/** The six states, in the seed's order (the official file has the same six, inactive before active). */
export const SERVICE_STATES: readonly ServiceState[] = ["feasibilityChecked", "designed", "reserved", "active", "inactive", "terminated"];

/** Every attribute of a Service. */
export const SERVICE_FIELDS: Readonly<Record<string, Kind>> = {
  "@baseType": "string",
  "@schemaLocation": "uri",
  "@type": "string",
  category: "string",
  description: "string",
  endDate: "date",
  feature: "list",
  hasStarted: "boolean",
  href: "string",
  id: "string",
  isBundle: "boolean",
  isServiceEnabled: "boolean",
  isStateful: "boolean",
  name: "string",
  note: "list",
  place: "list",
  relatedEntity: "list",
  relatedParty: "list",
  serviceCharacteristic: "list",
  serviceDate: "string",
  serviceOrder: "list",
  serviceOrderItem: "list",
  serviceRelationship: "list",
  serviceSpecification: "object",
  serviceType: "string",
  startDate: "date",
  startMode: "string",
  state: "state",
  supportingResource: "list",
  supportingService: "list",
};

/**
 * What the server sets, which a create may not: what the official Service_Create skips, and the
 * vendor's `serviceOrder` list, which the spec's Service_Create (like Service_Update) leaves out.
 */
export const SERVER_OWNED = ["id", "href", "serviceOrder"];
/** What a PATCH may not change (the spec's Service_Update skips them). */
export const NOT_PATCHABLE = ["id", "href", "serviceDate", "serviceOrder"];
/** What a create must carry (the official Service_Create requires them). */
export const CREATE_REQUIRED = ["state", "serviceSpecification"];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

const KINDS: Record<Kind, [string, (value: unknown) => boolean]> = {
  string: ["a string", (v) => typeof v === "string"],
  uri: ["a URI", (v) => typeof v === "string" && URL.canParse(v)],
  date: ["a date-time (RFC 3339)", (v) => typeof v === "string" && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))],
  boolean: ["true or false", (v) => typeof v === "boolean"],
  object: ["an object", isRecord],
  list: ["a list of objects", (v) => Array.isArray(v) && v.every(isRecord)],
  state: [`one of ${SERVICE_STATES.join(", ")}`, (v) => (SERVICE_STATES as unknown[]).includes(v)],
};

const plural = (names: string[], one: string, many: string) => `${names.join(", ")} ${names.length > 1 ? many : one}`;

/**
 * Checks a service as the simulator would hold it: a create (no server-owned attribute, the
 * required ones present) or a service after a PATCH (every attribute allowed).
 */
export function checkService(service: Record<string, unknown>, kind: "create" | "stored"): void {
  if (kind === "create") {
    const owned = SERVER_OWNED.filter((name) => Object.hasOwn(service, name));
    if (owned.length > 0) throw invalid(`${plural(owned, "is", "are")} set by the server: a create may not carry ${owned.length > 1 ? "them" : "it"}`);
  }
  for (const [name, member] of Object.entries(service)) {
    const found = Object.hasOwn(SERVICE_FIELDS, name) ? SERVICE_FIELDS[name]! : undefined;
    if (found === undefined) throw invalid(`${name} is not an attribute of a service`);
    const [expected, ok] = KINDS[found];
    if (!ok(member)) throw invalid(`${name} must be ${expected}`);
  }
  const missing = CREATE_REQUIRED.filter((name) => service[name] === undefined);
  if (missing.length > 0) throw invalid(`${plural(missing, "is", "are")} required`);
}
