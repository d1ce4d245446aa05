// Product orders (TMF622 v4): read with attribute selection, search and page, create, merge-patch,
// delete, cancel through a cancel task, and follow an order to its end.
import type { Wakeups } from "../../core/wakeups.js";
import { InvalidArgumentError, requireId, requireString } from "../../core/errors.js";
import type { PollingOptions } from "../../core/operation.js";
import { respond, type ApiPromise, type Transport } from "../../core/transport.js";
import type { CallOptions } from "../../core/types.js";
import { TmfApiError } from "../../tmf/errors.js";
import { createSearch, listAll, type ListResult, type PagedQuery, type ListAllOptions } from "../../tmf/list.js";
import { ProductOrderCancellationError } from "../errors.js";
import type { paths } from "../generated/tmf622.js";
import * as operations from "../generated/operations.js";
import type { CancelProductOrder, ProductOrder, ProductOrderCreate, ProductOrderUpdate } from "../generated/types.js";
import {
  createProductOrderOperation,
  followCancellation,
  type CancelProductOrderOptions,
  type ProductOrderEventSource,
  type ProductOrderOperation,
  type ProductOrderToken,
} from "../operation.js";

/**
 * A first-level attribute of a product order: what `fields` may select.
 * @group Product orders
 * @example
 * ```ts
 * const fields: ProductOrderField[] = ["state", "productOrderItem"];
 * ```
 */
export type ProductOrderField = keyof ProductOrder & string;

/**
 * A product order read with `fields`: the attributes asked for, and `id`, `href` and `@type`,
 * which the server always keeps.
 * @group Product orders
 * @example
 * ```ts
 * const order: ProductOrderProjection<"state"> = await client.productOrders.get(id, { fields: ["state"] });
 * ```
 */
export type ProductOrderProjection<F extends ProductOrderField> = Pick<ProductOrder, F | "id" | "href" | "@type">;

/**
 * What `get`, `list` and `listAll` give: the whole order without `fields`, its projection with them.
 * @group Product orders
 * @example
 * ```ts
 * const whole: SelectedProductOrder<never> = await client.productOrders.get(id); // a ProductOrder
 * ```
 */
export type SelectedProductOrder<F extends ProductOrderField> = [F] extends [never] ? ProductOrder : ProductOrderProjection<F>;

/**
 * Options of `productOrders.get`: `fields` selects first-level attributes (sent as
 * `fields=a,b`), and types the result accordingly.
 * @group Product orders
 * @example
 * ```ts
 * const { state } = await client.productOrders.get(id, { fields: ["state"], timeoutMs: 5_000 });
 * ```
 */
export interface GetProductOrderOptions<F extends ProductOrderField = ProductOrderField> extends CallOptions {
  fields?: readonly F[];
}

/**
 * Filters and paging of `productOrders.list`: TMF630 `offset` and `limit`, attribute filters
 * (`state`), and `fields` to select first-level attributes.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const query: ProductOrderQuery = { state: "inProgress", offset: 0, limit: 50, fields: ["state"] };
 * ```
 */
export type ProductOrderQuery<F extends ProductOrderField = ProductOrderField> = PagedQuery<
  Omit<NonNullable<paths["/productOrder"]["get"]["parameters"]["query"]>, "fields">
> & { fields?: readonly F[] };

/**
 * Filters of `productOrders.count`: the attribute filters alone.
 * @group Queries
 * @example
 * ```ts
 * const open = await client.productOrders.count({ state: "inProgress" } satisfies ProductOrderFilter);
 * ```
 */
export type ProductOrderFilter = Omit<ProductOrderQuery, "fields" | "offset" | "limit">;

/**
 * Paging of `productOrders.cancellations.list`.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const page: CancellationQuery = { offset: 0, limit: 20 };
 * ```
 */
export type CancellationQuery = PagedQuery<Omit<NonNullable<paths["/cancelProductOrder"]["get"]["parameters"]["query"]>, "fields">>;

