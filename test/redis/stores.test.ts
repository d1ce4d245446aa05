// giacom-sdk/redis against a real redis-server (started here, on a free port, with a password as
// in production): the shared battery, then what only Redis has: keys under a prefix and all with
// an expiry, scripts surviving a SCRIPT FLUSH, typed errors while the server is down (with no
// password in them), and recovery once it is back.
import { inspect } from "node:util";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ConfigurationError, isSdkError, StoreUnavailableError } from "giacom-sdk/core";
import { createRedisStores, nodeRedisConnection, RedisClaimStore, RedisEntityVersionStore, type RedisConnection } from "giacom-sdk/redis";
import { eventually, storeBattery } from "../stores/battery.js";
import { startRedisServer, type RedisServer } from "../helpers/redis.js";
import { TEST_TOKEN as TEST_TOKEN_FOR_REDIS } from "../helpers/recording-fetch.js";
import { REDIS_PASSWORD } from "../helpers/secrets.js";

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer({ password: REDIS_PASSWORD });
}, 60_000);
afterAll(async () => {
  await server?.dispose();
});

const sleep = (ms: number) => new Promise<void>((wake) => setTimeout(wake, ms));
const newClient = (offlineQueue: boolean) =>
  createClient({ url: server.url, disableOfflineQueue: !offlineQueue, socket: { reconnectStrategy: () => 50, connectTimeout: 2_000 } });
type Client = ReturnType<typeof newClient>;

/** A connected node-redis client; `offlineQueue` false makes commands fail at once while disconnected. */
async function connect(opened: Client[], { offlineQueue = false } = {}): Promise<Client> {
  const client = newClient(offlineQueue);
  client.on("error", () => {}); // a lost connection is reported as an event; the stores report it as errors
  await client.connect();
  opened.push(client);
  return client;
}

async function closeAll(opened: Client[]): Promise<void> {
  for (const client of opened.splice(0)) if (client.isOpen) client.destroy();
}

let namespace = 0;
storeBattery("redis", async () => {
  const prefix = `giacom-sdk-test:${++namespace}:`;
  const opened: Client[] = [];
  const closers: (() => Promise<void>)[] = [];
  return {
    replica: async () => {
      const stores = createRedisStores({ connection: nodeRedisConnection(await connect(opened), { onSubscriberError: () => {} }), prefix, retryMs: 20 });
      closers.push(stores.close);
      return stores;
    },
    pass: (ms) => sleep(ms + 200),
    now: () => Date.now(),
    shortMs: 300,
    close: async () => {
      for (const close of closers) await close();
      await closeAll(opened);
    },
  };
});

