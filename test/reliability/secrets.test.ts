// Secrets across every failure path a user meets: with fresh random secrets per test, the
// client secret, the tokens and the webhook API key never show in an error (message, String,
// stack, JSON, util.inspect, cause chain), a hook payload, a log line, a webhook answer or an
// inspected client, token provider or receiver, even when the servers echo them back.
// Plain HTTP to a host other than loopback is refused before anything is sent.
import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  AuthError,
  clientCredentials,
  ConfigurationError,
  createGiacomClient,
  GiacomError,
  NetworkError,
  SubmissionUnknownError,
  type GiacomClient,
  type GiacomClientOptions,
  type ServiceOrderCreate,
} from "giacom-sdk";
import { createWebhookReceiver } from "giacom-sdk/webhooks";
import { documentedOrder } from "../giacom/fixtures/catalogue.js";

const BASE_URL = "https://api.secrets.example/v2";
const TOKEN_URL = "https://auth.secrets.example/oauth2/token";
const CLIENT_ID = "secrets-client";

/** Fresh secrets, and the encodings in which they travel. */
function freshSecrets() {
  const clientSecret = `secret-${randomUUID()}`;
  const token = `token-${randomUUID()}`;
  const apiKey = `key-${randomUUID()}`;
  const values = [clientSecret, token, apiKey, btoa(`${CLIENT_ID}:${clientSecret}`), btoa(apiKey)];
  return { clientSecret, token, apiKey, values };
}

/** Every rendering a user can get of `value`: for errors, of the whole cause chain too. */
function renderings(value: unknown, seen = new Set<unknown>()): string[] {
  if (seen.has(value)) return [];
  seen.add(value);
  const json = (v: unknown) => {
    try {
      return JSON.stringify(v) ?? "";
    } catch (error) {
      return `JSON.stringify threw ${String(error)}`;
    }
  };
  const out = [inspect(value, { depth: Infinity, showHidden: true }), json(value)];
  try {
    out.push(String(value));
  } catch {
    // An object without a string conversion (null prototype): inspect covers it.
  }
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? "");
    if (value.cause !== undefined) out.push(...renderings(value.cause, seen));
    if (value instanceof AggregateError) for (const e of value.errors as unknown[]) out.push(...renderings(e, seen));
  }
  return out;
}

class Scanner {
  scanned = 0;
  readonly hits: string[] = [];
  constructor(private readonly secrets: readonly string[]) {}
  /** Scans every rendering of each value; returns the number of hits it found. */
  scan(what: string, ...values: unknown[]): number {
    let found = 0;
    for (const value of values) {
      for (const text of renderings(value)) {
        this.scanned++;
        for (const secret of this.secrets) {
          if (text.includes(secret)) {
            found++;
            // The context without the secret, so a failure does not print it either.
            this.hits.push(`${what}: ${text.replaceAll(secret, "<SECRET>").slice(0, 200)}`);
          }
        }
      }
    }
    return found;
  }
}

type Handler = (request: Request, body: string) => Response | Promise<Response> | undefined;

/** A client over a fetch answering through `handler`; the token endpoint issues `token` unless the handler answers. */
function harness(handler: Handler, extra: Partial<GiacomClientOptions> = {}, authMethod: "basic" | "body" = "basic") {
  const s = freshSecrets();
  const observed: unknown[] = [];
  let fetched = 0;
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    fetched++;
    const request = new Request(url, init);
    const body = request.body ? await request.text() : "";
    const answer = await handler(request, body);
    if (answer) return answer;
    if (request.url === TOKEN_URL) return Response.json({ access_token: s.token, token_type: "Bearer", expires_in: 3600 });
    throw new Error(`no answer for ${request.method} ${request.url}`);
  };
  const options: GiacomClientOptions = {
    baseUrl: BASE_URL,
    tokenUrl: TOKEN_URL,
    credentials: { clientId: CLIENT_ID, clientSecret: s.clientSecret, authMethod },
    fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    submission: { lookupWindowMs: 1, lookupIntervalMs: 1 },
    hooks: {
      onRequest: (i) => observed.push(i),
      onResponse: (i) => observed.push(i),
      onRetry: (i) => observed.push(i),
      onTokenRefresh: (i) => observed.push(i),
    },
    logger: {
      debug: (...a) => observed.push(a),
      info: (...a) => observed.push(a),
      warn: (...a) => observed.push(a),
      error: (...a) => observed.push(a),
    },
    ...extra,
  };
  const giacom = createGiacomClient(options);
  return { ...s, giacom, options, observed, fetched: () => fetched };
}

