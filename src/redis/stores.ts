// The stores of giacom-sdk/core on Redis, with its primitives as they are meant: SET NX PX takes
// a claim or a lock, a Lua script compares the holder's token before it completes, releases or
// extends (fencing), another raises a version only if greater (compare-and-set), and PUBLISH /
// SUBSCRIBE carries wake-ups. Every key is under the prefix and every write sets an expiry, so
// nothing grows without bound.
import { ConfigurationError, InvalidArgumentError } from "../core/errors.js";
import { checkCachedToken, checkKey, checkMs, checkVersion, checkWaitMs, newToken } from "../core/stores/checks.js";
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
  Stores,
  TokenCache,
} from "../core/stores/stores.js";
import { Commands, script, text, type RedisStoreOptions } from "./commands.js";

// The value of a done id; a claim's value is its holder's token (a UUID), never this.
const DONE = "done";

// Compare-and-delete: only the holder of the token frees the key.
const RELEASE = script(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`);
// Compare-and-extend.
const EXTEND = script(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
return 0`);
// Compare-and-complete: the holder's claim becomes "done" for the retention.
const COMPLETE = script(`if redis.call("GET", KEYS[1]) == ARGV[1] then
  redis.call("SET", KEYS[1], ARGV[2], "PX", ARGV[3])
  return 1
end
return 0`);
// Compare-and-set of a version: raised only if greater; the previous one returned as stored.
const ADVANCE = script(`local current = redis.call("GET", KEYS[1])
if current and tonumber(current) >= tonumber(ARGV[1]) then return {0, current} end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
if current then return {1, current} end
return {1}`);

// Redis takes whole milliseconds; a lease of 0.5 ms is still a lease.
const ms = (value: number): number => Math.max(1, Math.ceil(value));

/**
 * A {@link ClaimStore} on Redis: a claim is `SET key token NX PX lease`; completing and releasing
 * compare the token in a Lua script first. Keys: `<prefix>claim:<id>`, expiring with the lease,
 * then with the retention once done.
 * @example
 * ```ts
 * const claims = new RedisClaimStore({ connection: nodeRedisConnection(client) });
 * const claim = await claims.claim("evt-1", { leaseMs: 30_000 });
 * ```
 * @group Redis
 */
export class RedisClaimStore implements ClaimStore {
  readonly #redis: Commands;

  constructor(options: RedisStoreOptions) {
    this.#redis = new Commands(options);
  }

