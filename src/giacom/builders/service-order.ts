// Fluent builders for service orders: optional sugar over the plain ServiceOrderCreate, which
// every API also accepts. Each method returns a new builder, so a half-built order or item can be
// shared as a template; .build() returns fresh plain objects the caller may change freely.
// Arguments are checked for shape only. What a specification allows (per-network SIM swap
// rules, tariffs, bars that exclude each other) is validation's job, because validation also
// has to judge orders written by hand.
import { InvalidArgumentError, requireString } from "../../core/errors.js";
import type {
  ExternalIdentifierCreate,
  ExternalReferenceCreate,
  ItemAction,
  RelatedParty,
  ServiceOrderCreate,
  ServiceOrderItemCreate,
  ServiceRefOrValueCreate,
} from "../types.js";

/**
 * The SIM types of Giacom's mobile specifications (`SIM_TYPE`).
 * @example
 * ```ts
 * const type: SimType = "e_sim";
 * ```
 * @group Builders
 */
export type SimType = "triple" | "e_sim";

/**
 * What a SIM swap changes. Every field is optional because each network and case needs a
 * different set; validation checks the set against the specification.
 * @example
 * ```ts
 * // Vodafone triple SIM to eSIM: no serial exists yet, Vodafone creates the eSIM on request.
 * const swap: SimSwapOptions = { simType: "e_sim", esimDelivery: { email: "jo@example.com", contactName: "Jo" } };
 * ```
 * @group Builders
 */
export interface SimSwapOptions {
  /** The new SIM's serial (`SIM_SERIAL`). */
  simSerial?: string;
  /** The new SIM type (`SIM_TYPE`), when it changes or must be sent to trigger the swap. */
  simType?: SimType;
  /**
   * Where Vodafone sends the eSIM (`ESIM_DELIVERY_EMAIL`, `ESIM_CONTACT_NAME`). An empty
   * string is allowed: the document lets a client "pass a blank value" to reuse or drop one.
   */
  esimDelivery?: { email?: string; contactName?: string };
}

/**
 * The methods shared by {@link AddServiceBuilder} and {@link ModifyServiceBuilder}: item id,
 * characteristics, features, external identifiers and parties. Each returns a new builder.
 * @example
 * ```ts
 * const item = modifyService(serviceId).tariff("62225").enable("BAR_PREMIUM").build();
 * ```
 * @group Builders
 */
