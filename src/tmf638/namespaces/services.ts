// Services of one business unit (TMF638 v4): the vendor's by-id read, which answers a list, as
// it is (`retrieve`) and as the one service it should be (`get`); the official search, create,
// merge-patch and delete.
import { InvalidArgumentError, requireId } from "../../core/errors.js";
import { respond, type ApiPromise, type Sent, type Transport } from "../../core/transport.js";
import type { CallOptions } from "../../core/types.js";
import { createSearch, listAll, type ListResult, type PagedQuery, type ListAllOptions } from "../../tmf/list.js";
import { ServiceCountError } from "../errors.js";
import type { paths } from "../generated/tmf638.js";
import * as operations from "../generated/operations.js";
import type { Service, ServiceCreate, ServiceUpdate } from "../generated/types.js";

/**
 * A first-level attribute of a service: what `fields` may select.
 * @group Services
 * @example
 * ```ts
 * const fields: ServiceField[] = ["state", "serviceCharacteristic"];
 * ```
 */
export type ServiceField = keyof Service & string;

/**
 * A service read with `fields`: the attributes asked for, and `id`, `href` and `@type`, which
 * the server always keeps.
 * @group Services
 * @example
 * ```ts
 * const service: ServiceProjection<"state"> = await inventory.services.get(id, { fields: ["state"] });
 * ```
 */
export type ServiceProjection<F extends ServiceField> = Pick<Service, F | "id" | "href" | "@type">;

/**
 * What `get`, `list` and `listAll` give: the whole service without `fields`, its projection with them.
 * @group Services
 * @example
 * ```ts
 * const whole: SelectedService<never> = await inventory.services.get(id); // a Service
 * ```
 */
export type SelectedService<F extends ServiceField> = [F] extends [never] ? Service : ServiceProjection<F>;

type RetrieveParameters = NonNullable<paths["/{businessId}/service/{id}"]["get"]["parameters"]["query"]>;

/**
 * The query of the vendor's by-id read, as documented: `fields` (which some backends read as
 * the account id: it is sent as given, a list joined by commas), `offset`, `limit`,
 * `relatedParty.id` (the account id), `serviceType` and `serviceRelationship.service.category`.
 * Which of them a business unit's backend reads differs.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const query: RetrieveServiceQuery = { "relatedParty.id": "ACC-1001", serviceType: "mobile", limit: 10 };
 * ```
 */
export type RetrieveServiceQuery = Omit<RetrieveParameters, "fields"> & { fields?: string | readonly string[] };

/**
 * Options of `services.get`: `fields` selects first-level attributes (sent as `fields=a,b`) and
 * types the result accordingly; the vendor's filters of the by-id read (some backends need
 * `relatedParty.id`) go with it.
 * @group Services
 * @example
 * ```ts
 * const { state } = await inventory.services.get(id, { fields: ["state"], "relatedParty.id": "ACC-1001", timeoutMs: 5_000 });
 * ```
 */
export interface GetServiceOptions<F extends ServiceField = ServiceField>
  extends CallOptions, Pick<RetrieveParameters, "relatedParty.id" | "serviceType" | "serviceRelationship.service.category"> {
  fields?: readonly F[];
}

/**
 * Filters and paging of `services.list`: TMF630 `offset` and `limit`, the attribute filters, and
 * `fields` to select first-level attributes.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const query: ServiceQuery = { serviceType: "mobile", "relatedParty.id": "ACC-1001", offset: 0, limit: 50, fields: ["state"] };
 * ```
 */
export type ServiceQuery<F extends ServiceField = ServiceField> = PagedQuery<
  Omit<NonNullable<paths["/{businessId}/service"]["get"]["parameters"]["query"]>, "fields">
> & { fields?: readonly F[] };

/**
 * Filters of `services.count`: the attribute filters alone.
 * @group Queries
 * @example
 * ```ts
 * const mobiles = await inventory.services.count({ serviceType: "mobile" } satisfies ServiceFilter);
 * ```
 */
export type ServiceFilter = Omit<ServiceQuery, "fields" | "offset" | "limit">;

/**
 * The services of one business unit: read, search, create, change and delete them.
 * @group Namespaces
 * @example
 * ```ts
 * const service = await inventory.services.get("2964328");
 * const { items } = await inventory.services.list({ "relatedParty.id": "ACC-1001" });
 * ```
 */
