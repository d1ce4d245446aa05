// Service order builders. Golden values are the Giacom document's request examples as the spec
// copies them (spec.components.examples), or JSON written out by hand from the document's text
// for the cases it describes without an example. Nothing expected here comes from the builders.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  addBoltOn,
  addService,
  ceaseBoltOn,
  ceaseService,
  InvalidArgumentError,
  modifyService,
  serviceOrder,
  type ServiceOrderCreate,
  type ServiceOrderItemCreate,
} from "giacom-sdk";
import { createValidator, loadSpec, type Spec } from "../spec/spec-helpers.js";

const spec: Spec = loadSpec();
const documented = (name: string) => {
  const example = spec.components.examples[name];
  if (!example) throw new Error(`no example ${name} in the spec`);
  return example;
};
const validate = createValidator(spec, { closed: true });
const ORDER_SCHEMA = { $ref: "#/components/schemas/ServiceOrder_FVO" };
const ITEM_SCHEMA = { $ref: "#/components/schemas/ServiceOrderItem_FVO" };

const LIVE = "dd5244e1-13e3-45a5-b2f0-47b111a65142";

/** The order header every documented example shares: the client's order id and distributor. */
const acme = (orderId: string) => serviceOrder().externalReference(orderId, { type: "order_id", name: "ACME Comms" }).distributor("ACME Comms");

/** `{ id, value: [{ value }] }`, written out once so the hand-written golden JSON stays readable. */
const c = (id: string, value: string) => ({ id, value: [{ value }] });
const f = (id: string, isEnabled: boolean) => ({ id, isEnabled });
const modifyOrder = (service: Record<string, unknown>) => ({ serviceOrderItem: [{ id: "1", action: "modify", service: { id: LIVE, ...service } }] });

function argumentOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect((e as InvalidArgumentError).code).toBe("INVALID_ARGUMENT");
    return (e as InvalidArgumentError).argument;
  }
  throw new Error("expected an InvalidArgumentError, nothing was thrown");
}

// Builder code written the way a user would write it, one per complete documented request.
const complete: Record<string, () => ServiceOrderCreate> = {
  ServiceOrderNewLineO2: () =>
    acme("5001")
      .item(
        addService("MOBILE_VOICE_SRV_GIACOM_O2")
          .externalIdentifier("123", { owner: "ACME Comms", type: "service_id" })
          .distributor("ACME Comms")
          .billLimit(100)
          .tariff("62231")
          .simType("triple")
          .simSerial("8944201122334455667")
          .enable("BAR_PREMIUM", "BAR_ROAMING", "NET_CONF_CALL", "NET_SRV_MMS", "NET_SRV_WIFI_CALL", "APN_INTERNET", "APN_IPHONE_985"),
      )
      .build(),
  ServiceOrderPortInVodafoneESim: () =>
    acme("1002")
      .item(
        addService("MOBILE_VOICE_SRV_GIACOM_VF", 1)
          .distributor("ACME Comms")
          .billLimit(100)
          .tariff("55638")
          .portIn({ subscriberNumber: "07400123456", pac: "VUK123456", portDate: new Date("2025-02-12T16:06:44.318Z") })
          .simType("e_sim")
          .simSerial("8944112233445566778")
          .esimDelivery({ email: "someone@email.com", contactName: "someone" })
          .enable("BAR_PREMIUM", "BAR_ROAMING", "NET_CONF_CALL", "NET_SRV_MMS", "NET_SRV_WIFI_CALL", "APN_INTERNET", "APN_TETHERING"),
      )
      .build(),
  ServiceOrderAddBoltOn: () =>
    acme("1007")
      .item(
        addBoltOn("GIACOM_O2_DATA_BOLT_ON", { to: LIVE })
          .externalIdentifier("123", { owner: "ACME Comms", type: "service-id" })
          .distributor("ACME Comms")
          .characteristic("BOLTON_TARIFF", "WODDTU1"),
      )
      .build(),
  ServiceOrderCeaseBoltOn: () => acme("1017").item(ceaseBoltOn("7")).build(),
  ServiceOrderChangeBars: () => acme("5003").item(modifyService(LIVE).disable("BAR_ROAMING").enable("BAR_INWHENROAM", "BAR_OUTWHENROAM")).build(),
  ServiceOrderChangeNetworkServices: () => acme("5004").item(modifyService(LIVE).disable("NET_CONF_CALL", "NET_SRV_WIFI_CALL")).build(),
  ServiceOrderChangeApn: () => acme("5002").item(modifyService(LIVE).disable("APN_IPHONE_985").enable("APN_IPHONE_986")).build(),
  ServiceOrderCeaseService: () =>
    acme("5010")
      .item(ceaseService(LIVE, { endDate: new Date(Date.UTC(2025, 8, 1)) }))
      .build(),
  ServiceOrderSimSwap: () =>
    acme("5005")
      .item(modifyService(LIVE).simSwap({ simType: "triple", simSerial: "8944201122334455669" }))
      .build(),
  ServiceOrderConvertVoiceToData: () =>
    acme("5009")
      .item(
        modifyService(LIVE)
          .changeSpecification("MOBILE_DATA_SRV_GIACOM_O2")
          .billLimit(100)
          .tariff("62225")
          .simType("triple")
          .simSerial("8944201122334455669")
          .subscriberNumber("07800987654")
          .resume()
          .disable("BAR_ADMIN")
          .enable("BAR_PREMIUM")
          .disable("BAR_ROAMING")
          .enable("BAR_INWHENROAM", "BAR_OUTWHENROAM")
          .disable("NET_CONF_CALL")
          .enable("NET_SRV_MMS")
          .disable("NET_SRV_WIFI_CALL")
          .enable("APN_INTERNET")
          .disable("APN_IPHONE_985")
          .enable("APN_IPHONE_986"),
      )
      .build(),
};

