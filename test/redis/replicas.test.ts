// The clients as replicas of one backend sharing a real redis-server through `stores`: an order
// handle on replica A woken by a message replica B publishes, long before its next poll (Giacom,
// TMF622, MasStack); two replicas submitting the same key at once create one order (100 trials);
// four replicas starting cold fetch one token between them; and when Redis is down, submit fails
// closed (a typed error, nothing sent) while the token cache fails open.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { addService, createGiacomClient, serviceOrder, type GiacomClient, type ServiceOrderCreate } from "giacom-sdk";
import { clientCredentials, isSdkError, serviceAccount, StoreUnavailableError, type Logger } from "giacom-sdk/core";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";
import { createMasStackClient, type CallbackDelivery, type CallbackRouter } from "giacom-sdk/masstack";
import { createRedisStores, nodeRedisConnection, type RedisStores } from "giacom-sdk/redis";
import { addProduct, createProductOrderingClient, productOrder, publishProductOrderChange } from "giacom-sdk/tmf622";
import { createProductOrderingSimulator, SIMULATOR_CREDENTIALS as TMF622_CREDENTIALS } from "giacom-sdk/tmf622/mock";
import { eventually } from "../stores/battery.js";
import { startRedisServer, type RedisServer } from "../helpers/redis.js";

const PREFIX = "replicas-test:";
// Far longer than any wait here: a handle that resolves did not do so by polling (the first
// poll comes between 30 and 60 s, jittered).
const LONG_POLL = { initialDelayMs: 60_000, maxDelayMs: 60_000 };
// "Long before the poll", with room for a busy machine.
const WELL_BEFORE_POLL_MS = 10_000;

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
}, 60_000);
afterAll(async () => {
  await server?.dispose();
});

const newClient = (target: RedisServer) =>
  createClient({ url: target.url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 50, connectTimeout: 2_000 } });
type Client = ReturnType<typeof newClient>;
const opened: { client: Client; stores?: RedisStores }[] = [];
afterEach(async () => {
  for (const { client, stores } of opened.splice(0)) {
    await stores?.close().catch(() => {});
    if (client.isOpen) client.destroy();
  }
});

async function connect(target: RedisServer = server): Promise<Client> {
  const client = newClient(target);
  client.on("error", () => {});
  await client.connect();
  opened.push({ client });
  return client;
}

/** One replica's view of the shared Redis: its own connection, the same prefix as every other replica. */
async function replica(target: RedisServer = server): Promise<RedisStores> {
  const client = await connect(target);
  const stores = createRedisStores({ connection: nodeRedisConnection(client, { onSubscriberError: () => {} }), prefix: PREFIX, retryMs: 10 });
  opened.at(-1)!.stores = stores;
  return stores;
}

/** How many subscribers the channel of the stores' event bus has, across replicas. */
async function subscribers(client: Client, channel: string): Promise<number> {
  const reply = (await client.sendCommand(["PUBSUB", "NUMSUB", `${PREFIX}events:${channel}`])) as unknown[];
  return Number(reply[1]);
}

const newLine = (): ServiceOrderCreate =>
  serviceOrder()
    .externalReference("5001", { type: "order_id", name: "ACME Comms" })
    .item(addService("MOBILE_VOICE_SRV_GIACOM_O2").tariff("62231").simType("triple").simSerial("8944201122334455667"))
    .build();

/** The requests a replica sends to the simulator, as "METHOD path". */
function recorded(fetch: (url: string, init?: RequestInit) => Promise<Response>) {
  const requests: string[] = [];
  return {
    requests,
    fetch: (url: string, init?: RequestInit) => {
      requests.push(`${init?.method ?? "GET"} ${new URL(url).pathname}`);
      return fetch(url, init);
    },
  };
}

