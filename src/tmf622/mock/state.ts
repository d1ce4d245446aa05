// The one in-memory state every face (fetch, MSW, HTTP) reads and changes.
import type { HubRecord, HubStore } from "../../tmf/simulator/notifier.js";
import type { CancelProductOrder, ProductOrder } from "../generated/types.js";

export interface OrderRecord {
  order: ProductOrder;
  /** Cancels the order's scheduled change. */
  stop: () => void;
}

export class State implements HubStore {
  orders = new Map<string, OrderRecord>();
  cancels = new Map<string, CancelProductOrder>();
  hubs = new Map<string, HubRecord>();

  reset(): void {
    for (const record of this.orders.values()) record.stop();
    this.orders.clear();
    this.cancels.clear();
    this.hubs.clear();
  }
}
