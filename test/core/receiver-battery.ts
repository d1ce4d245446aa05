// One battery of receiver tests over shared stores, run against the memory stores
// (test/core/receiver-stores.test.ts) and Redis (test/redis/receivers.test.ts): several replicas
// of the Giacom webhook receiver and of the MasStack callback receiver, each created with the same
// `stores`, as several processes behind a load balancer would be. What a user relies on: every
// delivery handled once in effect, none lost when a handler throws or a replica dies mid-delivery,
// out-of-order flags that agree across replicas, callbacks found by any replica, wake-ups
// published for the other replicas' handles.
import { afterEach, describe, expect, test } from "vitest";
import { StoreUnavailableError, type ChannelListener, type Stores } from "giacom-sdk/core";
import { createCallbackReceiver, MASSTACK_WORKFLOWS_CHANNEL, type ReceivedCallback } from "giacom-sdk/masstack/callbacks";
import { createWebhookReceiver, GIACOM_ORDERS_CHANNEL, type DeliveryMeta, type WebhookEvent } from "giacom-sdk/webhooks";
import { API_KEY, delivery, post } from "../giacom/webhooks/helpers.js";
import { MASSTACK_CALLBACK_SECRETS } from "../helpers/secrets.js";
import { eventually } from "../stores/battery.js";

/** The shared state of one test, as several replicas see it. */
export interface ReceiverBackend {
  /** The stores of one more replica over the same state (memory: one process, the same stores). */
  replica(): Promise<Stores>;
  /** Lets more than `ms` pass for the stores: a fake clock moves, or real time goes by. */
  pass(ms: number): Promise<void>;
  /** A lease short enough to wait out, in milliseconds. */
  readonly shortMs: number;
  close(): Promise<void>;
}

const CALLBACK_URL = "https://partner.example.com/masstack/callbacks";
const SEED_SERVICE_CALLBACK = '{"code":"OK","title":"Service was successfully created","service_id":600000000}';

/** One replica of the Giacom webhook receiver: what its handlers ran, what it reported. */
function webhookReplica(stores: Partial<Stores>, options: { leaseMs?: number; handler?: (event: WebhookEvent, meta: DeliveryMeta) => unknown } = {}) {
  const errors: unknown[] = [];
  const handled: { eventId: string; meta: DeliveryMeta }[] = [];
  const heard: DeliveryMeta[] = [];
  const receiver = createWebhookReceiver({ apiKey: API_KEY, stores, leaseMs: options.leaseMs, onError: (e) => errors.push(e) });
  for (const type of ["ServiceOrderStateChangeEvent", "ServiceStateChangeEvent"] as const) {
    receiver.on(type, async (event, meta) => {
      await options.handler?.(event, meta);
      handled.push({ eventId: event.eventId, meta });
    });
  }
  receiver.subscribe((_, meta) => void heard.push(meta));
  return { receiver, handled, heard, errors };
}

function callbackReplica(stores: Partial<Stores>) {
  const errors: unknown[] = [];
  const handled: ReceivedCallback[] = [];
  const receiver = createCallbackReceiver({ secret: MASSTACK_CALLBACK_SECRETS.current, url: CALLBACK_URL, stores, onError: (e) => errors.push(e) });
  receiver.onCallback((callback) => void handled.push(callback));
  return { receiver, handled, errors };
}

const callbackPost = (url: string) => new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: SEED_SERVICE_CALLBACK });

/** A gate a handler waits on: `open()` lets it finish. */
function gate() {
  let open!: () => void;
  const closed = new Promise<void>((resolve) => (open = resolve));
  return { closed, open };
}

/** A subscription on `channel` recording the parsed messages. */
async function listen(stores: Stores, channel: string) {
  const messages: unknown[] = [];
  const listener: ChannelListener = (message) => void messages.push(JSON.parse(message));
  const stop = await stores.events.subscribe(channel, listener);
  return { messages, stop };
}

const order = (id: string, version: number) => delivery("ServiceOrderStateChangeEvent", { id, version, state: "inProgress" });

