// A TMF638 client over a recording fetch (test/helpers/recording-fetch.ts): every request as it
// goes on the wire, answered by a handler; header credentials from test/helpers/secrets.ts.
import { createServiceInventoryClient, type ServiceInventoryClientOptions } from "giacom-sdk/tmf638";
import { recordingFetch, type Handler, type Recorded } from "../helpers/recording-fetch.js";
import { createValidator, deref, loadSpecFile, operations, type Json, type JsonObject } from "../helpers/spec.js";
import { TMF638_CREDENTIALS } from "../helpers/secrets.js";

/** spec/tmf638.openapi.yaml, and a validator of its schemas closed (no undeclared property). */
export const spec = loadSpecFile("tmf638.openapi.yaml");
const validate = createValidator(spec, { closed: true });

/** The API root of the client tests: the spec's server with `host` = gw.example.com. */
export const API_ROOT = "https://gw.example.com/tmf-api/serviceInventory/v4";

/** The path of a request under the API root, with its query (as sent: not decoded). */
export const pathOf = (request: Recorded): string => `${request.url.pathname.slice(new URL(API_ROOT).pathname.length)}${request.url.search}`;

/** A client of API_ROOT for business unit JM over a recording fetch, with the test credentials; no retries. */
export function tmf638Client(handler: Handler, options: Partial<ServiceInventoryClientOptions> = {}) {
  const recorder = recordingFetch(handler);
  const client = createServiceInventoryClient({
    baseUrl: API_ROOT,
    businessId: "JM",
    ...TMF638_CREDENTIALS,
    fetch: recorder.fetch,
    retry: false,
    ...options,
  });
  return { ...recorder, client };
}

/** An answer of `status` with a JSON body. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

/**
 * Every way `request` departs from spec/tmf638.openapi.yaml: its operation (method and path
 * template under API_ROOT), each query parameter declared and valid against its schema, the
 * path parameters valid, the header parameters and the security scheme's headers present and
 * valid, and the body of the declared media type, valid with closed schemas. Empty when the
 * request is one the contract allows.
 */
export function specProblems(request: Recorded): string[] {
  const problems: string[] = [];
  const path = request.url.pathname.slice(new URL(API_ROOT).pathname.length);
  const method = request.method.toLowerCase();
  const found = operations(spec).find((o) => o.where === "paths" && o.method === method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path));
  if (!found) return [`no operation ${request.method} ${path}`];
  const { op } = found;
  const values = new RegExp(`^${found.path.replace(/\{[^}]+\}/g, "([^/]+)")}$`).exec(path)!.slice(1);
  const names = [...found.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const item = spec.paths[found.path] as JsonObject;
  const parameters = [...((item.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])].map((p) => deref(spec, p) as JsonObject);
  const declared = (where: string, name: string) => parameters.find((p) => p.in === where && p.name === name);
  const check = (what: string, schema: Json | undefined, value: unknown) => {
    for (const error of validate((schema as JsonObject) ?? {}, value)) problems.push(`${what}: ${error.instancePath} ${error.message}`);
  };
  // Query and path values are strings on the wire: an integer schema gets the number.
  const typed = (schema: Json | undefined, text: string) =>
    ["integer", "number"].includes(String((deref(spec, schema) as JsonObject | undefined)?.type)) && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  names.forEach((name, i) => {
    const p = declared("path", name);
    if (!p) problems.push(`path parameter ${name} not declared`);
    else check(`path ${name}`, p.schema, typed(p.schema, decodeURIComponent(values[i]!)));
  });
  for (const [name, value] of request.url.searchParams) {
    const p = declared("query", name);
    if (!p) problems.push(`query parameter ${name} not declared`);
    else check(`query ${name}`, p.schema, typed(p.schema, value));
  }
  for (const p of parameters.filter((x) => x.in === "header")) {
    const value = request.headers.get(String(p.name));
    if (value === null) {
      if (p.required) problems.push(`required header ${String(p.name)} missing`);
    } else check(`header ${String(p.name)}`, p.schema, value);
  }
  const security = (op.security ?? spec.security ?? []) as JsonObject[];
  const schemes = (spec.components as JsonObject).securitySchemes as JsonObject | undefined;
  for (const requirement of security.slice(0, 1)) {
    for (const name of Object.keys(requirement)) {
      const scheme = schemes?.[name] as JsonObject | undefined;
      if (scheme?.type === "apiKey" && scheme.in === "header" && request.headers.get(String(scheme.name)) === null)
        problems.push(`security header ${String(scheme.name)} missing`);
    }
  }
  const body = op.requestBody ? (deref(spec, op.requestBody) as JsonObject) : undefined;
  if (request.body === "") {
    if (body?.required) problems.push("required body missing");
  } else if (!body) {
    problems.push("a body where the operation has none");
  } else {
    const type = request.headers.get("content-type") ?? "";
    const media = (body.content as JsonObject)[type] as JsonObject | undefined;
    if (!media) problems.push(`content type ${type} not declared (${Object.keys(body.content as JsonObject).join(", ")})`);
    else check("body", media.schema, request.json);
  }
  return problems;
}
