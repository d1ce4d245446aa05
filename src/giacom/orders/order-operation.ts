// Giacom's order handle: the core operation engine over a ServiceOrder, with TMF641's final
// states, the order errors and a token naming the order or its submission key.
import type { CallOptions } from "../../core/types.js";
import { createOperation, type PollingOptions, type WaitOptions } from "../../core/operation.js";
import type { CancelServiceOrder, ServiceOrder } from "../types.js";
import { TimeoutError } from "../../core/errors.js";
import type { Wakeups } from "../../core/wakeups.js";
import { OrderCancellationError, OrderFailedError, OrderWaitTimeoutError } from "./errors.js";

export type { PollingOptions, WaitOptions } from "../../core/operation.js";

/**
 * Where order handles learn of changes before their next poll: anything with `subscribe`,
 * such as the receiver of `giacom-sdk/webhooks`.
 * @group Orders
 * @example
 * ```ts
 * const giacom = createGiacomClient({ environment: "uat", credentials, notifications: receiver });
 * ```
 */
export interface OrderEventSource {
  subscribe(listener: (event: { eventType: string; event: unknown }, meta: { duplicate: boolean }) => void): () => void;
}

/**
 * What `toJSON()` gives: enough to find the order again from another process.
 * @group Orders
 * @example
 * ```ts
 * await db.save(job.id, JSON.stringify(operation)); // later: giacom.serviceOrders.resume(JSON.parse(saved))
 * ```
 */
export interface OrderOperationToken {
  v: 1;
  orderId?: string;
  externalReference?: string;
}

/**
 * A submitted (or tracked) service order, followed to its end. Awaiting it (or `wait()`)
 * resolves with the order once `completed`, and rejects with `OrderFailedError` when it ends
 * `rejected`, `failed`, `cancelled` or `partial`.
 * @group Orders
 * @example
 * ```ts
 * const operation = giacom.serviceOrders.submit(order);
 * operation.onProgress((o) => console.log(o.state));
 * const done = await operation;
 * ```
 */
export interface OrderOperation extends PromiseLike<ServiceOrder> {
  /** The order's id, once Giacom has created it. */
  readonly orderId: string | undefined;
  /** The external reference the submission is known by (given, or generated). */
  readonly externalReference: string | undefined;
  /** The most recent state seen. */
  readonly lastKnown: ServiceOrder | undefined;
  /** Resolves once Giacom has accepted the order (201), with that answer. */
  submitted(): Promise<ServiceOrder>;
  /** Waits for the end of the order; aborting or timing out stops the waiting only. */
  wait(options?: WaitOptions): Promise<ServiceOrder>;
  /** Called when the order's state or an item's state changes; returns an unsubscribe. */
  onProgress(listener: (order: ServiceOrder, previous: ServiceOrder | undefined) => void): () => void;
  /** Asks Giacom to cancel the order and follows the cancellation to its end. */
  cancel(options?: CancelOrderOptions): Promise<CancelServiceOrder>;
  /** A small token for `serviceOrders.resume(token)`, in this or another process. */
  toJSON(): OrderOperationToken;
}

/**
 * Options of `serviceOrders.cancel()` and `operation.cancel()`: the reason, and the deadlines
 * `wait()` takes. `timeoutMs` bounds the whole cancellation (the request and the following of
 * the cancel task); when it runs out the call rejects with a `TimeoutError` and the task goes on
 * at Giacom. Without it, the task is followed until it ends or `signal` aborts.
 * @group Orders
 * @example
 * ```ts
 * await giacom.serviceOrders.cancel(orderId, { reason: "Customer changed their mind", timeoutMs: 120_000 });
 * ```
 */
export interface CancelOrderOptions extends CallOptions {
  /** Sent as the task's `cancellationReason`. */
  reason?: string;
}

/** @internal What a handle needs from the client. */
export interface OperationDeps {
  read(id: string, options?: CallOptions): Promise<ServiceOrder>;
  cancel(id: string, options: CancelOrderOptions): Promise<CancelServiceOrder>;
  events: OrderEventSource | undefined;
  polling: Required<PollingOptions>;
  /** Wake-ups from other replicas (`stores.events`), on the channel `giacom:orders`. */
  wakeups: Wakeups | undefined;
}

const FINAL = new Set(["completed", "rejected", "failed", "cancelled", "partial"]);

/** @internal Whether two snapshots differ in a way a user follows: the order's or an item's state. */
export function progressed(previous: ServiceOrder | undefined, next: ServiceOrder): boolean {
  if (!previous || previous.state !== next.state) return true;
  const before = new Map((previous.serviceOrderItem ?? []).map((i) => [i.id, i.state]));
  return (next.serviceOrderItem ?? []).some((i) => before.get(i.id) !== i.state);
}

/**
 * Whether a wake-up may tell of something `last` does not show yet. Only the read that follows
 * is trusted; a version the handle already has spares that read.
 */
function newer(last: ServiceOrder | undefined, version: number | undefined): boolean {
  return version === undefined || typeof last?.version !== "number" || version > last.version;
}

/** @internal */
export function createOrderOperation(deps: OperationDeps, start: Promise<ServiceOrder>, externalReference: string | undefined): OrderOperation {
  const { wakeups, ...rest } = deps;
  const operation = createOperation<ServiceOrder, OrderOperationToken, { eventType: string; event: unknown }, CancelOrderOptions, CancelServiceOrder>(
    {
      ...rest,
      wakeups: wakeups && { watch: (id, wake) => wakeups.watch(id, (hint) => newer(operation.lastKnown, hint.version) && wake()) },
      id: (order) => order.id,
      isFinal: (order) => FINAL.has(order.state),
      progressed,
      // An older version never replaces a newer one.
      stale: (last, next) => typeof last.version === "number" && typeof next.version === "number" && next.version < last.version,
      failure: (order) => order.state !== "completed" && new OrderFailedError(order),
      timeout: (order, timeoutMs) => new OrderWaitTimeoutError(order?.id ?? "(not yet created)", timeoutMs, order),
      token: (order) => ({ v: 1, ...(order ? { orderId: order.id } : {}), ...(externalReference ? { externalReference } : {}) }),
      matches(event, order) {
        const payload = (event.event as { ServiceOrder?: ServiceOrder } | undefined)?.ServiceOrder;
        return payload?.id === order.id && typeof payload.state === "string" && payload;
      },
    },
    start,
  );
  return Object.defineProperties(operation, {
    orderId: { get: () => operation.lastKnown?.id },
    externalReference: { value: externalReference },
  }) as unknown as OrderOperation;
}

/** @internal Follows a cancellation task until it is done, or reports why it was not. */
export function followCancellation(
  orderId: string,
  task: CancelServiceOrder,
  getTask: (id: string, options?: { signal: AbortSignal }) => Promise<CancelServiceOrder>,
  polling: Required<PollingOptions>,
  wait: WaitOptions,
): Promise<CancelServiceOrder> {
  return createOperation<CancelServiceOrder, undefined>(
    {
      id: (last) => last.id,
      read: getTask,
      isFinal: (last) => /^(done|rejected|terminatedWithError|cancelled)$/.test(last.state),
      progressed: () => false,
      failure: (last) => last.state !== "done" && new OrderCancellationError(orderId, `the cancellation task ended ${last.state}`, { task: last }),
      timeout: (last, ms) =>
        new TimeoutError(`Service order ${orderId}: its cancellation ${last?.id} was still ${last?.state} after ${ms} ms; it goes on at Giacom`, {
          timeoutMs: ms,
        }),
      token: () => undefined,
      polling,
    },
    Promise.resolve(task),
  ).wait(wait);
}
