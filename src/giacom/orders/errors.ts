// Errors of following an order to its end.
import { GiacomError } from "../errors.js";
import type { CancelServiceOrder, ErrorBody, ServiceOrder, ServiceOrderItemState, ServiceOrderState } from "../types.js";

/**
 * The final state of each item of an order.
 * @group Orders
 * @example
 * ```ts
 * const failedItems = (e: OrderFailedError) => e.items.filter((i: ItemOutcome) => i.state !== "completed");
 * ```
 */
export interface ItemOutcome {
  id: string;
  state: ServiceOrderItemState | undefined;
}

/**
 * An order ended `rejected`, `failed`, `cancelled` or `partial`. Carries Giacom's
 * `errorMessage`, the final state of every item and the last snapshot of the order.
 * @group Orders
 * @example
 * ```ts
 * catch (e) { if (e instanceof OrderFailedError) console.error(e.state, e.errorMessage?.message, e.items); }
 * ```
 */
export class OrderFailedError extends GiacomError {
  override readonly name = "OrderFailedError";
  declare readonly orderId: string;
  /** The final state the order ended in: anything but `completed`. */
  declare readonly state: Extract<ServiceOrderState, "rejected" | "failed" | "cancelled" | "partial">;
  declare readonly errorMessage: ErrorBody | undefined;
  declare readonly items: ItemOutcome[];
  declare readonly order: ServiceOrder;
  constructor(order: ServiceOrder) {
    const items = (order.serviceOrderItem ?? []).map((i) => ({ id: i.id, state: i.state }));
    const detail =
      order.errorMessage?.message ??
      order.errorMessage?.reason ??
      (order.state === "partial" ? `items: ${items.map((i) => `${i.id} ${i.state}`).join(", ")}` : "no reason given");
    super("ORDER_FAILED", `Service order ${order.id} ended ${order.state}: ${detail}`);
    this.orderId = order.id;
    // Made only for an order that ended (the handle's isFinal) and not completed.
    this.state = order.state as OrderFailedError["state"];
    this.errorMessage = order.errorMessage;
    this.items = items;
    this.order = order;
  }
}

/**
 * Waiting for an order ran out of time. The order itself goes on: wait again, or resume it.
 * @group Orders
 * @example
 * ```ts
 * catch (e) { if (e instanceof OrderWaitTimeoutError) await saveForLater(e.lastKnown); }
 * ```
 */
export class OrderWaitTimeoutError extends GiacomError {
  override readonly name = "OrderWaitTimeoutError";
  declare readonly orderId: string;
  declare readonly lastKnown: ServiceOrder | undefined;
  constructor(orderId: string, timeoutMs: number, lastKnown: ServiceOrder | undefined) {
    super("ORDER_WAIT_TIMEOUT", `Service order ${orderId} was still ${lastKnown?.state ?? "unknown"} after waiting ${timeoutMs} ms; it goes on`, {
      retryable: true,
    });
    this.orderId = orderId;
    this.lastKnown = lastKnown;
  }
}

/**
 * A cancellation was refused (the order can no longer be cancelled) or ended with an error.
 * @group Orders
 * @example
 * ```ts
 * catch (e) { if (e instanceof OrderCancellationError) console.error(e.message); }
 * ```
 */
export class OrderCancellationError extends GiacomError {
  override readonly name = "OrderCancellationError";
  declare readonly orderId: string;
  declare readonly task: CancelServiceOrder | undefined;
  constructor(orderId: string, message: string, init: { task?: CancelServiceOrder; cause?: unknown } = {}) {
    super("CANCELLATION_FAILED", `Service order ${orderId} could not be cancelled: ${message}`, init.cause === undefined ? {} : { cause: init.cause });
    this.orderId = orderId;
    this.task = init.task;
  }
}

/**
 * A submission's outcome could not be established: the request may have reached Giacom, and
 * no order with its external reference could be found (yet). Nothing was sent again. Submitting
 * the same order again with `idempotencyKey: e.externalReference` is safe: it looks first and
 * follows the order if Giacom created it meanwhile.
 * @group Orders
 * @example
 * ```ts
 * catch (e) { if (e instanceof SubmissionUnknownError) await retryLater(job, { idempotencyKey: e.externalReference }); }
 * ```
 */
export class SubmissionUnknownError extends GiacomError {
  override readonly name = "SubmissionUnknownError";
  declare readonly externalReference: string;
  constructor(externalReference: string, cause: unknown) {
    super(
      "SUBMISSION_UNKNOWN",
      `The order with external reference ${externalReference} may or may not have been created; submit it again later with the same idempotencyKey, which looks it up first`,
      {
        cause,
        retryable: true,
      },
    );
    this.externalReference = externalReference;
  }
}