export interface ServiceConfigurationBuilder {
  /** Sets the item's id; without one, the order numbers its items "1", "2", ... */
  id(itemId: string): this;
  /**
   * Sets a characteristic. A later call with the same id replaces the value in place.
   * @example
   * ```ts
   * addService("GIACOM_O2_DATA_BOLT_ON").characteristic("BOLTON_TARIFF", "WODDTU1");
   * ```
   */
  characteristic(id: string, value: string | number | readonly (string | number)[]): this;
  /** Enables or disables a feature. A later call with the same id replaces it in place. */
  feature(id: string, enabled: boolean): this;
  /**
   * Enables features (bars, network services, APNs), in the order given.
   * @example
   * ```ts
   * modifyService(serviceId).disable("BAR_ROAMING").enable("BAR_INWHENROAM", "BAR_OUTWHENROAM");
   * ```
   */
  enable(...featureIds: string[]): this;
  /** Disables features, in the order given. */
  disable(...featureIds: string[]): this;
  /**
   * Adds the client's own identifier of the service.
   * @example
   * ```ts
   * addService("MOBILE_VOICE_SRV_GIACOM_O2").externalIdentifier("123", { owner: "ACME Comms", type: "service_id" });
   * ```
   */
  externalIdentifier(id: string, options?: { owner?: string; type?: string }): this;
  /** Adds a party with its role to the service. */
  relatedParty(role: string, partyId: string): this;
  /** Adds the distributor party to the service: `relatedParty("distributor", partyId)`. */
  distributor(partyId: string): this;
  /** Sets `BILL_LIMIT`; 0 means no limit. */
  billLimit(amount: number | string): this;
  /** Sets `TARIFF`. */
  tariff(code: string): this;
  /** Sets `SIM_TYPE`. */
  simType(type: SimType): this;
  /** Sets `SIM_SERIAL` (the ICCID). */
  simSerial(iccid: string): this;
  /** Sets `SUBSCRIBER_NUMBER`. */
  subscriberNumber(msisdn: string): this;
  /** Sets `PAC`, the porting code; it requires `SUBSCRIBER_NUMBER`. */
  pac(pac: string): this;
  /** Sets `PORT_DATE`; a `Date` is sent as its ISO string. */
  portDate(date: string | Date): this;
  /**
   * Sets where Vodafone sends an eSIM: `ESIM_DELIVERY_EMAIL`, then `ESIM_CONTACT_NAME`.
   * @example
   * ```ts
   * addService("MOBILE_VOICE_SRV_GIACOM_VF").simType("e_sim").esimDelivery({ email: "jo@example.com", contactName: "Jo" });
   * ```
   */
  esimDelivery(delivery: { email: string; contactName: string }): this;
  /**
   * Sets a port-in: `SUBSCRIBER_NUMBER`, `PAC` and `PORT_DATE`, in the documented order.
   * @example
   * ```ts
   * addService("MOBILE_VOICE_SRV_GIACOM_VF").portIn({ subscriberNumber: "07400123456", pac: "VUK123456", portDate: new Date() });
   * ```
   */
  portIn(port: { subscriberNumber: string; pac: string; portDate: string | Date }): this;
  /** Returns the item as a fresh plain object; its id is "1" unless set with {@link id}. */
  build(): ServiceOrderItemCreate;
}

/**
 * An item that adds a service (a new line, a port-in, a bolt-on). Made by {@link addService}.
 * @example
 * ```ts
 * const item = addService("MOBILE_VOICE_SRV_GIACOM_O2").tariff("62231").simType("triple").simSerial("8944201122334455667");
 * ```
 * @group Builders
 */
export interface AddServiceBuilder extends ServiceConfigurationBuilder {
  /**
   * Makes the new service a bolt-on of a live service (`addon_for`).
   * @example
   * ```ts
   * addService("GIACOM_O2_DATA_BOLT_ON").addonFor("dd5244e1-13e3-45a5-b2f0-47b111a65142");
   * ```
   */
  addonFor(serviceId: string): AddServiceBuilder;
}

/**
 * An item that changes a live service. Made by {@link modifyService}.
 * @example
 * ```ts
 * const item = modifyService("dd5244e1-13e3-45a5-b2f0-47b111a65142").suspend();
 * ```
 * @group Builders
 */
export interface ModifyServiceBuilder extends ServiceConfigurationBuilder {
  /**
   * Moves the service to another specification: voice and data to data only, or back.
   * @example
   * ```ts
   * modifyService(serviceId).changeSpecification("MOBILE_DATA_SRV_GIACOM_O2");
   * ```
   */
  changeSpecification(specificationId: string, version?: string | number): ModifyServiceBuilder;
  /** Removes the bill limit. A characteristic cannot be deleted by an order, so this sends `BILL_LIMIT` "0". */
  clearBillLimit(): ModifyServiceBuilder;
  /** Suspends the service on the system and the network (feature `SERVICE_SUSPENSION` on). */
  suspend(): ModifyServiceBuilder;
  /** Resumes a suspended service (feature `SERVICE_SUSPENSION` off). */
  resume(): ModifyServiceBuilder;
  /**
   * Swaps the SIM: sets whichever of `SIM_TYPE`, `SIM_SERIAL` and the eSIM delivery
   * characteristics are given. At least a serial or a type is needed to trigger a swap.
   * @example
   * ```ts
   * modifyService(serviceId).simSwap({ simSerial: "8944201122334455669" }); // O2, same SIM type
   * ```
   */
  simSwap(swap: SimSwapOptions): ModifyServiceBuilder;
}

