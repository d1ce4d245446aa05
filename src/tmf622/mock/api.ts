// One function per operation of spec/tmf622.openapi.yaml, keyed by operationId (the generated
// route table's keys). Answers link to the face that serves them: an order created through one
// face and read through another has the `href` of the one it is read through.
import { createRouter } from "../../core/simulator/router.js";
import { json } from "../../core/simulator/http.js";
import type { Notifier } from "../../tmf/simulator/notifier.js";
import { compileQuery, pageResponse, project, readFields, readPage, type Query } from "../../tmf/simulator/search.js";
import type { ProductOrderingEvent } from "../generated/events.js";
import { routes, type Route } from "../generated/routes.js";
import type { CancelProductOrder, ProductOrder } from "../generated/types.js";
import { readBody } from "./http.js";
import type { Base, Orders } from "./orders.js";
import type { State } from "./state.js";

export interface Call {
  request: Request;
  /** The `{id}` of the path, when the operation has one. */
  id: string;
  query: Query;
  /** The API root of the face that received the request. */
  base: Base;
}

export type Operation = (call: Call) => Promise<Response> | Response;

/** The router over the spec's route table. */
export const router = createRouter(routes);

/** `fields` keeps these whatever it names (TMF630). */
const ALWAYS = ["id", "href", "@type"];
const RULES = { handled: ["fields", "offset", "limit"], unsupported: { sort: "sorting is not available" } };

const order = (o: ProductOrder, base: Base): ProductOrder => ({ ...o, href: `${base}/productOrder/${o.id}` });
const task = (t: CancelProductOrder, base: Base): CancelProductOrder => ({
  ...t,
  href: `${base}/cancelProductOrder/${t.id}`,
  productOrder: { ...t.productOrder, href: `${base}/productOrder/${t.productOrder.id}` },
});

/** A list answer: filtered, paged, each entity projected, with both count headers. */
function list<T extends object>(query: Query, entities: readonly T[]): Response {
  const fields = readFields(query);
  const page = readPage(query);
  const matches = entities.filter(compileQuery(query, RULES));
  return pageResponse(
    matches.map((entity) => project(entity, fields, ALWAYS)),
    page,
  );
}

const one = <T extends object>(query: Query, entity: T) => json(project(entity, readFields(query), ALWAYS));
const created = (body: unknown) => json(body, 201);
const noContent = () => new Response(null, { status: 204 });

export function createApi(state: State, orders: Orders, notifier: Notifier<ProductOrderingEvent>): Record<Route["operationId"], Operation> {
  return {
    listProductOrder: ({ query, base }) =>
      list(
        query,
        [...state.orders.values()].map((r) => order(r.order, base)),
      ),
    createProductOrder: async ({ request, base }) => created(order(orders.create(await readBody(request, "create"), base), base)),
    retrieveProductOrder: ({ id, query, base }) => one(query, order(orders.get(id), base)),
    patchProductOrder: async ({ id, request, base }) => {
      orders.get(id);
      return json(order(orders.patch(id, await readBody(request, "patch")), base));
    },
    deleteProductOrder: ({ id }) => {
      orders.remove(id);
      return noContent();
    },

    listCancelProductOrder: ({ query, base }) =>
      list(
        query,
        [...state.cancels.values()].map((t) => task(t, base)),
      ),
    createCancelProductOrder: async ({ request, base }) => created(task(orders.cancel(await readBody(request, "create"), base), base)),
    retrieveCancelProductOrder: ({ id, query, base }) => one(query, task(orders.cancellation(id), base)),

    registerListener: async ({ request }) => created(notifier.register(await readBody(request, "create"))),
    unregisterListener: ({ id }) => {
      notifier.unregister(id);
      return noContent();
    },
  };
}
