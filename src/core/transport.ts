// The one place that talks HTTP to an API: authenticates each attempt, adds the correlation
// id, enforces the call's deadline, retries what is safe to retry, and turns every failure into
// a typed error. It knows no API: the paths type, the authentication, the error decoding and
// which answers count as success are given by the API's profile. Operations are typed by
// the profile's `paths` (openapi-typescript's shape, read by the types below, which need no
// package: a user's project compiles against them without openapi-fetch); at run time the
// request is a direct fetch(url, init) with a URL built here, because openapi-fetch's Request
// per call cost more than the overhead budget and its serializers more than the bundle budget.
import {
  AbortError,
  ApiError,
  type ApiErrorDetails,
  InvalidArgumentError,
  InvalidResponseError,
  NetworkError,
  RedirectError,
  SdkError,
  TimeoutError,
} from "./errors.js";
import { BodyTooLarge, discard, isRedirect, readText, redirectTarget } from "./internal/response.js";
import { newCorrelationId } from "./internal/ids.js";
import { networkCode, unreachable } from "./internal/network.js";
import { runtime } from "./internal/runtime.js";
import { isObject } from "./internal/show.js";
import { scrub } from "./internal/redact.js";
import { backoffDelay, isRetryableStatus, parseRetryAfter, type RetryPolicy } from "./retry.js";
import type { CallOptions, Credential, FetchFunction, Hooks, Logger, RequestAuth } from "./types.js";
import { VERSION } from "./version.js";

/** HTTP methods an operation may use. */
export type Method = "get" | "put" | "post" | "patch" | "delete";

/**
 * The operation object openapi-typescript generates for a path and a method.
 * @group Client
 * @example
 * ```ts
 * type GetWidget = OperationOf<paths, "/widgets/{id}", "get">;
 * ```
 */
export type OperationOf<Paths, P extends keyof Paths, M extends Method> = M extends keyof Paths[P] ? NonNullable<Paths[P][M]> : never;

/** Paths of the contract that have `method`. */
export type PathsWith<Paths, M extends Method> = { [P in keyof Paths]: [OperationOf<Paths, P, M>] extends [never] ? never : P }[keyof Paths];

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
// Any JSON media type: `application/json;charset=utf-8`, `application/merge-patch+json`...
type JsonOf<T> = T extends { content: infer C } ? { [K in keyof C]: K extends `application/${string}json${string}` ? C[K] : never }[keyof C] : never;
type ParametersOf<Op> = Op extends { parameters: infer P } ? P : never;
type RequestBodyOf<Op> = Op extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | "2XX";

/**
 * Parameters and body of an operation, from the contract: `params` is required when a path
 * (or other) parameter is, `body` when the request body is, and forbidden where there is none.
 * @group Client
 * @example
 * ```ts
 * const init: Init<paths, "/widgets/{id}", "get"> = { params: { path: { id: "w-1" } } };
 * ```
 */
export type Init<Paths, P extends keyof Paths, M extends Method> = ([ParametersOf<OperationOf<Paths, P, M>>] extends [never]
  ? { params?: never }
  : [RequiredKeys<ParametersOf<OperationOf<Paths, P, M>>>] extends [never]
    ? { params?: ParametersOf<OperationOf<Paths, P, M>> }
    : { params: ParametersOf<OperationOf<Paths, P, M>> }) &
  ([RequestBodyOf<OperationOf<Paths, P, M>>] extends [never]
    ? { body?: never }
    : "requestBody" extends RequiredKeys<OperationOf<Paths, P, M>>
      ? { body: RequestBodyOf<OperationOf<Paths, P, M>> }
      : { body?: RequestBodyOf<OperationOf<Paths, P, M>> });

/**
 * The JSON a successful answer of an operation carries: its 2xx responses' JSON content.
 * @group Client
 * @example
 * ```ts
 * const widget: Data<paths, "/widgets/{id}", "get"> = { id: "w-1", name: "Sprocket" };
 * ```
 */
export type Data<Paths, P extends keyof Paths, M extends Method> =
  OperationOf<Paths, P, M> extends { responses: infer R } ? { [S in keyof R]: S extends SuccessStatus ? JsonOf<R[S]> : never }[keyof R] : never;

/**
 * An answer with an error status that nevertheless means the call did what it asked: a DELETE
 * retried after a lost answer that finds nothing, a duplicate submission the API refuses.
 * @group Client
 * @example
 * ```ts
 * const duplicateWorkflow: SuccessRule = ({ status, body }) => status === 406 && (body as { code?: string })?.code === "DUPLICATED";
 * ```
 */
