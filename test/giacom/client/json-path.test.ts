import { JSONPath } from "jsonpath-plus";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, jsonPath } from "giacom-sdk";

const matches = (expression: string, json: object) => JSONPath({ path: expression, json, wrap: true, eval: "safe" }).length > 0;
const service = (msisdn: string) => ({ serviceCharacteristic: [{ id: "SUBSCRIBER_NUMBER", value: [{ value: msisdn }] }] });
const spec = (role: string, id: string) => ({ relatedParty: [{ role, partyOrPartyRole: { id } }] });

describe("jsonPath", () => {
  it("writes the document's filters exactly", () => {
    expect(jsonPath.relatedParty({ role: "supplier", id: "GIACOM" })).toBe('$.relatedParty[?(@.role=="supplier" && @.partyOrPartyRole.id=="GIACOM")]');
    expect(jsonPath.characteristicValue("SUBSCRIBER_NUMBER", "07800987654")).toBe(
      '$.serviceCharacteristic[?(@.id=="SUBSCRIBER_NUMBER")].value[?(@.value=="07800987654")]',
    );
    expect(jsonPath.characteristicValue("SIM_SERIAL", "8944201122334455667")).toBe(
      '$.serviceCharacteristic[?(@.id=="SIM_SERIAL")].value[?(@.value=="8944201122334455667")]',
    );
    expect(jsonPath.characteristicValue("SUBSCRIBER_NUMBER", "07571234567", { on: "resourceCharacteristic" })).toBe(
      '$.resourceCharacteristic[?(@.id=="SUBSCRIBER_NUMBER")].value[?(@.value=="07571234567")]',
    );
  });

  it("selects what it says when evaluated by a JSONPath engine", () => {
    expect(matches(jsonPath.characteristicValue("SUBSCRIBER_NUMBER", "07800987654"), service("07800987654"))).toBe(true);
    expect(matches(jsonPath.characteristicValue("SUBSCRIBER_NUMBER", "07800987654"), service("07800987655"))).toBe(false);
    expect(matches(jsonPath.relatedParty({ role: "supplier", id: "GIACOM" }), spec("supplier", "GIACOM"))).toBe(true);
    expect(matches(jsonPath.relatedParty({ role: "supplier", id: "GIACOM" }), spec("network", "GIACOM"))).toBe(false);
  });

  it("keeps hostile values inside their string literal", () => {
    const hostile = ['") || true || ("', "\\", '\\"', '" && @role=="network', "ACME (UK) Ltd.", "a]b", "'", "a\"b'c\\d", "$..*", "@", "x || y"];
    for (const value of hostile) {
      expect(matches(jsonPath.characteristicValue("SUBSCRIBER_NUMBER", value), service(value)), value).toBe(true);
      expect(matches(jsonPath.characteristicValue("SUBSCRIBER_NUMBER", value), service("07800987654")), value).toBe(false);
    }
  });

  it("refuses the few values JSONPath engines read differently, instead of sending them", () => {
    for (const value of ["x)]", "x)'", '" && @.role=="network', "@.id", "a@[0]", "line\nbreak", "\u0000", "\u2028"]) {
      expect(() => jsonPath.characteristicValue("SUBSCRIBER_NUMBER", value), JSON.stringify(value)).toThrow(InvalidArgumentError);
    }
  });

  it("matches exactly the one value it was given, or refuses it: no value changes the filter's meaning", () => {
    const build = (f: () => string) => {
      try {
        return f();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        return undefined;
      }
    };
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: "binary" }), fc.string({ minLength: 1, unit: "binary" }), (value, other) => {
        const filter = build(() => jsonPath.characteristicValue("SUBSCRIBER_NUMBER", value));
        if (filter) {
          expect(matches(filter, service(value))).toBe(true);
          expect(matches(filter, service(other))).toBe(other === value);
        }
        const party = build(() => jsonPath.relatedParty({ role: value, id: other }));
        if (party) {
          expect(matches(party, spec(value, other))).toBe(true);
          expect(matches(party, spec(other + "x", other))).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
    // 500 property runs: seconds on a busy two-core machine, beyond vitest's 5 s default.
  }, 60_000);

  it("refuses values that are not strings, naming the argument", () => {
    const error = (() => {
      try {
        jsonPath.relatedParty({ role: "supplier", id: 7 as unknown as string });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: "jsonPath.relatedParty.id" });
    expect(() => jsonPath.characteristicValue("", "x")).toThrow(InvalidArgumentError);
  });
});
