// Service ordering (TMF641): orders that add, change and cease services.
import type { paths } from "../generated/giacom.js";
import { InvalidArgumentError, requireId, StoreUnavailableError } from "../../core/errors.js";
import type { Lock, LockStore } from "../../core/stores/stores.js";
import type { Wakeups } from "../../core/wakeups.js";
import type { Logger } from "../../core/types.js";
import { createSearch, type ListQuery, type ListResult } from "../../tmf/list.js";
import { failedBeforeSending, respond, type ApiPromise } from "../../core/transport.js";
import type { CallOptions } from "../../core/types.js";
import type { GiacomTransport } from "../http.js";
import type { ServiceOrder, ServiceOrderCreate, ServiceOrderUpdate } from "../types.js";
import type { ValidationResult } from "../validation/issues.js";
import { OrderValidationError } from "../validation/order-validation-error.js";
import { validateOrder } from "../validation/validate-order.js";
import { loadValidationContext, type ContextSources } from "./validation-context.js";
import { requireString } from "../../core/errors.js";
import { isGiacomError, type GiacomError } from "../errors.js";
import { jsonPath } from "../../tmf/json-path.js";
import { newCorrelationId } from "../../core/internal/ids.js";
import { raceAbort } from "../../core/internal/abort.js";
import type { CancelServiceOrder } from "../types.js";
import * as operations from "../generated/operations.js";
import { OrderCancellationError, SubmissionUnknownError } from "./errors.js";
import {
  createOrderOperation,
  followCancellation,
  type OperationDeps,
  type OrderEventSource,
  type OrderOperation,
  type CancelOrderOptions,
  type OrderOperationToken,
  type PollingOptions,
} from "./order-operation.js";

/**
 * Options of `serviceOrders.submit`.
 * @group Orders
 * @example
 * ```ts
 * const operation = giacom.serviceOrders.submit(order, { idempotencyKey: `job-${job.id}` });
 * ```
 */
export interface SubmitOptions extends CreateOrderOptions {
  /**
   * Your key for this submission (a job id, say). Before sending, the SDK looks for an order
   * already submitted with it and follows that one instead, so a process that restarts can
   * submit again safely. Without it a unique key is generated.
   */
  idempotencyKey?: string;
}

/** @internal How submissions settle an unknown outcome. */
export interface SubmissionPolicy {
  /** How long after the failure lookups go on: how far Giacom's search may lag its orders. */
  lookupWindowMs: number;
  /** Wait between two lookups. */
  lookupIntervalMs: number;
}

/**
 * The `externalReferenceType` under which `submit` records a submission's key on the order.
 * @group Orders
 * @example
 * ```ts
 * const key = order.externalReference?.find((r) => r.externalReferenceType === SUBMISSION_REFERENCE)?.id;
 * ```
 */
export const SUBMISSION_REFERENCE = "submission_id";

/**
 * Options of `serviceOrders.create`.
 * @group Client
 * @example
 * ```ts
 * await giacom.serviceOrders.create(order, { validate: false }); // skip local validation
 * ```
 */
export interface CreateOrderOptions extends CallOptions {
  /** Validate against the live catalogue before sending (default true). */
  validate?: boolean;
}

/**
 * Filters of `serviceOrders.list`.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const open: ServiceOrderQuery = { state: ["acknowledged", "inProgress"] };
 * ```
 */
export type ServiceOrderQuery = ListQuery<NonNullable<paths["/serviceOrder"]["get"]["parameters"]["query"]>>;

/**
 * Service orders: how services are ordered, changed and ceased.
 * @group Namespaces
 * @example
 * ```ts
 * const order = await giacom.serviceOrders.create(draft);
 * if (order.state === "rejected") console.error(order.errorMessage?.message);
 * ```
 */