/**
 * An item that ceases a live service or bolt-on. Made by {@link ceaseService} and {@link ceaseBoltOn}.
 * @example
 * ```ts
 * const item = ceaseService("dd5244e1-13e3-45a5-b2f0-47b111a65142", { endDate: "2025-09-01T00:00:00.000Z" }).build();
 * ```
 * @group Builders
 */
export interface CeaseServiceBuilder {
  /** Sets the item's id; without one, the order numbers its items "1", "2", ... */
  id(itemId: string): CeaseServiceBuilder;
  /** Returns the item as a fresh plain object; its id is "1" unless set with {@link id}. */
  build(): ServiceOrderItemCreate;
}

/**
 * Any item builder that {@link ServiceOrderBuilder.item} accepts.
 * @example
 * ```ts
 * const items: ServiceOrderItemBuilder[] = [addBoltOn("GIACOM_O2_DATA_BOLT_ON", { to: serviceId }), ceaseBoltOn("7")];
 * ```
 * @group Builders
 */
export type ServiceOrderItemBuilder = AddServiceBuilder | ModifyServiceBuilder | CeaseServiceBuilder;

/**
 * A service order being built. Made by {@link serviceOrder}; every method returns a new builder.
 * @example
 * ```ts
 * const order = serviceOrder().externalReference("5001", { type: "order_id" }).item(ceaseBoltOn("7")).build();
 * ```
 * @group Builders
 */
export interface ServiceOrderBuilder {
  /**
   * Adds a reference for the client's own use, e.g. its order id; Giacom only removes duplicates.
   * @example
   * ```ts
   * serviceOrder().externalReference("5001", { type: "order_id", name: "ACME Comms" });
   * ```
   */
  externalReference(id: string, options?: { type?: string; name?: string }): ServiceOrderBuilder;
  /** Adds a party with its role to the order. */
  relatedParty(role: string, partyId: string): ServiceOrderBuilder;
  /** Adds the distributor party to the order: `relatedParty("distributor", partyId)`. */
  distributor(partyId: string): ServiceOrderBuilder;
  /** Sets the order's priority. */
  priority(value: string): ServiceOrderBuilder;
  /**
   * Appends an item: a builder, or a plain item (copied now, so later changes to it are not seen).
   * @example
   * ```ts
   * serviceOrder().item(modifyService(serviceId).suspend()).item({ id: "9", action: "delete", service: { id: "7" } });
   * ```
   */
  item(item: ServiceOrderItemBuilder | ServiceOrderItemCreate): ServiceOrderBuilder;
  /**
   * Returns the order as a fresh plain object. Items without an explicit id are numbered
   * "1", "2", ... in order, skipping ids other items use explicitly.
   */
  build(): ServiceOrderCreate;
}

// ---------- argument checks: `argument` is "<function or method>.<parameter>"

function optionalString(argument: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireString(argument, value);
}

// Blank is allowed: the document lets a client "pass a blank value" for eSIM delivery details.
function optionalText(argument: string, value: unknown): string | undefined {
  if (value !== undefined && typeof value !== "string") throw new InvalidArgumentError(argument, "must be a string (it may be empty)");
  return value;
}

function finite(argument: string, value: number): string {
  if (!Number.isFinite(value)) throw new InvalidArgumentError(argument, `must be a finite number, got ${String(value)}`);
  return String(value);
}

// Characteristic values may be blank: the document has clients "pass a blank value".
function wireValue(argument: string, value: unknown): string {
  if (typeof value === "number") return finite(argument, value);
  if (typeof value === "string") return value;
  throw new InvalidArgumentError(argument, "must be a string or a finite number");
}

function versionString(argument: string, value: unknown): string {
  return typeof value === "number" ? finite(argument, value) : requireString(argument, value);
}

function dateTime(argument: string, value: unknown): string {
  if (Object.prototype.toString.call(value) === "[object Date]") {
    const time = Date.prototype.getTime.call(value);
    if (Number.isNaN(time)) throw new InvalidArgumentError(argument, "must be a valid Date, got an Invalid Date");
    return new Date(time).toISOString();
  }
  if (typeof value !== "string" && value !== undefined) throw new InvalidArgumentError(argument, "must be a date-time string or a Date");
  return requireString(argument, value);
}

