// Finding the specification an order names, in a list or through the caller's own lookup.
import { append } from "../../core/internal/append.js";
import { show } from "../../core/internal/show.js";
import type { ServiceSpecification } from "../types.js";
import { isRecord } from "./read-order.js";

/**
 * Finds a specification by id and, when the order names one, version.
 * @group Validation
 * @example
 * ```ts
 * const lookup: SpecificationLookup = (id, version) => myCatalogue.find((s) => s.id === id && (!version || String(s.version) === version));
 * ```
 */
export type SpecificationLookup = (id: string, version?: string) => ServiceSpecification | undefined;

/** @internal The specification asked for; or else, when a version was asked for, the current one as `other`. */
export type Lookup = (id: string, version?: string) => { spec?: ServiceSpecification | undefined; other?: ServiceSpecification | undefined };

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

/** @internal */
export function makeLookup(source: Iterable<ServiceSpecification> | SpecificationLookup): Lookup {
  const find = typeof source === "function" ? source : byVersion(source);
  // Only an object with a string id is a specification, whatever a lookup answers.
  const ask = (id: string, version?: string) => ((s) => (isRecord(s) && typeof s.id === "string" ? s : undefined))(find(id, version));
  return (id, version) => {
    const spec = ask(id, version);
    return { spec, other: spec || version === undefined ? undefined : ask(id) };
  };
}
