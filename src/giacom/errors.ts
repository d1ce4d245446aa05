// Giacom's names for the errors of the core and the TMF layer: GiacomError is the core's base
// class, ApiError the TMF error answer, and one class per status from the TMF family.
import { isSdkError, SdkError, type SdkErrorCode } from "../core/errors.js";
import { TmfApiError, tmfErrors } from "../tmf/errors.js";

export {
  AbortError,
  AuthError,
  ConfigurationError,
  InvalidArgumentError,
  InvalidResponseError,
  NetworkError,
  RedirectError,
  TimeoutError,
  type ApiErrorDetails,
} from "../core/errors.js";

/**
 * Why a call failed, as a stable string to switch on.
 * @group Errors
 * @example
 * ```ts
 * if (isGiacomError(e) && e.code === "NOT_FOUND") return undefined;
 * ```
 */
export type GiacomErrorCode = SdkErrorCode | "ORDER_INVALID" | "ORDER_FAILED" | "ORDER_WAIT_TIMEOUT" | "CANCELLATION_FAILED" | "SUBMISSION_UNKNOWN";

/**
 * The base of every error the SDK throws.
 * @group Errors
 * @example
 * ```ts
 * try { await giacom.services.get(id); } catch (e) { if (e instanceof GiacomError) console.error(e.code, e.correlationId); }
 * ```
 */
export const GiacomError = SdkError;
/** The base of every error the SDK throws. */
export type GiacomError = SdkError;

/**
 * Whether `value` is an error thrown by giacom-sdk, including one thrown by another installed
 * copy of the package.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (isGiacomError(e)) log.warn({ code: e.code, correlationId: e.correlationId }); else throw e; }
 * ```
 */
export const isGiacomError: (value: unknown) => value is GiacomError = isSdkError;

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
export const ApiError = TmfApiError;
/** An error answer of the API. */
export type ApiError = TmfApiError;

/**
 * 400: the request was invalid (a parameter or a field of the body).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof BadRequestError) console.error(e.reason, e.tmfMessage); }
 * ```
 */
export const BadRequestError = tmfErrors.BadRequestError;
/** 400: the request was invalid. */
export type BadRequestError = InstanceType<typeof BadRequestError>;

/**
 * 401: the access token was missing, expired or refused (after one retry with a fresh token).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof AuthenticationError) alertOps("Giacom credentials rejected"); }
 * ```
 */
export const AuthenticationError = tmfErrors.AuthenticationError;
/** 401: the access token was missing, expired or refused. */
export type AuthenticationError = InstanceType<typeof AuthenticationError>;

/**
 * 403: the client may not do this, e.g. its token lacks the operation's scope.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof PermissionDeniedError) console.error("missing scope?", e.path); }
 * ```
 */
export const PermissionDeniedError = tmfErrors.PermissionDeniedError;
/** 403: the client may not do this. */
export type PermissionDeniedError = InstanceType<typeof PermissionDeniedError>;

/**
 * 404: the entity does not exist or is not visible to the client.
 * @group Errors
 * @example
 * ```ts
 * const service = await giacom.services.get(id).catch((e) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));
 * ```
 */
export const NotFoundError = tmfErrors.NotFoundError;
/** 404: the entity does not exist or is not visible to the client. */
export type NotFoundError = InstanceType<typeof NotFoundError>;

/**
 * 409: the request conflicts with the entity's current state.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ConflictError) await reloadAndRetry(); }
 * ```
 */
export const ConflictError = tmfErrors.ConflictError;
/** 409: the request conflicts with the entity's current state. */
export type ConflictError = InstanceType<typeof ConflictError>;

/**
 * 429: too many requests; `retryAfterMs` says when to try again, if the server said.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof RateLimitError) await sleep(e.retryAfterMs ?? 1000); }
 * ```
 */
export const RateLimitError = tmfErrors.RateLimitError;
/** 429: too many requests. */
export type RateLimitError = InstanceType<typeof RateLimitError>;

/**
 * 5xx: the API failed for a reason not caused by the request.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ServerError) queueForLater(job); }
 * ```
 */
export const ServerError = tmfErrors.ServerError;
/** 5xx: the API failed for a reason not caused by the request. */
export type ServerError = InstanceType<typeof ServerError>;