function numeric(argument: string, value: unknown): string {
  if (typeof value === "string" && (value.trim() === "" || !Number.isFinite(Number(value)))) {
    throw new InvalidArgumentError(argument, `must be a number, got "${value}"`);
  }
  if (typeof value !== "string" && typeof value !== "number") throw new InvalidArgumentError(argument, "must be a number or a numeric string");
  return wireValue(argument, value);
}

function party(argument: string, role: unknown, partyId: unknown): RelatedParty {
  return { role: requireString(`${argument}.role`, role), partyOrPartyRole: { id: requireString(`${argument}.partyId`, partyId) } };
}

// ---------- item builders

interface Entry<V> {
  readonly id: string;
  readonly value: V;
}

// A repeated id replaces the earlier entry where it stood, so the wire order stays the order
// in which things were first set (the documented examples' order).
function upsert<V>(list: readonly Entry<V>[], id: string, value: V): readonly Entry<V>[] {
  const at = list.findIndex((entry) => entry.id === id);
  const entry = Object.freeze({ id, value });
  return Object.freeze(at === -1 ? [...list, entry] : list.map((old, i) => (i === at ? entry : old)));
}

interface ServiceState {
  readonly itemId: string | undefined;
  readonly serviceId: string | undefined;
  readonly specification: { readonly id: string; readonly version: string } | undefined;
  readonly externalIdentifier: readonly ExternalIdentifierCreate[];
  readonly relatedParty: readonly RelatedParty[];
  readonly addonFor: string | undefined;
  readonly characteristics: readonly Entry<readonly string[]>[];
  readonly features: readonly Entry<boolean>[];
  readonly endDate: string | undefined;
}

const EMPTY: ServiceState = Object.freeze({
  itemId: undefined,
  serviceId: undefined,
  specification: undefined,
  externalIdentifier: Object.freeze([]),
  relatedParty: Object.freeze([]),
  addonFor: undefined,
  characteristics: Object.freeze([]),
  features: Object.freeze([]),
  endDate: undefined,
});

// How an order sees an item: the id the user chose, if any, and how to build it with an id.
interface OrderEntry {
  readonly explicitId: string | undefined;
  build(id: string): ServiceOrderItemCreate;
}

const ENTRY = Symbol("serviceOrderItem");

abstract class ItemBuilder {
  protected readonly state: ServiceState;
  protected constructor(state: ServiceState) {
    this.state = Object.freeze(state);
  }
  protected abstract readonly action: ItemAction;
  protected abstract service(): ServiceRefOrValueCreate;

  [ENTRY](): OrderEntry {
    return { explicitId: this.state.itemId, build: (id) => ({ id, action: this.action, service: this.service() }) };
  }

  build(): ServiceOrderItemCreate {
    return this[ENTRY]().build(this.state.itemId ?? "1");
  }
}

abstract class ConfigurableItem extends ItemBuilder implements ServiceConfigurationBuilder {
  protected abstract with(patch: Partial<ServiceState>): this;

  protected set(argument: string, id: unknown, values: readonly unknown[]): this {
    const key = requireString(`${argument}.id`, id);
    if (values.length === 0) throw new InvalidArgumentError(`${argument}.value`, "must have at least one value");
    const wire = Object.freeze(values.map((value) => wireValue(`${argument}.value`, value)));
    return this.with({ characteristics: upsert(this.state.characteristics, key, wire) });
  }

  protected put(id: string, value: string): this {
    return this.with({ characteristics: upsert(this.state.characteristics, id, Object.freeze([value])) });
  }

  protected named(id: string, argument: string, value: unknown): this {
    return this.put(id, requireString(argument, value));
  }

  protected toggle(argument: string, ids: readonly unknown[], enabled: unknown): this {
    if (typeof enabled !== "boolean") throw new InvalidArgumentError(`${argument}.enabled`, "must be a boolean");
    let features = this.state.features;
    for (const id of ids) features = upsert(features, requireString(`${argument}.id`, id), enabled);
    return this.with({ features });
  }

