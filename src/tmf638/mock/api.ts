// One function per operation of spec/tmf638.openapi.yaml, keyed by operationId (the generated
// route table's keys). Every operation works on one business unit's services and listeners.
// Answers link to the face that serves them: a service created through one face and read
// through another has the `href` of the one it is read through.
import { createRouter } from "../../core/simulator/router.js";
import { json } from "../../core/simulator/http.js";
import { compileQuery, pageResponse, project, readFields, readPage, type Query } from "../../tmf/simulator/search.js";
import { routes, type Route } from "../generated/routes.js";
import type { Service } from "../generated/types.js";
import { readBody } from "./http.js";
import { linked, type Services } from "./services.js";

export interface Call {
  request: Request;
  /** The `{id}` of the path, when the operation has one. */
  id: string;
  query: Query;
  /** The business unit's services and listeners. */
  unit: Services;
  /** The API root of the face that received the request and the business unit: `{base}/{businessId}`. */
  root: string;
}

export type Operation = (call: Call) => Promise<Response> | Response;

/** The router over the spec's route table. */
export const router = createRouter(routes);

/** `fields` keeps these whatever it names (TMF630). */
const ALWAYS = ["id", "href", "@type"];
const HANDLED = ["fields", "offset", "limit", "filter"];
const RULES = { handled: ["fields", "offset", "limit"], unsupported: { sort: "sorting is not available" } };

/** The values at a dotted path, through lists as well as objects (`relatedParty.id` is any party's id). */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [value];
  if (typeof value !== "object" || value === null || !Object.hasOwn(value, path[0]!)) return [];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

const asText = (value: unknown) => (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined);

/**
 * The predicate of a query: attribute equality (TMF630; the seed's `relatedParty.id`, `serviceType`
 * and `serviceRelationship.service.category` among them), where a dotted key reaches into lists
 * (an entity matches when any value there is one of the wanted), and JSONPath `filter`s.
 */
function matcher(query: Query): (entity: unknown) => boolean {
  const others = compileQuery(new Map([...query].filter(([key]) => HANDLED.includes(key) || Object.hasOwn(RULES.unsupported, key))), RULES);
  const tests = [...query]
    .filter(([key]) => !HANDLED.includes(key) && !Object.hasOwn(RULES.unsupported, key))
    .map(([key, values]) => {
      const wanted = new Set(values);
      const path = key.split(".");
      return (entity: unknown) =>
        valuesAt(entity, path).some((v) => {
          const text = asText(v);
          return text !== undefined && wanted.has(text);
        });
    });
  return (entity) => others(entity) && tests.every((t) => t(entity));
}

/** A list answer: filtered, paged, each entity projected, with both count headers. */
function list(query: Query, services: readonly Service[], root: string): Response {
  const fields = readFields(query);
  const page = readPage(query);
  const matches = services.map((s) => linked(s, root)).filter(matcher(query));
  return pageResponse(
    matches.map((entity) => project(entity, fields, ALWAYS)),
    page,
  );
}

const created = (body: unknown) => json(body, 201);
const noContent = () => new Response(null, { status: 204 });

export function createApi(): Record<Route["operationId"], Operation> {
  return {
    listService: ({ query, unit, root }) => list(query, unit.all(), root),
    // The seed answers a by-id GET with an array, and applies its list-style parameters to it.
    retrieveService: ({ id, query, unit, root }) => list(query, [unit.get(id)], root),
    createService: async ({ request, unit, root }) => created(linked(unit.create(await readBody(request, "create"), root), root)),
    patchService: async ({ id, request, unit, root }) => {
      unit.get(id);
      return json(linked(unit.patch(id, await readBody(request, "patch"), root), root));
    },
    deleteService: ({ id, unit, root }) => {
      unit.remove(id, root);
      return noContent();
    },
    registerListener: async ({ request, unit }) => created(unit.notifier.register(await readBody(request, "create"))),
    unregisterListener: ({ id, unit }) => {
      unit.notifier.unregister(id);
      return noContent();
    },
  };
}
