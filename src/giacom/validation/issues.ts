// What local validation reports: every problem at once, each with a path into the order.

/**
 * Why an order (or one of its parts) is wrong. Stable strings to switch on.
 * @group Validation
 * @example
 * ```ts
 * const blocking = issues.filter((i) => i.code === "MISSING_CHARACTERISTIC");
 * ```
 */
export type OrderIssueCode =
  // the order's structure
  | "INVALID_ORDER"
  | "NO_ITEMS"
  | "DUPLICATE_ITEM_ID"
  | "UNSUPPORTED_ACTION"
  | "MISSING_SERVICE"
  | "MISSING_SPECIFICATION"
  | "MISSING_SERVICE_ID"
  | "IGNORED_FIELD"
  | "DUPLICATE_EXTERNAL_REFERENCE"
  // the catalogue
  | "SPECIFICATION_NOT_FOUND"
  | "SPECIFICATION_VERSION_MISMATCH"
  | "SPECIFICATION_NOT_ORDERABLE"
  | "UNKNOWN_CHARACTERISTIC"
  | "DUPLICATE_CHARACTERISTIC"
  | "CHARACTERISTIC_NOT_CONFIGURABLE"
  | "MISSING_CHARACTERISTIC"
  | "TOO_MANY_VALUES"
  | "RELATIONSHIP_NOT_SATISFIED"
  | "UNKNOWN_RELATIONSHIP_TYPE"
  | "VALUE_NOT_ALLOWED"
  | "VALUE_OUT_OF_RANGE"
  | "INVALID_VALUE_TYPE"
  | "PATTERN_MISMATCH"
  | "UNUSABLE_PATTERN"
  | "UNSAFE_PATTERN"
  | "VALUE_TOO_LONG_FOR_PATTERN"
  | "UNKNOWN_FEATURE"
  | "DUPLICATE_FEATURE"
  | "FEATURE_IS_BUNDLE"
  | "FEATURE_IN_SEVERAL_BUNDLES"
  | "FEATURES_EXCLUDE_EACH_OTHER"
  | "RELATED_PARTY_CONFLICT"
  | "BOLT_ON_TARGET_MISSING"
  | "BOLT_ON_TARGET_NOT_FOUND"
  | "BOLT_ON_TARGET_NOT_LIVE"
  | "BOLT_ON_NOT_COMPATIBLE"
  | "NOT_A_BOLT_ON"
  | "SERVICE_NOT_FOUND"
  | "SERVICE_NOT_LIVE"
  | "CONVERSION_NOT_ALLOWED"
  | "UNREADABLE_CATALOGUE"
  // Giacom's supplier rules (see giacomSupplierRules)
  | "SIM_SWAP_SERIAL_REQUIRED"
  | "SIM_SWAP_SERIAL_NOT_ALLOWED"
  | "SIM_SWAP_TYPE_REQUIRED";

/**
 * One problem found in an order.
 * @group Validation
 * @example
 * ```ts
 * const issue: OrderIssue = { code: "MISSING_CHARACTERISTIC", severity: "error", ruleSet: "catalogue", path: "serviceOrderItem[0].service.serviceCharacteristic", message: "TARIFF is required" };
 * ```
 */
export interface OrderIssue {
  code: OrderIssueCode;
  /** `error`: Giacom would reject or fail the order. `warning`: suspicious, not blocking. */
  severity: "error" | "warning";
  /**
   * Which rules found it: `order` (the order's own structure), `catalogue` (what the
   * ServiceSpecifications say), or the name of a supplier rule set such as `giacom`.
   */
  ruleSet: string;
  /** Where in the order, e.g. `serviceOrderItem[0].service.serviceCharacteristic[3].value[0]`. */
  path: string;
  /** What is wrong and what to do, for a person. */
  message: string;
  /** The characteristic, feature, specification or service concerned, when there is one. */
  subject?: string;
}

/**
 * The outcome of validating an order: `valid` is false when any issue is an error.
 * @group Validation
 * @example
 * ```ts
 * const result: ValidationResult = validateOrder(order, { specifications });
 * if (!result.valid) console.error(formatIssues(result.issues));
 * ```
 */
export interface ValidationResult {
  valid: boolean;
  issues: OrderIssue[];
}

/**
 * Issues as readable lines, errors first: `error   serviceOrderItem[0]...: message [CODE]`.
 * @group Validation
 * @example
 * ```ts
 * console.error(formatIssues(validateOrder(order, context).issues));
 * ```
 */
export function formatIssues(issues: readonly OrderIssue[]): string {
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return sorted.map((i) => `${i.severity === "error" ? "error  " : "warning"} ${i.path || "(order)"}: ${i.message} [${i.code}]`).join("\n");
}
