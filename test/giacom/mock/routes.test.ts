import { describe, expect, it } from "vitest";
import { matchRoute } from "../../../src/giacom/mock/api.js";
import { routes as ROUTES } from "../../../src/giacom/generated/routes.js";
import { scopes as ALL_SCOPES } from "../../../src/giacom/generated/scopes.js";
import { spec } from "./helpers.js";

type Security = Record<string, string[]>[];

/** The spec's security of every path operation as lists of alternatives, by "METHOD path". */
function specSecurity(): Map<string, { operationId: string; alternatives: string[][] }> {
  const global = spec.security as Security;
  const out = new Map<string, { operationId: string; alternatives: string[][] }>();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const security = (op.security as Security | undefined) ?? global;
      out.set(`${method.toUpperCase()} ${path}`, { operationId: op.operationId as string, alternatives: security.map((s) => s.oauth2 ?? []) });
    }
  }
  return out;
}

describe("the simulator's route table", () => {
  it("has exactly the operations of the contract, with the same operation ids", () => {
    const fromSpec = specSecurity();
    expect(new Set(ROUTES.map((r) => `${r.method} ${r.path}`))).toEqual(new Set(fromSpec.keys()));
    for (const route of ROUTES) expect(route.operationId).toBe(fromSpec.get(`${route.method} ${route.path}`)!.operationId);
  });

  it("asks every operation for the scopes its security in the contract names", () => {
    const fromSpec = specSecurity();
    for (const route of ROUTES) {
      expect(
        route.security.map((scopes) => [...scopes]),
        `${route.method} ${route.path}`,
      ).toEqual(fromSpec.get(`${route.method} ${route.path}`)!.alternatives);
    }
  });

  it("knows every scope the contract defines, and only those", () => {
    const flows = spec.components.securitySchemes.oauth2!.flows as { clientCredentials: { scopes: Record<string, string> } };
    expect([...ALL_SCOPES].sort()).toEqual(Object.keys(flows.clientCredentials.scopes).sort());
  });

  it("matches concrete paths to their templates and reports the methods a path allows", () => {
    expect(matchRoute("GET", "/service/abc")).toMatchObject({ route: { operationId: "retrieveService" }, id: "abc" });
    expect(matchRoute("get", "/serviceSpecification/MOBILE%20X")).toMatchObject({ id: "MOBILE X" });
    expect(matchRoute("PUT", "/resource/1")).toEqual({ allowed: ["GET", "PATCH", "DELETE"] });
    expect(matchRoute("GET", "/nothing")).toBeUndefined();
  });
});
