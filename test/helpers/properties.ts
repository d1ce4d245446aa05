// Shared pieces of the property tests over validation: mutating documented data, and what every
// validation result must look like whatever it was given.
import { expect } from "vitest";
import type { ValidationResult } from "giacom-sdk";

/** Whether a value is a container a JSON document can have: an array or a plain object. */
const container = (value: unknown): value is object =>
  Array.isArray(value) || (typeof value === "object" && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value)));

/**
 * Every path into a value, as key lists. Only arrays and plain objects are entered: a typed array
 * or a boxed string reached through an earlier mutation cannot take any value at an index.
 */
export function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (container(value)) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
  return out;
}

/** A deep copy of `value` with the part at `where` (modulo the number of paths) replaced by `replacement`. */
export function mutate<T>(value: T, where: number, replacement: unknown, containersOnly = false): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  const at = (p: (string | number)[]) => p.reduce<any>((v, k) => v[k], copy);
  const all = paths(copy).filter((p) => p.length > 0 && (!containersOnly || (typeof at(p) === "object" && at(p) !== null)));
  if (all.length === 0) return copy as T;
  const path = all[where % all.length]!;
  const parent = path.slice(0, -1).reduce<any>((at, k) => at[k], copy);
  parent[path[path.length - 1]!] = replacement;
  return copy as T;
}

/** A validation result as users switch on it: a boolean that agrees with the issues, each issue well-formed. */
export function expectWellFormed(result: ValidationResult): void {
  expect(typeof result.valid).toBe("boolean");
  expect(Array.isArray(result.issues)).toBe(true);
  for (const issue of result.issues) {
    expect(["error", "warning"]).toContain(issue.severity);
    expect(typeof issue.code).toBe("string");
    expect(typeof issue.ruleSet).toBe("string");
    expect(typeof issue.path).toBe("string");
    expect(typeof issue.message).toBe("string");
    expect(issue.message.length).toBeGreaterThan(0);
    if (issue.subject !== undefined) expect(typeof issue.subject).toBe("string");
  }
  expect(result.valid).toBe(!result.issues.some((i) => i.severity === "error"));
}
