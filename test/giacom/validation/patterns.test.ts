// Which catalogue patterns validation runs: those it can show take milliseconds at most on a
// value of up to 1,024 characters. The rule is conservative on purpose: a refused pattern only
// costs a warning, a wrongly accepted one can freeze the process.
import { describe, expect, it } from "vitest";
import { patternRisk } from "../../../src/giacom/validation/patterns.js";

describe("patternRisk", () => {
  it.each([
    // the documented catalogue's
    "^(0|[1-9]\\d{0,2}|1000)0$",
    "^89\\d{17,20}$",
    // a repetition of something that matches in one way only
    "[0-9]+",
    "\\d{5}",
    "(a|b)+",
    "(ab|cd)*",
    "(a{3})+",
    "[^@]+@example\\.com",
    "^[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}$",
  ])("runs %s", (source) => {
    expect(patternRisk(source)).toBeUndefined();
  });

  it.each([
    // a repetition of a quantifier, or of alternatives that can start with the same character: exponential
    ["(\\d+)+", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(\\d|\\d|\\d)*", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(a|a)*", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(\\w|\\d)+", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(ab|ac)*", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(a|)+", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(\\d?){3}", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(\\d{2,3}){2,}", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(x|\\u0078)+", "a repetition of nested quantifiers or overlapping alternatives"],
    // alternatives that start with a class or an escape are taken to start like anything: refused
    // although these could not both match (conservative, and rare in a catalogue)
    ["(?:[a-c]|[d-f])+", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(\\d|x)+", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(?=(a+)+)b", "a repetition of nested quantifiers or overlapping alternatives"],
    ["(a)\\1", "a back-reference"],
    ["(?<x>a)\\k<x>", "a back-reference"],
    // polynomial, but too many ways to split 1,024 characters
    ["\\d*\\d*\\d*", "too many ways to try on a long value"],
    ["[a-z]+@[a-z]+\\.[a-z]+", "too many ways to try on a long value"],
    ["(1|1)".repeat(24), "too many ways to try on a long value"],
    // breaks out of the anchors validation puts around a pattern
    ["a)|(b", "an unbalanced group"],
  ])("does not run %s: %s", (source, reason) => {
    expect(patternRisk(source)).toBe(reason);
  });

  it("reads escapes so that the judgement holds with the u flag and without", () => {
    // Without the u flag \u{1,2} is one or two u; with it, it does not compile.
    expect(patternRisk("(\\u{1,2})+")).toBe("a repetition of nested quantifiers or overlapping alternatives");
    // \u{12} is one character with the u flag, twelve u without: either way one way to match.
    expect(patternRisk("(\\u{12})+")).toBeUndefined();
    // With the u flag these repeat a repetition of one character; the reading without it would
    // leave a quantifier with nothing to repeat.
    expect(patternRisk("(\\u{41}+)+")).toBe("too complex to judge");
    expect(patternRisk("(\\u{41}{1,9})+")).toBe("too complex to judge");
    expect(patternRisk("(\\p{L}+)+")).toBe("a repetition of nested quantifiers or overlapping alternatives");
    expect(patternRisk("(\\u0041+)+")).toBe("a repetition of nested quantifiers or overlapping alternatives");
  });

  it("does not read a pattern longer than 1,024 characters, and reads deep ones without throwing", () => {
    expect(patternRisk("a".repeat(1_024))).toBeUndefined();
    expect(patternRisk("a".repeat(1_025))).toBe("longer than 1024 characters");
    expect(patternRisk(`${"(".repeat(500)}a${")".repeat(500)}`)).toBeUndefined();
  });
});
