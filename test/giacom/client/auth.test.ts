// Authentication end to end: a real OAuth2 token endpoint (oauth2-mock-server) and a real HTTP
// API server, both on 127.0.0.1, reached through the runtime's own fetch.
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AuthError,
  AuthenticationError,
  createGiacomClient,
  NetworkError,
  type Credentials,
  type GiacomClient,
  type GiacomClientOptions,
  type TokenProvider,
  type TokenRefreshInfo,
} from "giacom-sdk";
import {
  closedPortUrl,
  defaultApiHandler,
  hold,
  SERVICE,
  startApiServer,
  startTokenServer,
  UNAUTHORIZED_BODY,
  type ApiServer,
  type TokenServer,
} from "../../helpers/servers.js";

// Characters that form-encoding changes: ":", "+", " ", "/", "&", "=", "%".
const CLIENT_ID = "giacom client:7+a/b";
const CLIENT_SECRET = "s3cret:with+plus and space/&=%";
const T = { timeout: 15_000 };
const FAST_RETRY = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 };

/** application/x-www-form-urlencoded, as URLSearchParams writes it. */
const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
const BASIC = `Basic ${Buffer.from(`${formEncode(CLIENT_ID)}:${formEncode(CLIENT_SECRET)}`).toString("base64")}`;

const sleepUntil = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));

let tokens: TokenServer;
let api: ApiServer;

beforeEach(async () => {
  tokens = await startTokenServer();
  api = await startApiServer({ isValidToken: (token) => tokens.isValid(token) });
}, 15_000);

afterEach(async () => {
  await Promise.all([api.close(), tokens.close()]);
}, 15_000);

function client(credentials: Partial<Credentials> = {}, options: Omit<GiacomClientOptions, "credentials"> = {}): GiacomClient {
  return createGiacomClient({
    baseUrl: api.baseUrl,
    tokenUrl: tokens.url,
    credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...credentials },
    ...options,
  });
}

/** A client whose onTokenRefresh payloads are kept in `refreshes`. */
function observedClient(credentials: Partial<Credentials> = {}, options: Omit<GiacomClientOptions, "credentials" | "hooks"> = {}) {
  const refreshes: TokenRefreshInfo[] = [];
  const giacom = client(credentials, { ...options, hooks: { onTokenRefresh: (info) => void refreshes.push(info) } });
  return { giacom, refreshes };
}

/** Every way an error can end up in a log. */
function renderings(error: unknown): Record<string, string> {
  const e = error as Error;
  return { message: e.message, string: String(e), stack: e.stack ?? "", json: JSON.stringify(e), inspect: inspect(e, { depth: 5 }) };
}

/** The secret in every form it travels in, and every token the server issued. */
function credentialsOnTheWire(): string[] {
  return [CLIENT_SECRET, formEncode(CLIENT_SECRET), encodeURIComponent(CLIENT_SECRET), BASIC.slice("Basic ".length), ...tokens.issued];
}

function expectNoCredentialIn(error: unknown) {
  for (const [where, text] of Object.entries(renderings(error))) {
    for (const secret of credentialsOnTheWire()) {
      expect(text.includes(secret), `${where} contains a credential`).toBe(false);
    }
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("the call should have failed"),
    (error: unknown) => error,
  );
}

describe("getting a token", () => {
  it("requests no token until the first call: creating the client makes no request", T, async () => {
    const giacom = client();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tokens.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(0);

    await expect(giacom.services.get("s1")).resolves.toEqual(SERVICE);
    expect(tokens.requests).toHaveLength(1);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.token).toBe(tokens.issued[0]);
  });

  it("makes exactly one token request for 1,000 concurrent calls on a cold client, and all of them succeed with that token", T, async () => {
    const held = hold();
    tokens.plan({ hold: held });
    const giacom = client();

    const calls = Array.from({ length: 1000 }, (_, i) => giacom.services.get(`s${i}`));
    await held.arrived;
    expect(api.requests).toHaveLength(0);
    held.release();
    const results = await Promise.all(calls);

    expect(results).toHaveLength(1000);
    expect(results.every((result) => JSON.stringify(result) === JSON.stringify(SERVICE))).toBe(true);
    expect(tokens.requests).toHaveLength(1);
    expect(tokens.issued).toHaveLength(1);
    expect(api.requests).toHaveLength(1000);
    expect(new Set(api.requests.map((r) => r.token))).toEqual(new Set([tokens.issued[0]]));
    expect(new Set(api.requests.map((r) => r.url)).size).toBe(1000);
  });

  it("reuses the cached token for later calls: five calls, one token request", T, async () => {
    const giacom = client();
    for (let i = 0; i < 5; i++) await expect(giacom.services.get(`s${i}`)).resolves.toEqual(SERVICE);

    expect(tokens.requests).toHaveLength(1);
    expect(api.requests).toHaveLength(5);
    expect(api.requests.every((r) => r.token === tokens.issued[0])).toBe(true);
  });
});

