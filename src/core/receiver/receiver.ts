// The receiver of Giacom's notifications: authenticates a delivery, reads and validates its
// body, detects duplicates and out-of-order updates, runs the handlers and answers 202 only
// when they all succeeded (anything else makes Giacom retry). Web APIs only (Request,
// Response, crypto.subtle), so it runs on Node, Workers, Deno and Bun.
import { ConfigurationError, InvalidArgumentError } from "../errors.js";
import { isWebhookEventType, parseDelivery } from "../../giacom/webhooks/events.js";
import type { UnknownWebhookEvent, WebhookEvent, WebhookEventOf, WebhookEventType } from "../../giacom/webhooks/events.js";
import { MemoryDedupeStore, createMemoryVersionStore } from "./stores.js";
import type { DedupeStore, VersionStore } from "./stores.js";

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
   * Called when a handler throws (the delivery is answered 500 so that Giacom retries), when a
   * store fails, or when the Node adapter finds the body already consumed. It never receives
   * the API key or a request header.
   */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * What the receiver knows about a delivery besides the event.
 * @example
 * ```ts
 * receiver.on("ServiceOrderStateChangeEvent", (event, meta) => {
 *   if (meta.outOfOrder) return; // an older state than one already processed
 *   orders.setState(event.event.ServiceOrder.id, event.event.ServiceOrder.state);
 * });
 * ```
 * @group Webhooks
 */
export interface DeliveryMeta {
  /** The eventId was already processed. Handlers registered with `on` never see duplicates. */
  duplicate: boolean;
  /** The entity's `version` is lower than the highest version already processed for it. */
  outOfOrder: boolean;
  /** The highest version processed before this delivery for the same entity, if any. */
  previousVersion?: number;
  /** When the delivery arrived. */
  receivedAt: Date;
}

/**
 * What `onUnknown` handlers learn besides the {@link DeliveryMeta}: why the event is not typed.
 * `outOfOrder` is always false, since no version is tracked for an event the receiver cannot type.
 * @example
 * ```ts
 * receiver.onUnknown(async (event, meta) => {
 *   if (meta.reason === "unexpectedShape") log.warn({ eventType: event.eventType, field: meta.field }, "Giacom sent an unexpected payload");
 *   await inbox.store(event); // keep it: it was acknowledged and will not be delivered again
 * });
 * ```
 * @group Webhooks
 */
export interface UnknownDeliveryMeta extends DeliveryMeta {
  /**
   * `"undocumentedType"`: the `eventType` is not a {@link WebhookEventType}.
   * `"unexpectedShape"`: it is, but the delivery lacks what its type promises (see `field`).
   */
  reason: "undocumentedType" | "unexpectedShape";
  /**
   * With `"unexpectedShape"`: the first field missing or of another type than documented, e.g.
   * `event.ServiceOrder` when the payload uses another key. A field name, never a value.
   */
  field?: string;
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
   * credentials, 405 not a POST, 413 body too large, 415 not JSON, 500 a handler failed.
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

// Lets toNodeHandler report to the receiver's onError without widening the public interface.
/** @internal */
export const REPORT: unique symbol = Symbol("giacom-sdk.webhooks.report");

type Handler = (event: never, meta: never) => void | Promise<void>;

/** @internal */
export const encoder = new TextEncoder();

const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));

function text(status: number, body: string | null, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: body === null ? headers : { "content-type": "text/plain; charset=utf-8", ...headers } });
}

function isJson(contentType: string | null): boolean {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return essence === "application/json" || /^application\/[\w.+-]+\+json$/.test(essence);
}

