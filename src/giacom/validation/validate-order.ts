// Checks a service order against the catalogue semantics of the Giacom document, locally and
// without I/O, and reports every problem at once with a path into the order.
import type { Service, ServiceOrderCreate, ServiceOrderItemCreate, ServiceSpecification } from "../types.js";
import { compileSpecification, type CompiledCharacteristic, type CompiledSpecification, type Need } from "./compile.js";
import type { OrderIssue, OrderIssueCode, ValidationResult } from "./issues.js";
import { MAX_PATTERN_VALUE_LENGTH } from "./patterns.js";
import { giacomSupplierRules, type ItemView, type SupplierRuleSet } from "./rules.js";
import { valueTypeProblem } from "./values.js";
import { show } from "../../core/internal/show.js";

/**
 * Finds a specification by id and, when the order names one, version.
 * @group Validation
 * @example
 * ```ts
 * const lookup: SpecificationLookup = (id, version) => myCatalogue.find((s) => s.id === id && (!version || String(s.version) === version));
 * ```
 */
export type SpecificationLookup = (id: string, version?: string) => ServiceSpecification | undefined;

/**
 * What `validateOrder` checks an order against.
 * @group Validation
 * @example
 * ```ts
 * const context: ValidationContext = { specifications: [voiceO2, dataBoltOn], services: [liveLine] };
 * ```
 */
export interface ValidationContext {
  /** The specifications the order names (and, for changes, those of the services it touches). */
  specifications: Iterable<ServiceSpecification> | SpecificationLookup;
  /** The live services the order changes, ceases or adds bolt-ons to. */
  services?: Iterable<Service>;
  /** Supplier rule sets on top of the catalogue's rules; default `[giacomSupplierRules]`, `false` for none. */
  supplierRules?: false | readonly SupplierRuleSet[];
}

type Report = (code: OrderIssueCode, severity: OrderIssue["severity"], path: string, message: string, subject?: string) => void;

interface Held {
  values: string[];
  /** Path of the characteristic in the order; undefined when it comes from the live service. */
  path: string | undefined;
}

type Lookup = (id: string, version?: string) => { spec?: ServiceSpecification | undefined; other?: ServiceSpecification | undefined };

const ORDER = "order";
const CATALOGUE = "catalogue";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === "string" && v !== "";
const listOr = (v: unknown) => (Array.isArray(v) ? v : []);
/** The values actually given: a blank one stands for none. */
const given = (held: Held | undefined) => held?.values.filter((v) => v !== "") ?? [];
const nonBlank = (held: Held | undefined) => held !== undefined && held.values.some((v) => v !== "");
const isLive = (service: Service) => service.state !== "terminated";
const list = (values: Iterable<string>, max = 12) => {
  const all = [...values];
  return all.length > max ? `${all.slice(0, max).join(", ")}, ...` : all.join(", ");
};
/** Appends to the list at `key`, in place: copying it for each entry was quadratic. */
function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const entries = map.get(key);
  if (entries) entries.push(value);
  else map.set(key, [value]);
}

/** A lookup over a list of specifications: by version when one is asked for, otherwise the current one. */
function byVersion(source: Iterable<ServiceSpecification>): SpecificationLookup {
  const byId = new Map<string, ServiceSpecification[]>();
  for (const spec of source) if (spec && typeof spec.id === "string") append(byId, spec.id, spec);
  // The current one, as the API picks it: Launched first, then the highest version.
  const launched = (s: ServiceSpecification) => Number(s.lifecycleStatus === "Launched");
  return (id, version) => {
    const candidates = byId.get(id) ?? [];
    if (version !== undefined) return candidates.find((s) => show(s.version) === version);
    return [...candidates].sort((a, b) => launched(b) - launched(a) || (b.version ?? 0) - (a.version ?? 0))[0];
  };
}

/** The specification asked for, or else (when a version was asked for) the current one, as `other`. */
function makeLookup(source: ValidationContext["specifications"]): Lookup {
  const find = typeof source === "function" ? source : byVersion(source);
  // Only an object with a string id is a specification, whatever a lookup answers.
  const ask = (id: string, version?: string) => ((s) => (isRecord(s) && typeof s.id === "string" ? s : undefined))(find(id, version));
  return (id, version) => {
    const spec = ask(id, version);
    return { spec, other: spec || version === undefined ? undefined : ask(id) };
  };
}

