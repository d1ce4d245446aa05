// The one place that talks HTTP to the API: adds the token and the correlation id, enforces
// the call's deadline, retries what is safe to retry, and turns every failure into a typed
// GiacomError. Resources above it only see data. Operations are typed by openapi-fetch from the
// contract; at run time the request is a direct fetch(url, init) with a URL built here, because
// openapi-fetch's Request per call cost more than the overhead budget and its serializers more
// than the bundle budget (the wire format is pinned by test/client/namespaces.test.ts).
import type { FetchResponse, ParamsOption, RequestBodyOption } from "openapi-fetch";
import type { paths } from "../giacom/generated/giacom.js";
import {
  AbortError,
  apiErrorFor,
  AuthError,
  GiacomError,
  InvalidArgumentError,
  InvalidResponseError,
  NetworkError,
  RedirectError,
  TimeoutError,
} from "./errors.js";
import { BodyTooLarge, discard, isRedirect, isWellFormedToken, MALFORMED_TOKEN, readText, redirectTarget } from "./internal/response.js";
import { newCorrelationId } from "./internal/ids.js";
import { scrub } from "./internal/redact.js";
import type { TokenProvider } from "./auth/client-credentials.js";
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
 * Called as a request leaves. Headers are an allow-list (content type and length, the
 * correlation id); Authorization appears only as `[REDACTED]`.
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
  /** Largest response body read, after decompression. */
  maxResponseBytes: number;
}

/** @internal An operation of the contract and how it may be repeated. */
export interface Operation<P extends keyof paths, M extends Method> {
  method: M;
  path: P;
  /** Repeating it cannot do harm (GET, PATCH, DELETE, and POSTs that only query). */
  idempotent: boolean;
  /** Values of the request that must never reach an error (a webhook API key in the body). */
  secrets?: readonly string[];
  /**
   * The least a successful answer must be for the caller to use it: an object with a string
   * `id` (default), any JSON object, a list of objects, or nothing to check (DELETE).
   */
  returns?: "entity" | "object" | "list" | "none";
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

/** Headers hooks may see: what observability needs, nothing a server could echo a secret into. */
const VISIBLE = new Set(["content-type", "content-length", "retry-after", "x-total-count", "x-result-count"]);

function visible(headers: Record<string, string> | Headers, correlationHeader: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (value: string, key: string) => {
    const name = key.toLowerCase();
    if (name === "authorization") out[name] = "[REDACTED]";
    else if (VISIBLE.has(name) || name === correlationHeader) out[name] = value;
  };
  if (headers instanceof Headers) headers.forEach(add);
  else for (const [key, value] of Object.entries(headers)) add(value, key);
  return out;
}

/** Error bodies are for a message and a few fields: no need to hold more than this. */
const MAX_ERROR_BODY = 64 * 1024;

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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether a successful body is what `returns` says the caller relies on. */
function usable(returns: NonNullable<Operation<never, never>["returns"]>, data: unknown): boolean {
  if (returns === "none") return true;
  // An empty search may come back without a body.
  if (returns === "list") return data === undefined || (Array.isArray(data) && data.every(isObject));
  return isObject(data) && (returns === "object" || (typeof data.id === "string" && data.id !== ""));
}

const SHAPES = { entity: "an object with a string id", object: "an object", list: "a list of objects", none: "" };

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
  const { hooks, logger, maxResponseBytes } = config;
  const correlationHeader = config.correlationIdHeader.toLowerCase();
  const base = config.baseUrl;
  let active = 0;
  let checkedToken: string | undefined;

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
    const returns = operation.returns ?? (operation.method === "delete" ? "none" : "entity");

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

