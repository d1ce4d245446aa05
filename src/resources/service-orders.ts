// Service ordering (TMF641): orders that add, change and cease services.
import type { paths } from "../generated/giacom.js";
import { requireId } from "../errors.js";
import { createSearch, type ListQuery, type ListResult } from "../http/list.js";
import type { CallOptions, Transport } from "../http/transport.js";
import type { ServiceOrder, ServiceOrderCreate, ServiceOrderUpdate } from "../types.js";
import type { ValidationResult } from "../validation/issues.js";
import { OrderValidationError } from "../validation/order-validation-error.js";
import { validateOrder } from "../validation/validate-order.js";
import { loadValidationContext, type ContextSources } from "./validation-context.js";

/**
 * Options of `serviceOrders.create`.
 * @group Client
 * @example
 * ```ts
 * await giacom.serviceOrders.create(order, { validate: false }); // skip local validation
 * ```
 */
export interface CreateOrderOptions extends CallOptions {
  /** Validate against the live catalogue before sending (default true). */
  validate?: boolean;
}

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
   * Validates the order against the live catalogue (see `validate`), then sends it:
   * `POST /serviceOrder`. An order with validation errors throws `OrderValidationError` and is
   * not sent. Giacom answers 201 even when it rejects the order (`state: "rejected"` with an
   * `errorMessage`). The API has no idempotency key, so this call is never repeated once the
   * request may have reached Giacom.
   */
  create(order: ServiceOrderCreate, options?: CreateOrderOptions): Promise<ServiceOrder>;
  /**
   * Validates an order locally against what the API says now: fetches the specifications it
   * names (cached) and the live services it touches, then runs `validateOrder`.
   */
  validate(order: ServiceOrderCreate, options?: CallOptions): Promise<ValidationResult>;
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
export function createServiceOrders(http: Transport, sources: ContextSources): ServiceOrders {
  const validate = async (order: ServiceOrderCreate, options?: CallOptions) => validateOrder(order, await loadValidationContext(order, sources, options));
  return {
    validate,
    async create(order, { validate: check = true, ...options } = {}) {
      if (check) {
        const result = await validate(order, options);
        if (!result.valid) throw new OrderValidationError(result.issues);
      }
      return (await http.send({ method: "post", path: "/serviceOrder", idempotent: false }, { body: order }, options)).data;
    },
    async get(id, options) {
      requireId("id", id);
      return (await http.send({ method: "get", path: "/serviceOrder/{id}", idempotent: true }, { params: { path: { id } } }, options)).data;
    },
    ...createSearch<ServiceOrder>(http, "/serviceOrder"),
    async update(id, patch, options) {
      requireId("id", id);
      return (await http.send({ method: "patch", path: "/serviceOrder/{id}", idempotent: true }, { params: { path: { id } }, body: patch }, options)).data;
    },
  };
}
