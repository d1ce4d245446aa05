// TMF630 searches: turns a search response into { items, totalCount, resultCount } from the
// body and the X-Total-Count / X-Result-Count headers a TMF search returns.
import { InvalidArgumentError, InvalidResponseError } from "../core/errors.js";
import { respond, type ApiPromise, type PathsWith, type Sent, type Transport } from "../core/transport.js";
import type { CallOptions } from "../core/types.js";

/** @internal The TMF630 count headers: shown to hooks, read by `list` and `count`. */
export const COUNT_HEADERS = ["x-total-count", "x-result-count"];

/**
 * One page of search results. Giacom returns every match at once unless it trims a very long
 * list: then `trimmed` is true and `resultCount` (the items here) is less than `totalCount`
 * (all matches). Giacom's searches do not page (`offset` is not documented): narrow the query.
 * @group Queries
 * @example
 * ```ts
 * const { items, totalCount, trimmed } = await giacom.services.list({ operatingStatus: ["failed", "stopped"] });
 * if (trimmed) console.warn(`Giacom trimmed the list to ${items.length} of ${totalCount}: narrow the query`);
 * ```
 */
export interface ListResult<T> {
  items: T[];
  /** All entities matching the query (`X-Total-Count`). */
  totalCount: number;
  /** Entities in `items` (`X-Result-Count`). */
  resultCount: number;
  /** The server returned fewer entities than matched (`X-Result-Count` < `X-Total-Count`). */
  trimmed: boolean;
}

/** A count header's value; undefined when absent, an error when it is not a count a program can use. */
function countHeader(sent: Sent<unknown>, name: string): number | undefined {
  const value = sent.response.headers.get(name);
  if (value === null) return undefined;
  const count = /^\s*\d{1,16}\s*$/.test(value) ? Number(value) : NaN;
  // "1e23", "-1", 400 digits: not a count; a number past 2^53 would not even be exact.
  if (!Number.isSafeInteger(count)) {
    throw new InvalidResponseError(`A search answered with a ${name} header that is not a whole number`, {
      status: sent.response.status,
      correlationId: sent.correlationId,
    });
  }
  return count;
}

function toList<T>(sent: Sent<T[] | undefined>): ListResult<T> {
  // The transport has checked that a body, when there is one, is a list of objects.
  const items = sent.data ?? [];
  const resultCount = countHeader(sent, "X-Result-Count") ?? items.length;
  const totalCount = countHeader(sent, "X-Total-Count") ?? resultCount;
  return { items, totalCount, resultCount, trimmed: resultCount < totalCount };
}

/** The answer to `limit=0`: the total count, which only the header carries. */
function toCount(sent: Sent<unknown>): number {
  const total = countHeader(sent, "X-Total-Count");
  if (total === undefined) {
    throw new InvalidResponseError("A count answered without a numeric X-Total-Count header", {
      status: sent.response.status,
      correlationId: sent.correlationId,
    });
  }
  return total;
}

/**
 * The filters of a search, from the contract's query parameters: where the API takes a
 * repeated parameter (an IN list), one value or a list of values; `limit` is left to `count`.
 * @group Queries
 * @example
 * ```ts
 * type StateFilter = ListQuery<{ state?: ("active" | "failed")[] }>; // { state?: "active" | "failed" | readonly ("active" | "failed")[] }
 * ```
 */
export type ListQuery<Q> = { [K in Exclude<keyof Q, "limit">]?: NonNullable<Q[K]> extends readonly (infer E)[] ? E | readonly E[] : Q[K] };

/**
 * The filters of a search that pages (TMF630 `offset` and `limit` kept), from the contract's
 * query parameters, a list parameter taking one value or a list.
 * @group Queries
 * @example
 * ```ts
 * type OrderQuery = PagedQuery<{ state?: string; offset?: number; limit?: number }>; // { state?: string; offset?: number; limit?: number }
 * ```
 */
export type PagedQuery<Q> = { [K in keyof Q]?: NonNullable<Q[K]> extends readonly (infer E)[] ? E | readonly E[] : Q[K] };

/**
 * Paging of a `listAll`: how many entities each request asks for (default 100).
 * @group Queries
 * @example
 * ```ts
 * for await (const order of client.productOrders.listAll({ state: "held" }, { pageSize: 50 })) alert(order.id);
 * ```
 */
export interface ListAllOptions extends CallOptions {
  pageSize?: number;
}

/**
 * @internal `list` and `count` of a collection. The query types are checked by each
 * namespace's interface; here the query only passes through.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the caller names T; the paths come with its transport
export function createSearch<T, Paths = any>(http: Transport<Paths>, path: PathsWith<Paths, "get">) {
  const send = (query: object, options: CallOptions | undefined) =>
    http.send({ method: "get", path, idempotent: true, returns: "list" } as never, { params: { query } } as never, options) as Promise<Sent<T[] | undefined>>;
  return {
    list: (query: object = {}, options?: CallOptions): ApiPromise<ListResult<T>> => respond(() => send(query, options), toList),
    count: (query: object = {}, options?: CallOptions): ApiPromise<number> => respond(() => send({ ...query, limit: 0 }, options), toCount),
  };
}

/**
 * Every entity a paging search matches, page after page (TMF630 `offset` and `limit`), for
 * APIs that page. Stops at `totalCount`, or at the first empty page of a server that counts
 * wrongly; a page is requested only when the previous one has been consumed.
 * @group Queries
 * @example
 * ```ts
 * for await (const order of listAll(orders.list, { state: "inProgress" }, { pageSize: 50 })) console.log(order.id);
 * ```
 */
export async function* listAll<T, Q extends object>(
  list: (query: Q & { offset: number; limit: number }, options?: CallOptions) => PromiseLike<ListResult<T>>,
  query: Q,
  { pageSize = 100, ...options }: ListAllOptions = {},
): AsyncGenerator<T, void, undefined> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new InvalidArgumentError("pageSize", "must be a positive integer");
  for (let offset = 0; ;) {
    const page = await list({ ...query, offset, limit: pageSize }, options);
    yield* page.items;
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.totalCount) return;
  }
}
