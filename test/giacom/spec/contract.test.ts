// What the contract must say, taken from the Giacom document and the issue that asked
// for it: every operation, the documented status codes and filters, and the enums.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { deref, loadSpec, operations, root, type JsonObject } from "./spec-helpers.js";

const spec = loadSpec();
const ops = operations(spec).filter((o) => o.where === "paths");
const find = (method: string, path: string) => ops.find((o) => o.method === method && o.path === path)?.op;

const DOCUMENTED = [
  ["get", "/serviceSpecification"],
  ["get", "/serviceSpecification/{id}"],
  ["get", "/resourceSpecification"],
  ["get", "/resourceSpecification/{id}"],
  ["get", "/resource"],
  ["post", "/resource"],
  ["get", "/resource/{id}"],
  ["patch", "/resource/{id}"],
  ["delete", "/resource/{id}"],
  ["get", "/service"],
  ["get", "/service/{id}"],
  ["get", "/serviceOrder"],
  ["post", "/serviceOrder"],
  ["get", "/serviceOrder/{id}"],
  ["patch", "/serviceOrder/{id}"],
  ["post", "/cancelServiceOrder"],
  ["get", "/cancelServiceOrder/{id}"],
  ["post", "/topic/default/hub"],
  ["delete", "/topic/default/hub/{id}"],
  ["post", "/geographicAddress"],
  ["post", "/geographicAddressValidation"],
  ["post", "/appointment"],
  ["post", "/searchTimeSlot"],
] as const;

const LISTS = ["/serviceSpecification", "/resourceSpecification", "/resource", "/service", "/serviceOrder", "/cancelServiceOrder"];

function param(op: JsonObject, name: string) {
  return (op.parameters as JsonObject[]).map((p) => deref(spec, p)).find((p) => p.name === name);
}
const schemaOf = (p: JsonObject | undefined) => deref(spec, p?.schema as JsonObject);
function enumOf(name: string) {
  return spec.components.schemas[name]!.enum;
}

