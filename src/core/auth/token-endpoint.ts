// What every OAuth 2.0 token grant of the package shares, whatever it sends: one cached token,
// refreshed ahead of expiry in the background, with a single request in flight however many
// callers are waiting; redirects refused, the answer's size bounded, every failure typed, and
// whatever the endpoint says scrubbed of the secrets the request carried. A grant gives only
// its request (client credentials, a signed JWT assertion...).
import { AuthError, NetworkError, RedirectError, TimeoutError, type SdkError } from "../errors.js";
import { BodyTooLarge, discard, isRedirect, isWellFormedToken, MALFORMED_TOKEN, readText, redirectTarget } from "../internal/response.js";
import { raceAbort } from "../internal/abort.js";
import { unreachable } from "../internal/network.js";
import { scrub } from "../internal/redact.js";
import { stringAt } from "../internal/show.js";
import type { Lock, LockStore, TokenCache } from "../stores/stores.js";
import type { FetchFunction, Logger, TokenProvider, TokenRefreshInfo } from "../types.js";

/** One token request of a grant: its form, its headers, and the secret values either carries. */
export interface TokenRequest {
  body: URLSearchParams;
  headers: Record<string, string>;
  /** Masked in whatever the endpoint answers (it may echo the request). */
  secrets: readonly string[];
}

/** @internal What {@link tokenEndpoint} needs of a grant. */
export interface TokenEndpointOptions {
  /** Checked by the grant (HTTPS unless loopback or allowed). */
  tokenUrl: string;
  timeoutMs: number;
  fetch: FetchFunction;
  onRefresh: ((info: TokenRefreshInfo) => void) | undefined;
  skewMs: number;
  refreshWindowMs: number;
  /**
   * The request of one token: a grant whose request needs no waiting returns it at once (it is
   * then sent in the same turn), one that signs an assertion returns a promise.
   */
  request(): TokenRequest | Promise<TokenRequest>;
  /** The cache (and lock) shared with the other replicas, so that they fetch one token between them. */
  shared?: SharedTokens | undefined;
}

/** @internal Where replicas share a grant's token. */
export interface SharedTokens {
  tokens: TokenCache;
  /** Without it each replica that finds no token fetches one; with it, one fetches for all. */
  locks: LockStore | undefined;
  /** What names the token: the grant's endpoint, account and scopes. Hashed into the cache's key. */
  identity: readonly string[];
  logger: Logger | undefined;
}

/** A shared token fetch's lease beyond the request's own deadline (the cache's writes, a slow store). */
const SHARED_MARGIN_MS = 10_000;
/** When another replica is refreshing the shared token, how long before this one looks again. */
const SHARED_RETRY_MS = 1_000;

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

/** A token this replica got: fetched (with its lifetime, when given) or read from the shared cache. */
interface Obtained {
  token: string;
  fetched: boolean;
  /** Fetched: the lifetime the endpoint gave. */
  expiresInMs?: number | undefined;
  /** Shared: when the replica that fetched it stops using it. */
  staleAt?: number | undefined;
  /** Ours, kept: another replica is refreshing the shared token; look again shortly. */
  postponed?: boolean;
}

interface CachedToken {
  token: string;
  /** After this, callers wait for a new token. */
  staleAt: number;
  /** After this, callers get the cached token while a new one is fetched. */
  refreshAt: number;
}

