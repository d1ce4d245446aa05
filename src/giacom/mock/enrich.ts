// What Giacom adds to what a client sends: characteristics and features come back with the
// name, description and value type of their specification (the documented acknowledgement and
// service show it), and stored entities keep only the fields the contract declares.
import type { Characteristic, CharacteristicSpecification, Feature, RelatedParty, ServiceSpecification } from "../types.js";
import { isRecord } from "../../core/simulator/http.js";

/** `T` with every field that may be undefined made optional instead. */
export type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops undefined fields (exactOptionalPropertyTypes: absent, never undefined). */
export function defined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>;
}

export function specCharacteristic(spec: ServiceSpecification | undefined, id: string): CharacteristicSpecification | undefined {
  return spec?.specCharacteristic?.find((c) => c.id === id);
}

/** The string values of a characteristic as sent: `[{ value: "100" }]` gives `["100"]`. */
export function valuesOf(characteristic: unknown): string[] {
  const list = isRecord(characteristic) && Array.isArray(characteristic.value) ? characteristic.value : [];
  return list.flatMap((v: unknown) => (isRecord(v) && typeof v.value === "string" ? [v.value] : []));
}

/** As the acknowledgement shows it: every value named after its characteristic. */
export function orderCharacteristic(spec: ServiceSpecification | undefined, raw: unknown): Characteristic {
  const id = isRecord(raw) && typeof raw.id === "string" ? raw.id : "";
  const c = specCharacteristic(spec, id);
  const label = defined({ name: c?.name, description: c?.description, valueType: c?.valueType });
  return defined({ id, ...label, value: valuesOf(raw).map((value) => ({ ...label, value })) });
}

/** As the documented service shows it: values named after the catalogue value they match. */
export function serviceCharacteristic(spec: ServiceSpecification | undefined, id: string, values: readonly string[]): Characteristic {
  const c = specCharacteristic(spec, id);
  const valueSpecs = c?.characteristicValueSpecification ?? [];
  const rule = valueSpecs.find((v) => v.value === undefined);
  return defined({
    id,
    name: c?.name,
    description: c?.description,
    valueType: c?.valueType,
    value: values.map((value) => {
      const named = valueSpecs.find((v) => v.value !== undefined && v.value.trim() === value.trim()) ?? rule;
      return defined({ name: named?.name ?? c?.name, description: named?.description ?? c?.description, valueType: c?.valueType, value });
    }),
  });
}

export function feature(spec: ServiceSpecification | undefined, id: string, isEnabled: boolean | undefined): Feature {
  const f = spec?.featureSpecification?.find((x) => x.id === id);
  return defined({ id, name: f?.name, description: f?.description, isEnabled });
}

/** The features a new service starts with: every non-bundle feature, in its default state. */
export function defaultFeatures(spec: ServiceSpecification): Feature[] {
  return (spec.featureSpecification ?? []).filter((f) => f.isBundle !== true && f.id !== undefined).map((f) => feature(spec, f.id!, f.isEnabled ?? false));
}

/** The order's features, named after the specification's. */
export function orderFeatures(spec: ServiceSpecification | undefined, raw: unknown): Feature[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((f: unknown) =>
    isRecord(f) && typeof f.id === "string" ? [feature(spec, f.id, typeof f.isEnabled === "boolean" ? f.isEnabled : undefined)] : [],
  );
}

/** `extra` parties added to `base` unless a party with the same role is already there. */
export function mergeParties(base: readonly RelatedParty[], extra: readonly RelatedParty[]): RelatedParty[] {
  const roles = new Set(base.map((p) => p.role));
  return [...structuredClone(base), ...structuredClone(extra.filter((p) => !roles.has(p.role)))];
}

export const RELATED_PARTY_KEYS = ["role", "partyOrPartyRole"] as const;

/** Related parties as the contract shapes them ({ role, partyOrPartyRole: { id } }). */
export function parties(raw: unknown): RelatedParty[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((p: unknown) => {
    if (!isRecord(p)) return [];
    const party = isRecord(p.partyOrPartyRole) && typeof p.partyOrPartyRole.id === "string" ? { id: p.partyOrPartyRole.id } : undefined;
    return [defined({ role: typeof p.role === "string" ? p.role : undefined, partyOrPartyRole: party })];
  });
}

/** Objects of `raw` reduced to string fields among `keys`. */
export function records<K extends string>(raw: unknown, keys: readonly K[]): Partial<Record<K, string>>[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((r: unknown) =>
    isRecord(r) ? [Object.fromEntries(keys.flatMap((k) => (typeof r[k] === "string" ? [[k, r[k]]] : []))) as Partial<Record<K, string>>] : [],
  );
}

/** Whether the characteristic's relationships hold among `values` (requires / value_eq). */
export function relationshipsHold(c: CharacteristicSpecification, values: ReadonlyMap<string, readonly string[]>): boolean {
  return (c.charSpecRelationship ?? []).every((r) => {
    const target = r.characteristicSpecificationId === undefined ? undefined : values.get(r.characteristicSpecificationId);
    const present = target !== undefined && target.some((v) => v !== "");
    if (r.relationshipType === "requires") return present;
    if (r.relationshipType === "value_eq") return present && target.includes(r.characteristicSpecificationValue ?? "");
    return true;
  });
}