describe("client authentication", () => {
  it("uses HTTP Basic by default, over the form-encoded id and secret, and sends no secret in the body", T, async () => {
    await client().services.get("s1");

    expect(tokens.requests).toHaveLength(1);
    const { headers, form } = tokens.requests[0]!;
    expect(headers.authorization).toBe(BASIC);
    expect(headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded\b/);
    // The server's view: base64, then form-decoding, gives back the id and secret.
    const decoded = Buffer.from(headers.authorization!.slice("Basic ".length), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const formDecode = (s: string) => new URLSearchParams(`v=${s}`).get("v");
    expect(formDecode(decoded.slice(0, colon))).toBe(CLIENT_ID);
    expect(formDecode(decoded.slice(colon + 1))).toBe(CLIENT_SECRET);
    expect(form).toEqual({ grant_type: "client_credentials" });
    expect(form).not.toHaveProperty("client_secret");
  });

  it('sends the id and secret in the form body, and no Authorization header, with authMethod "body"', T, async () => {
    await client({ authMethod: "body" }).services.get("s1");

    expect(tokens.requests).toHaveLength(1);
    const { headers, form } = tokens.requests[0]!;
    expect(headers).not.toHaveProperty("authorization");
    expect(form).toEqual({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
  });

  it("sends one scope as the scope form parameter", T, async () => {
    await client({ scope: "integrations/serviceInventory.read" }).services.get("s1");
    expect(tokens.requests[0]!.form).toEqual({ grant_type: "client_credentials", scope: "integrations/serviceInventory.read" });
  });

  it("sends a list of scopes joined by spaces as the scope form parameter", T, async () => {
    await client({ scope: ["integrations/serviceInventory.read", "integrations/serviceOrder.submit"] }).services.get("s1");
    expect(tokens.requests[0]!.form).toEqual({
      grant_type: "client_credentials",
      scope: "integrations/serviceInventory.read integrations/serviceOrder.submit",
    });
  });

  it("sends no scope parameter when no scope is given", T, async () => {
    await client().services.get("s1");
    expect(tokens.requests[0]!.form).not.toHaveProperty("scope");
  });
});

describe("token lifetime", () => {
  // With the default skew and refresh window, a token of L seconds is served as it is until
  // 0.65 L, served while a new one is fetched in the background until 0.9 L, and replaced
  // before the call after that. Times are counted from the end of the first call, which is
  // after the client received the token.
  it("refreshes a token near expiry in the background: the call goes on with the still-valid token, the next one uses the new token", T, async () => {
    const refreshHeld = hold();
    tokens.plan({ expiresIn: 3 }, { hold: refreshHeld });
    const { giacom, refreshes } = observedClient();

    await giacom.services.get("s1");
    const firstCallDone = Date.now();
    const [oldToken] = tokens.issued;
    await sleepUntil(firstCallDone + 2_100); // inside [0.65 L, 0.9 L)

    // The token response is held: the call can only complete if it did not wait for it.
    await expect(giacom.services.get("s2")).resolves.toEqual(SERVICE);
    await refreshHeld.arrived;
    expect(api.requests[1]!.token).toBe(oldToken);
    expect(tokens.requests).toHaveLength(2);
    expect(refreshes.map((r) => r.reason)).toEqual(["initial"]);

    refreshHeld.release();
    await vi.waitFor(() => expect(refreshes.map((r) => r.reason)).toEqual(["initial", "expiring"]), { timeout: 5_000, interval: 10 });
    const newToken = tokens.issued[1];
    expect(newToken).toBeDefined();
    expect(newToken).not.toBe(oldToken);

    await expect(giacom.services.get("s3")).resolves.toEqual(SERVICE);
    expect(api.requests[2]!.token).toBe(newToken);
    expect(tokens.requests).toHaveLength(2);
    expect(api.requests).toHaveLength(3);
  });

  it("replaces an expired token before the call", T, async () => {
    tokens.plan({ expiresIn: 1 });
    const { giacom, refreshes } = observedClient();

    await giacom.services.get("s1");
    const firstCallDone = Date.now();
    await sleepUntil(firstCallDone + 1_050); // past the token's life: the API would refuse it

    await expect(giacom.services.get("s2")).resolves.toEqual(SERVICE);
    expect(tokens.requests).toHaveLength(2);
    expect(refreshes.map((r) => r.reason)).toEqual(["initial", "expired"]);
    // The call was sent once, with the new token: nothing was refused on the way.
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]!.token).toBe(tokens.issued[1]);
    expect(tokens.issued[1]).not.toBe(tokens.issued[0]);
  });
});

describe("a token the API refuses", () => {
  it("invalidates the token after a 401 and retries that request once with a fresh token", T, async () => {
    const { giacom, refreshes } = observedClient();
    // The API has revoked the first token it sees.
    api.handle((request, context) => (request.token === tokens.issued[0] ? { status: 401, body: UNAUTHORIZED_BODY } : defaultApiHandler(request, context)));

    await expect(giacom.services.get("s1")).resolves.toEqual(SERVICE);
    expect(tokens.requests).toHaveLength(2);
    expect(api.requests).toHaveLength(2);
    expect(api.requests.map((r) => r.token)).toEqual([tokens.issued[0], tokens.issued[1]]);
    expect(tokens.issued[1]).not.toBe(tokens.issued[0]);
    expect(api.requests[1]!.url).toBe(api.requests[0]!.url);
    expect(refreshes.map((r) => r.reason)).toEqual(["initial", "invalidated"]);
  });

  it("fails with AuthenticationError (status 401) after a second 401, without a third attempt", T, async () => {
    const giacom = client({}, { retry: FAST_RETRY });
    api.handle(() => ({ status: 401, body: UNAUTHORIZED_BODY }));

    const error = await rejection(giacom.services.get("s1"));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED", attempts: 2 });
    expect(api.requests).toHaveLength(2);
    expect(tokens.requests).toHaveLength(2);
    expect(api.requests.map((r) => r.token)).toEqual(tokens.issued);
    expectNoCredentialIn(error);
  });
});

describe("token endpoint failures", () => {
  it("rejects wrong client credentials with AuthError carrying the status, the OAuth error and its description", T, async () => {
    tokens.plan({ status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } });
    const giacom = client({}, { retry: FAST_RETRY });

    const error = await rejection(giacom.services.get("s1"));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      status: 401,
      oauthError: "invalid_client",
      oauthErrorDescription: "Client authentication failed",
      retryable: false,
      code: "AUTH_FAILED",
    });
    expect(tokens.requests).toHaveLength(1); // not retried
    expect(api.requests).toHaveLength(0);
    expectNoCredentialIn(error);
  });

  it("redacts the secret when the token endpoint echoes it in its error", T, async () => {
    tokens.plan({ status: 401, body: { error: "invalid_client", error_description: `unknown secret ${CLIENT_SECRET} for ${CLIENT_ID}` } });

    const error = await rejection(client({}, { retry: false }).services.get("s1"));
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).oauthErrorDescription).toBe(`unknown secret [REDACTED] for ${CLIENT_ID}`);
    expectNoCredentialIn(error);
  });

  it("marks a 500 from the token endpoint retryable", T, async () => {
    tokens.plan({ status: 500, body: { error: "server_error", error_description: "try later" } });

    const error = await rejection(client({}, { retry: false }).services.get("s1"));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 500, oauthError: "server_error", retryable: true });
    expect(api.requests).toHaveLength(0);
    expectNoCredentialIn(error);
  });

  it("retries the call after a 500 from the token endpoint, and succeeds with the next token", T, async () => {
    tokens.plan({ status: 500, body: { error: "server_error" } });
    const { giacom, refreshes } = observedClient({}, { retry: FAST_RETRY });

    await expect(giacom.services.get("s1")).resolves.toEqual(SERVICE);
    expect(tokens.requests).toHaveLength(2);
    expect(tokens.issued).toHaveLength(1);
    expect(api.requests.map((r) => r.token)).toEqual(tokens.issued);
    expect(refreshes.map((r) => [r.reason, r.error?.constructor.name])).toEqual([
      ["initial", "AuthError"],
      ["initial", undefined],
    ]);
  });

  it("rejects with a NetworkError naming the host and the system code when the token endpoint cannot be reached", T, async () => {
    const tokenUrl = await closedPortUrl();
    const giacom = createGiacomClient({
      baseUrl: api.baseUrl,
      tokenUrl,
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      retry: false,
    });

    const error = await rejection(giacom.services.get("s1"));
    // Not an AuthError: nothing refused the credentials, the endpoint was never heard from.
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe(`The token endpoint could not be reached at ${new URL(tokenUrl).host} (ECONNREFUSED)`);
    expect((error as NetworkError).retryable).toBe(true);
    expect(api.requests).toHaveLength(0);
    expectNoCredentialIn(error);
  });

  it("rejects a token that is not a bearer token without revealing it", T, async () => {
    tokens.plan({ patch: { token_type: "MAC" } });

    const error = await rejection(client({}, { retry: false }).services.get("s1"));
    expect(error).toBeInstanceOf(AuthError);
    expect(tokens.issued).toHaveLength(1);
    expect(api.requests).toHaveLength(0);
    expectNoCredentialIn(error);
  });
});

