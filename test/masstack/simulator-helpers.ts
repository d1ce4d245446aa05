// Shared by the MasStack simulator's tests: serving a simulator through each face (its in-process
// fetch, MSW handlers, its own loopback HTTP server), raw calls whose every answer is checked
// against spec/masstack.openapi.yaml with closed schemas, RS256 assertions signed with plain Web
// Crypto (not the SDK's signer), and a loopback listener that keeps each callback's raw text.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { http, passthrough } from "msw";
import type { SetupServer } from "msw/node";
import { expect } from "vitest";
import type { MasStackSimulator, ServiceAccountKey } from "../../src/masstack/mock/index.js";
import { createValidator, deref, loadSpecFile, type JsonObject } from "../helpers/spec.js";

export const spec = loadSpecFile("masstack.openapi.yaml");
const validate = createValidator(spec, { closed: true });
export const schemas = spec.components.schemas;

export type Face = "fetch" | "msw" | "http";
export const FACES: Face[] = ["fetch", "msw", "http"];

/** Lets requests to loopback servers (the HTTP face, callback listeners) through MSW, while anything else unhandled is an error. */
export const loopbackPassthrough = http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough());

export interface Served {
  baseUrl: string;
  tokenUrl: string;
  fetch: typeof fetch;
  close(): Promise<void>;
}

/** Serves `sim` through `face`: its fetch, its MSW handlers on `server` (already listening) or its own HTTP server. */
export async function serve(face: Face, sim: MasStackSimulator, server?: SetupServer, options: { auth?: boolean } = {}): Promise<Served> {
  if (face === "http") return { ...(await sim.listen(options)), fetch: globalThis.fetch };
  if (face === "fetch") return { baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, fetch: sim.fetch as typeof fetch, close: async () => undefined };
  server!.use(...sim.handlers);
  return { baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, fetch: globalThis.fetch, close: async () => server!.resetHandlers() };
}

const trim = (path: string) => path.replace(/\/+$/, "") || "/";

/** The spec's path template of `method path` (a path under the base URL). */
export function template(method: string, path: string): string | undefined {
  return Object.keys(spec.paths).find(
    (t) => new RegExp(`^${trim(t).replaceAll(/\{[^}]+\}/g, "[^/]+")}$`).test(trim(path)) && spec.paths[t]![method.toLowerCase()] !== undefined,
  );
}

/** The spec's operation object of `method path`. */
export function operationOf(method: string, path: string): JsonObject {
  const found = template(method, path);
  if (found === undefined) throw new Error(`no operation of the spec at ${method} ${path}`);
  return spec.paths[found]![method.toLowerCase()]!;
}

/** The schema of the answer to `method path` with `status`: null for "no body", undefined when the spec gives the status no answer. */
export function responseSchema(method: string, path: string, status: number): JsonObject | null | undefined {
  const op = operationOf(method, path);
  const response = deref(spec, (op.responses as Record<string, JsonObject>)[String(status)]);
  if (!response) return undefined;
  return (response.content as Record<string, { schema: JsonObject }> | undefined)?.["application/json"]?.schema ?? null;
}