/** An answer echoing everything the request carried: its Authorization header and body. */
const echo = (status: number) => (request: Request, body: string) =>
  Response.json(
    {
      code: `ERR_${status}`,
      reason: `echo ${request.headers.get("authorization")}`,
      message: `body ${body}`,
      error: "invalid_client",
      error_description: `echo ${request.headers.get("authorization")} ${body}`,
    },
    { status },
  );
const onToken =
  (answer: Handler): Handler =>
  (r, b) =>
    r.url === TOKEN_URL ? answer(r, b) : undefined;
const onApi =
  (answer: Handler): Handler =>
  (r, b) =>
    r.url === TOKEN_URL ? undefined : answer(r, b);

const truncated = () => {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"id":"x","name":"trunc'));
      controller.error(new TypeError("terminated", { cause: new Error("other side closed") }));
    },
  });
  return new Response(stream, { status: 200, headers: { "Content-Type": "application/json" } });
};

const headersOf = (response: Response) => {
  const out: string[] = [];
  response.headers.forEach((value, name) => out.push(`${name}: ${value}`));
  return out;
};

const order = () => documentedOrder<ServiceOrderCreate>("ServiceOrderChangeBars");

type Scenario = [
  name: string,
  handler: Handler,
  call: (g: GiacomClient, secrets: { apiKey: string }) => Promise<unknown>,
  extra?: { retry?: false; authMethod?: "basic" | "body" },
];
const scenarios: Scenario[] = [
  ...[400, 401, 500].flatMap((status) =>
    (["basic", "body"] as const).map((authMethod): Scenario => [
      `token endpoint echoing the request (${authMethod}) in a ${status}`,
      onToken(echo(status)),
      (g) => g.services.get("x"),
      { authMethod },
    ]),
  ),
  ...[400, 401, 500, 422].map((status): Scenario => [`API echoing the Authorization header in a ${status}`, onApi(echo(status)), (g) => g.services.get("x")]),
  [
    "token endpoint echoing the request in an HTML 500",
    onToken((r, b) => new Response(`<html>${r.headers.get("authorization")} ${b}</html>`, { status: 500, headers: { "Content-Type": "text/html" } })),
    (g) => g.services.get("x"),
  ],
  ["API echoing the hub API key in a 400", onApi(echo(400)), (g, { apiKey }) => g.hub.subscribe({ callback: "https://example.com/hook", apiKey })],
  ["API echoing the hub API key on a retried 429", onApi(echo(429)), (g, { apiKey }) => g.hub.subscribe({ callback: "https://example.com/hook", apiKey })],
  ["API timing out", onApi(() => new Promise<Response>(() => undefined)), (g) => g.services.get("x", { timeoutMs: 20 })],
  ["API unreachable", onApi(() => Promise.reject(new TypeError("fetch failed", { cause: new Error("ECONNREFUSED") }))), (g) => g.services.get("x")],
  ["API body truncated", onApi(truncated), (g) => g.services.get("x")],
  ["token endpoint failing until the retries run out", onToken(echo(503)), (g) => g.services.get("x")],
  ["token endpoint unreachable", onToken(() => Promise.reject(new TypeError("fetch failed", { cause: new Error("ENOTFOUND") }))), (g) => g.services.get("x")],
  [
    "submission outcome unknown",
    onApi((r, b) => (r.method === "POST" ? Promise.reject(new TypeError("fetch failed", { cause: new Error("ECONNRESET") })) : echo(500)(r, b))),
    (g) => g.serviceOrders.submit(order(), { validate: false }).submitted(),
    { retry: false },
  ],
];