describe("the onTokenRefresh hook", () => {
  it("receives the reason, the duration and the lifetime, but never the token", T, async () => {
    tokens.plan({}, { status: 503, body: { error: "temporarily_unavailable" } });
    const { giacom, refreshes } = observedClient({}, { retry: false });
    api.handle((request, context) => (request.token === tokens.issued[0] ? { status: 401, body: UNAUTHORIZED_BODY } : defaultApiHandler(request, context)));

    // initial (200), then the API refuses it: invalidated (503).
    await expect(giacom.services.get("s1")).rejects.toBeInstanceOf(AuthError);
    // invalidated was reported as failed: the next call asks again, still for the same reason.
    await expect(giacom.services.get("s2")).resolves.toEqual(SERVICE);

    expect(refreshes.map((r) => r.reason)).toEqual(["initial", "invalidated", "invalidated"]);
    const [initial, failed] = refreshes;
    expect(Object.keys(initial!).sort()).toEqual(["durationMs", "expiresInMs", "reason"]);
    expect(initial!.expiresInMs).toBe(3_600_000);
    expect(typeof initial!.durationMs).toBe("number");
    expect(initial!.durationMs).toBeGreaterThanOrEqual(0);
    expect(Object.keys(failed!).sort()).toEqual(["durationMs", "error", "reason"]);
    expect(failed!.error).toBeInstanceOf(AuthError);

    expect(tokens.issued).toHaveLength(2);
    const serialized = refreshes.map((info) => `${JSON.stringify(info)}\n${inspect(info, { depth: 5 })}`).join("\n");
    for (const secret of credentialsOnTheWire()) expect(serialized.includes(secret), "a hook payload contains a credential").toBe(false);
  });
});