describe("wake-ups across replicas", () => {
  test("a Giacom order handle on replica A is woken by replica B's message long before its next poll", { timeout: 60_000 }, async () => {
    const sim = createGiacomSimulator({ clock: "manual" });
    const a = recorded(sim.fetch);
    const giacomA = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS, fetch: a.fetch, polling: LONG_POLL, stores: await replica() });
    const storesB = await replica();
    const observer = await connect();

    const operation = giacomA.serviceOrders.submit(newLine(), { validate: false });
    const { id } = await operation.submitted();
    expect(await subscribers(observer, "giacom:orders")).toBe(0); // nobody waits yet: no subscription
    const done = operation.wait();
    await sim.settle(); // the order completes at Giacom; replica A does not know
    await eventually(async () => expect(await subscribers(observer, "giacom:orders")).toBe(1));
    expect(operation.lastKnown?.state).toBe("acknowledged");

    const sentAt = Date.now();
    await storesB.events.publish("giacom:orders", JSON.stringify({ id }));
    await expect(done).resolves.toMatchObject({ id, state: "completed" });
    expect(Date.now() - sentAt).toBeLessThan(WELL_BEFORE_POLL_MS);
    // The message was a wake-up only: the handle read the order itself, once.
    expect(a.requests.filter((r) => r === `GET /v2/serviceOrder/${id}`)).toHaveLength(1);
    // No handle waits any more: the subscription is gone, so a finished script can exit.
    await eventually(async () => expect(await subscribers(observer, "giacom:orders")).toBe(0));
  });

  test("a TMF622 order handle is woken by publishProductOrderChange from another replica", { timeout: 60_000 }, async () => {
    const sim = createProductOrderingSimulator({ clock: "manual" });
    const a = recorded(sim.fetch as (url: string, init?: RequestInit) => Promise<Response>);
    const client = createProductOrderingClient({
      baseUrl: sim.baseUrl,
      tokenUrl: sim.tokenUrl,
      credentials: TMF622_CREDENTIALS,
      fetch: a.fetch,
      polling: LONG_POLL,
      stores: await replica(),
    });
    const storesB = await replica();
    const observer = await connect();

    const created = await client.productOrders.create(productOrder().item(addProduct("PO-FIBRE-1G")).build());
    const operation = client.productOrders.track(created.id!);
    const done = operation.wait();
    await sim.settle();
    await eventually(async () => expect(await subscribers(observer, "tmf622:orders")).toBe(1));
    const sentAt = Date.now();
    await publishProductOrderChange(storesB.events, created.id!);
    await expect(done).resolves.toMatchObject({ id: created.id, state: "completed" });
    expect(Date.now() - sentAt).toBeLessThan(WELL_BEFORE_POLL_MS);
    await eventually(async () => expect(await subscribers(observer, "tmf622:orders")).toBe(0));
  });

  test("a MasStack handle on replica A finds the callback replica B received, once B says so", { timeout: 60_000 }, async () => {
    // The receivers' shared results, as the callback receiver keeps them with shared stores: here
    // a Redis key the test's own router reads (the CallbackRouter interface, nothing of the receiver).
    const results = await connect();
    const router: CallbackRouter = {
      urls: async (workflowId) => ({
        success: `https://partner.example.com/cb/success/${workflowId}`,
        error: `https://partner.example.com/cb/error/${workflowId}`,
      }),
      subscribe: () => () => undefined,
      async received(workflowId) {
        const kept = await results.get(`${PREFIX}test-results:${workflowId}`);
        return kept === null ? undefined : { ...(JSON.parse(kept) as Omit<CallbackDelivery, "receivedAt">), receivedAt: new Date() };
      },
    };
    const masstack = createMasStackClient({ tokenProvider: { getToken: async () => "unused" }, callbacks: router, stores: await replica() });
    const storesB = await replica();
    const observer = await connect();

    const workflowId = crypto.randomUUID();
    const operation = masstack.operations.resume(workflowId);
    const done = operation.wait({ timeoutMs: 600_000 });
    await eventually(async () => expect(await subscribers(observer, "masstack:workflows")).toBe(1));
    // Replica B's receiver accepted the callback: kept in the shared results, then announced.
    const delivery = { workflowId, outcome: "success", body: { code: 200, title: "OK", service_id: "8837" }, duplicate: false };
    await results.set(`${PREFIX}test-results:${workflowId}`, JSON.stringify(delivery));
    const sentAt = Date.now();
    await storesB.events.publish("masstack:workflows", JSON.stringify({ workflowId }));
    await expect(done).resolves.toEqual({ workflowId, status: "succeeded", result: delivery.body });
    expect(Date.now() - sentAt).toBeLessThan(WELL_BEFORE_POLL_MS);
    await eventually(async () => expect(await subscribers(observer, "masstack:workflows")).toBe(0));
  });
});

