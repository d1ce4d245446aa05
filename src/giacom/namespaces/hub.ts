// The notifications hub (TMF688): where Giacom delivers events.
import { requireId, requireString } from "../../core/errors.js";
import type { CallOptions } from "../../core/types.js";
import { respond, type ApiPromise } from "../../core/transport.js";
import type { GiacomTransport } from "../http.js";
import type { Hub } from "../types.js";
import * as operations from "../generated/operations.js";

/**
 * A listener to register.
 * @group Client
 * @example
 * ```ts
 * const listener: Subscription = { callback: "https://yourportal.com/webhook", apiKey: process.env.WEBHOOK_API_KEY };
 * ```
 */
export interface Subscription {
  /** The HTTPS endpoint Giacom will POST events to. */
  callback: string;
  /** Optional static API key; Giacom sends it back as `Authorization: Basic <apiKey>`. */
  apiKey?: string | undefined;
}

/**
 * Registration of the endpoints that receive Giacom's events.
 * @group Namespaces
 * @example
 * ```ts
 * const hub = await giacom.hub.subscribe({ callback: "https://yourportal.com/webhook", apiKey });
 * await giacom.hub.unsubscribe(hub.id);
 * ```
 */
export interface HubApi {
  /** Registers a listener: `POST /topic/default/hub`. The API key is never returned. */
  subscribe(subscription: Subscription, options?: CallOptions): ApiPromise<Hub>;
  /** Removes a listener: `DELETE /topic/default/hub/{id}`. */
  unsubscribe(id: string, options?: CallOptions): ApiPromise<void>;
}

/** @internal */
export function createHub(http: GiacomTransport): HubApi {
  return {
    subscribe: (subscription, options) =>
      respond(() => {
        const { callback, apiKey } = subscription;
        requireString("callback", callback);
        const body = apiKey === undefined ? { callback } : { callback, credentials: { type: "apikey" as const, value: requireString("apiKey", apiKey) } };
        return http.send({ ...operations.registerListener, secrets: apiKey === undefined ? [] : [apiKey] }, { body }, options);
      }),
    unsubscribe: (id, options) =>
      respond(
        () => http.send(operations.unregisterListener, { params: { path: { id: requireId("id", id) } } }, options),
        () => undefined,
      ),
  };
}
