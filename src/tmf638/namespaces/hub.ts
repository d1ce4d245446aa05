// The notifications hub (TMF638 `/{businessId}/hub`): where the server delivers service events.
import { requireId, requireString } from "../../core/errors.js";
import { respond, type ApiPromise, type Transport } from "../../core/transport.js";
import type { CallOptions } from "../../core/types.js";
import type { paths } from "../generated/tmf638.js";
import * as operations from "../generated/operations.js";
import type { Hub, HubCreate } from "../generated/types.js";

/**
 * Registration of the endpoints that receive the business unit's service events.
 * @group Namespaces
 * @example
 * ```ts
 * const hub = await inventory.hub.subscribe({ callback: "https://example.com/tmf638/events", query: "eventType=ServiceStateChangeEvent" });
 * await inventory.hub.unsubscribe(hub.id);
 * ```
 */
export interface ServiceInventoryHub {
  /** Registers a listener: `POST /{businessId}/hub`. `query` narrows the events, as the server understands it. */
  subscribe(subscription: HubCreate, options?: CallOptions): ApiPromise<Hub>;
  /** Removes a listener: `DELETE /{businessId}/hub/{id}`. */
  unsubscribe(id: string, options?: CallOptions): ApiPromise<void>;
}

/** @internal */
export function createHub(http: Transport<paths>, businessId: string): ServiceInventoryHub {
  return {
    subscribe: (subscription, options) =>
      respond(() => {
        const { callback, query } = subscription ?? {};
        const body: HubCreate = { callback: requireString("subscription.callback", callback) };
        if (query !== undefined) body.query = requireString("subscription.query", query);
        return http.send(operations.registerListener, { params: { path: { businessId } }, body }, options);
      }),
    unsubscribe: (id, options) =>
      respond(
        () => http.send(operations.unregisterListener, { params: { path: { businessId, id: requireId("id", id) } } }, options),
        () => undefined,
      ),
  };
}
