// Giacom's receiver profile: the API key Giacom sends as `Authorization: Basic <apiKey>`, the
// TMF688 envelope with Giacom's 15 event types, and 202 as the acknowledgement.
import { ConfigurationError } from "../../core/errors.js";
import { createReceiver, createSecretCheck, type DeliveryMeta, type UnknownDeliveryMeta } from "../../core/receiver/receiver.js";
import type { DedupeStore, VersionStore } from "../../core/receiver/stores.js";
import type { Stores } from "../../core/stores/stores.js";
import { PAYLOAD_KEYS, isWebhookEventType, parseDelivery } from "./events.js";
import type { UnknownWebhookEvent, WebhookEvent, WebhookEventOf, WebhookEventType } from "./events.js";

/**
 * Options of {@link createWebhookReceiver}.
 * @example
 * ```ts
 * const options: WebhookReceiverOptions = {
 *   apiKey: [process.env.WEBHOOK_API_KEY!, process.env.WEBHOOK_API_KEY_PREVIOUS!],
 *   onError: (error) => log.error({ error }, "Giacom webhook failed"),
 * };
 * ```
 * @group Webhooks
 */
export interface WebhookReceiverOptions {
  /**
   * The API key registered with `hub.subscribe`; Giacom sends it as `Authorization: Basic <apiKey>`.
   * Give several while rotating keys: any of them is accepted. Required unless
   * `allowUnauthenticated` is true; when given, it is always checked.
   */
  apiKey?: string | readonly string[] | undefined;
  /** Accept deliveries without credentials, for a hub registered without an API key. */
  allowUnauthenticated?: boolean | undefined;
  /** The largest body accepted, in bytes; larger ones are answered 413. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /**
   * Where processed eventIds are remembered, or `false` to process every delivery. Default: a
   * {@link MemoryDedupeStore} keeping 10,000 eventIds for 24 hours.
   */
  dedupe?: DedupeStore | false | undefined;
  /** Where the last version of each entity is kept. Default: in memory, 10,000 entities. */
  versions?: VersionStore | undefined;
  /**
   * State shared by every replica behind your load balancer, e.g. `createRedisStores(...)` of
   * `giacom-sdk/redis`: `claims` (an eventId is handled by one replica, once), `versions`
   * (out-of-order flags agree across replicas) and `events` (each handled ServiceOrder event is
   * published on the channel {@link GIACOM_ORDERS_CHANNEL} as `{ id, version? }`, so that an order
   * handle waiting on another replica reads its order at once). A store left out stays in memory.
   * Not together with `dedupe` (a store) or `versions`.
   *
   * When a shared store cannot answer, deliveries are answered 503 with `Retry-After` (Giacom
   * retries; nothing is handled without a claim) and the error goes to `onError`; a failed
   * publication is only reported (the handle still polls).
   */
  stores?: Partial<Stores> | undefined;
  /**
   * How long one replica may take over a delivery before another may handle it, in
   * milliseconds; keep it above your handlers' longest run. Meanwhile a copy reaching another
   * replica is answered 503 with `Retry-After`. Default 60,000.
   */
  leaseMs?: number | undefined;
  /** How long `stores` remember a handled eventId and an entity's version, in milliseconds. Default 24 hours. */
  retentionMs?: number | undefined;
  /**
   * Called when a handler throws (the delivery is answered 500 so that Giacom retries), when a
   * store fails, or when the Node adapter finds the body already consumed. It never receives
   * the API key or a request header.
   */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * Receives Giacom's notifications: mount `handle` on the callback URL registered with
 * `hub.subscribe` and register handlers per event type.
 * @example
 * ```ts
 * const receiver = createWebhookReceiver({ apiKey: process.env.WEBHOOK_API_KEY });
 * receiver.on("ServiceOrderStateChangeEvent", async ({ event }) => { await orders.update(event.ServiceOrder); });
 * export default { fetch: (request: Request) => receiver.handle(request) };
 * ```
 * @group Webhooks
 */
export interface WebhookReceiver {
  /**
   * Answers one delivery: 202 when accepted (or a duplicate), 400 not JSON, not an envelope
   * (`eventId`, `eventType`, `event`) or an id over 256 characters, 401 bad or missing
   * credentials, 405 not a POST, 413 body too large, 415 not JSON, 500 a handler failed, 503
   * with `Retry-After` when another replica is handling the same event or a store is down.
   * A valid envelope whose event cannot be typed is accepted and goes to `onUnknown`. Never throws.
   */
  handle(request: Request): Promise<Response>;
  /**
   * Runs `handler` for each new event of `type` whose payload has the documented shape (others
   * go to `onUnknown`); returns a function that removes it.
   */
  on<T extends WebhookEventType>(type: T, handler: (event: WebhookEventOf<T>, meta: DeliveryMeta) => void | Promise<void>): () => void;
  /**
   * Runs `handler` for each new event the receiver acknowledges but cannot type: an `eventType`
   * that is not documented, or a documented one whose payload differs from the documented shape
   * (`meta` says which). Without such a handler these events are acknowledged and dropped.
   * Returns a function that removes the handler.
   */
  onUnknown(handler: (event: UnknownWebhookEvent, meta: UnknownDeliveryMeta) => void | Promise<void>): () => void;
  /**
   * Calls `listener` for every accepted event of a documented type, duplicates included (with
   * `meta.duplicate`), after the handlers succeeded. For SDK internals, such as order handles
   * that wake on events; a listener's error is reported to `onError` but does not fail the delivery.
   */
  subscribe(listener: (event: WebhookEvent, meta: DeliveryMeta) => void): () => void;
}

/**
 * The {@link WebhookReceiverOptions.stores | stores.events} channel on which a receiver publishes,
 * for each ServiceOrder event it handled, `{ "id": <ServiceOrder id>, "version"?: <number> }` (JSON).
 * @example
 * ```ts
 * await stores.events.subscribe(GIACOM_ORDERS_CHANNEL, (message) => wake(JSON.parse(message).id));
 * ```
 * @group Webhooks
 */
export const GIACOM_ORDERS_CHANNEL = "giacom:orders";

// A ServiceOrder event's wake-up: the order's id and version, never anything else of it.
function wakeUp(event: unknown) {
  const { eventType, event: payload } = event as { eventType: string; event: Record<string, unknown> };
  const key = isWebhookEventType(eventType) ? PAYLOAD_KEYS[eventType] : undefined;
  if (key !== "ServiceOrder" && key !== "serviceOrder") return undefined;
  const { id, version } = (payload[key] ?? {}) as { id?: unknown; version?: unknown };
  if (typeof id !== "string") return undefined;
  return { channel: GIACOM_ORDERS_CHANNEL, message: typeof version === "number" ? { id, version } : { id } };
}

/**
 * Creates a receiver for Giacom's notifications. It checks `Authorization: Basic <apiKey>` in
 * constant time before reading the body, validates the envelope and the entity's identity,
 * answers duplicates (same eventId) without running the handlers, flags out-of-order entity
 * versions, and answers 202 only once every handler succeeded, so that Giacom retries a
 * delivery whose handler failed.
 * @example
 * ```ts
 * const receiver = createWebhookReceiver({ apiKey: process.env.WEBHOOK_API_KEY, onError: console.error });
 * receiver.on("ServiceOrderStateChangeEvent", async (event, meta) => {
 *   if (!meta.outOfOrder) await db.orders.update(event.event.ServiceOrder.id, { state: event.event.ServiceOrder.state });
 * });
 * // Next.js route handler, Hono, Workers, Bun, Deno:
 * export const POST = (request: Request) => receiver.handle(request);
 * ```
 * @group Webhooks
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const { apiKey, allowUnauthenticated = false } = options;
  // A copy, so that later changes to the caller's array do not change who is let in.
  const keys: unknown[] = apiKey === undefined ? [] : Array.isArray(apiKey) ? [...apiKey] : [apiKey];
  if (keys.some((key) => typeof key !== "string" || key === "")) throw new ConfigurationError("apiKey", "must be a non-empty string or an array of them");
  if (keys.length === 0 && allowUnauthenticated !== true) {
    throw new ConfigurationError("apiKey", "is required; pass allowUnauthenticated: true for a hub registered without credentials");
  }
  const matches = keys.length === 0 ? undefined : createSecretCheck(keys as string[]);
  return createReceiver<{ [T in WebhookEventType]: WebhookEventOf<T> }, UnknownWebhookEvent>(
    {
      authenticate(headers) {
        if (!matches) return true;
        const credential = /^basic +(.+)$/i.exec(headers.get("authorization") ?? "")?.[1];
        return credential !== undefined && matches(credential);
      },
      unauthorized: { status: 401, headers: { "www-authenticate": "Basic" } },
      parse: parseDelivery,
      isType: isWebhookEventType,
      wakeUp,
      acknowledge: { status: 202 },
    },
    options,
  );
}
