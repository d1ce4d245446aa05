// Shared by the simulator's tests: serving a simulator in either mode (MSW handlers or its own
// HTTP server), raw fetch calls whose every answer is checked against the contract (closed
// schemas), and a real webhook listener on 127.0.0.1.
import { http, passthrough } from "msw";
import type { SetupServer } from "msw/node";
import { expect } from "vitest";
import { startListener as startCallbackListener, type Received as ReceivedRequest } from "../../helpers/listener.js";
import type { GiacomSimulator } from "../../../src/giacom/mock/index.js";
import { createValidator, deref, loadSpec, type JsonObject } from "../spec/spec-helpers.js";

export const spec = loadSpec();
const validate = createValidator(spec, { closed: true });
export const examples = spec.components.examples;
export const example = (name: string) => structuredClone(examples[name]!.value) as Record<string, unknown>;

export type Mode = "msw" | "http";
export const MODES: Mode[] = ["msw", "http"];

/** Lets deliveries to local listeners through MSW while everything else unhandled is an error. */
export const loopbackPassthrough = http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough());

export interface Served {
  baseUrl: string;
  tokenUrl: string;
  close(): Promise<void>;
}

/** Serves `sim`: through `server` (MSW, already listening) or on its own loopback port. */
export async function serve(mode: Mode, sim: GiacomSimulator, server?: SetupServer): Promise<Served> {
  if (mode === "http") return sim.listen();
  server!.use(...sim.handlers);
  return {
    baseUrl: "https://api.uat.integrations.giacom.com/v2",
    tokenUrl: "https://auth.uat.integrations.giacom.com/oauth2/token",
    close: async () => server!.resetHandlers(),
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

/** The schema the contract gives the answer of `method path` with `status`, or null for "no body", or undefined when it defines none. */
export function responseSchema(method: string, path: string, status: number): JsonObject | null | undefined {
  // Found from the spec's own path templates, not from the simulator's route table.
  const template = Object.keys(spec.paths).find(
    (t) => new RegExp(`^${t.replaceAll(/\{[^}]+\}/g, "[^/]+")}$`).test(path) && spec.paths[t]![method.toLowerCase()],
  );
  if (template === undefined) return undefined;
  const op = spec.paths[template]![method.toLowerCase()];
  const response = deref(spec, (op?.responses as Record<string, JsonObject> | undefined)?.[String(status)]);
  if (!response) return undefined;
  const content = response.content as Record<string, { schema: JsonObject }> | undefined;
  return content?.["application/json"]?.schema ?? null;
}

/** Asserts `body` fits `schema` (a `$ref` to the spec's components or an inline schema). */
export function expectConforms(schema: JsonObject, body: unknown, where: string): void {
  const errors = validate(schema, body);
  expect(errors.map((e) => `${where}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  /** Skip the contract check (answers a fault made on purpose). */
  unchecked?: boolean;
}

/**
 * The root of `path` on a served simulator: its base URL, or for a path whose own `servers` the
 * spec gives (the hub), the base URL with the spec's version segment replaced by the path's.
 */
export function rootOf(served: Served, path: string): string {
  const template = Object.keys(spec.paths).find((t) => new RegExp(`^${t.replaceAll(/\{[^}]+\}/g, "[^/]+")}$`).test(path));
  const own = (template === undefined ? undefined : (spec.paths[template] as { servers?: { url: string }[] }).servers)?.[0]?.url;
  if (own === undefined) return served.baseUrl;
  const version = (url: string) => new URL(url).pathname;
  return served.baseUrl.replace(new RegExp(`${version((spec.servers as { url: string }[])[0]!.url)}$`), version(own));
}

/** Raw fetch against a served simulator. Every answer the contract describes is validated against it. */
export function client(served: Served) {
  async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const url = new URL(rootOf(served, path) + path);
    for (const [key, value] of Object.entries(options.query ?? {})) for (const v of [value].flat()) url.searchParams.append(key, v);
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["Content-Type"] ??= "application/json";
    const response = await fetch(url, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    if (options.unchecked) return { status: response.status, headers: response.headers, text, body: undefined };
    const answer: Answer = { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as unknown) : undefined };
    const schema = responseSchema(method, path, response.status);
    if (schema === null) expect(text, `${method} ${path} ${response.status} has no body`).toBe("");
    else if (schema) expectConforms(schema, answer.body, `${method} ${path} ${response.status}`);
    else if (response.status >= 400) expectConforms({ $ref: "#/components/schemas/Error" }, answer.body, `${method} ${path} ${response.status}`);
    if (Array.isArray(answer.body) && response.status === 200) {
      expect(response.headers.get("X-Total-Count")).toMatch(/^\d+$/);
      expect(response.headers.get("X-Result-Count")).toBe(String(answer.body.length));
    }
    return answer;
  }

  async function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(served.tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** A token for the default simulator client (every scope unless `scope` narrows it). */
  async function token(scope?: string, credentials = { id: "sim-client", secret: "sim-secret" }): Promise<string> {
    const answer = await tokenRequest(
      { grant_type: "client_credentials", ...(scope ? { scope } : {}) },
      { Authorization: basic(credentials.id, credentials.secret) },
    );
    expect(answer.status).toBe(200);
    return (answer.body as { access_token: string }).access_token;
  }

  return { call, token, tokenRequest };
}

export const basic = (id: string, secret: string) => `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`;

export type Received = ReceivedRequest<{ eventId: string; eventType: string; event: Record<string, { id: string; state?: string; version?: number }> }>;

/** A webhook listener on 127.0.0.1: records each delivery and answers the next planned status (then 202). */
export const startListener = () => startCallbackListener<Received["body"]>({ path: "/webhook", status: 202 });
