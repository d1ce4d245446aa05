// Every error the SDK throws is an SdkError (GiacomError to Giacom's users). Errors carry
// context (status, decoded body, correlation id) but never a credential: nothing here is given
// a secret or a token. What an API's error body means is decoded by its profile, not here.

const BRAND = Symbol.for("giacom-sdk.error");

/**
 * Why a call failed, as a stable string to switch on: the codes of the core. An API adds its
 * own (Giacom's `ORDER_FAILED`, say) through its own error classes.
 * @group Errors
 * @example
 * ```ts
 * if (isSdkError(e) && e.code === "NOT_FOUND") return undefined;
 * ```
 */
export type SdkErrorCode =
  | "CONFIGURATION"
  | "INVALID_ARGUMENT"
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "SERVER_ERROR"
  | "HTTP_ERROR"
  | "INVALID_RESPONSE"
  | "REDIRECT"
  | "AUTH_FAILED"
  | "NETWORK"
  | "TIMEOUT"
  | "ABORTED"
  | "WEBHOOK_BODY_CONSUMED"
  | "STORE_UNAVAILABLE";

/**
 * The base of every error the SDK throws, whichever API it calls (Giacom exports it as
 * `GiacomError`). `instanceof` also recognises errors from another installed copy.
 * @group Errors
 * @example
 * ```ts
 * try { await client.things.get(id); } catch (e) { if (e instanceof SdkError) console.error(e.code, e.correlationId); }
 * ```
 */
export class SdkError extends Error {
  override readonly name: string = "SdkError";
  /** Why the call failed: one of {@link SdkErrorCode}, or a code of the API's own errors. */
  declare readonly code: SdkErrorCode | (string & {});
  /** The correlation id sent with the call (the same on every retry), when a call was made. */
  declare readonly correlationId: string | undefined;
  /** Whether repeating the same call later may succeed. */
  declare readonly retryable: boolean;

  constructor(code: SdkErrorCode | (string & {}), message: string, options: { cause?: unknown; correlationId?: string | undefined; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.correlationId = options.correlationId;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, BRAND, { value: true });
  }

  // instanceof also recognises errors from another installed copy of the package.
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === SdkError) return isSdkError(value);
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/**
 * Whether `value` is an error thrown by giacom-sdk (any of its APIs), including one thrown by
 * another installed copy of the package. Giacom exports it as `isGiacomError`.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (isSdkError(e)) log.warn({ code: e.code, correlationId: e.correlationId }); else throw e; }
 * ```
 */
export function isSdkError(value: unknown): value is SdkError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * Invalid options given to a client factory or to a call. `option` names the bad one.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ConfigurationError) console.error(`fix ${e.option}`); }
 * ```
 */
export class ConfigurationError extends SdkError {
  override readonly name = "ConfigurationError";
  /** The option at fault, e.g. `credentials.clientId` or `retry.maxRetries`. */
  declare readonly option: string;
  constructor(option: string, problem: string) {
    super("CONFIGURATION", `Invalid option ${option}: ${problem}`);
    this.option = option;
  }
}

/**
 * An argument of a call is unusable (an empty id, a filter value that is not a string).
 * Nothing was sent. `argument` names the bad one.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof InvalidArgumentError) return badRequest(`${e.argument}: ${e.message}`); }
 * ```
 */
export class InvalidArgumentError extends SdkError {
  override readonly name: string = "InvalidArgumentError";
  /** The argument at fault, e.g. `id` or `jsonPath.relatedParty.role`. */
  declare readonly argument: string;
  constructor(argument: string, problem: string) {
    super("INVALID_ARGUMENT", `Invalid argument ${argument}: ${problem}`);
    this.argument = argument;
  }
}

/** @internal Throws unless `value` is a non-empty string; returns it typed. */
export function requireString(argument: string, value: unknown): string {
  if (typeof value !== "string" || value === "") throw new InvalidArgumentError(argument, "must be a non-empty string");
  return value;
}

/**
 * @internal An id that fills a path segment. "." and ".." would be removed by URL parsing
 * (as dot segments) and the request would go to another path.
 */
export function requireId(argument: string, value: unknown): string {
  const id = requireString(argument, value);
  if (id === "." || id === "..") throw new InvalidArgumentError(argument, `"${id}" is a dot segment, not an id`);
  return id;
}

