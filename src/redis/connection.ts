// The few things the Redis stores need from a Redis client, so that the user brings their own
// client (node-redis, ioredis, a cluster client) and giacom-sdk depends on none at run time.
// The node-redis adapter below is typed by shape: it imports nothing from the package.

/**
 * Receives the messages of a Redis channel.
 * @example
 * ```ts
 * const listener: RedisMessageListener = (message) => console.log(message);
 * ```
 * @group Redis
 */
export type RedisMessageListener = (message: string) => void;

/**
 * What the Redis stores need from a Redis client: one command at a time, and a subscription on a
 * connection of its own (a connection in subscribe mode can send no other command). Write one for
 * any client in a few lines; {@link nodeRedisConnection} is the one for node-redis.
 *
 * `command` resolves the reply as the client decodes it (a string, a number, null, an array of
 * those) and rejects when Redis answers with an error or cannot be reached. Whatever it throws,
 * the stores turn into a `StoreUnavailableError` with any password masked.
 * @example
 * ```ts
 * // ioredis (not tested here): call() sends any command, and a duplicate subscribes.
 * import Redis from "ioredis";
 * const redis = new Redis(process.env.REDIS_URL!);
 * const subscriber = redis.duplicate();
 * const listeners = new Map<string, Set<RedisMessageListener>>();
 * subscriber.on("message", (channel, message) => listeners.get(channel)?.forEach((l) => l(message)));
 * const connection: RedisConnection = {
 *   command: (args) => redis.call(String(args[0]), ...args.slice(1).map(String)),
 *   async subscribe(channel, listener) {
 *     if (!listeners.has(channel)) { listeners.set(channel, new Set()); await subscriber.subscribe(channel); }
 *     listeners.get(channel)!.add(listener);
 *   },
 *   async unsubscribe(channel, listener) {
 *     const set = listeners.get(channel);
 *     set?.delete(listener);
 *     if (set?.size === 0) { listeners.delete(channel); await subscriber.unsubscribe(channel); }
 *   },
 *   close: async () => void subscriber.disconnect(),
 * };
 * ```
 * @group Redis
 */
export interface RedisConnection {
  /** Sends one command, e.g. `["SET", key, value, "NX", "PX", 30000]`, and resolves its reply. */
  command(args: readonly (string | number)[], options?: { signal?: AbortSignal | undefined }): Promise<unknown>;
  /** Calls `listener` with each message of `channel`, on the subscriber connection. */
  subscribe(channel: string, listener: RedisMessageListener): Promise<void>;
  /** Stops calling `listener` for `channel`. */
  unsubscribe(channel: string, listener: RedisMessageListener): Promise<void>;
  /** Closes what the connection opened itself (its subscriber connection); not the user's client. */
  close?(): Promise<void>;
}

/**
 * The subscriber side of a node-redis client: what `client.duplicate()` returns.
 * @example
 * ```ts
 * const subscriber: NodeRedisSubscriber = client.duplicate();
 * ```
 * @group Redis
 */
export interface NodeRedisSubscriber {
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  subscribe(channels: string, listener: (message: string, channel: string) => unknown): Promise<void>;
  unsubscribe(channels: string, listener: (message: string, channel: string) => unknown): Promise<void>;
  on(event: "error", listener: (error: unknown) => void): unknown;
  destroy(): void;
}

/**
 * A node-redis (`redis` v5 or v6) client, as {@link nodeRedisConnection} uses it.
 * @example
 * ```ts
 * import { createClient } from "redis";
 * const client: NodeRedisClient = await createClient({ url: process.env.REDIS_URL }).connect();
 * ```
 * @group Redis
 */
export interface NodeRedisClient {
  sendCommand(args: string[], options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  duplicate(): NodeRedisSubscriber;
}

/**
 * Options of {@link nodeRedisConnection}.
 * @example
 * ```ts
 * const options: NodeRedisConnectionOptions = { onSubscriberError: (e) => log.warn("redis subscriber", e) };
 * ```
 * @group Redis
 */
export interface NodeRedisConnectionOptions {
  /**
   * The connection to subscribe on, if you made one; it is connected when needed and left open by
   * `close()`. By default the adapter makes one with `client.duplicate()` on the first
   * subscription and closes it on `close()`.
   */
  subscriber?: NodeRedisSubscriber | undefined;
  /**
   * Called with the errors of a subscriber connection the adapter made (node-redis reports a lost
   * connection as an `error` event, which would end the process if no one listened). It
   * reconnects and subscribes again by itself.
   */
  onSubscriberError?: ((error: unknown) => void) | undefined;
}

/**
 * A {@link RedisConnection} over a node-redis client you created and connected. Commands go
 * through `client.sendCommand`; subscriptions through `client.duplicate()`, connected on first use.
 * Create the client with `disableOfflineQueue: true` so that a command fails at once while Redis is
 * unreachable, rather than waiting for the stores' `commandTimeoutMs`.
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { createRedisStores, nodeRedisConnection } from "giacom-sdk/redis";
 * const client = await createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).connect();
 * const stores = createRedisStores({ connection: nodeRedisConnection(client) });
 * ```
 * @group Redis
 */
export function nodeRedisConnection(client: NodeRedisClient, options: NodeRedisConnectionOptions = {}): RedisConnection {
  const owned = options.subscriber === undefined;
  let subscriber: NodeRedisSubscriber | undefined = options.subscriber;
  let connecting: Promise<NodeRedisSubscriber> | undefined;
  // node-redis identifies a subscription by its listener; ours take one argument.
  const wrappers = new Map<RedisMessageListener, Map<string, (message: string) => void>>();

  const connected = (): Promise<NodeRedisSubscriber> => {
    connecting ??= (async () => {
      if (subscriber === undefined) {
        subscriber = client.duplicate();
        subscriber.on("error", (error) => options.onSubscriberError?.(error));
      }
      if (!subscriber.isOpen) await subscriber.connect();
      return subscriber;
    })();
    // A failed connection is not kept: the next subscription tries again.
    connecting.catch(() => (connecting = undefined));
    return connecting;
  };

  return {
    command: (args, commandOptions) =>
      client.sendCommand(args.map(String), commandOptions?.signal === undefined ? undefined : { abortSignal: commandOptions.signal }),
    async subscribe(channel, listener) {
      const wrapper = (message: string) => listener(message);
      const byChannel = wrappers.get(listener) ?? new Map<string, (message: string) => void>();
      if (byChannel.has(channel)) return;
      await (await connected()).subscribe(channel, wrapper);
      byChannel.set(channel, wrapper);
      wrappers.set(listener, byChannel);
    },
    async unsubscribe(channel, listener) {
      const byChannel = wrappers.get(listener);
      const wrapper = byChannel?.get(channel);
      if (!byChannel || !wrapper || !subscriber) return;
      byChannel.delete(channel);
      if (byChannel.size === 0) wrappers.delete(listener);
      await subscriber.unsubscribe(channel, wrapper);
    },
    async close() {
      wrappers.clear();
      if (owned && subscriber) subscriber.destroy();
      subscriber = owned ? undefined : subscriber;
      connecting = undefined;
    },
  };
}
