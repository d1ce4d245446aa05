// The error answers of the Service Inventory API. The vendor's gateway does not answer TMF630
// errors: its body is `{ errors: [{ code, message, description }] }` (`code` the HTTP status as
// a number), decoded here onto the core's API error with every entry kept. A 501 means the
// business unit's backend has no such operation: a class of its own, naming the unit. Every
// one is an SdkError: `instanceof SdkError` or `isSdkError` catches all.
import { ApiError, apiErrorFamily, SdkError, type ApiErrorDetails, type ApiErrorFamily } from "../core/errors.js";
import { isObject } from "../core/internal/show.js";
import type { ErrorBody, ErrorDetail, Service } from "./generated/types.js";

export {
  AbortError,
  ApiError,
  ConfigurationError,
  InvalidArgumentError,
  InvalidResponseError,
  isSdkError,
  NetworkError,
  RedirectError,
  SdkError,
  TimeoutError,
} from "../core/errors.js";

/** The entries of a body in the vendor's shape; undefined for any other body. */
function entriesOf(body: unknown): ErrorDetail[] | undefined {
  const errors = isObject(body) ? body.errors : undefined;
  if (!Array.isArray(errors)) return undefined;
  const entries = errors.filter(isObject) as ErrorDetail[];
  return entries.length > 0 ? entries : undefined;
}

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/**
 * An error answer of the Service Inventory API. Carries the HTTP `status`, every entry of the
 * vendor's `{ errors: [...] }` body (`errors`, and the body as `detail`), the first entry's
 * `apiMessage` and `description` (what the message shows), and the raw `body` otherwise (a
 * proxy's HTML page, say).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ServiceInventoryError) for (const entry of e.errors) console.error(entry.code, entry.message, entry.description); }
 * ```
 */
export class ServiceInventoryError extends ApiError<ErrorBody> {
  override readonly name: string = "ServiceInventoryError";
  /** Every entry of the error body, in order; empty when the body was not the vendor's shape. */
  declare readonly errors: readonly ErrorDetail[];
  /** The first entry's `message`. */
  declare readonly apiMessage: string | undefined;
  /** The first entry's `description` (which the vendor sometimes copies from another status). */
  declare readonly description: string | undefined;

  constructor(init: ApiErrorDetails, summary?: (first: ErrorDetail | undefined) => string | undefined) {
    const entries = entriesOf(init.body);
    const first = entries?.[0];
    const said = summary ? summary(first) : (text(first?.message) ?? text(first?.description));
    const more = entries && entries.length > 1 ? ` (and ${entries.length - 1} more)` : "";
    super(init, { summary: said && `${said}${more}`, detail: entries ? { errors: entries } : undefined });
    this.errors = Object.freeze(entries ?? []);
    this.apiMessage = text(first?.message);
    this.description = text(first?.description);
  }
}

const family = /* @__PURE__ */ apiErrorFamily(ServiceInventoryError);

/** The business unit of a request: the first segment of its path under the API root. */
function businessOf(path: string): string {
  const segment = /^\/([^/?#]*)/.exec(path)?.[1] ?? "";
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * 501: the business unit's backend does not implement this operation (the vendor routes each
 * unit to its own backend, and they differ). Not retryable, and not a `ServerError`: the same
 * call will fail the same way until the unit gains the operation. `businessId` names the unit.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof NotImplementedForBusinessError) console.warn(`${e.businessId} cannot ${e.method} this`); }
 * ```
 */
export class NotImplementedForBusinessError extends ServiceInventoryError {
  override readonly name = "NotImplementedForBusinessError";
  declare readonly code: "NOT_IMPLEMENTED";
  /** The business unit the request was for. */
  declare readonly businessId: string;
  constructor(init: ApiErrorDetails) {
    const businessId = businessOf(init.path);
    super(init, (first) => {
      const said = text(first?.description) ?? text(first?.message);
      return `not implemented for business unit ${businessId}${said ? ` (${said})` : ""}`;
    });
    Object.defineProperty(this, "code", { value: "NOT_IMPLEMENTED", enumerable: true });
    this.businessId = businessId;
  }
}

/**
 * 400: the request was invalid.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof BadRequestError) console.error(e.apiMessage, e.description); }
 * ```
 */
export const BadRequestError = family.BadRequestError;
/** 400: the request was invalid. */
export type BadRequestError = InstanceType<typeof BadRequestError>;

/**
 * 401: the `client_id`/`client_secret` were refused. Header credentials are not renewed: the
 * call is not repeated.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof AuthenticationError) console.error("check the client id and secret"); }
 * ```
 */
export const AuthenticationError = family.AuthenticationError;
/** 401: the credentials were refused. */
export type AuthenticationError = InstanceType<typeof AuthenticationError>;

/**
 * 403: the client may not do this.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof PermissionDeniedError) console.error(e.apiMessage); }
 * ```
 */
export const PermissionDeniedError = family.PermissionDeniedError;
/** 403: the client may not do this. */
export type PermissionDeniedError = InstanceType<typeof PermissionDeniedError>;

/**
 * 404: no such service (or a wrong `baseUrl`: the message shows the whole URL tried).
 * @group Errors
 * @example
 * ```ts
 * const service = await inventory.services.get(id).catch((e) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));
 * ```
 */
export const NotFoundError = family.NotFoundError;
/** 404: no such service. */
export type NotFoundError = InstanceType<typeof NotFoundError>;

/**
 * 409: the request conflicts with the service's current state.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ConflictError) console.error(e.apiMessage); }
 * ```
 */
export const ConflictError = family.ConflictError;
/** 409: the request conflicts with the service's current state. */
export type ConflictError = InstanceType<typeof ConflictError>;

/**
 * 429: too many requests.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof RateLimitError) await sleep(e.retryAfterMs ?? 1_000); }
 * ```
 */
export const RateLimitError = family.RateLimitError;
/** 429: too many requests. */
export type RateLimitError = InstanceType<typeof RateLimitError>;

/**
 * 5xx other than 501: the API failed for a reason not caused by the request.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ServerError) console.error(e.status, e.correlationId); }
 * ```
 */
export const ServerError = family.ServerError;
/** 5xx other than 501: the API failed. */
export type ServerError = InstanceType<typeof ServerError>;

/**
 * The Service Inventory API's error classes by status, and `errorFor`, which chooses among
 * them (501: {@link NotImplementedForBusinessError}).
 * @internal
 */
export const inventoryErrors: ApiErrorFamily<ServiceInventoryError> = {
  ...family,
  errorFor: (init) => (init.status === 501 ? new NotImplementedForBusinessError(init) : family.errorFor(init)),
};

/**
 * `services.get` expects exactly one service: the API answered with none, or with several (the
 * by-id GET answers a list). `count` says how many came back; `services` holds them.
 * Its code is `NOT_FOUND` for none and `AMBIGUOUS_RESULT` for several.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ServiceCountError && e.count > 1) pick(e.services); }
 * ```
 */
export class ServiceCountError extends SdkError {
  override readonly name = "ServiceCountError";
  /** The service id asked for. */
  declare readonly serviceId: string;
  /** How many services came back: 0, or more than 1. */
  declare readonly count: number;
  /** What came back. */
  declare readonly services: readonly Service[];
  constructor(serviceId: string, services: readonly Service[], correlationId: string) {
    const count = services.length;
    super(count === 0 ? "NOT_FOUND" : "AMBIGUOUS_RESULT", `Service ${serviceId}: expected exactly one service, the API answered ${count}`, { correlationId });
    this.serviceId = serviceId;
    this.count = count;
    this.services = services;
  }
}
