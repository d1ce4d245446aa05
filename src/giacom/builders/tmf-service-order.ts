// Assembly of a TMF service order: items that add, modify or delete a service (its
// specification, characteristics, features, relationships, parties and external identifiers)
// and the order that carries them, with its references, parties and priority, and numbers its
// items. It knows the TMF shape and no catalogue's vocabulary: a profile extends these classes
// with setters named after its specifications. Every method returns a new builder, so a
// half-built order or item can be shared as a template; build() returns fresh plain objects.
import { InvalidArgumentError, requireString } from "../../core/errors.js";
import type {
  CharacteristicCreate,
  ExternalIdentifierCreate,
  ExternalReferenceCreate,
  FeatureCreate,
  ItemAction,
  RelatedParty,
  ServiceOrderCreate,
  ServiceOrderItemCreate,
  ServiceRefOrValueCreate,
  ServiceRelationship,
} from "../types.js";
import { optionalString, wireValue } from "./arguments.js";

/** @internal An item builder's state, its lists in the wire's shape. */
export interface ItemState {
  readonly action: ItemAction;
  readonly itemId?: string | undefined;
  readonly serviceId?: string | undefined;
  readonly serviceSpecification?: { readonly id: string; readonly version: string } | undefined;
  readonly endDate?: string | undefined;
  readonly externalIdentifier: readonly ExternalIdentifierCreate[];
  readonly relatedParty: readonly RelatedParty[];
  readonly serviceRelationship: readonly ServiceRelationship[];
  readonly serviceCharacteristic: readonly CharacteristicCreate[];
  readonly feature: readonly FeatureCreate[];
}

const NONE: readonly never[] = Object.freeze([]);

/** @internal The state of a new item. */
export function itemState(action: ItemAction, state: Partial<ItemState> = {}): ItemState {
  return { action, externalIdentifier: NONE, relatedParty: NONE, serviceRelationship: NONE, serviceCharacteristic: NONE, feature: NONE, ...state };
}

const added = <T>(list: readonly T[], entry: T): readonly T[] => Object.freeze([...list, entry]);

