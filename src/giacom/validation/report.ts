// How checks report: each check gets a Report bound to the rule set that speaks (the order's
// structure or the catalogue) and to the list it fills.
import { show } from "../../core/internal/show.js";
import type { OrderIssue, OrderIssueCode } from "./issues.js";

/** @internal */
export type Report = (code: OrderIssueCode, path: string, message: string, subject?: string, severity?: OrderIssue["severity"]) => void;

/** @internal */
export const ORDER = "order";
/** @internal */
export const CATALOGUE = "catalogue";

/** @internal A Report that appends issues of `ruleSet` to `sink`. */
export function reporter(ruleSet: string, sink: OrderIssue[]): Report {
  return (code, path, message, subject, severity = "error") => {
    // A subject read from a malformed catalogue may not be a string; issues promise one.
    sink.push({ code, severity, ruleSet, path, message, ...(subject === undefined ? {} : { subject: show(subject) }) });
  };
}

/** @internal Names for a message, cut after `max` so a large catalogue does not flood it. */
export function list(values: Iterable<string>, max = 12): string {
  const all = [...values];
  return all.length > max ? `${all.slice(0, max).join(", ")}, ...` : all.join(", ");
}