describe("submit's key lock across replicas", () => {
  async function replicasOf(sim: ReturnType<typeof createGiacomSimulator>, withLocks: boolean): Promise<GiacomClient[]> {
    const clients: GiacomClient[] = [];
    for (let i = 0; i < 2; i++) {
      const stores = await replica();
      clients.push(
        createGiacomClient({
          environment: "uat",
          credentials: SIMULATOR_CREDENTIALS,
          fetch: sim.fetch,
          polling: LONG_POLL,
          stores: withLocks ? stores : { events: stores.events },
        }),
      );
    }
    return clients;
  }

  /** Both replicas submit `key` at once; the ids of the orders they follow, and how many the simulator holds. */
  async function trial(sim: ReturnType<typeof createGiacomSimulator>, clients: GiacomClient[], key: string) {
    const followed = await Promise.all(clients.map((giacom) => giacom.serviceOrders.submit(newLine(), { idempotencyKey: key, validate: false }).submitted()));
    const created = sim.serviceOrders.filter((o) => o.externalReference?.some((r) => r.id === key && r.externalReferenceType === "submission_id"));
    return { ids: followed.map((o) => o.id), created: created.length };
  }

  test("two replicas submitting the same key at once create one order, in each of 100 trials", { timeout: 120_000 }, async () => {
    const sim = createGiacomSimulator({ clock: "manual" });
    const clients = await replicasOf(sim, true);
    const outcomes: { ids: string[]; created: number }[] = [];
    for (let batch = 0; batch < 10; batch++) {
      outcomes.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => trial(sim, clients, `job-${batch}-${i}-${crypto.randomUUID()}`)))));
    }
    expect(outcomes).toHaveLength(100);
    for (const { ids, created } of outcomes) {
      expect(created).toBe(1);
      expect(ids[0]).toBe(ids[1]); // both follow the one order
    }
    expect(sim.serviceOrders).toHaveLength(100);
  });

  test("without the lock store the same race creates two orders: the trial above can fail", { timeout: 60_000 }, async () => {
    const sim = createGiacomSimulator({ clock: "manual" });
    const clients = await replicasOf(sim, false);
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => trial(sim, clients, `race-${i}-${crypto.randomUUID()}`)));
    expect(outcomes.some((o) => o.created === 2)).toBe(true);
  });
});