  id(itemId: string): this {
    return this.with({ itemId: requireString("id.itemId", itemId) });
  }
  characteristic(id: string, value: string | number | readonly (string | number)[]): this {
    return this.set("characteristic", id, Array.isArray(value) ? value : [value]);
  }
  feature(id: string, enabled: boolean): this {
    return this.toggle("feature", [id], enabled);
  }
  enable(...featureIds: string[]): this {
    return this.toggle("enable", featureIds, true);
  }
  disable(...featureIds: string[]): this {
    return this.toggle("disable", featureIds, false);
  }
  externalIdentifier(id: string, options: { owner?: string; type?: string } = {}): this {
    const owner = optionalString("externalIdentifier.owner", options.owner);
    const type = optionalString("externalIdentifier.type", options.type);
    const identifier: ExternalIdentifierCreate = {
      ...(owner === undefined ? {} : { owner }),
      ...(type === undefined ? {} : { externalIdentifierType: type }),
      id: requireString("externalIdentifier.id", id),
    };
    return this.with({ externalIdentifier: Object.freeze([...this.state.externalIdentifier, identifier]) });
  }
  relatedParty(role: string, partyId: string): this {
    return this.with({ relatedParty: Object.freeze([...this.state.relatedParty, party("relatedParty", role, partyId)]) });
  }
  distributor(partyId: string): this {
    return this.with({ relatedParty: Object.freeze([...this.state.relatedParty, party("distributor", "distributor", partyId)]) });
  }
  billLimit(amount: number | string): this {
    return this.put("BILL_LIMIT", numeric("billLimit.amount", amount));
  }
  tariff(code: string): this {
    return this.named("TARIFF", "tariff.code", code);
  }
  simType(type: SimType): this {
    return this.named("SIM_TYPE", "simType.type", type);
  }
  simSerial(iccid: string): this {
    return this.named("SIM_SERIAL", "simSerial.iccid", iccid);
  }
  subscriberNumber(msisdn: string): this {
    return this.named("SUBSCRIBER_NUMBER", "subscriberNumber.msisdn", msisdn);
  }
  pac(pac: string): this {
    return this.named("PAC", "pac.pac", pac);
  }
  portDate(date: string | Date): this {
    return this.put("PORT_DATE", dateTime("portDate.date", date));
  }
  esimDelivery(delivery: { email: string; contactName: string }): this {
    const email = requireString("esimDelivery.email", delivery?.email);
    const contactName = requireString("esimDelivery.contactName", delivery?.contactName);
    return this.put("ESIM_DELIVERY_EMAIL", email).put("ESIM_CONTACT_NAME", contactName);
  }
  portIn(port: { subscriberNumber: string; pac: string; portDate: string | Date }): this {
    // Check everything before setting anything, so a bad PAC does not hide behind a half-built port.
    const msisdn = requireString("portIn.subscriberNumber", port?.subscriberNumber);
    const pac = requireString("portIn.pac", port?.pac);
    const date = dateTime("portIn.portDate", port?.portDate);
    return this.put("SUBSCRIBER_NUMBER", msisdn).put("PAC", pac).put("PORT_DATE", date);
  }

  // The shared tail of an add or modify service, in the documented key order.
  protected configuration(service: ServiceRefOrValueCreate, always: boolean): ServiceRefOrValueCreate {
    const s = this.state;
    if (s.externalIdentifier.length > 0) service.externalIdentifier = s.externalIdentifier.map((e) => ({ ...e }));
    if (s.relatedParty.length > 0) service.relatedParty = s.relatedParty.map((p) => ({ ...p, partyOrPartyRole: { ...p.partyOrPartyRole } }));
    if (s.addonFor !== undefined) service.serviceRelationship = [{ relationshipType: "addon_for", service: { id: s.addonFor } }];
    if (always || s.characteristics.length > 0)
      service.serviceCharacteristic = s.characteristics.map((c) => ({ id: c.id, value: c.value.map((value) => ({ value })) }));
    if (always || s.features.length > 0) service.feature = s.features.map((f) => ({ id: f.id, isEnabled: f.value }));
    return service;
  }
}

