// Service inventory (TMF638): the client's live services, read-only.
import type { paths } from "../generated/giacom.js";
import { requireId, requireString } from "../../core/errors.js";
import { respond, type ApiPromise } from "../../core/transport.js";
import { jsonPath } from "../../tmf/json-path.js";
import { createSearch, type ListQuery, type ListResult } from "../../tmf/list.js";
import type { CallOptions } from "../../core/types.js";
import type { GiacomTransport } from "../http.js";
import type { Service } from "../types.js";
import * as operations from "../generated/operations.js";

/**
 * Filters of `services.list`: exact matches, a list for an IN query, and `filter` for a
 * JSONPath search inside lists.
 * @group Queries
 * @useDeclaredType
 * @example
 * ```ts
 * const failedOrStopped: ServiceQuery = { operatingStatus: ["failed", "stopped"], hasStarted: true };
 * ```
 */
export type ServiceQuery = ListQuery<NonNullable<paths["/service"]["get"]["parameters"]["query"]>>;

/**
 * Options of `services.get`.
 * @group Client
 * @example
 * ```ts
 * const fresh = await giacom.services.get(id, { networkRefresh: true });
 * ```
 */
export interface GetServiceOptions extends CallOptions {
  /** Refresh the service from the supplier's network before reading it (`network_refresh: true`). */
  networkRefresh?: boolean;
}

/**
 * The live services of the client's tenant.
 * @group Namespaces
 * @example
 * ```ts
 * const [line] = await giacom.services.findBySubscriberNumber("07800987654");
 * ```
 */
export interface Services {
  /** Lists (or finds) services: `GET /service`. */
  list(query?: ServiceQuery, options?: CallOptions): ApiPromise<ListResult<Service>>;
  /** Counts the services a query matches (`limit=0`). */
  count(query?: ServiceQuery, options?: CallOptions): ApiPromise<number>;
  /** Reads one service: `GET /service/{id}`. */
  get(id: string, options?: GetServiceOptions): ApiPromise<Service>;
  /** The services whose SUBSCRIBER_NUMBER is `msisdn` (usually one). */
  findBySubscriberNumber(msisdn: string, options?: CallOptions): ApiPromise<Service[]>;
  /** The services whose SIM_SERIAL is `iccid` (usually one). */
  findBySimSerial(iccid: string, options?: CallOptions): ApiPromise<Service[]>;
}

/** @internal */
export function createServices(http: GiacomTransport): Services {
  const { list, count } = createSearch<Service>(http, operations.listService.path);
  const findBy = (name: string, argument: string, value: string, options?: CallOptions) =>
    respond(
      () => list({ filter: jsonPath.characteristicValue(name, requireString(argument, value)) }, options).withResponse(),
      (sent) => sent.data.items,
    );
  return {
    list,
    count,
    get: (id, { networkRefresh, ...options } = {}) =>
      respond(() =>
        // The document defines only `network_refresh: true`; anything else sends no header.
        http.send(
          operations.retrieveService,
          { params: { path: { id: requireId("id", id) }, header: networkRefresh === true ? { network_refresh: true } : {} } },
          options,
        ),
      ),
    findBySubscriberNumber: (msisdn, options) => findBy("SUBSCRIBER_NUMBER", "msisdn", msisdn, options),
    findBySimSerial: (iccid, options) => findBy("SIM_SERIAL", "iccid", iccid, options),
  };
}
