// The errors of following a product order to its end, and the TMF error answers under the names
// this entry exports. Every one is an SdkError: `instanceof SdkError` or `isSdkError` catches all.
import { SdkError } from "../core/errors.js";
import type { CancelProductOrder, ProductOrder, ProductOrderItemState, ProductOrderState } from "./generated/types.js";

export { TmfApiError, type TmfErrorBody } from "../tmf/errors.js";
export {
  AbortError,
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
 * The state an item of a failed product order ended in.
 * @group Errors
 * @example
 * ```ts
 * const unfinished = (e: ProductOrderFailedError) => e.items.filter((i: ProductOrderItemOutcome) => i.state !== "completed");
 * ```
 */
export interface ProductOrderItemOutcome {
  id: string;
  state: ProductOrderItemState | undefined;
}

/** The final states other than `completed`. */
export type ProductOrderFailureState = Extract<ProductOrderState, "rejected" | "failed" | "cancelled" | "partial">;

/**
 * A product order ended `rejected`, `failed`, `cancelled` or `partial`. Carries the state, the
 * state of every item (recursively flattened: nested items too) and the last snapshot.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ProductOrderFailedError) console.error(e.state, e.items); }
 * ```
 */
export class ProductOrderFailedError extends SdkError {
  override readonly name = "ProductOrderFailedError";
  declare readonly orderId: string;
  declare readonly state: ProductOrderFailureState;
  declare readonly items: ProductOrderItemOutcome[];
  declare readonly order: ProductOrder;
  constructor(order: ProductOrder) {
    const items: ProductOrderItemOutcome[] = [];
    const collect = (list: ProductOrder["productOrderItem"] | undefined) =>
      list?.forEach((item) => (items.push({ id: item.id, state: item.state }), collect(item.productOrderItem)));
    collect(order.productOrderItem);
    super("ORDER_FAILED", `Product order ${order.id} ended ${order.state}: items ${items.map((i) => `${i.id} ${i.state ?? "(no state)"}`).join(", ")}`);
    this.orderId = order.id!;
    // Made only for an order in a final state (the handle's isFinal) other than completed.
    this.state = order.state as ProductOrderFailureState;
    this.items = items;
    this.order = order;
  }
}

/**
 * Waiting for a product order ran out of time. The order itself goes on: wait again, or resume it.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ProductOrderWaitTimeoutError) await saveForLater(e.orderId, e.lastKnown?.state); }
 * ```
 */
export class ProductOrderWaitTimeoutError extends SdkError {
  override readonly name = "ProductOrderWaitTimeoutError";
  declare readonly orderId: string;
  declare readonly lastKnown: ProductOrder | undefined;
  constructor(orderId: string, timeoutMs: number, lastKnown: ProductOrder | undefined) {
    super("ORDER_WAIT_TIMEOUT", `Product order ${orderId} was still ${lastKnown?.state ?? "unknown"} after waiting ${timeoutMs} ms; it goes on`, {
      retryable: true,
    });
    this.orderId = orderId;
    this.lastKnown = lastKnown;
  }
}

/**
 * A cancellation was refused (400 or 409: the order can no longer be cancelled) or its task
 * ended `terminatedWithError`.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof ProductOrderCancellationError) console.error(e.message, e.task?.state); }
 * ```
 */
export class ProductOrderCancellationError extends SdkError {
  override readonly name = "ProductOrderCancellationError";
  declare readonly orderId: string;
  declare readonly task: CancelProductOrder | undefined;
  constructor(orderId: string, message: string, init: { task?: CancelProductOrder; cause?: unknown } = {}) {
    super("CANCELLATION_FAILED", `Product order ${orderId} could not be cancelled: ${message}`, init.cause === undefined ? {} : { cause: init.cause });
    this.orderId = orderId;
    this.task = init.task;
  }
}

export { BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, ServerError } from "../tmf/errors.js";
