// MasStack's errors: its error answers (`{ code, title }` on every status) decoded onto the
// core's API error, a workflow id used twice, a request refused by the local checks, and the
// outcomes of an asynchronous operation (its error callback, its deadline). Every one is an
// SdkError: `instanceof SdkError` or `isSdkError` catches all.
import { ApiError, apiErrorFamily, InvalidArgumentError, SdkError, TimeoutError, type ApiErrorDetails, type ApiErrorFamily } from "../core/errors.js";
import { stringAt } from "../core/internal/show.js";
import type { ErrorBody } from "./generated/types.js";

export {
  AbortError,
  ApiError,
  AuthError,
  ConfigurationError,
  InvalidArgumentError,
  InvalidResponseError,
  isSdkError,
  NetworkError,
  RedirectError,
  SdkError,
  TimeoutError,
} from "../core/errors.js";

/**
 * An error answer of the MasStack API. Carries the HTTP `status`, MasStack's `apiCode` and
 * `title` (its `{ code, title }` body; `code` is the SDK's own code, as on every error), and the
 * raw `body` when it was not that shape (a proxy's HTML page, say).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof MasStackApiError && e.apiCode === "INVALID_MSISDN") console.error(e.title); }
 * ```
 */
export class MasStackApiError extends ApiError<ErrorBody> {
  override readonly name: string = "MasStackApiError";
  /** MasStack's `code`, e.g. `BAD_REQUEST` or `DUPLICATE_WORKFLOW_ID`. */
  declare readonly apiCode: string | undefined;
  /** MasStack's `title`: what went wrong, for people. */
  declare readonly title: string | undefined;

  constructor(init: ApiErrorDetails) {
    const apiCode = stringAt(init.body, "code");
    const title = stringAt(init.body, "title");
    const said = [apiCode, title].filter(Boolean).join(": ");
    super(init, { summary: said || undefined, detail: apiCode || title ? (init.body as ErrorBody) : undefined });
    this.apiCode = apiCode;
    this.title = title;
  }
}

const family = /* @__PURE__ */ apiErrorFamily(MasStackApiError);

/**
 * 406 `DUPLICATE_WORKFLOW_ID` on a first send: another request already used this workflow id
 * (the `Request-Correlation-Id`). On a resend of the client's own request the same answer means
 * the first attempt was accepted, and is no error. `workflowId` names it.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof DuplicateWorkflowError) console.error(`workflow ${e.workflowId} was already used`); }
 * ```
 */
export class DuplicateWorkflowError extends MasStackApiError {
  override readonly name = "DuplicateWorkflowError";
  declare readonly code: "DUPLICATE_WORKFLOW_ID";
  /** The workflow id sent. */
  declare readonly workflowId: string;
  constructor(init: ApiErrorDetails) {
    super(init);
    Object.defineProperty(this, "code", { value: "DUPLICATE_WORKFLOW_ID", enumerable: true });
    this.workflowId = init.correlationId;
  }
}

/**
 * MasStack's error classes by status, and `errorFor`, which picks among them (406
 * `DUPLICATE_WORKFLOW_ID`: {@link DuplicateWorkflowError}).
 * @internal
 */
export const masStackErrors: ApiErrorFamily<MasStackApiError> = {
  ...family,
  errorFor: (init) =>
    init.status === 406 && stringAt(init.body, "code") === "DUPLICATE_WORKFLOW_ID" ? new DuplicateWorkflowError(init) : family.errorFor(init),
};

/**
 * 400: the request was invalid (`BAD_REQUEST`, `MISSING CALLBACK URL`...).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof BadRequestError) console.error(e.apiCode, e.title); }
 * ```
 */
export const BadRequestError = family.BadRequestError;
/** 400: the request was invalid. */
export type BadRequestError = InstanceType<typeof BadRequestError>;

/**
 * 401: the bearer token was missing or refused (the call was tried once more with a fresh one).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof AuthenticationError) console.error("check the service account"); }
 * ```
 */
export const AuthenticationError = family.AuthenticationError;
/** 401: the token was refused. */
export type AuthenticationError = InstanceType<typeof AuthenticationError>;

/**
 * 403: the account may not do this.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof PermissionDeniedError) console.error(e.title); }
 * ```
 */
