// Supplier rules: what the Giacom document states but its catalogue data does not encode.
// They sit on top of the generic catalogue rules, in a named set, so that a catalogue-only
// user (validateOrder(order, { ..., supplierRules: false })) sees exactly what the data says.
import type { Service, ServiceOrderItemCreate, ServiceSpecification } from "../types.js";
import type { OrderIssue } from "./issues.js";

/**
 * What a supplier rule sees of one order item.
 * @group Validation
 * @example
 * ```ts
 * const isVodafone = (item: ItemView) => item.network === "VF";
 * ```
 */
export interface ItemView {
  index: number;
  /** Path of the item in the order, e.g. `serviceOrderItem[0]`. */
  path: string;
  action: "add" | "modify" | "delete";
  item: ServiceOrderItemCreate;
  /** The specification the item orders or changes to, when known. */
  specification: ServiceSpecification | undefined;
  /** The live service a `modify` or `delete` touches, when known. */
  liveService: Service | undefined;
  /** The network of the specification (`relatedParty` role `network`), e.g. `VF`, `O2`. */
  network: string | undefined;
  /** The characteristic values the order sets, by characteristic id. */
  ordered: ReadonlyMap<string, readonly string[]>;
  /** Where each characteristic the order sets is, e.g. `...serviceCharacteristic[2]`. */
  orderedPath: ReadonlyMap<string, string>;
  /** The characteristic values after the change: the live service's merged with the order's. */
  resulting: ReadonlyMap<string, readonly string[]>;
}

/**
 * A rule a supplier applies beyond what its catalogue data says. `check` reports issues;
 * `waives` lifts a catalogue issue the supplier's documented practice contradicts.
 * @group Validation
 * @example
 * ```ts
 * const noPremium: SupplierRule = { name: "house", description: "we never enable premium calls", check: (item, report) => { if (item.ordered.has("BAR_PREMIUM")) report({ code: "UNKNOWN_FEATURE", severity: "error", path: item.path, message: "no" }); } };
 * ```
 */
export interface SupplierRule {
  name: string;
  description: string;
  check?(item: ItemView, report: (issue: Omit<OrderIssue, "ruleSet">) => void): void;
  waives?(issue: OrderIssue, item: ItemView): boolean;
}

/**
 * A named set of supplier rules; its `name` is the `ruleSet` of the issues it reports.
 * @group Validation
 * @example
 * ```ts
 * validateOrder(order, { specifications, supplierRules: [giacomSupplierRules, myHouseRules] });
 * ```
 */
export interface SupplierRuleSet {
  name: string;
  rules: readonly SupplierRule[];
}

const VODAFONE = new Set(["VF", "VODAFONE"]);
const first = (values: readonly string[] | undefined) => values?.find((v) => v !== "");

/**
 * Giacom's rules from its documentation that the catalogue data does not encode:
 * - `vodafone-esim-serial`: Vodafone generates an eSIM when it is ordered, so a new Vodafone
 *   eSIM needs no SIM_SERIAL, although the catalogue makes it mandatory;
 * - `bill-limit-clear`: `BILL_LIMIT` 0 clears the bill limit, as documented, although the
 *   catalogue's pattern for BILL_LIMIT does not accept "0";
 * - `sim-swap`: what a SIM swap must send on each network: O2 always the new SIM_SERIAL;
 *   Vodafone the new SIM_SERIAL for a triple SIM, and for an eSIM no serial but SIM_TYPE.
 * @group Validation
 * @example
 * ```ts
 * validateOrder(order, { specifications, services, supplierRules: [giacomSupplierRules] }); // the default
 * ```
 */
export const giacomSupplierRules: SupplierRuleSet = Object.freeze({
  name: "giacom",
  rules: Object.freeze([
    {
      name: "vodafone-esim-serial",
      description: "A new Vodafone eSIM has no SIM serial yet: Vodafone generates it.",
      waives: (issue: OrderIssue, item: ItemView) =>
        issue.code === "MISSING_CHARACTERISTIC" &&
        issue.subject === "SIM_SERIAL" &&
        item.action === "add" &&
        VODAFONE.has(item.network ?? "") &&
        first(item.resulting.get("SIM_TYPE")) === "e_sim",
    },
    {
      name: "bill-limit-clear",
      description: "BILL_LIMIT 0 clears the bill limit, whatever the catalogue's pattern says.",
      waives: (issue: OrderIssue, item: ItemView) =>
        issue.code === "PATTERN_MISMATCH" && issue.subject === "BILL_LIMIT" && first(item.ordered.get("BILL_LIMIT")) === "0",
    },
    {
      name: "sim-swap",
      description: "A SIM swap sends the new SIM_SERIAL (O2, Vodafone triple SIM), or SIM_TYPE and no serial (Vodafone eSIM).",
      check(item: ItemView, report: (issue: Omit<OrderIssue, "ruleSet">) => void) {
        if (item.action !== "modify" || item.specification?.id !== item.liveService?.serviceSpecification?.id) return; // conversions are not swaps
        const serial = item.ordered.has("SIM_SERIAL");
        const type = item.ordered.has("SIM_TYPE");
        if (!serial && !type) return;
        const at = (id: string) => item.orderedPath.get(id) ?? `${item.path}.service.serviceCharacteristic`;
        const target = first(item.resulting.get("SIM_TYPE"));
        if (!VODAFONE.has(item.network ?? "") || target !== "e_sim") {
          if (!serial)
            report({
              code: "SIM_SWAP_SERIAL_REQUIRED",
              severity: "error",
              path: at("SIM_TYPE"),
              message: `A SIM swap to a ${target === "e_sim" ? "non-Vodafone eSIM" : "triple SIM"} must send the new SIM_SERIAL`,
            });
          return;
        }
        if (serial)
          report({
            code: "SIM_SWAP_SERIAL_NOT_ALLOWED",
            severity: "error",
            path: at("SIM_SERIAL"),
            message: "A swap to a Vodafone eSIM cannot send SIM_SERIAL: Vodafone generates it",
          });
        if (!type)
          report({
            code: "SIM_SWAP_TYPE_REQUIRED",
            severity: "error",
            path: at("SIM_SERIAL"),
            message: 'A swap to a Vodafone eSIM must send SIM_TYPE "e_sim"',
          });
      },
    },
  ]),
});
