// An independent check against TM Forum's own files (../shared/reference/tmf): the Giacom
// examples are validated against the schema TMF gives the same operation, and the spec's schemas
// are compared field by field with their TMF counterparts. Every difference found is one
// spec/README.md lists as a deliberate Giacom deviation; a difference that appears, or one listed
// that no longer occurs, fails. Nothing is skipped silently.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deref, exampleUses, loadSpec, operations, root, type JsonObject } from "./spec-helpers.js";
import { createTmfValidator, flatten, tmfAvailable, tmfDir, type Flattened } from "./tmf-helpers.js";

// The reference files: official v5 where TMF publishes one, the pre-production v5 copies for
// ordering, catalogue and address, and v4 for appointments and the event hub (no v5 file).
const SERVICE = "v5/TMF638-Service_Inventory_Management-v5.0.0.oas.yaml";
const RESOURCE = "v5/TMF639-Resource_Inventory_Management-v5.0.0.oas.yaml";
const RESOURCE_CATALOG = "v5/TMF634-Resource_Catalog_Management-v5.0.0.oas.yaml";
const ORDERING = "v5/unofficial-serviceOrderingManagement.yaml";
const CATALOG = "v5/unofficial-serviceCatalogManagement.yaml";
const ADDRESS = "v5/unofficial-geographicAddressManagement.yaml";
const APPOINTMENT = "v4/TMF646-Appointment-v4.0.0.swagger.json";
const EVENT = "v4/TMF688-Event-v4.0.0.swagger.json";

/** The TMF file and path of each Giacom path (TMF688 scopes its hubs by topic: `default` here). */
const PATHS: Record<string, [file: string, path?: string]> = {
  "/service": [SERVICE],
  "/service/{id}": [SERVICE],
  "/resource": [RESOURCE],
  "/resource/{id}": [RESOURCE],
  "/resourceSpecification": [RESOURCE_CATALOG],
  "/resourceSpecification/{id}": [RESOURCE_CATALOG],
  "/serviceOrder": [ORDERING],
  "/serviceOrder/{id}": [ORDERING],
  "/cancelServiceOrder": [ORDERING],
  "/cancelServiceOrder/{id}": [ORDERING],
  "/serviceSpecification": [CATALOG],
  "/serviceSpecification/{id}": [CATALOG],
  "/geographicAddress": [ADDRESS],
  "/geographicAddressValidation": [ADDRESS],
  "/appointment": [APPOINTMENT],
  "/searchTimeSlot": [APPOINTMENT],
  "/topic/default/hub": [EVENT, "/topic/{topicId}/hub"],
  "/topic/default/hub/{id}": [EVENT, "/topic/{topicId}/hub/{id}"],
};

/** Where TMF defines the listener of each Giacom webhook: the API of its entity. */
const listenerOf = (event: string): [string, string] => [
  event.startsWith("Service") && !event.startsWith("ServiceOrder") ? SERVICE : ORDERING,
  `/listener/${event[0]!.toLowerCase()}${event.slice(1)}`,
];