// The document cuts these short ("..."): only the item, as far as the snippet shows it.
const snippets: Record<string, () => ServiceOrderCreate> = {
  ServiceOrderBillLimitOnProvisioning: () => serviceOrder().item(addService("MOBILE_VOICE_SRV_GIACOM_O2").billLimit(100)).build(),
  ServiceOrderBillLimitSet: () => serviceOrder().item(modifyService(LIVE).billLimit(100)).build(),
  ServiceOrderBillLimitClear: () => serviceOrder().item(modifyService(LIVE).clearBillLimit()).build(),
};

describe("the documented request examples", () => {
  it("are all covered: every example of the POST /serviceOrder request body is built below", () => {
    const media = (spec.paths["/serviceOrder"]!.post!.requestBody as { content: Record<string, { examples: Record<string, { $ref: string }> }> }).content[
      "application/json"
    ]!;
    const names = Object.values(media.examples).map((ref) => ref.$ref.split("/").pop());
    expect(names.sort()).toEqual([...Object.keys(complete), ...Object.keys(snippets)].sort());
    for (const name of Object.keys(snippets)) expect(documented(name)["x-partial"]).toBe(true);
    for (const name of Object.keys(complete)) expect(documented(name)["x-partial"]).toBeUndefined();
  });

  it.each(Object.keys(complete))("%s is built exactly by the builders", (name) => {
    const built = complete[name]!();
    expect(built).toEqual(documented(name).value);
    expect(validate(ORDER_SCHEMA, built)).toEqual([]);
  });

  it("ServiceOrderBillLimitOnProvisioning: the add item carries the snippet's BILL_LIMIT (the document elides the specification and features)", () => {
    const built = snippets.ServiceOrderBillLimitOnProvisioning!();
    const snippet = documented("ServiceOrderBillLimitOnProvisioning").value as { serviceOrderItem: [{ service: { serviceCharacteristic: unknown } }] };
    expect(built).toMatchObject(snippet);
    expect(built.serviceOrderItem[0]!.service.serviceCharacteristic).toEqual(snippet.serviceOrderItem[0].service.serviceCharacteristic);
  });

  it.each(["ServiceOrderBillLimitSet", "ServiceOrderBillLimitClear"])(
    "%s: the item list is exactly the snippet's (only the order header is elided)",
    (name) => {
      const built = snippets[name]!();
      expect(built.serviceOrderItem).toEqual((documented(name).value as { serviceOrderItem: unknown }).serviceOrderItem);
      expect(validate(ORDER_SCHEMA, built)).toEqual([]);
    },
  );

  it("a bill limit given as a string, or an end date given as a string, is sent as given", () => {
    expect(serviceOrder().item(modifyService(LIVE).billLimit("100")).build().serviceOrderItem).toEqual(
      (documented("ServiceOrderBillLimitSet").value as { serviceOrderItem: unknown }).serviceOrderItem,
    );
    expect(
      acme("5010")
        .item(ceaseService(LIVE, { endDate: "2025-09-01T00:00:00.000Z" }))
        .build(),
    ).toEqual(documented("ServiceOrderCeaseService").value);
  });
});