  async claim(id: string, options: { leaseMs: number }): Promise<ClaimResult> {
    const key = this.#redis.key("claim", checkKey("id", id));
    const leaseMs = ms(checkMs("leaseMs", options?.leaseMs));
    // Two round trips only when the id is taken; a key that expires between them is tried again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const token = newToken();
      if ((await this.#redis.send("claim", ["SET", key, token, "NX", "PX", leaseMs])) !== null) return { status: "claimed", token };
      const value = text(await this.#redis.send("claim", ["GET", key]));
      if (value === DONE) return { status: "done" };
      if (value !== undefined) return { status: "busy" };
    }
    return { status: "busy" };
  }

  async complete(id: string, token: string, options: { retentionMs: number }): Promise<boolean> {
    const key = this.#redis.key("claim", checkKey("id", id));
    checkKey("token", token);
    const retentionMs = ms(checkMs("retentionMs", options?.retentionMs));
    return Number(await this.#redis.eval("claim.complete", COMPLETE, [key], [token, DONE, retentionMs])) === 1;
  }

  async release(id: string, token: string): Promise<boolean> {
    const key = this.#redis.key("claim", checkKey("id", id));
    checkKey("token", token);
    return Number(await this.#redis.eval("claim.release", RELEASE, [key], [token])) === 1;
  }
}

/**
 * An {@link EntityVersionStore} on Redis: a Lua script compares and sets, so concurrent advances
 * from several replicas leave the greatest version. Keys: `<prefix>version:<key>`, expiring
 * `retentionMs` after the last advance.
 * @example
 * ```ts
 * const versions = new RedisEntityVersionStore({ connection: nodeRedisConnection(client) });
 * const { advanced } = await versions.advance("ServiceOrder:42", 7, { retentionMs: 86_400_000 });
 * ```
 * @group Redis
 */
export class RedisEntityVersionStore implements EntityVersionStore {
  readonly #redis: Commands;

  constructor(options: RedisStoreOptions) {
    this.#redis = new Commands(options);
  }

  async advance(key: string, version: number, options: { retentionMs: number }): Promise<AdvanceResult> {
    const redisKey = this.#redis.key("version", checkKey("key", key));
    checkVersion("version", version);
    const retentionMs = ms(checkMs("retentionMs", options?.retentionMs));
    const reply = await this.#redis.eval("version.advance", ADVANCE, [redisKey], [String(version), retentionMs]);
    const [advanced, previous] = Array.isArray(reply) ? reply : [];
    const stored = text(previous);
    return { advanced: Number(advanced) === 1, ...(stored === undefined ? {} : { previous: Number(stored) }) };
  }

  async get(key: string): Promise<number | undefined> {
    const stored = text(await this.#redis.send("version.get", ["GET", this.#redis.key("version", checkKey("key", key))]));
    return stored === undefined ? undefined : Number(stored);
  }
}

/**
 * An {@link EventBus} on Redis pub/sub: `PUBLISH` on `<prefix>events:<channel>`, and subscriptions
 * on the connection's subscriber. At most once, to the replicas subscribed at that moment: a
 * wake-up, not a queue.
 * @example
 * ```ts
 * const bus = new RedisEventBus({ connection: nodeRedisConnection(client) });
 * const stop = await bus.subscribe("order:42", (message) => wake(message));
 * ```
 * @group Redis
 */
export class RedisEventBus implements EventBus {
  readonly #redis: Commands;

  constructor(options: RedisStoreOptions) {
    this.#redis = new Commands(options);
  }

  async publish(channel: string, message: string): Promise<void> {
    const name = this.#redis.key("events", checkKey("channel", channel));
    if (typeof message !== "string") checkKey("message", message);
    await this.#redis.send("events.publish", ["PUBLISH", name, message]);
  }

  async subscribe(channel: string, listener: ChannelListener): Promise<() => Promise<void>> {
    const name = this.#redis.key("events", checkKey("channel", channel));
    if (typeof listener !== "function") throw new ConfigurationError("listener", "must be a function");
    // A listener that throws must not break the client's reader: its error stays here.
    const own = (message: string) => {
      try {
        listener(message);
      } catch {
        // The EventBus contract: a listener that throws is not retried.
      }
    };
    const pending = this.#redis.connection.subscribe(name, own);
    try {
      await this.#redis.within(pending);
    } catch (error) {
      // A subscription that lands after its deadline is undone: no listener is left behind.
      pending.then(() => this.#redis.connection.unsubscribe(name, own)).catch(() => {});
      throw this.#redis.failure("events.subscribe", error);
    }
    let subscribed = true;
    return async () => {
      if (!subscribed) return;
      subscribed = false;
      try {
        await this.#redis.within(this.#redis.connection.unsubscribe(name, own));
      } catch (error) {
        throw this.#redis.failure("events.unsubscribe", error);
      }
    };
  }
}

/**
 * Options of {@link RedisLockStore}.
 * @example
 * ```ts
 * const options: RedisLockStoreOptions = { connection: nodeRedisConnection(client), retryMs: 25 };
 * ```
 * @group Redis
 */
export interface RedisLockStoreOptions extends RedisStoreOptions {
  /** While waiting for a lock, how often to try again, in milliseconds (with jitter). Default 50. */
  retryMs?: number | undefined;
}

/**
 * A {@link LockStore} on Redis: `SET key token NX PX lease` takes the lock, a Lua script compares
 * the token before releasing or extending. A waiter tries again every `retryMs` or so. Keys:
 * `<prefix>lock:<key>`, expiring with the lease.
 * @example
 * ```ts
 * const locks = new RedisLockStore({ connection: nodeRedisConnection(client) });
 * const lock = await locks.acquire(`submit:${key}`, { leaseMs: 30_000, waitMs: 10_000 });
 * ```
 * @group Redis
 */
export class RedisLockStore implements LockStore {
  readonly #redis: Commands;
  readonly #retryMs: number;

  constructor(options: RedisLockStoreOptions) {
    this.#redis = new Commands(options);
    this.#retryMs = checkMs("retryMs", options.retryMs ?? 50);
  }

  async acquire(key: string, options: { leaseMs: number; waitMs?: number | undefined }): Promise<Lock | undefined> {
    const redisKey = this.#redis.key("lock", checkKey("key", key));
    const leaseMs = ms(checkMs("leaseMs", options?.leaseMs));
    const deadline = Date.now() + checkWaitMs("waitMs", options.waitMs);
    for (;;) {
      const token = newToken();
      if ((await this.#redis.send("lock.acquire", ["SET", redisKey, token, "NX", "PX", leaseMs])) !== null) {
        return {
          key,
          token,
          release: async () => Number(await this.#redis.eval("lock.release", RELEASE, [redisKey], [token])) === 1,
          extend: async (leaseMs: number) => Number(await this.#redis.eval("lock.extend", EXTEND, [redisKey], [token, ms(checkMs("leaseMs", leaseMs))])) === 1,
        };
      }
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      // Jitter, so that waiters on several replicas do not try in step.
      await new Promise((wake) => setTimeout(wake, Math.min(left, this.#retryMs * (0.5 + Math.random()))));
    }
  }
}

/**
 * A {@link TokenCache} on Redis: `SET <prefix>token:<key> … PX` until the token expires. The
 * tokens are stored as they are: give the Redis server the protection a secret store needs
 * (a password, TLS, no public network).
 * @example
 * ```ts
 * const tokens = new RedisTokenCache({ connection: nodeRedisConnection(client) });
 * await tokens.set("giacom:client-1", { token, expiresAt: Date.now() + 3_600_000 });
 * ```
 * @group Redis
 */
export class RedisTokenCache implements TokenCache {
  readonly #redis: Commands;

  constructor(options: RedisStoreOptions) {
    this.#redis = new Commands(options);
  }

  async get(key: string): Promise<CachedToken | undefined> {
    const stored = text(await this.#redis.send("tokens.get", ["GET", this.#redis.key("token", checkKey("key", key))]));
    if (stored === undefined) return undefined;
    try {
      const { token, expiresAt } = checkCachedToken("value", JSON.parse(stored));
      return expiresAt > Date.now() ? { token, expiresAt } : undefined;
    } catch {
      return undefined; // not ours, or from an older format: a miss
    }
  }

  async set(key: string, value: CachedToken): Promise<void> {
    const redisKey = this.#redis.key("token", checkKey("key", key));
    const { token, expiresAt } = checkCachedToken("value", value);
    const ttl = Math.floor(expiresAt - Date.now());
    if (ttl <= 0) await this.#redis.send("tokens.delete", ["DEL", redisKey]);
    else await this.#redis.send("tokens.set", ["SET", redisKey, JSON.stringify({ token, expiresAt }), "PX", ttl]);
  }

  async delete(key: string): Promise<void> {
    await this.#redis.send("tokens.delete", ["DEL", this.#redis.key("token", checkKey("key", key))]);
  }
}

/**
 * A {@link ResultStore} on Redis: `SET <prefix>result:<key> value NX PX retention`, so the first
 * write wins on every replica; `GET` reads it.
 * @example
 * ```ts
 * const results = new RedisResultStore({ connection: nodeRedisConnection(client) });
 * await results.putIfAbsent("masstack:callback:wf-1", JSON.stringify(callback), { retentionMs: 86_400_000 });
 * ```
 * @group Redis
 */
export class RedisResultStore implements ResultStore {
  readonly #redis: Commands;

  constructor(options: RedisStoreOptions) {
    this.#redis = new Commands(options);
  }

  async putIfAbsent(key: string, value: string, options: { retentionMs: number }): Promise<boolean> {
    const redisKey = this.#redis.key("result", checkKey("key", key));
    if (typeof value !== "string") throw new InvalidArgumentError("value", "must be a string");
    const retentionMs = ms(checkMs("retentionMs", options?.retentionMs));
    return (await this.#redis.send("results.put", ["SET", redisKey, value, "NX", "PX", retentionMs])) !== null;
  }

  async get(key: string): Promise<string | undefined> {
    return text(await this.#redis.send("results.get", ["GET", this.#redis.key("result", checkKey("key", key))]));
  }
}

/**
 * The stores {@link createRedisStores} makes: every store, and `close()`.
 * @example
 * ```ts
 * const stores: RedisStores = createRedisStores({ connection: nodeRedisConnection(client) });
 * process.on("SIGTERM", () => void stores.close());
 * ```
 * @group Redis
 */
export interface RedisStores extends Stores {
  readonly results: ResultStore;
  /** Closes what the connection opened itself (the subscriber), never your client. */
  close(): Promise<void>;
}

/**
 * The {@link Stores} of every replica, on one Redis. `close()` closes what the connection opened
 * itself (the subscriber), never your client.
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { createRedisStores, nodeRedisConnection } from "giacom-sdk/redis";
 * const client = await createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).connect();
 * const stores = createRedisStores({ connection: nodeRedisConnection(client), prefix: "shop:giacom-sdk:" });
 * ```
 * @group Redis
 */
export function createRedisStores(options: RedisLockStoreOptions): RedisStores {
  const locks = new RedisLockStore(options);
  return {
    claims: new RedisClaimStore(options),
    versions: new RedisEntityVersionStore(options),
    events: new RedisEventBus(options),
    locks,
    tokens: new RedisTokenCache(options),
    results: new RedisResultStore(options),
    close: async () => {
      await options.connection.close?.();
    },
  };
}
