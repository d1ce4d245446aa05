// The shapes every layer shares: call options, hooks, the fetch and the authentication
// strategy. A leaf: it imports nothing at run time, so auth, transport and the API profiles
// can all depend on it without a cycle.
import type { SdkError } from "./errors.js";
import type { RetryOptions } from "./retry.js";

/**
 * Options of a single call; every method takes them last.
 * @group Client
 * @example
 * ```ts
 * await giacom.services.get(id, { timeoutMs: 5_000, signal: controller.signal, correlationId: job.id });
 * ```
 */
export interface CallOptions {
  /** Aborts the call (the retries included); the call then rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** Deadline for the whole call, retries and waits included. Defaults to the client's. */
  timeoutMs?: number;
  /** Correlation id to send; one is generated when omitted. The same id is sent on every retry. */
  correlationId?: string;
  /** Retry settings for this call, or `false` for a single attempt. */
  retry?: RetryOptions | false;
}

/**
 * Called as a request leaves. Headers are an allow-list (content type and length, the
 * correlation id); credential headers appear only as `[REDACTED]`.
 * @group Observability
 * @example
 * ```ts
 * const onRequest = (info: RequestHookInfo) => metrics.increment("giacom.request", { path: info.path });
 * ```
 */
export interface RequestHookInfo {
  method: string;
  /** Path and query, without the base URL. */
  path: string;
  /** 1 for the first attempt. */
  attempt: number;
  correlationId: string;
  headers: Record<string, string>;
}

/**
 * Called when a response arrives (any status). Response headers are an allow-list
 * (`content-type`, `content-length`, `retry-after`, `x-total-count`, `x-result-count` and the
 * correlation id): a server that echoes a token in another header cannot hand it to a hook.
 * @group Observability
 * @example
 * ```ts
 * const onResponse = (info: ResponseHookInfo) => histogram.observe(info.durationMs, { status: info.status });
 * ```
 */
export interface ResponseHookInfo extends RequestHookInfo {
  status: number;
  durationMs: number;
}

/**
 * Called before waiting to retry a call.
 * @group Observability
 * @example
 * ```ts
 * const onRetry = (info: RetryHookInfo) => log.warn(`retrying ${info.path} in ${info.delayMs} ms: ${info.error.message}`);
 * ```
 */
export interface RetryHookInfo {
  method: string;
  path: string;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  correlationId: string;
  delayMs: number;
  error: SdkError;
}

/**
 * Called after the client asked the token endpoint for a token. Never carries the token.
 * @group Observability
 * @example
 * ```ts
 * const onTokenRefresh = (info: TokenRefreshInfo) => log.info(`token refreshed (${info.reason}) in ${info.durationMs} ms`);
 * ```
 */
export interface TokenRefreshInfo {
  /** `initial`: first token; `expiring`: background refresh; `expired`: the token had run out; `invalidated`: after a 401. */
  reason: "initial" | "expiring" | "expired" | "invalidated";
  durationMs: number;
  /** Lifetime of the new token, when the endpoint said. */
  expiresInMs?: number;
  /** Set when the request failed. */
  error?: SdkError;
}

/**
 * Hooks for logs and metrics. Whatever they receive is redacted; an exception thrown by a
 * hook is ignored so that observability can never break a call.
 * @group Observability
 * @example
 * ```ts
 * createGiacomClient({ environment: "uat", credentials, hooks: { onRetry: (i) => console.warn(i.error.message) } });
 * ```
 */
export interface Hooks {
  onRequest?(info: RequestHookInfo): void;
  onResponse?(info: ResponseHookInfo): void;
  onRetry?(info: RetryHookInfo): void;
  onTokenRefresh?(info: TokenRefreshInfo): void;
}

/**
 * A logger such as `console`, pino or winston; every method is optional.
 * @group Observability
 * @example
 * ```ts
 * createGiacomClient({ environment: "uat", credentials, logger: pino() });
 * ```
 */
export interface Logger {
  debug?(message: string, meta?: Record<string, unknown>): void;
  info?(message: string, meta?: Record<string, unknown>): void;
  warn?(message: string, meta?: Record<string, unknown>): void;
  error?(message: string, meta?: Record<string, unknown>): void;
}

/**
 * A `fetch` function: the runtime's, or one you supply (undici's, a test double).
 * @group Client
 * @example
 * ```ts
 * const logged: FetchFunction = (input, init) => (console.log(init?.method, input), fetch(input, init));
 * ```
 */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Supplies access tokens. Implement it to take tokens from your own cache or vault;
 * `invalidate` is called with a token the API refused (401), so the next call gets a new one.
 * @group Authentication
 * @example
 * ```ts
 * const tokenProvider: TokenProvider = { getToken: async () => (await vault.read("giacom-token")).value };
 * ```
 */
export interface TokenProvider {
  getToken(options?: { signal?: AbortSignal }): Promise<string>;
  invalidate?(token: string): void;
  /**
   * Called when the client has no call in flight: abandon work nobody waits for (a background
   * refresh), so that a finished script can exit whatever the token endpoint does.
   */
  idle?(): void;
}

/**
 * What one attempt of a call carries to prove who is calling: headers to add, the secret
 * values in them (masked wherever an answer, an error or a hook could show them), and what to
 * do when the API refuses them.
 * @group Authentication
 * @example
 * ```ts
 * const credential: Credential = { headers: { "X-Api-Key": key }, secrets: [key] };
 * ```
 */
export interface Credential {
  headers: Record<string, string>;
  secrets: readonly string[];
  /**
   * The API answered 401 to these credentials. Return `true` when new ones may be fetched
   * (a cached token was dropped): the call is then tried once more with them.
   */
  refused?(): boolean;
}

/**
 * How a client authenticates its requests: a strategy value, built by {@link bearer},
 * {@link staticHeaders} or your own. `authenticate` is called before every attempt.
 * @group Authentication
 * @example
 * ```ts
 * const apiKey: RequestAuth = { authenticate: () => ({ headers: { "X-Api-Key": key }, secrets: [key] }) };
 * ```
 */
export interface RequestAuth {
  authenticate(options: { signal: AbortSignal }): Credential | Promise<Credential>;
  /** No call is in flight: abandon speculative work (a background token refresh). */
  idle?(): void;
}
