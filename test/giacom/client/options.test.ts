import { describe, expect, it } from "vitest";
import { ConfigurationError, createGiacomClient, ENVIRONMENTS, type GiacomClientOptions } from "giacom-sdk";
import { TEST_SECRET, testClient } from "../../helpers/recording-fetch.js";

const credentials = { clientId: "client", clientSecret: TEST_SECRET };

function rejection(options: unknown): ConfigurationError {
  try {
    createGiacomClient(options as GiacomClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("expected a ConfigurationError");
}

describe("client options", () => {
  it("presets the documented URLs for production and UAT", async () => {
    expect(ENVIRONMENTS.production).toEqual({
      baseUrl: "https://api.integrations.giacom.com/v2",
      tokenUrl: "https://auth.integrations.giacom.com/oauth2/token",
    });
    expect(ENVIRONMENTS.uat).toEqual({
      baseUrl: "https://api.uat.integrations.giacom.com/v2",
      tokenUrl: "https://auth.uat.integrations.giacom.com/oauth2/token",
    });
    const urls: string[] = [];
    const fetch = async (url: string) => (
      urls.push(url),
      url.endsWith("/token") ? Response.json({ access_token: "t", expires_in: 60 }) : Response.json({ id: "x" })
    );
    await createGiacomClient({ environment: "uat", credentials, fetch }).services.get("x");
    expect(urls).toEqual(["https://auth.uat.integrations.giacom.com/oauth2/token", "https://api.uat.integrations.giacom.com/v2/service/x"]);
  });

  it("lets baseUrl and tokenUrl override the environment's", async () => {
    const { giacom, requests } = testClient((r) => (r.url.pathname.startsWith("/v2/") ? Response.json({ id: "x" }) : undefined), { environment: "production" });
    await giacom.services.get("x");
    expect(requests.map((r) => r.url.host)).toEqual(["auth.test.giacom.example", "api.test.giacom.example"]);
  });

  it("names the option at fault", () => {
    const cases: [unknown, string][] = [
      [undefined, "options"],
      [{ credentials }, "baseUrl"],
      [{ environment: "staging", credentials }, "environment"],
      [{ environment: "uat" }, "credentials"],
      [{ environment: "uat", credentials: { clientId: "", clientSecret: "x" } }, "credentials.clientId"],
      [{ environment: "uat", credentials: { clientId: "a" } }, "credentials.clientSecret"],
      [{ environment: "uat", credentials: { ...credentials, scope: [] } }, "credentials.scope"],
      [{ environment: "uat", credentials: { ...credentials, scope: "a b" } }, "credentials.scope"],
      [{ environment: "uat", credentials: { ...credentials, authMethod: "digest" } }, "credentials.authMethod"],
      [{ environment: "uat", credentials, tokenProvider: { getToken: async () => "t" } }, "credentials"],
      [{ environment: "uat", tokenProvider: {} }, "tokenProvider"],
      [{ environment: "uat", credentials, timeoutMs: 0 }, "timeoutMs"],
      [{ environment: "uat", credentials, timeoutMs: Number.NaN }, "timeoutMs"],
      [{ environment: "uat", credentials, retry: { maxRetries: -1 } }, "retry.maxRetries"],
      [{ environment: "uat", credentials, retry: { maxRetries: 1.5 } }, "retry.maxRetries"],
      [{ environment: "uat", credentials, retry: { baseDelay: 10 } }, "retry.baseDelay"],
      [{ environment: "uat", credentials, retry: "often" }, "retry"],
      [{ environment: "uat", credentials, fetch: "fetch" }, "fetch"],
      [{ environment: "uat", credentials, hooks: { onRequest: 1 } }, "hooks.onRequest"],
      [{ environment: "uat", credentials, hooks: { onSend: () => undefined } }, "hooks.onSend"],
      [{ environment: "uat", credentials, correlationIdHeader: "Bad Header" }, "correlationIdHeader"],
      [{ environment: "uat", credentials, correlationIdHeader: "Authorization" }, "correlationIdHeader"],
      [{ environment: "uat", clientSecret: TEST_SECRET }, "clientSecret"],
      [{ baseUrl: "ftp://example.com", tokenUrl: "https://a.example/token", credentials }, "baseUrl"],
      [{ baseUrl: "not a url", tokenUrl: "https://a.example/token", credentials }, "baseUrl"],
      [{ baseUrl: "https://user:pw@api.example/v2", tokenUrl: "https://a.example/token", credentials }, "baseUrl"],
    ];
    for (const [options, option] of cases) expect(rejection(options).option, JSON.stringify(options)).toBe(option);
  });

  it("never repeats a credential in its message", () => {
    const error = rejection({ environment: "uat", credentials: { clientId: "a", clientSecret: 42 }, clientSecret: TEST_SECRET });
    expect(error.message).not.toContain(TEST_SECRET);
    const bad = rejection({ environment: "uat", credentials: { clientId: TEST_SECRET, clientSecret: "" } });
    expect(bad.message).not.toContain(TEST_SECRET);
  });

  it("refuses plain HTTP except to loopback hosts or when the caller opts in", () => {
    const base = { tokenUrl: "https://auth.example/token", credentials };
    expect(rejection({ ...base, baseUrl: "http://api.example/v2" }).message).toMatch(/plain HTTP/);
    expect(rejection({ baseUrl: "https://api.example/v2", tokenUrl: "http://auth.example/token", credentials }).option).toBe("tokenUrl");
    for (const host of ["127.0.0.1:8080", "localhost:3000", "[::1]:9"]) {
      expect(() => createGiacomClient({ ...base, baseUrl: `http://${host}/v2` })).not.toThrow();
    }
    expect(() => createGiacomClient({ ...base, baseUrl: "http://api.example/v2", allowInsecureHttp: true })).not.toThrow();
  });

  it("makes no request when the client is created", () => {
    const { requests } = testClient(() => Response.json({}));
    expect(requests).toHaveLength(0);
  });
});
