// The `stores` option of a token grant, checked and turned into what the token engine shares.
import { ConfigurationError } from "../errors.js";
import { isObject } from "../internal/show.js";
import type { Stores } from "../stores/stores.js";
import type { Logger } from "../types.js";
import type { SharedTokens } from "./token-endpoint.js";

/** @internal What a grant shares with the other replicas: nothing without `stores.tokens`. */
export function sharedTokens(stores: unknown, logger: Logger | undefined, identity: readonly string[]): SharedTokens | undefined {
  if (stores === undefined) return undefined;
  if (!isObject(stores)) throw new ConfigurationError("stores", "must be an object with a tokens cache (and locks)");
  const { tokens, locks } = stores as Partial<Stores>;
  if (tokens !== undefined && !["get", "set", "delete"].every((m) => typeof (tokens as unknown as Record<string, unknown> | null)?.[m] === "function"))
    throw new ConfigurationError("stores.tokens", "must have the methods get, set, delete");
  if (locks !== undefined && typeof (locks as unknown as Record<string, unknown> | null)?.acquire !== "function")
    throw new ConfigurationError("stores.locks", "must have the method acquire");
  if (logger !== undefined && !isObject(logger)) throw new ConfigurationError("logger", "must be an object");
  return tokens ? { tokens, locks, identity, logger } : undefined;
}
