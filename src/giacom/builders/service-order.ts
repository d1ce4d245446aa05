// Fluent builders for Giacom service orders: optional sugar over the plain ServiceOrderCreate,
// which every API also accepts. This module is Giacom's vocabulary (its specifications'
// characteristics, SIM swaps, bolt-ons, the distributor party) over the generic TMF order
// assembly of tmf-service-order.ts. Arguments are checked for shape only. What a specification
// allows (per-network SIM swap rules, tariffs, bars that exclude each other) is validation's
// job, because validation also has to judge orders written by hand.
import { InvalidArgumentError, requireString } from "../../core/errors.js";
import type { ServiceOrderCreate, ServiceOrderItemCreate } from "../types.js";
import { dateTime, numeric, optionalString, optionalText, versionString } from "./arguments.js";
import { ConfigurableItem, ItemBuilder, itemState, OrderBuilder } from "./tmf-service-order.js";

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
 * const order = serviceOrder().externalReference("5001", { type: "order_id", name: "ACME Comms" }).item(ceaseBoltOn("7")).build();
 * ```
 * @group Builders
 */
export interface ServiceOrderBuilder {
  /**
   * Adds a reference for the client's own use, e.g. its order id; Giacom only removes duplicates.
   * `name` is required (TMF641 requires it; the document shows it in every example).
   * @example
   * ```ts
   * serviceOrder().externalReference("5001", { type: "order_id", name: "ACME Comms" });
   * ```
   */
  externalReference(id: string, options: { name: string; type?: string }): ServiceOrderBuilder;
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

// ---------- Giacom's vocabulary over the generic items

// The setters shared by add and modify items: Giacom's mobile characteristics and parties.
class MobileItem extends ConfigurableItem implements ServiceConfigurationBuilder {
  protected named(id: string, argument: string, value: unknown): this {
    return this.put(id, requireString(argument, value));
  }
  distributor(partyId: string): this {
    return this.party("distributor", "distributor", partyId);
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
}

class AddItem extends MobileItem implements AddServiceBuilder {
  addonFor(serviceId: string): AddServiceBuilder {
    return this.relate("addon_for", requireString("addonFor.serviceId", serviceId));
  }
}

class ModifyItem extends MobileItem implements ModifyServiceBuilder {
  changeSpecification(specificationId: string, version: string | number = "1"): ModifyServiceBuilder {
    const id = requireString("changeSpecification.specificationId", specificationId);
    return this.with({ serviceSpecification: { id, version: versionString("changeSpecification.version", version) } });
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
      throw new InvalidArgumentError("simSwap.swap", "needs a simSerial or a simType");
    }
    // SIM_TYPE before SIM_SERIAL, as in the documented SIM swap.
    const swapped: [string, string | undefined][] = [
      ["SIM_TYPE", optionalString("simSwap.simType", simType)],
      ["SIM_SERIAL", optionalString("simSwap.simSerial", simSerial)],
      ["ESIM_DELIVERY_EMAIL", optionalText("simSwap.esimDelivery.email", esimDelivery?.email)],
      ["ESIM_CONTACT_NAME", optionalText("simSwap.esimDelivery.contactName", esimDelivery?.contactName)],
    ];
    return swapped.reduce<this>((next, [id, value]) => (value === undefined ? next : next.put(id, value)), this);
  }
}

class GiacomOrder extends OrderBuilder implements ServiceOrderBuilder {
  distributor(partyId: string): this {
    return this.party("distributor", "distributor", partyId);
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
  return new AddItem(itemState("add", { serviceSpecification: { id, version: versionString("addService.version", version) } }));
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
  return new ModifyItem(itemState("modify", { serviceId: requireString("modifyService.serviceId", serviceId) }));
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
  return new ItemBuilder(itemState("delete", { serviceId: id, endDate }));
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
  const version = versionString("addBoltOn.version", options.version ?? "1");
  return new AddItem(itemState("add", { serviceSpecification: { id, version } })).addonFor(to);
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
  return new ItemBuilder(itemState("delete", { serviceId: requireString("ceaseBoltOn.boltOnServiceId", boltOnServiceId) }));
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
  return new GiacomOrder();
}
