// Attacks a hostile server can make on the client, each over real loopback HTTP: redirects to
// another host, bodies that never end or inflate without bound, answers cut off after their status
// line, error bodies nested 100k deep, count headers that are not counts, successful answers of
// the wrong shape, and servers that echo secrets. Each test states what a user relies on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  AuthError,
  BadRequestError,
  createGiacomClient,
  InvalidResponseError,
  RedirectError,
  SubmissionUnknownError,
  TimeoutError,
  type GiacomClientOptions,
  type ResponseHookInfo,
  type ServiceOrderCreate,
} from "giacom-sdk";
import { documentedOrder } from "../giacom/fixtures/catalogue.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A node:http server on 127.0.0.1 that records what reaches it and answers as the test says. */
async function hostServer() {
  const seen: Seen[] = [];
  const closed: string[] = [];
  let handler: Handler = (_req, res) => res.writeHead(500).end();
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      // "close" on the response before it finished: the client went away.
      res.on("close", () => {
        if (!res.writableFinished) closed.push(`${req.method} ${req.url}`);
      });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen,
    closed,
    handle(next: Handler) {
      handler = next;
    },
    reset() {
      seen.length = 0;
      closed.length = 0;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Host = Awaited<ReturnType<typeof hostServer>>;

const SECRET = `sec-${randomBytes(12).toString("hex")}/+=&é\\"q`;
const TOKEN = `tok-${randomBytes(16).toString("hex")}`;
const SERVICE = { id: "svc-1", state: "active", serviceSpecification: { id: "MOBILE_VOICE_SRV_GIACOM_O2" } };

const tokenAnswer = (res: ServerResponse, body: object = { access_token: TOKEN, token_type: "Bearer", expires_in: 3600 }) =>
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));

let api: Host;
let foreign: Host;

beforeAll(async () => {
  api = await hostServer();
  foreign = await hostServer();
  foreign.handle((_req, res) => tokenAnswer(res, { access_token: "minted-by-the-foreign-host", token_type: "Bearer", expires_in: 3600, id: "foreign" }));
});
afterAll(async () => {
  await api.close();
  await foreign.close();
});
afterEach(() => {
  api.reset();
  foreign.reset();
});

function client(options: Partial<GiacomClientOptions> = {}) {
  return createGiacomClient({
    baseUrl: `${api.origin}/v2`,
    tokenUrl: `${api.origin}/token`,
    credentials: { clientId: "hostile-test", clientSecret: SECRET, authMethod: "basic" },
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    timeoutMs: 10_000,
    ...options,
  });
}

/** Serves the token at /token and hands every other request to `rest`. */
function serve(rest: Handler, token: Handler = (_req, res) => tokenAnswer(res)) {
  api.handle((req, res, body) => (req.url === "/token" ? token(req, res, body) : rest(req, res, body)));
}

const order = (): ServiceOrderCreate => documentedOrder<ServiceOrderCreate>("ServiceOrderCeaseService");

/** Everything a user could see of an error, flattened, to look for what must not be there. */
const exposed = (value: unknown): string => {
  const parts: string[] = [];
  let e: unknown = value;
  for (let depth = 0; e && depth < 5; depth++, e = (e as { cause?: unknown }).cause) {
    parts.push(String(e), JSON.stringify(e, Object.getOwnPropertyNames(e)) ?? "");
  }
  return parts.join("\n");
};

