// Checks a service order against the catalogue semantics of the Giacom document, locally and
// without I/O, and reports every problem at once with a path into the order.
import type { CharacteristicCreate, Service, ServiceOrderCreate, ServiceOrderItemCreate, ServiceSpecification } from "../types.js";
import { compileSpecification, type CompiledCharacteristic, type CompiledSpecification } from "./compile.js";
import type { OrderIssue, OrderIssueCode, ValidationResult } from "./issues.js";
import { giacomSupplierRules, type ItemView, type SupplierRuleSet } from "./rules.js";
import { valueTypeProblem } from "./values.js";
import { show } from "../internal/show.js";

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

const ORDER = "order";
const CATALOGUE = "catalogue";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const nonBlank = (held: Held | undefined) => held !== undefined && held.values.some((v) => v !== "");
const isLive = (service: Service) => service.state !== "terminated";
const list = (values: Iterable<string>, max = 12) => {
  const all = [...values];
  return all.length > max ? `${all.slice(0, max).join(", ")}, ...` : all.join(", ");
};

function makeLookup(
  source: ValidationContext["specifications"],
): (id: string, version?: string) => { spec?: ServiceSpecification; other?: ServiceSpecification } {
  if (typeof source === "function") {
    // Read an answer as a list entry is read: only an object with a string id is a specification.
    const ask = (id: string, version?: string) => ((s) => (isRecord(s) && typeof s.id === "string" ? s : undefined))(source(id, version));
    return (id, version) => {
      const spec = ask(id, version);
      return spec ? { spec } : version === undefined ? {} : ((other) => (other ? { other } : {}))(ask(id));
    };
  }
  const byId = new Map<string, ServiceSpecification[]>();
  for (const spec of source) if (spec && typeof spec.id === "string") byId.set(spec.id, [...(byId.get(spec.id) ?? []), spec]);
  return (id, version) => {
    const candidates = byId.get(id);
    if (!candidates) return {};
    if (version !== undefined) {
      const spec = candidates.find((s) => show(s.version) === version);
      return spec ? { spec } : { other: candidates[0]! };
    }
    // No version: the current one, as the API picks it (Launched first, then the highest).
    const ranked = [...candidates].sort(
      (a, b) => Number(b.lifecycleStatus === "Launched") - Number(a.lifecycleStatus === "Launched") || (b.version ?? 0) - (a.version ?? 0),
    );
    return { spec: ranked[0]! };
  };
}

function readCharacteristics(raw: unknown, listPath: string, report: Report): Map<string, Held & { index: number; raw: CharacteristicCreate }> {
  const out = new Map<string, Held & { index: number; raw: CharacteristicCreate }>();
  if (raw === undefined) return out;
  if (!Array.isArray(raw)) {
    report("INVALID_ORDER", "error", listPath, "serviceCharacteristic must be a list of { id, value: [{ value }] }");
    return out;
  }
  raw.forEach((c: unknown, index) => {
    const path = `${listPath}[${index}]`;
    if (!isRecord(c) || typeof c.id !== "string" || c.id === "")
      return report("INVALID_ORDER", "error", path, "a characteristic needs an id (a non-empty string)");
    const id = c.id;
    if (out.has(id)) return report("DUPLICATE_CHARACTERISTIC", "error", path, `${id} is set twice in this item; set it once, with all its values`, id);
    const values: string[] = [];
    if (!Array.isArray(c.value)) {
      report("INVALID_ORDER", "error", `${path}.value`, `${id} needs value: [{ value: "..." }]`, id);
    } else {
      c.value.forEach((v: unknown, k) => {
        if (isRecord(v) && typeof v.value === "string") values.push(v.value);
        else report("INVALID_VALUE_TYPE", "error", `${path}.value[${k}]`, `each value of ${id} is { value: "<text>" }; values are strings on the wire`, id);
      });
    }
    out.set(id, { values, path, index, raw: c as CharacteristicCreate });
  });
  return out;
}