describe("immutability", () => {
  it("every order method returns a new builder and leaves the one it was called on unchanged", () => {
    const base = serviceOrder().distributor("ACME Comms");
    const before = base.build();
    const withRef = base.externalReference("1", { type: "order_id", name: "ACME Comms" });
    const withItem = base.item(ceaseBoltOn("7"));
    const withPriority = base.priority("high");
    expect(new Set([base, withRef, withItem, withPriority]).size).toBe(4);
    expect(base.build()).toEqual(before);
    expect(before).toEqual({ relatedParty: [{ role: "distributor", partyOrPartyRole: { id: "ACME Comms" } }], serviceOrderItem: [] });
    expect(withPriority.build()).toEqual({ ...before, priority: "high" });
  });

  it("two calls on the same base builder give independent results", () => {
    const base = modifyService(LIVE).tariff("62225");
    const a = base.enable("BAR_PREMIUM").characteristic("BILL_LIMIT", 50);
    const b = base.disable("BAR_PREMIUM").simSerial("8944201122334455669");
    expect(base.build()).toEqual({ id: "1", action: "modify", service: { id: LIVE, serviceCharacteristic: [c("TARIFF", "62225")] } });
    expect(a.build()).toEqual({
      id: "1",
      action: "modify",
      service: { id: LIVE, serviceCharacteristic: [c("TARIFF", "62225"), c("BILL_LIMIT", "50")], feature: [f("BAR_PREMIUM", true)] },
    });
    expect(b.build()).toEqual({
      id: "1",
      action: "modify",
      service: { id: LIVE, serviceCharacteristic: [c("TARIFF", "62225"), c("SIM_SERIAL", "8944201122334455669")], feature: [f("BAR_PREMIUM", false)] },
    });

    const order = serviceOrder().externalReference("A", { name: "ACME Comms" });
    const one = order.item(ceaseBoltOn("1"));
    const two = order.item(ceaseBoltOn("2")).item(ceaseBoltOn("3"));
    expect(one.build().serviceOrderItem).toHaveLength(1);
    expect(two.build().serviceOrderItem).toHaveLength(2);
    expect(order.build().serviceOrderItem).toEqual([]);
  });

  it("build() returns a fresh plain object each time, so changing one changes neither the builder nor other builds", () => {
    const builder = serviceOrder()
      .externalReference("5001", { name: "ACME Comms" })
      .distributor("ACME Comms")
      .item(addService("X").tariff("1").enable("A").distributor("P"))
      .item({ id: "7", action: "modify", service: { id: LIVE, feature: [{ id: "BAR_PREMIUM", isEnabled: true }] } });
    const first = builder.build();
    first.serviceOrderItem[1]!.service.feature![0]!.isEnabled = false;
    first.externalReference![0]!.id = "changed";
    first.relatedParty![0]!.partyOrPartyRole!.id = "changed";
    first.serviceOrderItem[0]!.service.serviceCharacteristic![0]!.value[0]!.value = "changed";
    first.serviceOrderItem[0]!.service.feature![0]!.isEnabled = false;
    first.serviceOrderItem[0]!.service.relatedParty!.push({ role: "x" });
    first.serviceOrderItem.push({ id: "9", action: "delete", service: { id: "9" } });
    const second = builder.build();
    expect(second).not.toBe(first);
    expect(second).toEqual({
      externalReference: [{ id: "5001", name: "ACME Comms" }],
      relatedParty: [{ role: "distributor", partyOrPartyRole: { id: "ACME Comms" } }],
      serviceOrderItem: [
        {
          id: "1",
          action: "add",
          service: {
            serviceSpecification: { id: "X", version: "1" },
            relatedParty: [{ role: "distributor", partyOrPartyRole: { id: "P" } }],
            serviceCharacteristic: [c("TARIFF", "1")],
            feature: [f("A", true)],
          },
        },
        { id: "7", action: "modify", service: { id: LIVE, feature: [f("BAR_PREMIUM", true)] } },
      ],
    });
  });

  it("a later characteristic or feature with the same id replaces the earlier one in its position", () => {
    const item = addService("S")
      .tariff("1")
      .billLimit(10)
      .characteristic("TARIFF", ["2", 3])
      .billLimit(20)
      .enable("A", "B")
      .feature("A", false)
      .enable("A", "C")
      .build();
    expect(item.service.serviceCharacteristic).toEqual([{ id: "TARIFF", value: [{ value: "2" }, { value: "3" }] }, c("BILL_LIMIT", "20")]);
    expect(item.service.feature).toEqual([f("A", true), f("B", true), f("C", true)]);
  });
});

