// Where the receiver keeps each workflow's first callback, so that an operation handle resumed
// after a restart (or created after the callback came) still learns its outcome. Pluggable, so
// that several instances can share one (Redis, a database).
import { ConfigurationError } from "../../core/errors.js";
import type { ResultStore } from "../../core/stores/stores.js";
import type { CallbackDelivery } from "./types.js";

/**
 * Keeps the first callback received for each workflow id for a while: what
 * `receiver.received(workflowId)` answers. The receiver calls `set` for every callback it
 * processed, before answering 200. Implement it over a shared store so that every instance of
 * your service sees the callbacks any of them received.
 * @example
 * ```ts
 * const results: CallbackResultStore = {
 *   async get(workflowId) {
 *     const kept = await redis.get(`masstack:callback:${workflowId}`);
 *     if (kept === null) return undefined;
 *     const delivery = JSON.parse(kept);
 *     return { ...delivery, receivedAt: new Date(delivery.receivedAt) };
 *   },
 *   async set(workflowId, delivery, ttlMs) {
 *     // NX: the first callback of a workflow wins
 *     await redis.set(`masstack:callback:${workflowId}`, JSON.stringify(delivery), { NX: true, PX: ttlMs });
 *   },
 * };
 * ```
 * @group Callbacks
 */
export interface CallbackResultStore {
  /** The callback kept for `workflowId`, unless none was or it expired. */
  get(workflowId: string): CallbackDelivery | undefined | Promise<CallbackDelivery | undefined>;
  /** Keeps `delivery` for `ttlMs` milliseconds, unless a callback is already kept for `workflowId` (the first one wins). */
  set(workflowId: string, delivery: CallbackDelivery, ttlMs: number): void | Promise<void>;
}

/**
 * Options of {@link MemoryCallbackResultStore}.
 * @example
 * ```ts
 * const options: MemoryCallbackResultStoreOptions = { maxEntries: 1_000 };
 * ```
 * @group Callbacks
 */
export interface MemoryCallbackResultStoreOptions {
  /** How many workflows' callbacks are kept at most; the oldest are forgotten first. Default 10,000. */
  maxEntries?: number | undefined;
}

/**
 * A {@link CallbackResultStore} in this process's memory, bounded in size; each entry expires
 * after the time the receiver gives (`retentionMs`). The receiver's default. It is not shared
 * between instances or kept across restarts.
 * @example
 * ```ts
 * const receiver = createCallbackReceiver({ secret, url, results: new MemoryCallbackResultStore({ maxEntries: 50_000 }) });
 * ```
 * @group Callbacks
 */
export class MemoryCallbackResultStore implements CallbackResultStore {
  readonly #maxEntries: number;
  // workflowId -> callback and expiry, in the order they were kept (oldest first).
  readonly #entries = new Map<string, { delivery: CallbackDelivery; expires: number }>();

  constructor(options: MemoryCallbackResultStoreOptions = {}) {
    const { maxEntries = 10_000 } = options;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new ConfigurationError("maxEntries", "must be a positive integer");
    this.#maxEntries = maxEntries;
  }

  get(workflowId: string): CallbackDelivery | undefined {
    const entry = this.#entries.get(workflowId);
    if (entry === undefined) return undefined;
    if (entry.expires > Date.now()) return entry.delivery;
    this.#entries.delete(workflowId);
    return undefined;
  }

  set(workflowId: string, delivery: CallbackDelivery, ttlMs: number): void {
    if (this.get(workflowId) !== undefined) return;
    const now = Date.now();
    this.#entries.set(workflowId, { delivery, expires: now + ttlMs });
    // Expired entries go first, then the oldest beyond the bound. With one TTL for all
    // entries insertion order is expiry order, so the scan stops at the first live one.
    for (const [id, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && entry.expires > now) break;
      this.#entries.delete(id);
    }
  }
}

/**
 * @internal The callbacks kept in a shared {@link ResultStore}, as JSON under
 * `masstack:callback:<workflowId>`, so that `received` on any replica finds the callback another
 * replica received. What is kept is the first delivery, so `duplicate` is false.
 */
export function callbackResultsIn(store: ResultStore): CallbackResultStore {
  const key = (workflowId: string) => `masstack:callback:${workflowId}`;
  return {
    async get(workflowId) {
      const kept = await store.get(key(workflowId));
      if (kept === undefined) return undefined;
      try {
        const { outcome, body, receivedAt } = JSON.parse(kept) as { outcome: unknown; body: unknown; receivedAt: unknown };
        if ((outcome !== "success" && outcome !== "error") || typeof body !== "object" || body === null || typeof receivedAt !== "string") return undefined;
        return Object.freeze({ workflowId, outcome, body: body as Record<string, unknown>, receivedAt: new Date(receivedAt), duplicate: false });
      } catch {
        return undefined; // not ours, or from another format: as if none was kept
      }
    },
    async set(workflowId, delivery, ttlMs) {
      const { outcome, body, receivedAt } = delivery;
      await store.putIfAbsent(key(workflowId), JSON.stringify({ outcome, body, receivedAt: receivedAt.toISOString() }), { retentionMs: ttlMs });
    },
  };
}