describe("secrets on every failure path", () => {
  it("the scanner finds a secret wherever it is (positive control)", () => {
    const s = freshSecrets();
    const scanner = new Scanner(s.values);
    expect(scanner.scan("message", new Error(`bad ${s.clientSecret}`))).toBeGreaterThan(0);
    expect(scanner.scan("cause", new Error("outer", { cause: new Error("inner", { cause: { header: `Bearer ${s.token}` } }) }))).toBeGreaterThan(0);
    expect(scanner.scan("hidden property", Object.defineProperty({}, "key", { value: s.apiKey, enumerable: false }))).toBeGreaterThan(0);
    expect(scanner.scan("deep", { a: { b: { c: { d: { e: [`Basic ${btoa(`${CLIENT_ID}:${s.clientSecret}`)}`] } } } } })).toBeGreaterThan(0);
    expect(scanner.scan("clean", new Error("nothing here"), { a: 1 })).toBe(0);
  });

  it.each(scenarios)("%s: nothing shows a secret", async (name, handler, call, extra = {}) => {
    const { authMethod, ...options } = extra;
    const h = harness(handler, options, authMethod);
    const scanner = new Scanner(h.values);
    const error = await call(h.giacom, h).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, name).toBeInstanceOf(GiacomError);
    // The endpoint answered and refused: AuthError; it could not be reached: NetworkError.
    if (name.startsWith("token endpoint")) expect(error).toBeInstanceOf(name.endsWith("unreachable") ? NetworkError : AuthError);
    if (name === "submission outcome unknown") expect(error).toBeInstanceOf(SubmissionUnknownError);
    expect(h.fetched()).toBeGreaterThan(0);
    scanner.scan(`${name}: error`, error);
    scanner.scan(`${name}: client`, h.giacom);
    scanner.scan(`${name}: hooks and logs`, ...h.observed);
    expect(scanner.hits).toEqual([]);
    expect(scanner.scanned).toBeGreaterThanOrEqual(8);
    totals.scanned += scanner.scanned;
    totals.tests++;
  });

  it("a token provider built directly shows no secret after a failure and after a success", async () => {
    const s = freshSecrets();
    const scanner = new Scanner(s.values);
    let fail = true;
    const provider = clientCredentials({
      tokenUrl: TOKEN_URL,
      clientId: CLIENT_ID,
      clientSecret: s.clientSecret,
      authMethod: "body",
      onRefresh: (info) => scanner.scan("onRefresh", info),
      fetch: async (url, init) => {
        const body = String(init?.body);
        if (fail) return Response.json({ error: "invalid_client", error_description: `got ${body}` }, { status: 401 });
        return Response.json({ access_token: s.token, expires_in: 60 });
      },
    });
    const error = await provider.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    fail = false;
    expect(await provider.getToken()).toBe(s.token);
    scanner.scan("token provider error", error);
    scanner.scan("token provider", provider);
    const giacom = createGiacomClient({ baseUrl: BASE_URL, tokenProvider: provider });
    scanner.scan("client over the provider", giacom);
    expect(scanner.hits).toEqual([]);
    totals.scanned += scanner.scanned;
    totals.tests++;
  });

  it("a webhook receiver shows no API key in its answers, errors or inspection, with a wrong or the right key", async () => {
    const s = freshSecrets();
    const wrong = `key-${randomUUID()}`;
    const scanner = new Scanner([...s.values, wrong, btoa(wrong)]);
    const errors: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: s.apiKey, onError: (e) => errors.push(e) });
    receiver.onUnknown(() => {
      throw new Error("handler failed");
    });
    const delivery = (key: string) =>
      new Request("https://portal.example/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Basic ${key}` },
        body: JSON.stringify({ eventId: randomUUID(), eventTime: new Date().toISOString(), eventType: "SomethingNewEvent", event: { Thing: { id: "1" } } }),
      });
    const answers: Response[] = [];
    for (const key of [wrong, s.apiKey, `${s.apiKey}x`, ""]) answers.push(await receiver.handle(delivery(key)));
    expect(answers.map((a) => a.status)).toEqual([401, 500, 401, 401]);
    for (const answer of answers) scanner.scan("receiver answer", answer.status, headersOf(answer), await answer.text());
    scanner.scan("receiver errors", ...errors);
    scanner.scan("receiver", receiver);
    expect(errors.length).toBeGreaterThan(0);
    expect(scanner.hits).toEqual([]);
    totals.scanned += scanner.scanned;
    totals.tests++;
  });

  it("a configuration error shows no secret given in the wrong place", () => {
    const s = freshSecrets();
    const scanner = new Scanner(s.values);
    for (const options of [
      { environment: "uat", clientSecret: s.clientSecret },
      { environment: "uat", credentials: { clientId: s.clientSecret, clientSecret: 1 } },
    ]) {
      let error: unknown;
      try {
        createGiacomClient(options as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      scanner.scan("configuration error", error);
    }
    expect(scanner.hits).toEqual([]);
    totals.scanned += scanner.scanned;
    totals.tests++;
  });

  it("summary: every artefact was scanned, with no hit", () => {
    expect(totals.tests).toBe(scenarios.length + 3);
    expect(totals.scanned).toBeGreaterThan(300);
    console.info(`secrets: ${totals.scanned} artefacts scanned across ${totals.tests} failure paths, 0 hits`);
  });
});