/** Asserts `body` fits `schema` (a `$ref` into the spec's components or an inline schema), closed. */
export function expectConforms(schema: JsonObject, body: unknown, where: string): void {
  const errors = validate(schema, body);
  expect(errors.map((e) => `${where}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
}

/** The spec's schema of an operation's request body. */
export function requestSchema(method: string, path: string): JsonObject {
  const body = deref(spec, operationOf(method, path).requestBody as JsonObject);
  return (body.content as Record<string, { schema: JsonObject }>)["application/json"]!.schema;
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Request headers beyond Accept, Content-Type and the token. */
  headers?: Record<string, string>;
  /** The bearer token; default the one the caller was made with (`null`: none). */
  token?: string | null;
  /** A Request-Correlation-Id; default a new UUID for every request but a GET (`null`: none). */
  workflowId?: string | null;
  /** Skip the checks (an answer to a fault made on purpose). */
  unchecked?: boolean;
}

export type ErrorAnswer = { code: string; title: string };

/** Raw calls against a served simulator; every answer is validated against the spec. */
export function client(served: Served, token?: string) {
  return async function call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    const bearer = options.token === undefined ? token : options.token;
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const workflowId = options.workflowId === undefined ? (method === "GET" ? null : crypto.randomUUID()) : options.workflowId;
    if (workflowId !== null) headers["Request-Correlation-Id"] = workflowId;
    if (options.body !== undefined) headers["Content-Type"] ??= "application/json";
    const response = await served.fetch(`${served.baseUrl}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const body = (text ? JSON.parse(text) : undefined) as T;
    if (options.unchecked) return { status: response.status, headers: response.headers, body, text };
    const where = `${method} ${path} ${response.status}`;
    const schema = responseSchema(method, path, response.status);
    if (schema === undefined) expect.fail(`${where}: the spec documents no ${response.status} for this operation (${text})`);
    if (schema === null) expect(text, `${where} has no body`).toBe("");
    else expectConforms(schema, body, where);
    return { status: response.status, headers: response.headers, body, text };
  };
}

const b64url = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString("base64url");
const b64urlJson = (value: unknown) => b64url(new TextEncoder().encode(JSON.stringify(value)));

/** The private key of a key file, for signing. */
export function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "").replace(/\s+/g, ""), "base64");
  return crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
}

/** A JWS over `header` and `claims`, signed RS256 with `key` (or with the given signature text). */
export async function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: CryptoKey | { signature: string }): Promise<string> {
  const input = `${b64urlJson(header)}.${b64urlJson(claims)}`;
  if ("signature" in key) return `${input}.${key.signature}`;
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, new TextEncoder().encode(input));
  return `${input}.${b64url(signature)}`;
}

/**
 * A valid assertion for `account` to `audience` (the token URL), as the shared design has it:
 * `{ iss, sub, aud, iat, exp: iat + 300, jti }` with `kid` = `private_key_id`; `claims` and
 * `header` override members (undefined removes one).
 */
export async function assertion(
  account: ServiceAccountKey,
  audience: string,
  options: { claims?: Record<string, unknown>; header?: Record<string, unknown>; key?: CryptoKey; nowS?: number } = {},
): Promise<string> {
  const iat = options.nowS ?? Math.floor(Date.now() / 1000);
  const header = { alg: "RS256", typ: "JWT", kid: account.private_key_id, ...options.header };
  const claims = { iss: account.client_email, sub: account.client_email, aud: audience, iat, exp: iat + 300, jti: crypto.randomUUID(), ...options.claims };
  const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return signJwt(drop(header), drop(claims), options.key ?? (await importPrivateKey(account.private_key)));
}

/** POSTs `grant` (form fields) to the token URL. */
export async function tokenRequest(served: Pick<Served, "tokenUrl" | "fetch">, grant: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await served.fetch(served.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(grant).toString(),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** An access token for `account` from the served token endpoint. */
export async function accessToken(served: Served, account: ServiceAccountKey): Promise<string> {
  const answer = await tokenRequest(served, { grant_type: JWT_BEARER, assertion: await assertion(account, served.tokenUrl) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.access_token as string;
}

export interface RawCallback {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A callback listener on 127.0.0.1 that keeps each request's raw text and answers the next planned status, then 200. */
export async function startCallbackListener() {
  const received: RawCallback[] = [];
  const plan: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method!, path: req.url!, headers: req.headers, text: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(plan.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    urls: (name: string) => ({ callback_success_url: `${base}/cb/${name}/success`, callback_error_url: `${base}/cb/${name}/error` }),
    received,
    answer: (...statuses: number[]) => void plan.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A callback body as a receiver reads it: all-digit numbers of `service_id` back to their digits. */
export function readCallback(text: string): Record<string, unknown> {
  return JSON.parse(text.replace(/"service_id":(\d+)/, '"service_id":"$1"')) as Record<string, unknown>;
}
