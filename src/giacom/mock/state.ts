// The one in-memory state both faces (MSW and HTTP) read and change.
import type { HubRecord, HubStore } from "../../tmf/simulator/notifier.js";
import type { CancelServiceOrder, Resource, ResourceSpecification, Service, ServiceOrder, ServiceSpecification } from "../types.js";
import type { SimulatorSeed } from "./seed.js";

export interface OrderRecord {
  order: ServiceOrder;
  /** Cancels the order's scheduled transitions. */
  stop: () => void;
  /** The id each add item's service will get, by item id (the acknowledgement already shows it). */
  plannedServiceIds: Map<string, string>;
}

// Ofcom keeps 07700 900000-900999 for fiction: numbers that can never reach a real subscriber.
const POOL_START = 7_700_900_000;

export class State implements HubStore {
  serviceSpecifications: ServiceSpecification[] = [];
  resourceSpecifications: ResourceSpecification[] = [];
  services: Service[] = [];
  resources: Resource[] = [];
  orders = new Map<string, OrderRecord>();
  cancels = new Map<string, CancelServiceOrder>();
  hubs = new Map<string, HubRecord>();
  private poolNext = POOL_START;

  private readonly seed: SimulatorSeed;

  constructor(seed: SimulatorSeed) {
    // A copy: a caller changing its seed object later must not change what reset() restores.
    this.seed = structuredClone(seed);
    this.reset();
  }

  reset(): void {
    const copy = structuredClone(this.seed);
    this.serviceSpecifications = copy.serviceSpecifications;
    this.resourceSpecifications = copy.resourceSpecifications;
    this.services = copy.services;
    this.resources = copy.resources;
    for (const record of this.orders.values()) record.stop();
    this.orders.clear();
    this.cancels.clear();
    this.hubs.clear();
    this.poolNext = POOL_START;
  }

  service(id: string): Service | undefined {
    return this.services.find((s) => s.id === id);
  }

  resource(id: string): Resource | undefined {
    return this.resources.find((r) => r.id === id);
  }

  /** The documented stock unit has id "1"; new ones continue the sequence. */
  nextResourceId(): string {
    const used = new Set(this.resources.map((r) => r.id));
    let n = this.resources.reduce((max, r) => (/^\d+$/.test(r.id) ? Math.max(max, Number(r.id)) : max), 0) + 1;
    while (used.has(String(n))) n++;
    return String(n);
  }

  /** A subscriber number from Giacom's pool that no service or stock unit uses. */
  nextSubscriberNumber(): string {
    const used = new Set<string>();
    for (const c of [...this.services.flatMap((s) => s.serviceCharacteristic ?? []), ...this.resources.flatMap((r) => r.resourceCharacteristic ?? [])]) {
      if (c.id === "SUBSCRIBER_NUMBER") for (const v of c.value ?? []) if (v.value) used.add(v.value);
    }
    let number: string;
    do number = `0${this.poolNext++}`;
    while (used.has(number));
    return number;
  }

  /** Every version of a service specification, highest first. */
  serviceSpecVersions(id: string): ServiceSpecification[] {
    return this.serviceSpecifications.filter((s) => s.id === id).sort((a, b) => (b.version ?? 0) - (a.version ?? 0));
  }

  /** The specification an order means: that version, or without one the Launched version (else the highest), as the validator picks it. */
  orderedSpec(id: string | undefined, version: string | undefined): ServiceSpecification | undefined {
    if (id === undefined) return undefined;
    const versions = this.serviceSpecVersions(id);
    if (version !== undefined) return versions.find((s) => String(s.version) === version);
    return versions.find((s) => s.lifecycleStatus === "Launched") ?? versions[0];
  }
}