describe("the contract", () => {
  it("describes every operation the document describes or names, each with an id, a tag and a summary", () => {
    for (const [method, path] of DOCUMENTED) {
      const op = find(method, path);
      expect(op, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(op!.operationId).toBeTypeOf("string");
      expect((op!.tags as string[]).length).toBeGreaterThan(0);
      expect(op!.summary).toBeTypeOf("string");
    }
  });

  it("answers GET and PATCH with 200, POST with 201 and DELETE with 204", () => {
    const success: Record<string, string> = { get: "200", patch: "200", post: "201", delete: "204" };
    for (const { method, path, op } of ops) {
      const codes = Object.keys(op.responses as object).filter((c) => c.startsWith("2"));
      expect(codes, `${method} ${path}`).toEqual([success[method]]);
    }
  });

  it("gives every error response the documented Error body, and 404 to every operation but POST", () => {
    for (const { method, path, op } of ops) {
      const responses = op.responses as Record<string, JsonObject>;
      for (const code of ["400", "401", "403", "500"]) expect(responses[code], `${method} ${path} ${code}`).toBeDefined();
      expect("404" in responses, `${method} ${path} 404`).toBe(method !== "post");
      for (const [code, response] of Object.entries(responses).filter(([c]) => !c.startsWith("2"))) {
        const media = (deref(spec, response).content as Record<string, JsonObject>)["application/json"]!;
        expect(media.schema, `${method} ${path} ${code}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
    expect(spec.components.schemas.Error!.properties).toMatchObject({ status: { enum: ["Error"] } });
  });

  it("returns X-Total-Count and X-Result-Count from every search, which takes limit (only 0) and a JSONPath filter", () => {
    for (const path of LISTS) {
      const op = find("get", path)!;
      const ok = (op.responses as Record<string, JsonObject>)["200"]!;
      expect(Object.keys(ok.headers as object).sort(), path).toEqual(["X-Result-Count", "X-Total-Count"]);
      // "All search endpoints return two headers with record counters" (seeds/000 line 2024).
      for (const header of Object.values(ok.headers as Record<string, JsonObject>)) expect(deref(spec, header).required, path).toBe(true);
      expect(schemaOf(param(op, "limit")), path).toMatchObject({ type: "integer", enum: [0] });
      expect(schemaOf(param(op, "filter")), path).toEqual({ type: "string" });
    }
  });

  it("takes repeatable IN-list filters on the catalogue and the inventory, as documented", () => {
    const arrays = {
      "/serviceSpecification": ["id", "name", "category", "lifecycleStatus"],
      "/service": ["id", "serviceSpecification.id", "serviceSpecification.version", "category", "name", "state", "operatingStatus"],
    };
    for (const [path, names] of Object.entries(arrays)) {
      for (const name of names) {
        const p = param(find("get", path)!, name)!;
        expect(p, `${path} ${name}`).toMatchObject({ in: "query", style: "form", explode: true, schema: { type: "array" } });
      }
    }
    for (const name of ["isServiceEnabled", "hasStarted"]) expect(schemaOf(param(find("get", "/service")!, name))).toEqual({ type: "boolean" });
    const version = schemaOf(param(find("get", "/serviceSpecification")!, "version"))!;
    expect(version.oneOf).toEqual([{ type: "integer", format: "int64", minimum: 1 }, { $ref: "#/components/schemas/VersionQualifiersEnum" }]);
    expect(enumOf("VersionQualifiersEnum")).toContain("*");
    expect(param(find("get", "/service/{id}")!, "network_refresh")).toMatchObject({ in: "header", schema: { type: "boolean" } });
  });

  it("requires the scopes the document names", () => {
    const scopes = (method: string, path: string) => (find(method, path)!.security as Record<string, string[]>[]).flatMap((s) => s.oauth2 ?? []);
    expect(scopes("post", "/topic/default/hub")).toEqual(["integrations/notifications.read"]);
    expect(scopes("delete", "/topic/default/hub/{id}")).toEqual(["integrations/notifications.read"]);
    expect(scopes("get", "/serviceSpecification")).toContain("integrations/service.write");
    expect(scopes("post", "/serviceOrder")).toEqual(["integrations/serviceOrder.submit"]);
    const flow = (spec.components.securitySchemes.oauth2!.flows as Record<string, JsonObject>).clientCredentials!;
    expect(flow.tokenUrl).toBe("https://auth.integrations.giacom.com/oauth2/token");
    expect(spec.components.securitySchemes.oauth2!.description).toContain("https://auth.uat.integrations.giacom.com/oauth2/token");
    const used = new Set(operations(spec).flatMap((o) => ((o.op.security ?? []) as Record<string, string[]>[]).flatMap((s) => s.oauth2 ?? [])));
    expect([...used].sort()).toEqual(Object.keys(flow.scopes as object).sort());
  });

  it("says a rejected order is still a 201 carrying state and errorMessage", () => {
    const created = (find("post", "/serviceOrder")!.responses as Record<string, JsonObject>)["201"]!;
    expect((created.content as Record<string, JsonObject>)["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/ServiceOrder" });
    const order = spec.components.schemas.ServiceOrder!;
    expect(order.properties).toMatchObject({
      errorMessage: { $ref: "#/components/schemas/Error" },
      state: { $ref: "#/components/schemas/ServiceOrderStateType" },
    });
    expect(enumOf("ServiceOrderStateType")).toEqual(
      expect.arrayContaining(["acknowledged", "rejected", "inProgress", "completed", "failed", "cancelled", "partial"]),
    );
  });

  it("has the document's enums, value for value", () => {
    // Copied from the document's parameter and schema tables.
    expect(enumOf("ServiceCategoryEnum")).toEqual(["Mobile Voice Service", "Mobile Data only Service", "Mobile Bolt On"]);
    expect(enumOf("CatalogueLifeCycleStatusEnum")).toEqual(["In study", "In design", "In test", "Launched", "Active", "Retired", "Obsolete", "Rejected"]);
    expect(enumOf("ServiceStateType")).toEqual(["feasibilityChecked", "designed", "reserved", "inactive", "active", "terminated", "suspended"]);
    expect(enumOf("ServiceOperatingStatusType")).toEqual([
      "pending",
      "configured",
      "starting",
      "running",
      "degraded",
      "failed",
      "limited",
      "stopping",
      "stopped",
      "unknown",
    ]);
    expect(enumOf("ResourceAdministrativeStateType")).toEqual(["locked", "unlocked", "shutdown"]);
    expect(enumOf("ResourceOperationalStateType")).toEqual(["enable", "disable"]);
    expect(enumOf("ResourceStatusType")).toEqual([
      "alarm",
      "available",
      "installed",
      "not exists",
      "pendingRemoval",
      "planned",
      "reserved",
      "standby",
      "suspended",
      "unknown",
    ]);
    expect(enumOf("CharacteristicSpecificationRelationshipTypeEnum")).toEqual(["requires", "value_eq"]);
    expect(enumOf("FeatureSpecificationRelationshipTypeEnum")).toEqual(["includes", "excludes"]);
    expect(enumOf("ServiceSpecificationRelationshipTypeEnum")).toEqual(["addon_for", "convertible_to"]);
  });

  it("declares every listener event as a webhook answered with 202, in the documented envelope", () => {
    const events = Object.keys(spec.webhooks);
    expect(events).toContain("ServiceOrderStateChangeEvent");
    expect(events).toHaveLength(15);
    for (const { path, op } of operations(spec).filter((o) => o.where === "webhooks")) {
      expect(Object.keys(op.responses as object), path).toContain("202");
      const body = (deref(spec, op.requestBody as JsonObject).content as Record<string, JsonObject>)["application/json"]!;
      const schema = spec.components.schemas[path]!;
      expect(body.schema, path).toEqual({ $ref: `#/components/schemas/${path}` });
      expect((schema.allOf as JsonObject[])[0], path).toEqual({ $ref: "#/components/schemas/Event" });
    }
    expect(Object.keys(spec.components.schemas.Event!.properties as object)).toEqual(expect.arrayContaining(["eventId", "eventTime", "eventType", "event"]));
  });

  it("puts the notifications hub at the document's URL, /v1 of the API host, and everything else under the /v2 servers", () => {
    // The document's only hub URLs (seeds/000 lines 1738, 1746, 1791).
    const documented = "https://api.integrations.giacom.com/v1";
    expect((spec.servers as { url: string }[]).map((s) => s.url)).toEqual([
      "https://api.integrations.giacom.com/v2",
      "https://api.uat.integrations.giacom.com/v2",
    ]);
    for (const [path, item] of Object.entries(spec.paths)) {
      const servers = (item as { servers?: { url: string; "x-source"?: string }[] }).servers;
      if (!path.startsWith("/topic/default/hub")) {
        expect(servers, path).toBeUndefined();
        continue;
      }
      expect(
        servers!.map((s) => s.url),
        path,
      ).toEqual([documented, "https://api.uat.integrations.giacom.com/v1"]);
      // The document shows no UAT URL: that one is an assumption, and says so.
      expect(
        servers!.map((s) => s["x-source"]),
        path,
      ).toEqual([undefined, "assumed"]);
      expect(item["x-sdk-base"], path).toBe("hub");
    }
  });

  it("carries TMF641 v5's InformationRequired payloads: the order's reference or the cancellation, and the fields required", () => {
    const payloadOf = (event: string) =>
      deref(spec, ((spec.components.schemas[event]!.allOf as JsonObject[])[1]!.properties as JsonObject).event as JsonObject);
    const informationRequired = { $ref: "#/components/schemas/InformationRequired" };
    expect(payloadOf("ServiceOrderInformationRequiredEvent")).toMatchObject({
      "x-source": "tmf",
      properties: { serviceOrder: { $ref: "#/components/schemas/ServiceOrderRef" }, informationRequired },
    });
    expect(payloadOf("CancelServiceOrderInformationRequiredEvent")).toMatchObject({
      "x-source": "tmf",
      properties: { cancelServiceOrder: { $ref: "#/components/schemas/CancelServiceOrder" }, informationRequired },
    });
    expect(spec.components.schemas.InformationRequired).toMatchObject({ type: "array", minItems: 1, items: { $ref: "#/components/schemas/JsonPatch" } });
    expect(spec.components.schemas.JsonPatch).toMatchObject({
      required: ["op", "path"],
      properties: { op: { enum: ["add", "remove", "replace", "move", "copy", "test"] } },
    });
  });

  it("requires only what the document or TMF requires, and marks what TMF alone requires", () => {
    const schemas = spec.components.schemas;
    // Neither the document nor TMF688 requires a field of the envelope.
    expect(schemas.Event!.required).toBeUndefined();
    // Neither the document nor TMF646 requires the requested time slots of a search.
    expect(schemas.SearchTimeSlot_FVO!.required).toBeUndefined();
    const fromTmf = {
      ExternalReference_FVO: ["name"], // TMF641 v5 requires the name, not the id
      GeographicAddressValidation_FVO: ["submittedGeographicAddress", "provideAlternative"], // TMF673
      Appointment_FVO: ["validFor"], // TMF646
      TimeSlot: ["validFor"], // TMF646
    };
    for (const [name, required] of Object.entries(fromTmf)) {
      expect(schemas[name]!.required, name).toEqual(required);
      expect(schemas[name]!["x-source"], name).toBe("tmf");
    }
  });

  it("filters services by the ids the document uses, which are not UUIDs", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const id = schemaOf(param(find("get", "/service")!, "id"))!;
    // The document's own service ids: seeds/000 lines 1111 ("7") and 4471 ("2").
    expect(ajv.validate(id, ["7", "2"]), JSON.stringify(ajv.errors)).toBe(true);
  });

  it("declares the optional X-Correlation-ID header the SDK sends, on every operation, as an assumption", () => {
    const header = spec.components.parameters.CorrelationId!;
    expect(header).toMatchObject({ name: "X-Correlation-ID", in: "header", "x-source": "assumed" });
    expect(header.required).toBeUndefined();
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const { method, op } of ops.filter((o) => o.path === path)) {
        const refs = [...((item.parameters as JsonObject[] | undefined) ?? []), ...((op.parameters as JsonObject[] | undefined) ?? [])];
        expect(refs, `${method} ${path}`).toContainEqual({ $ref: "#/components/parameters/CorrelationId" });
      }
    }
  });

  it("uses only the x-source marks spec/README.md explains", () => {
    const marks = new Set<string>();
    const visit = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "x-source") marks.add(value as string);
          else visit(value);
        }
      }
    };
    visit(spec);
    expect([...marks].sort()).toEqual(["assumed", "reported", "tmf"]);
    const readme = readFileSync(`${root}spec/README.md`, "utf8");
    for (const mark of marks) expect(readme, mark).toContain(`| \`x-source: ${mark}\` |`);
  });
});