/** The spec's schemas and the TMF schema each one is compared with. */
const SCHEMAS: [giacom: string, file: string, tmf: string][] = [
  // Inventory and stock (TMF638, TMF639, TMF634)
  ["Service", SERVICE, "Service"],
  ["ServiceRelationship", SERVICE, "ServiceRelationship"],
  ["Resource", RESOURCE, "Resource"],
  ["Resource_FVO", RESOURCE, "Resource_FVO"],
  ["ResourceRelationship", RESOURCE, "ResourceRelationship"],
  ["ResourceSpecification", RESOURCE_CATALOG, "ResourceSpecification"],
  ["ResourceSpecificationRelationship", RESOURCE_CATALOG, "ResourceSpecificationRelationship"],
  // Ordering (TMF641)
  ["ServiceOrder", ORDERING, "ServiceOrder"],
  ["ServiceOrderItem", ORDERING, "ServiceOrderItem"],
  ["ServiceRefOrValue", ORDERING, "Service"],
  ["ServiceOrder_FVO", ORDERING, "ServiceOrder_FVO"],
  ["ServiceOrderItem_FVO", ORDERING, "ServiceOrderItem_FVO"],
  ["ServiceRefOrValue_FVO", ORDERING, "Service_FVO"],
  ["ServiceOrder_MVO", ORDERING, "ServiceOrder_MVO"],
  ["ExternalReference", ORDERING, "ExternalReference"],
  ["ExternalReference_FVO", ORDERING, "ExternalReference_FVO"],
  ["Feature", ORDERING, "Feature"],
  ["Feature_FVO", ORDERING, "Feature_FVO"],
  ["Characteristic", ORDERING, "Characteristic"],
  ["Characteristic_FVO", ORDERING, "Characteristic_FVO"],
  ["Intent", ORDERING, "Intent"],
  ["Intent_FVO", ORDERING, "Intent_FVO"],
  ["CancelServiceOrder", ORDERING, "CancelServiceOrder"],
  ["CancelServiceOrder_FVO", ORDERING, "CancelServiceOrder_FVO"],
  ["ServiceOrderRef", ORDERING, "ServiceOrderRef"],
  // Events (TMF688, and the payloads of TMF641 and TMF638)
  ["Event", EVENT, "Event"],
  ["ServiceOrderEventPayload", ORDERING, "ServiceOrderStateChangeEventPayload"],
  ["CancelServiceOrderEventPayload", ORDERING, "CancelServiceOrderStateChangeEventPayload"],
  ["ServiceOrderInformationRequiredEventPayload", ORDERING, "ServiceOrderInformationRequiredEventPayload"],
  ["CancelServiceOrderInformationRequiredEventPayload", ORDERING, "CancelServiceOrderInformationRequiredEventPayload"],
  ["JsonPatch", ORDERING, "JsonPatch"],
  ["ServiceEventPayload", SERVICE, "ServiceStateChangeEventPayload"],
  ["Hub", EVENT, "Hub"],
  ["Hub_FVO", EVENT, "Hub_Create"],
  // Catalogue (TMF633)
  ["ServiceSpecification", CATALOG, "ServiceSpecification"],
  ["CharacteristicSpecification", CATALOG, "CharacteristicSpecification"],
  ["CharacteristicValueSpecification", CATALOG, "CharacteristicValueSpecification"],
  ["CharacteristicSpecificationRelationship", CATALOG, "CharacteristicSpecificationRelationship"],
  ["FeatureSpecification", CATALOG, "FeatureSpecification"],
  ["FeatureSpecificationRelationship", CATALOG, "FeatureSpecificationRelationship"],
  ["ServiceSpecificationRelationship", CATALOG, "EntityRelationship"],
  // Address (TMF673)
  ["GeographicAddress", ADDRESS, "GeographicAddress"],
  ["GeographicAddress_FVO", ADDRESS, "GeographicAddress_FVO"],
  ["GeographicSiteRefOrValue", ADDRESS, "GeographicSite"],
  ["GeographicSubAddress", ADDRESS, "GeographicSubAddress"],
  ["GeographicSubAddress_FVO", ADDRESS, "GeographicSubAddress_FVO"],
  ["GeographicAddressValidation", ADDRESS, "GeographicAddressValidation"],
  ["GeographicAddressValidation_FVO", ADDRESS, "GeographicAddressValidation_FVO"],
  // Appointment (TMF646)
  ["Appointment", APPOINTMENT, "Appointment"],
  ["Appointment_FVO", APPOINTMENT, "Appointment_Create"],
  ["RelatedSrvCfgValue", APPOINTMENT, "RelatedEntity"],
  ["TimeSlot", APPOINTMENT, "TimeSlot"],
  ["SearchTimeSlot", APPOINTMENT, "SearchTimeSlot"],
  ["SearchTimeSlot_FVO", APPOINTMENT, "SearchTimeSlot_Create"],
];

/** The rows of a table of spec/README.md between `<!-- name:start -->` and `<!-- name:end -->`, as their cells. */
function documented(name: string, columns: number): string[] {
  const readme = readFileSync(`${root}spec/README.md`, "utf8");
  const start = readme.indexOf(`<!-- ${name}:start -->`);
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  expect(start, `spec/README.md has the ${name} table`).toBeGreaterThan(-1);
  return readme
    .slice(start, end)
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .split("|")
        .slice(1, 1 + columns)
        .map((cell) => cell.trim().replaceAll("`", ""))
        .join(" "),
    );
}

