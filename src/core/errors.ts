// Every error the SDK throws is a GiacomError. Errors carry context (status, TMF body,
// correlation id) but never a credential: nothing here is given a secret or a token.

const BRAND = Symbol.for("giacom-sdk.error");

/**
 * Why a call failed, as a stable string to switch on.
 * @group Errors
 * @example
 * ```ts
 * if (isGiacomError(e) && e.code === "NOT_FOUND") return undefined;
 * ```
 */
export type GiacomErrorCode =
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
  | "ORDER_INVALID"
  | "ORDER_FAILED"
  | "ORDER_WAIT_TIMEOUT"
  | "CANCELLATION_FAILED"
  | "SUBMISSION_UNKNOWN"
  | "WEBHOOK_BODY_CONSUMED";

/**
 * The base of every error the SDK throws.
 * @group Errors
 * @example
 * ```ts
 * try { await giacom.services.get(id); } catch (e) { if (e instanceof GiacomError) console.error(e.code, e.correlationId); }
 * ```
 */
export class GiacomError extends Error {
  override readonly name: string = "GiacomError";
  /** Why the call failed. */
  readonly code: GiacomErrorCode;
  /** The correlation id sent with the call (the same on every retry), when a call was made. */
  readonly correlationId: string | undefined;
  /** Whether repeating the same call later may succeed. */
  readonly retryable: boolean;

  constructor(code: GiacomErrorCode, message: string, options: { cause?: unknown; correlationId?: string | undefined; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.correlationId = options.correlationId;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, BRAND, { value: true });
  }

  // instanceof also recognises errors from another installed copy of the package.
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === GiacomError) return isGiacomError(value);
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/**
 * Whether `value` is an error thrown by giacom-sdk, including one thrown by another installed
 * copy of the package.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (isGiacomError(e)) log.warn({ code: e.code, correlationId: e.correlationId }); else throw e; }
 * ```
 */
export function isGiacomError(value: unknown): value is GiacomError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * Invalid options given to `createGiacomClient` or to a call. `option` names the bad one.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ConfigurationError) console.error(`fix ${e.option}`); }
 * ```
 */
export class ConfigurationError extends GiacomError {
  override readonly name = "ConfigurationError";
  /** The option at fault, e.g. `credentials.clientId` or `retry.maxRetries`. */
  readonly option: string;
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
export class InvalidArgumentError extends GiacomError {
  override readonly name = "InvalidArgumentError";
  /** The argument at fault, e.g. `id` or `jsonPath.relatedParty.role`. */
  readonly argument: string;
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
  if (id === "." || id === "..") throw new InvalidArgumentError(argument, `"${id}" is not an id: as a path segment it would address another resource`);
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
  correlationId: string;
  retryAfterMs?: number | undefined;
  retryable?: boolean;
  attempts: number;
}

const CODES: Record<number, GiacomErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  429: "RATE_LIMITED",
};

function tmfField(body: unknown, key: string): string | undefined {
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : undefined;
}

/**
 * The API answered with an error status. Carries the HTTP `status`, the TMF error body
 * (`tmfCode`, `reason`, `tmfMessage`, `tmfStatus`) when there is one, and the raw `body`
 * otherwise (a proxy's HTML page, say).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ApiError && e.tmfCode === "ERR_000001") showFieldError(e.tmfMessage); }
 * ```
 */
export class ApiError extends GiacomError {
  override readonly name: string = "ApiError";
  /** HTTP status. */
  readonly status: number;
  /** TMF `code`, e.g. `ERR_000001`. */
  readonly tmfCode: string | undefined;
  /** TMF `reason`: what the code means. */
  readonly reason: string | undefined;
  /** TMF `message`: details and corrective actions for this occurrence. */
  readonly tmfMessage: string | undefined;
  /** TMF `status`, e.g. `Error`. */
  readonly tmfStatus: string | undefined;
  /** The response body: parsed JSON, or the text when it was not JSON. */
  readonly body: unknown;
  /** The method and path (with query) of the request; never any header. */
  readonly method: string;
  readonly path: string;
  /** How many attempts were made. */
  readonly attempts: number;
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorDetails) {
    const reason = tmfField(init.body, "reason");
    const detail = tmfField(init.body, "message");
    const summary =
      reason || detail
        ? [reason, detail].filter(Boolean).join(": ")
        : typeof init.body === "string" && init.body.trim() !== ""
          ? `non-TMF body: ${init.body.trim().slice(0, 200)}`
          : "no error body";
    super(CODES[init.status] ?? (init.status >= 500 ? "SERVER_ERROR" : "HTTP_ERROR"), `${init.method} ${init.path} failed with ${init.status}: ${summary}`, {
      correlationId: init.correlationId,
      retryable: init.retryable ?? false,
    });
    this.status = init.status;
    this.tmfCode = tmfField(init.body, "code");
    this.reason = reason;
    this.tmfMessage = detail;
    this.tmfStatus = tmfField(init.body, "status");
    this.body = init.body;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * 400: the request was invalid (a parameter or a field of the body).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof BadRequestError) console.error(e.reason, e.tmfMessage); }
 * ```
 */
export class BadRequestError extends ApiError {
  override readonly name = "BadRequestError";
}
/**
 * 401: the access token was missing, expired or refused (after one retry with a fresh token).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof AuthenticationError) alertOps("Giacom credentials rejected"); }
 * ```
 */
