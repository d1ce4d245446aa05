// Catalogue data comes from the network: whatever it holds, validation must finish promptly
// (issue 11). A regression here would freeze the process rather than fail an assertion, so
// these tests have a generous timeout: a slow machine passes, catastrophic backtracking or a
// quadratic closure (minutes) fails.
import { describe, expect, it, vi } from "vitest";
import { validateOrder, type ServiceOrderCreate, type ServiceSpecification, type ValidationContext } from "giacom-sdk";
import { documentedOrder, SERVICES, SPECIFICATIONS, VOICE_O2 } from "../fixtures/catalogue.js";

const SLOW = { timeout: 20_000 };
const chars = "serviceOrderItem[0].service.serviceCharacteristic";

/** The documented new O2 line, with a CUSTOMER_REF characteristic whose only rule is `regex`. */
function withPattern(regex: string, value: string): [ServiceOrderCreate, ValidationContext] {
  const spec = structuredClone(VOICE_O2);
  spec.specCharacteristic!.push({ id: "CUSTOMER_REF", minCardinality: 0, maxCardinality: 1, characteristicValueSpecification: [{ regex }] });
  const order = documentedOrder<any>("ServiceOrderNewLineO2");
  order.serviceOrderItem[0].service.serviceCharacteristic.push({ id: "CUSTOMER_REF", value: [{ value }] });
  return [order, { specifications: SPECIFICATIONS.map((s) => (s.id === spec.id ? spec : s)), services: SERVICES }];
}

/**
 * Runs `run`, recording instead of running every regular expression whose source contains
 * `pattern`: all matching goes through RegExp.prototype.exec, so a regression that runs the
 * pattern fails here on an assertion instead of hanging the suite.
 */
