// An order followed to its end: an awaitable handle that polls with backoff, wakes early on
// webhook events, reports progress only on real changes, and serialises to a token so that
// another process can resume it after a restart.
import type { CallOptions } from "./types.js";
import type { CancelServiceOrder, ServiceOrder } from "../giacom/types.js";
import { OrderCancellationError, OrderFailedError, OrderWaitTimeoutError } from "../giacom/orders/errors.js";

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
 * How handles poll an order: from `initialDelayMs`, times `factor` each time, at most
 * `maxDelayMs`, each wait jittered between half and all of it.
 * @group Orders
 * @example
 * ```ts
 * createGiacomClient({ environment: "uat", credentials, polling: { initialDelayMs: 2_000, maxDelayMs: 60_000 } });
 * ```
 */
export interface PollingOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
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
 * Options of `wait()`: both only stop waiting; neither cancels the order.
 * @group Orders
 * @example
 * ```ts
 * const order = await operation.wait({ timeoutMs: 10 * 60_000 });
 * ```
 */
export interface WaitOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
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
  cancel(options?: { reason?: string } & CallOptions): Promise<CancelServiceOrder>;
  /** A small token for `serviceOrders.resume(token)`, in this or another process. */
  toJSON(): OrderOperationToken;
}

/** @internal What a handle needs from the client. */
export interface OperationDeps {
  get(id: string, options?: CallOptions): Promise<ServiceOrder>;
  cancel(id: string, options: { reason?: string } & CallOptions): Promise<CancelServiceOrder>;
  events: OrderEventSource | undefined;
  polling: Required<PollingOptions>;
}

const FINAL = new Set(["completed", "rejected", "failed", "cancelled", "partial"]);

/** @internal Whether two snapshots differ in a way a user follows: the order's or an item's state. */
export function progressed(previous: ServiceOrder | undefined, next: ServiceOrder): boolean {
  if (!previous || previous.state !== next.state) return true;
  const before = new Map((previous.serviceOrderItem ?? []).map((i) => [i.id, i.state]));
  return (next.serviceOrderItem ?? []).some((i) => before.get(i.id) !== i.state);
}

/** @internal */
export function createOrderOperation(deps: OperationDeps, start: Promise<ServiceOrder>, externalReference: string | undefined): OrderOperation {
  let current: ServiceOrder | undefined;
  const listeners = new Set<(order: ServiceOrder, previous: ServiceOrder | undefined) => void>();
  let settle!: { resolve: (o: ServiceOrder) => void; reject: (e: unknown) => void };
  const final = new Promise<ServiceOrder>((resolve, reject) => (settle = { resolve, reject }));
  final.catch(() => undefined);
  let ended = false;
  let waiters = 0;
  let following = false;
  let wake: (() => void) | undefined;
  // Stops the poll in flight when the last waiter leaves: nothing must outlive the waiting.
  let pollAbort: AbortController | undefined;

  const observe = (order: ServiceOrder) => {
    // Events can arrive late or twice: an older version never replaces a newer one.
    if (ended || (current && typeof current.version === "number" && typeof order.version === "number" && order.version < current.version)) return;
    const previous = current;
    current = order;
    if (progressed(previous, order)) {
      for (const listener of listeners) {
        try {
          listener(order, previous);
        } catch {
          // a listener's failure must not stop the following
        }
      }
    }
    if (FINAL.has(order.state)) {
      ended = true;
      if (order.state === "completed") settle.resolve(order);
      else settle.reject(new OrderFailedError(order));
      wake?.();
    }
  };

  const submitted = start.then((order) => (observe(order), order));
  submitted.catch((error: unknown) => {
    ended = true;
    settle.reject(error);
  });

  const unsubscribe = deps.events?.subscribe((event, meta) => {
    if (meta.duplicate || !current) return;
    const payload = (event.event as { ServiceOrder?: ServiceOrder } | undefined)?.ServiceOrder;
    if (payload?.id === current.id && typeof payload.state === "string") {
      observe(payload);
      wake?.();
    }
  });
  void final.finally(() => unsubscribe?.()).catch(() => undefined);

  async function follow(): Promise<void> {
    if (following) return;
    following = true;
    let abandoned = false;
    try {
      await submitted;
      let delay = deps.polling.initialDelayMs;
      while (!ended && waiters > 0) {
        const jittered = delay / 2 + (Math.random() * delay) / 2;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, jittered);
          wake = () => (clearTimeout(timer), resolve());
        });
        wake = undefined;
        if (ended || waiters === 0) break;
        const poll = (pollAbort = new AbortController());
        try {
          observe(await deps.get(current!.id, { signal: poll.signal }));
        } catch (error) {
          // Every waiter left while the poll was in flight: the poll was abandoned, the order is not over.
          if (poll.signal.aborted) {
            abandoned = true;
            break;
          }
          throw error;
        }
        delay = Math.min(deps.polling.maxDelayMs, delay * deps.polling.factor);
      }
    } catch (error) {
      // The order could no longer be read (after the transport's own retries): tell the waiters.
      ended = true;
      settle.reject(error);
    } finally {
      pollAbort = undefined;
      following = false;
    }
    // A waiter who arrived while the abandoned poll was winding down is followed afresh.
    if (abandoned && waiters > 0 && !ended) void follow();
  }

  const operation: OrderOperation = {
    get orderId() {
      return current?.id;
    },
    get externalReference() {
      return externalReference;
    },
    get lastKnown() {
      return current;
    },
    submitted: () => submitted,
    wait({ signal, timeoutMs } = {}) {
      waiters++;
      void follow();
      return new Promise<ServiceOrder>((resolve, reject) => {
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => done(() => reject(new OrderWaitTimeoutError(current?.id ?? "(not yet created)", timeoutMs, current))), timeoutMs);
        const onAbort = () => done(() => reject(signal!.reason));
        const done = (then: () => void) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          if (--waiters === 0) {
            // The last waiter gave up: end the poll's sleep and request now, not at their end.
            wake?.();
            pollAbort?.abort();
          }
          then();
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
        final.then(
          (order) => done(() => resolve(order)),
          (error: unknown) => done(() => reject(error)),
        );
      });
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async cancel(options = {}) {
      const order = await submitted;
      const task = await deps.cancel(order.id, options);
      // The order ends cancelled: fetch it so that waiters see it without waiting a poll.
      if (!ended) observe(await deps.get(order.id));
      return task;
    },
    toJSON() {
      return { v: 1, ...(current ? { orderId: current.id } : {}), ...(externalReference ? { externalReference } : {}) };
    },
    then(onFulfilled, onRejected) {
      return operation.wait().then(onFulfilled, onRejected);
    },
  };
  return operation;
}

/** @internal Follows a cancellation task until it is done, or reports why it was not. */
export async function followCancellation(
  orderId: string,
  task: CancelServiceOrder,
  getTask: (id: string) => Promise<CancelServiceOrder>,
  polling: Required<PollingOptions>,
): Promise<CancelServiceOrder> {
  let delay = polling.initialDelayMs;
  for (;;) {
    if (task.state === "done") return task;
    if (task.state === "rejected" || task.state === "terminatedWithError" || task.state === "cancelled") {
      throw new OrderCancellationError(orderId, `the cancellation task ended ${task.state}`, { task });
    }
    await new Promise((resolve) => setTimeout(resolve, delay / 2 + (Math.random() * delay) / 2));
    task = await getTask(task.id);
    delay = Math.min(polling.maxDelayMs, delay * polling.factor);
  }
}