// A repeated key replaces the earlier entry where it stood, so the wire order stays the order
// in which things were first set (the order documented examples use).
function upsert<T>(list: readonly T[], entry: T, key: keyof T): readonly T[] {
  const at = list.findIndex((old) => old[key] === entry[key]);
  return Object.freeze(at === -1 ? [...list, entry] : list.map((old, i) => (i === at ? entry : old)));
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

// The service of an item, in the key order of the documented examples. An add item always
// carries its characteristic and feature lists, empty ones included; a modify item only those
// it sets.
function serviceOf(state: ItemState): ServiceRefOrValueCreate {
  const { action, serviceId, serviceSpecification, endDate } = state;
  if (action === "delete") return endDate === undefined ? { id: serviceId! } : { id: serviceId!, endDate };
  const add = action === "add";
  const service: Record<string, unknown> = add ? {} : { id: serviceId };
  if (serviceSpecification) service.serviceSpecification = serviceSpecification;
  for (const key of ["externalIdentifier", "relatedParty", "serviceRelationship"] as const) if (state[key].length > 0) service[key] = state[key];
  for (const key of ["serviceCharacteristic", "feature"] as const) if (add || state[key].length > 0) service[key] = state[key];
  return copy(service);
}

// How an order sees an item: the id the caller chose, if any, and how to build it with an id.
interface OrderEntry {
  readonly explicitId: string | undefined;
  build(id: string): ServiceOrderItemCreate;
}

const ENTRY = Symbol("serviceOrderItem");

/** @internal What every builder shares: a frozen state, changed into a new builder. */
class Builder<S extends { readonly relatedParty: readonly RelatedParty[] }> {
  protected readonly state: S;
  constructor(state: S) {
    this.state = Object.freeze(state);
  }
  protected with(patch: Partial<S>): this {
    return new (this.constructor as new (state: S) => this)({ ...this.state, ...patch });
  }
  /** Adds a party, its arguments named `<argument>.role` and `<argument>.partyId`. */
  protected party(argument: string, role: unknown, partyId: unknown): this {
    const relatedParty = { role: requireString(`${argument}.role`, role), partyOrPartyRole: { id: requireString(`${argument}.partyId`, partyId) } };
    return this.with({ relatedParty: added(this.state.relatedParty, relatedParty) } as Partial<S>);
  }
}

/** @internal Any item: its id and its build. */
export class ItemBuilder extends Builder<ItemState> {
  id(itemId: string): this {
    return this.with({ itemId: requireString("id.itemId", itemId) });
  }
  [ENTRY](): OrderEntry {
    return { explicitId: this.state.itemId, build: (id) => ({ id, action: this.state.action, service: serviceOf(this.state) }) };
  }
  build(): ServiceOrderItemCreate {
    return this[ENTRY]().build(this.state.itemId ?? "1");
  }
}

/** @internal An item that adds or modifies a service: what it sets on the service. */
export class ConfigurableItem extends ItemBuilder {
  /** Sets a characteristic, values unchecked. */
  protected put(id: string, ...values: string[]): this {
    const characteristic = { id, value: values.map((value) => ({ value })) };
    return this.with({ serviceCharacteristic: upsert(this.state.serviceCharacteristic, characteristic, "id") });
  }
  protected toggle(argument: string, ids: readonly unknown[], enabled: unknown): this {
    if (typeof enabled !== "boolean") throw new InvalidArgumentError(`${argument}.enabled`, "must be a boolean");
    let feature = this.state.feature;
    for (const id of ids) feature = upsert(feature, { id: requireString(`${argument}.id`, id), isEnabled: enabled }, "id");
    return this.with({ feature });
  }
  /** Relates the service to another; a later relationship of the same type replaces it. */
  protected relate(relationshipType: NonNullable<ServiceRelationship["relationshipType"]>, serviceId: string): this {
    return this.with({ serviceRelationship: upsert(this.state.serviceRelationship, { relationshipType, service: { id: serviceId } }, "relationshipType") });
  }
  characteristic(id: string, value: string | number | readonly (string | number)[]): this {
    const key = requireString("characteristic.id", id);
    const values: readonly unknown[] = Array.isArray(value) ? value : [value];
    if (values.length === 0) throw new InvalidArgumentError("characteristic.value", "must have at least one value");
    return this.put(key, ...values.map((v) => wireValue("characteristic.value", v)));
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
    return this.with({ externalIdentifier: added(this.state.externalIdentifier, identifier) });
  }
  relatedParty(role: string, partyId: string): this {
    return this.party("relatedParty", role, partyId);
  }
}

function entryOf(item: unknown): OrderEntry {
  if (item instanceof ItemBuilder) return item[ENTRY]();
  if (!item || typeof item !== "object") throw new InvalidArgumentError("item", "must be an item builder or a plain item");
  // A builder from another copy of the SDK: its build() is all we can rely on.
  const plain = copy(typeof (item as { build?: unknown }).build === "function" ? (item as { build(): unknown }).build() : item) as ServiceOrderItemCreate;
  const explicitId = optionalString("item.id", (plain as { id?: unknown }).id);
  const rest: Partial<ServiceOrderItemCreate> = { ...plain };
  delete rest.id;
  return { explicitId, build: (id) => ({ ...copy(rest), id }) as ServiceOrderItemCreate };
}

interface OrderState {
  readonly externalReference: readonly ExternalReferenceCreate[];
  readonly relatedParty: readonly RelatedParty[];
  readonly priority?: string;
  readonly items: readonly OrderEntry[];
}

/** @internal A service order: references, parties, priority and items. */
export class OrderBuilder extends Builder<OrderState> {
  constructor(state: OrderState = { externalReference: NONE, relatedParty: NONE, items: NONE }) {
    super(state);
  }
  externalReference(id: string, options: { name: string; type?: string }): this {
    const reference: ExternalReferenceCreate = { id: requireString("externalReference.id", id), name: requireString("externalReference.name", options?.name) };
    const type = optionalString("externalReference.type", options?.type);
    if (type !== undefined) reference.externalReferenceType = type;
    return this.with({ externalReference: added(this.state.externalReference, reference) });
  }
  relatedParty(role: string, partyId: string): this {
    return this.party("relatedParty", role, partyId);
  }
  priority(value: string): this {
    return this.with({ priority: requireString("priority.value", value) });
  }
  /** Appends an item: a builder, or a plain item (copied now, so later changes to it are not seen). */
  item(item: ItemBuilder | ServiceOrderItemCreate): this {
    return this.with({ items: added(this.state.items, entryOf(item)) });
  }
  /** Items without an explicit id are numbered "1", "2", ... skipping ids other items use explicitly. */
  build(): ServiceOrderCreate {
    const { externalReference, relatedParty, priority, items } = this.state;
    const taken = new Set(items.map((item) => item.explicitId));
    let next = 1;
    const serviceOrderItem = items.map((item) => {
      if (item.explicitId !== undefined) return item.build(item.explicitId);
      while (taken.has(String(next))) next++;
      return item.build(String(next++));
    });
    const header = {
      ...(externalReference.length > 0 ? { externalReference } : {}),
      ...(relatedParty.length > 0 ? { relatedParty } : {}),
      ...(priority === undefined ? {} : { priority }),
    };
    return { ...(copy(header) as Omit<ServiceOrderCreate, "serviceOrderItem">), serviceOrderItem };
  }
}
