// The service catalogue (TMF633) and the resource catalogue (TMF634).
import type { paths } from "../generated/giacom.js";
import { requireId } from "../../core/errors.js";
import { respond, type ApiPromise } from "../../core/transport.js";
import { createSearch, type ListQuery, type ListResult } from "../../tmf/list.js";
import type { CallOptions } from "../../core/types.js";
import type { GiacomTransport } from "../http.js";
import type { ResourceSpecification, ServiceSpecification } from "../types.js";
import * as operations from "../generated/operations.js";

/**
 * Filters of `serviceSpecifications.list`: repeat a value (pass a list) for an IN query.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const query: ServiceSpecificationQuery = { category: "Mobile Bolt On", lifecycleStatus: ["Launched"] };
 * ```
 */
export type ServiceSpecificationQuery = ListQuery<NonNullable<paths["/serviceSpecification"]["get"]["parameters"]["query"]>>;

/**
 * Filters of `resourceSpecifications.list`.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const query: ResourceSpecificationQuery = { category: "Mobile SIM" };
 * ```
 */
export type ResourceSpecificationQuery = ListQuery<NonNullable<paths["/resourceSpecification"]["get"]["parameters"]["query"]>>;

/**
 * Options of `serviceSpecifications.get` and `resourceSpecifications.get`.
 * @group Client
 * @example
 * ```ts
 * await giacom.serviceSpecifications.get("MOBILE_VOICE_SRV_GIACOM_O2", { version: 1 });
 * ```
 */
export interface GetSpecificationOptions extends CallOptions {
  /** The version to read; the most recent one when omitted. */
  version?: number;
}

/**
 * The service catalogue: what can be ordered and how it is configured.
 * @group Namespaces
 * @example
 * ```ts
 * const { items } = await giacom.serviceSpecifications.list({ category: "Mobile Voice Service" });
 * ```
 */
export interface ServiceSpecifications {
  /** Lists (or finds) specifications: `GET /serviceSpecification`. */
  list(query?: ServiceSpecificationQuery, options?: CallOptions): ApiPromise<ListResult<ServiceSpecification>>;
  /** Counts the specifications a query matches (`limit=0`). */
  count(query?: ServiceSpecificationQuery, options?: CallOptions): ApiPromise<number>;
  /** Reads one specification: `GET /serviceSpecification/{id}`. */
  get(id: string, options?: GetSpecificationOptions): ApiPromise<ServiceSpecification>;
}

/**
 * The resource catalogue: SIM cards, subscriber numbers and other provisionable resources.
 * @group Namespaces
 * @example
 * ```ts
 * const sim = await giacom.resourceSpecifications.get("O2_e_sim");
 * ```
 */
export interface ResourceSpecifications {
  /** Lists (or finds) resource specifications: `GET /resourceSpecification`. */
  list(query?: ResourceSpecificationQuery, options?: CallOptions): ApiPromise<ListResult<ResourceSpecification>>;
  /** Counts the resource specifications a query matches (`limit=0`). */
  count(query?: ResourceSpecificationQuery, options?: CallOptions): ApiPromise<number>;
  /** Reads one resource specification: `GET /resourceSpecification/{id}`. */
  get(id: string, options?: GetSpecificationOptions): ApiPromise<ResourceSpecification>;
}

/** @internal */
export function createServiceSpecifications(http: GiacomTransport): ServiceSpecifications {
  return {
    ...createSearch<ServiceSpecification>(http, operations.listServiceSpecification.path),
    get: (id, { version, ...options } = {}) =>
      respond(() =>
        http.send(
          operations.retrieveServiceSpecification,
          { params: { path: { id: requireId("id", id) }, query: version === undefined ? {} : { version } } },
          options,
        ),
      ),
  };
}

/** @internal */
export function createResourceSpecifications(http: GiacomTransport): ResourceSpecifications {
  return {
    ...createSearch<ResourceSpecification>(http, operations.listResourceSpecification.path),
    get: (id, { version, ...options } = {}) =>
      respond(() =>
        http.send(
          operations.retrieveResourceSpecification,
          { params: { path: { id: requireId("id", id) }, query: version === undefined ? {} : { version } } },
          options,
        ),
      ),
  };
}
