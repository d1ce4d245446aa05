// The TM Forum error body (TMF630: code, reason, message, status, referenceError) as the TMF
// APIs answer it, decoded onto the core's API error. Some vendors name `status` `state`
// (a TMF622 v4 vendor's "HTTP error code extension"): either is read.
import { ApiError, apiErrorFamily, type ApiErrorDetails, type ApiErrorFamily } from "../core/errors.js";
import { stringAt } from "../core/internal/show.js";

/**
 * The TMF error body. Every field is optional here: a gateway may answer with part of it.
 * @group Errors
 * @example
 * ```ts
 * const body: TmfErrorBody = { code: "ERR_000001", reason: "Invalid request", message: "Error parsing field 'name'", status: "400" };
 * ```
 */
export interface TmfErrorBody {
  code?: string;
  reason?: string;
  message?: string;
  status?: string;
  /** What some vendors send instead of `status`. */
  state?: string;
  referenceError?: string;
  "@type"?: string;
}

/**
 * An error answer of a TMF API. Carries the HTTP `status`, the TMF error body (`tmfCode`,
 * `reason`, `tmfMessage`, `tmfStatus`) when there is one, and the raw `body` otherwise (a
 * proxy's HTML page, say). Giacom exports it as `ApiError`.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof TmfApiError && e.tmfCode === "ERR_000001") showFieldError(e.tmfMessage); }
 * ```
 */
export class TmfApiError extends ApiError<TmfErrorBody> {
  /** TMF `code`, e.g. `ERR_000001`. */
  declare readonly tmfCode: string | undefined;
  /** TMF `reason`: what the code means. */
  declare readonly reason: string | undefined;
  /** TMF `message`: details and corrective actions for this occurrence. */
  declare readonly tmfMessage: string | undefined;
  /** TMF `status` (or the vendor's `state` in its place), e.g. `Error` or `404`. */
  declare readonly tmfStatus: string | undefined;

  constructor(init: ApiErrorDetails) {
    const { body } = init;
    const reason = stringAt(body, "reason");
    const message = stringAt(body, "message");
    const code = stringAt(body, "code");
    const summary =
      reason || message
        ? [reason, message].filter(Boolean).join(": ")
        : typeof body === "string" && body.trim() !== ""
          ? `non-TMF body: ${body.trim().slice(0, 200)}`
          : "no error body";
    super(init, { summary, detail: reason || message || code ? (body as TmfErrorBody) : undefined });
    this.tmfCode = code;
    this.reason = reason;
    this.tmfMessage = message;
    this.tmfStatus = stringAt(body, "status") ?? stringAt(body, "state");
  }
}

/**
 * The TMF APIs' error classes by status, on {@link TmfApiError}.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof tmfErrors.NotFoundError) return undefined; }
 * ```
 */
export const tmfErrors: ApiErrorFamily<TmfApiError> = /* @__PURE__ */ apiErrorFamily(TmfApiError);

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
 * catch (e) { if (e instanceof AuthenticationError) console.error("check the credentials"); }
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
 * const service = await client.services.get(id).catch((e) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));
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