if (!tmfAvailable) {
  describe("TM Forum cross-check", () => {
    it.skip(`DID NOT RUN: the TMF reference files are not at ${tmfDir}`, () => {});
  });
} else {
  const spec = loadSpec();
  const uses = exampleUses(spec);
  const validators = new Map<string, ReturnType<typeof createTmfValidator>>();
  const tmf = (file: string) => validators.get(file) ?? validators.set(file, createTmfValidator(file)).get(file)!;

  let exampleFindings: { rows: string[]; checked: Set<string> } | undefined;
  /** Every example of an operation TMF also defines, validated against TMF's schema for it. */
  function examples() {
    if (exampleFindings) return exampleFindings;
    const rows: string[] = [];
    const checked = new Set<string>();
    for (const { where, method, path, op } of operations(spec)) {
      const [file, tmfPath = path] = where === "webhooks" ? listenerOf(path) : (PATHS[path] ?? []);
      if (!file) continue;
      const label = `${method.toUpperCase()} ${path}`;
      for (const status of ["request", ...Object.keys(op.responses as object)]) {
        const mine = uses.filter((u) => u.where.startsWith(`${label} ${status} `));
        if (mine.length === 0) continue;
        // An error status a file does not list for the operation has TMF's Error body.
        const schema = tmf(file).schemaFor(method, tmfPath, status) ?? (Number(status) >= 400 ? tmf(file).schemaNamed("Error") : undefined);
        expect(schema, `TMF defines ${method.toUpperCase()} ${tmfPath} ${status} in ${file}`).toBeDefined();
        for (const use of mine) {
          checked.add(use.example);
          for (const error of tmf(file).validate(schema, spec.components.examples[use.example]!.value)) {
            rows.push(`${use.example} ${error.instancePath.replace(/\/\d+(?=\/|$)/g, "/*") || "/"} ${error.keyword}`);
          }
        }
      }
    }
    exampleFindings = { rows: [...new Set(rows)].sort(), checked };
    return exampleFindings;
  }

  const list = (names: string[]) => (names.length === 0 ? "-" : names.join(", "));

  /** One row per compared schema: fields only Giacom has, fields shaped otherwise, and requiredness either side. */
  function schemaRows(): string[] {
    const giacom = (node: unknown) => deref(spec, node as JsonObject) as Record<string, unknown> | undefined;
    return SCHEMAS.map(([name, file, tmfName]) => {
      const reference = tmf(file).schema(tmfName);
      expect(reference, `${file} defines ${tmfName}`).toBeDefined();
      const mine: Flattened = flatten(spec.components.schemas[name], giacom);
      const theirs: Flattened = flatten(reference, tmf(file).deref);
      const only = Object.keys(mine.fields).filter((field) => !(field in theirs.fields));
      const shaped = Object.entries(mine.fields).flatMap(([field, shape]) => {
        const other = theirs.fields[field];
        if (!other || shape.kind === "any" || other.kind === "any") return [];
        const show = (s: typeof shape) => (s.kind === "array" ? `${s.items}[]` : s.kind);
        const differs = shape.kind !== other.kind || (shape.kind === "array" && shape.items !== other.items && shape.items !== "any" && other.items !== "any");
        return differs ? [`${field}: ${show(shape)} (TMF ${show(other)})`] : [];
      });
      const tmfOnly = theirs.required.filter((field) => !mine.required.includes(field));
      const giacomOnly = mine.required.filter((field) => !theirs.required.includes(field));
      return [name, tmfName, list(only.sort()), list(shaped.sort()), list(tmfOnly), list(giacomOnly)].join(" ");
    });
  }

  describe("TM Forum cross-check", () => {
    // Compiling TMF's large files takes seconds on a loaded machine: a wide margin, not a measurement.
    it("validates the examples of every operation TMF defines against TMF's schema for it", { timeout: 60_000 }, () => {
      const { checked } = examples();
      // Examples of inventory, stock, catalogue, ordering, address, appointment, hub and event.
      for (const example of [
        "ServiceListSample",
        "ResourceSample",
        "ResourceSpecificationO2ESim",
        "ServiceOrderNewLineO2",
        "ServiceOrderPortInAcknowledged",
        "ServiceSpecificationList",
        "GeographicAddressValidationSample",
        "AppointmentCreateSample",
        "SearchTimeSlotSample",
        "HubCallbackWithApiKey",
        "ServiceOrderStateChangeEventSample",
      ])
        expect(checked, example).toContain(example);
      expect(checked.size).toBeGreaterThanOrEqual(46);
    });

    it("finds in the examples only the Giacom deviations spec/README.md lists, and each listed one still occurs", { timeout: 60_000 }, () => {
      expect(examples().rows).toEqual(documented("tmf-deviations", 3).sort());
    });

    it("finds in the schemas only the differences spec/README.md lists, schema by schema", { timeout: 60_000 }, () => {
      expect(schemaRows()).toEqual(documented("tmf-schemas", 6));
    });

    it("finds TMF641 v5's InformationRequired payloads in the spec, field for field", { timeout: 60_000 }, () => {
      const rows = schemaRows().filter((row) => row.includes("InformationRequiredEventPayload"));
      expect(rows).toEqual([
        "ServiceOrderInformationRequiredEventPayload ServiceOrderInformationRequiredEventPayload - - - -",
        "CancelServiceOrderInformationRequiredEventPayload CancelServiceOrderInformationRequiredEventPayload - - - -",
      ]);
    });
  });
}
