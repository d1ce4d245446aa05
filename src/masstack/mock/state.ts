// The one in-memory state every face (fetch, MSW, HTTP) reads and changes: services by type and
// id, each with its devices, barrings, billing movements, refunds and promotions; the workflow
// ids already used; the workflows under way.
import type { ServiceType } from "../generated/types.js";
import type { SimulatedService, SimulatedServiceSeed, SimulatorWorkflow } from "./options.js";

/** The first id the simulator gives a service created without one (the seed's example is 600000000). */
const FIRST_SERVICE_ID = 600_000_001;

/** A numeric service id is its own subscription id; any other gets one from this range (assumed). */
const FIRST_SUBSCRIPTION_ID = 900_000_001;

const key = (type: string, id: string) => `${type}/${id}`;

export class State {
  services = new Map<string, SimulatedService>();
  /** Every Request-Correlation-Id a request that changed something was accepted with. */
  workflowIds = new Set<string>();
  workflows: SimulatorWorkflow[] = [];
  private nextServiceId = FIRST_SERVICE_ID;
  private nextSubscriptionId = FIRST_SUBSCRIPTION_ID;

  constructor(private readonly seed: readonly SimulatedServiceSeed[]) {
    this.reset();
  }

  reset(): void {
    this.services.clear();
    this.workflowIds.clear();
    this.workflows = [];
    this.nextServiceId = FIRST_SERVICE_ID;
    this.nextSubscriptionId = FIRST_SUBSCRIPTION_ID;
    for (const s of structuredClone(this.seed)) {
      this.add({
        service_type: s.service_type,
        service_id: s.service_id,
        subscriptionId: this.subscriptionId(s.service_id),
        service_details: s.service_details ?? {},
        devices: s.devices ?? {},
        barrings: s.barrings ?? [],
        maskCodes: s.maskCodes ?? [],
        movements: {},
        refunds: {},
        promotions: {},
      });
    }
  }

  get(type: string, id: string): SimulatedService | undefined {
    return this.services.get(key(type, id));
  }

  add(service: SimulatedService): void {
    this.services.set(key(service.service_type, service.service_id), service);
  }

  /** A numeric id not used by any service (of any type), reserved for a creation under way. */
  newServiceId(): string {
    const used = new Set([...this.services.values()].map((s) => s.service_id));
    while (used.has(String(this.nextServiceId))) this.nextServiceId++;
    return String(this.nextServiceId++);
  }

  /** The int64 subscription id of a service: its id when that is a safe integer, else one of the simulator's. */
  subscriptionId(serviceId: string): number {
    const n = /^[1-9]\d*$/.test(serviceId) ? Number(serviceId) : NaN;
    return Number.isSafeInteger(n) ? n : this.nextSubscriptionId++;
  }

  /** A service of `type` with `id` and nothing else yet. */
  blank(type: ServiceType, id: string, details: Record<string, unknown>): SimulatedService {
    return {
      service_type: type,
      service_id: id,
      subscriptionId: this.subscriptionId(id),
      service_details: details,
      devices: {},
      barrings: [],
      maskCodes: [],
      movements: {},
      refunds: {},
      promotions: {},
    };
  }
}