// Reads at most `limit` bytes; undefined when the body is larger, whatever Content-Length said.
async function readBody(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: some runtimes settle the cancellation only once the client stops sending.
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
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
  const { apiKey, allowUnauthenticated = false, maxBodyBytes = 1_048_576, onError } = options;
  // A copy, so that later changes to the caller's array do not change who is let in.
  const keys: unknown[] = apiKey === undefined ? [] : Array.isArray(apiKey) ? [...apiKey] : [apiKey];
  if (keys.some((key) => typeof key !== "string" || key === "")) throw new ConfigurationError("apiKey", "must be a non-empty string or an array of them");
  if (keys.length === 0 && allowUnauthenticated !== true) {
    throw new ConfigurationError("apiKey", "is required; pass allowUnauthenticated: true for a hub registered without credentials");
  }
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) throw new ConfigurationError("maxBodyBytes", "must be a positive integer");
  const dedupe = options.dedupe === undefined ? new MemoryDedupeStore() : options.dedupe;
  const versions = options.versions ?? createMemoryVersionStore();

  let keyDigests: Promise<Uint8Array[]> | undefined;
  const handlers = new Map<string, Handler[]>();
  const listeners: ((event: WebhookEvent, meta: DeliveryMeta) => void)[] = [];
  const inFlight = new Map<string, Promise<unknown>>();

  const report = (error: unknown) => {
    try {
      onError?.(error);
    } catch {
      // An onError that throws must not change the answer to Giacom.
    }
  };

  const add = <T>(list: T[], item: T) => {
    list.push(item);
    return () => {
      const index = list.indexOf(item);
      if (index !== -1) list.splice(index, 1);
    };
  };

  // SHA-256 makes both sides the same length, so the byte comparison below takes the same time
  // whatever the credential; it also runs over every key without stopping at a match.
  async function authorized(header: string | null): Promise<boolean> {
    if (keys.length === 0) return true;
    const credential = header === null ? undefined : /^basic +(.+)$/i.exec(header)?.[1];
    if (credential === undefined) return false;
    keyDigests ??= Promise.all((keys as string[]).map(sha256));
    const [given, expected] = await Promise.all([sha256(credential), keyDigests]);
    let match = 0;
    for (const digest of expected) {
      let difference = 0;
      for (let i = 0; i < digest.length; i++) difference |= (digest[i] ?? 0) ^ (given[i] ?? 0);
      match |= difference === 0 ? 1 : 0;
    }
    return match === 1;
  }

  // Runs every handler even when one fails, so that each failure reaches onError.
  async function run(list: readonly Handler[] | undefined, event: unknown, meta: DeliveryMeta): Promise<boolean> {
    let ok = true;
    for (const handler of [...(list ?? [])]) {
      try {
        await (handler as (event: unknown, meta: DeliveryMeta) => unknown)(event, meta);
      } catch (error) {
        ok = false;
        report(error);
      }
    }
    return ok;
  }

  async function receive(request: Request, receivedAt: Date): Promise<Response> {
    if (request.method !== "POST") return text(405, "Method not allowed", { allow: "POST" });
    if (!(await authorized(request.headers.get("authorization")))) return text(401, null, { "www-authenticate": "Basic" });
    if (!isJson(request.headers.get("content-type"))) return text(415, "Content-Type must be application/json");
    const declared = request.headers.get("content-length");
    const tooLarge = text(413, `Body larger than ${maxBodyBytes} bytes`);
    if (declared !== null && Number(declared) > maxBodyBytes) return tooLarge;
    const bytes = await readBody(request, maxBodyBytes);
    if (bytes === undefined) return tooLarge;

    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      return text(400, "Body is not valid UTF-8 JSON");
    }
    const delivery = parseDelivery(body);
    if (!delivery.ok) return text(400, delivery.reason);
    const { eventId } = delivery.event;

    // A second delivery of an event still being processed waits for the first, then sees it
    // as a duplicate if the first succeeded.
    for (let pending = inFlight.get(eventId); pending; pending = inFlight.get(eventId)) await pending;
    let release!: () => void;
    inFlight.set(eventId, new Promise<void>((resolve) => (release = resolve)));
    try {
      const duplicate = dedupe ? await dedupe.seen(eventId) : false;
      const previousVersion = delivery.known ? await versions.get(delivery.entityKey) : undefined;
      const version = delivery.known ? delivery.version : undefined;
      const meta: DeliveryMeta | UnknownDeliveryMeta = delivery.known
        ? { duplicate, outOfOrder: version !== undefined && previousVersion !== undefined && version < previousVersion, receivedAt }
        : { duplicate, outOfOrder: false, receivedAt, reason: delivery.field === undefined ? "undocumentedType" : "unexpectedShape" };
      if (previousVersion !== undefined) meta.previousVersion = previousVersion;
      if (!delivery.known && delivery.field !== undefined) (meta as UnknownDeliveryMeta).field = delivery.field;
      Object.freeze(meta);

      if (!duplicate) {
        const ok = delivery.known ? await run(handlers.get(delivery.event.eventType), delivery.event, meta) : await run(handlers.get(""), delivery.event, meta);
        if (!ok) return text(500, "Handler failed");
        if (delivery.known && version !== undefined && (previousVersion === undefined || version > previousVersion)) {
          await versions.set(delivery.entityKey, version);
        }
        if (dedupe) await dedupe.remember(eventId);
      }
      if (delivery.known) {
        for (const listener of [...listeners]) {
          try {
            listener(delivery.event, meta);
          } catch (error) {
            report(error);
          }
        }
      }
      return text(202, null);
    } finally {
      inFlight.delete(eventId);
      release();
    }
  }

  const receiver: WebhookReceiver & { [REPORT]: (error: unknown) => void } = {
    async handle(request) {
      try {
        return await receive(request, new Date());
      } catch (error) {
        report(error);
        return text(500, "Internal error");
      }
    },
    on(type, handler) {
      if (!isWebhookEventType(type)) throw new InvalidArgumentError("type", "must be a documented event type; use onUnknown for others");
      let list = handlers.get(type);
      if (!list) handlers.set(type, (list = []));
      return add<Handler>(list, handler as Handler);
    },
    onUnknown(handler) {
      let list = handlers.get("");
      if (!list) handlers.set("", (list = []));
      return add<Handler>(list, handler as Handler);
    },
    subscribe(listener) {
      return add(listeners, listener);
    },
    [REPORT]: report,
  };
  return receiver;
}
