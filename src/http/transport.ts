// The one place that talks HTTP to the API: adds the token and the correlation id, enforces
// the call's deadline, retries what is safe to retry, and turns every failure into a typed
// GiacomError. Resources above it only see data. Operations are typed by openapi-fetch from the
// contract; at run time the request is a direct fetch(url, init) with a URL built here, because
// openapi-fetch's Request per call cost more than the overhead budget and its serializers more
// than the bundle budget (the wire format is pinned by test/client/namespaces.test.ts).
import type { FetchResponse, ParamsOption, RequestBodyOption } from "openapi-fetch";
import type { paths } from "../generated/giacom.js";
import { AbortError, apiErrorFor, GiacomError, InvalidArgumentError, InvalidResponseError, NetworkError, TimeoutError } from "../errors.js";
import { newCorrelationId } from "../internal/ids.js";
import { scrub } from "../internal/redact.js";
import type { TokenProvider } from "../auth/client-credentials.js";
import { backoffDelay, isRetryableStatus, parseRetryAfter, type RetryOptions, type RetryPolicy } from "./retry.js";

/** @internal HTTP methods the contract uses. */
export type Method = "get" | "post" | "patch" | "delete";

/** @internal Paths of the contract that have `method`. */
export type PathsWith<M extends Method> = { [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P }[keyof paths];

type OperationOf<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** @internal Parameters and body of an operation, typed by openapi-fetch from the contract. */
export type Init<P extends keyof paths, M extends Method> = ParamsOption<OperationOf<P, M>> & RequestBodyOption<OperationOf<P, M>>;

/** @internal The JSON a successful answer of an operation carries. */
export type Data<P extends keyof paths, M extends Method> = Extract<
  FetchResponse<OperationOf<P, M>, Record<never, never>, "application/json">,
  { error?: never }
>["data"];

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

/**
 * A `fetch` function: the runtime's, or one you supply (undici's, a test double).
 * @group Client
 * @example
 * ```ts
 * const logged: FetchFunction = (input, init) => (console.log(init?.method, input), fetch(input, init));
 * ```
 */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** @internal What the transport needs, resolved once by the client. */
export interface TransportConfig {
  baseUrl: string;
  fetch: FetchFunction;
  tokenProvider: TokenProvider;
  timeoutMs: number;
  retry: RetryPolicy;
  correlationIdHeader: string;
  hooks: Hooks;
  logger: Logger | undefined;
}

/** @internal An operation of the contract and how it may be repeated. */
export interface Operation<P extends keyof paths, M extends Method> {
  method: M;
  path: P;
  /** Repeating it cannot do harm (GET, PATCH, DELETE, and POSTs that only query). */
  idempotent: boolean;
  /** Values of the request that must never reach an error (a webhook API key in the body). */
  secrets?: readonly string[];
}

/** @internal What a successful call gives back. */
export interface Sent<T> {
  data: T;
  response: Response;
  correlationId: string;
}

/** @internal */
export interface Transport {
  send<P extends PathsWith<M>, M extends Method>(operation: Operation<P, M>, init: Init<P, M>, options?: CallOptions): Promise<Sent<Data<P, M>>>;
}

function safely(run: () => void): void {
  try {
    run();
  } catch {
    // A hook or logger that throws must not change the outcome of a call.
  }
}

function redacted(headers: Record<string, string> | Headers): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (value: string, key: string) => {
    out[key.toLowerCase()] = /^(authorization|cookie|set-cookie)$/i.test(key) ? "[REDACTED]" : value;
  };
  if (headers instanceof Headers) headers.forEach(add);
  else for (const [key, value] of Object.entries(headers)) add(value, key);
  return out;
}

/** Reads a body as JSON; undefined when empty. Throws SyntaxError when it is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  return text === "" ? undefined : JSON.parse(text);
}

/** Reads an error body: JSON when it parses, its text otherwise. */
async function readErrorBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The runtime's network error codes that prove the request never reached the server. */
function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

