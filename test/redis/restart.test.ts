// A Redis that keeps its data (append-only file, synced on every write) restarted under the
// stores: what was done stays done, a held lock stays held until its lease, and the same client
// carries on once the server is back.
import { createClient } from "redis";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createRedisStores, nodeRedisConnection } from "giacom-sdk/redis";
import { eventually } from "../stores/battery.js";
import { startRedisServer, type RedisServer } from "../helpers/redis.js";

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer({ persistent: true });
}, 60_000);
afterAll(async () => {
  await server?.dispose();
});

test("after a restart of a persistent Redis, done ids are still done and held locks still held", async () => {
  const client = createClient({ url: server.url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 50 } });
  client.on("error", () => {});
  await client.connect();
  const stores = createRedisStores({ connection: nodeRedisConnection(client, { onSubscriberError: () => {} }) });
  try {
    const claim = await stores.claims.claim("evt-1", { leaseMs: 60_000 });
    if (claim.status !== "claimed") throw new Error("expected a claim");
    expect(await stores.claims.complete("evt-1", claim.token, { retentionMs: 3_600_000 })).toBe(true);
    const lock = await stores.locks.acquire("submit:k", { leaseMs: 60_000 });
    await stores.versions.advance("ServiceOrder:1", 4, { retentionMs: 3_600_000 });

    const port = server.port;
    await server.restart();
    expect(server.port).toBe(port);

    await eventually(async () => expect(await stores.claims.claim("evt-1", { leaseMs: 60_000 })).toEqual({ status: "done" }), 20_000);
    expect(await stores.locks.acquire("submit:k", { leaseMs: 60_000 })).toBeUndefined();
    expect(await lock!.release()).toBe(true); // its script is sent again: Redis forgot scripts, not data
    expect(await stores.versions.advance("ServiceOrder:1", 3, { retentionMs: 3_600_000 })).toEqual({ advanced: false, previous: 4 });
  } finally {
    await stores.close();
    client.destroy();
  }
}, 60_000);
