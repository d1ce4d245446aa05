// The core simulator's token issuer with both grants on one endpoint (a toy profile, no vendor
// data): the client credentials grant as before, the JWT bearer grant beside it, each refusing
// what the other takes; and the deliverer sending through an injected fetch with its own encoder.
import { describe, expect, it } from "vitest";
import { Clock } from "../../src/core/simulator/clock.js";
import { Deliverer } from "../../src/core/simulator/deliverer.js";
import { JWT_BEARER, JwtBearerVerifier, ServiceAccounts } from "../../src/core/simulator/jwt-bearer.js";
import { TokenIssuer } from "../../src/core/simulator/token-issuer.js";

const TOKEN_URL = "https://auth.toy.example/token";

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const part = (value: unknown) => b64url(new TextEncoder().encode(JSON.stringify(value)));

async function signed(key: { private_key_id: string; private_key: string; client_email: string }, claims: Record<string, unknown> = {}): Promise<string> {
  const der = Buffer.from(key.private_key.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""), "base64");
  const privateKey = await crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  const iat = Math.floor(Date.now() / 1000);
  const input = `${part({ alg: "RS256", typ: "JWT", kid: key.private_key_id })}.${part({ iss: key.client_email, aud: TOKEN_URL, iat, exp: iat + 60, jti: crypto.randomUUID(), ...claims })}`;
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", privateKey, new TextEncoder().encode(input));
  return `${input}.${b64url(new Uint8Array(signature))}`;
}

function issuerWithBothGrants() {
  const clock = new Clock("manual", (batch) => batch);
  const accounts = new ServiceAccounts();
  const issuer = new TokenIssuer({ "toy-client": { secret: "toy-secret" } }, 600, clock, {
    scopes: ["toys.read", "toys.write"],
    realm: "toy",
    jwtBearer: new JwtBearerVerifier(accounts, clock),
  });
  const post = (form: Record<string, string>) =>
    issuer.issue(new Request(TOKEN_URL, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) }));
  return { issuer, accounts, post };
}

describe("the core token issuer with a JWT bearer grant beside client credentials", () => {
  it("still issues client credentials tokens, with every scope, as before", async () => {
    const { post } = issuerWithBothGrants();
    const answer = await post({ grant_type: "client_credentials", client_id: "toy-client", client_secret: "toy-secret" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 600, scope: "toys.read toys.write" });
    const unknown = await post({ grant_type: "password", client_id: "toy-client", client_secret: "toy-secret" });
    expect(await unknown.json()).toMatchObject({
      error: "unsupported_grant_type",
      error_description: `grant_type must be client_credentials or ${JWT_BEARER}, not password`,
    });
  });

  it("issues a token for a signed assertion, narrowed to the scopes its claim asks for, which authorizes like any other", async () => {
    const { post, accounts, issuer } = issuerWithBothGrants();
    const key = await accounts.create(TOKEN_URL);
    const answer = await post({ grant_type: JWT_BEARER, assertion: await signed(key, { scope: "toys.read" }) });
    const body = (await answer.json()) as { access_token: string; scope: string };
    expect(answer.status).toBe(200);
    expect(body.scope).toBe("toys.read");
    const request = new Request("https://toy.example/api", { headers: { Authorization: `Bearer ${body.access_token}` } });
    expect(issuer.authorize(request, [["toys.read"]]).clientId).toBe(key.client_email);
    expect(() => issuer.authorize(request, [["toys.write"]])).toThrow(/scope/);
    const outside = await post({ grant_type: JWT_BEARER, assertion: await signed(key, { scope: "toys.admin" }) });
    expect(await outside.json()).toMatchObject({ error: "invalid_scope" });
  });

  it("forgets the jti it saw when every token is revoked, and never shows a key in what it answers", async () => {
    const { post, accounts, issuer } = issuerWithBothGrants();
    const key = await accounts.create(TOKEN_URL);
    const jwt = await signed(key);
    expect((await post({ grant_type: JWT_BEARER, assertion: jwt })).status).toBe(200);
    const replay = await (await post({ grant_type: JWT_BEARER, assertion: jwt })).text();
    expect(replay).toMatch(/already used/);
    expect(replay).not.toContain(key.private_key.slice(40, 80));
    issuer.revokeAll();
    expect((await post({ grant_type: JWT_BEARER, assertion: jwt })).status).toBe(200);
  });

  it("reports a public key it cannot import when the account is used, as a server error", async () => {
    const clock = new Clock("manual", (batch) => batch);
    // A well-formed PEM block whose content is not a key: only importing it can tell.
    const accounts = new ServiceAccounts([
      { client_email: "bad@toy.example", private_key_id: "bad", publicKey: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" },
    ]);
    const verifier = new JwtBearerVerifier(accounts, clock);
    const jwt = `${part({ alg: "RS256", kid: "bad" })}.${part({ iss: "bad@toy.example" })}.AAAA`;
    expect(await verifier.verify(jwt, TOKEN_URL)).toMatchObject({ status: 500, error: "server_error" });
  });
});

describe("the core deliverer with an injected fetch and encoder", () => {
  it("sends each body through the given fetch, as the encoder writes it, and retries what is not taken", async () => {
    const clock = new Clock("manual", (batch) => batch);
    const sent: { url: string; body: string; header: string | null }[] = [];
    const statuses = [500, 200];
    const deliverer = new Deliverer<{ id: string }>(clock, {
      accepted: (status) => status === 200,
      retryDelayMs: 1_000,
      maxRetries: 2,
      encode: (body) => `{"id":${body.id}}`,
      fetch: async (url, init) => {
        sent.push({ url, body: String(init.body), header: new Headers(init.headers).get("X-Toy") });
        return new Response(null, { status: statuses.shift() ?? 200 });
      },
    });
    deliverer.send(() => ({ url: "https://partner.toy.example/cb", headers: { "X-Toy": "1" } }), { id: "42" });
    await clock.settle();
    expect(sent).toEqual([
      { url: "https://partner.toy.example/cb", body: '{"id":42}', header: "1" },
      { url: "https://partner.toy.example/cb", body: '{"id":42}', header: "1" },
    ]);
    expect(deliverer.deliveries.map((d) => [d.status, d.attempt])).toEqual([
      [500, 1],
      [200, 2],
    ]);
  });
});