class AddItem extends ConfigurableItem implements AddServiceBuilder {
  protected readonly action = "add";
  constructor(state: ServiceState) {
    super(state);
  }
  protected with(patch: Partial<ServiceState>): this {
    return new AddItem({ ...this.state, ...patch }) as this;
  }
  addonFor(serviceId: string): AddServiceBuilder {
    return this.with({ addonFor: requireString("addonFor.serviceId", serviceId) });
  }
  // The documented add examples always carry both arrays, empty ones included (`"feature": []`).
  protected service(): ServiceRefOrValueCreate {
    const { id, version } = this.state.specification!;
    return this.configuration({ serviceSpecification: { id, version } }, true);
  }
}

class ModifyItem extends ConfigurableItem implements ModifyServiceBuilder {
  protected readonly action = "modify";
  constructor(state: ServiceState) {
    super(state);
  }
  protected with(patch: Partial<ServiceState>): this {
    return new ModifyItem({ ...this.state, ...patch }) as this;
  }
  changeSpecification(specificationId: string, version: string | number = "1"): ModifyServiceBuilder {
    const id = requireString("changeSpecification.specificationId", specificationId);
    return this.with({ specification: Object.freeze({ id, version: versionString("changeSpecification.version", version) }) });
  }
  clearBillLimit(): ModifyServiceBuilder {
    return this.billLimit("0");
  }
  suspend(): ModifyServiceBuilder {
    return this.feature("SERVICE_SUSPENSION", true);
  }
  resume(): ModifyServiceBuilder {
    return this.feature("SERVICE_SUSPENSION", false);
  }
  simSwap(swap: SimSwapOptions): ModifyServiceBuilder {
    const { simSerial, simType, esimDelivery } = swap ?? {};
    if (simSerial === undefined && simType === undefined) {
      throw new InvalidArgumentError("simSwap.swap", "needs a simSerial or a simType: one of them is what triggers a SIM swap");
    }
    const type = optionalString("simSwap.simType", simType);
    const serial = optionalString("simSwap.simSerial", simSerial);
    const email = optionalText("simSwap.esimDelivery.email", esimDelivery?.email);
    const contactName = optionalText("simSwap.esimDelivery.contactName", esimDelivery?.contactName);
    // SIM_TYPE before SIM_SERIAL, as in the documented SIM swap.
    // The builder to extend; `this` is never changed, so aliasing it is safe.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let next: this = this;
    if (type !== undefined) next = next.put("SIM_TYPE", type);
    if (serial !== undefined) next = next.put("SIM_SERIAL", serial);
    if (email !== undefined) next = next.put("ESIM_DELIVERY_EMAIL", email);
    if (contactName !== undefined) next = next.put("ESIM_CONTACT_NAME", contactName);
    return next;
  }
  protected service(): ServiceRefOrValueCreate {
    const service: ServiceRefOrValueCreate = { id: this.state.serviceId! };
    const spec = this.state.specification;
    if (spec) service.serviceSpecification = { id: spec.id, version: spec.version };
    return this.configuration(service, false);
  }
}

class CeaseItem extends ItemBuilder implements CeaseServiceBuilder {
  protected readonly action = "delete";
  constructor(state: ServiceState) {
    super(state);
  }
  id(itemId: string): CeaseServiceBuilder {
    return new CeaseItem({ ...this.state, itemId: requireString("id.itemId", itemId) });
  }
  protected service(): ServiceRefOrValueCreate {
    const { serviceId, endDate } = this.state;
    return endDate === undefined ? { id: serviceId! } : { id: serviceId!, endDate };
  }
}

