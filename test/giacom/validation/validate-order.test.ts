// Every rule of local validation, on the document's catalogue and orders: each case states
// the exact issues expected, so a rule is shown catching what it should and nothing else.
import { describe, expect, it } from "vitest";
import { formatIssues, validateOrder, type Service, type ServiceOrderCreate, type ServiceSpecification, type ValidationContext } from "giacom-sdk";
import { DATA_BOLT_ON_O2, DOCUMENTED_ORDERS, documentedOrder, LINE_O2, SERVICES, SPECIFICATIONS, VOICE_O2 } from "../fixtures/catalogue.js";

const context: ValidationContext = { specifications: SPECIFICATIONS, services: SERVICES };

/** Issues as "severity CODE path" lines. */
function issues(order: unknown, ctx: ValidationContext = context): string[] {
  return validateOrder(order as ServiceOrderCreate, ctx).issues.map((i) => `${i.severity} ${i.code} ${i.path}`);
}

/** A documented order, changed by `edit`. */
function documented(name: string, edit: (order: any) => void = () => undefined): ServiceOrderCreate {
  const order = documentedOrder<any>(name);
  edit(order);
  return order;
}
const item0 = "serviceOrderItem[0]";
const chars = `${item0}.service.serviceCharacteristic`;
const characteristics = (order: any) => order.serviceOrderItem[0].service.serviceCharacteristic as { id: string; value: { value: unknown }[] }[];
const setValue = (order: any, id: string, value: unknown) => {
  characteristics(order).find((c) => c.id === id)!.value = [{ value }];
};
const without = (order: any, id: string) => {
  const list = characteristics(order);
  list.splice(
    list.findIndex((c) => c.id === id),
    1,
  );
};
const withSpec = (spec: ServiceSpecification): ValidationContext => ({
  specifications: SPECIFICATIONS.map((s) => (s.id === spec.id ? spec : s)),
  services: SERVICES,
});
const withServices = (...services: Service[]): ValidationContext => ({ specifications: SPECIFICATIONS, services: [...SERVICES, ...services] });

/** The O2 line as a Vodafone service with the given SIM. */
function vodafoneLine(simType: "triple" | "e_sim"): Service {
  const line = structuredClone(LINE_O2);
  line.id = "vf-line";
  line.serviceSpecification = { id: "MOBILE_VOICE_SRV_GIACOM_VF", version: "1" };
  line.serviceCharacteristic = [
    { id: "TARIFF", value: [{ value: "55629" }] },
    { id: "SIM_TYPE", value: [{ value: simType }] },
    { id: "SIM_SERIAL", value: [{ value: "8944112233445566778" }] },
    ...(simType === "e_sim"
      ? [
          { id: "ESIM_DELIVERY_EMAIL", value: [{ value: "someone@email.com" }] },
          { id: "ESIM_CONTACT_NAME", value: [{ value: "someone" }] },
        ]
      : []),
  ];
  line.feature = [];
  return line;
}
const swap = (serviceId: string, values: Record<string, string>): ServiceOrderCreate => ({
  serviceOrderItem: [
    { id: "1", action: "modify", service: { id: serviceId, serviceCharacteristic: Object.entries(values).map(([id, value]) => ({ id, value: [{ value }] })) } },
  ],
});

