// Service ordering (TMF641): orders that add, change and cease services.
import type { paths } from "../generated/giacom.js";
import { requireId } from "../errors.js";
import { toCount, toList, type ListQuery, type ListResult } from "../http/list.js";
import type { CallOptions, Transport } from "../http/transport.js";
import type { ServiceOrder, ServiceOrderCreate, ServiceOrderUpdate } from "../types.js";

/**
 * Filters of `serviceOrders.list`.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const open: ServiceOrderQuery = { state: ["acknowledged", "inProgress"] };
 * ```
 */
export type ServiceOrderQuery = ListQuery<NonNullable<paths["/serviceOrder"]["get"]["parameters"]["query"]>>;

/**
 * Service orders: how services are ordered, changed and ceased.
 * @group Namespaces
 * @example
 * ```ts
 * const order = await giacom.serviceOrders.create(draft);
 * if (order.state === "rejected") console.error(order.errorMessage?.message);
 * ```
 */
export interface ServiceOrders {
  /**
   * Sends a service order: `POST /serviceOrder`. Giacom answers 201 even when it rejects the
   * order (`state: "rejected"` with an `errorMessage`). The API has no idempotency key, so this
   * call is never repeated once the request may have reached Giacom.
   */
  create(order: ServiceOrderCreate, options?: CallOptions): Promise<ServiceOrder>;
  /** Reads an order: `GET /serviceOrder/{id}`. */
  get(id: string, options?: CallOptions): Promise<ServiceOrder>;
  /** Lists (or finds) orders: `GET /serviceOrder`. */
  list(query?: ServiceOrderQuery, options?: CallOptions): Promise<ListResult<ServiceOrder>>;
  /** Counts the orders a query matches (`limit=0`). */
  count(query?: ServiceOrderQuery, options?: CallOptions): Promise<number>;
  /** Changes fields of an order: `PATCH /serviceOrder/{id}`. */
  update(id: string, patch: ServiceOrderUpdate, options?: CallOptions): Promise<ServiceOrder>;
}

/** @internal */
export function createServiceOrders(http: Transport): ServiceOrders {
  type Q = NonNullable<paths["/serviceOrder"]["get"]["parameters"]["query"]>;
  return {
    async create(order, options) {
      return (await http.send({ method: "post", path: "/serviceOrder", idempotent: false }, { body: order }, options)).data;
    },
    async get(id, options) {
      requireId("id", id);
      return (await http.send({ method: "get", path: "/serviceOrder/{id}", idempotent: true }, { params: { path: { id } } }, options)).data;
    },
    async list(query = {}, options) {
      return toList(await http.send({ method: "get", path: "/serviceOrder", idempotent: true }, { params: { query: query as Q } }, options));
    },
    async count(query = {}, options) {
      return toCount(await http.send({ method: "get", path: "/serviceOrder", idempotent: true }, { params: { query: { ...(query as Q), limit: 0 } } }, options));
    },
    async update(id, patch, options) {
      requireId("id", id);
      return (await http.send({ method: "patch", path: "/serviceOrder/{id}", idempotent: true }, { params: { path: { id } }, body: patch }, options)).data;
    },
  };
}