/**
 * The cancel tasks of product orders (TMF622 `cancelProductOrder`).
 * @group Namespaces
 * @example
 * ```ts
 * const { items } = await client.productOrders.cancellations.list({ limit: 10 });
 * const task = await client.productOrders.cancellations.get(items[0].id!);
 * ```
 */
export interface ProductOrderCancellations {
  /** Lists cancel tasks: `GET /cancelProductOrder`. */
  list(query?: CancellationQuery, options?: CallOptions): ApiPromise<ListResult<CancelProductOrder>>;
  /** Reads a cancel task: `GET /cancelProductOrder/{id}`. */
  get(id: string, options?: CallOptions): ApiPromise<CancelProductOrder>;
}

/**
 * Product orders: read, search, create, change, delete, cancel and follow them.
 * @group Namespaces
 * @example
 * ```ts
 * const created = await client.productOrders.create(productOrder().item(addProduct("PO-FIBRE-1G")).build());
 * const done = await client.productOrders.track(created.id!);
 * ```
 */
export interface ProductOrders {
  /**
   * Reads an order: `GET /productOrder/{id}`. With `fields`, only those first-level
   * attributes (and `id`, `href`, `@type`) are asked for, and the result is typed so.
   */
  get<F extends ProductOrderField = never>(id: string, options?: GetProductOrderOptions<F>): ApiPromise<SelectedProductOrder<F>>;
  /** Lists (or finds) orders, one page: `GET /productOrder` with `offset`, `limit` and filters. */
  list<F extends ProductOrderField = never>(query?: ProductOrderQuery<F>, options?: CallOptions): ApiPromise<ListResult<SelectedProductOrder<F>>>;
  /** Counts the orders the filters match (`limit=0`, `X-Total-Count`). */
  count(query?: ProductOrderFilter, options?: CallOptions): ApiPromise<number>;
  /** Every order the query matches, page after page (`pageSize` per request); a page is asked for when the previous one is consumed. */
  listAll<F extends ProductOrderField = never>(
    query?: Omit<ProductOrderQuery<F>, "offset" | "limit">,
    options?: ListAllOptions,
  ): AsyncGenerator<SelectedProductOrder<F>, void, undefined>;
  /**
   * Creates an order: `POST /productOrder`. It is never sent twice by the SDK: the API has no
   * idempotency key, so a failure after the request may have reached the server is not retried.
   */
  create(order: ProductOrderCreate, options?: CallOptions): ApiPromise<ProductOrder>;
  /** Changes an order: `PATCH /productOrder/{id}` with a JSON merge patch (`application/merge-patch+json`; `null` removes a member). */
  update(id: string, patch: ProductOrderUpdate, options?: CallOptions): ApiPromise<ProductOrder>;
  /** Deletes an order (an administrative operation in TMF622): `DELETE /productOrder/{id}`. */
  delete(id: string, options?: CallOptions): ApiPromise<void>;
  /**
   * Asks the server to cancel an order (`POST /cancelProductOrder`) and follows the cancel task
   * until it is `done`. A refusal (400, 409) or a task that ends `terminatedWithError` gives a
   * `ProductOrderCancellationError`.
   */
  cancel(id: string, options?: CancelProductOrderOptions): Promise<CancelProductOrder>;
  /** The cancel tasks: what `cancel` created, to list and read. */
  readonly cancellations: ProductOrderCancellations;
  /** Follows an existing order to its end: an awaitable, resumable handle. */
  track(orderId: string): ProductOrderOperation;
  /** Follows the order of a token from `operation.toJSON()` (or its JSON text), in this or another process. */
  resume(token: ProductOrderToken | string): ProductOrderOperation;
}

