// The product order handle: the core operation engine over a ProductOrder, with the state
// table of states.ts, the order errors and a token naming the order. The cancel task follows
// the TMF task states (accepted, inProgress, done, terminatedWithError).
import { ConfigurationError, requireId, TimeoutError } from "../core/errors.js";
import type { EventBus } from "../core/stores/stores.js";
import type { Wakeups } from "../core/wakeups.js";
import { createOperation, type PollingOptions, type WaitOptions } from "../core/operation.js";
import type { CallOptions } from "../core/types.js";
import { ProductOrderCancellationError, ProductOrderFailedError, ProductOrderWaitTimeoutError } from "./errors.js";
import type { CancelProductOrder, ProductOrder } from "./generated/types.js";
import { PRODUCT_ORDER_STATES, isFinal } from "./states.js";

/**
 * What `toJSON()` of a product order handle gives: enough to follow the order again from
 * another process with `productOrders.resume(token)`.
 * @group Product orders
 * @example
 * ```ts
 * await db.save(job.id, JSON.stringify(operation)); // later: client.productOrders.resume(saved)
 * ```
 */
export interface ProductOrderToken {
  v: 1;
  orderId: string;
}

/**
 * Options of `productOrders.cancel()` and `operation.cancel()`. `timeoutMs` bounds the whole
 * cancellation (creating the cancel task and following it); when it runs out the call rejects
 * with a `TimeoutError` and the task goes on at the server. Without it, the task is followed
 * until it ends or `signal` aborts.
 * @group Product orders
 * @example
 * ```ts
 * await client.productOrders.cancel(orderId, { reason: "Customer changed their mind", timeoutMs: 120_000 });
 * ```
 */
export interface CancelProductOrderOptions extends CallOptions {
  /** Sent as the task's `cancellationReason`. */
  reason?: string;
}

/**
 * A product order followed to its end. Awaiting it (or `wait()`) resolves with the order once
 * `completed`, and rejects with `ProductOrderFailedError` when it ends `rejected`, `failed`,
 * `cancelled` or `partial`; `wait({ timeoutMs })` rejects with `ProductOrderWaitTimeoutError`
 * when time runs out first (the order goes on). States that need attention (fallout, held,
 * pending, suspended) are not final: the handle keeps following them.
 * @group Product orders
 * @example
 * ```ts
 * const operation = client.productOrders.track(orderId);
 * operation.onProgress((order) => console.log(order.state));
 * const done = await operation.wait({ timeoutMs: 30 * 60_000 });
 * ```
 */
export interface ProductOrderOperation extends PromiseLike<ProductOrder> {
  /** The order's id, once known. */
  readonly orderId: string | undefined;
  /** The most recent snapshot seen. */
  readonly lastKnown: ProductOrder | undefined;
  /** Resolves with the first snapshot: the order as created (or as first read). */
  submitted(): Promise<ProductOrder>;
  /** Waits for the end of the order; aborting or timing out stops the waiting only. */
  wait(options?: WaitOptions): Promise<ProductOrder>;
  /** Called when the order's state or an item's state changes; returns an unsubscribe. */
  onProgress(listener: (order: ProductOrder, previous: ProductOrder | undefined) => void): () => void;
  /** Asks the server to cancel the order (a cancel task) and follows the task to its end. */
  cancel(options?: CancelProductOrderOptions): Promise<CancelProductOrder>;
  /** A small token for `productOrders.resume(token)`, in this or another process. */
  toJSON(): ProductOrderToken;
}

/**
 * Where order handles hear of changes before their next poll: anything with `subscribe`, such
 * as a simulator's `notifications` or your own relay of the events the hub delivers. An event
 * whose `event.productOrder` is the order followed (with a `state`) counts as a fresh read.
 * @group Product orders
 * @example
 * ```ts
 * const client = createProductOrderingClient({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, credentials, notifications: sim.notifications });
 * ```
 */
export interface ProductOrderEventSource {
  subscribe(listener: (event: { eventType: string; event?: unknown }, meta: { duplicate: boolean }) => void): () => void;
}

/** @internal What a handle needs from the client. */
export interface ProductOrderDeps {
  read(id: string, options?: CallOptions): Promise<ProductOrder>;
  cancel(id: string, options: CancelProductOrderOptions): Promise<CancelProductOrder>;
  polling: Required<PollingOptions>;
  events: ProductOrderEventSource | undefined;
  /** Wake-ups from other replicas (`stores.events`), on {@link PRODUCT_ORDER_CHANNEL}. */
  wakeups?: Wakeups | undefined;
}