/**
 * Starts an item that adds a service of a specification: a new line, a port-in, a bolt-on.
 * @param version - The specification's version; "1" when omitted.
 * @example
 * ```ts
 * const newLine = addService("MOBILE_VOICE_SRV_GIACOM_O2")
 *   .billLimit(100).tariff("62231").simType("triple").simSerial("8944201122334455667")
 *   .enable("BAR_PREMIUM", "APN_INTERNET");
 * ```
 * @group Builders
 */
export function addService(specificationId: string, version: string | number = "1"): AddServiceBuilder {
  const id = requireString("addService.specificationId", specificationId);
  return new AddItem({ ...EMPTY, specification: Object.freeze({ id, version: versionString("addService.version", version) }) });
}

/**
 * Starts an item that changes a live service: features, characteristics, SIM swap, conversion.
 * @example
 * ```ts
 * const bars = modifyService("dd5244e1-13e3-45a5-b2f0-47b111a65142").disable("BAR_ROAMING").enable("BAR_INWHENROAM");
 * ```
 * @group Builders
 */
export function modifyService(serviceId: string): ModifyServiceBuilder {
  return new ModifyItem({ ...EMPTY, serviceId: requireString("modifyService.serviceId", serviceId) });
}

/**
 * Starts an item that ceases a live service, at `endDate` when given.
 * @example
 * ```ts
 * const cease = ceaseService("dd5244e1-13e3-45a5-b2f0-47b111a65142", { endDate: new Date("2025-09-01T00:00:00Z") });
 * ```
 * @group Builders
 */
export function ceaseService(serviceId: string, options: { endDate?: string | Date } = {}): CeaseServiceBuilder {
  const id = requireString("ceaseService.serviceId", serviceId);
  const endDate = options?.endDate === undefined ? undefined : dateTime("ceaseService.endDate", options.endDate);
  return new CeaseItem({ ...EMPTY, serviceId: id, endDate });
}

/**
 * Starts an item that adds a bolt-on to the live service `to`:
 * `addService(boltOnSpecificationId, version).addonFor(to)`.
 * @example
 * ```ts
 * const dataBoltOn = addBoltOn("GIACOM_O2_DATA_BOLT_ON", { to: "dd5244e1-13e3-45a5-b2f0-47b111a65142" })
 *   .characteristic("BOLTON_TARIFF", "WODDTU1");
 * ```
 * @group Builders
 */
export function addBoltOn(boltOnSpecificationId: string, options: { to: string; version?: string | number }): AddServiceBuilder {
  const id = requireString("addBoltOn.boltOnSpecificationId", boltOnSpecificationId);
  const to = requireString("addBoltOn.to", options?.to);
  const spec = Object.freeze({ id, version: versionString("addBoltOn.version", options.version ?? "1") });
  return new AddItem({ ...EMPTY, specification: spec, addonFor: to });
}

/**
 * Starts an item that ceases a bolt-on, given the bolt-on's own service id: `ceaseService(id)`.
 * @example
 * ```ts
 * const order = serviceOrder().item(ceaseBoltOn("7")).build();
 * ```
 * @group Builders
 */
export function ceaseBoltOn(boltOnServiceId: string): CeaseServiceBuilder {
  return new CeaseItem({ ...EMPTY, serviceId: requireString("ceaseBoltOn.boltOnServiceId", boltOnServiceId) });
}

// ---------- the order

interface OrderState {
  readonly externalReference: readonly ExternalReferenceCreate[];
  readonly relatedParty: readonly RelatedParty[];
  readonly priority: string | undefined;
  readonly items: readonly OrderEntry[];
}

// Plain items are JSON data; a structural copy keeps the builder immune to later changes.
// `within` holds the objects being copied around this one: JSON cannot hold a cycle, and
// following one would overflow the stack with a RangeError instead of naming the argument.
function copy<T>(value: T, within: Set<object> = new Set()): T {
  if (!value || typeof value !== "object") return value;
  if (within.has(value)) throw new InvalidArgumentError("item", "must be JSON data, but it contains itself");
  within.add(value);
  const copied = Array.isArray(value) ? value.map((v) => copy(v, within)) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v, within)]));
  within.delete(value);
  return copied as T;
}

