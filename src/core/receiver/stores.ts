// What the receiver remembers between deliveries: the eventIds it processed (duplicates) and
// the last version of each entity (out-of-order updates). Both are pluggable so that several
// instances of a listener can share them (Redis, a database).
import { ConfigurationError } from "../errors.js";
import type { ClaimStore, EntityVersionStore } from "../stores/stores.js";

/**
 * Remembers which eventIds were processed, to detect duplicate deliveries. The receiver asks
 * `seen` for every delivery and calls `remember` once the handlers of an event all succeeded.
 * Implement it over Redis or a database to share it between instances.
 * @example
 * ```ts
 * const redisDedupe: DedupeStore = {
 *   seen: async (eventId) => (await redis.exists(`webhook:event:${eventId}`)) === 1,
 *   remember: async (eventId) => void (await redis.set(`webhook:event:${eventId}`, "1", { EX: 86_400 })),
 * };
 * ```
 * @group Webhooks
 */
export interface DedupeStore {
  /** Whether `eventId` was remembered (and has not expired). */
  seen(eventId: string): boolean | Promise<boolean>;
  /** Records that the event was processed. */
  remember(eventId: string): void | Promise<void>;
}

/**
 * Options of {@link MemoryDedupeStore}.
 * @example
 * ```ts
 * const options: MemoryDedupeStoreOptions = { ttlMs: 60 * 60 * 1000, maxEntries: 1_000 };
 * ```
 * @group Webhooks
 */
export interface MemoryDedupeStoreOptions {
  /** How long an eventId is remembered, in milliseconds. Default 24 hours. */
  ttlMs?: number | undefined;
  /** How many eventIds are kept at most; the oldest are forgotten first. Default 10,000. */
  maxEntries?: number | undefined;
}

/**
 * A {@link DedupeStore} in this process's memory, with a time to live and a maximum size. The
 * receiver's default. It is not shared between instances or kept across restarts.
 * @example
 * ```ts
 * const receiver = createWebhookReceiver({ apiKey, dedupe: new MemoryDedupeStore({ ttlMs: 60 * 60 * 1000 }) });
 * ```
 * @group Webhooks
 */
export class MemoryDedupeStore implements DedupeStore {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  // eventId -> expiry. Insertion order is expiry order, so the oldest entries come first.
  readonly #expiries = new Map<string, number>();

  constructor(options: MemoryDedupeStoreOptions = {}) {
    const { ttlMs = 86_400_000, maxEntries = 10_000 } = options;
    if (!(ttlMs > 0)) throw new ConfigurationError("ttlMs", "must be a positive number of milliseconds");
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new ConfigurationError("maxEntries", "must be a positive integer");
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  seen(eventId: string): boolean {
    const expiry = this.#expiries.get(eventId);
    if (expiry === undefined) return false;
    if (expiry > Date.now()) return true;
    this.#expiries.delete(eventId);
    return false;
  }

  remember(eventId: string): void {
    const now = Date.now();
    this.#expiries.delete(eventId);
    this.#expiries.set(eventId, now + this.#ttlMs);
    for (const [id, expiry] of this.#expiries) {
      if (this.#expiries.size <= this.#maxEntries && expiry > now) break;
      this.#expiries.delete(id);
    }
  }
}

/**
 * Remembers the highest `version` processed for each entity, to flag out-of-order deliveries.
 * Keys name the entity, its kind and id as the API profile builds them, e.g. `ServiceOrder:c9d8c1f1-…`.
 * @example
 * ```ts
 * const versions: VersionStore = {
 *   get: async (key) => { const v = await redis.get(`webhook:version:${key}`); return v === null ? undefined : Number(v); },
 *   set: async (key, version) => void (await redis.set(`webhook:version:${key}`, String(version))),
 * };
 * ```
 * @group Webhooks
 */
export interface VersionStore {
  /** The version stored for `key`, if any. */
  get(key: string): number | undefined | Promise<number | undefined>;
  /** Stores `version` for `key`; the receiver only ever raises it. */
  set(key: string, version: number): void | Promise<void>;
}

// The default VersionStore: the most recently updated entities, in memory.
export function createMemoryVersionStore(maxEntries = 10_000): VersionStore {
  const versions = new Map<string, number>();
  return {
    get: (key) => versions.get(key),
    set(key, version) {
      versions.delete(key);
      versions.set(key, version);
      for (const oldest of versions.keys()) {
        if (versions.size <= maxEntries) break;
        versions.delete(oldest);
      }
    },
  };
}

/**
 * @internal A {@link ClaimStore} over a {@link DedupeStore}, for one process: `seen` answers
 * "done", a lease held here answers "busy", and `complete` calls `remember`. The DedupeStore
 * keeps its own time to live, so `retentionMs` is not used.
 */
export function claimsFromDedupe(dedupe: DedupeStore): ClaimStore {
  const leases = new Map<string, { token: string; expiresAt: number }>();
  const holds = (id: string, token: string) => leases.get(id)?.token === token;
  return {
    async claim(id, { leaseMs }) {
      if (await dedupe.seen(id)) return { status: "done" };
      const held = leases.get(id);
      if (held !== undefined && held.expiresAt > Date.now()) return { status: "busy" };
      const token = crypto.randomUUID();
      leases.set(id, { token, expiresAt: Date.now() + leaseMs });
      return { status: "claimed", token };
    },
    async complete(id, token) {
      if (!holds(id, token)) return false;
      leases.delete(id);
      await dedupe.remember(id);
      return true;
    },
    async release(id, token) {
      if (!holds(id, token)) return false;
      leases.delete(id);
      return true;
    },
  };
}

/**
 * @internal An {@link EntityVersionStore} over a {@link VersionStore}: compare then set, which is
 * atomic only as far as the VersionStore is (one process, or the user's own store). Its entries
 * keep the VersionStore's own lifetime, so `retentionMs` is not used.
 */
export function versionsFromStore(store: VersionStore): EntityVersionStore {
  return {
    async advance(key, version) {
      const previous = await store.get(key);
      if (previous !== undefined && previous >= version) return { advanced: false, previous };
      await store.set(key, version);
      return previous === undefined ? { advanced: true } : { advanced: true, previous };
    },
    get: async (key) => await store.get(key),
  };
}
