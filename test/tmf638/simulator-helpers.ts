// Shared by the TMF638 simulator's tests: serving a simulator through each face (its in-process
// fetch, MSW handlers, its own loopback HTTP server), raw calls whose every answer is checked
// against spec/tmf638.openapi.yaml with closed schemas (an error answer must also carry its
// status as `errors[0].code`), and a real listener on 127.0.0.1 for hub deliveries.
import { http, passthrough } from "msw";
import type { SetupServer } from "msw/node";
import { expect } from "vitest";
import type { ServiceInventorySimulator } from "../../src/tmf638/mock/index.js";
import type { ServiceInventoryEvent } from "../../src/tmf638/generated/events.js";
import { createValidator, deref, loadSpecFile, type JsonObject } from "../helpers/spec.js";
import { startListener as startCallbackListener } from "../helpers/listener.js";

export const spec = loadSpecFile("tmf638.openapi.yaml");
const validate = createValidator(spec, { closed: true });
export const schemas = spec.components.schemas;

export type Face = "fetch" | "msw" | "http";
export const FACES: Face[] = ["fetch", "msw", "http"];

/** The simulator's default credentials as the seed's headers. */
export const CREDENTIALS = { client_id: "sim-client", client_secret: "sim-secret" };

/** Lets requests to loopback servers (the HTTP face, listeners) through MSW, while anything else unhandled is an error. */
export const loopbackPassthrough = http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough());

export interface Served {
  baseUrl: string;
  fetch: typeof fetch;
  close(): Promise<void>;
}

/** Serves `sim` through `face`: its fetch, its MSW handlers on `server` (already listening) or its own HTTP server. */
export async function serve(face: Face, sim: ServiceInventorySimulator, server?: SetupServer, options: { auth?: boolean } = {}): Promise<Served> {
  if (face === "http") return { ...(await sim.listen(options)), fetch: globalThis.fetch };
  if (face === "fetch") return { baseUrl: sim.baseUrl, fetch: sim.fetch as typeof fetch, close: async () => undefined };
  server!.use(...sim.handlers);
  return { baseUrl: sim.baseUrl, fetch: globalThis.fetch, close: async () => server!.resetHandlers() };
}

/** The spec's path template of a path under the base URL. */
function template(method: string, path: string): string | undefined {
  return Object.keys(spec.paths).find((t) => new RegExp(`^${t.replaceAll(/\{[^}]+\}/g, "[^/]+")}$`).test(path) && spec.paths[t]![method.toLowerCase()]);
}

/** The statuses the spec documents for `method path`. */
export function documentedStatuses(method: string, path: string): number[] {
  const op = spec.paths[template(method, path)!]![method.toLowerCase()]!;
  return Object.keys(op.responses as object).map(Number);
}

/**
 * The schema of the answer to `method path` with `status`: null for "no body", undefined when
 * the spec gives the status no answer. `projected`: the answer of a `fields` selection, whose
 * entities keep only some attributes, so their schema requires none (and stays closed).
 */
export function responseSchema(method: string, path: string, status: number, projected = false): JsonObject | null | undefined {
  const found = template(method, path);
  if (found === undefined) return undefined;
  const op = spec.paths[found]![method.toLowerCase()]!;
  const response = deref(spec, (op.responses as Record<string, JsonObject> | undefined)?.[String(status)]);
  if (!response) return undefined;
  const schema = (response.content as Record<string, { schema: JsonObject }> | undefined)?.["application/json"]?.schema ?? null;
  if (!projected || schema === null) return schema;
  const relax = (s: JsonObject): JsonObject => {
    const rest = { ...deref(spec, s) };
    delete rest.required;
    return rest;
  };
  return schema.type === "array" ? { type: "array", items: relax(schema.items as JsonObject) } : relax(schema);
}

/** Asserts `body` fits `schema` (a `$ref` into the spec's components or an inline schema), closed. */
export function expectConforms(schema: JsonObject, body: unknown, where: string): void {
  const errors = validate(schema, body);
  expect(errors.map((e) => `${where}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  /** The credential headers; default the simulator's (`null`: none). */
  credentials?: Record<string, string> | null;
  body?: unknown;
  /** Default application/json for a body (application/merge-patch+json for a PATCH). */
  contentType?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  /** Skip the checks (an answer to a fault made on purpose, such as a dropped connection). */
  unchecked?: boolean;
}

export type ErrorAnswer = { errors: { code: number; message: string; description: string }[] };

/** Raw calls against a served simulator; every answer is validated against the spec. */
export function client(served: Served) {
  return async function call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const url = new URL(served.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) for (const v of [value].flat()) url.searchParams.append(key, v);
    const headers: Record<string, string> = {
      Accept: "application/json",
      ...(options.credentials === null ? {} : (options.credentials ?? CREDENTIALS)),
      ...options.headers,
    };
    if (options.body !== undefined)
      headers["Content-Type"] ??= options.contentType ?? (method === "PATCH" ? "application/merge-patch+json" : "application/json");
    const response = await served.fetch(url, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const body = (text ? JSON.parse(text) : undefined) as T;
    if (options.unchecked) return { status: response.status, headers: response.headers, body };
    const where = `${method} ${url.pathname}${url.search} ${response.status}`;
    const schema = responseSchema(method, path.split("?")[0]!, response.status, url.searchParams.has("fields"));
    if (schema === null) expect(text, `${where} has no body`).toBe("");
    else if (schema) expectConforms(schema, body, where);
    else if (template(method, path.split("?")[0]!) !== undefined) expect.fail(`${where}: the spec documents no ${response.status} for this operation`);
    if (response.status >= 400) {
      expect(body, where).toEqual({ errors: [{ code: response.status, message: expect.any(String), description: expect.any(String) }] });
    }
    if (Array.isArray(body) && response.status === 200) {
      expect(response.headers.get("X-Total-Count"), where).toMatch(/^\d+$/);
      expect(response.headers.get("X-Result-Count"), where).toBe(String(body.length));
    }
    return { status: response.status, headers: response.headers, body };
  };
}

/** A listener on 127.0.0.1 that records each delivery and answers the next planned status (then 201, as the official listener operations do). */
export const startListener = () => startCallbackListener<ServiceInventoryEvent>({ path: "/listener", status: 201 });

/** The spec's schema of each notification, by event type (its `webhooks`). */
export function eventSchema(eventType: string): JsonObject {
  const item = deref(spec, spec.webhooks![eventType]!) as Record<string, JsonObject>;
  const body = deref(spec, item.post!.requestBody as JsonObject);
  return (body.content as Record<string, { schema: JsonObject }>)["application/json"]!.schema;
}
