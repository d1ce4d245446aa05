// Request authentication as strategy values: the transport asks for a credential before each
// attempt and masks its secrets wherever an answer could echo them.
import { AuthError, ConfigurationError } from "../errors.js";
import { isWellFormedToken, MALFORMED_TOKEN } from "../internal/response.js";
import type { Credential, RequestAuth, TokenProvider } from "../types.js";

/**
 * `Authorization: Bearer` with tokens from a provider (such as {@link clientCredentials}). A
 * 401 drops the refused token, and the call is tried once more with a fresh one.
 * @group Authentication
 * @example
 * ```ts
 * const auth = bearer(clientCredentials({ tokenUrl, clientId, clientSecret }));
 * ```
 */
export function bearer(provider: TokenProvider): RequestAuth {
  // Checked and built once per token, not per call: a provider hands out the same token for an hour.
  let current: { token: string; credential: Credential } | undefined;
  return {
    async authenticate({ signal }): Promise<Credential> {
      const token = await provider.getToken({ signal });
      if (token !== current?.token) {
        if (!isWellFormedToken(token)) throw new AuthError(`The token provider gave ${MALFORMED_TOKEN}`, {});
        const credential: Credential = { headers: { Authorization: `Bearer ${token}` }, secrets: [token] };
        if (provider.invalidate) credential.refused = () => (provider.invalidate!(token), true);
        current = { token, credential };
      }
      return current.credential;
    },
    ...(provider.idle ? { idle: () => provider.idle!() } : {}),
  };
}

/** RFC 9110 token characters: a header name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Credentials sent as fixed headers on every request (an API key, `client_id`/`client_secret`
 * headers). Every value is treated as a secret: it never reaches an error, a hook or a log.
 * Names and values are checked here, once; a bad one is a `ConfigurationError` naming the
 * header, never showing its value.
 * @group Authentication
 * @example
 * ```ts
 * const auth = staticHeaders({ client_id: process.env.CLIENT_ID!, client_secret: process.env.CLIENT_SECRET! });
 * ```
 */
export function staticHeaders(headers: Record<string, string>, options: { minLength?: number } = {}): RequestAuth {
  const entries = Object.entries(headers ?? {});
  if (entries.length === 0) throw new ConfigurationError("headers", "must name at least one header");
  for (const [name, value] of entries) {
    if (!HEADER_NAME.test(name)) throw new ConfigurationError(`headers.${name}`, "is not a valid HTTP header name");
    // Never echo the value: it is a secret.
    if (typeof value !== "string" || !/^[\x21-\x7e]+$/.test(value) || value.length < (options.minLength ?? 1))
      throw new ConfigurationError(`headers.${name}`, `must be ${options.minLength ?? 1} or more visible ASCII characters`);
  }
  const credential: Credential = Object.freeze({ headers: Object.freeze({ ...headers }), secrets: Object.freeze(entries.map(([, v]) => v)) });
  return { authenticate: () => credential };
}