function entryOf(item: unknown): OrderEntry {
  if (item instanceof ItemBuilder) return item[ENTRY]();
  if (!item || typeof item !== "object") throw new InvalidArgumentError("item", "must be an item builder or a ServiceOrderItemCreate object");
  // A builder from another copy of the SDK: its build() is all we can rely on.
  const plain = copy(typeof (item as { build?: unknown }).build === "function" ? (item as { build(): unknown }).build() : item) as ServiceOrderItemCreate;
  const explicitId = optionalString("item.id", (plain as { id?: unknown }).id);
  const rest: Partial<ServiceOrderItemCreate> = { ...plain };
  delete rest.id;
  return { explicitId, build: (id) => ({ ...copy(rest), id }) as ServiceOrderItemCreate };
}

class OrderBuilder implements ServiceOrderBuilder {
  readonly #state: OrderState;
  constructor(state: OrderState) {
    this.#state = Object.freeze(state);
  }
  #with(patch: Partial<OrderState>): ServiceOrderBuilder {
    return new OrderBuilder({ ...this.#state, ...patch });
  }
  externalReference(id: string, options: { type?: string; name?: string } = {}): ServiceOrderBuilder {
    const reference: ExternalReferenceCreate = { id: requireString("externalReference.id", id) };
    const type = optionalString("externalReference.type", options?.type);
    const name = optionalString("externalReference.name", options?.name);
    if (type !== undefined) reference.externalReferenceType = type;
    if (name !== undefined) reference.name = name;
    return this.#with({ externalReference: Object.freeze([...this.#state.externalReference, Object.freeze(reference)]) });
  }
  relatedParty(role: string, partyId: string): ServiceOrderBuilder {
    return this.#with({ relatedParty: Object.freeze([...this.#state.relatedParty, party("relatedParty", role, partyId)]) });
  }
  distributor(partyId: string): ServiceOrderBuilder {
    return this.#with({ relatedParty: Object.freeze([...this.#state.relatedParty, party("distributor", "distributor", partyId)]) });
  }
  priority(value: string): ServiceOrderBuilder {
    return this.#with({ priority: requireString("priority.value", value) });
  }
  item(item: ServiceOrderItemBuilder | ServiceOrderItemCreate): ServiceOrderBuilder {
    return this.#with({ items: Object.freeze([...this.#state.items, entryOf(item)]) });
  }
  build(): ServiceOrderCreate {
    const { externalReference, relatedParty, priority, items } = this.#state;
    const taken = new Set(items.map((item) => item.explicitId).filter((id) => id !== undefined));
    let next = 1;
    const serviceOrderItem = items.map((item) => {
      if (item.explicitId !== undefined) return item.build(item.explicitId);
      while (taken.has(String(next))) next++;
      return item.build(String(next++));
    });
    return {
      ...(externalReference.length > 0 ? { externalReference: externalReference.map((r) => ({ ...r })) } : {}),
      ...(relatedParty.length > 0 ? { relatedParty: relatedParty.map((p) => ({ ...p, partyOrPartyRole: { ...p.partyOrPartyRole } })) } : {}),
      ...(priority === undefined ? {} : { priority }),
      serviceOrderItem,
    };
  }
}

/**
 * Starts a service order. Builders are immutable: every method returns a new one, and
 * `.build()` returns the plain {@link ServiceOrderCreate} that `serviceOrders.create` takes.
 * @example
 * ```ts
 * const order = serviceOrder()
 *   .externalReference("5003", { type: "order_id", name: "ACME Comms" })
 *   .distributor("ACME Comms")
 *   .item(modifyService("dd5244e1-13e3-45a5-b2f0-47b111a65142").disable("BAR_ROAMING"))
 *   .build();
 * await giacom.serviceOrders.create(order);
 * ```
 * @group Builders
 */
export function serviceOrder(): ServiceOrderBuilder {
  return new OrderBuilder({ externalReference: Object.freeze([]), relatedParty: Object.freeze([]), priority: undefined, items: Object.freeze([]) });
}
