// What every namespace does before a request leaves: its path arguments checked, its body's
// identifiers normalised and its body checked against the spec's tables; for an asynchronous
// operation, the workflow id chosen, the callback URLs filled in, and the handle built.
import { InvalidArgumentError, requireId } from "../../core/errors.js";
import { isObject } from "../../core/internal/show.js";
import type { Operation, SuccessRule, Transport } from "../../core/transport.js";
import type { CallOptions } from "../../core/types.js";
import { check, SERVICE_TYPES } from "../checks.js";
import type { ServiceType } from "../generated/types.js";
import type { paths } from "../generated/masstack.js";
import { idString, normaliseIds } from "../ids.js";
import { followWorkflow, type MasStackOperation, type MasStackOperationToken, type WorkflowDeps } from "../operation.js";

/**
 * Options of an asynchronous call (`services.<type>.create`, `updateDevice`, `barrings.update`).
 * `timeoutMs` and `signal` bound the request (its 202), not the wait for the callback (the
 * client's `callbackTimeoutMs`, or `wait({ timeoutMs })`).
 * @group Operations
 * @example
 * ```ts
 * const operation = masstack.barrings.update("mobile", "612123456", { barring_name: "ROAMING", active: true }, { workflowId: crypto.randomUUID() });
 * ```
 */
export interface WorkflowCallOptions extends Omit<CallOptions, "correlationId"> {
  /** The workflow id to send as `Request-Correlation-Id` (a UUID); one is generated when omitted. */
  workflowId?: string;
}

/** @internal What every namespace is given. */
export interface Context extends WorkflowDeps {
  http: Transport<paths>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @internal A UUID, or an InvalidArgumentError naming `argument`. */
export function requireUuid(argument: string, value: unknown): string {
  if (typeof value !== "string" || !UUID.test(value)) throw new InvalidArgumentError(argument, "must be a UUID, e.g. 3f2c8a4e-5b1d-4c6e-9f7a-2b8d1e0c4a6f");
  return value;
}

/** @internal A service type of the spec. */
export function serviceType(value: unknown): ServiceType {
  if (!SERVICE_TYPES.includes(value as ServiceType)) throw new InvalidArgumentError("serviceType", `must be one of ${SERVICE_TYPES.join(", ")}`);
  return value as ServiceType;
}

/** @internal An identifier of a path: a non-empty string, or a number while it is exact. */
export const pathId = (argument: string, value: unknown): string => requireId(argument, idString(argument, value));

/** @internal The body, identifiers as strings, checked against its table. */
export function checked<T>(body: unknown, rule: Parameters<typeof check>[1] | ((body: unknown) => Parameters<typeof check>[1])): T {
  const normal = normaliseIds(body, "body");
  check(normal, typeof rule === "function" ? rule(normal) : rule, "body");
  return normal as T;
}

/** @internal A synchronous call's options: its correlation id, when given, is a UUID as the spec says. */
export function callOptions(options: CallOptions | undefined): CallOptions | undefined {
  if (options?.correlationId !== undefined) requireUuid("options.correlationId", options.correlationId);
  return options;
}

/**
 * A 406 `DUPLICATE_WORKFLOW_ID` to a resend means an earlier attempt of this very request was
 * accepted (its answer was lost): the request stands, the handle waits for its callback.
 */
const acceptedOnResend: SuccessRule = ({ status, attempt, body }) => status === 406 && attempt > 1 && isObject(body) && body.code === "DUPLICATE_WORKFLOW_ID";

/**
 * @internal Sends an asynchronous operation and follows its workflow: `build` checks the
 * arguments and returns what to send (the body without its callback URLs when the receiver gives them).
 */
export function submit<R>(
  context: Context,
  operation: Operation<paths, keyof paths, "post" | "patch">,
  token: Omit<MasStackOperationToken, "workflowId">,
  build: () => { path: Record<string, string>; body: Record<string, unknown> },
  options: WorkflowCallOptions = {},
): MasStackOperation<R> {
  const { callbacks } = context;
  const { workflowId = crypto.randomUUID(), ...call } = options;
  return followWorkflow<R>(context, { workflowId, ...token }, async () => {
    requireUuid("options.workflowId", workflowId);
    const { path, body } = build();
    let full = body;
    if (body.callback_success_url === undefined) {
      if (!callbacks) {
        throw new InvalidArgumentError(
          "body.callback_success_url",
          "is required when the client has no callback receiver: give both callback URLs, or give the client `callbacks`",
        );
      }
      const urls = await callbacks.urls(workflowId);
      full = { ...body, callback_success_url: urls.success, callback_error_url: urls.error };
    }
    // The operations' types are checked where the namespaces name them; here they are one shape.
    await context.http.send({ ...operation, succeeds: acceptedOnResend } as never, { params: { path }, body: full } as never, {
      ...call,
      correlationId: workflowId,
    });
  });
}