/**
 * What an {@link ApiError} is built from.
 * @group Errors
 * @example
 * ```ts
 * const details: ApiErrorDetails = { status: 404, body: { code: "ERR_404" }, method: "GET", path: "/service/x", correlationId: "c-1", attempts: 1 };
 * ```
 */
export interface ApiErrorDetails {
  status: number;
  body: unknown;
  method: string;
  path: string;
  /** The whole URL tried (base URL, path and query). */
  url?: string | undefined;
  correlationId: string;
  retryAfterMs?: number | undefined;
  retryable?: boolean;
  attempts: number;
}

/**
 * What an API's error body says, as its profile reads it: a one-line summary for the message
 * and the typed detail kept on the error.
 * @group Errors
 * @example
 * ```ts
 * const decode = (body: unknown): DecodedError<{ title: string }> => ({ summary: (body as { title: string }).title, detail: body as { title: string } });
 * ```
 */
export interface DecodedError<Detail> {
  summary?: string | undefined;
  detail?: Detail | undefined;
}

// The one status table: the code and the class name of each status with its own class.
const STATUS: Record<number, readonly [SdkErrorCode, string]> = {
  400: ["BAD_REQUEST", "BadRequestError"],
  401: ["UNAUTHORIZED", "AuthenticationError"],
  403: ["FORBIDDEN", "PermissionDeniedError"],
  404: ["NOT_FOUND", "NotFoundError"],
  409: ["CONFLICT", "ConflictError"],
  429: ["RATE_LIMITED", "RateLimitError"],
};

/** A body no profile decoded: its text, shortened, or that there was none. */
function summarise(body: unknown): string {
  if (typeof body === "string" && body.trim() !== "") return body.trim().slice(0, 200);
  return body === undefined || body === "" ? "no error body" : "an unrecognised error body";
}

/**
 * The API answered with an error status. Carries the HTTP `status`, the raw `body` (parsed
 * JSON, or the text when it was not JSON) and the `detail` the API's profile decoded from it.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ApiError && e.status === 422) showFieldErrors(e.detail); }
 * ```
 */
