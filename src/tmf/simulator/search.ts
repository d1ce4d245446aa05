// Searches as the document defines them (TMF630 as Giacom applies it): a repeated parameter is
// an IN list, different parameters are ANDed, dotted keys reach nested fields, values compare
// as strings, `filter` is a JSONPath an entity must yield something for (read by filter.ts,
// which runs no request text as code), and `limit` only takes 0. Every search answers with
// X-Total-Count and X-Result-Count.
import { readFilter } from "./filter.js";
import { badRequest, json } from "../../core/simulator/http.js";

/** Parameters that are not field filters. */
const RESERVED = new Set(["filter", "limit"]);
/** TMF630 parameters the document says Giacom does not offer. */
const UNSUPPORTED: Record<string, string> = {
  fields: "field selection is not available",
  offset: "paging is not available",
  sort: "sorting is not available",
};

export type Query = Map<string, string[]>;

export function readQuery(url: URL): Query {
  const query: Query = new Map();
  for (const [key, value] of url.searchParams) query.set(key, [...(query.get(key) ?? []), value]);
  return query;
}

function fieldValue(entity: unknown, dotted: string): unknown {
  let at: unknown = entity;
  for (const key of dotted.split(".")) {
    // Lists are searched with `filter`, not with dotted keys (as the document says).
    if (typeof at !== "object" || at === null || Array.isArray(at)) return undefined;
    // Own fields only: a key such as `constructor` must not reach the prototype.
    at = Object.hasOwn(at, key) ? (at as Record<string, unknown>)[key] : undefined;
  }
  return at;
}

const asText = (value: unknown): string | undefined =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;

/** The predicate of a query's field filters and JSONPath filters; `skip` names parameters handled elsewhere. */
export function compileQuery(query: Query, skip: readonly string[] = []): (entity: unknown) => boolean {
  const tests: ((entity: unknown) => boolean)[] = [];
  for (const [key, values] of query) {
    if (Object.hasOwn(UNSUPPORTED, key)) throw badRequest(`${key}: ${UNSUPPORTED[key]}`);
    if (skip.includes(key) || (RESERVED.has(key) && key !== "filter")) continue;
    if (key === "filter") {
      // A repeated filter is an IN list like any other parameter: one of them must match.
      const filters = values.map(readFilter);
      tests.push((entity) => filters.some((f) => f(entity)));
      continue;
    }
    const wanted = new Set(values);
    tests.push((entity) => {
      const text = asText(fieldValue(entity, key));
      return text !== undefined && wanted.has(text);
    });
  }
  return (entity) => tests.every((t) => t(entity));
}

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
