// The stores of one process: the default, needing nothing new. Every map is bounded and every
// entry expires, so a long-running process does not grow. A method's work happens before its
// first await, so each one is atomic with respect to the others, as a Redis command is.
import { ConfigurationError, InvalidArgumentError } from "../errors.js";
import { checkCachedToken, checkKey, checkMs, checkVersion, checkWaitMs, newToken } from "./checks.js";
import type {
  AdvanceResult,
  CachedToken,
  ChannelListener,
  ClaimResult,
  ClaimStore,
  EntityVersionStore,
  EventBus,
  Lock,
  LockStore,
  ResultStore,
  StoreClock,
  Stores,
  TokenCache,
} from "./stores.js";

/**
 * Options of the in-memory stores.
 * @example
 * ```ts
 * const options: MemoryStoreOptions = { maxEntries: 50_000, clock: { now: () => Date.now() } };
 * ```
 * @group Stores
 */
export interface MemoryStoreOptions {
  /** How many entries a store keeps at most; past it the oldest are forgotten first. Default 10,000. */
  maxEntries?: number | undefined;
  /** Where leases and retentions read the time. Default `Date.now`. */
  clock?: StoreClock | undefined;
}

const systemClock: StoreClock = { now: () => Date.now() };

// A map whose entries expire, and which forgets its oldest entries past `max`. Insertion order
// is write order (a write re-inserts), so the head is the least recently written entry.
class ExpiringMap<V extends { expiresAt: number }> {
  readonly #entries = new Map<string, V>();
  constructor(
    readonly max: number,
    readonly clock: StoreClock,
  ) {}

  /** The live entry of `key`; an expired one is dropped. */
  get(key: string, now = this.clock.now()): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.expiresAt > now) return entry;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, now = this.clock.now()): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.max && entry.expiresAt > now) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

function resolve(options: MemoryStoreOptions): { max: number; clock: StoreClock } {
  const { maxEntries = 10_000, clock = systemClock } = options;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new ConfigurationError("maxEntries", "must be a positive integer");
  if (typeof clock?.now !== "function") throw new ConfigurationError("clock", "must have a now() method returning epoch milliseconds");
  return { max: maxEntries, clock };
}

/**
 * A {@link ClaimStore} in this process's memory: the default when one process handles every
 * delivery. Not shared between replicas.
 * @example
 * ```ts
 * const claims = new MemoryClaimStore({ maxEntries: 100_000 });
 * const claim = await claims.claim("evt-1", { leaseMs: 30_000 });
 * ```
 * @group Stores
 */
export class MemoryClaimStore implements ClaimStore {
  // A claim holds its holder's token; a done id holds none.
  readonly #ids: ExpiringMap<{ token: string | undefined; expiresAt: number }>;

  constructor(options: MemoryStoreOptions = {}) {
    const { max, clock } = resolve(options);
    this.#ids = new ExpiringMap(max, clock);
  }

  async claim(id: string, options: { leaseMs: number }): Promise<ClaimResult> {
    checkKey("id", id);
    const leaseMs = checkMs("leaseMs", options?.leaseMs);
    const now = this.#ids.clock.now();
    const entry = this.#ids.get(id, now);
    if (entry) return entry.token === undefined ? { status: "done" } : { status: "busy" };
    const token = newToken();
    this.#ids.set(id, { token, expiresAt: now + leaseMs }, now);
    return { status: "claimed", token };
  }