    // One deadline for the whole call, as a promise every wait races against. When the call
    // ends early (deadline, caller's abort) the request is aborted for real: a GET left running
    // would keep downloading and keep the process alive, and a POST could still create an order
    // after the caller was told it had not.
    const deadline = Date.now() + timeoutMs;
    const controller = new AbortController();
    let interrupted: GiacomError | undefined;
    let interrupt!: (error: GiacomError) => void;
    const interruption = new Promise<never>((_, reject) => {
      interrupt = (error) => {
        if (!interrupted) {
          interrupted = error;
          controller.abort(error);
        }
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
      // Redirects are never followed: the next hop would receive the token and the body.
      const init: RequestInit = { method, headers, redirect: "manual", signal: controller.signal };
      if (payload !== undefined) init.body = payload; // no `body: null`: undici is slower with it
      return init;
    };
    const invalid = (status: number, problem: string, retryable: boolean, cause?: unknown) =>
      new InvalidResponseError(`${method} ${path} answered ${status} with a body that ${problem}`, { status, correlationId, retryable, cause });

    let sent = false;
    active++;
    try {
      let attempts = 0;
      let reauthenticated = false;
      for (let retries = 0; ;) {
        attempts++;
        let failure: GiacomError;
        let retryAfterMs: number | undefined;
        let token = "";
        let response: Response | undefined;
        try {
          if (interrupted) throw interrupted;
          token = await race(config.tokenProvider.getToken({ signal: controller.signal }));
          if (token !== checkedToken) {
            if (!isWellFormedToken(token)) throw new AuthError(`The token provider gave ${MALFORMED_TOKEN}`, {});
            checkedToken = token;
          }
          const headers = { ...fixedHeaders, Authorization: `Bearer ${token}` };
          if (hooks.onRequest) safely(() => hooks.onRequest!({ method, path, attempt: attempts, correlationId, headers: visible(headers, correlationHeader) }));
          const started = hooks.onResponse ? performance.now() : 0;
          sent = true;
          const pending = config.fetch(url, fetchInit(headers));
          response = await race(pending).catch((error: unknown) => {
            // A fetch of the user's that ignores the signal: whatever arrives late is dropped.
            if (interrupted) pending.then(discard, () => undefined);
            throw error;
          });
          const status = response.status;
          if (hooks.onResponse) {
            const headers = visible(response.headers, correlationHeader);
            safely(() => hooks.onResponse!({ method, path, attempt: attempts, correlationId, headers, status, durationMs: performance.now() - started }));
          }
          if (logger?.debug) safely(() => logger.debug!(`giacom-sdk: ${method} ${path} -> ${status}`, { correlationId, attempt: attempts }));

          if (isRedirect(response)) {
            discard(response);
            throw new RedirectError(`${method} ${path}`, { status, location: redirectTarget(response, url), correlationId });
          }
          if (response.ok) {
            let data: unknown;
            try {
              const text = status === 204 ? "" : await race(readText(response, maxResponseBytes, controller.signal));
              data = text === "" ? undefined : JSON.parse(text);
            } catch (error) {
              if (interrupted) throw interrupted;
              if (error instanceof BodyTooLarge) throw invalid(status, `is larger than maxResponseBytes (${maxResponseBytes} bytes)`, false);
              if (error instanceof SyntaxError) throw invalid(status, "is not valid JSON", false, error);
              // The answer began and then broke off: reading again is safe only where repeating is.
              throw invalid(status, "could not be read to its end", operation.idempotent, error);
            }
            if (!usable(returns, data)) throw invalid(status, `is not ${SHAPES[returns]}`, false);
            return { data: data as Data<P, M>, response, correlationId };
          }
          let errorBody: unknown;
          try {
            const text = await race(readText(response, MAX_ERROR_BODY, controller.signal));
            try {
              errorBody = text === "" ? undefined : JSON.parse(text);
            } catch {
              errorBody = text;
            }
          } catch (error) {
            if (interrupted) throw interrupted;
            errorBody = error instanceof BodyTooLarge ? `[error body over ${MAX_ERROR_BODY} bytes, not read]` : undefined;
          }
          // A repeated DELETE that finds nothing: an earlier attempt whose answer was lost did it.
          if (status === 404 && operation.method === "delete" && attempts > 1) return { data: undefined as Data<P, M>, response, correlationId };
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
            // From the token provider, or a verdict on the answer: retried when it says it may be.
            failure = error;
          } else if (response !== undefined) {
            throw invalid(response.status, "could not be handled", false, error);
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
      // Nothing of a failed call may outlive it: a body left unread keeps a connection (and the
      // process) busy. A call that succeeded has read its body to the end, and aborting it then
      // would cost more than the rest of the call's own work.
      if (!controller.signal.aborted) controller.abort(error);
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      // Speculative work (a background token refresh) must not keep a finished script alive.
      if (--active === 0) safely(() => config.tokenProvider.idle?.());
    }
  }

  return { send };
}
