// No error, hook payload, log line or inspected object may show the client secret, a token
// or a webhook API key, even when the server echoes them back.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { clientCredentials, createGiacomClient, type GiacomClientOptions } from "giacom-sdk";
import { TEST_SECRET, TEST_TOKEN, TEST_TOKEN_URL, testClient } from "../helpers/recording-fetch.js";
import { WEBHOOK_API_KEYS } from "../helpers/secrets.js";

const API_KEY = WEBHOOK_API_KEYS.clientSecrets;
const SECRETS = [TEST_SECRET, TEST_TOKEN, API_KEY, Buffer.from(`test-client:${TEST_SECRET}`).toString("base64")];

function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10, showHidden: true })];
  if (value instanceof Error) out.push(value.message, String(value), value.stack ?? "", JSON.stringify(value));
  else out.push(JSON.stringify(value) ?? "");
  return out;
}

function expectClean(what: string, values: unknown[]) {
  for (const value of values) {
    for (const text of renderings(value)) {
      for (const secret of SECRETS) expect(text.includes(secret), `${what} shows a secret: ${text.slice(0, 300)}`).toBe(false);
    }
  }
}

describe("secrets", () => {
  it("never appear in errors, hooks, logs or inspected objects, whatever the servers answer", async () => {
    const seen: unknown[] = [];
    const errors: unknown[] = [];
    const observe: Partial<GiacomClientOptions> = {
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      hooks: { onRequest: (i) => seen.push(i), onResponse: (i) => seen.push(i), onRetry: (i) => seen.push(i), onTokenRefresh: (i) => seen.push(i) },
      logger: { debug: (...a) => seen.push(a), info: (...a) => seen.push(a), warn: (...a) => seen.push(a), error: (...a) => seen.push(a) },
    };
    const echo = (status: number) => (r: { url: URL; headers: Headers; body: string }) =>
      r.url.href === TEST_TOKEN_URL ? undefined : Response.json({ code: "ERR", reason: `echo ${r.headers.get("authorization")}`, message: r.body }, { status });
    const scenarios: [
      string,
      (r: { url: URL; headers: Headers; body: string }) => Response | Promise<Response> | undefined,
      (c: ReturnType<typeof testClient>["giacom"]) => Promise<unknown>,
    ][] = [
      [
        "token endpoint echoing the secret",
        (r) =>
          r.url.href === TEST_TOKEN_URL
            ? Response.json({ error: "invalid_client", error_description: `bad secret ${TEST_SECRET}` }, { status: 401 })
            : undefined,
        (c) => c.services.get("x"),
      ],
      [
        "token endpoint unreachable",
        (r) => (r.url.href === TEST_TOKEN_URL ? Promise.reject(new TypeError("fetch failed", { cause: new Error("ECONNREFUSED") })) : undefined),
        (c) => c.services.get("x"),
      ],
      [
        "token endpoint not JSON",
        (r) => (r.url.href === TEST_TOKEN_URL ? new Response(`<html>${TEST_SECRET}</html>`, { status: 500 }) : undefined),
        (c) => c.services.get("x"),
      ],
      ["API refusing the token twice", echo(401), (c) => c.services.get("x")],
      ["API echoing the Authorization header", echo(500), (c) => c.services.get("x")],
      ["API echoing the hub API key", echo(400), (c) => c.hub.subscribe({ callback: "https://example.com/hook", apiKey: API_KEY })],
      ["API echoing the key on a retried 429", echo(429), (c) => c.hub.subscribe({ callback: "https://example.com/hook", apiKey: API_KEY })],
      [
        "API timing out",
        (r) => (r.url.href === TEST_TOKEN_URL ? undefined : new Promise<Response>(() => undefined)),
        (c) => c.services.get("x", { timeoutMs: 20 }),
      ],
      [
        "API connection reset",
        (r) => (r.url.href === TEST_TOKEN_URL ? undefined : Promise.reject(new TypeError("fetch failed", { cause: new Error("ECONNRESET") }))),
        (c) => c.services.get("x"),
      ],
      [
        "API body not JSON",
        (r) => (r.url.href === TEST_TOKEN_URL ? undefined : new Response("{oops", { status: 200, headers: { "Content-Length": "5" } })),
        (c) => c.services.get("x"),
      ],
    ];
    for (const [name, handler, call] of scenarios) {
      const { giacom } = testClient(handler, observe);
      const error = await call(giacom).then(
        () => new Error(`${name}: expected a failure`),
        (e: unknown) => e,
      );
      errors.push(error);
      expectClean(name, [error, giacom]);
    }
    expect(errors).toHaveLength(scenarios.length);
    expectClean("hook payloads and log lines", seen);
    expect(seen.length).toBeGreaterThan(20);
  });

  it("are not kept anywhere a token provider or a client can be inspected", async () => {
    const provider = clientCredentials({
      tokenUrl: TEST_TOKEN_URL,
      clientId: "test-client",
      clientSecret: TEST_SECRET,
      fetch: async () => Response.json({ access_token: TEST_TOKEN, expires_in: 60 }),
    });
    await provider.getToken();
    const giacom = createGiacomClient({ baseUrl: "https://api.example/v2", tokenProvider: provider });
    expectClean("inspected objects", [provider, giacom]);
  });

  it("are not in configuration errors", () => {
    for (const options of [
      { environment: "uat", clientSecret: TEST_SECRET },
      { environment: "uat", credentials: { clientId: TEST_SECRET, clientSecret: 1 } },
    ]) {
      let error: unknown;
      try {
        createGiacomClient(options as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeDefined();
      expectClean("configuration error", [error]);
    }
  });
});