export const PermissionDeniedError = family.PermissionDeniedError;
/** 403: the account may not do this. */
export type PermissionDeniedError = InstanceType<typeof PermissionDeniedError>;

/**
 * 404: no such service, movement or promotion (or a wrong `baseUrl`: the message shows the URL tried).
 * @group Errors
 * @example
 * ```ts
 * const barrings = await masstack.barrings.get("mobile", id).catch((e) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));
 * ```
 */
export const NotFoundError = family.NotFoundError;
/** 404: not found. */
export type NotFoundError = InstanceType<typeof NotFoundError>;

/**
 * 5xx: MasStack failed for a reason not caused by the request.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ServerError) console.error(e.status, e.correlationId); }
 * ```
 */
export const ServerError = family.ServerError;
/** 5xx: MasStack failed. */
export type ServerError = InstanceType<typeof ServerError>;

/**
 * One problem the local checks found in a request: where (a JSON path such as
 * `body.amount.tax.type`) and what.
 * @group Errors
 * @example
 * ```ts
 * const issue: MasStackValidationIssue = { path: "body.period_end_datetime", message: "is required when period_start_datetime is set" };
 * ```
 */
export interface MasStackValidationIssue {
  path: string;
  message: string;
}

/**
 * The local checks refused a request before anything was sent: `issues` lists every problem
 * with its JSON path. An `InvalidArgumentError` (its `argument` is the first issue's path).
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof MasStackValidationError) for (const issue of e.issues) console.error(issue.path, issue.message); }
 * ```
 */
export class MasStackValidationError extends InvalidArgumentError {
  override readonly name: string = "MasStackValidationError";
  /** Every problem found, in the order of the request's fields. */
  declare readonly issues: readonly MasStackValidationIssue[];
  constructor(issues: readonly MasStackValidationIssue[]) {
    const [first] = issues;
    const more =
      issues.length > 1
        ? `; and ${issues
            .slice(1)
            .map((i) => `${i.path} ${i.message}`)
            .join("; ")}`
        : "";
    super(first!.path, `${first!.message}${more}`);
    this.issues = Object.freeze([...issues]);
  }
}

/**
 * An asynchronous operation ended on its error callback: MasStack could not do it. Carries
 * MasStack's `apiCode` and `title` (`code`/`title`, or a barring's `codeResult`/`titleResult`),
 * the `workflowId`, the `serviceId` when the callback named one, and the callback's `body`.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof MasStackCallbackError) console.error(`workflow ${e.workflowId} failed: ${e.apiCode} ${e.title}`); }
 * ```
 */
export class MasStackCallbackError extends SdkError {
  override readonly name = "MasStackCallbackError";
  declare readonly workflowId: string;
  declare readonly apiCode: string | undefined;
  declare readonly title: string | undefined;
  declare readonly serviceId: string | undefined;
  /** The callback's body, identifiers as strings. */
  declare readonly body: Record<string, unknown>;
  constructor(workflowId: string, body: Record<string, unknown>) {
    const apiCode = stringAt(body, "code") ?? stringAt(body, "codeResult");
    const title = stringAt(body, "title") ?? stringAt(body, "titleResult");
    super("CALLBACK_ERROR", `Workflow ${workflowId} failed: ${[apiCode, title].filter(Boolean).join(": ") || "an error callback without code or title"}`, {
      correlationId: workflowId,
    });
    this.workflowId = workflowId;
    this.apiCode = apiCode;
    this.title = title;
    this.serviceId = stringAt(body, "service_id");
    this.body = body;
  }
}

/**
 * No callback came for an asynchronous operation within the wait's deadline (`callbackTimeoutMs`,
 * or `wait({ timeoutMs })`). The operation may still end: wait again, or `operations.resume`
 * its workflow id later. A `TimeoutError`.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof MasStackCallbackTimeoutError) await saveForLater(e.workflowId); }
 * ```
 */
export class MasStackCallbackTimeoutError extends TimeoutError {
  override readonly name: string = "MasStackCallbackTimeoutError";
  declare readonly workflowId: string;
  constructor(workflowId: string, timeoutMs: number) {
    super(`Workflow ${workflowId}: no callback within ${timeoutMs} ms; the operation may still end (wait again or resume it)`, {
      timeoutMs,
      correlationId: workflowId,
    });
    this.workflowId = workflowId;
  }
}
