// What the contract must say, taken from the Giacom document and the issue that asked
// for it: every operation, the documented status codes and filters, and the enums.
import { describe, expect, it } from "vitest";
import { deref, loadSpec, operations, type JsonObject } from "./spec-helpers.js";

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
    expect(spec.components.schemas.Event!.required).toEqual(["eventId", "eventTime", "eventType", "event"]);
  });
});