/** The URL of an operation: path parameters filled in, repeated query parameters for lists. */
function buildUrl(base: string, path: string, params: { path?: Record<string, unknown>; query?: Record<string, unknown> } | undefined): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params?.path?.[name])));
  const query: string[] = [];
  for (const [name, value] of Object.entries(params?.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null) query.push(`${name}=${encodeURIComponent(String(v))}`);
  }
  return `${base}${filled}${query.length ? `?${query.join("&")}` : ""}`;
}

const unsent = new WeakSet<GiacomError>();

/**
 * Whether a call failed before its request left the client (a token that never came, a deadline
 * spent authenticating): the server cannot have acted on it.
 * @internal
 */
export function failedBeforeSending(error: unknown): boolean {
  return error instanceof GiacomError && unsent.has(error);
}

/** @internal */
export function createTransport(config: TransportConfig): Transport {
  const { hooks, logger } = config;
  // openapi-fetch's own serializers: repeated parameters (form, explode), encoded values.

  const base = config.baseUrl;

  async function send<P extends PathsWith<M>, M extends Method>(
    operation: Operation<P, M>,
    init: Init<P, M>,
    options: CallOptions = {},
  ): Promise<Sent<Data<P, M>>> {
    const correlationId = options.correlationId ?? newCorrelationId();
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 2_147_483_647)
      throw new InvalidArgumentError("options.timeoutMs", "must be a positive number of milliseconds");
    if (typeof correlationId !== "string" || !/^[\x21-\x7e]{1,200}$/.test(correlationId))
      throw new InvalidArgumentError("options.correlationId", "must be 1 to 200 visible ASCII characters");
    const policy = options.retry === false ? undefined : options.retry ? { ...config.retry, ...options.retry } : config.retry;
    const maxRetries = policy?.maxRetries ?? 0;
    const method = operation.method.toUpperCase();

    const { params, body } = init as {
      params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
      body?: unknown;
    };
    const url = buildUrl(base, operation.path, params);
    const path = url.slice(base.length);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const fixedHeaders: Record<string, string> = { [config.correlationIdHeader]: correlationId };
    if (payload !== undefined) fixedHeaders["Content-Type"] = "application/json";
    for (const [name, value] of Object.entries(params?.header ?? {})) if (value !== undefined) fixedHeaders[name] = String(value);

    // One deadline for the whole call, as a promise every wait races against. fetch receives a
    // signal only when the caller gives one: undici's per-request signal handling costs more
    // than all the rest of the SDK's work on a fast network. A request the deadline abandoned
    // has its late response discarded, which frees the connection.
    const deadline = Date.now() + timeoutMs;
    let interrupted: GiacomError | undefined;
    let interrupt!: (error: GiacomError) => void;
    // A request that may create something is aborted for real when the call ends: one left
    // in flight could still create an order after the caller was told it had not.
    const inFlight = operation.idempotent ? undefined : new AbortController();
    const interruption = new Promise<never>((_, reject) => {
      interrupt = (error) => {
        interrupted ??= error;
        inFlight?.abort(error);
        reject(interrupted);
      };
    });
    interruption.catch(() => undefined);
    const timer = setTimeout(
      () => interrupt(new TimeoutError(`${method} ${path} did not complete within ${timeoutMs} ms`, { timeoutMs, correlationId })),
      timeoutMs,
    );
    const onAbort = () => interrupt(new AbortError(`${method} ${path} aborted by the caller`, { correlationId, cause: options.signal!.reason }));
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    const race = <T>(promise: Promise<T>): Promise<T> => Promise.race([promise, interruption]);
    const fetchInit = (headers: Record<string, string>): RequestInit => {
      const init: RequestInit = { method, headers };
      if (payload !== undefined) init.body = payload; // no `body: null`: undici is slower with it
      const signal = inFlight?.signal ?? options.signal;
      if (signal) init.signal = signal;
      return init;
    };

    let sent = false;
    try {
      let attempts = 0;
      let reauthenticated = false;
      for (let retries = 0; ;) {
        attempts++;
        let failure: GiacomError;
        let retryAfterMs: number | undefined;
        let status = 0;
        let token = "";
        try {
          if (interrupted) throw interrupted;
          token = await race(config.tokenProvider.getToken(options.signal ? { signal: options.signal } : {}));
          const headers = { ...fixedHeaders, Authorization: `Bearer ${token}` };
          if (hooks.onRequest) safely(() => hooks.onRequest!({ method, path, attempt: attempts, correlationId, headers: redacted(headers) }));
          const started = hooks.onResponse ? performance.now() : 0;
          sent = true;
          const pending = config.fetch(url, fetchInit(headers));
          const response = await race(pending).catch((error: unknown) => {
            if (interrupted)
              pending.then(
                (late) => late.body?.cancel(),
                () => undefined,
              );
            throw error;
          });
          status = response.status;
          if (hooks.onResponse)
            safely(() =>
              hooks.onResponse!({
                method,
                path,
                attempt: attempts,
                correlationId,
                headers: redacted(response.headers),
                status,
                durationMs: performance.now() - started,
              }),
            );
          if (logger?.debug) safely(() => logger.debug!(`giacom-sdk: ${method} ${path} -> ${status}`, { correlationId, attempt: attempts }));

          if (response.ok) return { data: (await race(readJson(response))) as Data<P, M>, response, correlationId };
          // A repeated DELETE that finds nothing: an earlier attempt whose answer was lost did it.
          if (status === 404 && operation.method === "delete" && attempts > 1) {
            await race(readErrorBody(response));
            return { data: undefined as Data<P, M>, response, correlationId };
          }
          const errorBody = await race(readErrorBody(response));
          if (status === 401 && !reauthenticated && config.tokenProvider.invalidate) {
            // The token may have been revoked or expired early: one more try with a fresh one.
            // It is an attempt like any other, but it does not use up a retry.
            reauthenticated = true;
            config.tokenProvider.invalidate(token);
            continue;
          }
          retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"));
          const retryable = isRetryableStatus(status, operation.idempotent);
          // A server that echoes the request (or its token) must not leak it through the error.
          const scrubbed = scrub(errorBody, [token, ...(operation.secrets ?? [])]);
          failure = apiErrorFor({ status, body: scrubbed, method, path, correlationId, retryAfterMs, retryable, attempts });
        } catch (error) {
          if (interrupted) throw interrupted;
          if (error instanceof GiacomError) {
            failure = error; // from the token provider: retried when it says it may be
          } else if (error instanceof SyntaxError && status !== 0) {
            // The response arrived but its body is not the JSON the contract promises.
            throw new InvalidResponseError(`${method} ${path} answered ${status} with a body that is not valid JSON`, { status, correlationId, cause: error });
          } else if (!token) {
            throw new NetworkError("The token provider failed", { correlationId, cause: error });
          } else {
            const retryable = operation.idempotent || neverSent(error);
            failure = new NetworkError(`${method} ${path} could not reach the API`, { correlationId, cause: error, retryable });
          }
        }

        if (!failure.retryable || retries >= maxRetries || !policy) throw failure;
        if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) throw failure;
        const delayMs = retryAfterMs ?? backoffDelay(policy, retries);
        if (Date.now() + delayMs >= deadline) throw failure;
        if (hooks.onRetry) safely(() => hooks.onRetry!({ method, path, attempt: attempts, correlationId, delayMs, error: failure }));
        if (logger?.warn)
          safely(() =>
            logger.warn!(`giacom-sdk: retrying ${method} ${path} in ${delayMs} ms: ${failure.message}`, {
              correlationId,
              attempt: attempts,
              code: failure.code,
            }),
          );
        let wait: ReturnType<typeof setTimeout> | undefined;
        await race(new Promise((resolve) => (wait = setTimeout(resolve, delayMs)))).finally(() => clearTimeout(wait));
        retries++;
      }
    } catch (error) {
      if (!sent && error instanceof GiacomError) unsent.add(error);
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  return { send };
}