describe("the document's own orders", () => {
  it.each(DOCUMENTED_ORDERS)("%s validates clean against the documented catalogue", (name) => {
    const result = validateOrder(documentedOrder(name), context);
    expect(result.issues, formatIssues(result.issues)).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describe("the order's structure", () => {
  it("needs an object with at least one item", () => {
    expect(issues(null)).toEqual(["error INVALID_ORDER "]);
    expect(issues({ serviceOrderItem: [] })).toEqual(["error NO_ITEMS serviceOrderItem"]);
    expect(issues({})).toEqual(["error NO_ITEMS serviceOrderItem"]);
  });

  it("needs unique item ids", () => {
    const order = documented("ServiceOrderChangeBars", (o) => o.serviceOrderItem.push(structuredClone(o.serviceOrderItem[0])));
    expect(issues(order)).toEqual(["error DUPLICATE_ITEM_ID serviceOrderItem[1].id"]);
  });

  it("describes any value it is given without throwing (found by the property test)", () => {
    const hostile = { toString: [] };
    expect(issues(documented("ServiceOrderChangeBars", (o) => (o.serviceOrderItem[0].action = hostile)))).toEqual([`error UNSUPPORTED_ACTION ${item0}.action`]);
    expect(issues(documented("ServiceOrderChangeBars", (o) => o.externalReference.push({ id: hostile }, { id: hostile })))).toEqual([
      "warning DUPLICATE_EXTERNAL_REFERENCE externalReference[2]",
    ]);
  });

  it("knows only add, modify and delete", () => {
    expect(issues(documented("ServiceOrderChangeBars", (o) => (o.serviceOrderItem[0].action = "remove")))).toEqual([
      `error UNSUPPORTED_ACTION ${item0}.action`,
    ]);
    expect(issues(documented("ServiceOrderChangeBars", (o) => (o.serviceOrderItem[0].action = "noChange")))).toEqual([
      `warning UNSUPPORTED_ACTION ${item0}.action`,
    ]);
  });

  it("needs a specification to add and a service id to modify or delete", () => {
    expect(issues(documented("ServiceOrderNewLineO2", (o) => delete o.serviceOrderItem[0].service.serviceSpecification))).toEqual([
      `error MISSING_SPECIFICATION ${item0}.service.serviceSpecification`,
    ]);
    expect(issues(documented("ServiceOrderChangeBars", (o) => delete o.serviceOrderItem[0].service.id))).toEqual([
      `error MISSING_SERVICE_ID ${item0}.service.id`,
    ]);
    expect(issues(documented("ServiceOrderCeaseService", (o) => delete o.serviceOrderItem[0].service.id))).toEqual([
      `error MISSING_SERVICE_ID ${item0}.service.id`,
    ]);
    expect(issues(documented("ServiceOrderCeaseService", (o) => delete o.serviceOrderItem[0].service))).toEqual([`error MISSING_SERVICE ${item0}.service`]);
  });

  it("warns about what Giacom ignores and checks a cease's end date", () => {
    expect(issues(documented("ServiceOrderCeaseService", (o) => (o.serviceOrderItem[0].service.feature = [])))).toEqual([
      `warning IGNORED_FIELD ${item0}.service.feature`,
    ]);
    expect(issues(documented("ServiceOrderCeaseService", (o) => (o.serviceOrderItem[0].service.endDate = "1st September")))).toEqual([
      `error INVALID_VALUE_TYPE ${item0}.service.endDate`,
    ]);
    expect(issues(documented("ServiceOrderNewLineO2", (o) => (o.serviceOrderItem[0].service.id = "x")))).toEqual([`warning IGNORED_FIELD ${item0}.service.id`]);
    expect(issues(documented("ServiceOrderChangeBars", (o) => o.externalReference.push({ ...o.externalReference[0] })))).toEqual([
      "warning DUPLICATE_EXTERNAL_REFERENCE externalReference[1]",
    ]);
  });

  it("counts warnings as valid and errors as invalid", () => {
    expect(
      validateOrder(
        documented("ServiceOrderCeaseService", (o) => (o.serviceOrderItem[0].service.feature = [])),
        context,
      ).valid,
    ).toBe(true);
    expect(
      validateOrder(
        documented("ServiceOrderCeaseService", (o) => (o.serviceOrderItem[0].action = "remove")),
        context,
      ).valid,
    ).toBe(false);
  });
});

describe("specifications", () => {
  it("must exist in the version the order names", () => {
    expect(issues(documented("ServiceOrderNewLineO2", (o) => (o.serviceOrderItem[0].service.serviceSpecification.id = "MOBILE_VOICE_SRV_NOPE")))).toEqual([
      `error SPECIFICATION_NOT_FOUND ${item0}.service.serviceSpecification`,
    ]);
    expect(issues(documented("ServiceOrderNewLineO2", (o) => (o.serviceOrderItem[0].service.serviceSpecification.version = "2")))).toEqual([
      `error SPECIFICATION_VERSION_MISMATCH ${item0}.service.serviceSpecification`,
    ]);
  });

  it("must be Launched to be ordered; Retired and the rest are refused with the reason", () => {
    for (const status of ["Retired", "In test", "In design", "Obsolete"] as const) {
      const result = validateOrder(documentedOrder("ServiceOrderNewLineO2"), withSpec({ ...VOICE_O2, lifecycleStatus: status }));
      expect(result.issues.map((i) => i.code)).toEqual(["SPECIFICATION_NOT_ORDERABLE"]);
      expect(result.issues[0]!.message).toContain(status);
    }
    expect(validateOrder(documentedOrder("ServiceOrderNewLineO2"), withSpec({ ...VOICE_O2, lifecycleStatus: "Retired" })).issues[0]!.message).toMatch(
      /no longer available for ordering/,
    );
  });

  it("may be looked up with a function instead of a list", () => {
    const lookup = (id: string, version?: string) => SPECIFICATIONS.find((s) => s.id === id && (version === undefined || String(s.version) === version));
    expect(issues(documentedOrder("ServiceOrderNewLineO2"), { specifications: lookup })).toEqual([]);
    expect(
      issues(
        documented("ServiceOrderNewLineO2", (o) => (o.serviceOrderItem[0].service.serviceSpecification.version = "9")),
        { specifications: lookup },
      ),
    ).toEqual([`error SPECIFICATION_VERSION_MISMATCH ${item0}.service.serviceSpecification`]);
  });
});

describe("characteristics", () => {
  it("must be known to the specification", () => {
    const order = documented("ServiceOrderNewLineO2", (o) => characteristics(o).push({ id: "COLOUR", value: [{ value: "red" }] }));
    expect(issues(order)).toEqual([`error UNKNOWN_CHARACTERISTIC ${chars}[4]`]);
  });

  it("may not be informational or unconfigurable (ESIM_QR_CODE, ALLOWANCE_TYPE)", () => {
    const qr = documented("ServiceOrderPortInVodafoneESim", (o) => characteristics(o).push({ id: "ESIM_QR_CODE", value: [{ value: "aGVsbG8=" }] }));
    expect(issues(qr)).toEqual([`error CHARACTERISTIC_NOT_CONFIGURABLE ${chars}[9]`]);
    const allowance = documented("ServiceOrderAddBoltOn", (o) => characteristics(o).push({ id: "ALLOWANCE_TYPE", value: [{ value: "Data Bolt-On" }] }));
    expect(issues(allowance)).toEqual([`error CHARACTERISTIC_NOT_CONFIGURABLE ${chars}[1]`]);
  });

  it("that are mandatory must be there", () => {
    expect(issues(documented("ServiceOrderNewLineO2", (o) => without(o, "TARIFF")))).toEqual([`error MISSING_CHARACTERISTIC ${chars}`]);
    const both = validateOrder(
      documented("ServiceOrderNewLineO2", (o) => (without(o, "TARIFF"), without(o, "SIM_TYPE"))),
      context,
    );
    expect(both.issues.map((i) => i.subject)).toEqual(["TARIFF", "SIM_TYPE"]);
  });

  it("take at most maxCardinality values and are set once", () => {
    const twoTariffs = documented("ServiceOrderNewLineO2", (o) => characteristics(o)[1]!.value.push({ value: "62230" }));
    expect(issues(twoTariffs)).toEqual([`error TOO_MANY_VALUES ${chars}[1].value`]);
    const twice = documented("ServiceOrderNewLineO2", (o) => characteristics(o).push({ id: "TARIFF", value: [{ value: "62230" }] }));
    expect(issues(twice)).toEqual([`error DUPLICATE_CHARACTERISTIC ${chars}[4]`]);
  });

  it("are neither required nor allowed when their relationships do not hold: PORT_DATE needs PAC, PAC needs SUBSCRIBER_NUMBER", () => {
    // A new line without PAC does not need PORT_DATE (min 1): the documented new line shows it.
    expect(issues(documentedOrder("ServiceOrderNewLineO2"))).toEqual([]);
    const portDateAlone = documented("ServiceOrderPortInVodafoneESim", (o) => without(o, "PAC"));
    expect(issues(portDateAlone)).toEqual([`error RELATIONSHIP_NOT_SATISFIED ${chars}[3]`]);
    const pacAlone = documented("ServiceOrderPortInVodafoneESim", (o) => without(o, "SUBSCRIBER_NUMBER"));
    expect(issues(pacAlone)).toEqual([`error RELATIONSHIP_NOT_SATISFIED ${chars}[2]`, `error RELATIONSHIP_NOT_SATISFIED ${chars}[3]`]);
    expect(validateOrder(pacAlone, context).issues[0]!.message).toContain("SUBSCRIBER_NUMBER");
  });

  it("for an eSIM (value_eq SIM_TYPE = e_sim) are required on an eSIM and refused otherwise", () => {
    const noEmail = documented("ServiceOrderPortInVodafoneESim", (o) => without(o, "ESIM_DELIVERY_EMAIL"));
    expect(issues(noEmail)).toEqual([`error MISSING_CHARACTERISTIC ${chars}`]);
    expect(validateOrder(noEmail, context).issues[0]!.message).toMatch(/SIM_TYPE = "e_sim"/);
    const triple = documented("ServiceOrderPortInVodafoneESim", (o) => setValue(o, "SIM_TYPE", "triple"));
    expect(issues(triple)).toEqual([`error RELATIONSHIP_NOT_SATISFIED ${chars}[7]`, `error RELATIONSHIP_NOT_SATISFIED ${chars}[8]`]);
  });

  it("report relationship types the SDK does not know instead of ignoring them", () => {
    const spec = structuredClone(VOICE_O2);
    spec.specCharacteristic!.find((c) => c.id === "BILL_LIMIT")!.charSpecRelationship = [
      { relationshipType: "excludes_value" as never, characteristicSpecificationId: "TARIFF" },
    ];
    expect(issues(documentedOrder("ServiceOrderNewLineO2"), withSpec(spec))).toEqual([`warning UNKNOWN_RELATIONSHIP_TYPE ${chars}[0]`]);
  });
});

describe("values", () => {
  it("must be one of the enumerated values, compared without the catalogue's stray spaces", () => {
    expect(issues(documented("ServiceOrderNewLineO2", (o) => setValue(o, "TARIFF", "99999")))).toEqual([`error VALUE_NOT_ALLOWED ${chars}[1].value[0]`]);
    // The catalogue lists "WODDTU1 " and "WODDTU5 "; the document orders "WODDTU1".
    expect(issues(documented("ServiceOrderAddBoltOn", (o) => setValue(o, "BOLTON_TARIFF", "WODDTU5")))).toEqual([]);
    expect(issues(documented("ServiceOrderAddBoltOn", (o) => setValue(o, "BOLTON_TARIFF", "WODDTU9")))).toEqual([
      `error VALUE_NOT_ALLOWED ${chars}[0].value[0]`,
    ]);
  });

  it("are shown trimmed, as they compare: in a wrong value's message and in a missing one's", () => {
    // The document's catalogue lists BOLTON_TARIFF as "WODDTU1 " and "WODDTU5 " (seed lines 581, 588).
    const wrong = validateOrder(
      documented("ServiceOrderAddBoltOn", (o) => setValue(o, "BOLTON_TARIFF", "WODDTU9")),
      context,
    ).issues;
    expect(wrong.map((i) => i.message)).toEqual(['BOLTON_TARIFF "WODDTU9" is not one of the catalogue\'s values: WODDTU1, WODDTU5']);
    const missing = validateOrder(
      documented("ServiceOrderAddBoltOn", (o) => without(o, "BOLTON_TARIFF")),
      context,
    ).issues;
    expect(missing.map((i) => `${i.code} ${i.message}`)).toEqual([
      expect.stringMatching(/^MISSING_CHARACTERISTIC BOLTON_TARIFF is required by .*; one of: WODDTU1, WODDTU5$/),
    ]);
  });

  it("must lie between valueFrom and valueTo", () => {
    expect(issues(documented("ServiceOrderBillLimitSet", (o) => setValue(o, "BILL_LIMIT", "2000")))).toEqual([`error VALUE_OUT_OF_RANGE ${chars}[0].value[0]`]);
  });

  it("must match their value type", () => {
    const cases: [string, string, string, number][] = [
      ["ServiceOrderPortInVodafoneESim", "PORT_DATE", "next tuesday", 4],
      ["ServiceOrderPortInVodafoneESim", "ESIM_DELIVERY_EMAIL", "someone at email", 7],
      ["ServiceOrderPortInVodafoneESim", "SUBSCRIBER_NUMBER", "12345", 2],
      ["ServiceOrderPortInVodafoneESim", "PAC", "123", 3],
    ];
    for (const [name, id, value, index] of cases) {
      expect(issues(documented(name, (o) => setValue(o, id, value))), id).toEqual([`error INVALID_VALUE_TYPE ${chars}[${index}].value[0]`]);
    }
    expect(issues(documented("ServiceOrderSimSwap", (o) => setValue(o, "SIM_SERIAL", "1234")))).toEqual([
      `error INVALID_VALUE_TYPE ${chars}[1].value[0]`,
      `error PATTERN_MISMATCH ${chars}[1].value[0]`,
    ]);
    expect(issues(documented("ServiceOrderBillLimitSet", (o) => setValue(o, "BILL_LIMIT", "lots")))).toEqual([
      `error INVALID_VALUE_TYPE ${chars}[0].value[0]`,
      `error PATTERN_MISMATCH ${chars}[0].value[0]`,
    ]);
    expect(issues(documented("ServiceOrderBillLimitSet", (o) => setValue(o, "BILL_LIMIT", 100)))).toEqual([`error INVALID_VALUE_TYPE ${chars}[0].value[0]`]);
  });

  it("must match the catalogue's pattern, anchored", () => {
    expect(issues(documented("ServiceOrderBillLimitSet", (o) => setValue(o, "BILL_LIMIT", "5")))).toEqual([`error PATTERN_MISMATCH ${chars}[0].value[0]`]);
    const spec = structuredClone(VOICE_O2);
    spec.specCharacteristic!.find((c) => c.id === "TARIFF")!.characteristicValueSpecification!.push({ regex: "\\d{5}" });
    expect(
      issues(
        documented("ServiceOrderNewLineO2", (o) => setValue(o, "TARIFF", "62231")),
        withSpec(spec),
      ),
    ).toEqual([]);
    // Specifications are compiled once per object: a changed catalogue is a new object.
    const patternOnly = structuredClone(VOICE_O2);
    patternOnly.specCharacteristic!.find((c) => c.id === "TARIFF")!.characteristicValueSpecification = [{ regex: "\\d{5}" }];
    expect(
      issues(
        documented("ServiceOrderNewLineO2", (o) => setValue(o, "TARIFF", "622311")),
        withSpec(patternOnly),
      ),
    ).toEqual([`error PATTERN_MISMATCH ${chars}[1].value[0]`]);
  });

  it("decision: placeholder patterns (regex_to_match_*) are not applied; the value type still is", () => {
    // SUBSCRIBER_NUMBER, PAC, PORT_DATE, ESIM_* all have placeholder patterns in the document.
    expect(issues(documentedOrder("ServiceOrderPortInVodafoneESim"))).toEqual([]);
    expect(issues(documented("ServiceOrderPortInVodafoneESim", (o) => setValue(o, "ESIM_CONTACT_NAME", "anything at all")))).toEqual([]);
  });

  it("decision: a pattern that is not a regular expression is a warning and is not applied; validation never throws on it", () => {
    const spec = structuredClone(VOICE_O2);
    spec.specCharacteristic!.find((c) => c.id === "TARIFF")!.characteristicValueSpecification = [{ regex: "([0-9" }];
    const order = documented("ServiceOrderNewLineO2", (o) => setValue(o, "TARIFF", "anything"));
    expect(issues(order, withSpec(spec))).toEqual([`warning UNUSABLE_PATTERN ${chars}[1].value[0]`]);
  });

  it("decision: BILL_LIMIT 0 clears the limit as documented, though the catalogue's pattern refuses it (a Giacom supplier rule)", () => {
    expect(issues(documentedOrder("ServiceOrderBillLimitClear"))).toEqual([]);
    expect(issues(documentedOrder("ServiceOrderBillLimitClear"), { ...context, supplierRules: false })).toEqual([
      `error PATTERN_MISMATCH ${chars}[0].value[0]`,
    ]);
  });
});

describe("features", () => {
  const features = (o: any) => o.serviceOrderItem[0].service.feature as { id: string; isEnabled: unknown }[];
  const feat = `${item0}.service.feature`;

  it("must be known, set once, and not be bundles", () => {
    expect(issues(documented("ServiceOrderChangeApn", (o) => features(o).push({ id: "APN_TETHERING", isEnabled: true })))).toEqual([
      `error UNKNOWN_FEATURE ${feat}[2]`,
    ]);
    expect(issues(documented("ServiceOrderChangeApn", (o) => features(o).push({ id: "APN_IPHONE_986", isEnabled: false })))).toEqual([
      `error DUPLICATE_FEATURE ${feat}[2]`,
    ]);
    expect(issues(documented("ServiceOrderChangeApn", (o) => features(o).push({ id: "APNS", isEnabled: true })))).toEqual([
      `warning FEATURE_IS_BUNDLE ${feat}[2]`,
    ]);
    expect(issues(documented("ServiceOrderChangeApn", (o) => (features(o)[0]!.isEnabled = "no")))).toEqual([`error INVALID_VALUE_TYPE ${feat}[0].isEnabled`]);
  });

  it("that exclude each other cannot both be on in the resulting state", () => {
    // New line: BAR_ROAMING is on by default, so enabling BAR_INWHENROAM alone conflicts.
    const add = documented("ServiceOrderNewLineO2", (o) => features(o).push({ id: "BAR_INWHENROAM", isEnabled: true }));
    expect(issues(add)).toEqual([`error FEATURES_EXCLUDE_EACH_OTHER ${feat}[1]`]);
    expect(validateOrder(add, context).issues[0]!.message).toMatch(/BAR_ROAMING and BAR_INWHENROAM exclude each other/);
    const addOff = documented("ServiceOrderNewLineO2", (o) => {
      features(o).find((f) => f.id === "BAR_ROAMING")!.isEnabled = false;
      features(o).push({ id: "BAR_INWHENROAM", isEnabled: true });
    });
    expect(issues(addOff)).toEqual([]);
    // Change: the live line has BAR_ROAMING on; the documented change turns it off in the same order.
    const keepRoaming = documented("ServiceOrderChangeBars", (o) => features(o).splice(0, 1));
    // Both roaming bars stay on next to the live BAR_ROAMING.
    expect(issues(keepRoaming)).toEqual([`error FEATURES_EXCLUDE_EACH_OTHER ${feat}[0]`, `error FEATURES_EXCLUDE_EACH_OTHER ${feat}[1]`]);
    expect(validateOrder(keepRoaming, context).issues[0]!.message).toMatch(/enabled on the live service/);
  });

  it("that the catalogue puts in two bundles are reported", () => {
    const spec = structuredClone(VOICE_O2);
    spec.featureSpecification!.find((f) => f.id === "APNS")!.featureSpecRelationship!.push({ relationshipType: "includes", featureId: "BAR_PREMIUM" });
    const order = documented("ServiceOrderNewLineO2");
    expect(issues(order, withSpec(spec))).toEqual([`warning FEATURE_IN_SEVERAL_BUNDLES ${feat}[0]`]);
  });
});

describe("bolt-ons", () => {
  const rel = `${item0}.service.serviceRelationship`;
  it("name the live service they are for", () => {
    expect(issues(documented("ServiceOrderAddBoltOn", (o) => delete o.serviceOrderItem[0].service.serviceRelationship))).toEqual([
      `error BOLT_ON_TARGET_MISSING ${rel}`,
    ]);
    expect(issues(documented("ServiceOrderAddBoltOn", (o) => (o.serviceOrderItem[0].service.serviceRelationship[0].service.id = "nope")))).toEqual([
      `error BOLT_ON_TARGET_NOT_FOUND ${rel}[0].service.id`,
    ]);
  });

  it("go only on a live service whose specification they are an addon_for", () => {
    const ceased = { ...structuredClone(LINE_O2), id: "ceased", state: "terminated" as const };
    const order = documented("ServiceOrderAddBoltOn", (o) => (o.serviceOrderItem[0].service.serviceRelationship[0].service.id = "ceased"));
    expect(issues(order, withServices(ceased))).toEqual([`error BOLT_ON_TARGET_NOT_LIVE ${rel}[0].service.id`]);
    const vf = documented("ServiceOrderAddBoltOn", (o) => (o.serviceOrderItem[0].service.serviceRelationship[0].service.id = "vf-line"));
    expect(issues(vf, withServices(vodafoneLine("triple")))).toEqual([`error BOLT_ON_NOT_COMPATIBLE ${rel}[0].service.id`]);
    expect(validateOrder(vf, withServices(vodafoneLine("triple"))).issues[0]!.message).toContain("MOBILE_VOICE_SRV_GIACOM_O2");
  });

  it("are the only services that can be addon_for another", () => {
    const order = documented(
      "ServiceOrderNewLineO2",
      (o) => (o.serviceOrderItem[0].service.serviceRelationship = [{ relationshipType: "addon_for", service: { id: LINE_O2.id } }]),
    );
    expect(issues(order)).toEqual([`error NOT_A_BOLT_ON ${rel}`]);
    expect(DATA_BOLT_ON_O2.category).toBe("Mobile Bolt On");
  });
});

describe("changes and ceases", () => {
  it("need a live service", () => {
    expect(issues(documented("ServiceOrderChangeBars", (o) => (o.serviceOrderItem[0].service.id = "nope")))).toEqual([
      `error SERVICE_NOT_FOUND ${item0}.service.id`,
    ]);
    const ceased = { ...structuredClone(LINE_O2), state: "terminated" as const };
    const ctx = { specifications: SPECIFICATIONS, services: [ceased] };
    expect(issues(documentedOrder("ServiceOrderChangeBars"), ctx)).toEqual([`error SERVICE_NOT_LIVE ${item0}.service.id`]);
    expect(issues(documentedOrder("ServiceOrderCeaseService"), ctx)).toEqual([`error SERVICE_NOT_LIVE ${item0}.service.id`]);
  });

  it("convert voice and data only through a convertible_to relationship", () => {
    const toVf = documented("ServiceOrderConvertVoiceToData", (o) => (o.serviceOrderItem[0].service.serviceSpecification.id = "MOBILE_VOICE_SRV_GIACOM_VF"));
    expect(issues(toVf).filter((l) => l.includes("CONVERSION"))).toEqual([`error CONVERSION_NOT_ALLOWED ${item0}.service.serviceSpecification`]);
  });

  it("check on a conversion that the live values fit the new specification", () => {
    const keepTariff = documented("ServiceOrderConvertVoiceToData", (o) => without(o, "TARIFF"));
    const found = validateOrder(keepTariff, context).issues;
    expect(found.map((i) => `${i.code} ${i.path}`)).toEqual([`VALUE_NOT_ALLOWED ${chars}`]);
    expect(found[0]!.message).toMatch(/62231.*kept from the live service/);
  });

  it("are judged on the live service merged with the change", () => {
    // Turning the live line into an eSIM makes the eSIM delivery details required.
    expect(issues(swap("vf-line", { SIM_TYPE: "e_sim" }), withServices(vodafoneLine("triple")))).toEqual([
      `error MISSING_CHARACTERISTIC ${chars}`,
      `error MISSING_CHARACTERISTIC ${chars}`,
    ]);
    // A change that does not touch them does not re-check the live service's old values.
    expect(issues(swap("vf-line", { BILL_LIMIT: "100" }), withServices(vodafoneLine("triple")))).toEqual([]);
  });

  it("let the system drop live values a change makes meaningless, but refuse ordered ones", () => {
    const toTriple = swap("vf-line", { SIM_TYPE: "triple", SIM_SERIAL: "8944201122334455669" });
    expect(issues(toTriple, withServices(vodafoneLine("e_sim")))).toEqual([]);
    const blank = swap("vf-line", { SIM_TYPE: "triple", SIM_SERIAL: "8944201122334455669", ESIM_DELIVERY_EMAIL: "" });
    expect(issues(blank, withServices(vodafoneLine("e_sim")))).toEqual([]);
    const kept = swap("vf-line", { SIM_TYPE: "triple", SIM_SERIAL: "8944201122334455669", ESIM_DELIVERY_EMAIL: "someone@email.com" });
    expect(issues(kept, withServices(vodafoneLine("e_sim")))).toEqual([`error RELATIONSHIP_NOT_SATISFIED ${chars}[2]`]);
  });

  it("keep the related parties the specification defines", () => {
    const order = documented("ServiceOrderNewLineO2", (o) =>
      o.serviceOrderItem[0].service.relatedParty.push({ role: "network", partyOrPartyRole: { id: "VF" } }),
    );
    expect(issues(order)).toEqual([`error RELATED_PARTY_CONFLICT ${item0}.service.relatedParty`]);
  });
});

describe("Giacom's supplier rules (ruleSet giacom)", () => {
  it("a new Vodafone eSIM needs no SIM serial; the catalogue alone would require one", () => {
    const order = documented("ServiceOrderPortInVodafoneESim", (o) => without(o, "SIM_SERIAL"));
    expect(issues(order)).toEqual([]);
    expect(issues(order, { ...context, supplierRules: false })).toEqual([`error MISSING_CHARACTERISTIC ${chars}`]);
    const o2 = documented("ServiceOrderNewLineO2", (o) => without(o, "SIM_SERIAL"));
    expect(issues(o2)).toEqual([`error MISSING_CHARACTERISTIC ${chars}`]);
  });

  it("SIM swaps send what each documented case needs", () => {
    const vfTriple = withServices(vodafoneLine("triple"));
    const vfEsim = withServices(vodafoneLine("e_sim"));
    const email = { ESIM_DELIVERY_EMAIL: "someone@email.com", ESIM_CONTACT_NAME: "someone" };
    const cases: [string, ServiceOrderCreate, ValidationContext, string[]][] = [
      ["O2: the new serial, type optional", swap(LINE_O2.id, { SIM_SERIAL: "8944201122334455669" }), context, []],
      ["O2: a type alone is not a swap", swap(LINE_O2.id, { SIM_TYPE: "triple" }), context, ["SIM_SWAP_SERIAL_REQUIRED"]],
      ["Vodafone triple to triple: the new serial", swap("vf-line", { SIM_SERIAL: "8944201122334455669" }), vfTriple, []],
      ["Vodafone triple to eSIM: type and delivery, no serial", swap("vf-line", { SIM_TYPE: "e_sim", ...email }), vfTriple, []],
      [
        "Vodafone triple to eSIM with a serial",
        swap("vf-line", { SIM_TYPE: "e_sim", SIM_SERIAL: "8944201122334455669", ...email }),
        vfTriple,
        ["SIM_SWAP_SERIAL_NOT_ALLOWED"],
      ],
      ["Vodafone eSIM to triple: type and the new serial", swap("vf-line", { SIM_TYPE: "triple", SIM_SERIAL: "8944201122334455669" }), vfEsim, []],
      ["Vodafone eSIM to triple without the serial", swap("vf-line", { SIM_TYPE: "triple" }), vfEsim, ["SIM_SWAP_SERIAL_REQUIRED"]],
      ["Vodafone eSIM to eSIM: the type, delivery optional", swap("vf-line", { SIM_TYPE: "e_sim" }), vfEsim, []],
      [
        "Vodafone eSIM to eSIM: blank delivery details reuse the current ones",
        swap("vf-line", { SIM_TYPE: "e_sim", ESIM_DELIVERY_EMAIL: "", ESIM_CONTACT_NAME: "" }),
        vfEsim,
        [],
      ],
      [
        "Vodafone eSIM to eSIM by serial",
        swap("vf-line", { SIM_SERIAL: "8944201122334455669" }),
        vfEsim,
        ["SIM_SWAP_SERIAL_NOT_ALLOWED", "SIM_SWAP_TYPE_REQUIRED"],
      ],
    ];
    for (const [name, order, ctx, codes] of cases) {
      const found = validateOrder(order, ctx).issues;
      expect(
        found.map((i) => i.code),
        name,
      ).toEqual(codes);
      expect(
        found.every((i) => i.ruleSet === "giacom"),
        name,
      ).toBe(true);
      expect(validateOrder(order, { ...ctx, supplierRules: false }).issues, `${name}, catalogue only`).toEqual([]);
    }
  });

  it("label every issue with the rules that found it", () => {
    const result = validateOrder(
      documented("ServiceOrderPortInVodafoneESim", (o) => (without(o, "TARIFF"), o.serviceOrderItem.push(structuredClone(o.serviceOrderItem[0])))),
      context,
    );
    expect(result.issues.map((i) => `${i.ruleSet} ${i.code} ${i.path}`)).toEqual([
      `catalogue MISSING_CHARACTERISTIC ${chars}`,
      "order DUPLICATE_ITEM_ID serviceOrderItem[1].id",
      "catalogue MISSING_CHARACTERISTIC serviceOrderItem[1].service.serviceCharacteristic",
    ]);
  });
});

describe("reporting", () => {
  it("lists every problem at once, with paths and readable messages", () => {
    const order = documented("ServiceOrderPortInVodafoneESim", (o) => {
      setValue(o, "TARIFF", "1");
      setValue(o, "PAC", "?");
      without(o, "ESIM_CONTACT_NAME");
      o.serviceOrderItem[0].service.feature.push({ id: "BAR_NOPE", isEnabled: true });
    });
    const result = validateOrder(order, context);
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      `VALUE_NOT_ALLOWED ${chars}[1].value[0]`,
      `INVALID_VALUE_TYPE ${chars}[3].value[0]`,
      `MISSING_CHARACTERISTIC ${chars}`,
      `UNKNOWN_FEATURE ${item0}.service.feature[7]`,
    ]);
    expect(formatIssues(result.issues)).toMatchInlineSnapshot(`
      "error   serviceOrderItem[0].service.serviceCharacteristic[1].value[0]: TARIFF "1" is not one of the catalogue's values: 55629, 55630, 55638 [VALUE_NOT_ALLOWED]
      error   serviceOrderItem[0].service.serviceCharacteristic[3].value[0]: PAC "?" is not a PAC of three letters and six digits such as VUK123456 (PAC) [INVALID_VALUE_TYPE]
      error   serviceOrderItem[0].service.serviceCharacteristic: ESIM_CONTACT_NAME is required by MOBILE_VOICE_SRV_GIACOM_VF (required because SIM_TYPE = "e_sim") [MISSING_CHARACTERISTIC]
      error   serviceOrderItem[0].service.feature[7]: MOBILE_VOICE_SRV_GIACOM_VF has no feature BAR_NOPE; it has SERVICE_SUSPENSION, BAR_ADMIN, BAR_PREMIUM, BAR_ROAMING, BAR_INWHENROAM, BAR_OUTWHENROAM, NET_CONF_CALL, NET_SRV_MMS, NET_SRV_WIFI_CALL, APN_INTERNET, APN_TETHERING [UNKNOWN_FEATURE]"
    `);
  });
});