/**
 * The channel of the shared event bus (`stores.events`) on which order handles of
 * `createProductOrderingClient({ ..., stores })` hear that an order changed on another replica:
 * a message is the JSON `{ "id": "<productOrder id>" }`. The SDK has no TMF622 event receiver:
 * your own listener of the hub's events publishes there, with
 * {@link publishProductOrderChange}, once it has handled an event.
 * @group Product orders
 * @example
 * ```ts
 * await stores.events.publish(PRODUCT_ORDER_CHANNEL, JSON.stringify({ id: event.event.productOrder.id }));
 * ```
 */
export const PRODUCT_ORDER_CHANNEL = "tmf622:orders";

/**
 * Tells the order handles of every replica that product order `orderId` changed: they read it at
 * once rather than at their next poll. Call it from your listener of the hub's events, with the
 * stores your clients share (`createRedisStores` of `giacom-sdk/redis`). The message carries the
 * id only: a handle never takes it for the order's state.
 * @group Product orders
 * @example
 * ```ts
 * app.post("/tmf622/events", async (req, res) => {
 *   await handle(req.body);
 *   await publishProductOrderChange(stores.events, req.body.event.productOrder.id);
 *   res.sendStatus(204);
 * });
 * ```
 */
export async function publishProductOrderChange(bus: EventBus, orderId: string): Promise<void> {
  if (typeof (bus as Partial<EventBus> | null)?.publish !== "function") throw new ConfigurationError("bus", "must be an event bus (stores.events)");
  await bus.publish(PRODUCT_ORDER_CHANNEL, JSON.stringify({ id: requireId("orderId", orderId) }));
}

/** The state of every item, nested ones included, keyed by the item's path of ids. */
function itemStates(order: ProductOrder): string {
  const out: string[] = [];
  const walk = (items: ProductOrder["productOrderItem"] | undefined, at: string) =>
    items?.forEach((item) => (out.push(`${at}${item.id}=${item.state}`), walk(item.productOrderItem, `${at}${item.id}/`)));
  walk(order.productOrderItem, "");
  return out.join();
}

/** @internal */
export function createProductOrderOperation(deps: ProductOrderDeps, start: Promise<ProductOrder>, orderId: string | undefined): ProductOrderOperation {
  const operation = createOperation<ProductOrder, ProductOrderToken, { eventType: string; event?: unknown }, CancelProductOrderOptions, CancelProductOrder>(
    {
      ...deps,
      id: (order) => order.id!,
      isFinal: (order) => isFinal(order.state),
      progressed: (previous, next) => !previous || previous.state !== next.state || itemStates(previous) !== itemStates(next),
      failure: (order) => !PRODUCT_ORDER_STATES[order.state!].succeeded && new ProductOrderFailedError(order),
      timeout: (order, timeoutMs) => new ProductOrderWaitTimeoutError(order?.id ?? orderId ?? "(not yet created)", timeoutMs, order),
      token: (order) => ({ v: 1, orderId: (order?.id ?? orderId)! }),
      matches(event, order) {
        const payload = (event.event as { productOrder?: ProductOrder } | undefined)?.productOrder;
        return payload?.id === order.id && typeof payload?.state === "string" && payload;
      },
    },
    start,
  );
  return Object.defineProperty(operation, "orderId", { get: () => operation.lastKnown?.id ?? orderId }) as unknown as ProductOrderOperation;
}

/** @internal Follows a cancel task until it is done, or reports why it was not. */
export function followCancellation(
  orderId: string,
  task: CancelProductOrder,
  getTask: (id: string, options?: { signal: AbortSignal }) => Promise<CancelProductOrder>,
  polling: Required<PollingOptions>,
  wait: WaitOptions,
): Promise<CancelProductOrder> {
  return createOperation<CancelProductOrder, undefined>(
    {
      id: (last) => last.id!,
      read: getTask,
      isFinal: (last) => last.state === "done" || last.state === "terminatedWithError",
      progressed: () => false,
      failure: (last) => last.state !== "done" && new ProductOrderCancellationError(orderId, `the cancel task ${last.id} ended ${last.state}`, { task: last }),
      timeout: (last, ms) =>
        new TimeoutError(`Product order ${orderId}: its cancel task ${last?.id} was still ${last?.state} after ${ms} ms; it goes on at the server`, {
          timeoutMs: ms,
        }),
      token: () => undefined,
      polling,
    },
    Promise.resolve(task),
  ).wait(wait);
}
