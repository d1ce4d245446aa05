// One value of a characteristic against what the compiled specification says of it: the
// enumerated values, the value type, the range and the patterns.
import type { CompiledCharacteristic } from "./compile.js";
import { MAX_PATTERN_VALUE_LENGTH } from "./patterns.js";
import { list, type Report } from "./report.js";
import { valueTypeProblem } from "./values.js";

/**
 * @internal Checks `value` of `c`. `warned` holds the patterns already reported as unusable or
 * unsafe for this item, so each is reported once however many values meet it.
 */
export function checkValue(c: CompiledCharacteristic, value: string, path: string, report: Report, warned: Set<string>): void {
  const id = c.id;
  if (c.allowed && !c.allowed.has(value.trim()))
    report("VALUE_NOT_ALLOWED", path, `${id} "${value}" is not one of the catalogue's values: ${list(c.allowed)}`, id);
  const expected = valueTypeProblem(c.valueType, value);
  if (expected) report("INVALID_VALUE_TYPE", path, `${id} "${value}" is not ${expected} (${c.valueType})`, id);
  checkRange(c, value, path, report, expected !== undefined);
  warnUnusedPatterns(c, path, report, warned);
  checkPatterns(c, value, path, report);
}

/** `typed`: the value was already reported as not of its type, which says it is not a number. */
function checkRange({ id, valueFrom: from, valueTo: to }: CompiledCharacteristic, value: string, path: string, report: Report, typed: boolean): void {
  if (from === undefined && to === undefined) return;
  const n = Number(value);
  if (value.trim() === "" || Number.isNaN(n)) {
    if (!typed) report("INVALID_VALUE_TYPE", path, `${id} "${value}" is not a number`, id);
  } else if ((from !== undefined && n < from) || (to !== undefined && n > to)) {
    report("VALUE_OUT_OF_RANGE", path, `${id} ${value} is outside ${from ?? "-inf"}..${to ?? "inf"}`, id);
  }
}

function warnUnusedPatterns({ id, patterns }: CompiledCharacteristic, path: string, report: Report, warned: Set<string>): void {
  for (const p of patterns) {
    if (p.kind !== "unusable" && p.kind !== "unsafe") continue;
    const key = `${id}\u0000${p.source}`;
    if (warned.has(key)) continue;
    warned.add(key);
    const unusable = p.kind === "unusable";
    const why = unusable ? "is not a valid regex" : `may be too slow (${p.reason})`;
    report(unusable ? "UNUSABLE_PATTERN" : "UNSAFE_PATTERN", path, `The catalogue's pattern for ${id} (${p.source}) ${why}: not checked`, id, "warning");
  }
}

function checkPatterns({ id, patterns }: CompiledCharacteristic, value: string, path: string, report: Report): void {
  const sources = patterns.flatMap((p) => (p.kind === "regex" ? [p.source] : []));
  if (sources.length === 0) return;
  const described = `the catalogue's pattern ${sources.join(" or ")}`;
  // Patterns are judged safe on values up to this length only, far longer than any value a
  // catalogue pattern describes (SIM serials, limits). A warning, not an error: the catalogue
  // does not say a longer value is wrong, only that this check cannot afford to run it.
  if (value.length > MAX_PATTERN_VALUE_LENGTH) {
    const long = `${id} is over ${MAX_PATTERN_VALUE_LENGTH} characters: not tested against ${described}`;
    return report("VALUE_TOO_LONG_FOR_PATTERN", path, long, id, "warning");
  }
  // An unsafe pattern, not run, might have matched: then a mismatch cannot be concluded.
  if (!patterns.some((p) => p.kind === "unsafe" || (p.kind === "regex" && p.regex.test(value))))
    report("PATTERN_MISMATCH", path, `${id} "${value}" does not match ${described}`, id);
}