export interface ServiceOrders {
  /**
   * Validates the order against the live catalogue (see `validate`), then sends it:
   * `POST /serviceOrder`. An order with validation errors throws `OrderValidationError` and is
   * not sent. Giacom answers 201 even when it rejects the order (`state: "rejected"` with an
   * `errorMessage`). The API has no idempotency key, so this call is never repeated once the
   * request may have reached Giacom.
   */
  create(order: ServiceOrderCreate, options?: CreateOrderOptions): ApiPromise<ServiceOrder>;
  /**
   * Validates an order locally against what the API says now: fetches the specifications it
   * names (cached) and the live services it touches, then runs `validateOrder`.
   */
  validate(order: ServiceOrderCreate, options?: CallOptions): Promise<ValidationResult>;
  /** Reads an order: `GET /serviceOrder/{id}`. */
  get(id: string, options?: CallOptions): ApiPromise<ServiceOrder>;
  /** Lists (or finds) orders: `GET /serviceOrder`. */
  list(query?: ServiceOrderQuery, options?: CallOptions): ApiPromise<ListResult<ServiceOrder>>;
  /** Counts the orders a query matches (`limit=0`). */
  count(query?: ServiceOrderQuery, options?: CallOptions): ApiPromise<number>;
  /** Changes fields of an order: `PATCH /serviceOrder/{id}`. */
  update(id: string, patch: ServiceOrderUpdate, options?: CallOptions): ApiPromise<ServiceOrder>;
  /**
   * Validates and submits an order without ever creating it twice, and follows it to its end.
   * The order carries a unique submission key (an external reference of type `submission_id`);
   * when a submission's outcome is unknown (a timeout, a dropped connection, a 5xx, an
   * unreadable answer), the SDK looks the order up by that key for `submission.lookupWindowMs`
   * and follows it if it appears. It never sends the order again by itself: a 500 may come after
   * Giacom created the order, and its search may lag. When no order appears it rejects with
   * `SubmissionUnknownError`; submitting again with the same `idempotencyKey` looks first and is
   * safe. Like any promise, a handle whose failure nobody asks for rejects unhandled (Node.js
   * then ends the process by default), so a forgotten `await` does not lose it; awaiting the
   * handle or calling `wait()`, `submitted()`, `cancel()`, `onProgress()` or `toJSON()` takes
   * charge of it.
   */
  submit(order: ServiceOrderCreate, options?: SubmitOptions): OrderOperation;
  /** Follows an existing order. */
  track(orderId: string): OrderOperation;
  /** Follows the order of a token from `operation.toJSON()`, in this or another process. */
  resume(token: OrderOperationToken | string): OrderOperation;
  /**
   * Asks Giacom to cancel an order (a TMF641 cancel task) and follows the task until it is done;
   * an order that can no longer be cancelled gives an `OrderCancellationError`.
   */
  cancel(id: string, options?: CancelOrderOptions): Promise<CancelServiceOrder>;
  /** The cancel tasks (TMF641 `cancelServiceOrder`): what `cancel` created, to list and read. */
  readonly cancellations: Cancellations;
}

/**
 * Filters of `serviceOrders.cancellations.list`.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const pending: CancellationQuery = { filter: `$[?(@.state=="inProgress")]` };
 * ```
 */
export type CancellationQuery = ListQuery<NonNullable<paths["/cancelServiceOrder"]["get"]["parameters"]["query"]>>;

/**
 * The cancel tasks of service orders (TMF641 `cancelServiceOrder`).
 * @group Namespaces
 * @example
 * ```ts
 * const { items } = await giacom.serviceOrders.cancellations.list({ filter: `$.serviceOrder[?(@.id==${jsonPath.quote(orderId)})]` });
 * const task = await giacom.serviceOrders.cancellations.get(items[0].id);
 * ```
 */
export interface Cancellations {
  /** Lists cancel tasks: `GET /cancelServiceOrder`. */
  list(query?: CancellationQuery, options?: CallOptions): ApiPromise<ListResult<CancelServiceOrder>>;
  /** Counts the cancel tasks a query matches (`limit=0`). */
  count(query?: CancellationQuery, options?: CallOptions): ApiPromise<number>;
  /** Reads a cancel task: `GET /cancelServiceOrder/{id}`. */
  get(id: string, options?: CallOptions): ApiPromise<CancelServiceOrder>;
}

/** @internal What order handles need beyond the transport. */
export interface OrderDeps {
  sources: ContextSources;
  events: OrderEventSource | undefined;
  polling: Required<PollingOptions>;
  submission: SubmissionPolicy;
  /** Wake-ups from other replicas (`stores.events`). */
  wakeups: Wakeups | undefined;
  /** The lock of each submission key across replicas (`stores.locks`). */
  locks: LockStore | undefined;
  /** The client's deadline of one call, which bounds how long a submission holds its lock. */
  timeoutMs: number;
  logger: Logger | undefined;
}

/** Added to a submission lock's lease beyond the submission's own deadlines: clock drift, a slow store. */
const LOCK_MARGIN_MS = 10_000;

/** Failures after which the order may or may not exist. */
function unknownOutcome(error: unknown): boolean {
  if (!isGiacomError(error) || failedBeforeSending(error)) return false;
  // A 5xx or an unreadable success may come after the order was created; no answer at all
  // (timeout, dropped connection) leaves the request possibly still in progress at Giacom.
  return error.code === "SERVER_ERROR" || error.code === "INVALID_RESPONSE" || error.code === "TIMEOUT" || (error.code === "NETWORK" && !error.retryable);
}

