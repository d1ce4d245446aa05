// What the SDK needs from shared state when several replicas of one backend run behind a load
// balancer. Each interface says what is needed, not how: the in-memory implementations
// (memory.ts) serve one process, giacom-sdk/redis serves many. Every method returns a promise so
// that a networked store fits; each one rejects with a StoreUnavailableError when its store
// cannot answer, and with nothing else.

/**
 * What a store reads the time from, in epoch milliseconds. Inject one to drive leases and
 * retentions in tests; the default is `Date.now`.
 * @example
 * ```ts
 * let t = 0;
 * const clock: StoreClock = { now: () => t };
 * const claims = new MemoryClaimStore({ clock });
 * t += 60_000; // a minute passes for the store
 * ```
 * @group Stores
 */
export interface StoreClock {
  now(): number;
}

/**
 * The answer to {@link ClaimStore.claim}: `claimed` with the token that fences what follows,
 * `done` when the id was handled (within its retention), `busy` when another holder's lease is live.
 * @example
 * ```ts
 * const result: ClaimResult = await claims.claim(eventId, { leaseMs: 30_000 });
 * if (result.status === "done") return ok(); // a duplicate: acknowledge, do nothing
 * ```
 * @group Stores
 */
export type ClaimResult = { readonly status: "claimed"; readonly token: string } | { readonly status: "done" } | { readonly status: "busy" };

/**
 * Claims of ids (event ids, callback ids) with a lease, for at-least-once handling with an
 * exactly-once effect across replicas. A replica claims an id before handling it; while its lease
 * is live no one else may claim it (`busy`). When the handling succeeded the holder calls
 * `complete`: the id is `done` for its retention, so a duplicate delivery is recognised. When the
 * handling failed the holder calls `release`: the id may be claimed again at once (the sender's
 * retry is handled). A holder that dies simply lets its lease run out.
 *
 * Fencing: `complete` and `release` take the token `claim` gave and do nothing unless that token
 * still holds a live claim, so a holder whose lease ran out (and whose id someone else claimed)
 * cannot mark the other's work done or undo it.
 * @example
 * ```ts
 * const claim = await claims.claim(event.eventId, { leaseMs: 30_000 });
 * if (claim.status !== "claimed") return claim.status === "done" ? ok() : retryLater();
 * try {
 *   await handle(event);
 *   await claims.complete(event.eventId, claim.token, { retentionMs: 86_400_000 });
 * } catch (e) {
 *   await claims.release(event.eventId, claim.token);
 *   throw e;
 * }
 * ```
 * @group Stores
 */
export interface ClaimStore {
  /** Claims `id` for `leaseMs` unless it is done or someone else's lease on it is live. */
  claim(id: string, options: { leaseMs: number }): Promise<ClaimResult>;
  /**
   * Marks `id` done for `retentionMs`, then forgets it. Resolves `true` when `token` held a live
   * claim on `id`, `false` (and changes nothing) otherwise.
   */
  complete(id: string, token: string, options: { retentionMs: number }): Promise<boolean>;
  /**
   * Drops the claim so that `id` may be claimed again at once. Resolves `true` when `token` held
   * a live claim on `id`, `false` (and changes nothing) otherwise.
   */
  release(id: string, token: string): Promise<boolean>;
}

/**
 * The answer to {@link EntityVersionStore.advance}: whether the stored version was raised, and
 * the version stored before (absent when there was none).
 * @example
 * ```ts
 * const { advanced, previous } = await versions.advance("ServiceOrder:42", 7, { retentionMs: 86_400_000 });
 * if (!advanced) log.info(`version 7 is not newer than ${previous}`);
 * ```
 * @group Stores
 */
export interface AdvanceResult {
  readonly advanced: boolean;
  readonly previous?: number | undefined;
}

/**
 * The last version seen of each entity, raised only by compare-and-set, so that replicas seeing
 * the same entity's updates out of order agree on which one is newest.
 * @example
 * ```ts
 * const { advanced } = await versions.advance(`ServiceOrder:${order.id}`, event.version, { retentionMs: 86_400_000 });
 * if (!advanced) return; // an older update than one already handled
 * ```
 * @group Stores
 */
export interface EntityVersionStore {
  /**
   * Atomically stores `version` for `key` if it is greater than the stored one (or none is
   * stored), keeping it for `retentionMs` from then.
   */
  advance(key: string, version: number, options: { retentionMs: number }): Promise<AdvanceResult>;
  /** The version stored for `key`, if any. */
  get(key: string): Promise<number | undefined>;
}

/**
 * Receives the messages of a channel.
 * @example
 * ```ts
 * const listener: ChannelListener = (message) => wake(JSON.parse(message));
 * ```
 * @group Stores
 */
export type ChannelListener = (message: string) => void;