/** Characteristics present with a value whose relationships hold, computed to a fixed point. */
function effective(spec: CompiledSpecification, state: Map<string, Held>): Set<string> {
  const present = new Set<string>();
  for (const [id, held] of state) if (nonBlank(held)) present.add(id);
  for (let changed = true; changed;) {
    changed = false;
    for (const id of present) {
      const c = spec.characteristics.get(id);
      if (c && !relationshipsHold(c, present, state)) {
        present.delete(id);
        changed = true;
      }
    }
  }
  return present;
}

function relationshipsHold(c: CompiledCharacteristic, present: Set<string>, state: Map<string, Held>): boolean {
  for (const target of c.requires) if (!present.has(target)) return false;
  for (const { target, value } of c.valueEq) if (!present.has(target) || !state.get(target)!.values.includes(value)) return false;
  return true;
}

function unmet(c: CompiledCharacteristic, present: Set<string>, state: Map<string, Held>): string {
  // A target that is set but itself not allowed is named as such, so chains read correctly.
  const isSet = (t: string) => (nonBlank(state.get(t)) ? `${t} is allowed (it is set, but its own conditions fail)` : `${t} is set`);
  const reasons = [
    ...c.requires.filter((t) => !present.has(t)).map(isSet),
    ...c.valueEq
      .filter(({ target, value }) => !present.has(target) || !state.get(target)!.values.includes(value))
      .map(({ target, value }) => `${target} is "${value}"`),
  ];
  return reasons.join(" and ");
}

function checkValue(c: CompiledCharacteristic, value: string, path: string, report: Report, unusable: Set<string>): void {
  if (c.allowed && !c.allowed.has(value.trim())) {
    report("VALUE_NOT_ALLOWED", "error", path, `${c.id} "${value}" is not one of the catalogue's values: ${list(c.allowedList)}`, c.id);
  }
  const expected = valueTypeProblem(c.valueType, value);
  if (expected) report("INVALID_VALUE_TYPE", "error", path, `${c.id} "${value}" is not ${expected} (${c.valueType})`, c.id);
  if (c.valueFrom !== undefined || c.valueTo !== undefined) {
    const n = Number(value);
    if (value.trim() === "" || Number.isNaN(n)) {
      if (!expected) report("INVALID_VALUE_TYPE", "error", path, `${c.id} "${value}" is not a number`, c.id);
    } else if ((c.valueFrom !== undefined && n < c.valueFrom) || (c.valueTo !== undefined && n > c.valueTo)) {
      report("VALUE_OUT_OF_RANGE", "error", path, `${c.id} ${value} is outside ${c.valueFrom ?? "-inf"}..${c.valueTo ?? "inf"}`, c.id);
    }
  }
  let tested = false;
  let matched = false;
  for (const p of c.patterns) {
    if (p.kind === "regex") {
      tested = true;
      matched ||= p.regex.test(value);
    } else if (p.kind === "unusable" && !unusable.has(c.id)) {
      unusable.add(c.id);
      report(
        "UNUSABLE_PATTERN",
        "warning",
        path,
        `The catalogue's pattern for ${c.id} (${p.source}) is not a valid regular expression; ${c.id} was not checked against it`,
        c.id,
      );
    }
  }
  if (tested && !matched) {
    const sources = c.patterns.flatMap((p) => (p.kind === "regex" ? [p.source] : []));
    report("PATTERN_MISMATCH", "error", path, `${c.id} "${value}" does not match the catalogue's pattern ${sources.join(" or ")}`, c.id);
  }
}

interface CharacteristicRules {
  /** Report missing mandatory characteristics of the whole specification (add, conversion). */
  all: boolean;
  /** Otherwise: only those whose dependency targets the order sets. */
  changed: Set<string>;
}

