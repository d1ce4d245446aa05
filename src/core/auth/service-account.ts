// A service account's key exchanged for bearer tokens: an RS256-signed JWT assertion sent with
// the JWT bearer grant (RFC 7523 2.1), on the shared token endpoint engine (one cached token,
// refreshed ahead of expiry, a single request in flight). Web Crypto only. The private key is
// imported once, non-extractable; its PEM text and DER bytes are dropped once imported, and
// nothing that can be logged or inspected holds the key, an assertion or a token.
import { bytesOf, toBase64Url } from "../internal/base64.js";
import { ConfigurationError } from "../errors.js";
import { isObject } from "../internal/show.js";
import { checkUrl } from "../internal/urls.js";
import { duration } from "../options.js";
import type { Stores } from "../stores/stores.js";
import type { FetchFunction, Logger, TokenProvider, TokenRefreshInfo } from "../types.js";
import { sharedTokens } from "./shared.js";
import { tokenEndpoint } from "./token-endpoint.js";

/**
 * A service account's key, as the JSON file the API's console issues (Google's shape): the
 * account's e-mail, an RSA private key in PKCS#8 PEM, the key's id, and where to exchange it.
 * @group Authentication
 * @example
 * ```ts
 * const key: ServiceAccountKey = JSON.parse(await readFile("service-account.json", "utf8"));
 * ```
 */
export interface ServiceAccountKey {
  /** The account: the assertion's issuer and subject. */
  client_email: string;
  /** `-----BEGIN PRIVATE KEY-----` (PKCS#8) PEM of an RSA key. A secret: never shown. */
  private_key: string;
  /** The key's id: sent as the assertion's `kid`, so the server knows which public key checks it. */
  private_key_id?: string;
  /** The token endpoint, when the key names it. */
  token_uri?: string;
  [other: string]: unknown;
}

/**
 * Options of {@link serviceAccount}.
 * @group Authentication
 * @example
 * ```ts
 * const options: ServiceAccountOptions = { key: process.env.MASSTACK_SERVICE_ACCOUNT!, tokenUrl: "https://auth.example.com/token", scopes: ["services"] };
 * ```
 */
export interface ServiceAccountOptions {
  /** The key: the parsed object, or the JSON text of the key file. */
  key: ServiceAccountKey | string;
  /** The token endpoint. Default: the key's `token_uri`; without either, a `ConfigurationError`. */
  tokenUrl?: string;
  /** Sent as the assertion's `scope` claim (space-separated); omitted when not given. */
  scopes?: string | readonly string[];
  /** The assertion's `aud` claim. Default: the token URL. */
  audience?: string;
  /** The fetch to use; resolved on every request when omitted, so test interceptors apply. */
  fetch?: FetchFunction;
  /** Deadline of one token request (signing included). Default 30 s. */
  timeoutMs?: number;
  /** Called after every token request, successful or not. Never receives the token. */
  onRefresh?: (info: TokenRefreshInfo) => void;
  /** Allow a plain-HTTP `tokenUrl` to a host other than loopback. The assertion would travel in clear. */
  allowInsecureHttp?: boolean;
  /** How long an assertion is valid (`exp - iat`). Default 300 s; at most 3600 s. */
  assertionLifetimeMs?: number;
  /**
   * Share the token with the other replicas: `tokens` caches it for all of them (keyed by the
   * token URL, the account, the key id, the scopes and the audience, hashed), `locks` makes one
   * replica fetch it while the others wait for it. When either fails, this replica fetches its
   * own token (reported once through `logger`).
   */
  stores?: Partial<Pick<Stores, "tokens" | "locks">>;
  /** Where a failure of the shared `stores` is reported. Never receives a token. */
  logger?: Logger;
}

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const MAX_LIFETIME_MS = 3_600_000;

const encodeJson = (value: object) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));

/** The key option, parsed and checked; `name` is what errors call it. Never shows a value. */
function checkKey(given: unknown, name: string): ServiceAccountKey {
  let key = given;
  if (typeof key === "string") {
    try {
      key = JSON.parse(key);
    } catch {
      // Not the parser's message: it quotes the text, which holds the private key.
      throw new ConfigurationError(name, "is not valid JSON (give the key file's text or the parsed object)");
    }
  }
  if (!isObject(key)) throw new ConfigurationError(name, "must be a service account key: an object, or its JSON text");
  // client_email and private_key are required, private_key_id and token_uri may be absent.
  for (const [field, optional] of [["client_email"], ["private_key"], ["private_key_id", 1], ["token_uri", 1]] as const) {
    const value = key[field];
    if ((!optional || value !== undefined) && (typeof value !== "string" || value === ""))
      throw new ConfigurationError(`${name}.${field}`, "must be a non-empty string");
  }
  return key as ServiceAccountKey;
}

/** The DER bytes of a PKCS#8 PEM, read by hand (Web Crypto takes DER only). */
function pkcs8(pem: string, option: string): Uint8Array<ArrayBuffer> {
  // A key pasted into an environment variable often keeps its line breaks as the two characters `\n`.
  const base64 = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem)?.[1]!.replace(/\\n|\s/g, "");
  if (!base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    // One message for every other form (PKCS#1 `BEGIN RSA PRIVATE KEY`, encrypted, not PEM): the way out is the same.
    throw new ConfigurationError(
      option,
      "must be an unencrypted RSA key in PKCS#8 PEM (BEGIN PRIVATE KEY), which Web Crypto reads; convert a PKCS#1 (BEGIN RSA PRIVATE KEY) or encrypted one with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem`",
    );
  }
  return bytesOf(atob(base64));
}