export class ApiError<Detail = unknown> extends SdkError {
  override readonly name: string = "ApiError";
  /** HTTP status. */
  declare readonly status: number;
  /** What the API's profile decoded from the body; undefined when the body was not the API's error shape. */
  declare readonly detail: Detail | undefined;
  /** The response body: parsed JSON, or the text when it was not JSON. */
  declare readonly body: unknown;
  /** The method and path (with query) of the request; never any header. */
  declare readonly method: string;
  declare readonly path: string;
  /** The whole URL tried (base URL, path and query), when the transport gave it. */
  declare readonly url: string | undefined;
  /** How many attempts were made. */
  declare readonly attempts: number;
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorDetails, decoded: DecodedError<Detail> = {}) {
    super(
      STATUS[init.status]?.[0] ?? (init.status >= 500 ? "SERVER_ERROR" : "HTTP_ERROR"),
      // A 404 is most often a wrong base URL (a missing version segment): show the whole URL tried.
      `${init.method} ${(init.status === 404 && init.url) || init.path} failed with ${init.status}: ${decoded.summary || summarise(init.body)}`,
      { correlationId: init.correlationId, retryable: init.retryable ?? false },
    );
    this.status = init.status;
    this.detail = decoded.detail;
    this.body = init.body;
    this.method = init.method;
    this.path = init.path;
    this.url = init.url;
    this.attempts = init.attempts;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * A class of API errors: constructs `E` from the details of an answer.
 * @group Errors
 * @example
 * ```ts
 * const Base: ApiErrorClass<ApiError> = ApiError;
 * ```
 */
export type ApiErrorClass<E> = new (init: ApiErrorDetails) => E;

/**
 * The error classes of one API, one per status that has its own (`NotFoundError` for 404...),
 * all extending the API's base class, and `errorFor` choosing among them. The transport's
 * `errors` strategy is usually a family's `errorFor`.
 * @group Errors
 * @example
 * ```ts
 * const errors = apiErrorFamily(ApiError);
 * catch (e) { if (e instanceof errors.NotFoundError) return undefined; }
 * ```
 */
export interface ApiErrorFamily<E extends ApiError> {
  /** 400: the request was invalid. */
  BadRequestError: ApiErrorClass<E & { readonly code: "BAD_REQUEST" }>;
  /** 401: the credentials were missing, expired or refused. */
  AuthenticationError: ApiErrorClass<E & { readonly code: "UNAUTHORIZED" }>;
  /** 403: the client may not do this. */
  PermissionDeniedError: ApiErrorClass<E & { readonly code: "FORBIDDEN" }>;
  /** 404: the entity does not exist or is not visible to the client. */
  NotFoundError: ApiErrorClass<E & { readonly code: "NOT_FOUND" }>;
  /** 409: the request conflicts with the entity's current state. */
  ConflictError: ApiErrorClass<E & { readonly code: "CONFLICT" }>;
  /** 429: too many requests. */
  RateLimitError: ApiErrorClass<E & { readonly code: "RATE_LIMITED" }>;
  /** 5xx: the API failed for a reason not caused by the request. */
  ServerError: ApiErrorClass<E & { readonly code: "SERVER_ERROR" }>;
  /** The error for an answer: the class its status has, else the base class. */
  errorFor(init: ApiErrorDetails): E;
}

/**
 * Builds the error classes of an API on its base class (one that decodes the API's error body).
 * @group Errors
 * @example
 * ```ts
 * class ToyApiError extends ApiError<{ title: string }> {
 *   constructor(init: ApiErrorDetails) { super(init, { summary: (init.body as { title?: string })?.title }); }
 * }
 * const toyErrors = apiErrorFamily(ToyApiError);
 * ```
 */
export function apiErrorFamily<E extends ApiError>(Base: ApiErrorClass<E>): ApiErrorFamily<E> {
  const classes: Record<string, ApiErrorClass<E>> = {};
  for (const name of [...Object.values(STATUS).map(([, n]) => n), "ServerError"]) {
    const named = class extends (Base as unknown as ApiErrorClass<ApiError>) {
      override readonly name: string = name;
    };
    Object.defineProperty(named, "name", { value: name });
    classes[name] = named as unknown as ApiErrorClass<E>;
  }
  const errorFor = (init: ApiErrorDetails): E => {
    const Class = classes[STATUS[init.status]?.[1] ?? (init.status >= 500 ? "ServerError" : "")] ?? Base;
    return new Class(init);
  };
  return { ...classes, errorFor } as unknown as ApiErrorFamily<E>;
}

/**
 * The API answered with a success status but a body that is not what the contract says
 * (not JSON, say, or a list without its count header).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof InvalidResponseError) reportToGiacom(e.correlationId); }
 * ```
 */
export class InvalidResponseError extends SdkError {
  override readonly name = "InvalidResponseError";
  declare readonly status: number;
  constructor(message: string, init: { status: number; correlationId: string; cause?: unknown; retryable?: boolean }) {
    super("INVALID_RESPONSE", message, init);
    this.status = init.status;
  }
}

/**
 * The API (or the token endpoint) answered with a redirect. The SDK never follows one: a
 * redirect to another host would carry the order, the token or the client secret there. The
 * message and `location` name only the target's origin, never its path or query. Not retryable:
 * fix the base URL or token URL instead.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof RedirectError) console.error(`the API redirected to ${e.location}: check baseUrl`); }
 * ```
 */
export class RedirectError extends SdkError {
  override readonly name = "RedirectError";
  /** The redirect status (301, 302, 303, 307, 308), or 0 when the runtime hid it (an opaque redirect). */
  declare readonly status: number;
  /** The origin the server redirected to (`https://host:port`), or `undefined` when it gave none. */
  declare readonly location: string | undefined;
  constructor(what: string, init: { status: number; location: string | undefined; correlationId?: string | undefined }) {
    const target = init.location === undefined ? "an undisclosed location" : init.location;
    super("REDIRECT", `${what} answered ${init.status || "a redirect"} to ${target}; redirects are never followed`, { correlationId: init.correlationId });
    this.status = init.status;
    this.location = init.location;
  }
}

/**
 * The token endpoint answered, and gave no usable token: it refused the credentials, failed,
 * or sent something that is not a bearer token. Carries the OAuth `error` and
 * `error_description` and the HTTP status; never the client secret. A token endpoint that
 * cannot be reached is a `NetworkError`, one that does not answer in time a `TimeoutError`.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof AuthError && e.oauthError === "invalid_client") alertOps("check GIACOM_CLIENT_SECRET"); }
 * ```
 */
export class AuthError extends SdkError {
  override readonly name = "AuthError";
  /** HTTP status of the token endpoint's answer; undefined when the token provider failed without one. */
  declare readonly status: number | undefined;
  /** OAuth `error`, e.g. `invalid_client`. */
  declare readonly oauthError: string | undefined;
  /** OAuth `error_description`. */
  declare readonly oauthErrorDescription: string | undefined;
  constructor(
    message: string,
    init: { status?: number | undefined; oauthError?: string | undefined; oauthErrorDescription?: string | undefined; retryable?: boolean; cause?: unknown },
  ) {
    super("AUTH_FAILED", message, init);
    this.status = init.status;
    this.oauthError = init.oauthError;
    this.oauthErrorDescription = init.oauthErrorDescription;
  }
}

/**
 * The request could not be sent or its answer not received (DNS, refused or reset
 * connection, TLS). `cause` holds the runtime's error.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof NetworkError) console.error("Giacom unreachable", e.cause); }
 * ```
 */
export class NetworkError extends SdkError {
  override readonly name = "NetworkError";
  constructor(message: string, init: { correlationId?: string | undefined; cause?: unknown; retryable?: boolean }) {
    super("NETWORK", message, init);
  }
}

/**
 * The call did not finish within its `timeoutMs` (retries included).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof TimeoutError) console.error(`no answer in ${e.timeoutMs} ms`); }
 * ```
 */
export class TimeoutError extends SdkError {
  override readonly name: string = "TimeoutError";
  declare readonly timeoutMs: number;
  constructor(message: string, init: { timeoutMs: number; correlationId?: string | undefined; cause?: unknown }) {
    super("TIMEOUT", message, { ...init, retryable: true });
    this.timeoutMs = init.timeoutMs;
  }
}

/**
 * The caller aborted the call through its `signal`; `cause` is the signal's reason.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof AbortError) return; }
 * ```
 */
export class AbortError extends SdkError {
  override readonly name = "AbortError";
  constructor(message: string, init: { correlationId?: string | undefined; cause?: unknown }) {
    super("ABORTED", message, init);
  }
}

// A connection string's credentials (`redis://user:password@host`) and anything after an
// AUTH/HELLO command word: the only places a store's secrets can reach an error text.
const CONNECTION_SECRETS: readonly [RegExp, string][] = [
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1[REDACTED]@"],
  [/\b(AUTH|HELLO)\b[^\n]*/gi, "$1 [REDACTED]"],
];

/**
 * A shared store (Redis, say) could not do what was asked: it is unreachable, timed out, or
 * answered with an error. `store` names it and `operation` what was asked. Retryable unless the
 * store's answer shows that repeating cannot help (a key of the wrong type, a refused login).
 * Neither the message nor `cause` carries a connection secret: a password in a URL is masked,
 * and `cause` is a plain copy of the driver's error with only its name and that masked message.
 * @group Stores
 * @example
 * ```ts
 * catch (e) { if (e instanceof StoreUnavailableError && e.retryable) return new Response(null, { status: 503 }); }
 * ```
 */
export class StoreUnavailableError extends SdkError {
  override readonly name = "StoreUnavailableError";
  /** The store, e.g. `redis`. */
  declare readonly store: string;
  /** What was asked of it, e.g. `claim` or `lock.acquire`. */
  declare readonly operation: string;
  constructor(store: string, operation: string, init: { reason: string; cause?: unknown; retryable?: boolean }) {
    const reason = maskConnectionSecrets(init.reason);
    super("STORE_UNAVAILABLE", `The ${store} store failed during ${operation}: ${reason}`, {
      cause: init.cause === undefined ? undefined : safeCause(init.cause),
      retryable: init.retryable ?? true,
    });
    this.store = store;
    this.operation = operation;
  }
}

/** @internal `text` with URL credentials and AUTH/HELLO arguments masked. */
export function maskConnectionSecrets(text: string): string {
  return CONNECTION_SECRETS.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

// A driver's error may hold its connection options (URL, password) in properties that
// util.inspect would show: keep only its name and its masked message.
function safeCause(cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : typeof cause === "string" ? cause : "unknown error";
  const copy = new Error(maskConnectionSecrets(message));
  copy.name = cause instanceof Error ? cause.name : "Error";
  delete copy.stack;
  return copy;
}