  async complete(id: string, token: string, options: { retentionMs: number }): Promise<boolean> {
    checkKey("id", id);
    checkKey("token", token);
    const retentionMs = checkMs("retentionMs", options?.retentionMs);
    const now = this.#ids.clock.now();
    if (this.#ids.get(id, now)?.token !== token) return false;
    this.#ids.set(id, { token: undefined, expiresAt: now + retentionMs }, now);
    return true;
  }

  async release(id: string, token: string): Promise<boolean> {
    checkKey("id", id);
    checkKey("token", token);
    if (this.#ids.get(id)?.token !== token) return false;
    this.#ids.delete(id);
    return true;
  }
}

/**
 * An {@link EntityVersionStore} in this process's memory.
 * @example
 * ```ts
 * const versions = new MemoryEntityVersionStore();
 * await versions.advance("ServiceOrder:42", 3, { retentionMs: 86_400_000 }); // { advanced: true }
 * ```
 * @group Stores
 */
export class MemoryEntityVersionStore implements EntityVersionStore {
  readonly #versions: ExpiringMap<{ version: number; expiresAt: number }>;

  constructor(options: MemoryStoreOptions = {}) {
    const { max, clock } = resolve(options);
    this.#versions = new ExpiringMap(max, clock);
  }

  async advance(key: string, version: number, options: { retentionMs: number }): Promise<AdvanceResult> {
    checkKey("key", key);
    checkVersion("version", version);
    const retentionMs = checkMs("retentionMs", options?.retentionMs);
    const now = this.#versions.clock.now();
    const previous = this.#versions.get(key, now)?.version;
    if (previous !== undefined && previous >= version) return { advanced: false, previous };
    this.#versions.set(key, { version, expiresAt: now + retentionMs }, now);
    return previous === undefined ? { advanced: true } : { advanced: true, previous };
  }

  async get(key: string): Promise<number | undefined> {
    checkKey("key", key);
    return this.#versions.get(key)?.version;
  }
}

/**
 * Options of {@link MemoryEventBus}.
 * @example
 * ```ts
 * const bus = new MemoryEventBus({ onListenerError: (e) => log.warn(e) });
 * ```
 * @group Stores
 */
export interface MemoryEventBusOptions {
  /** Called with what a listener threw; the other listeners still get the message. */
  onListenerError?: ((error: unknown) => void) | undefined;
}

/**
 * An {@link EventBus} within this process. Listeners are called after `publish` resolves, each
 * on its own microtask, as messages from another replica would arrive.
 * @example
 * ```ts
 * const bus = new MemoryEventBus();
 * const stop = await bus.subscribe("order:42", (m) => console.log(m));
 * await bus.publish("order:42", "changed");
 * await stop();
 * ```
 * @group Stores
 */
export class MemoryEventBus implements EventBus {
  // One entry per subscribe call, so the same listener subscribed twice is called twice.
  readonly #channels = new Map<string, Set<{ listener: ChannelListener }>>();
  readonly #onListenerError: ((error: unknown) => void) | undefined;

  constructor(options: MemoryEventBusOptions = {}) {
    this.#onListenerError = options.onListenerError;
  }

  async publish(channel: string, message: string): Promise<void> {
    checkKey("channel", channel);
    if (typeof message !== "string") checkKey("message", message);
    for (const subscription of [...(this.#channels.get(channel) ?? [])]) {
      queueMicrotask(() => {
        try {
          subscription.listener(message);
        } catch (error) {
          this.#onListenerError?.(error);
        }
      });
    }
  }

  async subscribe(channel: string, listener: ChannelListener): Promise<() => Promise<void>> {
    checkKey("channel", channel);
    if (typeof listener !== "function") throw new ConfigurationError("listener", "must be a function");
    const subscription = { listener };
    const set = this.#channels.get(channel) ?? new Set();
    set.add(subscription);
    this.#channels.set(channel, set);
    return async () => {
      set.delete(subscription);
      if (set.size === 0 && this.#channels.get(channel) === set) this.#channels.delete(channel);
    };
  }
}

/**
 * Options of {@link MemoryLockStore}.
 * @example
 * ```ts
 * const options: MemoryLockStoreOptions = { retryMs: 10 };
 * ```
 * @group Stores
 */
export interface MemoryLockStoreOptions extends MemoryStoreOptions {
  /** While waiting, how often (in real milliseconds) to look whether a lease ran out. Default 25. */
  retryMs?: number | undefined;
}

/**
 * A {@link LockStore} within this process. A waiter takes the lock as soon as its holder
 * releases it, and looks every `retryMs` whether the holder's lease ran out.
 * @example
 * ```ts
 * const locks = new MemoryLockStore();
 * const lock = await locks.acquire("submit:key-1", { leaseMs: 10_000, waitMs: 2_000 });
 * ```
 * @group Stores
 */
export class MemoryLockStore implements LockStore {
  readonly #locks: ExpiringMap<{ token: string; expiresAt: number }>;
  readonly #retryMs: number;
  readonly #waiters = new Map<string, Set<() => void>>();

  constructor(options: MemoryLockStoreOptions = {}) {
    const { max, clock } = resolve(options);
    this.#locks = new ExpiringMap(max, clock);
    this.#retryMs = checkMs("retryMs", options.retryMs ?? 25);
  }

  async acquire(key: string, options: { leaseMs: number; waitMs?: number | undefined }): Promise<Lock | undefined> {
    checkKey("key", key);
    const leaseMs = checkMs("leaseMs", options?.leaseMs);
    const waitMs = checkWaitMs("waitMs", options.waitMs);
    const deadline = this.#locks.clock.now() + waitMs;
    for (;;) {
      const now = this.#locks.clock.now();
      if (this.#locks.get(key, now) === undefined) {
        const token = newToken();
        this.#locks.set(key, { token, expiresAt: now + leaseMs }, now);
        return { key, token, release: () => this.#release(key, token), extend: (ms) => this.#extend(key, token, ms) };
      }
      if (now >= deadline) return undefined;
      await this.#released(key, Math.min(this.#retryMs, deadline - now));
    }
  }

  async #release(key: string, token: string): Promise<boolean> {
    if (this.#locks.get(key)?.token !== token) return false;
    this.#locks.delete(key);
    for (const wake of this.#waiters.get(key) ?? []) wake();
    return true;
  }

  async #extend(key: string, token: string, leaseMs: number): Promise<boolean> {
    checkMs("leaseMs", leaseMs);
    const now = this.#locks.clock.now();
    if (this.#locks.get(key, now)?.token !== token) return false;
    this.#locks.set(key, { token, expiresAt: now + leaseMs }, now);
    return true;
  }

  // Resolves when the lock of `key` is released here, or after `ms`.
  #released(key: string, ms: number): Promise<void> {
    return new Promise((done) => {
      const waiters = this.#waiters.get(key) ?? new Set();
      this.#waiters.set(key, waiters);
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0 && this.#waiters.get(key) === waiters) this.#waiters.delete(key);
        done();
      };
      const timer = setTimeout(wake, ms);
      waiters.add(wake);
    });
  }
}

/**
 * A {@link TokenCache} in this process's memory. Tokens are kept in private fields: inspecting
 * or serialising the cache shows none.
 * @example
 * ```ts
 * const tokens = new MemoryTokenCache();
 * await tokens.set("giacom:client-1", { token, expiresAt: Date.now() + 3_600_000 });
 * ```
 * @group Stores
 */
export class MemoryTokenCache implements TokenCache {
  readonly #tokens: ExpiringMap<CachedToken>;

  constructor(options: MemoryStoreOptions = {}) {
    const { max, clock } = resolve(options);
    this.#tokens = new ExpiringMap(max, clock);
  }

  async get(key: string): Promise<CachedToken | undefined> {
    checkKey("key", key);
    const hit = this.#tokens.get(key);
    return hit && { token: hit.token, expiresAt: hit.expiresAt };
  }

  async set(key: string, value: CachedToken): Promise<void> {
    checkKey("key", key);
    const { token, expiresAt } = checkCachedToken("value", value);
    const now = this.#tokens.clock.now();
    if (expiresAt <= now) this.#tokens.delete(key);
    else this.#tokens.set(key, { token, expiresAt }, now);
  }

  async delete(key: string): Promise<void> {
    checkKey("key", key);
    this.#tokens.delete(key);
  }
}

/**
 * A {@link ResultStore} in this process's memory, bounded in size; each value expires after its retention.
 * @example
 * ```ts
 * const results = new MemoryResultStore();
 * await results.putIfAbsent("masstack:callback:wf-1", "{}", { retentionMs: 86_400_000 }); // true
 * ```
 * @group Stores
 */
export class MemoryResultStore implements ResultStore {
  readonly #values: ExpiringMap<{ value: string; expiresAt: number }>;

  constructor(options: MemoryStoreOptions = {}) {
    const { max, clock } = resolve(options);
    this.#values = new ExpiringMap(max, clock);
  }

  async putIfAbsent(key: string, value: string, options: { retentionMs: number }): Promise<boolean> {
    checkKey("key", key);
    if (typeof value !== "string") throw new InvalidArgumentError("value", "must be a string");
    const retentionMs = checkMs("retentionMs", options?.retentionMs);
    const now = this.#values.clock.now();
    if (this.#values.get(key, now) !== undefined) return false;
    this.#values.set(key, { value, expiresAt: now + retentionMs }, now);
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    checkKey("key", key);
    return this.#values.get(key)?.value;
  }
}

/**
 * The in-memory {@link Stores}: the default of one process.
 * @example
 * ```ts
 * const stores = createMemoryStores({ maxEntries: 50_000 });
 * ```
 * @group Stores
 */
export function createMemoryStores(options: MemoryLockStoreOptions & MemoryEventBusOptions = {}): Stores {
  return {
    claims: new MemoryClaimStore(options),
    versions: new MemoryEntityVersionStore(options),
    events: new MemoryEventBus(options),
    locks: new MemoryLockStore(options),
    tokens: new MemoryTokenCache(options),
    results: new MemoryResultStore(options),
  };
}
