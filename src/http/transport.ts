// The one place that talks HTTP to the API: adds the token and the correlation id, enforces
// the call's deadline, retries what is safe to retry, and turns every failure into a typed
// GiacomError. Resources above it only see data.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/giacom.js";
import { AbortError, apiErrorFor, GiacomError, InvalidArgumentError, InvalidResponseError, NetworkError, TimeoutError } from "../errors.js";
import { raceAbort, sleep } from "../internal/abort.js";
import { newCorrelationId } from "../internal/ids.js";
import { scrub } from "../internal/redact.js";
import type { TokenProvider } from "../auth/client-credentials.js";
import { backoffDelay, isRetryableStatus, parseRetryAfter, type RetryOptions, type RetryPolicy } from "./retry.js";

/** @internal The typed openapi-fetch client over the generated contract. */
export type Api = Client<paths>;

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
 * Called as a request leaves. Headers are redacted: Authorization never appears.
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
 * Called when a response arrives (any status).
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
  error: GiacomError;
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
  error?: GiacomError;
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

/** @internal What the transport needs, resolved once by the client. */
export interface TransportConfig {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  tokenProvider: TokenProvider;
  timeoutMs: number;
  retry: RetryPolicy;
  correlationIdHeader: string;
  hooks: Hooks;
  logger: Logger | undefined;
}

/** @internal How an operation may be repeated. */
export interface Operation {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Repeating it cannot do harm (GET, PATCH, DELETE, and POSTs that only query). */
  idempotent: boolean;
  /** Values of the request that must never reach an error (a webhook API key in the body). */
  secrets?: readonly string[];
}

/** @internal A typed openapi-fetch call, given the fetch and signal of one attempt. */
export type Attempt<T> = (init: { fetch: (request: Request) => Promise<Response>; signal: AbortSignal }) => Promise<{ data?: T; error?: unknown; response: Response }>;

/** @internal What a successful call gives back. */
export interface Sent<T> {
  data: T;
  response: Response;
  correlationId: string;
}

/** @internal */
export interface Transport {
  readonly api: Api;
  send<T>(operation: Operation, attempt: Attempt<T>, options?: CallOptions): Promise<Sent<T>>;
}

function safely(run: () => void): void {
  try {
    run();
  } catch {
    // A hook or logger that throws must not change the outcome of a call.
  }
}

function redactedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = key === "authorization" || key === "cookie" ? "[REDACTED]" : value;
  });
  return out;
}

/** The runtime's network error codes that prove the request never reached the server. */
function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

/** @internal */
export function createTransport(config: TransportConfig): Transport {
  const api = createClient<paths>({ baseUrl: config.baseUrl });
  const baseLength = new URL(config.baseUrl).pathname.replace(/\/+$/, "").length;
  const { hooks, logger } = config;

  async function send<T>(operation: Operation, attempt: Attempt<T>, options: CallOptions = {}): Promise<Sent<T>> {
    const correlationId = options.correlationId ?? newCorrelationId();
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 2_147_483_647) throw new InvalidArgumentError("options.timeoutMs", "must be a positive number of milliseconds");
    if (typeof correlationId !== "string" || !/^[\x21-\x7e]{1,200}$/.test(correlationId)) throw new InvalidArgumentError("options.correlationId", "must be 1 to 200 visible ASCII characters");
    const policy = options.retry === false ? undefined : options.retry ? { ...config.retry, ...options.retry } : config.retry;
    const maxRetries = policy?.maxRetries ?? 0;
    const deadline = Date.now() + timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

    // Converts whatever interrupted the call into its typed error.
    const interruption = (cause: unknown): GiacomError =>
      options.signal?.aborted
        ? new AbortError(`${operation.method} aborted by the caller`, { correlationId, cause: options.signal.reason })
        : new TimeoutError(`${operation.method} did not complete within ${timeoutMs} ms`, { timeoutMs, correlationId, cause });

    let path = "";
    let attempts = 0;
    let reauthenticated = false;
    for (let retries = 0; ; ) {
      attempts++;
      let failure: GiacomError;
      let retryAfterMs: number | undefined;
      let status = 0;
      let token = "";
      try {
        if (signal.aborted) throw signal.reason;
        token = await config.tokenProvider.getToken({ signal });
        let started = 0;
        const attemptFetch = (request: Request): Promise<Response> => {
          request.headers.set("Authorization", `Bearer ${token}`);
          request.headers.set(config.correlationIdHeader, correlationId);
          const url = new URL(request.url);
          path = url.pathname.slice(baseLength) + url.search;
          if (hooks.onRequest) safely(() => hooks.onRequest!({ method: request.method, path, attempt: attempts, correlationId, headers: redactedHeaders(request.headers) }));
          started = performance.now();
          return config.fetch(request).then((response) => {
            status = response.status;
            if (hooks.onResponse) safely(() => hooks.onResponse!({ method: request.method, path, attempt: attempts, correlationId, headers: redactedHeaders(response.headers), status, durationMs: performance.now() - started }));
            if (logger?.debug) safely(() => logger.debug!(`giacom-sdk: ${request.method} ${path} -> ${status}`, { correlationId, attempt: attempts }));
            return response;
          });
        };

        // The deadline holds even for a fetch that ignores its signal.
        const { data, error, response } = await raceAbort(attempt({ fetch: attemptFetch, signal }), signal);
        if (response.ok) return { data: data as T, response, correlationId };
        if (status === 401 && !reauthenticated && config.tokenProvider.invalidate) {
          // The token may have been revoked or expired early: one more try with a fresh one.
          reauthenticated = true;
          config.tokenProvider.invalidate(token);
          attempts--;
          continue;
        }
        retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"));
        const retryable = isRetryableStatus(status, operation.idempotent);
        // A server that echoes the request (or its token) must not leak it through the error.
        const body = scrub(error, [token, ...(operation.secrets ?? [])]);
        failure = apiErrorFor({ status, body, method: operation.method, path, correlationId, retryAfterMs, retryable, attempts });
      } catch (error) {
        if (signal.aborted) throw interruption(error);
        if (error instanceof GiacomError) {
          failure = error; // from the token provider: retried when it says it may be
        } else if (error instanceof SyntaxError) {
          // The response arrived but its body is not the JSON the contract promises.
          throw new InvalidResponseError(`${operation.method} ${path} answered ${status} with a body that is not valid JSON`, { status, correlationId, cause: error });
        } else if (!token) {
          throw new NetworkError("The token provider failed", { correlationId, cause: error });
        } else {
          const retryable = operation.idempotent || neverSent(error);
          failure = new NetworkError(`${operation.method} ${path} could not reach the API`, { correlationId, cause: error, retryable });
        }
      }

      if (!failure.retryable || retries >= maxRetries || !policy) throw failure;
      if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) throw failure;
      const delayMs = retryAfterMs ?? backoffDelay(policy, retries);
      if (Date.now() + delayMs >= deadline) throw failure;
      if (hooks.onRetry) safely(() => hooks.onRetry!({ method: operation.method, path, attempt: attempts, correlationId, delayMs, error: failure }));
      if (logger?.warn) safely(() => logger.warn!(`giacom-sdk: retrying ${operation.method} ${path} in ${delayMs} ms: ${failure.message}`, { correlationId, attempt: attempts, code: failure.code }));
      try {
        await sleep(delayMs, signal);
      } catch (error) {
        throw interruption(error);
      }
      retries++;
    }
  }

  return { api, send };
}
