// Giacom's names for the errors of the core and the TMF layer: GiacomError is the core's base
// class, ApiError the TMF error answer, and one class per status from the TMF family.
import { isSdkError, SdkError, type SdkErrorCode } from "../core/errors.js";
import { TmfApiError } from "../tmf/errors.js";

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

export { BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, RateLimitError, ServerError } from "../tmf/errors.js";
