// Searches as the Giacom document defines them (TMF630 as Giacom applies it): attribute filters
// and `filter`, no field selection, paging or sorting, and `limit` only takes 0 (a count). Every
// search answers with X-Total-Count and X-Result-Count.
import { badRequest, json } from "../../core/simulator/http.js";
import { compileQuery, type Query } from "../../tmf/simulator/search.js";

/** TMF630 parameters the document says Giacom does not offer. */
const UNSUPPORTED: Record<string, string> = {
  fields: "field selection is not available",
  offset: "paging is not available",
  sort: "sorting is not available",
};

/** The predicate of a query's filters; `skip` names parameters handled elsewhere. */
export const matcher = (query: Query, skip: readonly string[] = []) => compileQuery(query, { handled: ["limit", ...skip], unsupported: UNSUPPORTED });

/** Whether the search only counts (`limit=0`); any other limit is a 400, as the document says. */
export function countOnly(query: Query): boolean {
  const limits = query.get("limit");
  if (!limits) return false;
  if (limits.length === 1 && limits[0] === "0") return true;
  throw badRequest(`limit=${limits.join(",")} is not supported: 0 (count only) is the only accepted limit`);
}

/** The search response: the matches (none with limit=0) and both count headers. */
export function searchResponse(query: Query, matches: readonly unknown[]): Response {
  const items = countOnly(query) ? [] : matches;
  return json(items, 200, { "X-Total-Count": String(matches.length), "X-Result-Count": String(items.length) });
}
