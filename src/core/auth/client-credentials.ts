// OAuth 2.0 client credentials (RFC 6749 4.4): one cached token, refreshed ahead of expiry
// in the background, with a single request in flight however many callers are waiting.
// The secret lives only in this closure: nothing that can be logged or inspected holds it.
import { AuthError, ConfigurationError, NetworkError, RedirectError, TimeoutError, type SdkError } from "../errors.js";
import { BodyTooLarge, discard, isRedirect, isWellFormedToken, MALFORMED_TOKEN, readText, redirectTarget } from "../internal/response.js";
import { raceAbort } from "../internal/abort.js";
import { unreachable } from "../internal/network.js";
import { scrub } from "../internal/redact.js";
import { stringAt } from "../internal/show.js";
import { checkUrl } from "../internal/urls.js";
import type { FetchFunction, TokenProvider, TokenRefreshInfo } from "../types.js";

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
}

/** How long a background refresh may go on once no call is in flight. */
const IDLE_GRACE_MS = 500;
/** A token answer is a few kilobytes at most; anything far larger is not one. */
const MAX_TOKEN_BODY = 256 * 1024;

/** A token request, and how many callers wait for it (none for a background refresh). */
interface Inflight {
  promise: Promise<string>;
  controller: AbortController;
  waiting: number;
}

interface CachedToken {
  token: string;
  /** After this, callers wait for a new token. */
  staleAt: number;
  /** After this, callers get the cached token while a new one is fetched. */
  refreshAt: number;
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
  // Whatever the endpoint says is shown to users; make sure it cannot echo the secret, in clear,
  // form-encoded (as sent in the body) or inside the Basic credentials (an echoed Authorization header).
  const clean = (text: string | undefined) => scrub(text, [clientSecret, form(clientSecret), basic]);

  let cached: CachedToken | undefined;
  let inflight = undefined as Inflight | undefined;
  let invalidated = false;
  let uses = 0;

