// One function per operation of the contract, keyed by operationId (the route table's keys).
// The parts hand out live entities: every answer serialises them at once, so no copy is made.
import type { Addresses } from "./addresses.js";
import type { Grant } from "../../core/simulator/token-issuer.js";
import { SERVICE_WRITE, type Catalogue } from "./catalogue.js";
import type { Notifier } from "../../tmf/simulator/notifier.js";
import { createRouter } from "../../core/simulator/router.js";
import { json, notFound } from "../../core/simulator/http.js";
import { readJsonObject } from "./http.js";
import type { Orders } from "./orders.js";
import type { SimulatorEvent } from "./options.js";
import { routes, type Route } from "../generated/routes.js";
import type { Query } from "../../tmf/simulator/search.js";
import { matcher, searchResponse } from "./search.js";
import type { State } from "./state.js";
import type { Stock } from "./stock.js";

type OperationId = Route["operationId"];

export interface Call {
  request: Request;
  /** The `{id}` of the path, when the operation has one. */
  id: string;
  query: Query;
  grant: Grant;
}

export type Operation = (call: Call) => Promise<Response> | Response;

/** The router over the contract's route table. */
export const router = createRouter(routes);

/** A route of the table for a method and a path under the base, with its `{id}` (the table's only parameter). */
export function matchRoute(method: string, path: string) {
  const matched = router(method, path);
  return matched && "route" in matched ? { route: matched.route, id: matched.params.id } : matched;
}

export interface ApiParts {
  state: State;
  catalogue: Catalogue;
  stock: Stock;
  orders: Orders;
  notifier: Notifier<SimulatorEvent>;
  addresses: Addresses;
}

const search = (query: Query, entities: readonly unknown[]) => {
  const matches = matcher(query);
  return searchResponse(query, entities.filter(matches));
};

const created = (body: unknown) => json(body, 201);
const noContent = () => new Response(null, { status: 204 });

export function createApi({ state, catalogue, stock, orders, notifier, addresses }: ApiParts): Record<OperationId, Operation> {
  const anyState = (grant: Grant) => grant.scopes.has(SERVICE_WRITE);
  return {
    listServiceSpecification: ({ query, grant }) => catalogue.listServiceSpecifications(query, anyState(grant)),
    retrieveServiceSpecification: ({ id, query, grant }) => json(catalogue.getServiceSpecification(id, query, anyState(grant))),
    listResourceSpecification: ({ query }) => catalogue.listResourceSpecifications(query),
    retrieveResourceSpecification: ({ id, query }) => json(catalogue.getResourceSpecification(id, query)),

    listResource: ({ query }) => search(query, state.resources),
    createResource: async ({ request }) => created(stock.create(await readJsonObject(request))),
    retrieveResource: ({ id }) => json(stock.get(id)),
    patchResource: async ({ id, request }) => {
      stock.get(id);
      return json(stock.patch(id, await readJsonObject(request)));
    },
    deleteResource: ({ id }) => {
      stock.remove(id);
      return noContent();
    },

    listService: ({ query }) => search(query, state.services),
    retrieveService: ({ id }) => {
      // network_refresh asks Giacom to resynchronise with the supplier first; the simulator is always in sync.
      const service = state.service(id);
      if (!service) throw notFound("Service", id);
      return json(service);
    },

    listServiceOrder: ({ query }) =>
      search(
        query,
        [...state.orders.values()].map((r) => r.order),
      ),
    createServiceOrder: async ({ request }) => created(orders.create(await readJsonObject(request))),
    retrieveServiceOrder: ({ id }) => json(orders.get(id)),
    patchServiceOrder: async ({ id, request }) => {
      orders.get(id);
      return json(orders.patch(id, await readJsonObject(request)));
    },

    listCancelServiceOrder: ({ query }) => search(query, [...state.cancels.values()]),
    createCancelServiceOrder: async ({ request }) => created(orders.cancel(await readJsonObject(request))),
    retrieveCancelServiceOrder: ({ id }) => json(orders.cancellation(id)),

    registerListener: async ({ request }) => created(notifier.register(await readJsonObject(request))),
    unregisterListener: ({ id }) => {
      notifier.unregister(id);
      return noContent();
    },

    createGeographicAddress: async ({ request }) => created(addresses.create(await readJsonObject(request))),
    createGeographicAddressValidation: async ({ request }) => created(addresses.validate(await readJsonObject(request))),
    createAppointment: async ({ request }) => created(addresses.book(await readJsonObject(request))),
    createSearchTimeSlot: async ({ request }) => created(addresses.searchTimeSlots(await readJsonObject(request))),
  };
}