/**
 * Calls `each` for every entry of the list `raw` (at `listPath`) with an id; reports the others
 * (`noId`), and a list that is not one (`notAList`). Nothing when there is no list.
 */
function eachWithId(
  raw: unknown,
  listPath: string,
  notAList: string,
  noId: string,
  report: Report,
  each: (entry: Record<string, unknown>, id: string, path: string) => void,
): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) return report("INVALID_ORDER", "error", listPath, notAList);
  raw.forEach((entry: unknown, index) => {
    const path = `${listPath}[${index}]`;
    if (isRecord(entry) && isId(entry.id)) each(entry, entry.id, path);
    else report("INVALID_ORDER", "error", path, noId);
  });
}

function readCharacteristics(raw: unknown, listPath: string, report: Report): Map<string, Held> {
  const out = new Map<string, Held>();
  eachWithId(
    raw,
    listPath,
    "serviceCharacteristic must be a list of { id, value: [{ value }] }",
    "a characteristic needs an id (a non-empty string)",
    report,
    (c, id, path) => {
      if (out.has(id)) return report("DUPLICATE_CHARACTERISTIC", "error", path, `${id} is set twice in this item; set it once, with all its values`, id);
      const values: string[] = [];
      if (!Array.isArray(c.value)) report("INVALID_ORDER", "error", `${path}.value`, `${id} needs value: [{ value: "..." }]`, id);
      else
        c.value.forEach((v: unknown, k) => {
          if (isRecord(v) && typeof v.value === "string") values.push(v.value);
          else report("INVALID_VALUE_TYPE", "error", `${path}.value[${k}]`, `each value of ${id} is { value: "<text>" }; values are strings on the wire`, id);
        });
      out.set(id, { values, path });
    },
  );
  return out;
}

/** The conditions of `c` that do not hold, given the characteristics `present`. */
function unmet(c: CompiledCharacteristic, present: Set<string>, state: Map<string, Held>): Need[] {
  return c.needs.filter(({ target, value }) => !present.has(target) || (value !== undefined && !state.get(target)!.values.includes(value)));
}

/**
 * Characteristics present with a value whose relationships hold. Dropping one can break those
 * that depend on it, so only they are checked again: each is dropped once, and the work is
 * linear in the relationships however long their chains (a pass per link was quadratic).
 */
