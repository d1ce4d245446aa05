// Service orders and their cancellation (TMF641 as Giacom documents it). An order breaking the
// catalogue's rules is still created (201) but `rejected`, with ERR_000006; an accepted one is
// `acknowledged`, then `inProgress`, then `completed` (changing the inventory) or `failed`, on
// the simulator's clock. Every change bumps `version` and raises an event.
import type { CancelServiceOrder, ServiceOrder, ServiceOrderCreate, ServiceOrderItem, ServiceOrderState, ServiceRefOrValue } from "../types.js";
import { formatIssues } from "../validation/issues.js";
import { validateOrder } from "../validation/validate-order.js";
import type { Clock } from "../../core/simulator/clock.js";
import { defined, orderCharacteristic, orderFeatures, parties, records } from "./enrich.js";
import type { Notifier } from "../../tmf/simulator/notifier.js";
import type { SimulatorEvent } from "./options.js";
import { HttpError, isRecord, notFound } from "../../core/simulator/http.js";
import { bodyError, REJECTED } from "./http.js";
import { Inventory, ItemFailure } from "./inventory.js";
import type { OrderRecord, State } from "./state.js";

export interface OrderTiming {
  acknowledgedMs: number;
  inProgressMs: number;
  cancelMs: number;
}

const ACTIONS = new Set(["add", "modify", "delete", "noChange"]);
const FINAL = new Set<ServiceOrderState>(["completed", "failed", "rejected", "cancelled", "partial"]);
const CANCELLING = new Set<ServiceOrderState>(["assessingCancellation", "pendingCancellation"]);
const PATCHABLE = ["externalReference", "priority", "relatedParty"];
const REFERENCE_KEYS = ["externalReferenceType", "name", "id"] as const;