describe("redis stores", () => {
  const opened: Client[] = [];
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await closeAll(opened);
  });
  const stores = async (options: { prefix?: string | undefined; offlineQueue?: boolean; commandTimeoutMs?: number } = {}) => {
    const { offlineQueue, ...rest } = options;
    const made = createRedisStores({ connection: nodeRedisConnection(await connect(opened, { offlineQueue }), { onSubscriberError: () => {} }), ...rest });
    closers.push(made.close);
    return made;
  };

  test("every key is under the prefix (giacom-sdk: by default) and has an expiry", async () => {
    const admin = await connect(opened);
    await admin.sendCommand(["FLUSHALL"]);
    for (const prefix of [undefined, "shop-eu:"]) {
      const s = await stores({ prefix });
      const claim = await s.claims.claim("evt-held", { leaseMs: 3_600_000 });
      const done = await s.claims.claim("evt-done", { leaseMs: 3_600_000 });
      if (claim.status !== "claimed" || done.status !== "claimed") throw new Error("expected claims");
      await s.claims.complete("evt-done", done.token, { retentionMs: 7 * 86_400_000 });
      await s.versions.advance("ServiceOrder:1", 3, { retentionMs: 86_400_000 });
      await s.locks.acquire("submit:k", { leaseMs: 3_600_000 });
      await s.tokens.set("giacom:client", { token: TEST_TOKEN_FOR_REDIS, expiresAt: Date.now() + 3_600_000 });
      await s.events.publish("order:1", "published messages leave no key");
    }
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = (await admin.sendCommand(["SCAN", cursor, "COUNT", "1000"])) as [string, string[]];
      keys.push(...batch);
      cursor = next;
    } while (cursor !== "0");
    expect(keys.sort()).toEqual(
      ["giacom-sdk:", "shop-eu:"]
        .flatMap((p) => [`${p}claim:evt-done`, `${p}claim:evt-held`, `${p}lock:submit:k`, `${p}token:giacom:client`, `${p}version:ServiceOrder:1`])
        .sort(),
    );
    for (const key of keys) expect(Number(await admin.sendCommand(["PTTL", key])), key).toBeGreaterThan(0);
  });

  test("scripts still run after Redis forgot them (SCRIPT FLUSH, as after a restart)", async () => {
    const s = await stores({ prefix: "flush:" });
    const admin = await connect(opened);
    const claim = await s.claims.claim("evt-1", { leaseMs: 60_000 });
    if (claim.status !== "claimed") throw new Error("expected a claim");
    expect(await s.claims.release("evt-1", "someone-else")).toBe(false); // the script is loaded now
    await admin.sendCommand(["SCRIPT", "FLUSH"]);
    expect(await s.claims.complete("evt-1", claim.token, { retentionMs: 60_000 })).toBe(true);
    await admin.sendCommand(["SCRIPT", "FLUSH"]);
    expect(await s.versions.advance("v", 1, { retentionMs: 60_000 })).toEqual({ advanced: true });
  });

  test("an error reply is a StoreUnavailableError too, not retryable when repeating cannot help", async () => {
    const s = await stores({ prefix: "wrongtype:" });
    const admin = await connect(opened);
    await admin.sendCommand(["HSET", "wrongtype:version:v", "field", "1"]);
    await admin.sendCommand(["PEXPIRE", "wrongtype:version:v", "60000"]);
    const error = await s.versions.advance("v", 1, { retentionMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: "STORE_UNAVAILABLE", store: "redis", operation: "version.advance", retryable: false });
    expect((error as Error).message).toMatch(/WRONGTYPE/);
  });

  test("while the server is down every operation fails with a retryable StoreUnavailableError showing no password; all recover once it is back", async () => {
    const s = await stores({ prefix: "down:" });
    const queued = await stores({ prefix: "down:", offlineQueue: true, commandTimeoutMs: 300 });
    const claim = await s.claims.claim("evt-1", { leaseMs: 60_000 });
    if (claim.status !== "claimed") throw new Error("expected a claim");
    const lock = await s.locks.acquire("submit:k", { leaseMs: 60_000 });
    const heard: string[] = [];
    await s.events.subscribe("order:1", (m) => heard.push(m));

    await server.stop();
    const attempts: [string, () => Promise<unknown>][] = [
      ["claim", () => s.claims.claim("evt-2", { leaseMs: 60_000 })],
      ["claim.complete", () => s.claims.complete("evt-1", claim.token, { retentionMs: 60_000 })],
      ["claim.release", () => s.claims.release("evt-1", claim.token)],
      ["version.advance", () => s.versions.advance("v", 1, { retentionMs: 60_000 })],
      ["version.get", () => s.versions.get("v")],
      ["events.publish", () => s.events.publish("order:1", "lost")],
      ["lock.acquire", () => s.locks.acquire("submit:other", { leaseMs: 60_000 })],
      ["lock.release", () => lock!.release()],
      ["lock.extend", () => lock!.extend(60_000)],
      ["tokens.get", () => s.tokens.get("k")],
      ["tokens.set", () => s.tokens.set("k", { token: TEST_TOKEN_FOR_REDIS, expiresAt: Date.now() + 60_000 })],
      ["tokens.delete", () => s.tokens.delete("k")],
      // A client that queues commands while disconnected: the stores' own deadline answers.
      ["claim", () => queued.claims.claim("evt-3", { leaseMs: 60_000 })],
      ["version.advance", () => queued.versions.advance("v", 1, { retentionMs: 60_000 })],
    ];
    for (const [operation, attempt] of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error, operation).toBeInstanceOf(StoreUnavailableError);
      expect(isSdkError(error)).toBe(true);
      expect(error).toMatchObject({ code: "STORE_UNAVAILABLE", store: "redis", operation, retryable: true });
      const shown = `${(error as Error).message}\n${inspect(error, { depth: 10, showHidden: true })}\n${JSON.stringify(error)}`;
      expect(shown).not.toContain(REDIS_PASSWORD);
      expect(shown).not.toContain(TEST_TOKEN_FOR_REDIS);
    }

    await server.start();
    await eventually(async () => {
      expect((await s.claims.claim("evt-4", { leaseMs: 60_000 })).status).toBe("claimed");
      expect((await queued.claims.claim("evt-5", { leaseMs: 60_000 })).status).toBe("claimed");
    }, 20_000);
    // The server kept nothing (no persistence): the old claim is gone, and scripts are reloaded.
    expect(await s.claims.complete("evt-1", claim.token, { retentionMs: 60_000 })).toBe(false);
    expect(await lock!.release()).toBe(false);
    expect(await s.versions.advance("v", 2, { retentionMs: 60_000 })).toEqual({ advanced: true });
    // The subscription made before the restart is made again by the client.
    await eventually(async () => {
      await s.events.publish("order:1", "back");
      expect(heard).toContain("back");
    }, 20_000);
  }, 60_000);

  test("a connection's error never shows a password from its URL, in the message or the cause", async () => {
    const url = `redis://app:${REDIS_PASSWORD}@redis.internal:6379/0`;
    const connection: RedisConnection = {
      command: async () => {
        throw Object.assign(new Error(`connect ECONNREFUSED for ${url}`), { options: { url, password: REDIS_PASSWORD } });
      },
      subscribe: async () => {
        throw new Error(`AUTH ${REDIS_PASSWORD} refused`);
      },
      unsubscribe: async () => {},
    };
    const claims = new RedisClaimStore({ connection });
    const error = await claims.claim("evt", { leaseMs: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toBe("The redis store failed during claim: connect ECONNREFUSED for redis://[REDACTED]@redis.internal:6379/0");
    const subscribed = await createRedisStores({ connection })
      .events.subscribe("c", () => {})
      .catch((e: unknown) => e);
    expect((subscribed as Error).message).toBe("The redis store failed during events.subscribe: AUTH [REDACTED]");
    for (const shown of [inspect(error, { depth: 10, showHidden: true }), inspect(subscribed, { depth: 10, showHidden: true }), JSON.stringify(error)]) {
      expect(shown).not.toContain(REDIS_PASSWORD);
    }
  });

  test("a command with no answer fails after commandTimeoutMs", async () => {
    const connection: RedisConnection = { command: () => new Promise(() => {}), subscribe: async () => {}, unsubscribe: async () => {} };
    const error = await new RedisEntityVersionStore({ connection, commandTimeoutMs: 50 }).get("v").catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "STORE_UNAVAILABLE",
      operation: "version.get",
      retryable: true,
      message: expect.stringMatching(/no answer within 50 ms/),
    });
  });

  test("refuse a connection that is not one, an empty prefix and a bad timeout, naming the option", () => {
    const connection: RedisConnection = { command: async () => null, subscribe: async () => {}, unsubscribe: async () => {} };
    expect(() => createRedisStores({ connection: {} as RedisConnection })).toThrow(ConfigurationError);
    expect(() => createRedisStores({ connection: {} as RedisConnection })).toThrow(/connection/);
    expect(() => createRedisStores({ connection, prefix: "" })).toThrow(/prefix/);
    expect(() => createRedisStores({ connection, commandTimeoutMs: 0 })).toThrow(/commandTimeoutMs/);
    expect(() => createRedisStores({ connection, retryMs: Number.NaN })).toThrow(/retryMs/);
  });
});
