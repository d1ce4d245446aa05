// What a completed order does to the service inventory, following the document's use cases:
// add creates a live service (Giacom attributes a subscriber number from its pool when none
// was ordered), modify merges characteristics and features (a blank value keeps the current
// one; a new specification converts the service), delete terminates it. Characteristics whose
// dependencies no longer hold are removed, informational ones are set by the system, and the
// PAC is dropped once the number is ported.
import type { Characteristic, Feature, Service, ServiceOrder, ServiceOrderItem, ServiceSpecification } from "../types.js";
import type { Clock } from "../../core/simulator/clock.js";
import { defaultFeatures, defined, feature, mergeParties, records, relationshipsHold, serviceCharacteristic, specCharacteristic } from "./enrich.js";
import type { Notifier } from "../../tmf/simulator/notifier.js";
import type { SimulatorEvent } from "./options.js";
import type { State } from "./state.js";

/** An item that can no longer be carried out when the order completes: the order fails. */
export class ItemFailure extends Error {}

type Values = Map<string, string[]>;

const EXTERNAL_IDENTIFIER_KEYS = ["owner", "externalIdentifierType", "id"] as const;
const SIM_SERIAL_PREFIX = "8944";

export class Inventory {
  private serials = 0;

  constructor(
    private readonly state: State,
    private readonly clock: Clock,
    private readonly notifier: Notifier<SimulatorEvent>,
  ) {}

  /** Checks every item can be applied, then applies them all (an order completes whole or fails). */
  apply(order: ServiceOrder, plannedIds: ReadonlyMap<string, string>): void {
    const items = order.serviceOrderItem ?? [];
    items.forEach((item) => this.precheck(item));
    for (const item of items) {
      if (item.action === "add") this.add(order, item, plannedIds.get(item.id)!);
      else if (item.action === "modify") this.modify(order, item);
      else if (item.action === "delete") this.remove(order, item);
    }
  }

  private precheck(item: ServiceOrderItem): void {
    const id = item.service?.id;
    if (item.action === "modify" || item.action === "delete") {
      const live = id === undefined ? undefined : this.state.service(id);
      if (!live || live.state === "terminated") throw new ItemFailure(`item ${item.id}: service ${id} is ${live ? "terminated" : "gone"}`);
    }
    if (item.action === "add") {
      for (const r of item.service?.serviceRelationship ?? []) {
        const target = r.service?.id === undefined ? undefined : this.state.service(r.service.id);
        if (r.relationshipType === "addon_for" && (!target || target.state === "terminated"))
          throw new ItemFailure(`item ${item.id}: service ${r.service?.id} is no longer live`);
      }
    }
  }

  private add(order: ServiceOrder, item: ServiceOrderItem, id: string): void {
    const ordered = item.service ?? {};
    const spec = this.state.orderedSpec(ordered.serviceSpecification?.id, ordered.serviceSpecification?.version)!;
    const values: Values = new Map((ordered.serviceCharacteristic ?? []).flatMap((c) => (given(c) ? [[c.id, strings(c)]] : [])));
    if (specCharacteristic(spec, "SUBSCRIBER_NUMBER") && !values.has("SUBSCRIBER_NUMBER")) values.set("SUBSCRIBER_NUMBER", [this.state.nextSubscriberNumber()]);
    values.delete("PAC");
    this.systemValues(spec, values, !values.has("SIM_SERIAL"));
    const now = this.clock.iso();
    const requested = ordered.relatedParty ?? order.relatedParty ?? [];
    const service: Service = defined({
      id,
      version: 1,
      lastUpdate: now,
      name: spec.name,
      description: spec.description,
      category: spec.category,
      isBundle: spec.isBundle ?? false,
      state: "active" as const,
      operatingStatus: "running" as const,
      hasStarted: true,
      isServiceEnabled: true,
      serviceDate: now,
      startDate: ordered.startDate ?? now,
      serviceSpecification: { id: spec.id, version: String(spec.version ?? 1) },
      serviceOrderItem: [{ serviceOrderId: order.id, itemAction: "add" as const, itemId: item.id }],
      externalIdentifier: records(ordered.externalIdentifier, EXTERNAL_IDENTIFIER_KEYS),
      relatedParty: mergeParties(
        requested,
        (spec.relatedParty ?? []).filter((p) => p.role === "supplier" || p.role === "network"),
      ),
      serviceCharacteristic: this.characteristics(spec, values),
      feature: overlay(spec, defaultFeatures(spec), ordered.feature),
      serviceRelationship: ordered.serviceRelationship?.length ? structuredClone(ordered.serviceRelationship) : undefined,
    });
    this.state.services.push(service);
    this.notifier.emit("ServiceCreateEvent", { service });
  }

