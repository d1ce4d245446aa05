// Searches as the document defines them (TMF630 as Giacom applies it): a repeated parameter is
// an IN list, different parameters are ANDed, dotted keys reach nested fields, values compare
// as strings, `filter` is a JSONPath an entity must yield something for, and `limit` only
// takes 0. Every search answers with X-Total-Count and X-Result-Count.
import { JSONPath } from "jsonpath-plus";
import { badRequest, json } from "./http.js";

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
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const asText = (value: unknown): string | undefined =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;

// jsonpath-plus splits a path before it reads string literals; these checks make sure an
// expression it would silently misread (an unclosed bracket, a broken filter) is a 400.
function balanced(expression: string): boolean {
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[" || ch === "(") stack.push(ch === "[" ? "]" : ")");
    else if (ch === "]" || ch === ")") {
      if (stack.pop() !== ch) return false;
    }
  }
  return quote === undefined && stack.length === 0;
}

type ScriptClass = new (code: string) => unknown;

/** Parses every script of the path with the safe engine jsonpath-plus will evaluate it with. */
function parsesSafely(expression: string): boolean {
  const Script = (JSONPath as unknown as { prototype: { safeVm: { Script: ScriptClass } } }).prototype.safeVm.Script;
  for (const segment of JSONPath.toPathArray(expression)) {
    const code = /^\?\((.*)\)$/su.exec(segment)?.[1] ?? /^(\(.*\))$/su.exec(segment)?.[1];
    if (code === undefined) continue;
    // The same rewriting jsonpath-plus applies before it evaluates a script.
    const script = code
      .replaceAll("@parentProperty", "_$_parentProperty")
      .replaceAll("@parent", "_$_parent")
      .replaceAll("@property", "_$_property")
      .replaceAll("@root", "_$_root")
      .replaceAll(/@([.\s)[])/gu, "_$_v$1")
      .replaceAll("@path", "_$_path");
    try {
      new Script(script);
    } catch {
      return false;
    }
  }
  return true;
}

export function compileFilter(expression: string): (entity: unknown) => boolean {
  if (!expression.startsWith("$") || !balanced(expression) || !parsesSafely(expression)) {
    throw badRequest(`filter is not a JSONPath expression the API can read: ${expression}`);
  }
  return (entity) => {
    try {
      return JSONPath({ path: expression, json: entity as object, eval: "safe", wrap: true }).length > 0;
    } catch {
      // A script that fails on one entity (e.g. a property of undefined) does not match it.
      return false;
    }
  };
}

/** The predicate of a query's field filters and JSONPath filters; `skip` names parameters handled elsewhere. */
export function compileQuery(query: Query, skip: readonly string[] = []): (entity: unknown) => boolean {
  const tests: ((entity: unknown) => boolean)[] = [];
  for (const [key, values] of query) {
    if (UNSUPPORTED[key]) throw badRequest(`${key}: ${UNSUPPORTED[key]}`);
    if (skip.includes(key) || (RESERVED.has(key) && key !== "filter")) continue;
    if (key === "filter") {
      // A repeated filter is an IN list like any other parameter: one of them must match.
      const filters = values.map(compileFilter);
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
