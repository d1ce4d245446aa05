// `giacom-sdk/redis`: the stores of giacom-sdk/core shared by every replica of a backend, on a
// Redis client the user brings (a peer, never a runtime dependency). Every export is named here.

export { nodeRedisConnection } from "./connection.js";
export type { NodeRedisClient, NodeRedisConnectionOptions, NodeRedisSubscriber, RedisConnection, RedisMessageListener } from "./connection.js";
export type { RedisStoreOptions } from "./commands.js";
export { createRedisStores, RedisClaimStore, RedisEntityVersionStore, RedisEventBus, RedisLockStore, RedisResultStore, RedisTokenCache } from "./stores.js";
export type { RedisLockStoreOptions, RedisStores } from "./stores.js";
export { StoreUnavailableError } from "../core/errors.js";
export type {
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