function effective(spec: CompiledSpecification, state: Map<string, Held>): Set<string> {
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

function checkValue(c: CompiledCharacteristic, value: string, path: string, report: Report, warned: Set<string>): void {
  const { id, valueFrom: from, valueTo: to } = c;
  if (c.allowed && !c.allowed.has(value.trim()))
    report("VALUE_NOT_ALLOWED", "error", path, `${id} "${value}" is not one of the catalogue's values: ${list(c.allowed)}`, id);
  const expected = valueTypeProblem(c.valueType, value);
  if (expected) report("INVALID_VALUE_TYPE", "error", path, `${id} "${value}" is not ${expected} (${c.valueType})`, id);
  if (from !== undefined || to !== undefined) {
    const n = Number(value);
    if (value.trim() === "" || Number.isNaN(n)) {
      if (!expected) report("INVALID_VALUE_TYPE", "error", path, `${id} "${value}" is not a number`, id);
    } else if ((from !== undefined && n < from) || (to !== undefined && n > to)) {
      report("VALUE_OUT_OF_RANGE", "error", path, `${id} ${value} is outside ${from ?? "-inf"}..${to ?? "inf"}`, id);
    }
  }

  for (const p of c.patterns) {
    if (p.kind !== "unusable" && p.kind !== "unsafe") continue;
    const key = `${id}\u0000${p.source}`;
    if (warned.has(key)) continue;
    warned.add(key);
    const why = p.kind === "unusable" ? "is not a valid regular expression" : `could take too long to run on some values (${p.reason})`;
    report(
      p.kind === "unusable" ? "UNUSABLE_PATTERN" : "UNSAFE_PATTERN",
      "warning",
      path,
      `The catalogue's pattern for ${id} (${p.source}) ${why}; ${id} was not checked against it`,
      id,
    );
  }
  const sources = c.patterns.flatMap((p) => (p.kind === "regex" ? [p.source] : []));
  if (sources.length === 0) return;
  const patterns = `the catalogue's pattern ${sources.join(" or ")}`;
  // Patterns are judged safe on values up to this length only, far longer than any value a
  // catalogue pattern describes (SIM serials, limits). A warning, not an error: the catalogue
  // does not say a longer value is wrong, only that this check cannot afford to run it.
  if (value.length > MAX_PATTERN_VALUE_LENGTH) {
    const long = `${id} is ${value.length} characters long; values over ${MAX_PATTERN_VALUE_LENGTH} characters are not tested against ${patterns}`;
    return report("VALUE_TOO_LONG_FOR_PATTERN", "warning", path, long, id);
  }
  // An unsafe pattern, not run, might have matched: then a mismatch cannot be concluded.
  if (!c.patterns.some((p) => p.kind === "unsafe" || (p.kind === "regex" && p.regex.test(value))))
    report("PATTERN_MISMATCH", "error", path, `${id} "${value}" does not match ${patterns}`, id);
}

/**
 * `all`: report missing mandatory characteristics of the whole specification (add, conversion),
 * and check the live values kept; otherwise only those whose conditions name a characteristic
 * the order sets.
 */
function checkCharacteristics(
  spec: CompiledSpecification,
  ordered: Map<string, Held>,
  state: Map<string, Held>,
  listPath: string,
  all: boolean,
  report: Report,
): void {
  const warned = new Set<string>();
  for (const [id, held] of ordered) {
    const c = spec.characteristics.get(id);
    const path = held.path!;
    if (!c) {
      report("UNKNOWN_CHARACTERISTIC", "error", path, `${spec.id} has no characteristic ${id}; it has ${list(spec.characteristics.keys())}`, id);
      continue;
    }
    if (!c.settable) {
      const what = c.min === 0 && c.max === 0 ? "informational" : "not configurable";
      report("CHARACTERISTIC_NOT_CONFIGURABLE", "error", path, `${id} is ${what}: the system sets it, the order may not`, id);
      continue;
    }
    if (c.unknownRelationships.length > 0) {
      const types = c.unknownRelationships.join(", ");
      report("UNKNOWN_RELATIONSHIP_TYPE", "warning", path, `${id} has relationships of a type this SDK does not know (${types}); they were not checked`, id);
    }
    const count = given(held).length;
    if (count > c.max) report("TOO_MANY_VALUES", "error", `${path}.value`, `${id} takes at most ${c.max} value${c.max === 1 ? "" : "s"}, got ${count}`, id);
    held.values.forEach((value, k) => {
      if (value !== "") checkValue(c, value, `${path}.value[${k}]`, report, warned);
    });
  }

  if (all) {
    // A conversion keeps the live values the new specification knows: they must fit it too.
    const live: Report = (code, severity, _path, message, subject) =>
      report(code, severity, listPath, `${message} (kept from the live service; send a value of ${spec.id})`, subject);
    for (const [id, held] of state) {
      const c = spec.characteristics.get(id);
      if (held.path !== undefined || !c?.settable) continue;
      for (const value of given(held)) checkValue(c, value, listPath, live, warned);
    }
  }

  const present = effective(spec, state);
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
    report("RELATIONSHIP_NOT_SATISFIED", "error", held.path, `${id} may only be set when ${reasons.join(" and ")}`, id);
  }

  for (const c of spec.characteristics.values()) {
    const held = state.get(c.id);
    if (c.min < 1 || !c.settable || unmet(c, present, state).length > 0 || given(held).length >= c.min) continue;
    if (!all && !c.needs.some((n) => ordered.has(n.target))) continue;
    const needs = c.needs.map(({ target, value }) => (value === undefined ? target : `${target} = "${value}"`));
    const why = `${c.min > 1 ? ` (at least ${c.min} values)` : ""}${needs.length > 0 ? ` (required because ${needs.join(" and ")})` : ""}`;
    report("MISSING_CHARACTERISTIC", "error", held?.path ?? listPath, `${c.id} is required by ${spec.id}${why}`, c.id);
  }
}