  private modify(order: ServiceOrder, item: ServiceOrderItem): void {
    const live = this.state.service(item.service!.id!)!;
    const ordered = item.service ?? {};
    const currentRef = live.serviceSpecification;
    const targetRef = ordered.serviceSpecification ?? currentRef;
    const spec = this.state.orderedSpec(targetRef?.id, targetRef?.version);
    const converting = spec !== undefined && spec.id !== currentRef?.id;
    const values: Values = new Map();
    for (const c of live.serviceCharacteristic ?? []) if (!converting || specCharacteristic(spec, c.id)) values.set(c.id, strings(c));
    const changed = new Set<string>();
    for (const c of ordered.serviceCharacteristic ?? []) {
      // "Leave blank to reuse": a blank value keeps what the service has.
      if (!given(c)) continue;
      values.set(c.id, strings(c));
      changed.add(c.id);
    }
    values.delete("PAC");
    if (spec) this.systemValues(spec, values, changed.has("SIM_TYPE") && !changed.has("SIM_SERIAL"));
    if (converting && spec) {
      live.serviceSpecification = { id: spec.id, version: String(spec.version ?? 1) };
      Object.assign(live, defined({ name: spec.name, description: spec.description, category: spec.category }));
      const known = (live.feature ?? []).filter((f) => f.id !== undefined && spec.featureSpecification?.some((x) => x.id === f.id && x.isBundle !== true));
      live.feature = overlay(spec, defaultFeatures(spec), known);
    }
    live.feature = overlay(spec, live.feature ?? [], ordered.feature);
    live.serviceCharacteristic = this.characteristics(spec, values);
    const identifiers = records(ordered.externalIdentifier, EXTERNAL_IDENTIFIER_KEYS);
    if (identifiers) live.externalIdentifier = identifiers;
    this.touch(live, order, item);
    this.notifier.emit("ServiceAttributeValueChangeEvent", { service: live });
  }

  private remove(order: ServiceOrder, item: ServiceOrderItem): void {
    const live = this.state.service(item.service!.id!)!;
    this.terminate(live, item.service?.endDate);
    this.touch(live, order, item);
    this.notifier.emit("ServiceStateChangeEvent", { service: live });
    // A bolt-on cannot outlive the service it is for.
    for (const boltOn of this.state.services) {
      if (boltOn.state === "terminated" || !boltOn.serviceRelationship?.some((r) => r.relationshipType === "addon_for" && r.service?.id === live.id)) continue;
      this.terminate(boltOn, item.service?.endDate);
      boltOn.version = (boltOn.version ?? 0) + 1;
      boltOn.lastUpdate = this.clock.iso();
      this.notifier.emit("ServiceStateChangeEvent", { service: boltOn });
    }
  }

  private terminate(service: Service, endDate: string | undefined): void {
    service.state = "terminated";
    service.operatingStatus = "stopped";
    service.isServiceEnabled = false;
    service.endDate = endDate ?? this.clock.iso();
  }

  private touch(service: Service, order: ServiceOrder, item: ServiceOrderItem): void {
    service.serviceOrderItem = [...(service.serviceOrderItem ?? []), { serviceOrderId: order.id, itemAction: item.action, itemId: item.id }];
    service.version = (service.version ?? 0) + 1;
    service.lastUpdate = this.clock.iso();
  }

  /** What the system sets: informational values, a generated eSIM serial (Vodafone creates eSIMs on order), and no stale dependants. */
  private systemValues(spec: ServiceSpecification, values: Values, newEsimWithoutSerial: boolean): void {
    if (newEsimWithoutSerial && values.get("SIM_TYPE")?.includes("e_sim") && specCharacteristic(spec, "SIM_SERIAL"))
      values.set("SIM_SERIAL", [this.nextSerial()]);
    for (const c of spec.specCharacteristic ?? []) {
      const informational = c.configurable === false && (c.maxCardinality ?? 0) === 0;
      if (!informational || values.has(c.id)) continue;
      const fixed = c.characteristicValueSpecification?.find((v) => v.value !== undefined)?.value;
      const value = fixed ?? (c.valueType === "base64" ? btoa(`simulated-esim-${this.nextSerial()}`) : undefined);
      if (value !== undefined) values.set(c.id, [value]);
    }
    // Drop values whose requires/value_eq no longer hold, to a fixed point (one removal may break another).
    for (let removed = true; removed;) {
      removed = false;
      for (const id of [...values.keys()]) {
        const c = specCharacteristic(spec, id);
        if (c && !relationshipsHold(c, values)) {
          values.delete(id);
          removed = true;
        }
      }
    }
  }

  private characteristics(spec: ServiceSpecification | undefined, values: Values): Characteristic[] {
    const order = (spec?.specCharacteristic ?? []).map((c) => c.id);
    const ids = [...values.keys()].sort((a, b) => rank(order, a) - rank(order, b));
    return ids.map((id) => serviceCharacteristic(spec, id, values.get(id)!));
  }

  private nextSerial(): string {
    return `${SIM_SERIAL_PREFIX}${String(++this.serials).padStart(15, "0")}`;
  }
}

const strings = (c: Characteristic) => (c.value ?? []).flatMap((v) => (v.value === undefined ? [] : [v.value]));
const given = (c: Characteristic) => strings(c).some((v) => v !== "");
const rank = (order: string[], id: string) => (order.includes(id) ? order.indexOf(id) : order.length);

/** `base` features with the ones in `changes` set as ordered (features the specification lacks are left out). */
function overlay(spec: ServiceSpecification | undefined, base: readonly Feature[], changes: readonly Feature[] | undefined): Feature[] {
  const out = base.map((f) => ({ ...f }));
  for (const change of changes ?? []) {
    if (change.id === undefined || typeof change.isEnabled !== "boolean") continue;
    const existing = out.find((f) => f.id === change.id);
    if (existing) existing.isEnabled = change.isEnabled;
    else if (!spec || spec.featureSpecification?.some((f) => f.id === change.id && f.isBundle !== true)) out.push(feature(spec, change.id, change.isEnabled));
  }
  return out;
}