export function receiverBattery(name: string, open: () => Promise<ReceiverBackend>): void {
  describe(`receivers over ${name} stores`, () => {
    let backend: ReceiverBackend | undefined;
    const start = async () => (backend = await open());
    afterEach(async () => {
      await backend?.close();
      backend = undefined;
    });

    describe("Giacom webhooks", () => {
      test("a delivery handled by one replica is a duplicate on the others: acknowledged, not handled again", async () => {
        const b = await start();
        const [a, c] = [webhookReplica(await b.replica()), webhookReplica(await b.replica())];
        const event = order("o-1", 1);
        expect((await a.receiver.handle(post(event))).status).toBe(202);
        expect((await c.receiver.handle(post(event))).status).toBe(202);
        expect((await a.receiver.handle(post(event))).status).toBe(202);
        expect(a.handled.map((h) => h.eventId)).toEqual([event.eventId]);
        expect(c.handled).toEqual([]);
        expect(c.heard.map((m) => m.duplicate)).toEqual([true]);
        expect(a.heard.map((m) => m.duplicate)).toEqual([false, true]);
      });

      test("a copy reaching another replica while the first handles it is answered 503 with Retry-After, then acknowledged as a duplicate", async () => {
        const b = await start();
        const held = gate();
        const a = webhookReplica(await b.replica(), { handler: () => held.closed });
        const c = webhookReplica(await b.replica());
        const event = order("o-2", 1);
        const first = a.receiver.handle(post(event));
        await eventually(async () => {
          const meanwhile = await c.receiver.handle(post(event));
          expect(meanwhile.status).toBe(503);
          expect(Number(meanwhile.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        });
        held.open();
        expect((await first).status).toBe(202);
        expect((await c.receiver.handle(post(event))).status).toBe(202);
        expect([a.handled.length, c.handled.length]).toEqual([1, 0]);
        expect([...a.errors, ...c.errors]).toEqual([]);
      });

      test("the same delivery sent to two replicas at once, many times over: each event handled exactly once", async () => {
        const b = await start();
        const replicas = [webhookReplica(await b.replica()), webhookReplica(await b.replica())];
        const events = Array.from({ length: 20 }, (_, i) => order(`o-race-${i}`, 1));
        // What a sender does: retry what was not acknowledged, on whichever replica, until it is.
        await Promise.all(
          events.flatMap((event) =>
            replicas.map(async (replica, i) => {
              for (let attempt = 0; ; attempt++) {
                const status = (await replicas[(i + attempt) % 2]!.receiver.handle(post(event))).status;
                if (status === 202) return;
                expect(status).toBe(503);
                await new Promise((wake) => setTimeout(wake, 5));
              }
            }),
          ),
        );
        const handled = replicas.flatMap((r) => r.handled.map((h) => h.eventId));
        expect(handled.sort()).toEqual(events.map((e) => e.eventId).sort());
      });

      test("a handler that throws lets the delivery go: the retry reaching another replica is handled", async () => {
        const b = await start();
        const failure = new Error("database unavailable");
        const a = webhookReplica(await b.replica(), {
          handler: () => {
            throw failure;
          },
        });
        const c = webhookReplica(await b.replica());
        const event = order("o-3", 1);
        expect((await a.receiver.handle(post(event))).status).toBe(500);
        expect(a.errors).toEqual([failure]);
        expect((await c.receiver.handle(post(event))).status).toBe(202);
        expect(c.handled.map((h) => h.meta.duplicate)).toEqual([false]);
        expect((await a.receiver.handle(post(event))).status).toBe(202);
        expect(a.handled).toEqual([]);
      });

      test("a replica that dies mid-delivery holds it only for its lease: the retry is then handled by another", async () => {
        const b = await start();
        const hung = gate();
        let started = false;
        const a = webhookReplica(await b.replica(), {
          leaseMs: b.shortMs,
          handler: async () => {
            started = true;
            await hung.closed; // never returns while the test runs: the replica is gone
          },
        });
        const c = webhookReplica(await b.replica(), { leaseMs: b.shortMs });
        const event = order("o-4", 1);
        const dead = a.receiver.handle(post(event));
        await eventually(() => expect(started).toBe(true));
        expect((await c.receiver.handle(post(event))).status).toBe(503);
        await b.pass(b.shortMs);
        expect((await c.receiver.handle(post(event))).status).toBe(202);
        expect(c.handled.map((h) => h.eventId)).toEqual([event.eventId]);
        expect((await c.receiver.handle(post(event))).status).toBe(202);
        expect(c.handled).toHaveLength(1);

        // Had it only been slow, the first replica learns it overran its lease, and says so.
        hung.open();
        expect((await dead).status).toBe(202);
        expect(String(a.errors[0])).toMatch(/outlived its claim \(leaseMs\)/);
      });

      test("flags out-of-order versions the same way on every replica, and concurrent advances keep the greatest", async () => {
        const b = await start();
        const stores = await b.replica();
        const [a, c] = [webhookReplica(stores), webhookReplica(await b.replica())];
        await a.receiver.handle(post(order("o-5", 5)));
        await c.receiver.handle(post(order("o-5", 7)));
        await a.receiver.handle(post(order("o-5", 6)));
        await c.receiver.handle(post(order("o-5", 8)));
        const metas = [...a.handled, ...c.handled].map((h) => [h.meta.outOfOrder, h.meta.previousVersion]);
        expect(metas).toEqual([
          [false, undefined],
          [true, 7],
          [false, 5],
          [false, 7],
        ]);

        const versions = [3, 11, 9, 12, 4, 10, 2, 6];
        await Promise.all(versions.map((v, i) => (i % 2 === 0 ? a : c).receiver.handle(post(order("o-6", v)))));
        expect(await stores.versions.get("ServiceOrder:o-6")).toBe(12);
      });

      test("publishes each handled ServiceOrder event on giacom:orders as { id, version }, once, and nothing for others", async () => {
        const b = await start();
        const [one, two] = [await b.replica(), await b.replica()];
        const bus = await listen(two, GIACOM_ORDERS_CHANNEL);
        try {
          const a = webhookReplica(one);
          const event = order("o-7", 3);
          expect(GIACOM_ORDERS_CHANNEL).toBe("giacom:orders");
          await a.receiver.handle(post(event));
          await a.receiver.handle(post(event)); // a duplicate wakes no one
          await a.receiver.handle(post(delivery("ServiceStateChangeEvent", { id: "s-1", version: 2 })));
          await a.receiver.handle(post(delivery("ServiceOrderStateChangeEvent", { id: "o-8", state: "completed" })));
          await eventually(() => expect(bus.messages).toEqual([{ id: "o-7", version: 3 }, { id: "o-8" }]));
        } finally {
          await bus.stop();
        }
      });

      test("a publication that fails is reported and the delivery still acknowledged", async () => {
        const b = await start();
        const stores = await b.replica();
        const outage = new StoreUnavailableError("redis", "events.publish", { reason: "connection lost" });
        const a = webhookReplica({ ...stores, events: { publish: () => Promise.reject(outage), subscribe: stores.events.subscribe.bind(stores.events) } });
        const event = order("o-9", 1);
        expect((await a.receiver.handle(post(event))).status).toBe(202);
        expect(a.errors).toEqual([outage]);
        expect((await webhookReplica(stores).receiver.handle(post(event))).status).toBe(202);
        expect(a.handled).toHaveLength(1);
      });
    });

    describe("MasStack callbacks", () => {
      test("a callback received by one replica is found by received() on another, and a copy there is a duplicate", async () => {
        const b = await start();
        const [a, c] = [callbackReplica(await b.replica()), callbackReplica(await b.replica())];
        const workflowId = "4f2c7e0a-1b8d-4e39-9a61-0c5d7b3e2f18";
        expect(await a.receiver.received(workflowId)).toBeUndefined();
        const url = (await a.receiver.urls(workflowId)).success;
        expect((await c.receiver.handle(callbackPost(url))).status).toBe(200);
        const seen = await a.receiver.received(workflowId);
        expect(seen).toMatchObject({
          workflowId,
          outcome: "success",
          body: { code: "OK", title: "Service was successfully created", service_id: "600000000" },
        });
        expect(seen?.receivedAt).toEqual(c.handled[0]?.receivedAt);
        expect((await a.receiver.handle(callbackPost(url))).status).toBe(200);
        expect([a.handled.length, c.handled.length]).toEqual([0, 1]);
      });

      test("publishes each handled callback on masstack:workflows as { workflowId }", async () => {
        const b = await start();
        const [one, two] = [await b.replica(), await b.replica()];
        const bus = await listen(two, MASSTACK_WORKFLOWS_CHANNEL);
        try {
          const a = callbackReplica(one);
          const workflowId = "7d1e9c3b-5a2f-4b60-8e47-2c9f0a6b1d35";
          const url = (await a.receiver.urls(workflowId)).error;
          expect(MASSTACK_WORKFLOWS_CHANNEL).toBe("masstack:workflows");
          expect((await a.receiver.handle(callbackPost(url))).status).toBe(200);
          expect((await a.receiver.handle(callbackPost(url))).status).toBe(200);
          await eventually(() => expect(bus.messages).toEqual([{ workflowId }]));
        } finally {
          await bus.stop();
        }
      });
    });
  });
}