function checkCharacteristics(
  spec: CompiledSpecification,
  ordered: ReturnType<typeof readCharacteristics>,
  state: Map<string, Held>,
  listPath: string,
  rules: CharacteristicRules,
  report: Report,
): void {
  const unusable = new Set<string>();
  for (const [id, held] of ordered) {
    const c = spec.characteristics.get(id);
    const path = held.path!;
    if (!c) {
      report("UNKNOWN_CHARACTERISTIC", "error", path, `${spec.id} has no characteristic ${id}; it has ${list(spec.characteristics.keys())}`, id);
      continue;
    }
    if (!c.settable) {
      report(
        "CHARACTERISTIC_NOT_CONFIGURABLE",
        "error",
        path,
        `${id} is ${c.min === 0 && c.max === 0 ? "informational" : "not configurable"}: the system sets it, the order may not`,
        id,
      );
      continue;
    }
    if (c.unknownRelationships.length > 0) {
      report(
        "UNKNOWN_RELATIONSHIP_TYPE",
        "warning",
        path,
        `${id} has relationships of a type this SDK does not know (${c.unknownRelationships.join(", ")}); they were not checked`,
        id,
      );
    }
    const given = held.values.filter((v) => v !== "");
    if (given.length > c.max)
      report("TOO_MANY_VALUES", "error", `${path}.value`, `${id} takes at most ${c.max} value${c.max === 1 ? "" : "s"}, got ${given.length}`, id);
    held.values.forEach((value, k) => {
      if (value !== "") checkValue(c, value, `${path}.value[${k}]`, report, unusable);
    });
  }

  if (rules.all) {
    // A conversion keeps the live values the new specification knows: they must fit it too.
    for (const [id, held] of state) {
      const c = spec.characteristics.get(id);
      if (held.path !== undefined || !c?.settable) continue;
      const live: Report = (code, severity, _path, message, subject) =>
        report(code, severity, listPath, `${message} (kept from the live service; send a value of ${spec.id})`, subject);
      for (const value of held.values) if (value !== "") checkValue(c, value, listPath, live, unusable);
    }
  }

  const present = effective(spec, state);
  for (const [id, held] of state) {
    const c = spec.characteristics.get(id);
    if (!c || !nonBlank(held) || present.has(id)) continue;
    // A live value that the change makes meaningless is removed by the system; an ordered one is a mistake.
    if (held.path !== undefined && c.settable) {
      report("RELATIONSHIP_NOT_SATISFIED", "error", held.path, `${id} may only be set when ${unmet(c, present, state)}`, id);
    }
  }

  for (const c of spec.characteristics.values()) {
    if (c.min < 1 || !c.settable || !relationshipsHold(c, present, state)) continue;
    const held = state.get(c.id);
    const count = held ? held.values.filter((v) => v !== "").length : 0;
    if (count >= c.min) continue;
    const triggered = rules.all || [...c.requires, ...c.valueEq.map((r) => r.target)].some((t) => rules.changed.has(t));
    if (!triggered) continue;
    const why =
      c.requires.length + c.valueEq.length > 0
        ? ` (required because ${[...c.requires, ...c.valueEq.map((r) => `${r.target} = "${r.value}"`)].join(" and ")})`
        : "";
    report(
      "MISSING_CHARACTERISTIC",
      "error",
      held?.path ?? listPath,
      `${c.id} is required by ${spec.id}${c.min > 1 ? ` (at least ${c.min} values)` : ""}${why}`,
      c.id,
    );
  }
}

