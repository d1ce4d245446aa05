// An item's characteristics against its compiled specification: each one the order sets, the
// live values a conversion keeps, the relationships between them, and the mandatory ones.
import { append } from "../../core/internal/append.js";
import { checkValue } from "./check-value.js";
import type { CompiledCharacteristic, CompiledSpecification, Need } from "./compile.js";
import { given, nonBlank, type Held } from "./read-order.js";
import { list, type Report } from "./report.js";

type Characteristics = Map<string, Held>;

/**
 * @internal `ordered`: what the item sets; `state`: the characteristics after the change.
 * `all`: report missing mandatory characteristics of the whole specification (add,
 * conversion), and check the live values kept; otherwise only those whose conditions name a
 * characteristic the order sets.
 */
export function checkCharacteristics(
  spec: CompiledSpecification,
  ordered: Characteristics,
  state: Characteristics,
  listPath: string,
  all: boolean,
  report: Report,
): void {
  const warned = new Set<string>();
  for (const [id, held] of ordered) checkOrdered(spec, id, held, report, warned);
  if (all) checkKept(spec, state, listPath, report, warned);
  const present = effective(spec, state);
  checkRelationships(spec, state, present, report);
  checkMandatory(spec, ordered, state, present, listPath, all, report);
}

function checkOrdered(spec: CompiledSpecification, id: string, held: Held, report: Report, warned: Set<string>): void {
  const c = spec.characteristics.get(id);
  const path = held.path!;
  if (!c) return report("UNKNOWN_CHARACTERISTIC", path, `${spec.id} has no characteristic ${id}; it has ${list(spec.characteristics.keys())}`, id);
  if (!c.settable) {
    const what = c.min === 0 && c.max === 0 ? "informational" : "not configurable";
    return report("CHARACTERISTIC_NOT_CONFIGURABLE", path, `${id} is ${what}: only the system sets it`, id);
  }
  if (c.unknownRelationships.length > 0) {
    const types = c.unknownRelationships.join(", ");
    report("UNKNOWN_RELATIONSHIP_TYPE", path, `${id} has relationships of a type this SDK does not know (${types}); they were not checked`, id, "warning");
  }
  const count = given(held).length;
  if (count > c.max) report("TOO_MANY_VALUES", `${path}.value`, `${id} takes at most ${c.max} value${c.max === 1 ? "" : "s"}, got ${count}`, id);
  held.values.forEach((value, k) => {
    if (value !== "") checkValue(c, value, `${path}.value[${k}]`, report, warned);
  });
}

/** A conversion keeps the live values the new specification knows: they must fit it too. */
function checkKept(spec: CompiledSpecification, state: Characteristics, listPath: string, report: Report, warned: Set<string>): void {
  const live: Report = (code, _path, message, subject, severity) =>
    report(code, listPath, `${message} (kept from the live service; send a value of ${spec.id})`, subject, severity);
  for (const [id, held] of state) {
    const c = spec.characteristics.get(id);
    if (held.path !== undefined || !c?.settable) continue;
    for (const value of given(held)) checkValue(c, value, listPath, live, warned);
  }
}

/** The conditions of `c` that do not hold, given the characteristics `present`. */
function unmet(c: CompiledCharacteristic, present: Set<string>, state: Characteristics): Need[] {
  return c.needs.filter(({ target, value }) => !present.has(target) || (value !== undefined && !state.get(target)!.values.includes(value)));
}

/**
 * Characteristics present with a value whose relationships hold. Dropping one can break those
 * that depend on it, so only they are checked again: each is dropped once, and the work is
 * linear in the relationships however long their chains (a pass per link was quadratic).
 */
function effective(spec: CompiledSpecification, state: Characteristics): Set<string> {
  const present = new Set<string>();
  for (const [id, held] of state) if (nonBlank(held)) present.add(id);
  const dependents = new Map<string, string[]>();
  for (const id of present) for (const { target } of spec.characteristics.get(id)?.needs ?? []) append(dependents, target, id);
  const pending = [...present];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const c = spec.characteristics.get(id);
    if (!c || !present.has(id) || unmet(c, present, state).length === 0) continue;
    present.delete(id);
    for (const dependent of dependents.get(id) ?? []) pending.push(dependent);
  }
  return present;
}

function checkRelationships(spec: CompiledSpecification, state: Characteristics, present: Set<string>, report: Report): void {
  for (const [id, held] of state) {
    const c = spec.characteristics.get(id);
    // A live value that the change makes meaningless is removed by the system; an ordered one is a mistake.
    if (!c || present.has(id) || held.path === undefined || !c.settable || !nonBlank(held)) continue;
    // A target that is set but itself not allowed is named as such, so chains read correctly.
    const reasons = unmet(c, present, state).map(({ target, value }) =>
      value !== undefined
        ? `${target} is "${value}"`
        : nonBlank(state.get(target))
          ? `${target} is allowed (it is set, but its own conditions fail)`
          : `${target} is set`,
    );
    report("RELATIONSHIP_NOT_SATISFIED", held.path, `${id} may only be set when ${reasons.join(" and ")}`, id);
  }
}

function checkMandatory(
  spec: CompiledSpecification,
  ordered: Characteristics,
  state: Characteristics,
  present: Set<string>,
  listPath: string,
  all: boolean,
  report: Report,
): void {
  for (const c of spec.characteristics.values()) {
    const held = state.get(c.id);
    if (c.min < 1 || !c.settable || unmet(c, present, state).length > 0 || given(held).length >= c.min) continue;
    if (!all && !c.needs.some((n) => ordered.has(n.target))) continue;
    const needs = c.needs.map(({ target, value }) => (value === undefined ? target : `${target} = "${value}"`));
    const why = `${c.min > 1 ? ` (at least ${c.min} values)` : ""}${needs.length > 0 ? ` (required because ${needs.join(" and ")})` : ""}`;
    const allowed = c.allowed ? `; one of: ${list(c.allowed)}` : "";
    report("MISSING_CHARACTERISTIC", held?.path ?? listPath, `${c.id} is required by ${spec.id}${why}${allowed}`, c.id);
  }
}