  async function requestToken(signal: AbortSignal): Promise<{ token: string; expiresInMs: number | undefined }> {
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    if (scope) body.set("scope", scope);
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
    if (authMethod === "basic") {
      headers.Authorization = `Basic ${basic}`;
    } else {
      body.set("client_id", clientId);
      body.set("client_secret", clientSecret);
    }

    let response: Response;
    try {
      // Never followed: a redirect would carry the client secret (and the form body) to its target.
      response = await doFetch(tokenUrl, { method: "POST", headers, body: body.toString(), redirect: "manual", signal });
    } catch (error) {
      // Not a refusal of the credentials (that is an AuthError): the endpoint was never heard from.
      if ((signal.reason as { name?: string } | undefined)?.name === "TimeoutError")
        throw new TimeoutError(`The token endpoint at ${new URL(tokenUrl).host} did not answer within ${timeoutMs} ms`, { timeoutMs, cause: error });
      throw new NetworkError(`The token endpoint could not be reached at ${unreachable(tokenUrl, error)}`, { retryable: true, cause: error });
    }
    if (isRedirect(response)) {
      discard(response);
      throw new RedirectError("The token endpoint", { status: response.status, location: redirectTarget(response, tokenUrl) });
    }

    let text: string;
    try {
      text = await readText(response, MAX_TOKEN_BODY, signal);
    } catch (error) {
      throw new AuthError(
        error instanceof BodyTooLarge
          ? `The token endpoint answered ${response.status} with a body over ${MAX_TOKEN_BODY} bytes`
          : `The token endpoint answered ${response.status} but its body could not be read`,
        { status: response.status, retryable: !(error instanceof BodyTooLarge) },
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const oauthError = clean(stringAt(json, "error"));
      const description = clean(stringAt(json, "error_description"));
      const detail = oauthError
        ? `${oauthError}${description ? `: ${description}` : ""}`
        : json === undefined
          ? "the answer is not JSON"
          : "no OAuth error in the answer";
      throw new AuthError(`The token endpoint refused the request with ${response.status}: ${detail}`, {
        status: response.status,
        oauthError,
        oauthErrorDescription: description,
        retryable: response.status >= 500 || response.status === 429,
      });
    }
    const token = stringAt(json, "access_token");
    if (!token) throw new AuthError(`The token endpoint answered ${response.status} without an access_token`, { status: response.status });
    // Neither value is quoted: a hostile or broken endpoint may have put anything there, the secret included.
    if (!isWellFormedToken(token)) throw new AuthError(`The token endpoint issued ${MALFORMED_TOKEN}`, { status: response.status });
    const tokenType = stringAt(json, "token_type");
    if (tokenType && tokenType.toLowerCase() !== "bearer") {
      throw new AuthError(`The token endpoint issued a token whose token_type is not "Bearer"`, { status: response.status });
    }
    const expiresIn = Number((json as Record<string, unknown>).expires_in);
    return { token, expiresInMs: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : undefined };
  }

  function refresh(reason: TokenRefreshInfo["reason"]): Inflight {
    if (inflight) return inflight;
    const started = Date.now();
    const report = (info: Omit<TokenRefreshInfo, "reason" | "durationMs">) => {
      try {
        onRefresh?.({ reason, durationMs: Date.now() - started, ...info });
      } catch {
        // observability must not break authentication
      }
    };
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(timeoutMs)]);
    const current: Inflight = {
      controller,
      waiting: 0,
      promise: requestToken(signal).then(
        ({ token, expiresInMs }) => {
          const received = Date.now();
          if (expiresInMs === undefined) {
            // No lifetime given: keep the token until the API refuses it (401 invalidates it).
            cached = { token, staleAt: Infinity, refreshAt: Infinity };
          } else {
            const expiresAt = received + expiresInMs;
            // Short-lived tokens (tests, some gateways) keep most of their life.
            const skew = Math.min(skewMs, expiresInMs * 0.1);
            const window = Math.min(refreshWindowMs, expiresInMs * 0.25);
            cached = { token, staleAt: expiresAt - skew, refreshAt: expiresAt - skew - window };
          }
          if (inflight === current) inflight = undefined;
          invalidated = false;
          report(expiresInMs === undefined ? {} : { expiresInMs });
          return token;
        },
        (error: SdkError) => {
          if (inflight === current) inflight = undefined;
          // A background refresh abandoned because nothing waited for it is no failure to report.
          if (!controller.signal.aborted) report({ error });
          throw error;
        },
      ),
    };
    inflight = current;
    return current;
  }

  return {
    getToken({ signal } = {}) {
      uses++;
      if (signal?.aborted) return Promise.reject(signal.reason);
      const now = Date.now();
      if (cached && now < cached.staleAt) {
        if (now >= cached.refreshAt && !inflight) {
          // Serve the current token; a failed background refresh is retried by the next caller.
          refresh("expiring").promise.catch(() => undefined);
        }
        return Promise.resolve(cached.token);
      }
      const request = refresh(cached ? "expired" : invalidated ? "invalidated" : "initial");
      request.waiting++;
      return raceAbort(request.promise, signal).finally(() => request.waiting--);
    },
    invalidate(token: string) {
      // Only the token that was refused: a fresher one fetched meanwhile stays.
      if (cached?.token === token) {
        cached = undefined;
        invalidated = true;
      }
    },
    idle() {
      // A background refresh nobody waits for is speculative: it gets a short grace to finish
      // (a token endpoint usually answers well within it), then is abandoned so that a finished
      // script exits whatever the endpoint does. The next call starts another.
      const request = inflight;
      if (!request || request.waiting > 0) return;
      const usesBefore = uses;
      const timer = setTimeout(() => {
        // A call made since then shows the client is busy, not finished: let the refresh run.
        if (inflight === request && request.waiting === 0 && uses === usesBefore) {
          request.controller.abort();
          inflight = undefined;
        }
      }, IDLE_GRACE_MS);
      const clear = () => clearTimeout(timer);
      request.promise.then(clear, clear);
    },
  };
}
