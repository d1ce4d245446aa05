// The receivers over giacom-sdk/redis, against a real redis-server: the shared receiver battery
// with each replica on its own client (as separate processes would be), then Redis stopped under
// them and started again with its data (an append-only file): deliveries are refused with 503
// while it is down, nothing is handled without a claim, and once it is back every delivery is
// handled once, including those that were done before it stopped.
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { StoreUnavailableError } from "giacom-sdk/core";
import { createCallbackReceiver } from "giacom-sdk/masstack/callbacks";
import { createRedisStores, nodeRedisConnection, type RedisStores } from "giacom-sdk/redis";
import { createWebhookReceiver } from "giacom-sdk/webhooks";
import { API_KEY, delivery, post } from "../giacom/webhooks/helpers.js";
import { MASSTACK_CALLBACK_SECRETS } from "../helpers/secrets.js";
import { startRedisServer, type RedisServer } from "../helpers/redis.js";
import { receiverBattery } from "../core/receiver-battery.js";
import { eventually } from "../stores/battery.js";

let server: RedisServer;
beforeAll(async () => {
  // Persistent, so that a restart keeps what was done, as a production Redis must.
  server = await startRedisServer({ persistent: true });
}, 60_000);
afterAll(async () => {
  await server?.dispose();
});

const sleep = (ms: number) => new Promise<void>((wake) => setTimeout(wake, ms));

/** One replica's stores on a client of its own; commands fail at once while Redis is down. */
async function replicaStores(prefix: string, opened: (() => Promise<void>)[]): Promise<RedisStores> {
  const client = createClient({ url: server.url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 50, connectTimeout: 2_000 } });
  client.on("error", () => {}); // a lost connection is an event; the stores report it as errors
  await client.connect();
  const stores = createRedisStores({ connection: nodeRedisConnection(client, { onSubscriberError: () => {} }), prefix, commandTimeoutMs: 1_000 });
  opened.push(async () => {
    await stores.close();
    if (client.isOpen) client.destroy();
  });
  return stores;
}

let namespace = 0;
receiverBattery("redis", async () => {
  const prefix = `giacom-sdk-receivers:${++namespace}:`;
  const opened: (() => Promise<void>)[] = [];
  return {
    replica: () => replicaStores(prefix, opened),
    pass: (ms) => sleep(ms + 200),
    shortMs: 400,
    close: async () => {
      for (const close of opened.splice(0)) await close();
    },
  };
});

describe("receivers while Redis is down", () => {
  test("answer 503 with Retry-After and report a StoreUnavailableError; once Redis is back, each delivery is handled once", async () => {
    const opened: (() => Promise<void>)[] = [];
    const prefix = "giacom-sdk-receivers:restart:";
    try {
      const replicas = await Promise.all(
        [0, 1].map(async () => {
          const errors: unknown[] = [];
          const handled: string[] = [];
          const stores = await replicaStores(prefix, opened);
          const webhooks = createWebhookReceiver({ apiKey: API_KEY, stores, onError: (e) => errors.push(e) });
          webhooks.on("ServiceOrderStateChangeEvent", (event) => void handled.push(event.eventId));
          const callbacks = createCallbackReceiver({
            secret: MASSTACK_CALLBACK_SECRETS.current,
            url: "https://partner.example.com/cb",
            stores,
            onError: (e) => errors.push(e),
          });
          callbacks.onCallback((callback) => void handled.push(callback.workflowId));
          return { webhooks, callbacks, errors, handled };
        }),
      );
      const [a, b] = [replicas[0]!, replicas[1]!];
      const before = delivery("ServiceOrderStateChangeEvent", { id: "r-1", version: 1 });
      const during = delivery("ServiceOrderStateChangeEvent", { id: "r-1", version: 2 });
      const workflowId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
      const callbackUrl = (await a.callbacks.urls(workflowId)).success;
      const callback = () =>
        new Request(callbackUrl, { method: "POST", headers: { "content-type": "application/json" }, body: '{"code":"OK","title":"done","service_id":"7"}' });
      expect((await a.webhooks.handle(post(before))).status).toBe(202);

      await server.stop();
      for (const response of [await a.webhooks.handle(post(during)), await b.webhooks.handle(post(before)), await b.callbacks.handle(callback())]) {
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      }
      expect(a.errors.length + b.errors.length).toBeGreaterThanOrEqual(3);
      expect([...a.errors, ...b.errors].every((e) => e instanceof StoreUnavailableError && e.retryable)).toBe(true);
      await expect(a.callbacks.received(workflowId)).rejects.toThrow(StoreUnavailableError);

      await server.start();
      // The senders retry until acknowledged, on either replica.
      await eventually(async () => expect((await b.webhooks.handle(post(during))).status).toBe(202), 20_000);
      expect((await a.webhooks.handle(post(during))).status).toBe(202);
      expect((await b.webhooks.handle(post(before))).status).toBe(202);
      await eventually(async () => expect((await a.callbacks.handle(callback())).status).toBe(200), 20_000);
      expect((await b.callbacks.handle(callback())).status).toBe(200);
      expect((await b.callbacks.received(workflowId))?.outcome).toBe("success");

      expect([...a.handled, ...b.handled].sort()).toEqual([before.eventId, during.eventId, workflowId].sort());
    } finally {
      for (const close of opened.splice(0)) await close();
    }
  }, 60_000);

  test("a delivery whose handlers ran while Redis went down is marked done once it is back: its copies are duplicates", async () => {
    const opened: (() => Promise<void>)[] = [];
    const prefix = "giacom-sdk-receivers:mid-handling:";
    try {
      const [one, two] = [await replicaStores(prefix, opened), await replicaStores(prefix, opened)];
      let open!: () => void;
      const held = new Promise<void>((resolve) => (open = resolve));
      let started = false;
      const handled: string[] = [];
      const a = createWebhookReceiver({ apiKey: API_KEY, stores: one, onError: () => {} });
      a.on("ServiceOrderStateChangeEvent", async (event) => {
        started = true;
        await held;
        handled.push(event.eventId);
      });
      const b = createWebhookReceiver({ apiKey: API_KEY, stores: two, onError: () => {} });
      b.on("ServiceOrderStateChangeEvent", (event) => void handled.push(event.eventId));
      const event = delivery("ServiceOrderStateChangeEvent", { id: "m-1", version: 1 });

      const answer = a.handle(post(event));
      await eventually(() => expect(started).toBe(true));
      await server.stop();
      open(); // the handlers finish while Redis is down
      await sleep(150);
      await server.start();
      expect((await answer).status).toBe(202);
      expect((await b.handle(post(event))).status).toBe(202);
      expect((await a.handle(post(event))).status).toBe(202);
      expect(handled).toEqual([event.eventId]);
    } finally {
      for (const close of opened.splice(0)) await close();
    }
  }, 60_000);
});