/**
 * Publish/subscribe between replicas: an order handle waiting on one replica is woken by an
 * event delivered to another. Delivery is at most once and only to subscribers present when the
 * message is published: a message is a wake-up, and who waits still polls.
 * @example
 * ```ts
 * const unsubscribe = await bus.subscribe("order:42", (message) => console.log("order 42 changed", message));
 * await bus.publish("order:42", JSON.stringify({ state: "completed" }));
 * await unsubscribe();
 * ```
 * @group Stores
 */
export interface EventBus {
  /** Sends `message` to every current subscriber of `channel`, on every replica. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `listener` with each message published on `channel` from now on. Resolves, once the
   * subscription is in place, to the function that ends it. A listener that throws is not retried.
   */
  subscribe(channel: string, listener: ChannelListener): Promise<() => Promise<void>>;
}

/**
 * A held lock: `token` fences `release` and `extend`, which do nothing once the lease has run
 * out (someone else may hold the lock then).
 * @example
 * ```ts
 * const lock = await locks.acquire(`submit:${key}`, { leaseMs: 10_000, waitMs: 5_000 });
 * if (lock) try { await submit(); } finally { await lock.release(); }
 * ```
 * @group Stores
 */
export interface Lock {
  readonly key: string;
  readonly token: string;
  /** Frees the lock. Resolves `false` when the lease had already run out. */
  release(): Promise<boolean>;
  /** Makes the lease end `leaseMs` from now. Resolves `false` when the lease had already run out. */
  extend(leaseMs: number): Promise<boolean>;
}

/**
 * A lock per key with a lease, e.g. around the look-up and the send of one submission key, so
 * that two replicas submitting the same key at once send one order.
 * @example
 * ```ts
 * const lock = await locks.acquire(`submit:${idempotencyKey}`, { leaseMs: 30_000, waitMs: 10_000 });
 * if (!lock) throw new Error("another replica is submitting this key");
 * try { return (await findByKey(idempotencyKey)) ?? (await send(order)); } finally { await lock.release(); }
 * ```
 * @group Stores
 */
export interface LockStore {
  /**
   * Takes the lock of `key` for `leaseMs`, waiting up to `waitMs` (default 0: one try) for its
   * holder to release it or for its lease to run out. Resolves `undefined` when not acquired in time.
   */
  acquire(key: string, options: { leaseMs: number; waitMs?: number | undefined }): Promise<Lock | undefined>;
}

/**
 * A bearer token and when it expires (epoch milliseconds). The token is a secret: stores never
 * log it or put it in an error.
 * @example
 * ```ts
 * const cached: CachedToken = { token: accessToken, expiresAt: Date.now() + 3_600_000 };
 * ```
 * @group Stores
 */
export interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * Access tokens shared between replicas, so that they do not each fetch their own. An entry is
 * forgotten when it expires.
 * @example
 * ```ts
 * const hit = await tokens.get(`giacom:${clientId}`);
 * if (hit && hit.expiresAt > Date.now() + 30_000) return hit.token;
 * ```
 * @group Stores
 */
export interface TokenCache {
  /** The token stored for `key`, unless it expired. */
  get(key: string): Promise<CachedToken | undefined>;
  /** Stores `value` for `key` until `value.expiresAt`. A value already expired is not stored. */
  set(key: string, value: CachedToken): Promise<void>;
  /** Forgets the token of `key` (one the API refused, say). */
  delete(key: string): Promise<void>;
}

/**
 * Small results kept for a while and shared between replicas, the first write winning: e.g. the
 * callback a MasStack workflow received on one replica, read by the handle waiting on another.
 * Values are text (JSON, say); the store does not look inside.
 * @example
 * ```ts
 * await results.putIfAbsent(`masstack:callback:${workflowId}`, JSON.stringify(callback), { retentionMs: 86_400_000 });
 * const kept = await results.get(`masstack:callback:${workflowId}`);
 * ```
 * @group Stores
 */
export interface ResultStore {
  /**
   * Keeps `value` for `key` for `retentionMs`, unless a value is already kept for it (the first
   * one wins and keeps its own expiry). Resolves `true` when this value was kept.
   */
  putIfAbsent(key: string, value: string, options: { retentionMs: number }): Promise<boolean>;
  /** The value kept for `key`, unless none was or it expired. */
  get(key: string): Promise<string | undefined>;
}

/**
 * One set of stores, as the SDK's receivers, order handles and submit take them: memory by
 * default ({@link createMemoryStores}), or one shared by every replica (`createRedisStores` of
 * `giacom-sdk/redis`).
 * @example
 * ```ts
 * const stores: Stores = createMemoryStores();
 * const claim = await stores.claims.claim("evt-1", { leaseMs: 30_000 });
 * ```
 * @group Stores
 */
export interface Stores {
  readonly claims: ClaimStore;
  readonly versions: EntityVersionStore;
  readonly events: EventBus;
  readonly locks: LockStore;
  readonly tokens: TokenCache;
  /** Results shared between replicas (the MasStack callbacks' `received`). Optional, for sets of stores written before it. */
  readonly results?: ResultStore | undefined;
}
