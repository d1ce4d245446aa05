// The one in-memory state every face (fetch, MSW, HTTP) reads and changes: per business unit, its
// services and its listeners. Nothing crosses units: a service or a hub of one is unknown to
// another, as the gateway routes each unit to its own backend.
import type { HubRecord, HubStore } from "../../tmf/simulator/notifier.js";
import type { Service } from "../generated/types.js";

export class Unit implements HubStore {
  services = new Map<string, Service>();
  hubs = new Map<string, HubRecord>();

  constructor(private readonly seed: readonly Service[]) {
    this.reset();
  }

  reset(): void {
    this.services = new Map(structuredClone(this.seed).map((service) => [service.id!, service]));
    this.hubs.clear();
  }
}
