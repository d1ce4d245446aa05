// A ServiceSpecification turned into what validation needs: lookups by id, patterns
// compiled, relationships resolved. Compiled once per specification object.
import { show } from "../../core/internal/show.js";
import type { CharacteristicSpecification, ServiceSpecification } from "../types.js";
import { patternRisk } from "./patterns.js";

/** @internal A pattern from the catalogue, ready to use, or why it cannot be. */
export type Pattern =
  | { kind: "regex"; source: string; regex: RegExp }
  | { kind: "placeholder" }
  | { kind: "unusable"; source: string }
  | { kind: "unsafe"; source: string; reason: string };

/**
 * @internal A condition a characteristic may only be set under: `target` is set (`requires`),
 * with `value` among its values (`value_eq`).
 */
export interface Need {
  target: string;
  value?: string;
}

/** @internal */
export interface CompiledCharacteristic {
  id: string;
  min: number;
  max: number;
  /** The client may set it: configurable, and not informational (min = max = 0). */
  settable: boolean;
  valueType: string | undefined;
  /** Enumerated values, trimmed, in the catalogue's order; undefined when the catalogue enumerates none. */
  allowed: Set<string> | undefined;
  valueFrom: number | undefined;
  valueTo: number | undefined;
  patterns: Pattern[];
  /** The `requires` conditions, then the `value_eq` ones. */
  needs: Need[];
  unknownRelationships: string[];
}

/** @internal */
export interface CompiledFeature {
  id: string;
  isBundle: boolean;
  defaultEnabled: boolean;
  excludes: Set<string>;
  /** The bundles that include it. */
  bundles: string[];
}

/** @internal */
export interface CompiledSpecification {
  spec: ServiceSpecification;
  id: string;
  characteristics: Map<string, CompiledCharacteristic>;
  features: Map<string, CompiledFeature>;
  isBoltOn: boolean;
  addonFor: Set<string>;
  convertibleTo: Set<string>;
  /** Related parties by role (supplier, network), as the specification defines them. */
  parties: Map<string, string>;
  network: string | undefined;
}

// Catalogues carry placeholders where a pattern will one day be ("regex_to_match_sn"):
// they say nothing about the value, so they are not applied.
const PLACEHOLDER = /^regex_to_match_/;

function compilePattern(source: string): Pattern {
  if (PLACEHOLDER.test(source)) return { kind: "placeholder" };
  for (const flags of ["u", ""]) {
    let regex: RegExp;
    try {
      // Anchored whatever the catalogue wrote: a pattern describes the whole value.
      regex = new RegExp(`^(?:${source})$`, flags);
    } catch {
      continue;
    }
    // Judged in a reading that holds with the u flag and without (\u{2} repeats a u without it).
    const reason = patternRisk(source);
    return reason === undefined ? { kind: "regex", source, regex } : { kind: "unsafe", source, reason };
  }
  return { kind: "unusable", source };
}

// Catalogues come from the server or the caller and may be malformed: a list that is not an
// array, or entries that are not objects, is read as what it holds of use, never thrown on.
function records<T>(list: readonly T[] | undefined): T[] {
  return Array.isArray(list) ? list.filter((entry): entry is T => typeof entry === "object" && entry !== null) : [];
}

function compileCharacteristic(c: CharacteristicSpecification): CompiledCharacteristic {
  const min = c.minCardinality ?? 0;
  const max = c.maxCardinality ?? Number.POSITIVE_INFINITY;
  const values = records(c.characteristicValueSpecification);
  const enumerated = values.flatMap((v) => (typeof v.value === "string" ? [v.value.trim()] : []));
  const ranged = values.find((v) => v.valueFrom !== undefined || v.valueTo !== undefined);
  const requires: Need[] = [];
  const valueEq: Need[] = [];
  const unknownRelationships: string[] = [];
  for (const r of records(c.charSpecRelationship)) {
    const target = r.characteristicSpecificationId;
    const value = r.characteristicSpecificationValue;
    if (r.relationshipType === "requires" && target) requires.push({ target });
    else if (r.relationshipType === "value_eq" && target && value !== undefined) valueEq.push({ target, value });
    else unknownRelationships.push(show(r.relationshipType));
  }
  return {
    id: c.id,
    min,
    max,
    settable: c.configurable !== false && !(min === 0 && max === 0),
    valueType: c.valueType ?? values.find((v) => v.valueType)?.valueType,
    allowed: enumerated.length > 0 ? new Set(enumerated) : undefined,
    valueFrom: ranged?.valueFrom,
    valueTo: ranged?.valueTo,
    patterns: values.filter((v) => typeof v.regex === "string" && v.regex !== "").map((v) => compilePattern(v.regex!)),
    needs: [...requires, ...valueEq],
    unknownRelationships,
  };
}

const cache = new WeakMap<ServiceSpecification, CompiledSpecification>();

/** @internal The compiled form of a specification, built once per specification object. */
export function compileSpecification(spec: ServiceSpecification): CompiledSpecification {
  const cached = cache.get(spec);
  if (cached) return cached;
  const characteristics = new Map<string, CompiledCharacteristic>();
  for (const c of records(spec.specCharacteristic)) if (typeof c?.id === "string") characteristics.set(c.id, compileCharacteristic(c));
  const features = new Map<string, CompiledFeature>();
  for (const f of records(spec.featureSpecification)) {
    if (typeof f?.id !== "string") continue;
    features.set(f.id, { id: f.id, isBundle: f.isBundle === true, defaultEnabled: f.isEnabled === true, excludes: new Set(), bundles: [] });
  }
  for (const f of records(spec.featureSpecification)) {
    const compiled = typeof f?.id === "string" ? features.get(f.id) : undefined;
    if (!compiled) continue;
    for (const r of records(f.featureSpecRelationship)) {
      const target = r.featureId ? features.get(r.featureId) : undefined;
      if (!target) continue;
      if (r.relationshipType === "includes") target.bundles.push(compiled.id);
      else if (r.relationshipType === "excludes") {
        // Exclusion is mutual even when the catalogue writes only one side.
        compiled.excludes.add(target.id);
        target.excludes.add(compiled.id);
      }
    }
  }
  const addonFor = new Set<string>();
  const convertibleTo = new Set<string>();
  for (const r of records(spec.serviceSpecRelationship)) {
    if (!r.id) continue;
    if (r.relationshipType === "addon_for") addonFor.add(r.id);
    else if (r.relationshipType === "convertible_to") convertibleTo.add(r.id);
  }
  const parties = new Map<string, string>();
  for (const p of records(spec.relatedParty)) if (p.role && p.partyOrPartyRole?.id) parties.set(p.role, p.partyOrPartyRole.id);
  const compiled: CompiledSpecification = {
    spec,
    id: spec.id,
    characteristics,
    features,
    isBoltOn: spec.category === "Mobile Bolt On" || addonFor.size > 0,
    addonFor,
    convertibleTo,
    parties,
    network: parties.get("network"),
  };
  cache.set(spec, compiled);
  return compiled;
}
