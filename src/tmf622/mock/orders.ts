// Product orders and their cancellation (TMF622 v4 with the vendor's states). A created order is
// `acknowledged`; when it leaves that state, `decideOutcome` says where it goes: `rejected` at
// once, or `inProgress` and then the outcome (`completed` by default). An outcome that is not
// final (a fallout, `held`, `pending`...) stays until the test moves the order on with
// `setState` or a PATCH of `state`. Items follow their order. Every change raises its event.
import type { Clock } from "../../core/simulator/clock.js";
import { isRecord, mergePatch, notFound } from "../../core/simulator/http.js";
import type { Notifier } from "../../tmf/simulator/notifier.js";
import type { ProductOrderingEvent } from "../generated/events.js";
import type { CancelProductOrder, ProductOrder, ProductOrderItem, ProductOrderItemState, ProductOrderState } from "../generated/types.js";
import { checkOrder, NOT_PATCHABLE, ORDER_FIELDS, ORDER_STATES } from "./body.js";
import { conflict, invalid } from "./http.js";
import type { ProductOrderOutcome } from "./options.js";
import type { OrderRecord, State } from "./state.js";

export interface OrderTiming {
  acknowledgedMs: number;
  inProgressMs: number;
  cancelMs: number;
}

const FINAL = new Set<ProductOrderState>(["completed", "failed", "partial", "rejected", "cancelled"]);
const DONE = new Set<ProductOrderState>(["completed", "failed", "partial"]);
const OUTCOMES = new Set<string>(
  ORDER_STATES.filter((s) => s !== "acknowledged" && s !== "cancelled" && s !== "assessingCancellation" && !s.startsWith("pendingCancellation")),
);
const CANCEL_FIELDS = ["@baseType", "@schemaLocation", "@type", "cancellationReason", "productOrder", "requestedCancellationDate"];
const CANCEL_OWNED = ["id", "href", "state", "effectiveCancellationDate"];

const isCancelling = (state: ProductOrderState | undefined) => state === "assessingCancellation" || (state?.startsWith("pendingCancellation") ?? false);

/** An item's state under its order's: the same, without `.suspended` (items have no such states). */
const itemState = (state: ProductOrderState): ProductOrderItemState => state.replace(/\.suspended$/, "") as ProductOrderItemState;

/** Where the answers of one face link to: the API root it serves. */
export type Base = string;

export class Orders {
  constructor(
    private readonly state: State,
    private readonly clock: Clock,
    private readonly notifier: Notifier<ProductOrderingEvent>,
    private readonly timing: OrderTiming,
    private readonly decideOutcome: (order: ProductOrder) => ProductOrderOutcome,
  ) {}

  create(body: Record<string, unknown>, base: Base): ProductOrder {
    checkOrder(body, "create");
    const id = crypto.randomUUID();
    const now = this.clock.now();
    const order = {
      id,
      href: `${base}/productOrder/${id}`,
      "@type": "ProductOrder",
      ...structuredClone(body),
      orderDate: new Date(now).toISOString(),
      expectedCompletionDate: new Date(now + this.timing.acknowledgedMs + this.timing.inProgressMs).toISOString(),
      state: "acknowledged",
    } as ProductOrder;
    follow(order.productOrderItem, "acknowledged");
    const record: OrderRecord = { order, stop: () => undefined };
    this.state.orders.set(id, record);
    this.notifier.emit("ProductOrderCreateEvent", { productOrder: order });
    this.next(record, this.timing.acknowledgedMs, () => this.leaveAcknowledged(record));
    return order;
  }

  get(id: string): ProductOrder {
    return this.record(id).order;
  }

  /** A JSON merge patch of the order; a changed `state` moves the order as `setState` does. */
  patch(id: string, body: Record<string, unknown>): ProductOrder {
    const record = this.record(id);
    const refused = Object.keys(body).filter((name) => NOT_PATCHABLE.includes(name));
    if (refused.length > 0) throw invalid(`${refused.join(", ")} cannot be changed`);
    const unknown = Object.keys(body).filter((name) => !Object.hasOwn(ORDER_FIELDS, name));
    if (unknown.length > 0) throw invalid(`${unknown.join(", ")} ${unknown.length > 1 ? "are not attributes" : "is not an attribute"} of a product order`);
    if (body.state === null || body.productOrderItem === null) throw invalid(`${body.state === null ? "state" : "productOrderItem"} cannot be removed`);
    const patched = mergePatch(record.order, body) as ProductOrder;
    checkOrder(patched as unknown as Record<string, unknown>, "stored");
    const from = record.order.state!;
    const to = patched.state!;
    patched.state = from;
    // A new item without a state has its order's.
    follow(patched.productOrderItem, from, true);
    record.order = patched;
    if (Object.keys(body).some((name) => name !== "state")) this.notifier.emit("ProductOrderAttributeValueChangeEvent", { productOrder: patched });
    if (to !== from) this.setState(id, to);
    return record.order;
  }

  remove(id: string): void {
    const record = this.record(id);
    record.stop();
    this.state.orders.delete(id);
    // A cancellation under way ends with the order.
    for (const task of this.state.cancels.values()) {
      if (task.productOrder.id === id && (task.state === "accepted" || task.state === "inProgress")) {
        this.setTask(task, "terminatedWithError");
      }
    }
    this.notifier.emit("ProductOrderDeleteEvent", { productOrder: record.order });
  }

