// The `stores` option of the clients with the in-memory stores (one process, several clients
// standing for replicas): the option checked like any other, wake-ups on the shared bus (a
// malformed or stale message costs no read; one subscription per client, none once no handle
// waits), and submit's key lock (one order per key; a failing lock store sends nothing).
import { describe, expect, test } from "vitest";
import { addService, ConfigurationError, createGiacomClient, serviceOrder, type GiacomClient, type ServiceOrderCreate } from "giacom-sdk";
import { createMemoryStores, MemoryEventBus, StoreUnavailableError, type ChannelListener, type EventBus, type LockStore } from "giacom-sdk/core";
import { createMasStackClient } from "giacom-sdk/masstack";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";
import { createProductOrderingClient } from "giacom-sdk/tmf622";

const LONG_POLL = { initialDelayMs: 60_000, maxDelayMs: 60_000 };

const newLine = (): ServiceOrderCreate =>
  serviceOrder()
    .externalReference("5001", { type: "order_id", name: "ACME Comms" })
    .item(addService("MOBILE_VOICE_SRV_GIACOM_O2").tariff("62231").simType("triple").simSerial("8944201122334455667"))
    .build();

/** A bus that counts the subscriptions in place, around the memory one. */
function countingBus() {
  const inner = new MemoryEventBus();
  let live = 0;
  const bus: EventBus & { readonly live: number } = {
    publish: (channel, message) => inner.publish(channel, message),
    async subscribe(channel: string, listener: ChannelListener) {
      const stop = await inner.subscribe(channel, listener);
      live++;
      return async () => {
        live--;
        await stop();
      };
    },
    get live() {
      return live;
    },
  };
  return bus;
}

function simulator() {
  const sim = createGiacomSimulator({ clock: "manual" });
  const requests: string[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    requests.push(`${init?.method ?? "GET"} ${new URL(url).pathname}`);
    return sim.fetch(url, init);
  };
  const client = (options: Partial<Parameters<typeof createGiacomClient>[0]> = {}): GiacomClient =>
    createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS, fetch, polling: LONG_POLL, ...options });
  return { sim, requests, client };
}

const flush = () => new Promise((wake) => setTimeout(wake, 20));

describe("the stores option", () => {
  const tokenProvider = { getToken: async () => "t" };
  const factories: [string, (stores: unknown) => unknown][] = [
    ["createGiacomClient", (stores) => createGiacomClient({ baseUrl: "https://giacom.example/v2", tokenProvider, stores } as never)],
    ["createProductOrderingClient", (stores) => createProductOrderingClient({ baseUrl: "https://om.example/tmf622", tokenProvider, stores } as never)],
    ["createMasStackClient", (stores) => createMasStackClient({ tokenProvider, stores } as never)],
  ];
  test.each(factories)("%s checks it like any other option", (_, create) => {
    expect(() => create(5)).toThrow(ConfigurationError);
    expect(() => create(5)).toThrow(/stores/);
    expect(() => create({ events: {} })).toThrow(/stores\.events.*publish, subscribe/);
    expect(() => create({ locks: { acquire: 1 } })).toThrow(/stores\.locks/);
    expect(() => create({ tokens: { get: () => undefined } })).toThrow(/stores\.tokens/);
    // What createRedisStores returns has a close() too; partial stores are fine.
    expect(() => create({ ...createMemoryStores(), close: async () => undefined })).not.toThrow();
    expect(() => create({ events: new MemoryEventBus() })).not.toThrow();
  });
});

