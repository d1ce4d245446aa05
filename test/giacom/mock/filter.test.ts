// The `filter` reader on its own, where properties can run thousands of times: every string is
// either read or refused with a 400, reading runs no code, and literals carry any value intact.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFilter } from "../../../src/tmf/simulator/filter.js";
import { HttpError } from "../../../src/core/simulator/http.js";

const PWNED = "__giacomFilterUnitPwned";
const pwned = () => (globalThis as Record<string, unknown>)[PWNED];

/** Reads `text`, or returns the 400 it is refused with (any other throw fails the test). */
function read(text: string): ((entity: unknown) => boolean) | HttpError {
  try {
    return readFilter(text);
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    return error as HttpError;
  }
}

const ENTITIES: unknown[] = [
  {},
  [],
  null,
  "text",
  7,
  { serviceCharacteristic: [{ id: "SUBSCRIBER_NUMBER", value: [{ value: "07800987654" }] }, null, 3, "x", [{ id: "nested" }]] },
  { relatedParty: [{ role: "supplier", partyOrPartyRole: { id: "GIACOM" } }], a: { b: { c: [true, false, null, 0, -1.5e3] } } },
  JSON.parse('{"__proto__": {"id": "x"}, "constructor": [{"id": "x"}], "value": {"id": "x"}}'),
];

const TOKENS = [
  ..."$.@[]()?!=&|'\"\\ \t01-e",
  "[?(",
  ")]",
  "==",
  "!=",
  "&&",
  "||",
  "true",
  "false",
  "null",
  "id",
  "value",
  "constructor",
  "__proto__",
  "\\u0041",
];
const texts = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) => t.join("")),
);

describe("readFilter", () => {
  it("reads or refuses with a 400 any string, and its predicate never throws nor runs code", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const predicate = read(text);
        if (typeof predicate === "function") for (const entity of ENTITIES) expect(typeof predicate(entity)).toBe("boolean");
        expect(pwned()).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it("matches exactly the value a literal holds, whatever it holds, in both quote styles", () => {
    const single = (value: string) =>
      `'${[...value].map((ch) => (ch === "\\" || ch === "'" ? `\\${ch}` : ch < " " ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}` : ch)).join("")}'`;
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (value, other) => {
        for (const literal of [JSON.stringify(value), single(value)]) {
          const matches = readFilter(`$.list[?(@.v==${literal})]`);
          expect(matches({ list: [{ v: value }] })).toBe(true);
          expect(matches({ list: [{ v: other }] })).toBe(other === value);
          expect(readFilter(`$.list[?(@.v!=${literal})]`)({ list: [{ v: other }] })).toBe(other !== value);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("reads members without calling getters or reaching the prototype", () => {
    let called = false;
    const trap = {
      get list() {
        called = true;
        return [{ id: "x" }];
      },
    };
    expect(readFilter("$.list")(trap)).toBe(false);
    expect(readFilter('$.list[?(@.id=="x")]')({ list: [trap] })).toBe(false);
    expect(called).toBe(false);
    expect(readFilter("$.toString")({})).toBe(false);
    expect(readFilter('$.list[?(@.constructor.name=="Object")]')({ list: [{}] })).toBe(false);
    expect(readFilter('$.list[?(@.__proto__.id=="x")]')({ list: [JSON.parse('{"__proto__": {"id": "x"}}')] })).toBe(true);
  });

  it("names the character where it stopped and what it expected there", () => {
    for (const [text, at, expected] of [
      ["serviceCharacteristic", 1, '"$"'],
      ["$", 2, '".name" or "[?("'],
      ["$.a[?(@.id==)]", 13, "a string, a number, true, false or null"],
      ['$.a[?(@.id=="x"', 16, '"&&", "||" or ")]"'],
      ['$.a[?(@.id="x")]', 11, '"==" or "!="'],
    ] as const) {
      const refused = read(text);
      expect(refused, text).toBeInstanceOf(HttpError);
      expect((refused as HttpError).message, text).toContain(`expected ${expected} at character ${at} `);
    }
  });
});
