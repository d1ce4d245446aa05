// The receiver engine: reads a delivery within limits, lets the API profile authenticate and
// parse it, detects duplicates and out-of-order updates, runs the handlers and acknowledges only
// when they all succeeded (anything else makes the sender retry). Web APIs only (Request,
// Response, crypto.subtle), so it runs on Node, Workers, Deno and Bun.
import { ConfigurationError, InvalidArgumentError, isSdkError } from "../errors.js";
import { duration } from "../options.js";
import type { ClaimStore, EntityVersionStore, EventBus, Stores } from "../stores/stores.js";
import { MemoryDedupeStore, claimsFromDedupe, createMemoryVersionStore, versionsFromStore } from "./stores.js";
import type { DedupeStore, VersionStore } from "./stores.js";

/**
 * Options every receiver takes, whatever its API.
 * @group Receiver
 * @example
 * ```ts
 * const options: ReceiverOptions = { maxBodyBytes: 256 * 1024, onError: (e) => log.error(e) };
 * ```
 */
export interface ReceiverOptions {
  /** The largest body accepted, in bytes; larger ones are answered 413. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /** Where processed delivery ids are remembered, or `false` to process every delivery. */
  dedupe?: DedupeStore | false | undefined;
  /** Where the last version of each entity is kept. Default: in memory, 10,000 entities. */
  versions?: VersionStore | undefined;
  /**
   * State shared by every replica (`createRedisStores` of `giacom-sdk/redis`): `claims` for
   * duplicates, `versions` for ordering, `events` to wake other replicas' handles. Each store
   * left out stays in this process's memory. Not with `dedupe` (a store) or `versions`.
   */
  stores?: Partial<Stores> | undefined;
  /**
   * How long a replica may handle one delivery before another may take it over, in
   * milliseconds: longer than your handlers take. Default 60,000.
   */
  leaseMs?: number | undefined;
  /** How long `stores` remember a handled id and an entity's version, in milliseconds. Default 24 hours. */
  retentionMs?: number | undefined;
  /** Called when a handler or a store fails; it never receives a credential or a request header. */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * What the receiver knows about a delivery besides the event.
 * @example
 * ```ts
 * receiver.subscribe((event, meta) => {
 *   if (meta.duplicate || meta.outOfOrder) return; // processed already, or older than what was
 *   audit.record(event, meta.receivedAt);
 * });
 * ```
 * @group Webhooks
 */
export interface DeliveryMeta {
  /** The event's id was already processed. Handlers registered with `on` never see duplicates. */
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
 *   if (meta.reason === "unexpectedShape") log.warn({ eventType: event.eventType, field: meta.field }, "unexpected payload");
 *   await inbox.store(event); // keep it: it was acknowledged and will not be delivered again
 * });
 * ```
 * @group Webhooks
 */
export interface UnknownDeliveryMeta extends DeliveryMeta {
  /**
   * `"undocumentedType"`: the event's type is not one the API documents.
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
 * What a profile's `parse` makes of a JSON body: a refusal (answered 400, `reason` names fields,
 * never a value), a typed event with the id it is deduplicated on and, when it carries one, the
 * entity and version it is ordered by, or an event acknowledged without a type.
 * @group Receiver
 * @example
 * ```ts
 * const parsed: ParsedDelivery<Job, unknown> = { ok: true, id: body.eventId, type: "JobDone", event: body, entity: `Job:${body.job.id}` };
 * ```
 */
export type ParsedDelivery<E, U> =
  | { ok: false; reason: string }
  | { ok: true; id: string; type: string; event: E; entity?: string | undefined; version?: number | undefined }
  | { ok: true; id: string; event: U; unknown: { reason: UnknownDeliveryMeta["reason"]; field?: string } };

/**
 * An answer the profile chooses: its status, an optional text body and headers.
 * @group Receiver
 * @example
 * ```ts
 * const accepted: Reply = { status: 202 };
 * ```
 */
export interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * What differs between APIs' receivers: who may deliver, what a delivery is, how it is acknowledged.
 * @group Receiver
 * @example
 * ```ts
 * const profile: ReceiverProfile<Job, unknown> = { authenticate: (h) => check(h.get("x-api-key") ?? ""), unauthorized: { status: 401 }, parse, isType: (t) => t === "JobDone", acknowledge: { status: 200 } };
 * ```
 */
export interface ReceiverProfile<E, U> {
  /**
   * Whether the delivery's credentials are good; called before the body is read. `url` is the
   * request's, for a profile whose credential travels in the path. A {@link Reply} refuses the
   * delivery with that answer instead of `unauthorized` (e.g. 404 for a path it does not serve).
   */
  authenticate(headers: Headers, url: URL): boolean | Reply | Promise<boolean | Reply>;
  /** The answer to a delivery `authenticate` refused. */
  unauthorized: Reply;
  /** The body text as JSON; default `JSON.parse`. A throw is answered 400. */
  decode?(text: string): unknown;
  /** Validates a JSON body as a delivery; `url` is the request's. */
  parse(body: unknown, url: URL): ParsedDelivery<E, U>;
  /**
   * Called for a new typed delivery once its handlers all succeeded, before it is remembered as
   * processed and acknowledged: a profile that keeps results stores them here. A throw is
   * answered 500 and reported to `onError`, so the sender retries.
   */
  processed?(event: E, meta: DeliveryMeta): void | Promise<void>;
  /**
   * The wake-up to publish on `stores.events` once a new typed delivery was handled, e.g.
   * `{ channel: "giacom:orders", message: { id } }`: the message is sent as JSON. Undefined
   * publishes nothing.
   */
  wakeUp?(event: E): { channel: string; message: unknown } | undefined;
  /** Whether `on(type)` may be called with this type. */
  isType(type: string): boolean;
  /** The answer to an accepted (or duplicate) delivery. */
  acknowledge: Reply;
}

/**
 * The receiver a profile gets: `Events` maps each documented type to its event, `U` is an
 * event acknowledged without a type.
 * @group Receiver
 * @example
 * ```ts
 * receiver.on("JobDone", async (event, meta) => { if (!meta.duplicate) await jobs.finish(event); });
 * ```
 */
export interface Receiver<Events, U> {
  handle(request: Request): Promise<Response>;
  on<T extends keyof Events & string>(type: T, handler: (event: Events[T], meta: DeliveryMeta) => void | Promise<void>): () => void;
  onUnknown(handler: (event: U, meta: UnknownDeliveryMeta) => void | Promise<void>): () => void;
  subscribe(listener: (event: Events[keyof Events], meta: DeliveryMeta) => void): () => void;
}

// Lets toNodeHandler report to the receiver's onError without widening the public interface.
/** @internal */
export const REPORT: unique symbol = Symbol("receiver.report");

type Handler = (event: never, meta: never) => void | Promise<void>;

/** @internal */
export const encoder = new TextEncoder();

function text(status: number, body: string | null | undefined, headers: Record<string, string> = {}): Response {
  return new Response(body ?? null, { status, headers: body == null ? headers : { "content-type": "text/plain; charset=utf-8", ...headers } });
}

const reply = ({ status, body, headers }: Reply) => text(status, body, headers);

// Answers that make the sender come back: soon when another replica is handling the delivery,
// a little later when the shared store cannot answer.
const retryLater = (seconds: number, why: string) => () => text(503, `${why}; retry later`, { "retry-after": String(seconds) });
const busy = retryLater(2, "Being handled elsewhere");
const unavailable = retryLater(5, "Store unavailable");

// A StoreUnavailableError, by its code, so that one from another installed copy of the package
// counts too (and the receiver's bundle does not carry the class).
const storeDown = (error: unknown): boolean => isSdkError(error) && error.code === "STORE_UNAVAILABLE";

// The stores the receiver works on: the shared ones given, else the old options adapted, else memory.
function storesOf(options: ReceiverOptions): { claims: ClaimStore | undefined; versions: EntityVersionStore; events: EventBus | undefined } {
  const stores: Partial<Stores> = options.stores ?? {};
  if (typeof stores !== "object" || stores === null) throw new ConfigurationError("stores", "must be an object of stores, e.g. createRedisStores(...)");
  for (const [name, methods] of [
    ["claims", "claim complete release"],
    ["versions", "advance get"],
    ["events", "publish subscribe"],
  ] as const) {
    const store = stores[name] as unknown as Record<string, unknown> | undefined;
    if (store !== undefined && !methods.split(" ").every((method) => typeof store?.[method] === "function")) {
      throw new ConfigurationError(`stores.${name}`, `must have the methods ${methods}`);
    }
  }
  const both = (option: string) => new ConfigurationError(option, `cannot be given with stores.${option === "dedupe" ? "claims" : option}`);
  if (stores.claims && options.dedupe) throw both("dedupe");
  if (stores.versions && options.versions) throw both("versions");
  const claims = options.dedupe === false ? undefined : (stores.claims ?? claimsFromDedupe(options.dedupe ?? new MemoryDedupeStore()));
  const versions = stores.versions ?? versionsFromStore(options.versions ?? createMemoryVersionStore());
  return { claims, versions, events: stores.events };
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

const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));

/**
 * A check of a credential against shared secrets that takes the same time whatever the
 * credential: SHA-256 makes both sides the same length, and the comparison runs over every
 * secret without stopping at a match.
 * @group Receiver
 * @example
 * ```ts
 * const check = createSecretCheck([process.env.CALLBACK_KEY!]); if (!(await check(given))) return 401;
 * ```
 */
export function createSecretCheck(secrets: readonly string[]): (given: string) => Promise<boolean> {
  let digests: Promise<Uint8Array[]> | undefined;
  return async (credential) => {
    digests ??= Promise.all(secrets.map(sha256));
    const [given, expected] = await Promise.all([sha256(credential), digests]);
    let match = 0;
    for (const digest of expected) {
      let difference = 0;
      for (let i = 0; i < digest.length; i++) difference |= (digest[i] ?? 0) ^ (given[i] ?? 0);
      match |= difference === 0 ? 1 : 0;
    }
    return match === 1;
  };
}

/**
 * Creates a receiver for the deliveries `profile` describes. It authenticates before reading the
 * body, reads at most `maxBodyBytes` of JSON, answers duplicates (same id) without running the
 * handlers, flags out-of-order entity versions, and acknowledges only once every handler
 * succeeded, so that the sender retries a delivery whose handler failed.
 *
 * Across replicas (`stores`): each delivery is claimed before its handlers run; one another
 * replica is handling is answered 503 with `Retry-After`, as is every delivery while a store
 * cannot answer (fail closed: nothing is handled without a claim). A failed delivery's claim is
 * released at once; a handled one is marked done for `retentionMs`, then the profile's wake-up
 * is published on `stores.events` (fail open: a failed publication is only reported).
 * @group Receiver
 * @example
 * ```ts
 * const receiver = createReceiver<{ JobDone: Job }, unknown>(profile, { maxBodyBytes: 65_536 });
 * ```
 */
export function createReceiver<Events, U>(profile: ReceiverProfile<unknown, U>, options: ReceiverOptions): Receiver<Events, U> {
  const { maxBodyBytes = 1_048_576, onError } = options;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) throw new ConfigurationError("maxBodyBytes", "must be a positive integer");
  const leaseMs = duration("leaseMs", options.leaseMs, 1, 60_000);
  const retentionMs = duration("retentionMs", options.retentionMs, 1, 86_400_000);
  const { claims, versions, events } = storesOf(options);

  const handlers = new Map<string, Handler[]>();
  const unknownHandlers: Handler[] = [];
  const listeners: ((event: never, meta: DeliveryMeta) => void)[] = [];
  const inFlight = new Map<string, Promise<unknown>>();

  const report = (error: unknown) => {
    try {
      onError?.(error);
    } catch {
      // An onError that throws must not change the answer to the sender.
    }
  };

  const add = <T>(list: T[], item: T) => {
    list.push(item);
    return () => {
      const index = list.indexOf(item);
      if (index !== -1) list.splice(index, 1);
    };
  };

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

  // Marks a handled delivery done. A store that cannot answer is tried again while the lease
  // keeps other replicas off (up to half of it, 10 s at most): if it is never marked, a copy
  // coming after the lease would be handled again.
  async function complete(claims: ClaimStore, id: string, token: string): Promise<void> {
    const until = Date.now() + Math.min(leaseMs / 2, 10_000);
    for (let delay = 100; ; delay *= 2) {
      try {
        if (!(await claims.complete(id, token, { retentionMs }))) {
          report(new Error(`Delivery ${id} outlived its claim (leaseMs): another replica may handle it again`));
        }
        return;
      } catch (error) {
        if (!(storeDown(error) && (error as { retryable?: boolean }).retryable) || Date.now() + delay > until) return report(error);
      }
      await new Promise((wake) => setTimeout(wake, delay));
    }
  }

  async function receive(request: Request, receivedAt: Date): Promise<Response> {
    if (request.method !== "POST") return text(405, "Method not allowed", { allow: "POST" });
    const url = new URL(request.url);
    const authenticated = await profile.authenticate(request.headers, url);
    if (authenticated !== true) return reply(authenticated === false ? profile.unauthorized : authenticated);
    if (!isJson(request.headers.get("content-type"))) return text(415, "Content-Type must be application/json");
    const declared = request.headers.get("content-length");
    const tooLarge = text(413, `Body larger than ${maxBodyBytes} bytes`);
    if (declared !== null && Number(declared) > maxBodyBytes) return tooLarge;
    const bytes = await readBody(request, maxBodyBytes);
    if (bytes === undefined) return tooLarge;

    let body: unknown;
    try {
      const decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      body = profile.decode ? profile.decode(decoded) : JSON.parse(decoded);
    } catch {
      return text(400, "Body is not valid UTF-8 JSON");
    }
    const delivery = profile.parse(body, url);
    if (!delivery.ok) return text(400, delivery.reason);
    const { id } = delivery;
    const untyped = "unknown" in delivery ? delivery.unknown : undefined;
    const known = "unknown" in delivery ? undefined : delivery;

    // A second delivery of an event still being processed here waits for the first, then sees
    // it as a duplicate if the first succeeded; one being processed by another replica is "busy".
    for (let pending = inFlight.get(id); pending; pending = inFlight.get(id)) await pending;
    let done!: () => void;
    inFlight.set(id, new Promise<void>((resolve) => (done = resolve)));
    try {
      // Nothing is handled without a claim: a store that cannot answer throws, and the sender retries.
      const claim = claims ? await claims.claim(id, { leaseMs }) : undefined;
      if (claim?.status === "busy") return busy();
      const duplicate = claim?.status === "done";
      const token = claim?.status === "claimed" ? claim.token : undefined;
      // A failed delivery is let go at once, so that the sender's retry (here or on another replica) handles it.
      const letGo = async () => {
        if (claims && token !== undefined) await claims.release(id, token).catch(report);
      };

      const entity = known?.entity;
      const version = known?.version;
      let meta: DeliveryMeta | UnknownDeliveryMeta;
      try {
        const previousVersion = entity === undefined ? undefined : await versions.get(entity);
        meta = untyped
          ? { duplicate, outOfOrder: false, receivedAt, reason: untyped.reason }
          : { duplicate, outOfOrder: version !== undefined && previousVersion !== undefined && version < previousVersion, receivedAt };
        if (previousVersion !== undefined) meta.previousVersion = previousVersion;
        if (untyped?.field !== undefined) (meta as UnknownDeliveryMeta).field = untyped.field;
        Object.freeze(meta);

        if (!duplicate) {
          if (!(await run(known ? handlers.get(known.type) : unknownHandlers, delivery.event, meta))) {
            await letGo();
            return text(500, "Handler failed");
          }
          if (known && profile.processed) await profile.processed(known.event, meta);
        }
      } catch (error) {
        await letGo();
        throw error;
      }

      if (!duplicate) {
        // The handlers' effects happened: from here a store failure is reported, never answered
        // with a retry that would handle the delivery again.
        const previousVersion = meta.previousVersion;
        if (entity !== undefined && version !== undefined && (previousVersion === undefined || version > previousVersion)) {
          await versions.advance(entity, version, { retentionMs }).catch(report);
        }
        if (claims && token !== undefined) await complete(claims, id, token);
        // Fail open: a lost wake-up only delays a handle until its next poll.
        const wakeUp = known && events ? profile.wakeUp?.(known.event) : undefined;
        if (wakeUp && events) await events.publish(wakeUp.channel, JSON.stringify(wakeUp.message)).catch(report);
      }
      if (known) {
        for (const listener of [...listeners]) {
          try {
            listener(known.event as never, meta);
          } catch (error) {
            report(error);
          }
        }
      }
      return reply(profile.acknowledge);
    } finally {
      inFlight.delete(id);
      done();
    }
  }

  const receiver: Receiver<Events, U> & { [REPORT]: (error: unknown) => void } = {
    async handle(request) {
      try {
        return await receive(request, new Date());
      } catch (error) {
        report(error);
        // Fail closed: the sender retries once the store answers again.
        return storeDown(error) ? unavailable() : text(500, "Internal error");
      }
    },
    on(type, handler) {
      if (!profile.isType(type)) throw new InvalidArgumentError("type", "must be a documented event type; use onUnknown for others");
      let list = handlers.get(type);
      if (!list) handlers.set(type, (list = []));
      return add<Handler>(list, handler as Handler);
    },
    onUnknown(handler) {
      return add<Handler>(unknownHandlers, handler as Handler);
    },
    subscribe(listener) {
      return add(listeners, listener as (event: never, meta: DeliveryMeta) => void);
    },
    [REPORT]: report,
  };
  return receiver;
}
