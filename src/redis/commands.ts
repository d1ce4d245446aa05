// Sending commands for the stores: a deadline on each (a client that queues commands while
// disconnected would otherwise wait for ever), every failure as a StoreUnavailableError, and Lua
// scripts sent by their SHA1 with the script itself as the fallback when Redis lost it (NOSCRIPT
// after a restart or SCRIPT FLUSH).
import { ConfigurationError, StoreUnavailableError } from "../core/errors.js";
import type { RedisConnection } from "./connection.js";

/** The prefix of every key and channel by default. */
export const DEFAULT_PREFIX = "giacom-sdk:";
const DEFAULT_COMMAND_TIMEOUT_MS = 2_000;

// Error replies after which the same command may succeed later: a server loading its data, a
// replica promoted, a busy script, memory freed, a cluster settling.
const TRANSIENT = new Set(["LOADING", "BUSY", "TRYAGAIN", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "NOREPLICAS", "OOM", "MOVED", "ASK"]);

/**
 * Options every Redis store takes.
 * @example
 * ```ts
 * const options: RedisStoreOptions = { connection: nodeRedisConnection(client), prefix: "shop-eu:giacom-sdk:", commandTimeoutMs: 1_000 };
 * ```
 * @group Redis
 */
export interface RedisStoreOptions {
  /** The client to send commands through: {@link nodeRedisConnection} or your own. */
  connection: RedisConnection;
  /** Put before every key and channel, so that several applications can share one Redis. Default `giacom-sdk:`. */
  prefix?: string | undefined;
  /** How long a command may take before it fails with a `StoreUnavailableError`. Default 2,000. */
  commandTimeoutMs?: number | undefined;
}

/** A Lua script and the SHA1 it is called by. */
export interface Script {
  readonly source: string;
  sha?: Promise<string>;
}

export function script(source: string): Script {
  return { source };
}

async function sha1(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** A reply as text: node-redis gives strings, other clients may give bytes. */
export function text(reply: unknown): string | undefined {
  if (reply === null || reply === undefined) return undefined;
  if (typeof reply === "string") return reply;
  if (reply instanceof Uint8Array) return new TextDecoder().decode(reply);
  return String(reply);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : "unknown error";
}

/** @internal Sends the stores' commands through one connection. */
export class Commands {
  readonly connection: RedisConnection;
  readonly prefix: string;
  readonly timeoutMs: number;

  constructor(options: RedisStoreOptions) {
    const { connection, prefix = DEFAULT_PREFIX, commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS } = options ?? ({} as RedisStoreOptions);
    if (typeof connection?.command !== "function" || typeof connection.subscribe !== "function" || typeof connection.unsubscribe !== "function") {
      throw new ConfigurationError("connection", "must be a RedisConnection (command, subscribe, unsubscribe), e.g. nodeRedisConnection(client)");
    }
    if (typeof prefix !== "string" || prefix === "") throw new ConfigurationError("prefix", "must be a non-empty string: every key is namespaced");
    if (typeof commandTimeoutMs !== "number" || !Number.isFinite(commandTimeoutMs) || commandTimeoutMs <= 0) {
      throw new ConfigurationError("commandTimeoutMs", "must be a positive finite number of milliseconds");
    }
    this.connection = connection;
    this.prefix = prefix;
    this.timeoutMs = commandTimeoutMs;
  }

  key(kind: string, name: string): string {
    return `${this.prefix}${kind}:${name}`;
  }

  /** Runs one command for `operation`; any failure becomes a StoreUnavailableError. */
  async send(operation: string, args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await this.#raw(args);
    } catch (error) {
      throw this.failure(operation, error);
    }
  }

  /** Runs a Lua script by its SHA1, sending the script when Redis does not have it. */
  async eval(operation: string, lua: Script, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      lua.sha ??= sha1(lua.source);
      const tail = [keys.length, ...keys, ...args];
      try {
        return await this.#raw(["EVALSHA", await lua.sha, ...tail]);
      } catch (error) {
        if (!messageOf(error).startsWith("NOSCRIPT")) throw error;
        return await this.#raw(["EVAL", lua.source, ...tail]);
      }
    } catch (error) {
      throw this.failure(operation, error);
    }
  }

  failure(operation: string, error: unknown): StoreUnavailableError {
    if (error instanceof StoreUnavailableError) return error;
    const reason = messageOf(error);
    const code = /^([A-Z]{2,})\b/.exec(reason)?.[1];
    return new StoreUnavailableError("redis", operation, { reason, cause: error, retryable: code === undefined || TRANSIENT.has(code) });
  }

  /** `pending` (a subscription, say) with the commands' deadline. */
  async within<T>(pending: Promise<T>, controller?: AbortController): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`no answer within ${this.timeoutMs} ms`));
        controller?.abort();
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([pending, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  // One command with a deadline. The signal lets a client that honours it drop the command; the
  // race covers one that does not.
  #raw(args: readonly (string | number)[]): Promise<unknown> {
    const controller = new AbortController();
    return this.within(this.connection.command(args, { signal: controller.signal }), controller);
  }
}