describe("items in an order", () => {
  it("items without an explicit id are numbered 1, 2, ... in order, skipping ids used explicitly anywhere in the order", () => {
    const order = serviceOrder()
      .item(ceaseBoltOn("a"))
      .item(ceaseBoltOn("b").id("1"))
      .item(modifyService("c").suspend())
      .item({ id: "3", action: "delete", service: { id: "d" } })
      .item(addService("S").id("x"))
      .item(addBoltOn("B", { to: "c" }))
      .build();
    expect(order.serviceOrderItem.map((item) => [item.id, item.action])).toEqual([
      ["2", "delete"],
      ["1", "delete"],
      ["4", "modify"],
      ["3", "delete"],
      ["x", "add"],
      ["5", "add"],
    ]);
  });

  it("item builders given explicit ids keep them in the order and in their own build()", () => {
    expect(modifyService(LIVE).id("7").suspend().build().id).toBe("7");
    expect(ceaseService(LIVE).id("2").build()).toEqual({ id: "2", action: "delete", service: { id: LIVE } });
    expect(
      serviceOrder()
        .item(ceaseService(LIVE).id("2"))
        .item(ceaseBoltOn("7"))
        .build()
        .serviceOrderItem.map((i) => i.id),
    ).toEqual(["2", "1"]);
  });

  it("accepts a plain ServiceOrderItemCreate, copied when added so later changes to it are not seen", () => {
    const plain: ServiceOrderItemCreate = { id: "1", action: "modify", service: { id: LIVE, feature: [{ id: "BAR_PREMIUM", isEnabled: true }] } };
    const builder = serviceOrder().item(plain).item(ceaseBoltOn("7"));
    plain.service.feature![0]!.isEnabled = false;
    plain.id = "9";
    const order = builder.build();
    expect(order).toEqual({
      serviceOrderItem: [
        { id: "1", action: "modify", service: { id: LIVE, feature: [f("BAR_PREMIUM", true)] } },
        { id: "2", action: "delete", service: { id: "7" } },
      ],
    });
    expect(order.serviceOrderItem[0]).not.toBe(plain);
  });

  it("puts several items, order parties and references in one order", () => {
    const order = serviceOrder()
      .externalReference("PO-42", { type: "order_id", name: "ACME Comms" })
      .externalReference("crm-7", { name: "CRM" })
      .relatedParty("distributor", "ACME Comms")
      .relatedParty("reseller", "Shop")
      .priority("1")
      .item(addBoltOn("GIACOM_O2_DATA_BOLT_ON", { to: LIVE, version: 2 }).characteristic("BOLTON_TARIFF", "WODDTU5"))
      .item(modifyService(LIVE).disable("BAR_ROAMING"))
      .item(ceaseBoltOn("7"))
      .build();
    expect(order).toEqual({
      externalReference: [
        { id: "PO-42", name: "ACME Comms", externalReferenceType: "order_id" },
        { id: "crm-7", name: "CRM" },
      ],
      relatedParty: [
        { role: "distributor", partyOrPartyRole: { id: "ACME Comms" } },
        { role: "reseller", partyOrPartyRole: { id: "Shop" } },
      ],
      priority: "1",
      serviceOrderItem: [
        {
          id: "1",
          action: "add",
          service: {
            serviceSpecification: { id: "GIACOM_O2_DATA_BOLT_ON", version: "2" },
            serviceRelationship: [{ relationshipType: "addon_for", service: { id: LIVE } }],
            serviceCharacteristic: [c("BOLTON_TARIFF", "WODDTU5")],
            feature: [],
          },
        },
        { id: "2", action: "modify", service: { id: LIVE, feature: [f("BAR_ROAMING", false)] } },
        { id: "3", action: "delete", service: { id: "7" } },
      ],
    });
    expect(validate(ORDER_SCHEMA, order)).toEqual([]);
  });

  it("an add item always carries its characteristic and feature lists, a modify item only those it sets", () => {
    expect(addService("S").build()).toEqual({
      id: "1",
      action: "add",
      service: { serviceSpecification: { id: "S", version: "1" }, serviceCharacteristic: [], feature: [] },
    });
    expect(modifyService(LIVE).build()).toEqual({ id: "1", action: "modify", service: { id: LIVE } });
    expect(addService("S").addonFor("a").addonFor("b").build().service.serviceRelationship).toEqual([{ relationshipType: "addon_for", service: { id: "b" } }]);
  });
});

