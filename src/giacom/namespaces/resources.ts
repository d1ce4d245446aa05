// Resource inventory (TMF639): the client's stock of subscriber numbers and SIM cards.
import type { paths } from "../generated/giacom.js";
import { requireId } from "../../core/errors.js";
import { respond, type ApiPromise } from "../../core/transport.js";
import { createSearch, type ListQuery, type ListResult } from "../../tmf/list.js";
import type { CallOptions } from "../../core/types.js";
import type { GiacomTransport } from "../http.js";
import type { Resource, ResourceCreate, ResourceUpdate } from "../types.js";
import * as operations from "../generated/operations.js";

/**
 * Filters of `resources.list`.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const query: ResourceQuery = { filter: jsonPath.characteristicValue("SUBSCRIBER_NUMBER", "07571234567", { on: "resourceCharacteristic" }) };
 * ```
 */
export type ResourceQuery = ListQuery<NonNullable<paths["/resource"]["get"]["parameters"]["query"]>>;

/**
 * Stock units (resources) that service orders may use.
 * @group Namespaces
 * @example
 * ```ts
 * const unit = await giacom.resources.create({ resourceSpecification: { id: "Mobile_Subscriber_number" }, resourceCharacteristic: [{ id: "SUBSCRIBER_NUMBER", value: [{ value: "07571234567" }] }] });
 * ```
 */
export interface Resources {
  /** Lists (or finds) stock units: `GET /resource`. */
  list(query?: ResourceQuery, options?: CallOptions): ApiPromise<ListResult<Resource>>;
  /** Counts the stock units a query matches (`limit=0`). */
  count(query?: ResourceQuery, options?: CallOptions): ApiPromise<number>;
  /** Creates a stock unit: `POST /resource`. Not retried after it may have been sent. */
  create(resource: ResourceCreate, options?: CallOptions): ApiPromise<Resource>;
  /** Reads a stock unit: `GET /resource/{id}`. */
  get(id: string, options?: CallOptions): ApiPromise<Resource>;
  /** Changes fields of a stock unit: `PATCH /resource/{id}`. */
  update(id: string, patch: ResourceUpdate, options?: CallOptions): ApiPromise<Resource>;
  /** Deletes a stock unit: `DELETE /resource/{id}`. */
  delete(id: string, options?: CallOptions): ApiPromise<void>;
}

/** @internal */
export function createResources(http: GiacomTransport): Resources {
  return {
    ...createSearch<Resource>(http, operations.listResource.path),
    create: (resource, options) => respond(() => http.send(operations.createResource, { body: resource }, options)),
    get: (id, options) => respond(() => http.send(operations.retrieveResource, { params: { path: { id: requireId("id", id) } } }, options)),
    // A partial update sets fields to values: repeating it leaves the same result.
    update: (id, patch, options) => respond(() => http.send(operations.patchResource, { params: { path: { id: requireId("id", id) } }, body: patch }, options)),
    delete: (id, options) =>
      respond(
        () => http.send(operations.deleteResource, { params: { path: { id: requireId("id", id) } } }, options),
        () => undefined,
      ),
  };
}
