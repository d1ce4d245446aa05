// OAuth 2.0 client credentials (RFC 6749 4.4), on the shared token endpoint engine (one cached
// token, refreshed ahead of expiry, a single request in flight). The secret lives only in this
// closure: nothing that can be logged or inspected holds it.
import { ConfigurationError } from "../errors.js";
import { checkUrl } from "../internal/urls.js";
import { tokenEndpoint } from "./token-endpoint.js";
import type { Stores } from "../stores/stores.js";
import type { FetchFunction, Logger, TokenProvider, TokenRefreshInfo } from "../types.js";
import { sharedTokens } from "./shared.js";

/**
 * OAuth2 client credentials, and how to use them. `Scope` narrows the scopes an API names.
 * @group Authentication
 * @example
 * ```ts
 * const credentials: Credentials = { clientId: process.env.GIACOM_CLIENT_ID!, clientSecret: process.env.GIACOM_CLIENT_SECRET! };
 * ```
 */
export interface Credentials<Scope extends string = string> {
  clientId: string;
  clientSecret: string;
  /** One scope or several; omitted, the token carries every scope granted to the client. */
  scope?: Scope | readonly Scope[];
  /** How the client authenticates: HTTP Basic (default) or `client_id`/`client_secret` in the form body. */
  authMethod?: "basic" | "body";
  /** Treat a token as expired this long before it does (clock skew, time in flight). Default 30 s. */
  skewMs?: number;
  /** Start a background refresh this long before the token expires. Default 120 s. */
  refreshWindowMs?: number;
}

/**
 * Options of {@link clientCredentials}: the credentials, where to use them, and how.
 * @group Authentication
 * @example
 * ```ts
 * const options: ClientCredentialsOptions = { tokenUrl, clientId, clientSecret, scope: "integrations/serviceOrder.read" };
 * ```
 */
export interface ClientCredentialsOptions<Scope extends string = string> extends Credentials<Scope> {
  tokenUrl: string;
  /** Deadline of one token request. Default 30 s. */
  timeoutMs?: number;
  /** The fetch to use; resolved on every request when omitted, so test interceptors apply. */
  fetch?: FetchFunction;
  /** Called after every token request, successful or not. Never receives the token. */
  onRefresh?: (info: TokenRefreshInfo) => void;
  /** Allow a plain-HTTP `tokenUrl` to a host other than loopback. The secret would travel in clear. */
  allowInsecureHttp?: boolean;
  /**
   * Share the token with the other replicas: `tokens` caches it for all of them (keyed by the
   * token URL, the client id and the scopes, hashed), `locks` makes one replica fetch it while
   * the others wait for it. When either fails, this replica fetches its own token (reported
   * once through `logger`). A token the endpoint gives without `expires_in` is not shared.
   */
  stores?: Partial<Pick<Stores, "tokens" | "locks">>;
  /** Where a failure of the shared `stores` is reported. Never receives a token. */
  logger?: Logger;
}

/**
 * A token provider for the OAuth 2.0 client credentials grant. A client builds one from its
 * `credentials`; build it yourself to share one token cache between several clients.
 * @group Authentication
 * @example
 * ```ts
 * const tokens = clientCredentials({ tokenUrl: "https://auth.example.com/oauth2/token", clientId, clientSecret });
 * const auth = bearer(tokens); // or createGiacomClient({ environment: "uat", tokenProvider: tokens })
 * ```
 */
export function clientCredentials<Scope extends string = string>(options: ClientCredentialsOptions<Scope>): TokenProvider {
  const { tokenUrl, clientId, clientSecret, authMethod = "basic", skewMs = 30_000, refreshWindowMs = 120_000, timeoutMs = 30_000, onRefresh } = options;
  const scope = options.scope === undefined ? undefined : typeof options.scope === "string" ? options.scope : options.scope.join(" ");
  const doFetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // Built directly (not through a client factory), the provider must refuse a plain-HTTP
  // token endpoint too: otherwise the client secret would be sent in clear.
  const checked = checkUrl(tokenUrl, options.allowInsecureHttp === true);
  if ("problem" in checked) throw new ConfigurationError("tokenUrl", checked.problem);

  // RFC 6749 2.3.1: both parts are form-urlencoded before the Basic encoding.
  const form = (s: string) => new URLSearchParams([["", s]]).toString().slice(1);
  const basic = btoa(`${form(clientId)}:${form(clientSecret)}`);
  const secrets = [clientSecret, form(clientSecret), basic];

  return tokenEndpoint({
    tokenUrl,
    timeoutMs,
    fetch: doFetch,
    onRefresh,
    skewMs,
    refreshWindowMs,
    shared: sharedTokens(options.stores, options.logger, [tokenUrl, clientId, scope ?? ""]),
    request() {
      const body = new URLSearchParams({ grant_type: "client_credentials" });
      if (scope) body.set("scope", scope);
      const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
      if (authMethod === "basic") {
        headers.Authorization = `Basic ${basic}`;
      } else {
        body.set("client_id", clientId);
        body.set("client_secret", clientSecret);
      }
      // The endpoint may echo the secret in clear, form-encoded (as sent in the body) or inside
      // the Basic credentials (an echoed Authorization header).
      return { body, headers, secrets };
    },
  });
}