const totals = { scanned: 0, tests: 0 };

describe("credentials never go to a non-HTTPS host that is not loopback", () => {
  const refused = (options: Partial<GiacomClientOptions>) => {
    let fetched = 0;
    const fetch = async () => {
      fetched++;
      return Response.json({});
    };
    let error: unknown;
    try {
      createGiacomClient({ baseUrl: BASE_URL, tokenUrl: TOKEN_URL, credentials: { clientId: CLIENT_ID, clientSecret: "s" }, fetch, ...options });
    } catch (e) {
      error = e;
    }
    return { error, fetched };
  };

  it("createGiacomClient refuses http to api.example.com as baseUrl or tokenUrl, before sending anything", () => {
    for (const [option, options] of [
      ["baseUrl", { baseUrl: "http://api.example.com/v2" }],
      ["tokenUrl", { tokenUrl: "http://api.example.com/oauth2/token" }],
    ] as const) {
      const { error, fetched } = refused(options);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).toBeInstanceOf(GiacomError);
      expect((error as ConfigurationError).option).toBe(option);
      expect(fetched).toBe(0);
    }
  });

  it("allows a loopback tokenUrl over http, and any host with allowInsecureHttp", () => {
    for (const host of ["127.0.0.1:8080", "[::1]:8080", "localhost:8080"]) expect(refused({ tokenUrl: `http://${host}/token` }).error).toBeUndefined();
    expect(refused({ baseUrl: "http://api.example.com/v2", tokenUrl: "http://api.example.com/token", allowInsecureHttp: true }).error).toBeUndefined();
  });

  it("clientCredentials refuses a plain-HTTP tokenUrl to a host that is not loopback, before sending the secret", async () => {
    let fetched = 0;
    const fetch = async () => {
      fetched++;
      return Response.json({ access_token: "t", expires_in: 60 });
    };
    const options = { clientId: CLIENT_ID, clientSecret: `secret-${randomUUID()}`, fetch };
    let error: unknown;
    try {
      clientCredentials({ ...options, tokenUrl: "http://auth.example.com/token" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe("tokenUrl");
    expect(fetched).toBe(0);
    for (const tokenUrl of ["http://127.0.0.1:9/token", "http://[::1]:9/token", "http://localhost:9/token"]) {
      expect(await clientCredentials({ ...options, tokenUrl }).getToken()).toBe("t");
    }
    expect(await clientCredentials({ ...options, tokenUrl: "http://auth.example.com/token", allowInsecureHttp: true }).getToken()).toBe("t");
    expect(fetched).toBe(4);
  });
});
