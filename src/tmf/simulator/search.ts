// TMF630 searches in a simulator: attribute filters (a repeated parameter is an IN list,
// different parameters are ANDed, dotted keys reach nested fields, values compare as strings),
// `filter`, a JSONPath an entity must yield something for (read by filter.ts, which runs no
// request text as code), paging with `offset` and `limit`, attribute selection with `fields`,
// and the X-Total-Count and X-Result-Count headers. Which of them an API offers is its profile's
// choice: a parameter it names `unsupported` is a 400 saying why.
import { readFilter } from "./filter.js";
import { badRequest, json } from "../../core/simulator/http.js";

export type Query = Map<string, string[]>;

const decode = (raw: string) => new URLSearchParams(`v=${raw}`).get("v")!;

/**
 * The query of `url`, each parameter with its values in order. With `commaLists`, a value is
 * also a list at each literal comma (`state=a,b`, TMF630's form, as well as `state=a&state=b`);
 * an encoded comma (`%2C`) stays inside its value, and `filter` (a JSONPath) is never split.
 */
export function readQuery(url: URL, { commaLists = false } = {}): Query {
  const query: Query = new Map();
  for (const pair of url.search.slice(1).split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const key = decode(equals < 0 ? pair : pair.slice(0, equals));
    const raw = equals < 0 ? "" : pair.slice(equals + 1);
    const values = commaLists && key !== "filter" ? raw.split(",").map(decode) : [decode(raw)];
    query.set(key, [...(query.get(key) ?? []), ...values]);
  }
  return query;
}

/** How an API reads the attribute filters of a query. */
export interface QueryRules {
  /** Parameters that are not attribute filters: the API reads them itself (`limit`, `fields`...). */
  handled?: readonly string[];
  /** Parameters the API does not offer, each with the reason its 400 gives. */
  unsupported?: Readonly<Record<string, string>>;
}

function fieldValue(entity: unknown, dotted: string): unknown {
  let at: unknown = entity;
  for (const key of dotted.split(".")) {
    // Lists are searched with `filter`, not with dotted keys.
    if (typeof at !== "object" || at === null || Array.isArray(at)) return undefined;
    // Own fields only: a key such as `constructor` must not reach the prototype.
    at = Object.hasOwn(at, key) ? (at as Record<string, unknown>)[key] : undefined;
  }
  return at;
}

const asText = (value: unknown): string | undefined =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;

/** The predicate of a query's attribute filters and JSONPath filters. */
export function compileQuery(query: Query, rules: QueryRules = {}): (entity: unknown) => boolean {
  const { handled = [], unsupported = {} } = rules;
  const tests: ((entity: unknown) => boolean)[] = [];
  for (const [key, values] of query) {
    if (Object.hasOwn(unsupported, key)) throw badRequest(`${key}: ${unsupported[key]}`);
    if (handled.includes(key)) continue;
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

function count(query: Query, name: string): number | undefined {
  const values = query.get(name);
  if (!values) return undefined;
  if (values.length !== 1 || !/^\d{1,9}$/.test(values[0]!)) throw badRequest(`${name} must be one whole number >= 0, not ${values.join(",")}`);
  return Number(values[0]);
}

/** A page of a search: `offset` (default 0) and `limit` (default: every match). */
export interface Page {
  offset: number;
  limit: number | undefined;
}

/** The `offset` and `limit` of a query; a 400 for anything but one whole number each. */
export function readPage(query: Query): Page {
  return { offset: count(query, "offset") ?? 0, limit: count(query, "limit") };
}

/**
 * The first-level attributes `fields` selects (comma-separated, repeatable), or undefined
 * without `fields`. A dotted name is a 400: selection reaches first-level attributes only.
 */
export function readFields(query: Query): string[] | undefined {
  const values = query.get("fields");
  if (!values) return undefined;
  const names = values.flatMap((v) => v.split(",")).map((name) => name.trim());
  const nested = names.filter((name) => name.includes("."));
  if (nested.length > 0) throw badRequest(`fields selects first-level attributes only, not ${nested.join(", ")}`);
  return names.filter((name) => name !== "");
}

/** `entity` with only the attributes `fields` names and those in `keep`; the entity itself without `fields`. */
export function project<T extends object>(entity: T, fields: readonly string[] | undefined, keep: readonly string[]): Partial<T> {
  if (fields === undefined) return entity;
  const wanted = new Set([...keep, ...fields]);
  return Object.fromEntries(Object.entries(entity).filter(([key]) => wanted.has(key))) as Partial<T>;
}

/** The page of `matches` a query asks for, with X-Total-Count (every match) and X-Result-Count (this page). */
export function pageResponse(matches: readonly unknown[], page: Page): Response {
  const end = page.limit === undefined ? undefined : page.offset + page.limit;
  const items = matches.slice(page.offset, end);
  return json(items, 200, { "X-Total-Count": String(matches.length), "X-Result-Count": String(items.length) });
}