/** The document: external references are not processed "apart from removing duplicate entries". */
function unique<T>(list: T[] | undefined): T[] | undefined {
  if (!list) return undefined;
  const seen = new Set<string>();
  return list.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Shape errors a schema would catch are a 400; everything else is Giacom's to reject. */
function checkShape(body: Record<string, unknown>): void {
  const items = body.serviceOrderItem;
  if (!Array.isArray(items) || items.length === 0) throw bodyError("serviceOrderItem must be a list with at least one item");
  items.forEach((item: unknown, i) => {
    if (!isRecord(item)) throw bodyError(`serviceOrderItem[${i}] must be an object`);
    if (typeof item.id !== "string") throw bodyError(`serviceOrderItem[${i}].id is required (a string)`);
    if (typeof item.action !== "string" || !ACTIONS.has(item.action))
      throw bodyError(`serviceOrderItem[${i}].action must be one of add, modify, delete, noChange`);
    if (!isRecord(item.service)) throw bodyError(`serviceOrderItem[${i}].service is required (an object)`);
  });
}

export class Orders {
  private readonly inventory: Inventory;

  constructor(
    private readonly state: State,
    private readonly clock: Clock,
    private readonly notifier: Notifier<SimulatorEvent>,
    private readonly timing: OrderTiming,
    private readonly decideOutcome: (order: ServiceOrder) => "completed" | "failed",
  ) {
    this.inventory = new Inventory(state, clock, notifier);
  }

  create(body: Record<string, unknown>): ServiceOrder {
    checkShape(body);
    const result = validateOrder(body as unknown as ServiceOrderCreate, { specifications: this.state.serviceSpecifications, services: this.state.services });
    const accepted = result.valid;
    const now = this.clock.iso();
    const planned = new Map<string, string>();
    const items = (body.serviceOrderItem as Record<string, unknown>[]).map((raw): ServiceOrderItem => {
      const id = raw.id as string;
      const action = raw.action as ServiceOrderItem["action"];
      if (accepted && action === "add") planned.set(id, crypto.randomUUID());
      return {
        id,
        action,
        state: accepted ? "acknowledged" : "rejected",
        service: this.itemService(raw.service as Record<string, unknown>, action, planned.get(id)),
      };
    });
    const order: ServiceOrder = defined({
      id: crypto.randomUUID(),
      lastUpdate: now,
      version: 1,
      startDate: accepted ? now : undefined,
      state: accepted ? ("acknowledged" as const) : ("rejected" as const),
      externalReference: unique(records(body.externalReference, REFERENCE_KEYS)),
      priority: typeof body.priority === "string" ? body.priority : undefined,
      relatedParty: parties(body.relatedParty),
      serviceOrderItem: items,
      errorMessage: accepted ? undefined : { ...REJECTED, message: formatIssues(result.issues), status: "Error" as const },
    });
    const record: OrderRecord = { order, stop: () => undefined, plannedServiceIds: planned };
    this.state.orders.set(order.id, record);
    this.notifier.emit("ServiceOrderCreateEvent", { ServiceOrder: order });
    if (accepted) this.next(record, this.timing.acknowledgedMs, () => this.start(record));
    return order;
  }

  get(id: string): ServiceOrder {
    return this.record(id).order;
  }

  patch(id: string, body: Record<string, unknown>): ServiceOrder {
    const { order } = this.record(id);
    const refused = Object.keys(body).filter((k) => !PATCHABLE.includes(k));
    if (refused.length > 0) throw bodyError(`${refused.join(", ")} cannot be changed; a service order accepts changes to ${PATCHABLE.join(", ")}`);
    if (body.priority !== undefined && typeof body.priority !== "string") throw bodyError("priority must be a string");
    for (const key of ["externalReference", "relatedParty"]) if (body[key] !== undefined && !Array.isArray(body[key])) throw bodyError(`${key} must be a list`);
    const references = unique(records(body.externalReference, REFERENCE_KEYS));
    const related = parties(body.relatedParty);
    if (references) order.externalReference = references;
    if (typeof body.priority === "string") order.priority = body.priority;
    if (related) order.relatedParty = related;
    this.touch(order);
    this.notifier.emit("ServiceOrderAttributeValueChangeEvent", { ServiceOrder: order });
    return order;
  }

  cancel(body: Record<string, unknown>): CancelServiceOrder {
    const ref = body.serviceOrder;
    if (!isRecord(ref) || typeof ref.id !== "string") throw bodyError('serviceOrder must be { "id": "<service order id>" }');
    for (const key of ["cancellationReason", "requestedCancellationDate"] as const) {
      if (body[key] !== undefined && typeof body[key] !== "string") throw bodyError(`${key} must be a string`);
    }
    const record = this.record(ref.id);
    const { order } = record;
    if (FINAL.has(order.state) || CANCELLING.has(order.state)) {
      const why = CANCELLING.has(order.state) ? `is already being cancelled (${order.state})` : `is ${order.state} and can no longer be cancelled`;
      throw new HttpError(400, `Service order ${order.id} ${why}`, { code: REJECTED.code });
    }
    const reason = body.cancellationReason as string | undefined;
    const task: CancelServiceOrder = defined({
      id: crypto.randomUUID(),
      state: "acknowledged" as const,
      serviceOrder: { id: order.id },
      cancellationReason: reason,
      requestedCancellationDate: body.requestedCancellationDate as string | undefined,
    });
    this.state.cancels.set(task.id, task);
    this.notifier.emit("CancelServiceOrderCreateEvent", { CancelServiceOrder: task });
    record.stop();
    this.setState(order, "assessingCancellation");
    this.next(record, 0, () => {
      task.state = "inProgress";
      this.notifier.emit("CancelServiceOrderStateChangeEvent", { CancelServiceOrder: task });
      this.setState(order, "pendingCancellation");
      this.next(record, this.timing.cancelMs, () => {
        task.state = "done";
        task.effectiveCancellationDate = this.clock.iso();
        this.notifier.emit("CancelServiceOrderStateChangeEvent", { CancelServiceOrder: task });
        order.cancellationDate = this.clock.iso();
        if (reason !== undefined) order.cancellationReason = reason;
        this.setState(order, "cancelled");
      });
    });
    return task;
  }

  cancellation(id: string): CancelServiceOrder {
    const task = this.state.cancels.get(id);
    if (!task) throw notFound("CancelServiceOrder", id);
    return task;
  }

  private record(id: string): OrderRecord {
    const record = this.state.orders.get(id);
    if (!record) throw notFound("ServiceOrder", id);
    return record;
  }

  /** The item's service as the acknowledgement shows it: what was requested, with names. */
  private itemService(raw: Record<string, unknown>, action: string, plannedId: string | undefined): ServiceRefOrValue {
    const ref = isRecord(raw.serviceSpecification) && typeof raw.serviceSpecification.id === "string" ? raw.serviceSpecification : undefined;
    const refVersion = ref?.version === undefined ? undefined : String(ref.version as string | number);
    const live = typeof raw.id === "string" ? this.state.service(raw.id) : undefined;
    const spec =
      action === "add" || ref !== undefined
        ? this.state.orderedSpec(ref?.id as string | undefined, refVersion)
        : this.state.orderedSpec(live?.serviceSpecification?.id, live?.serviceSpecification?.version);
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    return defined({
      id: action === "add" ? plannedId : str(raw.id),
      startDate: str(raw.startDate),
      endDate: str(raw.endDate),
      serviceSpecification: ref ? defined({ id: ref.id as string, version: refVersion }) : undefined,
      externalIdentifier: records(raw.externalIdentifier, ["owner", "externalIdentifierType", "id"]),
      relatedParty: parties(raw.relatedParty),
      serviceRelationship: Array.isArray(raw.serviceRelationship)
        ? raw.serviceRelationship.flatMap((r: unknown) =>
            isRecord(r)
              ? [
                  defined({
                    relationshipType: r.relationshipType === "addon_for" ? ("addon_for" as const) : undefined,
                    service: isRecord(r.service) && typeof r.service.id === "string" ? { id: r.service.id } : undefined,
                  }),
                ]
              : [],
          )
        : undefined,
      serviceCharacteristic: Array.isArray(raw.serviceCharacteristic) ? raw.serviceCharacteristic.map((c: unknown) => orderCharacteristic(spec, c)) : undefined,
      feature: orderFeatures(spec, raw.feature),
      intent:
        isRecord(raw.intent) && Array.isArray(raw.intent.characteristic)
          ? { characteristic: raw.intent.characteristic.map((c: unknown) => orderCharacteristic(spec, c)) }
          : undefined,
    });
  }

  /** Schedules the order's next step; stopping the order (a cancellation) drops it. */
  private next(record: OrderRecord, delayMs: number, step: () => void): void {
    record.stop = this.clock.schedule(delayMs, "change", () => {
      record.stop = () => undefined;
      step();
    });
  }

  private start(record: OrderRecord): void {
    this.setState(record.order, "inProgress");
    this.next(record, this.timing.inProgressMs, () => this.finish(record));
  }

  private finish(record: OrderRecord): void {
    const { order } = record;
    let failure = this.decideOutcome(structuredClone(order)) === "failed" ? "the supplier failed the order (the simulator's decideOutcome)" : undefined;
    if (failure === undefined) {
      try {
        this.inventory.apply(order, record.plannedServiceIds);
      } catch (error) {
        if (!(error instanceof ItemFailure)) throw error;
        failure = error.message;
      }
    }
    order.completionDate = this.clock.iso();
    if (failure !== undefined) order.errorMessage = { ...REJECTED, message: `Operation failed with error: ${failure}`, status: "Error" };
    this.setState(order, failure === undefined ? "completed" : "failed");
  }

  private setState(order: ServiceOrder, state: ServiceOrderState): void {
    order.state = state;
    for (const item of order.serviceOrderItem ?? []) item.state = state === "partial" ? "partial" : state;
    this.touch(order);
    this.notifier.emit("ServiceOrderStateChangeEvent", { ServiceOrder: order });
  }

  private touch(order: ServiceOrder): void {
    order.version = (order.version ?? 0) + 1;
    order.lastUpdate = this.clock.iso();
  }
}