function runsOf(pattern: string, run: () => void): string[] {
  const exec = RegExp.prototype.exec;
  const seen: string[] = [];
  const spy = vi.spyOn(RegExp.prototype, "exec").mockImplementation(function (this: RegExp, input: string) {
    if (!this.source.includes(pattern)) return exec.call(this, input);
    seen.push(this.source);
    return null;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return seen;
}

describe("catalogue patterns that could backtrack for minutes", () => {
  const almost = `${"1".repeat(30)}X`;

  it.each(["(\\d+)+", "(\\d|\\d|\\d)*"])("%s is not run: a warning names the characteristic", SLOW, (regex) => {
    const [order, context] = withPattern(regex, almost);
    let result: ReturnType<typeof validateOrder> | undefined;
    expect(runsOf(regex, () => (result = validateOrder(order, context)))).toEqual([]);
    expect(result!.issues.map((i) => `${i.severity} ${i.code} ${i.path} ${i.subject}`)).toEqual([`warning UNSAFE_PATTERN ${chars}[4].value[0] CUSTOMER_REF`]);
    expect(result!.issues[0]!.message).toContain("CUSTOMER_REF");
    expect(result!.issues[0]!.message).toContain(regex);
    expect(result!.valid).toBe(true);
  });

  it("a value longer than 1,024 characters is not tested against a pattern, with a warning; up to 1,024 it is", SLOW, () => {
    const issues = (value: string) => validateOrder(...withPattern("[0-9]+", value)).issues.map((i) => `${i.severity} ${i.code} ${i.subject}`);
    expect(issues("1".repeat(1_024))).toEqual([]);
    expect(issues(`${"1".repeat(1_023)}X`)).toEqual(["error PATTERN_MISMATCH CUSTOMER_REF"]);
    expect(issues("1".repeat(1_025))).toEqual(["warning VALUE_TOO_LONG_FOR_PATTERN CUSTOMER_REF"]);
    expect(issues(`${"1".repeat(1_024)}X`)).toEqual(["warning VALUE_TOO_LONG_FOR_PATTERN CUSTOMER_REF"]);
  });

  it("every pattern of the documented catalogue is still run: a documented value passes, a wrong one fails", () => {
    // Values the document uses, and values of the right type that the pattern refuses.
    const examples: Record<string, [valid: string, invalid: string]> = {
      "^(0|[1-9]\\d{0,2}|1000)0$": ["100", "105"],
      "^89\\d{17,20}$": ["8944112233445566778", "9944112233445566778"],
    };
    const checked = new Set<string>();
    for (const spec of SPECIFICATIONS) {
      for (const c of spec.specCharacteristic ?? []) {
        for (const { regex } of c.characteristicValueSpecification ?? []) {
          if (!regex || regex.startsWith("regex_to_match_")) continue;
          expect(Object.keys(examples), `a new pattern in the catalogue (${c.id}): add its examples here`).toContain(regex);
          // The characteristic alone, so that only its own rules apply.
          const alone: ServiceSpecification = { id: "ONE", specCharacteristic: [{ ...c, minCardinality: 0, charSpecRelationship: [] }] };
          const codes = (value: string) =>
            validateOrder(
              {
                serviceOrderItem: [
                  { id: "1", action: "add", service: { serviceSpecification: { id: "ONE" }, serviceCharacteristic: [{ id: c.id, value: [{ value }] }] } },
                ],
              },
              { specifications: [alone], supplierRules: false },
            ).issues.map((i) => i.code);
          const [valid, invalid] = examples[regex]!;
          expect(codes(valid), `${spec.id} ${c.id} ${valid}`).toEqual([]);
          expect(codes(invalid), `${spec.id} ${c.id} ${invalid}`).toEqual(["PATTERN_MISMATCH"]);
          checked.add(regex);
        }
      }
    }
    expect([...checked].sort()).toEqual(Object.keys(examples).sort());
  });
});

describe("relationships that chain through the whole catalogue", () => {
  // LINK0 requires LINK1, which requires LINK2 ... up to LINK50000: three times the 16k-link chain
  // that took 15 s when the closure was quadratic.
  const LINKS = 50_000;
  const link = (k: number) => `LINK${k}`;
  const chain: ServiceSpecification = {
    id: "CHAIN",
    specCharacteristic: Array.from({ length: LINKS + 1 }, (_, k) => ({
      id: link(k),
      minCardinality: 0,
      maxCardinality: 1,
      charSpecRelationship: k < LINKS ? [{ relationshipType: "requires" as const, characteristicSpecificationId: link(k + 1) }] : [],
    })),
  };
  // Listed from the near end: the order in which the unmet far end takes longest to reach every link.
  const order = (links: number): ServiceOrderCreate => ({
    serviceOrderItem: [
      {
        id: "1",
        action: "add",
        service: {
          serviceSpecification: { id: "CHAIN" },
          serviceCharacteristic: Array.from({ length: links }, (_, k) => ({ id: link(k), value: [{ value: "x" }] })),
        },
      },
    ],
  });
  const context: ValidationContext = { specifications: [chain], supplierRules: false };

  it("are resolved in linear time: the unmet far end is reported through every link, and nothing when it is met", SLOW, () => {
    const unmet = validateOrder(order(LINKS), context);
    expect(unmet.issues).toHaveLength(LINKS);
    expect(unmet.issues.every((i) => i.code === "RELATIONSHIP_NOT_SATISFIED")).toBe(true);
    expect(unmet.issues.at(-1)).toMatchObject({ subject: link(LINKS - 1), message: `${link(LINKS - 1)} may only be set when ${link(LINKS)} is set` });
    expect(unmet.issues[0]!.message).toBe(`${link(0)} may only be set when ${link(1)} is allowed (it is set, but its own conditions fail)`);
    expect(validateOrder(order(LINKS + 1), context).issues).toEqual([]);
  });
});

describe("catalogues with many versions of one specification", () => {
  it("are indexed in linear time: the version the order names is found among 100,000", SLOW, () => {
    const versions = Array.from({ length: 100_000 }, (_, k) => ({ ...VOICE_O2, version: 100_000 - k }));
    expect(validateOrder(documentedOrder("ServiceOrderNewLineO2"), { specifications: versions, services: SERVICES }).issues).toEqual([]);
  });
});
