// The service-account token provider against a real token endpoint on 127.0.0.1: a node:http
// server that verifies each RS256 assertion with the account's public key (node:crypto), checks
// its claims and answers. Keys are generated per run; none is committed.
import { generateKeyPairSync, randomUUID, verify, type KeyObject } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { AuthError, bearer, ConfigurationError, RedirectError, serviceAccount, type ServiceAccountKey, type TokenRefreshInfo } from "giacom-sdk/core";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const PKCS1_PEM = privateKey.export({ type: "pkcs1", format: "pem" }) as string;
const OTHER = generateKeyPairSync("rsa", { modulusLength: 2048 });
const EMAIL = "provisioning@partner.iam.example.com";
const KEY_ID = "4f1c2b9e0d";

interface Seen {
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  verified: boolean;
}

/** How the endpoint answers the next request; default: a fresh token valid for an hour. */
type Answer = { status?: number; body?: unknown; location?: string; delayMs?: number };

function b64json(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

async function startTokenEndpoint(verifyWith: KeyObject) {
  const seen: Seen[] = [];
  const plan: Answer[] = [];
  const issued: string[] = [];
  const jtis = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const assertion = form.get("assertion") ?? "";
      const [h = "", p = "", s = ""] = assertion.split(".");
      const verified = verify("sha256", Buffer.from(`${h}.${p}`), verifyWith, Buffer.from(s, "base64url"));
      const record: Seen = { headers: req.headers, form, header: b64json(h), claims: b64json(p), verified };
      seen.push(record);
      const answer = plan.shift() ?? {};
      const now = Math.floor(Date.now() / 1000);
      const claims = record.claims;
      const fresh = typeof claims.jti === "string" && !jtis.has(claims.jti);
      if (typeof claims.jti === "string") jtis.add(claims.jti);
      const valid =
        form.get("grant_type") === "urn:ietf:params:oauth:grant-type:jwt-bearer" &&
        verified &&
        fresh &&
        claims.iss === EMAIL &&
        claims.sub === EMAIL &&
        claims.aud === url &&
        typeof claims.iat === "number" &&
        Math.abs(claims.iat - now) <= 5 &&
        typeof claims.exp === "number" &&
        claims.exp > now;
      const send = () => {
        if (answer.location) return res.writeHead(answer.status ?? 302, { Location: answer.location }).end();
        if (answer.status !== undefined || answer.body !== undefined) {
          return res.writeHead(answer.status ?? 200, { "Content-Type": "application/json" }).end(JSON.stringify(answer.body ?? {}));
        }
        if (!valid) return res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "invalid_grant" }));
        const token = `tok-${randomUUID()}`;
        issued.push(token);
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 3600 }));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
  return {
    url,
    seen,
    issued,
    answer: (...answers: Answer[]) => void plan.push(...answers),
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

let endpoint: Awaited<ReturnType<typeof startTokenEndpoint>>;
beforeAll(async () => {
  endpoint = await startTokenEndpoint(publicKey);
});
afterAll(() => endpoint.close());
afterEach(() => {
  vi.useRealTimers();
  endpoint.seen.length = 0;
});

const key = (extra: Partial<ServiceAccountKey> = {}): ServiceAccountKey => ({
  type: "service_account",
  client_email: EMAIL,
  private_key_id: KEY_ID,
  private_key: PEM,
  ...extra,
});

/** Every way a value ends up in a log. */
function renderings(value: unknown): string {
  const e = value as Error;
  return [String(e), e?.message, e?.stack, JSON.stringify(value), inspect(value, { depth: 8, showHidden: true })].join("\n");
}
const PEM_BODY = PEM.split("\n")[5]!; // a line of the key's base64: none of it may show

describe("the assertion and the exchange (RFC 7523)", () => {
  test("posts a jwt-bearer grant whose RS256 assertion the public key verifies, with the documented header and claims", async () => {
    const tokens = serviceAccount({ key: key(), tokenUrl: endpoint.url, scopes: ["services.write", "billing"] });
    const token = await tokens.getToken();
    expect(endpoint.issued).toEqual([token]);
    const [request] = endpoint.seen;
    expect(request!.verified).toBe(true);
    expect(request!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request!.form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(request!.header).toEqual({ alg: "RS256", typ: "JWT", kid: KEY_ID });
    const { claims } = request!;
    expect(claims).toMatchObject({ iss: EMAIL, sub: EMAIL, aud: endpoint.url, scope: "services.write billing" });
    expect(claims.exp).toBe((claims.iat as number) + 300);
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("takes the key as JSON text, the token URL from its token_uri, and an audience and lifetime of the caller's", async () => {
    const tokens = serviceAccount({
      key: JSON.stringify(key({ token_uri: endpoint.url })),
      audience: "https://partners.example.com",
      assertionLifetimeMs: 3_600_000,
    });
    endpoint.answer({ body: { access_token: "tok-audience", token_type: "Bearer", expires_in: 60 } });
    await expect(tokens.getToken()).resolves.toBe("tok-audience");
    const { claims, verified } = endpoint.seen[0]!;
    expect(verified).toBe(true);
    expect(claims.aud).toBe("https://partners.example.com");
    expect(claims.exp).toBe((claims.iat as number) + 3600);
    expect(claims).not.toHaveProperty("scope");
  });

  test("a key signed by another private key is refused by the endpoint: an AuthError with its OAuth error", async () => {
    const wrong = OTHER.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    const tokens = serviceAccount({ key: key({ private_key: wrong }), tokenUrl: endpoint.url });
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(endpoint.seen[0]!.verified).toBe(false);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 400, oauthError: "invalid_grant" });
  });

  test("each token request signs a new assertion (a new jti), the endpoint's replay check passes", async () => {
    const tokens = serviceAccount({ key: key(), tokenUrl: endpoint.url });
    const first = await tokens.getToken();
    tokens.invalidate!(first);
    const second = await tokens.getToken();
    expect(second).not.toBe(first);
    expect(endpoint.seen.map((s) => s.verified)).toEqual([true, true]);
    expect(endpoint.seen[0]!.claims.jti).not.toBe(endpoint.seen[1]!.claims.jti);
  });
});

describe("the token cache", () => {
  test("many concurrent callers share one token request", async () => {
    const tokens = serviceAccount({ key: key(), tokenUrl: endpoint.url });
    endpoint.answer({ delayMs: 50 });
    const all = await Promise.all(Array.from({ length: 25 }, () => tokens.getToken()));
    expect(new Set(all).size).toBe(1);
    expect(endpoint.seen).toHaveLength(1);
    // Cached afterwards: no other request.
    await expect(tokens.getToken()).resolves.toBe(all[0]);
    expect(endpoint.seen).toHaveLength(1);
  });

  test("an expired token is replaced with a fresh one, reported to onRefresh without the token", async () => {
    const refreshes: TokenRefreshInfo[] = [];
    const tokens = serviceAccount({ key: key(), tokenUrl: endpoint.url, onRefresh: (info) => void refreshes.push(info) });
    // One second of life: stale after 0.9 s (10 % skew).
    endpoint.answer({ body: { access_token: "tok-short", token_type: "Bearer", expires_in: 1 } });
    await expect(tokens.getToken()).resolves.toBe("tok-short");
    // Only the clock moves (the endpoint checks iat against the same clock).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2_000);
    const fresh = await tokens.getToken();
    expect(fresh).not.toBe("tok-short");
    expect(endpoint.seen).toHaveLength(2);
    expect(refreshes.map((r) => r.reason)).toEqual(["initial", "expired"]);
    expect(JSON.stringify(refreshes)).not.toContain(fresh);
  });

  test("works with the core's bearer strategy: Authorization: Bearer <token>", async () => {
    const auth = bearer(serviceAccount({ key: key(), tokenUrl: endpoint.url }));
    const credential = await auth.authenticate({ signal: new AbortController().signal });
    expect(credential.headers).toEqual({ Authorization: `Bearer ${endpoint.issued.at(-1)}` });
  });

  test("a redirect from the token endpoint is never followed", async () => {
    endpoint.answer({ location: "https://elsewhere.example.com/token" });
    const tokens = serviceAccount({ key: key(), tokenUrl: endpoint.url });
    await expect(tokens.getToken()).rejects.toBeInstanceOf(RedirectError);
  });
});

describe("bad options are ConfigurationErrors that never show the key", () => {
  const cases: [string, () => unknown, string, RegExp][] = [
    [
      "a PKCS#1 key",
      () => serviceAccount({ key: key({ private_key: PKCS1_PEM }), tokenUrl: endpoint.url }),
      "key.private_key",
      /PKCS#1 \(BEGIN RSA PRIVATE KEY\).*openssl pkcs8 -topk8 -nocrypt/,
    ],
    ["a key that is no PEM", () => serviceAccount({ key: key({ private_key: "not a key" }), tokenUrl: endpoint.url }), "key.private_key", /PKCS#8 PEM/],
    [
      "JSON text that does not parse",
      () => serviceAccount({ key: `{"private_key": ${JSON.stringify(PEM)},`, tokenUrl: endpoint.url }),
      "key",
      /not valid JSON/,
    ],
    ["a key without client_email", () => serviceAccount({ key: key({ client_email: "" }), tokenUrl: endpoint.url }), "key.client_email", /non-empty string/],
    ["no token URL anywhere", () => serviceAccount({ key: key() }), "tokenUrl", /token_uri/],
    ["a plain-HTTP token URL to another host", () => serviceAccount({ key: key(), tokenUrl: "http://auth.example.com/token" }), "tokenUrl", /plain HTTP/],
    [
      "a lifetime over an hour",
      () => serviceAccount({ key: key(), tokenUrl: endpoint.url, assertionLifetimeMs: 3_600_001 }),
      "assertionLifetimeMs",
      /at most 3600000/,
    ],
    ["a scope with a space", () => serviceAccount({ key: key(), tokenUrl: endpoint.url, scopes: "a b" }), "scopes", /without spaces/],
  ];
  test.each(cases)("%s", (_, make, option, problem) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option });
    expect((error as Error).message).toMatch(problem);
    expect(renderings(error)).not.toContain(PEM_BODY);
    expect(renderings(error)).not.toContain("PRIVATE KEY-----\n");
  });

  test("a PEM whose base64 is not an RSA key fails at the first token, as a ConfigurationError, without a request", async () => {
    const garbage = `-----BEGIN PRIVATE KEY-----\n${Buffer.from("not a DER structure at all").toString("base64")}\n-----END PRIVATE KEY-----\n`;
    const tokens = serviceAccount({ key: key({ private_key: garbage }), tokenUrl: endpoint.url });
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: "key.private_key" });
    expect(endpoint.seen).toHaveLength(0);
  });
});