export class AuthenticationError extends ApiError {
  override readonly name = "AuthenticationError";
}
/**
 * 403: the client may not do this, e.g. its token lacks the operation's scope.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof PermissionDeniedError) console.error("missing scope?", e.path); }
 * ```
 */
export class PermissionDeniedError extends ApiError {
  override readonly name = "PermissionDeniedError";
}
/**
 * 404: the entity does not exist or is not visible to the client.
 * @group Errors
 * @example
 * ```ts
 * const service = await giacom.services.get(id).catch((e) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));
 * ```
 */
export class NotFoundError extends ApiError {
  override readonly name = "NotFoundError";
}
/**
 * 409: the request conflicts with the entity's current state.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ConflictError) await reloadAndRetry(); }
 * ```
 */
export class ConflictError extends ApiError {
  override readonly name = "ConflictError";
}
/**
 * 429: too many requests; `retryAfterMs` says when to try again, if the server said.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof RateLimitError) await sleep(e.retryAfterMs ?? 1000); }
 * ```
 */
export class RateLimitError extends ApiError {
  override readonly name = "RateLimitError";
}
/**
 * 5xx: the API failed for a reason not caused by the request.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ServerError) queueForLater(job); }
 * ```
 */
export class ServerError extends ApiError {
  override readonly name = "ServerError";
}

/** @internal The class for an error status. */
export function apiErrorFor(init: ApiErrorDetails): ApiError {
  switch (init.status) {
    case 400:
      return new BadRequestError(init);
    case 401:
      return new AuthenticationError(init);
    case 403:
      return new PermissionDeniedError(init);
    case 404:
      return new NotFoundError(init);
    case 409:
      return new ConflictError(init);
    case 429:
      return new RateLimitError(init);
    default:
      return init.status >= 500 ? new ServerError(init) : new ApiError(init);
  }
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
export class InvalidResponseError extends GiacomError {
  override readonly name = "InvalidResponseError";
  readonly status: number;
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
export class RedirectError extends GiacomError {
  override readonly name = "RedirectError";
  /** The redirect status (301, 302, 303, 307, 308), or 0 when the runtime hid it (an opaque redirect). */
  readonly status: number;
  /** The origin the server redirected to (`https://host:port`), or `undefined` when it gave none. */
  readonly location: string | undefined;
  constructor(what: string, init: { status: number; location: string | undefined; correlationId?: string | undefined }) {
    const target = init.location === undefined ? "an undisclosed location" : init.location;
    super("REDIRECT", `${what} answered ${init.status || "a redirect"} to ${target}; redirects are never followed`, { correlationId: init.correlationId });
    this.status = init.status;
    this.location = init.location;
  }
}

/**
 * The token endpoint refused the credentials or failed. Carries the OAuth `error` and
 * `error_description` and the HTTP status; never the client secret.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof AuthError && e.oauthError === "invalid_client") alertOps("check GIACOM_CLIENT_SECRET"); }
 * ```
 */
export class AuthError extends GiacomError {
  override readonly name = "AuthError";
  /** HTTP status of the token endpoint's answer; undefined when it could not be reached. */
  readonly status: number | undefined;
  /** OAuth `error`, e.g. `invalid_client`. */
  readonly oauthError: string | undefined;
  /** OAuth `error_description`. */
  readonly oauthErrorDescription: string | undefined;
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
export class NetworkError extends GiacomError {
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
export class TimeoutError extends GiacomError {
  override readonly name = "TimeoutError";
  readonly timeoutMs: number;
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
export class AbortError extends GiacomError {
  override readonly name = "AbortError";
  constructor(message: string, init: { correlationId?: string | undefined; cause?: unknown }) {
    super("ABORTED", message, init);
  }
}
