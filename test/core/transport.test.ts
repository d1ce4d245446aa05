// The core driven by a toy API of its own (test/core/toy.ts): no Giacom type, URL or body.
// Real servers on 127.0.0.1 with system-chosen ports: a node:http API and a real OAuth2 server.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { OAuth2Server } from "oauth2-mock-server";
import { afterEach, describe, expect, it } from "vitest";
import {
  clientCredentials,
  ConfigurationError,
  createTransport,
  isSdkError,
  NetworkError,
  RedirectError,
  resolveClientOptions,
  SdkError,
  staticHeaders,
  type RequestHookInfo,
  type ResponseHookInfo,
} from "giacom-sdk/core";
import { createToyClient, operations, ToyApiError, toyErrors, type ToyPaths } from "./toy.js";

import { TOY_CLIENT_SECRET as SECRET } from "../helpers/secrets.js";

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
type Answer = (request: Recorded) => { status: number; body?: unknown; headers?: Record<string, string> };

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function api(answer: Answer) {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      requests.push(request);
      const { status, body: out, headers = {} } = answer(request);
      res.writeHead(status, { ...(out === undefined ? {} : { "content-type": "application/json" }), ...headers });
      res.end(out === undefined ? undefined : JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return { url, requests };
}

const widget = { id: "w/1", name: "Sprocket" };

describe("core transport driven by a toy API", () => {
  it("fills any number of path parameters, sends the header credentials and types the answer", async () => {
    const server = await api(() => ({ status: 200, body: widget }));
    const toy = createToyClient({ baseUrl: server.url, businessId: "TT", clientId: "toy-client", clientSecret: SECRET });
    const got = await toy.widgets.get("w/1");
    expect(got).toEqual(widget);
    expect(server.requests[0]).toMatchObject({ method: "GET", url: "/TT/widgets/w%2F1" });
    expect(server.requests[0]!.headers).toMatchObject({ client_id: "toy-client", client_secret: SECRET });
    expect(server.requests[0]!.headers["x-correlation-id"]).toMatch(/\S/);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("sends a body with the media type its operation names (a merge patch), and JSON by default", async () => {
    const server = await api((request) => ({ status: request.method === "PATCH" ? 200 : 201, body: widget }));
    const toy = createToyClient({ baseUrl: server.url, businessId: "TT", clientId: "toy-client", clientSecret: SECRET });
    await toy.widgets.update("w/1", { colour: "blue" });
    await toy.widgets.create({ name: "Sprocket" });
    expect(server.requests.map((r) => [r.method, r.url, r.headers["content-type"], r.body])).toEqual([
      ["PATCH", "/TT/widgets/w%2F1", "application/merge-patch+json", '{"colour":"blue"}'],
      ["POST", "/TT/widgets", "application/json", '{"name":"Sprocket"}'],
    ]);
  });

  it("repeats a list in the query by default, and joins it with literal commas for an API that asks (TMF630)", async () => {
    const server = await api(() => ({ status: 200, body: [] }));
    const query = { colour: ["red", "blue"] as ("red" | "blue")[], limit: 5 };
    for (const commaLists of [undefined, true]) {
      const http = createTransport<ToyPaths>({
        ...resolveClientOptions({ baseUrl: server.url }),
        auth: staticHeaders({ k: "value" }),
        ...(commaLists ? { commaLists } : {}),
      });
      await http.send(operations.listWidgets, { params: { path: { businessId: "TT" }, query } });
      // A comma inside a value stays encoded: only the separators are literal.
      await http.send(operations.listWidgets, { params: { path: { businessId: "TT" }, query: { colour: ["red,ish" as "red"] } } });
    }
    expect(server.requests.map((r) => r.url)).toEqual([
      "/TT/widgets?colour=red&colour=blue&limit=5",
      "/TT/widgets?colour=red%2Cish",
      "/TT/widgets?colour=red,blue&limit=5",
      "/TT/widgets?colour=red%2Cish",
    ]);
  });

  it("decodes the API's error body with its own strategy: every entry kept, one class per status", async () => {
    const errors = [
      { code: "NOT_FOUND", message: "no such widget" },
      { code: "HINT", message: `request had client_secret=${SECRET}` },
    ];
    const server = await api(() => ({ status: 404, body: { errors } }));
    const toy = createToyClient({ baseUrl: server.url, businessId: "TT", clientId: "toy-client", clientSecret: SECRET });
    const error = (await toy.widgets.get("w-9").catch((e: unknown) => e)) as ToyApiError;

    expect(error).toBeInstanceOf(toyErrors.NotFoundError);
    expect(error).toBeInstanceOf(ToyApiError);
    expect(error).toBeInstanceOf(SdkError);
    expect(error).not.toBeInstanceOf(toyErrors.ServerError);
    expect(isSdkError(error)).toBe(true);
    expect(error).toMatchObject({ name: "NotFoundError", code: "NOT_FOUND", status: 404, method: "GET", path: "/TT/widgets/w-9" });
    expect(error.detail?.errors.map((e) => e.code)).toEqual(["NOT_FOUND", "HINT"]);
    // A 404 shows the whole URL tried: a base URL missing a segment is seen at once.
    expect(error.message).toBe(`GET ${server.url}/TT/widgets/w-9 failed with 404: NOT_FOUND no such widget; HINT request had client_secret=[REDACTED]`);
    expect(error.url).toBe(`${server.url}/TT/widgets/w-9`);
    // The server echoed the header credential: it reaches no part of the error.
    for (const view of [error.message, JSON.stringify(error.detail), JSON.stringify(error.body), inspect(error, { depth: 10 })])
      expect(view).not.toContain(SECRET);
  });

  it("never shows a header credential to hooks", async () => {
    const server = await api(() => ({ status: 200, body: widget, headers: { client_secret: SECRET } }));
    const seen: (RequestHookInfo | ResponseHookInfo)[] = [];
    const toy = createToyClient({
      baseUrl: server.url,
      businessId: "TT",
      clientId: "toy-client",
      clientSecret: SECRET,
      hooks: { onRequest: (i) => seen.push(i), onResponse: (i) => seen.push(i) },
    });
    await toy.widgets.get("w/1");
    expect(seen).toHaveLength(2);
    expect(seen[0]!.headers.client_secret).toBe("[REDACTED]");
    expect(seen[1]!.headers.client_secret).toBe("[REDACTED]");
    expect(JSON.stringify(seen)).not.toContain(SECRET);
    expect(inspect(toy, { depth: 10, showHidden: true })).not.toContain(SECRET);
  });

  it("counts what the API's success rule says as success, and only that", async () => {
    let code = "DUPLICATE";
    const server = await api(() => ({ status: 409, body: { errors: [{ code, message: "exists" }] } }));
    const toy = createToyClient({ baseUrl: server.url, businessId: "TT", clientId: "toy-client", clientSecret: SECRET });
    await expect(toy.widgets.create({ name: "Sprocket" })).resolves.toBeUndefined();
    code = "LOCKED";
    await expect(toy.widgets.create({ name: "Sprocket" })).rejects.toBeInstanceOf(toyErrors.ConflictError);
  });

  it("never follows a redirect: the other origin receives nothing", async () => {
    const elsewhere = await api(() => ({ status: 200, body: widget }));
    const server = await api(() => ({ status: 307, headers: { location: `${elsewhere.url}/steal` } }));
    const toy = createToyClient({ baseUrl: server.url, businessId: "TT", clientId: "toy-client", clientSecret: SECRET, retry: false });
    const error = await toy.widgets.get("w/1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as RedirectError).location).toBe(elsewhere.url);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("names the host and the system code when the API cannot be reached", async () => {
    const server = await api(() => ({ status: 200, body: widget }));
    await Promise.all(servers.splice(0).map((s) => s.close()));
    const toy = createToyClient({ baseUrl: server.url, businessId: "TT", clientId: "toy-client", clientSecret: SECRET, retry: false });
    const error = (await toy.widgets.get("w-1").catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(`GET /TT/widgets/w-1 could not reach the API at ${new URL(server.url).host} (ECONNREFUSED)`);
    expect(error.retryable).toBe(true);
  });

  it("shows the whole URL of a 404 when the base URL lacks a segment", async () => {
    const server = await api((request) => (request.url.startsWith("/v1/") ? { status: 200, body: widget } : { status: 404 }));
    const toy = createToyClient({ baseUrl: server.url, businessId: "TT", clientId: "toy-client", clientSecret: SECRET });
    const error = (await toy.widgets.get("w-1").catch((e: unknown) => e)) as ToyApiError;
    expect(error).toBeInstanceOf(toyErrors.NotFoundError);
    expect(error.message).toBe(`GET ${server.url}/TT/widgets/w-1 failed with 404: no error body`);
    await expect(
      createToyClient({ baseUrl: `${server.url}/v1`, businessId: "TT", clientId: "toy-client", clientSecret: SECRET }).widgets.get("w-1"),
    ).resolves.toEqual(widget);
  });

  it("sends an operation that names another root under that root, and one whose root is not given under baseUrl", async () => {
    const server = await api(() => ({ status: 200, body: widget }));
    const http = createTransport<ToyPaths>({
      ...resolveClientOptions({ baseUrl: `${server.url}/v2` }),
      bases: { events: `${server.url}/v1` },
      auth: staticHeaders({ client_id: "toy-client", client_secret: SECRET }),
    });
    const init = { params: { path: { businessId: "TT", id: "w-1" } } };
    await http.send({ ...operations.getWidget, base: "events" }, init);
    await http.send({ ...operations.getWidget, base: "elsewhere" }, init);
    await http.send(operations.getWidget, init);
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/TT/widgets/w-1", "/v2/TT/widgets/w-1", "/v2/TT/widgets/w-1"]);
  });

  it("refuses unusable header credentials by name, never by value", () => {
    const error = (() => {
      try {
        staticHeaders({ client_id: "toy-client", client_secret: "abc" }, { minLength: 5 });
      } catch (e) {
        return e;
      }
    })() as ConfigurationError;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.option).toBe("headers.client_secret");
    expect(error.message).not.toContain("abc");
  });

  it("authenticates with a bearer token from a real OAuth2 server: one token for concurrent calls, a fresh one after a 401", async () => {
    const oauth = new OAuth2Server();
    await oauth.issuer.keys.generate("RS256");
    await oauth.start(0, "127.0.0.1");
    servers.push({ close: () => oauth.stop() });
    let tokenRequests = 0;
    oauth.service.on("beforeResponse", () => tokenRequests++);
    // Two tokens signed within the same second are otherwise byte for byte equal.
    oauth.service.on("beforeTokenSigning", (token: { payload: Record<string, unknown> }) => (token.payload.jti = randomUUID()));

    let refused: string | undefined;
    const server = await api((request) => {
      const token = request.headers.authorization;
      if (refused === undefined) refused = token; // the first token is revoked early
      return token === refused ? { status: 401, body: { errors: [{ code: "EXPIRED", message: "token revoked" }] } } : { status: 200, body: widget };
    });
    const tokens = clientCredentials({ tokenUrl: `http://127.0.0.1:${oauth.address().port}/token`, clientId: "toy-client", clientSecret: SECRET });
    const toy = createToyClient({ baseUrl: server.url, businessId: "TT", tokenProvider: tokens });

    const first = await toy.widgets.get("w/1");
    expect(first).toEqual(widget);
    expect(tokenRequests).toBe(2);
    await Promise.all(Array.from({ length: 5 }, () => toy.widgets.get("w/1")));
    expect(tokenRequests).toBe(2);
    expect(server.requests.every((r) => r.headers.authorization?.startsWith("Bearer "))).toBe(true);
  });

  it("types every operation from the paths it is given", () => {
    const http = createTransport<ToyPaths>({ ...resolveClientOptions({ baseUrl: "http://127.0.0.1:1" }), auth: staticHeaders({ k: "value" }) });
    const send = () => {
      // @ts-expect-error a path parameter is missing
      void http.send(operations.getWidget, { params: { path: { id: "w" } } });
      // @ts-expect-error the body of a create is a widget without id
      void http.send(operations.createWidget, { params: { path: { businessId: "TT" } }, body: { colour: "green" } });
      // @ts-expect-error a merge patch's body is typed from its media type too: no such colour
      void http.send(operations.patchWidget, { params: { path: { businessId: "TT", id: "w" } }, body: { colour: "green" } });
      // @ts-expect-error the contract has no PUT on widgets
      void http.send({ method: "put", path: "/{businessId}/widgets", idempotent: true }, { params: { path: { businessId: "TT" } } });
    };
    expect(typeof send).toBe("function");
  });
});