// The document describes these without a full example; the expected JSON is written from its text.
describe("cases the document describes without an example", () => {
  const expectItem = (built: ServiceOrderItemCreate, expected: unknown) => {
    expect(built).toEqual(expected);
    expect(validate(ITEM_SCHEMA, built)).toEqual([]);
  };

  it("a Vodafone eSIM new line sends the delivery email and contact name and no SIM serial", () => {
    const item = addService("MOBILE_VOICE_SRV_GIACOM_VF")
      .distributor("ACME Comms")
      .tariff("55638")
      .simType("e_sim")
      .esimDelivery({ email: "someone@email.com", contactName: "someone" })
      .enable("APN_INTERNET")
      .build();
    expectItem(item, {
      id: "1",
      action: "add",
      service: {
        serviceSpecification: { id: "MOBILE_VOICE_SRV_GIACOM_VF", version: "1" },
        relatedParty: [{ role: "distributor", partyOrPartyRole: { id: "ACME Comms" } }],
        serviceCharacteristic: [c("TARIFF", "55638"), c("SIM_TYPE", "e_sim"), c("ESIM_DELIVERY_EMAIL", "someone@email.com"), c("ESIM_CONTACT_NAME", "someone")],
        feature: [f("APN_INTERNET", true)],
      },
    });
  });

  describe("SIM swap, every case of the document's table", () => {
    const swap = (characteristics: unknown[]) => ({ id: "1", action: "modify", service: { id: LIVE, serviceCharacteristic: characteristics } });

    it("O2, any case: the new serial, and the SIM type only when it changes", () => {
      expectItem(modifyService(LIVE).simSwap({ simSerial: "8944201122334455669" }).build(), swap([c("SIM_SERIAL", "8944201122334455669")]));
      expectItem(
        modifyService(LIVE).simSwap({ simSerial: "8944201122334455669", simType: "e_sim" }).build(),
        swap([c("SIM_TYPE", "e_sim"), c("SIM_SERIAL", "8944201122334455669")]),
      );
    });

    it("Vodafone triple to triple: the new serial; the SIM type is optional", () => {
      expectItem(modifyService(LIVE).simSwap({ simSerial: "8944112233445566779" }).build(), swap([c("SIM_SERIAL", "8944112233445566779")]));
      expectItem(
        modifyService(LIVE).simSwap({ simType: "triple", simSerial: "8944112233445566779" }).build(),
        swap([c("SIM_TYPE", "triple"), c("SIM_SERIAL", "8944112233445566779")]),
      );
    });

    it("Vodafone triple to eSIM: SIM type e_sim with delivery email and contact name, and no serial (Vodafone creates the eSIM)", () => {
      expectItem(
        modifyService(LIVE)
          .simSwap({ simType: "e_sim", esimDelivery: { email: "someone@email.com", contactName: "someone" } })
          .build(),
        swap([c("SIM_TYPE", "e_sim"), c("ESIM_DELIVERY_EMAIL", "someone@email.com"), c("ESIM_CONTACT_NAME", "someone")]),
      );
    });

    it("Vodafone eSIM to triple: the new serial and SIM type triple; the delivery details omitted or sent blank", () => {
      expectItem(
        modifyService(LIVE).simSwap({ simSerial: "8944112233445566779", simType: "triple" }).build(),
        swap([c("SIM_TYPE", "triple"), c("SIM_SERIAL", "8944112233445566779")]),
      );
      expectItem(
        modifyService(LIVE)
          .simSwap({ simSerial: "8944112233445566779", simType: "triple", esimDelivery: { email: "", contactName: "" } })
          .build(),
        swap([c("SIM_TYPE", "triple"), c("SIM_SERIAL", "8944112233445566779"), c("ESIM_DELIVERY_EMAIL", ""), c("ESIM_CONTACT_NAME", "")]),
      );
    });

    it("Vodafone eSIM to eSIM: SIM type e_sim and no serial; the delivery details replaced, or left out to reuse them", () => {
      expectItem(modifyService(LIVE).simSwap({ simType: "e_sim" }).build(), swap([c("SIM_TYPE", "e_sim")]));
      expectItem(
        modifyService(LIVE)
          .simSwap({ simType: "e_sim", esimDelivery: { email: "new@email.com" } })
          .build(),
        swap([c("SIM_TYPE", "e_sim"), c("ESIM_DELIVERY_EMAIL", "new@email.com")]),
      );
      expectItem(
        modifyService(LIVE)
          .simSwap({ simType: "e_sim", esimDelivery: { email: "new@email.com", contactName: "New Name" } })
          .build(),
        swap([c("SIM_TYPE", "e_sim"), c("ESIM_DELIVERY_EMAIL", "new@email.com"), c("ESIM_CONTACT_NAME", "New Name")]),
      );
    });
  });

  it("data only back to voice and data: the voice specification with its characteristics", () => {
    const item = modifyService(LIVE)
      .changeSpecification("MOBILE_VOICE_SRV_GIACOM_O2", 1)
      .tariff("62231")
      .simType("triple")
      .simSerial("8944201122334455669")
      .subscriberNumber("07800987654")
      .build();
    expectItem(item, {
      id: "1",
      action: "modify",
      service: {
        id: LIVE,
        serviceSpecification: { id: "MOBILE_VOICE_SRV_GIACOM_O2", version: "1" },
        serviceCharacteristic: [c("TARIFF", "62231"), c("SIM_TYPE", "triple"), c("SIM_SERIAL", "8944201122334455669"), c("SUBSCRIBER_NUMBER", "07800987654")],
      },
    });
  });

  it("suspend and resume set the SERVICE_SUSPENSION feature on and off", () => {
    expect(acme("6001").item(modifyService(LIVE).suspend()).build()).toEqual({
      externalReference: [{ id: "6001", externalReferenceType: "order_id", name: "ACME Comms" }],
      relatedParty: [{ role: "distributor", partyOrPartyRole: { id: "ACME Comms" } }],
      ...modifyOrder({ feature: [f("SERVICE_SUSPENSION", true)] }),
    });
    expect(serviceOrder().item(modifyService(LIVE).resume()).build()).toEqual(modifyOrder({ feature: [f("SERVICE_SUSPENSION", false)] }));
    expect(modifyService(LIVE).suspend().resume().build().service.feature).toEqual([f("SERVICE_SUSPENSION", false)]);
  });

  it("bill limit: set, change and clear on a live service", () => {
    expect(serviceOrder().item(modifyService(LIVE).billLimit(50)).build()).toEqual(modifyOrder({ serviceCharacteristic: [c("BILL_LIMIT", "50")] }));
    expect(serviceOrder().item(modifyService(LIVE).billLimit(50).billLimit("75.5")).build()).toEqual(
      modifyOrder({ serviceCharacteristic: [c("BILL_LIMIT", "75.5")] }),
    );
    expect(serviceOrder().item(modifyService(LIVE).billLimit(50).clearBillLimit()).build()).toEqual(
      modifyOrder({ serviceCharacteristic: [c("BILL_LIMIT", "0")] }),
    );
    expect(serviceOrder().item(modifyService(LIVE).clearBillLimit().enable("BAR_PREMIUM")).build()).toEqual(
      modifyOrder({ serviceCharacteristic: [c("BILL_LIMIT", "0")], feature: [f("BAR_PREMIUM", true)] }),
    );
  });

  it("a new line without a bill limit sends no BILL_LIMIT", () => {
    expect(addService("MOBILE_VOICE_SRV_GIACOM_O2").tariff("62231").build().service.serviceCharacteristic).toEqual([c("TARIFF", "62231")]);
  });
});

