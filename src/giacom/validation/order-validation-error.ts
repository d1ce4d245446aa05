// The error create() throws when local validation rejects an order.
import { GiacomError } from "../errors.js";
import { formatIssues, type OrderIssue } from "./issues.js";

/**
 * Local validation found errors in a service order: nothing was sent. `issues` lists every
 * problem (warnings included), each with a path into the order; `toString()` prints them.
 * @group Errors
 * @example
 * ```ts
 * catch (e) { if (e instanceof OrderValidationError) for (const issue of e.issues) console.error(issue.path, issue.message); }
 * ```
 */
export class OrderValidationError extends GiacomError {
  override readonly name = "OrderValidationError";
  declare readonly issues: readonly OrderIssue[];
  constructor(issues: readonly OrderIssue[]) {
    const errors = issues.filter((i) => i.severity === "error");
    super("ORDER_INVALID", `The service order has ${errors.length} error${errors.length === 1 ? "" : "s"} and was not sent:\n${formatIssues(issues)}`);
    this.issues = issues;
  }
}