function checkFeatures(spec: CompiledSpecification, raw: unknown, listPath: string, live: Service | undefined, report: Report): void {
  const fromOrder = new Map<string, string>();
  const enabled = new Map<string, boolean>();
  eachWithId(raw, listPath, "feature must be a list of { id, isEnabled }", "a feature needs an id (a non-empty string)", report, (f, id, path) => {
    if (typeof f.isEnabled !== "boolean") report("INVALID_VALUE_TYPE", "error", `${path}.isEnabled`, `${id}: isEnabled must be true or false`, id);
    const known = spec.features.get(id);
    if (!known) {
      const features = list([...spec.features.values()].filter((x) => !x.isBundle).map((x) => x.id));
      return report("UNKNOWN_FEATURE", "error", path, `${spec.id} has no feature ${id}; it has ${features}`, id);
    }
    if (fromOrder.has(id)) return report("DUPLICATE_FEATURE", "error", path, `${id} is set twice in this item`, id);
    if (known.isBundle) report("FEATURE_IS_BUNDLE", "warning", path, `${id} is a bundle: enable or disable the features it includes instead`, id);
    if (known.bundles.length > 1)
      report(
        "FEATURE_IN_SEVERAL_BUNDLES",
        "warning",
        path,
        `The catalogue puts ${id} in several bundles (${known.bundles.join(", ")}); a feature belongs to one`,
        id,
      );
    fromOrder.set(id, path);
    if (typeof f.isEnabled === "boolean") enabled.set(id, f.isEnabled);
  });
  if (!Array.isArray(raw)) return;
  // What would be enabled: the catalogue's defaults, overridden by the live service, then by the order.
  const state = new Map<string, boolean>();
  for (const f of spec.features.values()) state.set(f.id, f.defaultEnabled);
  for (const f of live?.feature ?? []) if (f.id && typeof f.isEnabled === "boolean") state.set(f.id, f.isEnabled);
  for (const [id, on] of enabled) state.set(id, on);
  // A pair both of whose features the order sets is reported once, from the first.
  const seen = new Set<string>();
  for (const [id, path] of fromOrder) {
    for (const other of state.get(id) ? spec.features.get(id)!.excludes : []) {
      if (state.get(other) !== true || seen.has(other)) continue;
      const source = fromOrder.has(other)
        ? "the order enables it too"
        : live
          ? "it is enabled on the live service; disable it in the same order"
          : "it is enabled by default; disable it in the same order";
      report("FEATURES_EXCLUDE_EACH_OTHER", "error", path, `${id} and ${other} exclude each other and both would be enabled: ${source}`, id);
    }
    seen.add(id);
  }
}

/**
 * Checks a service order against the catalogue, without any I/O: specifications exist, are
 * orderable and match the version; characteristics are known, settable, present when
 * mandatory, allowed by their dependencies (`requires`, `value_eq`) and hold valid values;
 * features are known and do not exclude each other in the resulting state; bolt-ons fit the
 * service they are added to; changes leave the live service valid; conversions are allowed.
 * Every issue is reported, each with a `path` into the order. Specifications are compiled
 * once per object and the compiled form is reused: treat catalogue objects as immutable (a
 * changed specification is a new object).
 * @group Validation
 * @example
 * ```ts
 * const result = validateOrder(order, { specifications: [voiceO2], services: [liveLine] });
 * if (!result.valid) console.error(formatIssues(result.issues));
 * ```
 */