describe("the token cache across replicas", () => {
  let tokenServer: Server;
  let tokenUrl: string;
  let issued = 0;
  beforeAll(async () => {
    // A token endpoint that counts what it issues, slow enough that replicas starting together overlap.
    tokenServer = createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        issued++;
        setTimeout(() => {
          response.setHeader("Content-Type", "application/json");
          response.end(JSON.stringify({ access_token: `counted-token-${issued}`, token_type: "Bearer", expires_in: 3600 }));
        }, 200);
      });
    });
    await new Promise<void>((resolve) => tokenServer.listen(0, "127.0.0.1", resolve));
    tokenUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/oauth2/token`;
  });
  afterAll(async () => {
    await new Promise((resolve) => tokenServer?.close(resolve));
  });

  test("four replicas starting cold send one token request between them, and a fifth one later sends none", { timeout: 60_000 }, async () => {
    issued = 0;
    const clientId = `client-${crypto.randomUUID()}`;
    const providers = await Promise.all(
      Array.from({ length: 4 }, async () => clientCredentials({ tokenUrl, clientId, clientSecret: "counted-secret", stores: await replica() })),
    );
    const tokens = await Promise.all(providers.map((p) => p.getToken()));
    expect(issued).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(["counted-token-1"]));

    const late = clientCredentials({ tokenUrl, clientId, clientSecret: "counted-secret", stores: await replica() });
    expect(await late.getToken()).toBe("counted-token-1");
    expect(issued).toBe(1);
    // Another client id (or scope) has a token of its own.
    const other = clientCredentials({ tokenUrl, clientId: `${clientId}-other`, clientSecret: "counted-secret", stores: await replica() });
    expect(await other.getToken()).toBe("counted-token-2");
  });

  test("the service account's token is shared the same way", { timeout: 60_000 }, async () => {
    issued = 0;
    const pair = (await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const der = Buffer.from(await crypto.subtle.exportKey("pkcs8", pair.privateKey)).toString("base64");
    const key = { client_email: `sa-${crypto.randomUUID()}@example.com`, private_key: `-----BEGIN PRIVATE KEY-----\n${der}\n-----END PRIVATE KEY-----\n` };
    const providers = await Promise.all(Array.from({ length: 4 }, async () => serviceAccount({ key, tokenUrl, stores: await replica() })));
    const tokens = await Promise.all(providers.map((p) => p.getToken()));
    expect(issued).toBe(1);
    expect(new Set(tokens).size).toBe(1);
  });

  test("Giacom clients given the stores share their token", { timeout: 60_000 }, async () => {
    const sim = createGiacomSimulator();
    const tokenRequests: string[] = [];
    const fetch = (url: string, init?: RequestInit) => {
      if (url.endsWith("/oauth2/token")) tokenRequests.push(url);
      return sim.fetch(url, init);
    };
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () => createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS, fetch, stores: await replica() })),
    );
    await Promise.all(clients.map((giacom) => giacom.services.list()));
    expect(tokenRequests).toHaveLength(1);
  });
});

describe("when Redis is down", () => {
  let down: RedisServer;
  beforeAll(async () => {
    down = await startRedisServer();
  }, 60_000);
  afterAll(async () => {
    await down?.dispose();
  });
  // A test that failed while the server was down must not leave it down for the next one.
  afterEach(async () => {
    if (down && !down.running) await down.start();
  });

  test("submit with a key fails closed: a retryable StoreUnavailableError, and nothing is sent", { timeout: 60_000 }, async () => {
    const stores = await replica(down);
    await down.stop();
    const sim = createGiacomSimulator({ clock: "manual" });
    const a = recorded(sim.fetch);
    const giacom = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS, fetch: a.fetch, stores });
    const failure = await giacom.serviceOrders
      .submit(newLine(), { idempotencyKey: "job-down-1", validate: false })
      .submitted()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(isSdkError(failure) && failure.retryable).toBe(true);
    expect(a.requests.filter((r) => !r.endsWith("/oauth2/token"))).toEqual([]);
    expect(sim.serviceOrders).toEqual([]);
  });

  test("the token cache fails open: each replica fetches its own token, reported once, never showing it", { timeout: 60_000 }, async () => {
    const stores = await replica(down);
    await down.stop();
    const lines: string[] = [];
    const logger: Logger = { warn: (message, meta) => lines.push(`${message} ${JSON.stringify(meta)}`) };
    const sim = createGiacomSimulator();
    let tokenRequests = 0;
    const fetch = (url: string, init?: RequestInit) => {
      if (url.endsWith("/oauth2/token")) tokenRequests++;
      return sim.fetch(url, init);
    };
    const giacom = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS, fetch, stores, logger });
    await giacom.services.list();
    await giacom.services.list();
    expect(tokenRequests).toBe(1);
    const cacheLines = lines.filter((l) => l.includes("shared token cache"));
    expect(cacheLines).toHaveLength(1);
    expect(lines.join("\n")).not.toMatch(/sim_[0-9a-f]{32}/);
  });

  test("wake-ups fail open: a handle whose subscription fails goes on polling to its end, reported once", { timeout: 60_000 }, async () => {
    const stores = await replica(down);
    await down.stop();
    const lines: string[] = [];
    const logger: Logger = { warn: (message) => lines.push(message) };
    const sim = createGiacomSimulator();
    const giacom = createGiacomClient({
      environment: "uat",
      credentials: SIMULATOR_CREDENTIALS,
      fetch: sim.fetch,
      polling: { initialDelayMs: 50, maxDelayMs: 100 },
      stores,
      logger,
    });
    const orders = [giacom.serviceOrders.submit(newLine(), { validate: false }), giacom.serviceOrders.submit(newLine(), { validate: false })];
    await expect(Promise.all(orders)).resolves.toMatchObject([{ state: "completed" }, { state: "completed" }]);
    await eventually(() => expect(lines.filter((l) => l.includes("wake-ups"))).toHaveLength(1));
    // A later handle tries to subscribe again, fails again, and is not reported again.
    await expect(giacom.serviceOrders.submit(newLine(), { validate: false })).resolves.toMatchObject({ state: "completed" });
    await new Promise((wake) => setTimeout(wake, 3_000)); // beyond the store's command timeout (2 s)
    expect(lines.filter((l) => l.includes("wake-ups"))).toHaveLength(1);
  });
});