describe("wake-ups on a shared bus", () => {
  test("a handle is woken by another client's message, and only a usable message costs a read", async () => {
    const { sim, requests, client } = simulator();
    const bus = new MemoryEventBus();
    const giacom = client({ stores: { events: bus } });
    const operation = giacom.serviceOrders.submit(newLine(), { validate: false });
    const { id, version } = await operation.submitted();
    const done = operation.wait();
    await flush(); // the subscription is taken
    await sim.settle();
    const reads = () => requests.filter((r) => r === `GET /v2/serviceOrder/${id}`).length;

    for (const message of ["not json", "[]", JSON.stringify({ id: 42 }), JSON.stringify({ id: "someone-else" }), JSON.stringify({ id, version: "7" })]) {
      await bus.publish("giacom:orders", message);
    }
    // A version the handle already has tells it nothing new.
    await bus.publish("giacom:orders", JSON.stringify({ id, version }));
    await flush();
    expect(reads()).toBe(0);
    expect(operation.lastKnown?.state).toBe("acknowledged");

    await bus.publish("giacom:orders", JSON.stringify({ id, version: (version ?? 0) + 1 }));
    await expect(done).resolves.toMatchObject({ id, state: "completed" });
    expect(reads()).toBe(1);
  });

  test("one subscription per client however many handles wait, none once no handle waits", async () => {
    const { sim, client } = simulator();
    const bus = countingBus();
    const giacom = client({ stores: { events: bus } });
    const operations = [1, 2, 3].map(() => giacom.serviceOrders.submit(newLine(), { validate: false }));
    const submitted = await Promise.all(operations.map((o) => o.submitted()));
    expect(bus.live).toBe(0); // nobody waits yet
    const waits = operations.map((o) => o.wait());
    await flush();
    expect(bus.live).toBe(1);
    await sim.settle();
    for (const { id } of submitted) await bus.publish("giacom:orders", JSON.stringify({ id }));
    await Promise.all(waits);
    await flush();
    expect(bus.live).toBe(0);
  });

  test("a handle whose wait is given up on stops listening", async () => {
    const { client } = simulator();
    const bus = countingBus();
    const giacom = client({ stores: { events: bus } });
    const operation = giacom.serviceOrders.submit(newLine(), { validate: false });
    await operation.submitted();
    const controller = new AbortController();
    const waiting = operation.wait({ signal: controller.signal });
    await flush();
    expect(bus.live).toBe(1);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    await flush();
    expect(bus.live).toBe(0);
  });
});

describe("submit's key lock", () => {
  test("two clients sharing the lock store submit the same key at once: one order, both follow it", async () => {
    const { sim, client } = simulator();
    const stores = createMemoryStores();
    const replicas = [client({ stores }), client({ stores })];
    for (let trial = 0; trial < 20; trial++) {
      const key = `job-${trial}`;
      const followed = await Promise.all(replicas.map((g) => g.serviceOrders.submit(newLine(), { idempotencyKey: key, validate: false }).submitted()));
      expect(followed[0]!.id).toBe(followed[1]!.id);
      expect(sim.serviceOrders.filter((o) => o.externalReference?.some((r) => r.id === key))).toHaveLength(1);
    }
  });

  test("a lock store that fails is a retryable StoreUnavailableError, and nothing is sent", async () => {
    const { sim, requests, client } = simulator();
    const locks: LockStore = { acquire: () => Promise.reject(new Error("connection refused")) };
    const giacom = client({ stores: { locks } });
    const failure = await giacom.serviceOrders
      .submit(newLine(), { idempotencyKey: "job-1", validate: false })
      .submitted()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(failure).toMatchObject({ retryable: true, operation: "lock.acquire" });
    expect(requests.filter((r) => r.includes("serviceOrder"))).toEqual([]);
    expect(sim.serviceOrders).toEqual([]);
  });

  test("a key without idempotencyKey is generated, unique: no lock is taken", async () => {
    const { client } = simulator();
    const locks: LockStore = { acquire: () => Promise.reject(new Error("never asked")) };
    await expect(client({ stores: { locks } }).serviceOrders.submit(newLine(), { validate: false }).submitted()).resolves.toMatchObject({
      state: "acknowledged",
    });
  });

  test("the lock is released once the submission is done: a later submission of the key takes it at once", async () => {
    const { client } = simulator();
    const stores = createMemoryStores();
    const giacom = client({ stores });
    const first = await giacom.serviceOrders.submit(newLine(), { idempotencyKey: "job-again", validate: false }).submitted();
    await flush();
    expect(await stores.locks.acquire("giacom:submit:job-again", { leaseMs: 1_000 })).toBeDefined();
    expect(first.id).toBeDefined();
  });
});