describe("redirects are never followed to another origin", () => {
  const statuses = [301, 302, 303, 307, 308];
  const redirectTo = (status: number) => (_req: IncomingMessage, res: ServerResponse) =>
    res.writeHead(status, { Location: `${foreign.origin}/collect?secret=${encodeURIComponent(SECRET)}` }).end();
  const cases = statuses.flatMap((status) =>
    (["basic", "body"] as const).flatMap((authMethod) => (["token", "GET", "POST"] as const).map((where) => ({ status, authMethod, where }))),
  );

  it.each(cases)(
    "$status on $where ($authMethod auth): a RedirectError naming the target origin, zero requests reach it",
    async ({ status, authMethod, where }) => {
      if (where === "token") serve((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(SERVICE)), redirectTo(status));
      else serve(redirectTo(status));
      const giacom = client({ credentials: { clientId: "hostile-test", clientSecret: SECRET, authMethod } });
      const call = where === "POST" ? giacom.serviceOrders.create(order(), { validate: false }) : giacom.services.get("svc-1");
      const error = await call.catch((e: unknown) => e);

      expect(error).toBeInstanceOf(RedirectError);
      expect((error as RedirectError).retryable).toBe(false);
      expect((error as RedirectError).status).toBe(status);
      expect((error as RedirectError).location).toBe(foreign.origin);
      expect((error as Error).message).toContain(foreign.origin);
      // Never the target's path or query, which may carry anything.
      expect(exposed(error)).not.toContain("collect");
      expect(exposed(error)).not.toContain("secret=");
      expect(foreign.seen).toHaveLength(0);
      // Not retried: one request where it was refused.
      expect(api.seen.filter((r) => (where === "token" ? r.url === "/token" : r.url !== "/token"))).toHaveLength(1);
    },
  );

  it("a webhook subscription redirected with 307 never carries the webhook API key to the other host", async () => {
    serve((_req, res) => res.writeHead(307, { Location: `${foreign.origin}/hub` }).end());
    const apiKey = `whk-${randomBytes(8).toString("hex")}`;
    const error = await client()
      .hub.subscribe({ callback: "https://reseller.example/giacom/events", apiKey })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(foreign.seen).toHaveLength(0);
    expect(exposed(error)).not.toContain(apiKey);
  });

  it("a same-origin redirect is refused too: the SDK does not guess which redirects are safe", async () => {
    serve((_req, res) => res.writeHead(302, { Location: "/v2/elsewhere" }).end());
    const error = await client()
      .services.get("svc-1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as RedirectError).location).toBe(api.origin);
    expect(api.seen.filter((r) => r.url !== "/token")).toHaveLength(1);
  });
});

describe("a call that ends stops its work", () => {
  const drips: Handler = (_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.write('{"id":"svc-1","padding":"');
    const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write("x".repeat(1024))), 20);
    res.on("close", () => clearInterval(drip));
  };
  it.each([
    ["whose body drips past the deadline", drips],
    ["whose headers never come", (() => undefined) as Handler],
  ])("a GET %s is aborted at the deadline: the server sees the connection closed", async (_, handler) => {
    serve(handler);
    const error = await client()
      .services.get("svc-1", { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    await vi.waitFor(() => expect(api.closed).toContain("GET /v2/service/svc-1"), { timeout: 10_000, interval: 20 });
  });

  it("a GET the caller aborts is aborted on the wire", async () => {
    serve(() => undefined);
    const controller = new AbortController();
    const call = client().services.get("svc-1", { signal: controller.signal });
    await vi.waitFor(() => expect(api.seen.some((r) => r.url === "/v2/service/svc-1")).toBe(true), { timeout: 10_000, interval: 5 });
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: "ABORTED" });
    await vi.waitFor(() => expect(api.closed).toContain("GET /v2/service/svc-1"), { timeout: 10_000, interval: 20 });
  });
});

