// Supplier rule sets over one checked item: their waivers lift catalogue issues first, then
// their checks add their own.
import type { ServiceOrderItemCreate } from "../types.js";
import type { CheckedItem } from "./check-item.js";
import type { OrderIssue } from "./issues.js";
import type { Held } from "./read-order.js";
import type { ItemView, SupplierRuleSet } from "./rules.js";

/** @internal What a supplier rule sees of a checked item. */
export function itemView(item: ServiceOrderItemCreate, index: number, path: string, checked: CheckedItem): ItemView {
  const { action, ordered, spec, live, state } = checked;
  const values = (held: Map<string, Held>) => new Map([...held].map(([id, h]) => [id, h.values]));
  return {
    index,
    path,
    action,
    item,
    specification: spec?.spec,
    liveService: live,
    network: spec?.network,
    ordered: values(ordered),
    orderedPath: new Map([...ordered].map(([id, h]) => [id, h.path!])),
    resulting: values(state.size > 0 ? state : ordered),
  };
}

/** @internal The item's issues less those a rule waives, then those the rules report. */
export function applySupplierRules(found: readonly OrderIssue[], ruleSets: readonly SupplierRuleSet[], view: ItemView): OrderIssue[] {
  const kept = found.filter((issue) => !ruleSets.some((set) => set.rules.some((rule) => rule.waives?.(issue, view))));
  for (const set of ruleSets) {
    for (const rule of set.rules) rule.check?.(view, (issue) => kept.push({ ...issue, ruleSet: set.name }));
  }
  return kept;
}
