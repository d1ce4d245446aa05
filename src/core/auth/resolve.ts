// The token options every OAuth2 client of the package shares (`credentials` with a `tokenUrl`,
// or a `tokenProvider`), checked once when the client is made: a bad one throws a
// ConfigurationError that names it and never shows its value, which may be the secret.
import { ConfigurationError } from "../errors.js";
import { isObject } from "../internal/show.js";
import { checkedUrl, duration, type resolveClientOptions } from "../options.js";
import type { Stores } from "../stores/stores.js";
import type { Logger, TokenProvider } from "../types.js";
import { clientCredentials, type Credentials } from "./client-credentials.js";

function checkCredentials(credentials: unknown): Credentials {
  if (!isObject(credentials)) throw new ConfigurationError("credentials", "must be an object with clientId and clientSecret");
  for (const key of ["clientId", "clientSecret"] as const) {
    // Never echo the value: it may be the secret.
    if (typeof credentials[key] !== "string" || credentials[key] === "") throw new ConfigurationError(`credentials.${key}`, "must be a non-empty string");
  }
  const { scope, authMethod } = credentials;
  if (scope !== undefined) {
    const scopes = typeof scope === "string" ? [scope] : scope;
    if (!Array.isArray(scopes) || scopes.length === 0 || scopes.some((s) => typeof s !== "string" || s === "" || /\s/.test(s))) {
      throw new ConfigurationError("credentials.scope", "must be a scope or a non-empty list of scopes, without spaces");
    }
  }
  if (authMethod !== undefined && authMethod !== "basic" && authMethod !== "body")
    throw new ConfigurationError("credentials.authMethod", 'must be "basic" or "body"');
  duration("credentials.skewMs", credentials.skewMs, 0, 0);
  duration("credentials.refreshWindowMs", credentials.refreshWindowMs, 0, 0);
  return credentials as unknown as Credentials;
}

/**
 * The token provider a client's options name: OAuth2 client credentials (`credentials`, used at
 * `tokenUrl`) or the caller's `tokenProvider`, checked; `undefined` when neither is given.
 * `noTokenUrl` is the problem reported when credentials come without a token URL. With
 * `stores.tokens` (and `stores.locks`) the token is shared with the other replicas.
 * @group Authentication
 * @example
 * ```ts
 * const resolved = resolveClientOptions(options);
 * const tokens = resolveTokenProvider(options, options.tokenUrl, resolved) ?? fail("credentials", "is required");
 * const http = createTransport<paths>({ ...resolved, auth: bearer(tokens) });
 * ```
 */
export function resolveTokenProvider(
  options: { credentials?: unknown; tokenProvider?: unknown; stores?: Partial<Stores> | undefined },
  tokenUrl: string | undefined,
  resolved: Pick<ReturnType<typeof resolveClientOptions>, "fetch" | "timeoutMs" | "allowInsecureHttp" | "hooks"> & { logger?: Logger | undefined },
  noTokenUrl = "is required with credentials",
): TokenProvider | undefined {
  const { credentials, tokenProvider } = options;
  if (credentials !== undefined && tokenProvider !== undefined)
    throw new ConfigurationError("credentials", "give either credentials or tokenProvider, not both");
  if (tokenProvider !== undefined) {
    if (typeof (tokenProvider as Partial<TokenProvider> | null)?.getToken !== "function")
      throw new ConfigurationError("tokenProvider", "must have a getToken() method");
    return tokenProvider as TokenProvider;
  }
  if (credentials === undefined) return undefined;
  const checked = checkCredentials(credentials);
  if (tokenUrl === undefined) throw new ConfigurationError("tokenUrl", noTokenUrl);
  const { allowInsecureHttp, hooks } = resolved;
  return clientCredentials({
    ...checked,
    tokenUrl: checkedUrl("tokenUrl", tokenUrl, allowInsecureHttp),
    allowInsecureHttp,
    timeoutMs: resolved.timeoutMs,
    fetch: resolved.fetch,
    ...(hooks.onTokenRefresh ? { onRefresh: hooks.onTokenRefresh } : {}),
    ...(options.stores ? { stores: options.stores } : {}),
    ...(resolved.logger ? { logger: resolved.logger } : {}),
  });
}