function checkFeatures(spec: CompiledSpecification, raw: unknown, listPath: string, live: Service | undefined, report: Report): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) return report("INVALID_ORDER", "error", listPath, "feature must be a list of { id, isEnabled }");
  const state = new Map<string, boolean>();
  for (const f of spec.features.values()) state.set(f.id, f.defaultEnabled);
  for (const f of live?.feature ?? []) if (f.id && typeof f.isEnabled === "boolean") state.set(f.id, f.isEnabled);
  const fromOrder = new Map<string, string>();
  raw.forEach((f: unknown, j) => {
    const path = `${listPath}[${j}]`;
    if (!isRecord(f) || typeof f.id !== "string" || f.id === "") return report("INVALID_ORDER", "error", path, "a feature needs an id (a non-empty string)");
    const id = f.id;
    if (typeof f.isEnabled !== "boolean") report("INVALID_VALUE_TYPE", "error", `${path}.isEnabled`, `${id}: isEnabled must be true or false`, id);
    const known = spec.features.get(id);
    if (!known)
      return report(
        "UNKNOWN_FEATURE",
        "error",
        path,
        `${spec.id} has no feature ${id}; it has ${list([...spec.features.values()].filter((x) => !x.isBundle).map((x) => x.id))}`,
        id,
      );
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
    if (typeof f.isEnabled === "boolean") state.set(id, f.isEnabled);
  });
  const reported = new Set<string>();
  for (const [id, path] of fromOrder) {
    if (state.get(id) !== true) continue;
    for (const other of spec.features.get(id)?.excludes ?? []) {
      const pair = [id, other].sort().join("|");
      if (state.get(other) !== true || reported.has(pair)) continue;
      reported.add(pair);
      const source = fromOrder.has(other)
        ? "the order enables it too"
        : live
          ? "it is enabled on the live service; disable it in the same order"
          : "it is enabled by default; disable it in the same order";
      report("FEATURES_EXCLUDE_EACH_OTHER", "error", path, `${id} and ${other} exclude each other and both would be enabled: ${source}`, id);
    }
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
      sink.push(
        subject === undefined
          ? { code, severity, ruleSet, path, message }
          : { code, severity, ruleSet, path, message, subject: typeof subject === "string" ? subject : show(subject) },
      );
    };
  const orderReport = add(ORDER, issues);
  if (!isRecord(order)) {
    orderReport("INVALID_ORDER", "error", "", "the order must be an object with serviceOrderItem");
    return { valid: false, issues };
  }
  const findSpec = makeLookup(context.specifications);
  const services = new Map<string, Service>();
  for (const s of context.services ?? []) if (s && typeof s.id === "string") services.set(s.id, s);
  const ruleSets = context.supplierRules === false ? [] : (context.supplierRules ?? [giacomSupplierRules]);

  const refs = new Set<string>();
  (Array.isArray(order.externalReference) ? order.externalReference : []).forEach((r, k) => {
    const key = `${show(r?.externalReferenceType ?? "")}\u0000${show(r?.id)}`;
    if (refs.has(key))
      orderReport(
        "DUPLICATE_EXTERNAL_REFERENCE",
        "warning",
        `externalReference[${k}]`,
        `externalReference ${show(r?.id)} is listed twice; Giacom removes duplicates`,
      );
    refs.add(key);
  });

  const items = order.serviceOrderItem as unknown;
  if (!Array.isArray(items) || items.length === 0) {
    orderReport("NO_ITEMS", "error", "serviceOrderItem", "an order needs at least one item in serviceOrderItem");
    return { valid: false, issues };
  }
  const ids = new Set<string>();
  items.forEach((item: unknown, index) => {
    const path = `serviceOrderItem[${index}]`;
    if (!isRecord(item)) return orderReport("INVALID_ORDER", "error", path, "an order item must be an object with id, action and service");
    if (typeof item.id !== "string" || item.id === "") orderReport("INVALID_ORDER", "error", `${path}.id`, "an order item needs an id (a non-empty string)");
    else if (ids.has(item.id))
      orderReport("DUPLICATE_ITEM_ID", "error", `${path}.id`, `item id "${item.id}" is used twice; ids must be unique within an order`);
    else ids.add(item.id);
    try {
      issues.push(...validateItem(item as ServiceOrderItemCreate, index, path, findSpec, services, ruleSets));
    } catch (error) {
      // The catalogue and the live services come from the network: one of the wrong shape must
      // block this item with an issue, not crash the caller's validation of the whole order.
      add(CATALOGUE, issues)(
        "UNREADABLE_CATALOGUE",
        "error",
        path,
        `the specification or service this item refers to could not be read (${error instanceof Error ? error.message : "malformed data"})`,
      );
    }
  });
  return { valid: !issues.some((i) => i.severity === "error"), issues };

  function validateItem(
    item: ServiceOrderItemCreate,
    index: number,
    path: string,
    lookup: ReturnType<typeof makeLookup>,
    live: Map<string, Service>,
    sets: readonly SupplierRuleSet[],
  ): OrderIssue[] {
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
    const ordered = readCharacteristics(service.serviceCharacteristic, `${sPath}.serviceCharacteristic`, orderIssue);
    const specRef = isRecord(service.serviceSpecification) ? service.serviceSpecification : undefined;
    let spec: CompiledSpecification | undefined;
    let liveService: Service | undefined;

    const resolve = (id: string, version: string | undefined, at: string): CompiledSpecification | undefined => {
      const { spec: found, other } = lookup(id, version);
      if (found) return compileSpecification(found);
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
    };
    const orderable = (s: CompiledSpecification, at: string) => {
      const status = s.spec.lifecycleStatus;
      if (status === undefined || status === "Launched") return;
      const why =
        status === "Retired" ? "still visible for services using it, but no longer available for ordering" : "only Launched specifications can be ordered";
      catalogue("SPECIFICATION_NOT_ORDERABLE", "error", at, `${s.id} is ${status}: ${why}`, s.id);
    };
    const findLive = (id: string, at: string, code: "SERVICE_NOT_FOUND" | "BOLT_ON_TARGET_NOT_FOUND") => {
      const s = live.get(id);
      if (!s) catalogue(code, "error", at, `service ${id} is not among the live services given to the validator (it does not exist or is not visible)`, id);
      return s;
    };

    const state = new Map<string, Held>();
    if (action === "add") {
      if (service.id !== undefined)
        orderIssue("IGNORED_FIELD", "warning", `${sPath}.id`, "a new service gets its id from Giacom; service.id is ignored on add");
      if (typeof specRef?.id !== "string") {
        orderIssue("MISSING_SPECIFICATION", "error", `${sPath}.serviceSpecification`, "an add item needs serviceSpecification { id, version }");
      } else {
        spec = resolve(specRef.id, specRef.version === undefined ? undefined : show(specRef.version), `${sPath}.serviceSpecification`);
      }
      for (const [id, held] of ordered) state.set(id, held);
      if (spec) {
        orderable(spec, `${sPath}.serviceSpecification`);
        checkCharacteristics(spec, ordered, state, `${sPath}.serviceCharacteristic`, { all: true, changed: new Set() }, catalogue);
        checkFeatures(spec, service.feature, `${sPath}.feature`, undefined, catalogue);
        for (const p of Array.isArray(service.relatedParty) ? service.relatedParty : []) {
          const defined = typeof p?.role === "string" ? spec.parties.get(p.role) : undefined;
          if (defined !== undefined && p.partyOrPartyRole?.id !== undefined && p.partyOrPartyRole.id !== defined) {
            catalogue(
              "RELATED_PARTY_CONFLICT",
              "error",
              `${sPath}.relatedParty`,
              `${spec.id} defines the ${show(p.role)} as ${defined}, not ${show(p.partyOrPartyRole.id)}`,
              show(p.role),
            );
          }
        }
        const targets = (Array.isArray(service.serviceRelationship) ? service.serviceRelationship : []).filter((r) => r?.relationshipType === "addon_for");
        if (spec.isBoltOn) {
          if (targets.length === 0)
            catalogue(
              "BOLT_ON_TARGET_MISSING",
              "error",
              `${sPath}.serviceRelationship`,
              `${spec.id} is a bolt-on: name the live service it is for with serviceRelationship { relationshipType: "addon_for", service: { id } }`,
              spec.id,
            );
          targets.forEach((r, k) => {
            const at = `${sPath}.serviceRelationship[${k}].service.id`;
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
            if (targetSpec && !spec!.addonFor.has(targetSpec)) {
              catalogue(
                "BOLT_ON_NOT_COMPATIBLE",
                "error",
                at,
                `${spec!.id} is a bolt-on for ${list(spec!.addonFor) || "no specification"}, not for ${targetSpec} (the specification of service ${target.id})`,
                spec!.id,
              );
            }
          });
        } else if (targets.length > 0) {
          catalogue(
            "NOT_A_BOLT_ON",
            "error",
            `${sPath}.serviceRelationship`,
            `${spec.id} is not a bolt-on: it cannot be added "addon_for" another service`,
            spec.id,
          );
        }
      }
    } else if (typeof service.id !== "string" || service.id === "") {
      orderIssue("MISSING_SERVICE_ID", "error", `${sPath}.id`, `a "${action}" item needs the id of the live service`);
    } else if (action === "delete") {
      for (const field of ["serviceCharacteristic", "feature", "serviceSpecification"] as const) {
        if (service[field] !== undefined)
          orderIssue("IGNORED_FIELD", "warning", `${sPath}.${field}`, `a delete item only needs the service id (and endDate); ${field} is ignored`);
      }
      if (service.endDate !== undefined && (typeof service.endDate !== "string" || valueTypeProblem("date-time", service.endDate))) {
        orderIssue("INVALID_VALUE_TYPE", "error", `${sPath}.endDate`, "endDate must be an RFC 3339 date-time such as 2025-09-01T00:00:00.000Z");
      }
      liveService = findLive(service.id, `${sPath}.id`, "SERVICE_NOT_FOUND");
      if (liveService && !isLive(liveService))
        catalogue("SERVICE_NOT_LIVE", "error", `${sPath}.id`, `service ${liveService.id} is already ${liveService.state}`, liveService.id);
    } else {
      liveService = findLive(service.id, `${sPath}.id`, "SERVICE_NOT_FOUND");
      if (liveService) {
        if (!isLive(liveService))
          catalogue("SERVICE_NOT_LIVE", "error", `${sPath}.id`, `service ${liveService.id} is ${liveService.state}: it cannot be changed`, liveService.id);
        const current = liveService.serviceSpecification;
        const targetId = typeof specRef?.id === "string" ? specRef.id : current?.id;
        const targetVersion = typeof specRef?.id === "string" ? (specRef.version === undefined ? undefined : show(specRef.version)) : current?.version;
        const converting = typeof specRef?.id === "string" && specRef.id !== current?.id;
        if (!targetId) {
          catalogue(
            "SPECIFICATION_NOT_FOUND",
            "error",
            `${sPath}.id`,
            `service ${liveService.id} names no specification; it cannot be checked`,
            liveService.id,
          );
        } else {
          spec = resolve(targetId, targetVersion, converting ? `${sPath}.serviceSpecification` : `${sPath}.id`);
        }
        if (spec && converting) {
          orderable(spec, `${sPath}.serviceSpecification`);
          const from = current?.id ? lookup(current.id, current.version).spec : undefined;
          const fromCompiled = from ? compileSpecification(from) : undefined;
          if (!fromCompiled) {
            catalogue(
              "SPECIFICATION_NOT_FOUND",
              "error",
              `${sPath}.serviceSpecification`,
              `the current specification of service ${liveService.id} (${current?.id}) is needed to check the conversion and is not in the catalogue given to the validator`,
              current?.id,
            );
          } else if (!fromCompiled.convertibleTo.has(spec.id) && !spec.convertibleTo.has(fromCompiled.id)) {
            catalogue(
              "CONVERSION_NOT_ALLOWED",
              "error",
              `${sPath}.serviceSpecification`,
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
          checkCharacteristics(spec, ordered, state, `${sPath}.serviceCharacteristic`, { all: converting, changed: new Set(ordered.keys()) }, catalogue);
          checkFeatures(spec, service.feature, `${sPath}.feature`, liveService, catalogue);
        }
      }
    }

    if (sets.length === 0) return found;
    const view: ItemView = {
      index,
      path,
      action,
      item,
      specification: spec?.spec,
      liveService,
      network: spec?.network,
      ordered: new Map([...ordered].map(([id, h]) => [id, h.values])),
      orderedPath: new Map([...ordered].map(([id, h]) => [id, h.path!])),
      resulting: new Map([...(state.size > 0 ? state : ordered)].map(([id, h]) => [id, h.values])),
    };
    const kept = found.filter((issue) => !sets.some((set) => set.rules.some((rule) => rule.waives?.(issue, view))));
    for (const set of sets) {
      for (const rule of set.rules) rule.check?.(view, (issue) => kept.push({ ...issue, ruleSet: set.name }));
    }
    return kept;
  }
}