describe("secrets are never shown", () => {
  test("the provider shows neither the key nor its token when inspected", async () => {
    const tokens = serviceAccount({ key: key(), tokenUrl: endpoint.url });
    const token = await tokens.getToken();
    expect(renderings(tokens)).not.toContain(PEM_BODY);
    expect(renderings(tokens)).not.toContain(token);
  });

  test("an endpoint that quotes the assertion and its signature back: the error and onRefresh show neither", async () => {
    const echo = await startEcho();
    const refreshes: TokenRefreshInfo[] = [];
    const tokens = serviceAccount({ key: key(), tokenUrl: echo.url, onRefresh: (info) => void refreshes.push(info) });
    const error = await tokens.getToken().catch((e: unknown) => e);
    await echo.close();
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).oauthErrorDescription).toBe("assertion [REDACTED] was refused");
    expect((error as AuthError).oauthError).toBe("bad [REDACTED]");
    const assertion = echo.assertion();
    expect(assertion.split(".")).toHaveLength(3);
    for (const secret of [assertion, assertion.split(".")[2]!, PEM_BODY]) {
      expect(renderings(error)).not.toContain(secret);
      expect(renderings(refreshes)).not.toContain(secret);
    }
  });
});

/** A token endpoint that refuses every assertion, quoting it (and its signature) back. */
async function startEcho() {
  let last = "";
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      last = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("assertion") ?? "";
      res
        .writeHead(400, { "Content-Type": "application/json" })
        .end(JSON.stringify({ error: `bad ${last.split(".")[2]}`, error_description: `assertion ${last} was refused` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    assertion: () => last,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}
