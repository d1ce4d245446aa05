// A MasStack client over a recording fetch (test/helpers/recording-fetch.ts): every request as it
// goes on the wire, answered by a handler, checked against spec/masstack.openapi.yaml; and a
// callback router of the test's own (the CallbackRouter interface, nothing of the receiver).
import { createMasStackClient, type CallbackDelivery, type CallbackRouter, type MasStackClientOptions } from "../../src/masstack/index.js";
import { recordingFetch, type Handler, type Recorded } from "../helpers/recording-fetch.js";
import { createValidator, deref, loadSpecFile, operations, type Json, type JsonObject } from "../helpers/spec.js";

export const spec = loadSpecFile("masstack.openapi.yaml");
const validate = createValidator(spec, { closed: true });

/** The staging server of the spec: the client's default. */
export const API_ROOT = "https://partners.sta.masstack.com/v3";
export const TOKEN = "masstack-test-token-Jq4";

/** A schema's first example (the seed's golden body), as data. */
export const example = (schema: string): JsonObject => structuredClone((spec.components.schemas[schema]!.examples as Json[])[0]) as JsonObject;

/** An answer of `status` with a JSON body (none when `body` is undefined). */
export const json = (body: unknown, status = 200): Response =>
  body === undefined ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** The documented error example of a status, e.g. `{ code: "DUPLICATE_WORKFLOW_ID", ... }` for 406. */
export const errorExample = (name: string): JsonObject => (spec.components.examples as Record<string, { value: JsonObject }>)[name]!.value;

/** A router the test drives: it records the URLs asked for, keeps the first delivery per workflow, and delivers on demand. */
export function fakeRouter() {
  const listeners = new Set<(delivery: CallbackDelivery) => void>();
  const kept = new Map<string, CallbackDelivery>();
  const asked: string[] = [];
  const router: CallbackRouter & {
    deliver(workflowId: string, outcome: "success" | "error", body: Record<string, unknown>, options?: { duplicate?: boolean }): void;
    listeners: typeof listeners;
    asked: string[];
  } = {
    async urls(workflowId) {
      asked.push(workflowId);
      return { success: `https://partner.example.com/cb/success/${workflowId}/t0k`, error: `https://partner.example.com/cb/error/${workflowId}/t0k` };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    received: async (workflowId) => kept.get(workflowId),
    deliver(workflowId, outcome, body, { duplicate = false } = {}) {
      const delivery: CallbackDelivery = { workflowId, outcome, body, receivedAt: new Date(), duplicate };
      if (!duplicate && !kept.has(workflowId)) kept.set(workflowId, delivery);
      for (const listener of listeners) listener(delivery);
    },
    listeners,
    asked,
  };
  return router;
}

/** A client of the staging root over a recording fetch, with a fixed token; no retries unless asked. */
export function masstackClient(handler: Handler, options: Partial<MasStackClientOptions> = {}) {
  const recorder = recordingFetch(handler);
  const client = createMasStackClient({
    tokenProvider: { getToken: async () => TOKEN },
    fetch: recorder.fetch,
    retry: false,
    ...options,
  });
  return { ...recorder, client };
}

/**
 * Every way `request` departs from the spec: its operation (method and path template under
 * API_ROOT), its path and header parameters, the bearer token, and its body against the
 * operation's schema with closed objects. Empty when the contract allows the request.
 */
export function specProblems(request: Recorded): string[] {
  const problems: string[] = [];
  const path = request.url.pathname.slice(new URL(API_ROOT).pathname.length);
  const method = request.method.toLowerCase();
  const pattern = (template: string, group: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, group)}$`);
  const found = operations(spec).find((o) => o.where === "paths" && o.method === method && pattern(o.path, "[^/]+").test(path));
  if (!found) return [`no operation ${request.method} ${path}`];
  const values = pattern(found.path, "([^/]+)").exec(path)!.slice(1);
  const names = [...found.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const item = spec.paths[found.path] as JsonObject;
  const parameters = [...((item.parameters as Json[]) ?? []), ...((found.op.parameters as Json[]) ?? [])].map((p) => deref(spec, p) as JsonObject);
  const check = (what: string, schema: Json | undefined, value: unknown) => {
    for (const error of validate((schema as JsonObject) ?? {}, value)) problems.push(`${what}: ${error.instancePath} ${error.message}`);
  };
  names.forEach((name, i) => {
    const p = parameters.find((x) => x.in === "path" && x.name === name);
    if (!p) problems.push(`path parameter ${name} not declared`);
    else check(`path ${name}`, p.schema, decodeURIComponent(values[i]!));
  });
  for (const p of parameters.filter((x) => x.in === "header")) {
    const value = request.headers.get(String(p.name));
    if (value === null) {
      if (p.required) problems.push(`required header ${String(p.name)} missing`);
    } else check(`header ${String(p.name)}`, p.schema, value);
  }
  if (!/^Bearer [\x21-\x7e]+$/.test(request.headers.get("authorization") ?? "")) problems.push("no bearer token");
  const body = deref(spec, found.op.requestBody as JsonObject | undefined);
  if (body) {
    const content = body.content as Record<string, JsonObject>;
    if (request.headers.get("content-type") !== "application/json") problems.push(`content type ${request.headers.get("content-type")}`);
    check("body", merged(content["application/json"]!.schema as JsonObject), request.json);
  } else if (request.body !== "") problems.push("a body where the operation has none");
  return problems;
}

/**
 * An `allOf` of component schemas as one object schema (their properties and requirements
 * together): closed, each member would refuse the others' properties.
 */
function merged(schema: JsonObject): JsonObject {
  if (!Array.isArray(schema.allOf)) return schema;
  const members = schema.allOf.map((member) => deref(spec, member) as JsonObject);
  return {
    type: "object",
    properties: Object.assign({}, ...members.map((m) => m.properties)) as JsonObject,
    required: members.flatMap((m) => (m.required as Json[]) ?? []),
    dependentRequired: Object.assign({}, ...members.map((m) => m.dependentRequired)) as JsonObject,
  };
}