  /** Puts the order in `state` now, stopping what was scheduled for it. */
  setState(id: string, state: ProductOrderState): ProductOrder {
    if (!(ORDER_STATES as unknown[]).includes(state)) throw new TypeError(`setState(): ${JSON.stringify(state)} is not a product order state`);
    const record = this.record(id);
    record.stop();
    this.move(record.order, state);
    return record.order;
  }

  cancel(body: Record<string, unknown>, base: Base): CancelProductOrder {
    const owned = CANCEL_OWNED.filter((name) => Object.hasOwn(body, name));
    if (owned.length > 0) throw invalid(`${owned.join(", ")} ${owned.length > 1 ? "are" : "is"} set by the server`);
    const unknown = Object.keys(body).filter((name) => !CANCEL_FIELDS.includes(name));
    if (unknown.length > 0)
      throw invalid(`${unknown.join(", ")} ${unknown.length > 1 ? "are not attributes" : "is not an attribute"} of a cancellation request`);
    const ref = body.productOrder;
    if (!isRecord(ref) || typeof ref.id !== "string") throw invalid('productOrder must be { "id": "<product order id>" }');
    for (const name of ["cancellationReason", "requestedCancellationDate", "@baseType", "@schemaLocation", "@type"]) {
      if (body[name] !== undefined && typeof body[name] !== "string") throw invalid(`${name} must be a string`);
    }
    const record = this.state.orders.get(ref.id);
    // A body naming no order is a bad request: the resource asked for (the cancellation) exists.
    if (!record) throw invalid(`productOrder.id ${ref.id} names no product order`);
    const { order } = record;
    if (FINAL.has(order.state!) || isCancelling(order.state)) {
      throw conflict(
        `Product order ${order.id} ${isCancelling(order.state) ? "is already being cancelled" : "can no longer be cancelled"}: it is ${order.state}`,
      );
    }
    const id = crypto.randomUUID();
    const reason = body.cancellationReason as string | undefined;
    const task = {
      id,
      href: `${base}/cancelProductOrder/${id}`,
      ...structuredClone(body),
      productOrder: { id: order.id!, href: order.href },
      state: "accepted",
    } as CancelProductOrder;
    this.state.cancels.set(id, task);
    this.notifier.emit("CancelProductOrderCreateEvent", { cancelProductOrder: task });
    record.stop();
    this.move(order, "assessingCancellation");
    this.next(record, 0, () => {
      this.setTask(task, "inProgress");
      this.move(order, "pendingCancellation");
      this.next(record, this.timing.cancelMs, () => {
        task.effectiveCancellationDate = this.clock.iso();
        this.setTask(task, "done");
        if (reason !== undefined) order.cancellationReason = reason;
        this.move(order, "cancelled");
      });
    });
    return task;
  }

  cancellation(id: string): CancelProductOrder {
    const task = this.state.cancels.get(id);
    if (!task) throw notFound("CancelProductOrder", id);
    return task;
  }

  private record(id: string): OrderRecord {
    const record = this.state.orders.get(id);
    if (!record) throw notFound("ProductOrder", id);
    return record;
  }

  /** Schedules the order's next change; stopping the order drops it. */
  private next(record: OrderRecord, delayMs: number, step: () => void): void {
    record.stop = this.clock.schedule(delayMs, "change", () => {
      record.stop = () => undefined;
      step();
    });
  }

  private leaveAcknowledged(record: OrderRecord): void {
    const outcome = this.decideOutcome(structuredClone(record.order));
    if (!OUTCOMES.has(outcome)) {
      throw new TypeError(`decideOutcome() returned ${JSON.stringify(outcome)}, not one of ${[...OUTCOMES].join(", ")}`);
    }
    if (outcome === "rejected") return this.move(record.order, "rejected");
    this.move(record.order, "inProgress");
    if (outcome !== "inProgress") this.next(record, this.timing.inProgressMs, () => this.move(record.order, outcome));
  }

  private move(order: ProductOrder, state: ProductOrderState): void {
    order.state = state;
    follow(order.productOrderItem, state);
    if (DONE.has(state)) order.completionDate = this.clock.iso();
    if (state === "cancelled") order.cancellationDate = this.clock.iso();
    this.notifier.emit("ProductOrderStateChangeEvent", { productOrder: order });
    if (state === "pending") this.notifier.emit("ProductOrderInformationRequiredEvent", { productOrder: order });
  }

  private setTask(task: CancelProductOrder, state: NonNullable<CancelProductOrder["state"]>): void {
    task.state = state;
    this.notifier.emit("CancelProductOrderStateChangeEvent", { cancelProductOrder: task });
  }
}

/**
 * Items take their order's state, nested items too; `onlyNew` leaves an item that has one. In a
 * `partial` order the first item is `completed` and the others `failed` (a lone item is `partial`).
 */
function follow(items: ProductOrderItem[] | undefined, state: ProductOrderState, onlyNew = false): void {
  (items ?? []).forEach((item, i, all) => {
    if (!(onlyNew && item.state !== undefined)) {
      item.state = state === "partial" && all.length > 1 ? (i === 0 ? "completed" : "failed") : itemState(state);
    }
    follow(item.productOrderItem, state, onlyNew);
  });
}
