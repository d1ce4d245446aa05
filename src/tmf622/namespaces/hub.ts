// The notifications hub (TMF622 `/hub`): where the server delivers product order events.
import { requireId, requireString } from "../../core/errors.js";
import { respond, type ApiPromise, type Transport } from "../../core/transport.js";
import type { CallOptions } from "../../core/types.js";
import type { paths } from "../generated/tmf622.js";
import * as operations from "../generated/operations.js";
import type { Hub, HubCreate } from "../generated/types.js";

/**
 * Registration of the endpoints that receive product order events.
 * @group Namespaces
 * @example
 * ```ts
 * const hub = await client.hub.subscribe({ callback: "https://example.com/tmf622/events", query: "eventType=ProductOrderStateChangeEvent" });
 * await client.hub.unsubscribe(hub.id);
 * ```
 */
export interface ProductOrderingHub {
  /** Registers a listener: `POST /hub`. `query` narrows the events, as the server understands it. */
  subscribe(subscription: HubCreate, options?: CallOptions): ApiPromise<Hub>;
  /** Removes a listener: `DELETE /hub/{id}`. */
  unsubscribe(id: string, options?: CallOptions): ApiPromise<void>;
}

/** @internal */
export function createHub(http: Transport<paths>): ProductOrderingHub {
  return {
    subscribe: (subscription, options) =>
      respond(() => {
        const { callback, query } = subscription ?? {};
        const body: HubCreate = { callback: requireString("subscription.callback", callback) };
        if (query !== undefined) body.query = requireString("subscription.query", query);
        return http.send(operations.registerListener, { body }, options);
      }),
    unsubscribe: (id, options) =>
      respond(
        () => http.send(operations.unregisterListener, { params: { path: { id: requireId("id", id) } } }, options),
        () => undefined,
      ),
  };
}