export type SuccessRule = (answer: { method: string; status: number; attempt: number; body: unknown }) => boolean;

/**
 * The rule every REST API needs: a repeated DELETE that finds nothing (404) was done by an
 * earlier attempt whose answer was lost.
 * @group Client
 * @example
 * ```ts
 * createTransport({ ...config, succeeds: [repeatedDeleteGone] });
 * ```
 */
export const repeatedDeleteGone: SuccessRule = ({ method, status, attempt }) => method === "DELETE" && status === 404 && attempt > 1;

/**
 * What a transport needs, resolved once by an API's client: where, how to authenticate, how
 * long, how to retry, and the API's strategies for errors and successes.
 * @group Client
 * @example
 * ```ts
 * const http = createTransport<paths>({ ...resolveTransportOptions(options), auth: bearer(tokens), errors: toyErrors.errorFor, logPrefix: "toy" });
 * ```
 */
export interface TransportConfig {
  baseUrl: string;
  /** Other roots of the API by name, for the operations whose `base` names one. */
  bases?: Readonly<Record<string, string>>;
  fetch: FetchFunction;
  auth: RequestAuth;
  timeoutMs: number;
  retry: RetryPolicy;
  correlationIdHeader: string;
  hooks: Hooks;
  logger: Logger | undefined;
  /** Largest response body read, after decompression. */
  maxResponseBytes: number;
  /** Builds the error of an error answer (usually an {@link ApiErrorFamily}'s `errorFor`). Default: a plain `ApiError`. */
  errors?: (details: ApiErrorDetails) => SdkError;
  /** Error answers that count as success. Default: {@link repeatedDeleteGone}. */
  succeeds?: readonly SuccessRule[];
  /** Response headers hooks may see besides content type and length, `Retry-After` and the correlation id (e.g. count headers). */
  visibleHeaders?: readonly string[];
  /** Prefix of log lines, e.g. the client's package name. */
  logPrefix?: string;
  /**
   * Sends a list in the query as one parameter joined by commas (`state=a,b`: TMF630, OpenAPI's
   * `explode: false`) instead of repeating it (`state=a&state=b`, the default).
   */
  commaLists?: boolean;
  /** The `User-Agent` sent. Default: the package, its version and the runtime, e.g. `giacom-sdk/0.1.0 Node.js/20.20.2`. */
  userAgent?: string;
  /**
   * Parses a JSON body (success or error); throws `SyntaxError` on one that is not JSON. Default
   * `JSON.parse`. An API whose identifiers come as numbers too long for a double keeps their
   * digits here.
   */
  parseJson?: (text: string) => unknown;
}

/**
 * An operation of the contract and how it may be repeated; API profiles generate a table of them.
 * @group Client
 * @example
 * ```ts
 * const getThing = { method: "get", path: "/things/{id}", idempotent: true } as const;
 * ```
 */
export interface Operation<Paths, P extends keyof Paths, M extends Method> {
  method: M;
  path: P;
  /**
   * The root the path is under when it is not `baseUrl`: a name of the transport's `bases`
   * (an API may serve some paths under another version). One not given there is sent under `baseUrl`.
   */
  base?: string;
  /** Repeating it cannot do harm (GET, PATCH, DELETE, and POSTs that only query). */
  idempotent: boolean;
  /** Values of the request that must never reach an error (a webhook API key in the body). */
  secrets?: readonly string[];
  /**
   * The least a successful answer must be for the caller to use it: an object with a string
   * `id` (default), any JSON object, a list of objects, or nothing to check (DELETE).
   */
  returns?: "entity" | "object" | "list" | "none";
  /** An error answer that means this operation did what it asked, besides the transport's rules. */
  succeeds?: SuccessRule;
  /** The request body's media type when it is not `application/json`, e.g. `application/merge-patch+json`. */
  contentType?: string;
}

/**
 * What a successful call gives back: the data, the response (its body already read), the
 * correlation id sent, how long the call took and in how many attempts.
 * @group Client
 * @example
 * ```ts
 * const { data, response, correlationId, durationMs } = await http.send(getThing, { params: { path: { id } } });
 * ```
 */
export interface Sent<T> {
  data: T;
  /** The final answer: its status and headers (its body was read to give `data`). */
  response: Response;
  /** The correlation id every attempt carried: quote it to the API's support. */
  correlationId: string;
  /** Time from the call to its result, retries and authentication included. */
  durationMs: number;
  /** Requests sent, 1 when the first answer was final. */
  attempts: number;
}