export function validateOrder(order: ServiceOrderCreate, context: ValidationContext): ValidationResult {
  const issues: OrderIssue[] = [];
  const add =
    (ruleSet: string, sink: OrderIssue[]): Report =>
    (code, severity, path, message, subject) => {
      // A subject read from a malformed catalogue may not be a string; issues promise one.
      sink.push({ code, severity, ruleSet, path, message, ...(subject === undefined ? {} : { subject: show(subject) }) });
    };
  const report = add(ORDER, issues);
  const result = () => ({ valid: !issues.some((i) => i.severity === "error"), issues });
  if (!isRecord(order)) {
    report("INVALID_ORDER", "error", "", "the order must be an object with serviceOrderItem");
    return result();
  }
  const lookup = makeLookup(context.specifications);
  const services = new Map<string, Service>();
  for (const s of context.services ?? []) if (s && typeof s.id === "string") services.set(s.id, s);
  const ruleSets = context.supplierRules === false ? [] : (context.supplierRules ?? [giacomSupplierRules]);

  const refs = new Set<string>();
  listOr(order.externalReference).forEach((r, k) => {
    const key = `${show(r?.externalReferenceType ?? "")}\u0000${show(r?.id)}`;
    if (refs.has(key))
      report(
        "DUPLICATE_EXTERNAL_REFERENCE",
        "warning",
        `externalReference[${k}]`,
        `externalReference ${show(r?.id)} is listed twice; Giacom removes duplicates`,
      );
    refs.add(key);
  });

  const items = order.serviceOrderItem as unknown;
  if (!Array.isArray(items) || items.length === 0) {
    report("NO_ITEMS", "error", "serviceOrderItem", "an order needs at least one item in serviceOrderItem");
    return result();
  }
  const ids = new Set<string>();
  items.forEach((item: unknown, index) => {
    const path = `serviceOrderItem[${index}]`;
    if (!isRecord(item)) return report("INVALID_ORDER", "error", path, "an order item must be an object with id, action and service");
    if (!isId(item.id)) report("INVALID_ORDER", "error", `${path}.id`, "an order item needs an id (a non-empty string)");
    else if (ids.has(item.id)) report("DUPLICATE_ITEM_ID", "error", `${path}.id`, `item id "${item.id}" is used twice; ids must be unique within an order`);
    else ids.add(item.id);
    try {
      issues.push(...validateItem(item as ServiceOrderItemCreate, index, path));
    } catch (error) {
      // The catalogue and the live services come from the network: one of the wrong shape must
      // block this item with an issue, not crash the caller's validation of the whole order.
      const why = error instanceof Error ? error.message : "malformed data";
      add(CATALOGUE, issues)("UNREADABLE_CATALOGUE", "error", path, `the specification or service this item refers to could not be read (${why})`);
    }
  });
  return result();

  function validateItem(item: ServiceOrderItemCreate, index: number, path: string): OrderIssue[] {
    const found: OrderIssue[] = [];
    const orderIssue = add(ORDER, found);
    const catalogue = add(CATALOGUE, found);
    const action = item.action as string;
    if (action === "noChange") {
      orderIssue("UNSUPPORTED_ACTION", "warning", `${path}.action`, 'Giacom documents add, modify and delete; "noChange" items do nothing');
      return found;
    }
    if (action !== "add" && action !== "modify" && action !== "delete") {
      orderIssue("UNSUPPORTED_ACTION", "error", `${path}.action`, `action ${show(action)} is not one of add, modify, delete`);
      return found;
    }
    const service = item.service as unknown;
    if (!isRecord(service)) {
      orderIssue("MISSING_SERVICE", "error", `${path}.service`, `an "${action}" item needs a service`);
      return found;
    }
    const sPath = `${path}.service`;
    const specPath = `${sPath}.serviceSpecification`;
    const idPath = `${sPath}.id`;
    const ordered = readCharacteristics(service.serviceCharacteristic, `${sPath}.serviceCharacteristic`, orderIssue);
    const specRef = isRecord(service.serviceSpecification) ? service.serviceSpecification : undefined;
    const versionOf = (ref: { version?: unknown }) => (ref.version === undefined ? undefined : show(ref.version));
    let spec: CompiledSpecification | undefined;
    let liveService: Service | undefined;
    let converting = false;

    /** The specification `id` names, checked to be orderable when `ordering`. */
    const resolve = (id: string, version: string | undefined, at: string, ordering: boolean): CompiledSpecification | undefined => {
      const { spec: found, other } = lookup(id, version);
      if (!found) {
        if (other)
          catalogue(
            "SPECIFICATION_VERSION_MISMATCH",
            "error",
            at,
            `${id} version ${version} is not available; the catalogue has version ${show(other.version)}`,
            id,
          );
        else
          catalogue(
            "SPECIFICATION_NOT_FOUND",
            "error",
            at,
            `specification ${id}${version ? ` version ${version}` : ""} is not in the catalogue given to the validator`,
            id,
          );
        return undefined;
      }
      const compiled = compileSpecification(found);
      const status = found.lifecycleStatus;
      if (ordering && status !== undefined && status !== "Launched") {
        const why =
          status === "Retired" ? "still visible for services using it, but no longer available for ordering" : "only Launched specifications can be ordered";
        catalogue("SPECIFICATION_NOT_ORDERABLE", "error", at, `${compiled.id} is ${status}: ${why}`, compiled.id);
      }
      return compiled;
    };
    const findLive = (id: string, at: string, code: "SERVICE_NOT_FOUND" | "BOLT_ON_TARGET_NOT_FOUND") => {
      const s = services.get(id);
      if (!s) catalogue(code, "error", at, `service ${id} is not among the live services given to the validator (it does not exist or is not visible)`, id);
      return s;
    };

    const state = new Map<string, Held>();
    if (action === "add") {
      if (service.id !== undefined) orderIssue("IGNORED_FIELD", "warning", idPath, "a new service gets its id from Giacom; service.id is ignored on add");
      if (typeof specRef?.id !== "string") orderIssue("MISSING_SPECIFICATION", "error", specPath, "an add item needs serviceSpecification { id, version }");
      else spec = resolve(specRef.id, versionOf(specRef), specPath, true);
      for (const [id, held] of ordered) state.set(id, held);
    } else if (!isId(service.id)) {
      orderIssue("MISSING_SERVICE_ID", "error", idPath, `a "${action}" item needs the id of the live service`);
    } else if (action === "delete") {
      for (const field of ["serviceCharacteristic", "feature", "serviceSpecification"] as const) {
        if (service[field] !== undefined)
          orderIssue("IGNORED_FIELD", "warning", `${sPath}.${field}`, `a delete item only needs the service id (and endDate); ${field} is ignored`);
      }
      if (service.endDate !== undefined && (typeof service.endDate !== "string" || valueTypeProblem("date-time", service.endDate))) {
        orderIssue("INVALID_VALUE_TYPE", "error", `${sPath}.endDate`, "endDate must be an RFC 3339 date-time such as 2025-09-01T00:00:00.000Z");
      }
      liveService = findLive(service.id, idPath, "SERVICE_NOT_FOUND");
      if (liveService && !isLive(liveService))
        catalogue("SERVICE_NOT_LIVE", "error", idPath, `service ${liveService.id} is already ${liveService.state}`, liveService.id);
    } else {
      liveService = findLive(service.id, idPath, "SERVICE_NOT_FOUND");
      if (liveService) {
        if (!isLive(liveService))
          catalogue("SERVICE_NOT_LIVE", "error", idPath, `service ${liveService.id} is ${liveService.state}: it cannot be changed`, liveService.id);
        const current = liveService.serviceSpecification;
        const named = typeof specRef?.id === "string" ? specRef : undefined;
        converting = named !== undefined && named.id !== current?.id;
        const targetId = named ? (named.id as string) : current?.id;
        if (!targetId)
          catalogue("SPECIFICATION_NOT_FOUND", "error", idPath, `service ${liveService.id} names no specification; it cannot be checked`, liveService.id);
        else spec = resolve(targetId, named ? versionOf(named) : current?.version, converting ? specPath : idPath, converting);
        if (spec && converting) {
          const from = current?.id ? lookup(current.id, current.version).spec : undefined;
          const fromCompiled = from ? compileSpecification(from) : undefined;
          if (!fromCompiled) {
            catalogue(
              "SPECIFICATION_NOT_FOUND",
              "error",
              specPath,
              `the current specification of service ${liveService.id} (${current?.id}) is needed to check the conversion and is not in the catalogue given to the validator`,
              current?.id,
            );
          } else if (!fromCompiled.convertibleTo.has(spec.id) && !spec.convertibleTo.has(fromCompiled.id)) {
            catalogue(
              "CONVERSION_NOT_ALLOWED",
              "error",
              specPath,
              `${fromCompiled.id} cannot be converted to ${spec.id}: neither has a convertible_to relationship with the other`,
              spec.id,
            );
          }
        }
        if (spec) {
          // The live service's values, overridden by the order's. On a conversion the system
          // carries over what the new specification knows.
          for (const c of liveService.serviceCharacteristic ?? []) {
            if (!c?.id || (converting && !spec.characteristics.has(c.id))) continue;
            state.set(c.id, { values: (c.value ?? []).flatMap((v) => (typeof v?.value === "string" ? [v.value] : [])), path: undefined });
          }
          // A blank value in a change keeps the current one ("leave blank to reuse").
          for (const [id, held] of ordered) if (nonBlank(held) || !state.has(id)) state.set(id, held);
        }
      }
    }

    if (spec) {
      checkCharacteristics(spec, ordered, state, `${sPath}.serviceCharacteristic`, action === "add" || converting, catalogue);
      checkFeatures(spec, service.feature, `${sPath}.feature`, liveService, catalogue);
    }
    if (spec && action === "add") {
      const s = spec;
      for (const p of listOr(service.relatedParty)) {
        const defined = typeof p?.role === "string" ? s.parties.get(p.role) : undefined;
        if (defined !== undefined && p.partyOrPartyRole?.id !== undefined && p.partyOrPartyRole.id !== defined) {
          const role = show(p.role);
          catalogue(
            "RELATED_PARTY_CONFLICT",
            "error",
            `${sPath}.relatedParty`,
            `${s.id} defines the ${role} as ${defined}, not ${show(p.partyOrPartyRole.id)}`,
            role,
          );
        }
      }
      const relPath = `${sPath}.serviceRelationship`;
      const targets = listOr(service.serviceRelationship).filter((r) => r?.relationshipType === "addon_for");
      if (s.isBoltOn) {
        if (targets.length === 0) {
          const how = 'name the live service it is for with serviceRelationship { relationshipType: "addon_for", service: { id } }';
          catalogue("BOLT_ON_TARGET_MISSING", "error", relPath, `${s.id} is a bolt-on: ${how}`, s.id);
        }
        targets.forEach((r, k) => {
          const at = `${relPath}[${k}].service.id`;
          const target = typeof r.service?.id === "string" ? findLive(r.service.id, at, "BOLT_ON_TARGET_NOT_FOUND") : undefined;
          if (!target) return;
          if (!isLive(target))
            catalogue(
              "BOLT_ON_TARGET_NOT_LIVE",
              "error",
              at,
              `service ${target.id} is ${target.state}: bolt-ons can only be added to a live service`,
              target.id,
            );
          const targetSpec = target.serviceSpecification?.id;
          if (targetSpec && !s.addonFor.has(targetSpec)) {
            const forWhat = list(s.addonFor) || "no specification";
            catalogue(
              "BOLT_ON_NOT_COMPATIBLE",
              "error",
              at,
              `${s.id} is a bolt-on for ${forWhat}, not for ${targetSpec} (the specification of service ${target.id})`,
              s.id,
            );
          }
        });
      } else if (targets.length > 0) {
        catalogue("NOT_A_BOLT_ON", "error", relPath, `${s.id} is not a bolt-on: it cannot be added "addon_for" another service`, s.id);
      }
    }

    if (ruleSets.length === 0) return found;
    const values = (held: Map<string, Held>) => new Map([...held].map(([id, h]) => [id, h.values]));
    const view: ItemView = {
      index,
      path,
      action,
      item,
      specification: spec?.spec,
      liveService,
      network: spec?.network,
      ordered: values(ordered),
      orderedPath: new Map([...ordered].map(([id, h]) => [id, h.path!])),
      resulting: values(state.size > 0 ? state : ordered),
    };
    const kept = found.filter((issue) => !ruleSets.some((set) => set.rules.some((rule) => rule.waives?.(issue, view))));
    for (const set of ruleSets) {
      for (const rule of set.rules) rule.check?.(view, (issue) => kept.push({ ...issue, ruleSet: set.name }));
    }
    return kept;
  }
}