/**
 * @internal {@link serviceAccount}, naming the key option `name` in its errors (a client
 * calls it `serviceAccount`).
 */
export function createServiceAccount(options: ServiceAccountOptions, name = "key"): TokenProvider {
  if (!isObject(options)) throw new ConfigurationError("options", "must be an object with a key");
  const key = checkKey(options.key, name);
  const allowInsecureHttp = options.allowInsecureHttp === true;
  const tokenUrl = options.tokenUrl ?? key.token_uri;
  if (tokenUrl === undefined) throw new ConfigurationError("tokenUrl", `is required: give tokenUrl, or a key whose token_uri names the token endpoint`);
  // Built directly (not through a client factory), the provider must refuse a plain-HTTP token
  // endpoint too: the assertion would travel in clear and could be replayed until it expires.
  const checked = checkUrl(tokenUrl, allowInsecureHttp);
  if ("problem" in checked) throw new ConfigurationError(options.tokenUrl === undefined ? `${name}.token_uri` : "tokenUrl", checked.problem);
  const audience = options.audience ?? tokenUrl;
  if (typeof audience !== "string" || audience === "") throw new ConfigurationError("audience", "must be a non-empty string");
  const scopes = options.scopes === undefined ? undefined : typeof options.scopes === "string" ? [options.scopes] : options.scopes;
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.length === 0 || scopes.some((s) => typeof s !== "string" || s === "" || /\s/.test(s)))) {
    throw new ConfigurationError("scopes", "must be a scope or a non-empty list of scopes, without spaces");
  }
  const lifetimeMs = duration("assertionLifetimeMs", options.assertionLifetimeMs, 1_000, 300_000);
  if (lifetimeMs > MAX_LIFETIME_MS) throw new ConfigurationError("assertionLifetimeMs", `must be at most ${MAX_LIFETIME_MS} ms (an hour)`);
  const timeoutMs = duration("timeoutMs", options.timeoutMs, 1, 30_000);
  for (const name of ["fetch", "onRefresh"] as const)
    if (options[name] !== undefined && typeof options[name] !== "function") throw new ConfigurationError(name, "must be a function");

  // The PEM is read now, so a malformed key fails at once; it is imported at the first token.
  let der: Uint8Array<ArrayBuffer> | undefined = pkcs8(key.private_key, `${name}.private_key`);
  const header = encodeJson(key.private_key_id === undefined ? { alg: "RS256", typ: "JWT" } : { alg: "RS256", typ: "JWT", kid: key.private_key_id });
  const account = key.client_email;
  const scope = scopes?.join(" ");
  let imported: Promise<CryptoKey> | undefined;

  const signingKey = () =>
    (imported ??= (async () => {
      const bytes = der!;
      der = undefined;
      try {
        return await crypto.subtle.importKey("pkcs8", bytes, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
      } catch {
        // The runtime's reason is not shown: it may quote the key.
        throw new ConfigurationError(`${name}.private_key`, "could not be imported as an RSA private key (PKCS#8 PEM expected)");
      } finally {
        bytes.fill(0);
      }
    })());

  return tokenEndpoint({
    tokenUrl,
    timeoutMs,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    onRefresh: options.onRefresh,
    skewMs: 30_000,
    refreshWindowMs: 120_000,
    shared: sharedTokens(options.stores, options.logger, [tokenUrl, account, key.private_key_id ?? "", scope ?? "", audience]),
    async request() {
      const iat = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        iss: account,
        sub: account,
        aud: audience,
        iat,
        exp: iat + Math.floor(lifetimeMs / 1000),
        jti: crypto.randomUUID(),
      };
      if (scope) claims.scope = scope;
      const input = `${header}.${encodeJson(claims)}`;
      const signature = toBase64Url(new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", await signingKey(), new TextEncoder().encode(input))));
      const assertion = `${input}.${signature}`;
      return {
        body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        // An assertion is a bearer credential until it expires: never let the endpoint's echo show it.
        secrets: [assertion, signature],
      };
    },
  });
}

/**
 * A token provider for a service account: each token is obtained with an RS256-signed JWT
 * assertion (RFC 7523: `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`) posted to the
 * token URL, then cached and refreshed ahead of expiry, one request at a time. The assertion
 * claims `iss` and `sub` (the key's `client_email`), `aud` (the token URL unless `audience`),
 * `iat`, `exp` (`iat` + 300 s), a fresh `jti` and, when given, `scope`. Signed with Web Crypto,
 * so it runs wherever `fetch` does. The key must be PKCS#8 (`BEGIN PRIVATE KEY`); a PKCS#1 one
 * is a `ConfigurationError` saying how to convert it. A bad option throws a `ConfigurationError`
 * at once, never showing the key.
 * @group Authentication
 * @example
 * ```ts
 * const tokens = serviceAccount({ key: process.env.MASSTACK_SERVICE_ACCOUNT!, tokenUrl: "https://auth.example.com/oauth2/token" });
 * const auth = bearer(tokens); // or createMasStackClient({ tokenProvider: tokens })
 * ```
 */
export function serviceAccount(options: ServiceAccountOptions): TokenProvider {
  return createServiceAccount(options);
}