/**
 * The promise an API method returns: awaited, it gives the data; its `withResponse()` gives the
 * data with the call's response, correlation id and timing, without a global hook.
 * @group Client
 * @example
 * ```ts
 * const { data: service, response, correlationId, durationMs } = await giacom.services.get(id).withResponse();
 * console.log(response.status, response.headers.get("content-type"), correlationId, durationMs);
 * ```
 */
export interface ApiPromise<T> extends Promise<T> {
  /** The data with the call's {@link Sent | response, correlation id and timing}. */
  withResponse(): Promise<Sent<T>>;
}

/**
 * Turns a call into an {@link ApiPromise}: `start` runs at once (what it throws becomes the
 * rejection), `map` makes the data the caller gets from what was sent.
 * @group Client
 * @example
 * ```ts
 * get: (id, options) => respond(() => http.send(getThing, { params: { path: { id: requireId("id", id) } } }, options)),
 * ```
 */
export function respond<D, T = D>(start: () => Promise<Sent<D>>, map: (sent: Sent<D>) => T = (sent) => sent.data as unknown as T): ApiPromise<T> {
  const sent = new Promise<Sent<D>>((resolve) => resolve(start())).then((s) => ({ ...s, data: map(s) }));
  const data = sent.then((s) => s.data);
  // Who asks for the response handles the failure there: the data promise must not also report it unhandled.
  return Object.assign(data, { withResponse: () => (data.catch(() => undefined), sent) });
}

/**
 * Sends the operations of one API. Made by {@link createTransport}.
 * @group Client
 * @example
 * ```ts
 * const thing = (await http.send(getThing, { params: { path: { id: "t-1" } } }, { timeoutMs: 5_000 })).data;
 * ```
 */
export interface Transport<Paths> {
  send<P extends PathsWith<Paths, M>, M extends Method>(
    operation: Operation<Paths, P, M>,
    init: Init<Paths, P, M>,
    options?: CallOptions,
  ): Promise<Sent<Data<Paths, P, M>>>;
}

function safely(run: () => void): void {
  try {
    run();
  } catch {
    // A hook or logger that throws must not change the outcome of a call.
  }
}

/** Headers hooks may see: what observability needs, nothing a server could echo a secret into. */
const VISIBLE = ["content-type", "content-length", "retry-after"];

function visible(headers: Record<string, string> | Headers, shown: ReadonlySet<string>, credential: Credential | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (value: string, key: string) => {
    const name = key.toLowerCase();
    if (name === "authorization" || (credential && Object.keys(credential.headers).some((h) => h.toLowerCase() === name))) out[name] = "[REDACTED]";
    else if (shown.has(name)) out[name] = value;
  };
  if (headers instanceof Headers) headers.forEach(add);
  else for (const [key, value] of Object.entries(headers)) add(value, key);
  return out;
}

/** Error bodies are for a message and a few fields: no need to hold more than this. */
const MAX_ERROR_BODY = 64 * 1024;

/** The runtime's network error codes that prove the request never reached the server. */
function neverSent(error: unknown): boolean {
  const code = networkCode(error);
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

/**
 * The URL of an operation: path parameters filled in, a list in the query repeated
 * (`state=a&state=b`) or, with `commaLists`, joined by a literal comma (`state=a,b`): a comma
 * inside a value stays encoded, so the server can tell the two apart.
 */
function buildUrl(
  base: string,
  path: string,
  params: { path?: Record<string, unknown>; query?: Record<string, unknown> } | undefined,
  commaLists: boolean | undefined,
): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params?.path?.[name])));
  const query: string[] = [];
  for (const [name, value] of Object.entries(params?.query ?? {})) {
    const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null).map((v) => encodeURIComponent(String(v)));
    for (const v of commaLists && values.length ? [values.join()] : values) query.push(`${name}=${v}`);
  }
  return `${base}${filled}${query.length ? `?${query.join("&")}` : ""}`;
}

/** Whether a successful body is what `returns` says the caller relies on. */
function usable(returns: NonNullable<Operation<never, never, never>["returns"]>, data: unknown): boolean {
  if (returns === "none") return true;
  // An empty search may come back without a body.
  if (returns === "list") return data === undefined || (Array.isArray(data) && data.every(isObject));
  return isObject(data) && (returns === "object" || (typeof data.id === "string" && data.id !== ""));
}

const SHAPES = { entity: "an object with a string id", object: "an object", list: "a list of objects", none: "" };

const unsent = new WeakSet<SdkError>();