describe("bodies are bounded after decompression", () => {
  // 64 MiB of JSON whitespace inside a string compresses to about 64 KiB: a small bomb.
  const bomb = gzipSync(Buffer.concat([Buffer.from('{"id":"svc-1","x":"'), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from('"}')]));

  it("a gzip bomb is stopped at maxResponseBytes (default 32 MiB), not retried, and reported as an InvalidResponseError", async () => {
    serve((_req, res) => res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": bomb.length }).end(bomb));
    const error = await client()
      .services.get("svc-1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).retryable).toBe(false);
    expect((error as Error).message).toContain("maxResponseBytes");
    expect(api.seen.filter((r) => r.url !== "/token")).toHaveLength(1);
  });

  it.each([
    ["declared by Content-Length", true],
    ["streamed without a length", false],
  ])("a plain body over maxResponseBytes (%s) is refused", async (_, declared) => {
    const body = JSON.stringify({ ...SERVICE, padding: "y".repeat(4096) });
    serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", ...(declared ? { "Content-Length": Buffer.byteLength(body) } : {}) });
      if (declared) res.end(body);
      else {
        res.write(body.slice(0, 2000));
        res.end(body.slice(2000));
      }
    });
    await expect(client({ maxResponseBytes: 2048 }).services.get("svc-1")).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(client({ maxResponseBytes: 64 * 1024 }).services.get("svc-1")).resolves.toMatchObject({ id: "svc-1" });
  });

  it("an answer cut off after its status line is an InvalidResponseError, never 'could not reach the API'", async () => {
    serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": 1000 });
      res.write('{"id":"svc-1",');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await client({ retry: false })
      .services.get("svc-1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).not.toContain("could not reach");
    expect((error as InvalidResponseError).status).toBe(200);
  });

  it("an error body nested 100,000 deep is still a BadRequestError, not retried", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    serve((_req, res) => res.writeHead(400, { "Content-Type": "application/json" }).end(deep));
    const error = await client()
      .services.get("svc-1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(api.seen.filter((r) => r.url !== "/token")).toHaveLength(1);
  });
});

describe("successful answers carry what the caller relies on", () => {
  const entity =
    (body: string, status = 200) =>
    (_req: IncomingMessage, res: ServerResponse) =>
      res.writeHead(status, { "Content-Type": "application/json" }).end(body);

  it.each(["[1,2,3]", "null", "{}", '"svc-1"', '{"id":42}'])("a read answered %s is an InvalidResponseError, not a typed Service", async (body) => {
    serve(entity(body));
    await expect(client().services.get("svc-1")).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it.each(["null", "[]", "{}"])("an order created with a 201 of %s is an InvalidResponseError, not a TypeError blaming the caller", async (body) => {
    serve(entity(body, 201));
    const error = await client()
      .serviceOrders.create(order(), { validate: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(201);
  });

  it("a submission answered with an unreadable 201 is looked up, never sent twice", async () => {
    const posts: string[] = [];
    serve((req, res, body) => {
      if (req.method === "POST") {
        posts.push(body);
        res.writeHead(201, { "Content-Type": "application/json" }).end("{}");
      } else res.writeHead(200, { "Content-Type": "application/json", "X-Total-Count": "0", "X-Result-Count": "0" }).end("[]");
    });
    const error = await client({ submission: { lookupWindowMs: 10, lookupIntervalMs: 5 } })
      .serviceOrders.submit(order(), { validate: false })
      .submitted()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmissionUnknownError);
    expect(posts).toHaveLength(1);
  });

  it("a list whose items are not objects is an InvalidResponseError", async () => {
    serve(entity("[1,2,3]"));
    await expect(client().services.list()).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it.each(["1e23", `1${"0".repeat(400)}`, "-1", "9007199254740993", "12abc"])(
    "a count header of %s is an InvalidResponseError, never Infinity",
    async (count) => {
      serve((_req, res) => res.writeHead(200, { "Content-Type": "application/json", "X-Total-Count": count, "X-Result-Count": "0" }).end("[]"));
      await expect(client().services.count()).rejects.toBeInstanceOf(InvalidResponseError);
      await expect(client().services.list()).rejects.toBeInstanceOf(InvalidResponseError);
    },
  );
});

describe("secrets never reach hooks or errors, however a server echoes them", () => {
  it("a response header echoing the token does not reach onResponse", async () => {
    serve((_req, res) =>
      res.writeHead(200, { "Content-Type": "application/json", "X-Echo": `Bearer ${TOKEN}`, "X-Total-Count": "1" }).end(JSON.stringify(SERVICE)),
    );
    const seen: ResponseHookInfo[] = [];
    await client({ hooks: { onResponse: (info) => seen.push(info) } }).services.get("svc-1");
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
    expect(seen[0]!.headers).not.toHaveProperty("x-echo");
  });

  const lowerHex = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
  it.each([
    ["URI-encoded", encodeURIComponent(SECRET)],
    ["URI-encoded in lower-case hex", lowerHex(SECRET)],
    ["JSON-escaped", JSON.stringify(SECRET).slice(1, -1)],
  ])("a secret echoed %s in error_description does not reach AuthError", async (_, echoed) => {
    serve(
      () => undefined,
      (_req, res) =>
        res.writeHead(401, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "invalid_client", error_description: `bad secret ${echoed}` })),
    );
    const error = await client()
      .services.get("svc-1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(exposed(error)).not.toContain(echoed);
    expect(exposed(error)).not.toContain(SECRET);
  });

  it("a secret or token echoed inside token_type does not reach AuthError", async () => {
    serve(
      () => undefined,
      (_req, res) => tokenAnswer(res, { access_token: TOKEN, token_type: `Mac ${SECRET} ${TOKEN}`, expires_in: 60 }),
    );
    const error = await client()
      .services.get("svc-1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(exposed(error)).not.toContain(SECRET);
    expect(exposed(error)).not.toContain(TOKEN);
  });

  it("a token containing CR/LF is refused with an AuthError that does not show it, and never reaches onRetry", async () => {
    const bad = `${TOKEN}\r\nX-Injected: 1`;
    serve(
      () => undefined,
      (_req, res) => tokenAnswer(res, { access_token: bad, token_type: "Bearer", expires_in: 60 }),
    );
    const retries: unknown[] = [];
    const error = await client({ hooks: { onRetry: (info) => retries.push(info) } })
      .services.get("svc-1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(exposed(error)).not.toContain(TOKEN);
    expect(JSON.stringify(retries)).not.toContain(TOKEN);
    expect(api.seen.filter((r) => r.url !== "/token")).toHaveLength(0);
  });
});