describe("bad input throws InvalidArgumentError naming the argument", () => {
  it.each<[string, () => unknown]>([
    ["addService.specificationId", () => addService("")],
    ["addService.version", () => addService("S", "")],
    ["addService.version", () => addService("S", Number.NaN)],
    ["modifyService.serviceId", () => modifyService("")],
    ["ceaseService.serviceId", () => ceaseService("")],
    ["ceaseService.endDate", () => ceaseService(LIVE, { endDate: new Date("not a date") })],
    ["ceaseService.endDate", () => ceaseService(LIVE, { endDate: "" })],
    ["addBoltOn.boltOnSpecificationId", () => addBoltOn("", { to: LIVE })],
    ["addBoltOn.to", () => addBoltOn("B", { to: "" })],
    ["addBoltOn.to", () => addBoltOn("B", undefined as unknown as { to: string })],
    ["addBoltOn.version", () => addBoltOn("B", { to: LIVE, version: Number.POSITIVE_INFINITY })],
    ["ceaseBoltOn.boltOnServiceId", () => ceaseBoltOn("")],
    ["id.itemId", () => modifyService(LIVE).id("")],
    ["id.itemId", () => ceaseBoltOn("7").id("")],
    ["characteristic.id", () => addService("S").characteristic("", "1")],
    ["characteristic.value", () => addService("S").characteristic("X", Number.NaN)],
    ["characteristic.value", () => addService("S").characteristic("X", [])],
    ["characteristic.value", () => addService("S").characteristic("X", [null as unknown as string])],
    ["feature.id", () => addService("S").feature("", true)],
    ["feature.enabled", () => addService("S").feature("A", "yes" as unknown as boolean)],
    ["enable.id", () => modifyService(LIVE).enable("A", "")],
    ["disable.id", () => modifyService(LIVE).disable("")],
    ["externalIdentifier.id", () => addService("S").externalIdentifier("")],
    ["externalIdentifier.owner", () => addService("S").externalIdentifier("1", { owner: "" })],
    ["relatedParty.role", () => addService("S").relatedParty("", "P")],
    ["relatedParty.partyId", () => modifyService(LIVE).relatedParty("r", "")],
    ["distributor.partyId", () => addService("S").distributor("")],
    ["billLimit.amount", () => modifyService(LIVE).billLimit(Number.NaN)],
    ["billLimit.amount", () => modifyService(LIVE).billLimit("")],
    ["billLimit.amount", () => modifyService(LIVE).billLimit("a hundred")],
    ["tariff.code", () => addService("S").tariff("")],
    ["simType.type", () => addService("S").simType("" as "triple")],
    ["simSerial.iccid", () => addService("S").simSerial("")],
    ["subscriberNumber.msisdn", () => addService("S").subscriberNumber("")],
    ["pac.pac", () => addService("S").pac("")],
    ["portDate.date", () => addService("S").portDate(new Date(Number.NaN))],
    ["portDate.date", () => addService("S").portDate("")],
    ["esimDelivery.email", () => addService("S").esimDelivery({ email: "", contactName: "Jo" })],
    ["esimDelivery.contactName", () => addService("S").esimDelivery({ email: "jo@example.com", contactName: "" })],
    ["portIn.subscriberNumber", () => addService("S").portIn({ subscriberNumber: "", pac: "VUK123456", portDate: "2025-02-12T16:06:44.318Z" })],
    ["portIn.pac", () => addService("S").portIn({ subscriberNumber: "07400123456", pac: "", portDate: "2025-02-12T16:06:44.318Z" })],
    ["portIn.portDate", () => addService("S").portIn({ subscriberNumber: "07400123456", pac: "VUK123456", portDate: new Date("2025-13-45") })],
    ["addonFor.serviceId", () => addService("S").addonFor("")],
    ["changeSpecification.specificationId", () => modifyService(LIVE).changeSpecification("")],
    ["changeSpecification.version", () => modifyService(LIVE).changeSpecification("S", Number.NaN)],
    ["simSwap.swap", () => modifyService(LIVE).simSwap({})],
    ["simSwap.swap", () => modifyService(LIVE).simSwap({ esimDelivery: { email: "a@b.c" } })],
    ["simSwap.simSerial", () => modifyService(LIVE).simSwap({ simSerial: "" })],
    ["simSwap.esimDelivery.email", () => modifyService(LIVE).simSwap({ simType: "e_sim", esimDelivery: { email: 1 as unknown as string } })],
    ["externalReference.id", () => serviceOrder().externalReference("", { name: "ACME Comms" })],
    ["externalReference.name", () => serviceOrder().externalReference("1", {} as { name: string })],
    ["externalReference.name", () => serviceOrder().externalReference("1", undefined as unknown as { name: string })],
    ["externalReference.type", () => serviceOrder().externalReference("1", { type: "", name: "ACME Comms" })],
    ["priority.value", () => serviceOrder().priority("")],
    ["distributor.partyId", () => serviceOrder().distributor("")],
    ["item", () => serviceOrder().item(null as unknown as ServiceOrderItemCreate)],
    ["item.id", () => serviceOrder().item({ id: "", action: "delete", service: { id: "7" } })],
  ])("%s", (argument, call) => {
    expect(argumentOf(call)).toBe(argument);
  });

  it("the message says what is wrong", () => {
    expect(() => modifyService(LIVE).billLimit(Number.NaN)).toThrow("Invalid argument billLimit.amount: must be a finite number, got NaN");
    expect(() => addService("")).toThrow("Invalid argument addService.specificationId: must be a non-empty string");
  });

  it("a failed call leaves the builder it was called on usable and unchanged", () => {
    const base = modifyService(LIVE).billLimit(10);
    expect(() => base.portIn({ subscriberNumber: "07400123456", pac: "", portDate: "2025-02-12T16:06:44.318Z" })).toThrow(InvalidArgumentError);
    expect(base.build()).toEqual({ id: "1", action: "modify", service: { id: LIVE, serviceCharacteristic: [c("BILL_LIMIT", "10")] } });
  });
});