export interface Services {
  /**
   * The vendor's read: `GET /{businessId}/service/{id}` with its query, answered as the API
   * answers it: a list of services (usually one).
   */
  retrieve(id: string, query?: RetrieveServiceQuery, options?: CallOptions): ApiPromise<Service[]>;
  /**
   * Reads one service: `GET /{businessId}/service/{id}`, and expects exactly one in the answer's
   * list. None or several is a `ServiceCountError` saying how many came back (its code
   * `NOT_FOUND` for none, as a 404's). With `fields`, only those first-level attributes (and
   * `id`, `href`, `@type`) are asked for, and the result is typed so.
   */
  get<F extends ServiceField = never>(id: string, options?: GetServiceOptions<F>): ApiPromise<SelectedService<F>>;
  /** Lists (or finds) services, one page: `GET /{businessId}/service` with `offset`, `limit` and filters. */
  list<F extends ServiceField = never>(query?: ServiceQuery<F>, options?: CallOptions): ApiPromise<ListResult<SelectedService<F>>>;
  /** Counts the services the filters match (`limit=0`, `X-Total-Count`). */
  count(query?: ServiceFilter, options?: CallOptions): ApiPromise<number>;
  /** Every service the query matches, page after page (`pageSize` per request); a page is asked for when the previous one is consumed. */
  listAll<F extends ServiceField = never>(
    query?: Omit<ServiceQuery<F>, "offset" | "limit">,
    options?: ListAllOptions,
  ): AsyncGenerator<SelectedService<F>, void, undefined>;
  /**
   * Creates a service: `POST /{businessId}/service`. It is never sent twice by the SDK: the API
   * has no idempotency key, so a failure after the request may have reached the server is not retried.
   */
  create(service: ServiceCreate, options?: CallOptions): ApiPromise<Service>;
  /** Changes a service: `PATCH /{businessId}/service/{id}` with a JSON merge patch (`application/merge-patch+json`; `null` removes a member). */
  update(id: string, patch: ServiceUpdate, options?: CallOptions): ApiPromise<Service>;
  /** Deletes a service: `DELETE /{businessId}/service/{id}`. */
  delete(id: string, options?: CallOptions): ApiPromise<void>;
}

/** `fields` as one comma list (the transport's commaLists): the type says string, the SDK takes a list. */
function fieldsQuery(fields: unknown, argument: string): { fields?: string } {
  if (fields === undefined) return {};
  if (!Array.isArray(fields) || fields.length === 0) throw new InvalidArgumentError(argument, "must be a non-empty list of attribute names");
  for (const field of fields)
    if (typeof field !== "string" || !/^[@\w]+$/.test(field)) throw new InvalidArgumentError(argument, "must list first-level attribute names");
  return { fields: fields as unknown as string };
}

/** The one service of a by-id answer, or the error saying how many came back. */
function exactlyOne(id: string) {
  return ({ data, correlationId }: Sent<Service[] | undefined>): Service => {
    const services = data ?? [];
    if (services.length !== 1) throw new ServiceCountError(id, services, correlationId);
    return services[0]!;
  };
}

/** @internal */
export function createServices(http: Transport<paths>, businessId: string): Services {
  // The search's path is the unit's own: the shared TMF search fills no path parameter, and a
  // business id is 2 upper-case letters, which need no encoding.
  const search = createSearch<Service>(http, `/${businessId}/service` as never);
  const read = (id: string, query: object, options: CallOptions | undefined) =>
    http.send(operations.retrieveService, { params: { path: { businessId, id: requireId("id", id) }, query } } as never, options) as Promise<
      Sent<Service[] | undefined>
    >;
  const list = (query: ServiceQuery = {}, options?: CallOptions) =>
    respond(() => search.list({ ...query, ...fieldsQuery(query.fields, "query.fields") }, options).withResponse());

  return {
    retrieve: (id, query = {}, options) =>
      respond(
        () => read(id, query, options),
        ({ data }) => data ?? [],
      ),
    get: (id, { fields, "relatedParty.id": party, serviceType, "serviceRelationship.service.category": category, ...options } = {}) =>
      respond(() => {
        const query = { ...fieldsQuery(fields, "options.fields"), "relatedParty.id": party, serviceType, "serviceRelationship.service.category": category };
        return read(id, query, options);
      }, exactlyOne(id)),
    list,
    count: search.count,
    listAll: (query = {}, options) => listAll(list, query, options),
    // What was created must be followed by its id: an answer without one is unusable.
    create: (service, options) =>
      respond(() => http.send({ ...operations.createService, returns: "entity" }, { params: { path: { businessId } }, body: service }, options)),
    update: (id, patch, options) =>
      respond(() => http.send(operations.patchService, { params: { path: { businessId, id: requireId("id", id) } }, body: patch }, options)),
    delete: (id, options) =>
      respond(
        () => http.send(operations.deleteService, { params: { path: { businessId, id: requireId("id", id) } } }, options),
        () => undefined,
      ),
  } as Services;
}

export type { ListAllOptions } from "../../tmf/list.js";