/** @internal */
export function createProductOrders(
  http: Transport<paths>,
  polling: Required<PollingOptions>,
  events: ProductOrderEventSource | undefined,
  wakeups?: Wakeups,
): ProductOrders {
  const search = createSearch<ProductOrder>(http, operations.listProductOrder.path);
  // `fields` goes as one comma list (the transport's commaLists): the type says string, the SDK takes a list.
  const fieldsQuery = (fields: unknown, argument: string) => {
    if (fields === undefined) return {};
    if (!Array.isArray(fields) || fields.length === 0) throw new InvalidArgumentError(argument, "must be a non-empty list of attribute names");
    for (const field of fields)
      if (typeof field !== "string" || !/^[@\w]+$/.test(field)) throw new InvalidArgumentError(argument, "must list first-level attribute names");
    return { fields: fields as unknown as string };
  };
  const get = (id: string, { fields, ...options }: GetProductOrderOptions = {}) =>
    respond(() =>
      http.send(operations.retrieveProductOrder, { params: { path: { id: requireId("id", id) }, query: fieldsQuery(fields, "options.fields") } }, options),
    );
  const list = (query: ProductOrderQuery = {}, options?: CallOptions) =>
    respond(() => search.list({ ...query, ...fieldsQuery(query.fields, "query.fields") }, options).withResponse());
  const getCancellation = (id: string, options?: CallOptions) =>
    respond(() => http.send(operations.retrieveCancelProductOrder, { params: { path: { id: requireId("id", id) } } }, options));
  const cancel = async (id: string, { reason, timeoutMs, ...options }: CancelProductOrderOptions = {}) => {
    requireId("id", id);
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    let task: CancelProductOrder;
    try {
      const body = { productOrder: { id }, ...(reason === undefined ? {} : { cancellationReason: requireString("options.reason", reason) }) };
      // The task is followed by its id: an answer without one is unusable.
      const create = { ...operations.createCancelProductOrder, returns: "entity" } as const;
      task = (await http.send(create, { body }, timeoutMs === undefined ? options : { ...options, timeoutMs })).data;
    } catch (error) {
      if (error instanceof TmfApiError && (error.code === "BAD_REQUEST" || error.code === "CONFLICT")) {
        throw new ProductOrderCancellationError(id, error.tmfMessage ?? error.reason ?? error.message, { cause: error });
      }
      throw error;
    }
    // The wait gets what is left of the deadline; each poll is a request of its own, with the
    // client's timeout, which the wait aborts when the deadline comes first.
    return followCancellation(id, task, (taskId, read) => getCancellation(taskId, { ...options, ...read }), polling, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(deadline === undefined ? {} : { timeoutMs: Math.max(1, deadline - Date.now()) }),
    });
  };
  const deps = { read: (id: string, options?: CallOptions) => get(id, options), cancel, polling, events, wakeups };
  const track = (orderId: string) => createProductOrderOperation(deps, get(requireId("orderId", orderId)), orderId);

  return {
    get,
    list,
    count: search.count,
    listAll: (query = {}, options) => listAll(list, query, options),
    // What was created must be followed by its id: an answer without one is unusable.
    create: (order, options) => respond(() => http.send({ ...operations.createProductOrder, returns: "entity" }, { body: order }, options)),
    update: (id, patch, options) =>
      respond(() => http.send(operations.patchProductOrder, { params: { path: { id: requireId("id", id) } }, body: patch }, options)),
    delete: (id, options) =>
      respond(
        () => http.send(operations.deleteProductOrder, { params: { path: { id: requireId("id", id) } } }, options),
        () => undefined,
      ),
    cancel,
    cancellations: {
      list: createSearch<CancelProductOrder>(http, operations.listCancelProductOrder.path).list,
      get: getCancellation,
    },
    track,
    resume(token) {
      let parsed: Partial<ProductOrderToken> | null;
      try {
        parsed = (typeof token === "string" ? JSON.parse(token) : token) as Partial<ProductOrderToken> | null;
      } catch {
        parsed = null;
      }
      if (parsed?.v !== 1 || typeof parsed.orderId !== "string") throw new InvalidArgumentError("token", "is not a token from operation.toJSON()");
      return track(parsed.orderId);
    },
  } as ProductOrders;
}

export type { ListAllOptions } from "../../tmf/list.js";