describe("types", () => {
  it("build() returns the plain generated request types", () => {
    expectTypeOf(serviceOrder().build()).toEqualTypeOf<ServiceOrderCreate>();
    expectTypeOf(addService("S").build()).toEqualTypeOf<ServiceOrderItemCreate>();
    expectTypeOf(modifyService(LIVE).build()).toEqualTypeOf<ServiceOrderItemCreate>();
    expectTypeOf(ceaseService(LIVE).build()).toEqualTypeOf<ServiceOrderItemCreate>();
    expectTypeOf(addBoltOn("B", { to: LIVE }).tariff("1").build()).toEqualTypeOf<ServiceOrderItemCreate>();
  });

  it("shared methods keep the builder's kind, so add-only and modify-only methods stay reachable", () => {
    expectTypeOf(addService("S").tariff("1").enable("A")).toHaveProperty("addonFor");
    expectTypeOf(modifyService(LIVE).tariff("1").disable("A")).toHaveProperty("simSwap");
    // @ts-expect-error: an add item cannot be suspended
    void (() => addService("S").suspend());
    // @ts-expect-error: a modify item is not a bolt-on
    void (() => modifyService(LIVE).addonFor(LIVE));
    // @ts-expect-error: SIM types are the catalogue's
    void (() => addService("S").simType("nano"));
  });
});
