// An item's features against its compiled specification: each one known and set once, and no
// two enabled together that exclude each other, in the state the change would leave.
import type { Service } from "../types.js";
import type { CompiledSpecification } from "./compile.js";
import { eachWithId } from "./read-order.js";
import { list, type Report } from "./report.js";

/** @internal `raw`: the item's `feature`; `live`: the service it changes, if any. */
export function checkFeatures(spec: CompiledSpecification, raw: unknown, listPath: string, live: Service | undefined, report: Report): void {
  const { paths, enabled } = readFeatures(spec, raw, listPath, report);
  if (Array.isArray(raw)) checkExclusions(spec, paths, enabled, live, report);
}

/** The features the order sets that the specification knows: where each is and, when it says, whether it is on. */
function readFeatures(spec: CompiledSpecification, raw: unknown, listPath: string, report: Report) {
  const paths = new Map<string, string>();
  const enabled = new Map<string, boolean>();
  eachWithId(raw, listPath, "feature must be a list of { id, isEnabled }", "a feature needs an id (a non-empty string)", report, (f, id, path) => {
    if (typeof f.isEnabled !== "boolean") report("INVALID_VALUE_TYPE", `${path}.isEnabled`, `${id}: isEnabled must be true or false`, id);
    const known = spec.features.get(id);
    if (!known) {
      const features = list([...spec.features.values()].filter((x) => !x.isBundle).map((x) => x.id));
      return report("UNKNOWN_FEATURE", path, `${spec.id} has no feature ${id}; it has ${features}`, id);
    }
    if (paths.has(id)) return report("DUPLICATE_FEATURE", path, `${id} is set twice in this item`, id);
    if (known.isBundle) report("FEATURE_IS_BUNDLE", path, `${id} is a bundle: set its features instead`, id, "warning");
    if (known.bundles.length > 1) {
      const bundles = known.bundles.join(", ");
      report("FEATURE_IN_SEVERAL_BUNDLES", path, `${id} is in several bundles of the catalogue (${bundles})`, id, "warning");
    }
    paths.set(id, path);
    if (typeof f.isEnabled === "boolean") enabled.set(id, f.isEnabled);
  });
  return { paths, enabled };
}

function checkExclusions(
  spec: CompiledSpecification,
  paths: Map<string, string>,
  enabled: Map<string, boolean>,
  live: Service | undefined,
  report: Report,
): void {
  // What would be enabled: the catalogue's defaults, overridden by the live service, then by the order.
  const state = new Map<string, boolean>();
  for (const f of spec.features.values()) state.set(f.id, f.defaultEnabled);
  for (const f of live?.feature ?? []) if (f.id && typeof f.isEnabled === "boolean") state.set(f.id, f.isEnabled);
  for (const [id, on] of enabled) state.set(id, on);
  // A pair both of whose features the order sets is reported once, from the first.
  const seen = new Set<string>();
  for (const [id, path] of paths) {
    for (const other of state.get(id) ? spec.features.get(id)!.excludes : []) {
      if (state.get(other) !== true || seen.has(other)) continue;
      const source = paths.has(other)
        ? "the order enables it too"
        : `it is enabled ${live ? "on the live service" : "by default"}; disable it in the same order`;
      report("FEATURES_EXCLUDE_EACH_OTHER", path, `${id} and ${other} exclude each other and both would be enabled: ${source}`, id);
    }
    seen.add(id);
  }
}