describe("a custom token provider", () => {
  it("is used instead of credentials: no token request, and its token reaches the API", T, async () => {
    const provider = { getToken: vi.fn(async () => "custom-token-1") } satisfies TokenProvider;
    api.accept((token) => token === "custom-token-1");
    const giacom = createGiacomClient({ baseUrl: api.baseUrl, tokenUrl: tokens.url, tokenProvider: provider });

    await expect(giacom.services.get("s1")).resolves.toEqual(SERVICE);
    expect(provider.getToken).toHaveBeenCalledTimes(1);
    expect(tokens.requests).toHaveLength(0);
    expect(api.requests.map((r) => r.token)).toEqual(["custom-token-1"]);
  });

  it("has invalidate called with the refused token after a 401, then gives the token for the retry", T, async () => {
    let next = 1;
    const provider = { getToken: vi.fn(async () => `custom-token-${next}`), invalidate: vi.fn(() => void next++) } satisfies TokenProvider;
    api.accept((token) => token === "custom-token-2");
    const giacom = createGiacomClient({ baseUrl: api.baseUrl, tokenProvider: provider });

    await expect(giacom.services.get("s1")).resolves.toEqual(SERVICE);
    expect(provider.invalidate).toHaveBeenCalledTimes(1);
    expect(provider.invalidate).toHaveBeenCalledWith("custom-token-1");
    expect(api.requests.map((r) => r.token)).toEqual(["custom-token-1", "custom-token-2"]);
    expect(tokens.requests).toHaveLength(0);
  });
});