/** Waits, or rejects with the signal's reason when it aborts first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return raceAbort(
    new Promise<void>((resolve) => {
      const stop = () => clearTimeout(timer);
      const timer = setTimeout(() => (signal?.removeEventListener("abort", stop), resolve()), ms);
      signal?.addEventListener("abort", stop, { once: true });
    }),
    signal,
  );
}

const describe = (error: unknown) => (error instanceof Error ? error.message : "unknown error");

/** @internal */
export function createServiceOrders(http: GiacomTransport, deps: OrderDeps): ServiceOrders {
  const { sources, polling, submission, locks } = deps;
  const log = (level: "warn", message: string) => {
    try {
      deps.logger?.[level]?.(`giacom-sdk: ${message}`);
    } catch {
      // a logger that throws must not change a submission's outcome
    }
  };
  const validate = async (order: ServiceOrderCreate, options?: CallOptions) => validateOrder(order, await loadValidationContext(order, sources, options));
  const search = createSearch<ServiceOrder>(http, operations.listServiceOrder.path);
  const get = (id: string, options?: CallOptions) =>
    respond(() => http.send(operations.retrieveServiceOrder, { params: { path: { id: requireId("id", id) } } }, options));
  const post = async (order: ServiceOrderCreate, options?: CallOptions) => (await http.send(operations.createServiceOrder, { body: order }, options)).data;
  const findBySubmission = async (key: string, options?: CallOptions) => {
    const { items } = await search.list({ filter: `$.externalReference[?(@.id==${jsonPath.quote(key)})]` }, options);
    return items.find((o) => o.externalReference?.some((r) => r.id === key && r.externalReferenceType === SUBMISSION_REFERENCE));
  };
  const cancel = async (id: string, { reason, timeoutMs, ...options }: CancelOrderOptions = {}) => {
    requireId("id", id);
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    let task: CancelServiceOrder;
    try {
      const body = reason === undefined ? { serviceOrder: { id } } : { serviceOrder: { id }, cancellationReason: reason };
      task = (await http.send(operations.createCancelServiceOrder, { body }, timeoutMs === undefined ? options : { ...options, timeoutMs })).data;
    } catch (error) {
      if (isGiacomError(error) && (error.code === "BAD_REQUEST" || error.code === "CONFLICT")) {
        throw new OrderCancellationError(id, (error as GiacomError & { tmfMessage?: string }).tmfMessage ?? error.message, { cause: error });
      }
      throw error;
    }
    // The wait gets what is left of the deadline; each poll is a request of its own, with the
    // client's timeout, which the wait aborts when the deadline comes first.
    return followCancellation(id, task, (taskId, read) => getCancellation(taskId, { ...options, ...read }), polling, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(deadline === undefined ? {} : { timeoutMs: Math.max(1, deadline - Date.now()) }),
    });
  };
  const getCancellation = (id: string, options?: CallOptions) =>
    respond(() => http.send(operations.retrieveCancelServiceOrder, { params: { path: { id: requireId("id", id) } } }, options));
  const operationDeps: OperationDeps = { read: get, cancel, events: deps.events, polling, wakeups: deps.wakeups };

  async function submitSafely(order: ServiceOrderCreate, key: string, lookFirst: boolean, options: CallOptions): Promise<ServiceOrder> {
    const lookup = async () => {
      try {
        return await findBySubmission(key, options);
      } catch (error) {
        throw new SubmissionUnknownError(key, error);
      }
    };
    // Looks the order up until `windowMs` has passed (Giacom's search may lag its orders).
    const lookupFor = async (windowMs: number) => {
      const until = Date.now() + windowMs;
      for (;;) {
        const found = await lookup();
        const left = until - Date.now();
        if (found || left <= 0) return found;
        await sleep(Math.min(submission.lookupIntervalMs, left), options.signal);
      }
    };
    const send = async (lookFirst: boolean) => {
      if (lookFirst) {
        const existing = await lookup();
        if (existing) return existing;
      }
      try {
        return await post(order, options);
      } catch (error) {
        if (!unknownOutcome(error)) throw error;
        // The order may exist, or appear later in the search: follow it if it does. Sending again
        // is never safe here, as no answer proves that Giacom did not act on the first request.
        const adopted = await lookupFor(submission.lookupWindowMs);
        if (adopted) return adopted;
        throw new SubmissionUnknownError(key, error);
      }
    };
    // A generated key is unique: no one else can send it. Neither can anyone without the lock store.
    if (!lookFirst || !locks) return send(lookFirst);

    // Two replicas submitting the same key at once would both look, find nothing and both send:
    // the look-up and the send are made under the key's lock. Its lease outlasts what the holder
    // may do (a look-up, the send, the look-ups of an unknown outcome, each within the deadline).
    const timeoutMs = options.timeoutMs ?? deps.timeoutMs;
    const leaseMs = 3 * timeoutMs + submission.lookupWindowMs + submission.lookupIntervalMs + LOCK_MARGIN_MS;
    const name = `giacom:submit:${key}`;
    const acquire = async (waitMs: number): Promise<Lock | undefined> => {
      let pending: Promise<Lock | undefined>;
      try {
        pending = Promise.resolve(locks.acquire(name, { leaseMs, waitMs }));
      } catch (error) {
        pending = Promise.reject(error);
      }
      try {
        return await raceAbort(pending, options.signal);
      } catch (error) {
        if (options.signal?.aborted) {
          // Given up on: a lock that comes anyway is handed back at once.
          pending.then((late) => late?.release()).catch(() => undefined);
          throw error;
        }
        // Fail closed: without the lock another replica may be sending this very key.
        throw error instanceof StoreUnavailableError
          ? error
          : new StoreUnavailableError("locks", "lock.acquire", { reason: error instanceof Error ? error.message : "the lock store failed", cause: error });
      }
    };
    let waited = false;
    let lock = await acquire(0);
    if (!lock) {
      waited = true;
      // Someone holds it: wait for them (at most their lease, after which a dead holder's lock is free).
      lock = await acquire(leaseMs);
    }
    if (!lock) throw new SubmissionUnknownError(key, new Error(`another submission of this key held its lock for over ${leaseMs} ms`));
    try {
      if (!waited) return await send(true);
      // The holder before us most likely created the order: follow it, giving the search its lag.
      const found = await lookupFor(submission.lookupWindowMs);
      return found ?? (await send(false));
    } finally {
      lock.release().then(
        (held) => held || log("warn", `the submission lock of ${key} ran out before the submission ended`),
        (error: unknown) => log("warn", `the submission lock of ${key} could not be released (its lease ends it): ${describe(error)}`),
      );
    }
  }

  return {
    ...search,
    validate,
    get,
    cancel,
    cancellations: { ...createSearch<CancelServiceOrder>(http, operations.listCancelServiceOrder.path), get: getCancellation },
    submit(order, { validate: check = true, idempotencyKey, ...options } = {}) {
      const key = idempotencyKey === undefined ? newCorrelationId() : requireString("idempotencyKey", idempotencyKey);
      const body: ServiceOrderCreate = {
        ...order,
        externalReference: [...(order.externalReference ?? []), { id: key, externalReferenceType: SUBMISSION_REFERENCE, name: "giacom-sdk" }],
      };
      const start = (async () => {
        if (check) {
          const result = await validate(body, options);
          if (!result.valid) throw new OrderValidationError(result.issues);
        }
        return submitSafely(body, key, idempotencyKey !== undefined, options);
      })();
      return createOrderOperation(operationDeps, start, key);
    },
    track(orderId) {
      requireId("orderId", orderId);
      return createOrderOperation(operationDeps, get(orderId), undefined);
    },
    resume(token) {
      let parsed: Partial<OrderOperationToken> | null;
      try {
        parsed = (typeof token === "string" ? JSON.parse(token) : token) as Partial<OrderOperationToken> | null;
      } catch {
        parsed = null;
      }
      if (!parsed || parsed.v !== 1 || (typeof parsed.orderId !== "string" && typeof parsed.externalReference !== "string")) {
        throw new InvalidArgumentError("token", "is not a token from operation.toJSON()");
      }
      const key = parsed.externalReference;
      const start =
        typeof parsed.orderId === "string"
          ? get(parsed.orderId)
          : findBySubmission(key!).then(
              (found) =>
                found ??
                Promise.reject(new SubmissionUnknownError(key!, new Error("no order carries this submission key: it was never created, submit it again"))),
            );
      return createOrderOperation(operationDeps, start, key);
    },
    create: (order, { validate: check = true, ...options } = {}) =>
      respond(async () => {
        if (check) {
          const result = await validate(order, options);
          if (!result.valid) throw new OrderValidationError(result.issues);
        }
        return http.send(operations.createServiceOrder, { body: order }, options);
      }),
    update: (id, patch, options) =>
      respond(() => http.send(operations.patchServiceOrder, { params: { path: { id: requireId("id", id) } }, body: patch }, options)),
  };
}
