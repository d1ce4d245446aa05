// Properties of validation over generated input: it never throws, whatever it is given, and
// every order assembled from valid choices of the documented catalogue validates clean.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIssues, validateOrder, type ServiceOrderCreate, type ServiceSpecification } from "giacom-sdk";
import { expectWellFormed, mutate } from "../../helpers/properties.js";
import { DOCUMENTED_ORDERS, documentedOrder, SERVICES, SPECIFICATIONS, VOICE_O2, VOICE_VF } from "../fixtures/catalogue.js";

const context = { specifications: SPECIFICATIONS, services: SERVICES };

function checkShape(order: unknown) {
  expectWellFormed(validateOrder(order as ServiceOrderCreate, context));
}

describe("validateOrder on any input", () => {
  it("never throws, and only returns well-formed issues", () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }), checkShape), { numRuns: 500 });
  });

  it("never throws on a documented order with any part replaced by anything", () => {
    const orders = DOCUMENTED_ORDERS.map((name) => documentedOrder(name));
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.anything(), (which, where, replacement) => {
        checkShape(mutate(orders[which % orders.length], where, replacement));
      }),
      { numRuns: 1000 },
    );
  });
});

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
const values = (spec: ServiceSpecification, id: string) =>
  spec.specCharacteristic!.find((c) => c.id === id)!.characteristicValueSpecification!.map((v) => v.value!.trim());

const validNewLine = fc
  .record({
    spec: fc.constantFrom(VOICE_VF, VOICE_O2),
    tariffIndex: fc.nat(),
    sim: fc.constantFrom("triple", "e_sim"),
    serial: fc.tuple(digits(17, 20)).map(([d]) => `89${d}`),
    billLimit: fc.option(fc.integer({ min: 0, max: 100 }).map((n) => String(n * 10))),
    portIn: fc.option(
      fc.record({
        number: digits(10, 10).map((d) => `0${d}`),
        pac: fc.tuple(fc.stringMatching(/^[A-Z]{3}$/), digits(6, 6)).map(([a, d]) => a + d),
        date: fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
      }),
    ),
    numberOnly: fc.option(digits(10, 10).map((d) => `0${d}`)),
    email: fc.emailAddress().filter((e) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)),
    name: fc.string({ minLength: 1, maxLength: 20 }),
    features: fc.dictionary(
      fc.constantFrom(
        "BAR_ADMIN",
        "BAR_PREMIUM",
        "BAR_ROAMING",
        "BAR_INWHENROAM",
        "BAR_OUTWHENROAM",
        "NET_CONF_CALL",
        "NET_SRV_MMS",
        "NET_SRV_WIFI_CALL",
        "APN_INTERNET",
        "SERVICE_SUSPENSION",
      ),
      fc.boolean(),
    ),
  })
  .map((c): ServiceOrderCreate => {
    const characteristics: [string, string][] = [];
    const tariffs = values(c.spec, "TARIFF");
    if (c.billLimit !== null) characteristics.push(["BILL_LIMIT", c.billLimit]);
    characteristics.push(["TARIFF", tariffs[c.tariffIndex % tariffs.length]!]);
    if (c.portIn) characteristics.push(["SUBSCRIBER_NUMBER", c.portIn.number], ["PAC", c.portIn.pac], ["PORT_DATE", c.portIn.date]);
    else if (c.numberOnly) characteristics.push(["SUBSCRIBER_NUMBER", c.numberOnly]);
    characteristics.push(["SIM_TYPE", c.sim]);
    const vodafoneEsim = c.spec === VOICE_VF && c.sim === "e_sim";
    if (!vodafoneEsim) characteristics.push(["SIM_SERIAL", c.serial]);
    if (vodafoneEsim) characteristics.push(["ESIM_DELIVERY_EMAIL", c.email], ["ESIM_CONTACT_NAME", c.name]);
    const features = { ...c.features };
    // The roaming bars exclude international roaming: a valid choice turns it off with them.
    if (features.BAR_INWHENROAM || features.BAR_OUTWHENROAM) features.BAR_ROAMING = false;
    return {
      serviceOrderItem: [
        {
          id: "1",
          action: "add",
          service: {
            serviceSpecification: { id: c.spec.id, version: "1" },
            serviceCharacteristic: characteristics.map(([id, value]) => ({ id, value: [{ value }] })),
            feature: Object.entries(features).map(([id, isEnabled]) => ({ id, isEnabled })),
          },
        },
      ],
    };
  });

describe("orders built from valid choices", () => {
  it("always validate clean", () => {
    fc.assert(
      fc.property(validNewLine, (order) => {
        const result = validateOrder(order, context);
        expect(result.issues, formatIssues(result.issues)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