/** @internal The token provider of a grant: its requests sent to `tokenUrl`, their tokens cached. */
export function tokenEndpoint(options: TokenEndpointOptions): TokenProvider {
  const { tokenUrl, timeoutMs, fetch: doFetch, onRefresh, skewMs, refreshWindowMs } = options;

  let cached: CachedToken | undefined;
  let inflight = undefined as Inflight | undefined;
  let invalidated = false;
  let uses = 0;
  // The token the API refused last: never taken again from the shared cache.
  let refused: string | undefined;

  async function requestToken(signal: AbortSignal): Promise<{ token: string; expiresInMs: number | undefined }> {
    const prepared = options.request();
    const { body, headers, secrets } = prepared instanceof Promise ? await prepared : prepared;
    // Whatever the endpoint says is shown to users; make sure it cannot echo a secret of the request.
    const clean = (text: string | undefined) => scrub(text, secrets);

    let response: Response;
    try {
      // Never followed: a redirect would carry the credentials (and the form body) to its target.
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
    // Neither value is quoted: a hostile or broken endpoint may have put anything there, a secret included.
    if (!isWellFormedToken(token)) throw new AuthError(`The token endpoint issued ${MALFORMED_TOKEN}`, { status: response.status });
    const tokenType = stringAt(json, "token_type");
    if (tokenType && tokenType.toLowerCase() !== "bearer") {
      throw new AuthError(`The token endpoint issued a token whose token_type is not "Bearer"`, { status: response.status });
    }
    const expiresIn = Number((json as Record<string, unknown>).expires_in);
    return { token, expiresInMs: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : undefined };
  }

  /** One token request, within the deadline (signing included). */
  async function fetchToken(abort: AbortSignal): Promise<Obtained> {
    const { token, expiresInMs } = await requestToken(AbortSignal.any([abort, AbortSignal.timeout(timeoutMs)]));
    return { token, fetched: true, expiresInMs };
  }

  function toCached({ token, expiresInMs, staleAt, postponed }: Obtained): CachedToken {
    const now = Date.now();
    if (postponed) return { token, staleAt: staleAt!, refreshAt: Math.min(staleAt!, now + SHARED_RETRY_MS) };
    if (staleAt !== undefined) {
      // From the shared cache: the replica that fetched it set when it goes stale.
      return { token, staleAt, refreshAt: staleAt - Math.min(refreshWindowMs, (staleAt - now) * 0.25) };
    }
    // No lifetime given: keep the token until the API refuses it (401 invalidates it).
    if (expiresInMs === undefined) return { token, staleAt: Infinity, refreshAt: Infinity };
    const expiresAt = now + expiresInMs;
    // Short-lived tokens (tests, some gateways) keep most of their life.
    const skew = Math.min(skewMs, expiresInMs * 0.1);
    const window = Math.min(refreshWindowMs, expiresInMs * 0.25);
    return { token, staleAt: expiresAt - skew, refreshAt: expiresAt - skew - window };
  }

  // The shared cache's key, from the grant's identity: a digest, so that no account name or
  // scope shows in the store's keys, and its length is bounded.
  let sharedKey: Promise<string> | undefined;
  const keyOf = (identity: readonly string[]) =>
    (sharedKey ??= crypto.subtle
      .digest("SHA-256", new TextEncoder().encode(JSON.stringify(identity)))
      .then((digest) => `oauth:${Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("")}`));

  // The shared stores fail open: this replica then fetches its own token. Reported once per
  // outage: a failure is reported unless the last use of the shared stores failed too.
  let failing = false;
  async function tryShared<T>(
    shared: SharedTokens,
    use: { failed: boolean },
    operation: string,
    run: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      use.failed = true;
      if (!failing) {
        failing = true;
        try {
          // The store's error names the operation and why, never a token.
          shared.logger?.warn?.(`giacom-sdk: the shared token cache failed (${operation}); this replica uses its own tokens until it answers`, {
            error: error instanceof Error ? error.name : "Error",
          });
        } catch {
          // a logger that throws must not break authentication
        }
      }
      return { ok: false };
    }
  }

  /**
   * A token through the shared cache: one another replica stored, else one fetched under the
   * lock (so that replicas starting together send one request) and stored for the others.
   * When another replica is refreshing it and ours is still good, ours, postponed.
   */
  async function obtainShared(shared: SharedTokens, reason: TokenRefreshInfo["reason"], abort: AbortSignal): Promise<Obtained> {
    const use = { failed: false };
    try {
      return await obtainThroughCache(shared, reason, abort, use);
    } finally {
      if (!use.failed) failing = false;
    }
  }

  async function obtainThroughCache(shared: SharedTokens, reason: TokenRefreshInfo["reason"], abort: AbortSignal, use: { failed: boolean }): Promise<Obtained> {
    const background = reason === "expiring";
    const ours = cached;
    const key = await keyOf(shared.identity);
    // A refresh wants a newer token than ours; any other caller, any live one but a refused one.
    const usable = (hit: { token: string; expiresAt: number } | undefined) =>
      hit !== undefined && hit.token !== refused && hit.expiresAt > Date.now() && (!background || !ours || hit.expiresAt > ours.staleAt);
    const look = async () => {
      const read = await tryShared(shared, use, "tokens.get", () => shared.tokens.get(key));
      const hit = read.ok ? read.value : undefined;
      return usable(hit) ? { token: hit!.token, fetched: false, staleAt: hit!.expiresAt } : undefined;
    };
    const first = await look();
    if (first) return first;

    let lock: Lock | undefined;
    if (shared.locks) {
      const leaseMs = timeoutMs + SHARED_MARGIN_MS;
      const locks = shared.locks;
      // A background refresh never waits: a finished script must be able to exit.
      const taken = await tryShared(shared, use, "lock.acquire", () => locks.acquire(key, { leaseMs, waitMs: background ? 0 : leaseMs }));
      lock = taken.ok ? taken.value : undefined;
      if (taken.ok) {
        // Whoever held the lock has most likely stored a token meanwhile.
        const stored = await look();
        if (stored) {
          void lock?.release().catch(() => undefined);
          return stored;
        }
        if (!lock && background && ours) return { token: ours.token, fetched: false, staleAt: ours.staleAt, postponed: true };
        // No lock in time (its holder is slow or gone): fetch our own.
      }
    }
    try {
      const fetched = await fetchToken(abort);
      if (fetched.expiresInMs !== undefined) {
        // Stored until it goes stale here, so that no replica uses it longer than this one would.
        const staleAt = toCached(fetched).staleAt;
        const token = fetched.token;
        await tryShared(shared, use, "tokens.set", () => shared.tokens.set(key, { token, expiresAt: staleAt }));
      }
      return fetched;
    } finally {
      // Its lease frees it anyway: a failed release costs the others a wait, nothing more.
      void lock?.release().catch(() => undefined);
    }
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
    const current: Inflight = {
      controller,
      waiting: 0,
      promise: (shared ? obtainShared(shared, reason, controller.signal) : fetchToken(controller.signal)).then(
        (obtained) => {
          if (inflight === current) inflight = undefined;
          const { token, expiresInMs } = obtained;
          cached = toCached(obtained);
          invalidated = false;
          if (obtained.fetched) report(expiresInMs === undefined ? {} : { expiresInMs });
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

  const { shared } = options;

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
        refused = token;
        if (shared) {
          // The other replicas would be refused too: take it out of the shared cache, unless another token replaced it there.
          void keyOf(shared.identity)
            .then(async (key) => ((await shared.tokens.get(key))?.token === token ? shared.tokens.delete(key) : undefined))
            .catch(() => undefined);
        }
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
