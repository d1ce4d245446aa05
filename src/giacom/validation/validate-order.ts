// Checks a service order against the catalogue semantics of the Giacom document, locally and
// without I/O, and reports every problem at once with a path into the order. This module walks
// the order; each item is checked by check-item.ts, then judged by the supplier rules.
import type { Service, ServiceOrderCreate, ServiceOrderItemCreate, ServiceSpecification } from "../types.js";
import { show } from "../../core/internal/show.js";
import { applySupplierRules, itemView } from "./apply-supplier-rules.js";
import { checkItem, type Sources } from "./check-item.js";
import type { OrderIssue, ValidationResult } from "./issues.js";
import { makeLookup, type SpecificationLookup } from "./lookup.js";
import { isId, isRecord, listOr } from "./read-order.js";
import { CATALOGUE, ORDER, reporter, type Report } from "./report.js";
import { giacomSupplierRules, type SupplierRuleSet } from "./rules.js";

export type { SpecificationLookup } from "./lookup.js";

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
  const report = reporter(ORDER, issues);
  const result = () => ({ valid: !issues.some((i) => i.severity === "error"), issues });
  if (!isRecord(order)) {
    report("INVALID_ORDER", "", "the order must be an object with serviceOrderItem");
    return result();
  }
  const sources: Sources = { lookup: makeLookup(context.specifications), services: new Map() };
  for (const s of context.services ?? []) if (s && typeof s.id === "string") sources.services.set(s.id, s);
  const ruleSets = context.supplierRules === false ? [] : (context.supplierRules ?? [giacomSupplierRules]);
  checkExternalReferences(order.externalReference, report);
  const items = order.serviceOrderItem as unknown;
  if (!Array.isArray(items) || items.length === 0) {
    report("NO_ITEMS", "serviceOrderItem", "an order needs at least one item in serviceOrderItem");
    return result();
  }
  const ids = new Set<string>();
  items.forEach((item: unknown, index) => {
    const path = `serviceOrderItem[${index}]`;
    if (!isRecord(item)) return report("INVALID_ORDER", path, "an order item must be an object with id, action and service");
    checkItemId(item.id, `${path}.id`, ids, report);
    try {
      issues.push(...validateItem(item as ServiceOrderItemCreate, index, path, sources, ruleSets));
    } catch (error) {
      // The catalogue and the live services come from the network: one of the wrong shape must
      // block this item with an issue, not crash the caller's validation of the whole order.
      const why = error instanceof Error ? error.message : "malformed data";
      reporter(CATALOGUE, issues)("UNREADABLE_CATALOGUE", path, `its specification or service could not be read (${why})`);
    }
  });
  return result();
}

function checkExternalReferences(raw: unknown, report: Report): void {
  const refs = new Set<string>();
  listOr(raw).forEach((r, k) => {
    const key = `${show(r?.externalReferenceType ?? "")}\u0000${show(r?.id)}`;
    if (refs.has(key))
      report("DUPLICATE_EXTERNAL_REFERENCE", `externalReference[${k}]`, `externalReference ${show(r?.id)} is listed twice`, undefined, "warning");
    refs.add(key);
  });
}

function checkItemId(id: unknown, path: string, ids: Set<string>, report: Report): void {
  if (!isId(id)) report("INVALID_ORDER", path, "an order item needs an id (a non-empty string)");
  else if (ids.has(id)) report("DUPLICATE_ITEM_ID", path, `item id "${id}" is used twice in the order`);
  else ids.add(id);
}

function validateItem(item: ServiceOrderItemCreate, index: number, path: string, sources: Sources, ruleSets: readonly SupplierRuleSet[]): OrderIssue[] {
  const found: OrderIssue[] = [];
  const checked = checkItem(item, path, sources, found);
  return checked && ruleSets.length > 0 ? applySupplierRules(found, ruleSets, itemView(item, index, path, checked)) : found;
}