/**
 * Whether a call failed before its request left the client (a token that never came, a deadline
 * spent authenticating): the server cannot have acted on it, so it may be sent again.
 * @group Client
 * @example
 * ```ts
 * catch (e) { if (failedBeforeSending(e)) return resend(); }
 * ```
 */
export function failedBeforeSending(error: unknown): boolean {
  return error instanceof SdkError && unsent.has(error);
}

/**
 * The transport of an API client over its generated `paths` type.
 * @group Client
 * @example
 * ```ts
 * const http = createTransport<paths>({ ...resolveTransportOptions(options), auth: staticHeaders({ "X-Api-Key": key }), logPrefix: "toy" });
 * ```
 */
export function createTransport<Paths>(config: TransportConfig): Transport<Paths> {
  const { hooks, logger, maxResponseBytes, auth } = config;
  const correlationHeader = config.correlationIdHeader.toLowerCase();
  const shown = new Set([...VISIBLE, ...(config.visibleHeaders ?? []).map((h) => h.toLowerCase()), correlationHeader]);
  const errorFor = config.errors ?? ((details: ApiErrorDetails) => new ApiError(details));
  const succeeds = config.succeeds ?? [repeatedDeleteGone];
  const prefix = config.logPrefix ? `${config.logPrefix}: ` : "";
  const base = config.baseUrl;
  // Servers and their operators see which SDK and runtime called (where the runtime lets a
  // request set it: browsers keep their own).
  const userAgent = config.userAgent ?? `giacom-sdk/${VERSION} ${runtime()}`;
  const parseJson = config.parseJson ?? JSON.parse;
  let active = 0;

  async function send<P extends PathsWith<Paths, M>, M extends Method>(
    operation: Operation<Paths, P, M>,
    init: Init<Paths, P, M>,
    options: CallOptions = {},
  ): Promise<Sent<Data<Paths, P, M>>> {
    const began = performance.now();
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
    const root = (operation.base && config.bases?.[operation.base]) || base;
    const url = buildUrl(root, operation.path as string, params, config.commaLists);
    const path = url.slice(root.length);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const fixedHeaders: Record<string, string> = { "User-Agent": userAgent, [config.correlationIdHeader]: correlationId };
    if (payload !== undefined) fixedHeaders["Content-Type"] = operation.contentType ?? "application/json";
    for (const [name, value] of Object.entries(params?.header ?? {})) if (value !== undefined) fixedHeaders[name] = String(value);

    // One deadline for the whole call, as a promise every wait races against. When the call
    // ends early (deadline, caller's abort) the request is aborted for real: a GET left running
    // would keep downloading and keep the process alive, and a POST could still create an order
    // after the caller was told it had not.
    const deadline = Date.now() + timeoutMs;
    const controller = new AbortController();
    let interrupted: SdkError | undefined;
    let interrupt!: (error: SdkError) => void;
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
    const invalid = (status: number, problem: string, retryable: boolean, cause?: unknown) =>
      new InvalidResponseError(`${method} ${path} answered ${status} with a body that ${problem}`, { status, correlationId, retryable, cause });

    let sent = false;
    let attempts = 0;
    const done = (data: unknown, response: Response): Sent<Data<Paths, P, M>> => ({
      data: data as Data<Paths, P, M>,
      response,
      correlationId,
      durationMs: performance.now() - began,
      attempts,
    });
    active++;
    try {
      let reauthenticated = false;
      for (let retries = 0; ;) {
        attempts++;
        let failure: SdkError;
        let retryAfterMs: number | undefined;
        let credential: Credential | undefined;
        let response: Response | undefined;
        try {
          if (interrupted) throw interrupted;
          credential = await race(Promise.resolve(auth.authenticate({ signal: controller.signal })));
          const headers = { ...fixedHeaders, ...credential.headers };
          safely(() => hooks.onRequest?.({ method, path, attempt: attempts, correlationId, headers: visible(headers, shown, credential) }));
          const started = hooks.onResponse ? performance.now() : 0;
          sent = true;
          // Redirects are never followed: the next hop would receive the token and the body.
          const request: RequestInit = { method, headers, redirect: "manual", signal: controller.signal };
          if (payload !== undefined) request.body = payload; // no `body: null`: undici is slower with it
          const pending = config.fetch(url, request);
          response = await race(pending).catch((error: unknown) => {
            // A fetch of the user's that ignores the signal: whatever arrives late is dropped.
            if (interrupted) pending.then(discard, () => undefined);
            throw error;
          });
          const status = response.status;
          const answered = response;
          safely(() =>
            hooks.onResponse?.({
              method,
              path,
              attempt: attempts,
              correlationId,
              headers: visible(answered.headers, shown, credential),
              status,
              durationMs: performance.now() - started,
            }),
          );
          safely(() => logger?.debug?.(`${prefix}${method} ${path} -> ${status}`, { correlationId, attempt: attempts }));

          if (isRedirect(response)) {
            discard(response);
            throw new RedirectError(`${method} ${path}`, { status, location: redirectTarget(response, url), correlationId });
          }
          if (response.ok) {
            let data: unknown;
            try {
              const text = status === 204 ? "" : await race(readText(response, maxResponseBytes, controller.signal));
              data = text === "" ? undefined : parseJson(text);
            } catch (error) {
              if (interrupted) throw interrupted;
              if (error instanceof BodyTooLarge) throw invalid(status, `is larger than maxResponseBytes (${maxResponseBytes} bytes)`, false);
              if (error instanceof SyntaxError) throw invalid(status, "is not valid JSON", false, error);
              // The answer began and then broke off: reading again is safe only where repeating is.
              throw invalid(status, "could not be read to its end", operation.idempotent, error);
            }
            if (!usable(returns, data)) throw invalid(status, `is not ${SHAPES[returns]}`, false);
            return done(data, response);
          }
          let errorBody: unknown;
          try {
            const text = await race(readText(response, MAX_ERROR_BODY, controller.signal));
            try {
              errorBody = text === "" ? undefined : parseJson(text);
            } catch {
              errorBody = text;
            }
          } catch (error) {
            if (interrupted) throw interrupted;
            errorBody = error instanceof BodyTooLarge ? `[error body over ${MAX_ERROR_BODY} bytes, not read]` : undefined;
          }
          const answer = { method, status, attempt: attempts, body: errorBody };
          if (succeeds.some((rule) => rule(answer)) || operation.succeeds?.(answer)) return done(undefined, response);
          if (status === 401 && !reauthenticated && credential.refused?.()) {
            // The token may have been revoked or expired early: one more try with a fresh one.
            // It is an attempt like any other, but it does not use up a retry.
            reauthenticated = true;
            continue;
          }
          retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"));
          const retryable = isRetryableStatus(status, operation.idempotent);
          // A server that echoes the request (or its token) must not leak it through the error.
          const scrubbed = scrub(errorBody, [...credential.secrets, ...(operation.secrets ?? [])]);
          failure = errorFor({ status, body: scrubbed, method, path, url, correlationId, retryAfterMs, retryable, attempts });
        } catch (error) {
          if (interrupted) throw interrupted;
          if (error instanceof SdkError) {
            // From the token provider, or a verdict on the answer: retried when it says it may be.
            failure = error;
          } else if (response !== undefined) {
            throw invalid(response.status, "could not be handled", false, error);
          } else if (!credential) {
            throw new NetworkError("The request could not be authenticated", { correlationId, cause: error });
          } else {
            const retryable = operation.idempotent || neverSent(error);
            failure = new NetworkError(`${method} ${path} could not reach the API at ${unreachable(url, error)}`, { correlationId, cause: error, retryable });
          }
        }

        if (!failure.retryable || retries >= maxRetries || !policy) throw failure;
        if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) throw failure;
        const delayMs = retryAfterMs ?? backoffDelay(policy, retries);
        if (Date.now() + delayMs >= deadline) throw failure;
        safely(() => hooks.onRetry?.({ method, path, attempt: attempts, correlationId, delayMs, error: failure }));
        safely(() =>
          logger?.warn?.(`${prefix}retrying ${method} ${path} in ${delayMs} ms: ${failure.message}`, { correlationId, attempt: attempts, code: failure.code }),
        );
        let wait: ReturnType<typeof setTimeout> | undefined;
        await race(new Promise((resolve) => (wait = setTimeout(resolve, delayMs)))).finally(() => clearTimeout(wait));
        retries++;
      }
    } catch (error) {
      if (!sent && error instanceof SdkError) unsent.add(error);
      // Nothing of a failed call may outlive it: a body left unread keeps a connection (and the
      // process) busy. A call that succeeded has read its body to the end, and aborting it then
      // would cost more than the rest of the call's own work.
      if (!controller.signal.aborted) controller.abort(error);
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      // Speculative work (a background token refresh) must not keep a finished script alive.
      if (--active === 0) safely(() => auth.idle?.());
    }
  }

  return { send };
}
