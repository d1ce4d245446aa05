// Orders followed to the end with the real pieces: the simulator over loopback HTTP, Giacom's
// events delivered to the webhook receiver on 127.0.0.1, order handles waking on them, a
// handle resumed by a new client after a "restart", and submissions under injected faults.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  createGiacomClient,
  serviceOrder,
  addService,
  SubmissionUnknownError,
  type FetchFunction,
  type GiacomClientOptions,
  type ServiceOrderCreate,
} from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type Fault } from "giacom-sdk/mock";
import { createWebhookReceiver, toNodeHandler } from "giacom-sdk/webhooks";
import { WEBHOOK_API_KEYS } from "../../helpers/secrets.js";

const API_KEY = WEBHOOK_API_KEYS.endToEnd;
// A net for a machine under load, not a measurement: no test here waits on the wall clock for
// its outcome, only for the work to get done.
const TEST_TIMEOUT = 60_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function simulator(options: Parameters<typeof createGiacomSimulator>[0] = {}) {
  const sim = createGiacomSimulator({ clock: "manual", ...options });
  const server = await sim.listen();
  closers.push(server.close);
  const client = (extra: Partial<GiacomClientOptions> = {}) =>
    createGiacomClient({
      baseUrl: server.baseUrl,
      tokenUrl: server.tokenUrl,
      credentials: SIMULATOR_CREDENTIALS,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      ...extra,
    });
  return { sim, client };
}

async function receiverServer(receiver: ReturnType<typeof createWebhookReceiver>): Promise<string> {
  const server: Server = createServer(toNodeHandler(receiver));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/giacom/events`;
}

const newLine = (): ServiceOrderCreate =>
  serviceOrder()
    .externalReference("5001", { type: "order_id", name: "ACME Comms" })
    .item(addService("MOBILE_VOICE_SRV_GIACOM_O2").tariff("62231").simType("triple").simSerial("8944201122334455667").enable("BAR_PREMIUM"))
    .build();

describe("order handles with Giacom's webhooks", () => {
  it("resolve from events delivered twice and out of order, and no event is processed twice", { timeout: TEST_TIMEOUT }, async () => {
    const { sim, client } = await simulator({ events: { duplicate: true, reorder: true } });
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const processed: string[] = [];
    const outOfOrder: string[] = [];
    receiver.on("ServiceOrderStateChangeEvent", (event, meta) => {
      processed.push(event.eventId);
      if (meta.outOfOrder) outOfOrder.push(event.event.ServiceOrder.state);
    });
    // A poll interval far longer than the test: only the events can end the wait.
    const giacom = client({ notifications: receiver, polling: { initialDelayMs: 3_600_000, maxDelayMs: 3_600_000 } });
    await giacom.hub.subscribe({ callback: await receiverServer(receiver), apiKey: API_KEY });

    const operation = giacom.serviceOrders.submit(newLine());
    const progress: string[] = [];
    operation.onProgress((o) => progress.push(o.state));
    await operation.submitted();
    await sim.settle();
    await expect(operation).resolves.toMatchObject({ state: "completed" });

    const deliveries = sim.deliveries.filter((d) => d.event.eventType === "ServiceOrderStateChangeEvent");
    expect(deliveries.length).toBeGreaterThan(processed.length); // every event was delivered twice
    expect(new Set(processed).size).toBe(processed.length);
    expect(deliveries.every((d) => d.status === 202)).toBe(true);
    expect(progress.at(-1)).toBe("completed");
  });
});

describe("cancelling through the simulator", () => {
  it("cancels an order in flight (the TMF641 task ends done) and says clearly when it is too late", { timeout: TEST_TIMEOUT }, async () => {
    // In progress for an hour: the cancellation cannot lose a race with the order's completion,
    // however long the machine takes to send it.
    const { sim, client } = await simulator({ clock: "real", timing: { acknowledgedMs: 200, inProgressMs: 3_600_000, cancelMs: 20 } });
    const giacom = client({ polling: { initialDelayMs: 10, maxDelayMs: 20 } });
    const operation = giacom.serviceOrders.submit(newLine());
    await operation.submitted();
    await expect(operation.cancel({ reason: "customer changed their mind" })).resolves.toMatchObject({ state: "done" });
    await expect(operation).rejects.toMatchObject({ name: "OrderFailedError", state: "cancelled" });
    expect(sim.serviceOrders[0]!.state).toBe("cancelled");

    const quick = createGiacomSimulator({ clock: "manual", timing: { acknowledgedMs: 1, inProgressMs: 1 } });
    const server = await quick.listen();
    closers.push(server.close);
    const other = createGiacomClient({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, credentials: SIMULATOR_CREDENTIALS });
    const done = await other.serviceOrders.create(newLine());
    await quick.settle();
    await expect(other.serviceOrders.cancel(done.id)).rejects.toMatchObject({ name: "OrderCancellationError", code: "CANCELLATION_FAILED" });
  });
});

describe("a handle serialised mid-flight", () => {
  it("is resumed by a new client after a restart and completes", { timeout: TEST_TIMEOUT }, async () => {
    const { sim, client } = await simulator();
    const first = client().serviceOrders.submit(newLine());
    await first.submitted();
    const token = JSON.stringify(first);
    // The first process is gone; a new one resumes from the saved token.
    const resumed = client({ polling: { initialDelayMs: 5, maxDelayMs: 20 } }).serviceOrders.resume(token);
    await sim.settle();
    await expect(resumed).resolves.toMatchObject({ id: first.orderId, state: "completed" });
    expect(sim.serviceOrders).toHaveLength(1);
  });
});

/** What a client of the simulator sent: every POST and every lookup (GET with a filter) of /serviceOrder. */
function orderTraffic(hold: "hold first POST" | "pass" = "pass") {
  const posts: string[] = [];
  const lookups: string[] = [];
  let held: { url: string; init: RequestInit } | undefined;
  const fetchOrders: FetchFunction = (url, init) => {
    const { pathname, searchParams } = new URL(url);
    if (pathname.endsWith("/serviceOrder") && init.method === "POST") {
      posts.push(String(init.body));
      if (hold === "hold first POST" && posts.length === 1) {
        // On its way, as far as the caller can tell: no answer comes until the caller gives up
        // (its signal aborts), and the request reaches the simulator only when the test says.
        held = { url, init };
        return new Promise<Response>((_, reject) => {
          const signal = init.signal;
          if (signal?.aborted) reject(signal.reason);
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
        });
      }
    }
    if (pathname.endsWith("/serviceOrder") && init.method === "GET" && searchParams.has("filter")) lookups.push(searchParams.get("filter")!);
    return fetch(url, init);
  };
  return {
    fetch: fetchOrders,
    posts: () => posts.length,
    lookups: () => lookups.length,
    /** Lookups of the submission key `key`. */
    lookupsFor: (key: string) => lookups.filter((filter) => filter.includes(JSON.stringify(key))).length,
    /** Delivers the held POST to the simulator now, as a request Giacom acts on late. */
    release: async (): Promise<Response> => {
      if (!held) throw new Error("no POST /serviceOrder was held");
      // Without the caller's signal: the caller has given up, the request goes on regardless.
      return fetch(held.url, { ...held.init, signal: null });
    },
  };
}

describe("safe submission under injected faults", () => {
  const TRIALS = 25;
  // A wall-clock deadline that nothing has to beat: a POST that is held or slowed ends on it,
  // and each confirming lookup (which runs under the same call options) has it too, so it must
  // be long enough for a loopback request on a loaded machine: seconds, not milliseconds.
  const DEADLINE_MS = 2_000;

  const acted: [string, Fault][] = [
    ["the connection dropped after Giacom created the order", { kind: "drop", when: "after" }],
    ["a truncated 201", { kind: "malformed" }],
  ];
  // The order exists before the client sees the failure: the first lookup finds it.
  it.each(acted)(`creates exactly one order in ${TRIALS} trials when %s`, { timeout: TEST_TIMEOUT }, async (_, fault) => {
    const { sim, client } = await simulator();
    const giacom = client({ submission: { lookupWindowMs: 5, lookupIntervalMs: 5 } });
    let sent = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      sim.fault({ method: "POST", path: "/serviceOrder" }, fault);
      const before = sim.serviceOrders.length;
      const created = await giacom.serviceOrders.submit(newLine(), { validate: false }).submitted();
      expect(sim.serviceOrders.length - before).toBe(1);
      expect(sim.serviceOrders.at(-1)!.id).toBe(created.id);
      sent++;
    }
    expect(sent).toBe(TRIALS);
    expect(sim.serviceOrders).toHaveLength(TRIALS);
  });

  const notActed: [string, Fault][] = [
    ["the connection dropped before Giacom acted", { kind: "drop", when: "before" }],
    ["a 503 answered without acting", { kind: "status", status: 503 }],
  ];
  it.each(notActed)(`never sends twice when %s (${TRIALS} trials); the same key then creates exactly one`, { timeout: TEST_TIMEOUT }, async (_, fault) => {
    const { sim, client } = await simulator();
    const traffic = orderTraffic();
    const giacom = client({ fetch: traffic.fetch, submission: { lookupWindowMs: 5, lookupIntervalMs: 5 } });
    for (let trial = 0; trial < TRIALS; trial++) {
      sim.fault({ method: "POST", path: "/serviceOrder" }, fault);
      const before = sim.serviceOrders.length;
      const postsBefore = traffic.posts();
      const key = `job-${trial}`;
      // No usable answer: a dropped connection, or a 5xx, which may come after Giacom acted.
      // The SDK cannot tell "not yet created" from "never received", and must not send again.
      const error = await giacom.serviceOrders
        .submit(newLine(), { validate: false, idempotencyKey: key })
        .submitted()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SubmissionUnknownError);
      expect(traffic.posts() - postsBefore).toBe(1);
      expect(sim.serviceOrders.length - before).toBe(0);
      const created = await giacom.serviceOrders.submit(newLine(), { validate: false, idempotencyKey: key }).submitted();
      expect(traffic.posts() - postsBefore).toBe(2);
      expect(sim.serviceOrders.length - before).toBe(1);
      expect(sim.serviceOrders.at(-1)!.id).toBe(created.id);
    }
    expect(sim.serviceOrders).toHaveLength(TRIALS);
  });

  it(
    "does not send again when Giacom creates the order after the confirming lookup; resubmitting with the same key adopts it",
    { timeout: TEST_TIMEOUT },
    async () => {
      const { sim, client } = await simulator();
      // The POST is held until the test releases it: Giacom acts on it after the SDK gave up
      // looking for it, whatever the speed of the machine.
      const traffic = orderTraffic("hold first POST");
      const giacom = client({ fetch: traffic.fetch, submission: { lookupWindowMs: 10, lookupIntervalMs: 10 } });
      const error = await giacom.serviceOrders
        .submit(newLine(), { validate: false, timeoutMs: DEADLINE_MS, idempotencyKey: "late-1" })
        .submitted()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SubmissionUnknownError);
      // Once before sending (the key is the caller's), then at least once after the deadline.
      expect(traffic.lookupsFor("late-1"), "the SDK looked for the order before giving up").toBeGreaterThanOrEqual(2);
      expect(traffic.posts()).toBe(1);
      expect(sim.serviceOrders).toHaveLength(0);
      // The late request lands.
      expect((await traffic.release()).status).toBe(201);
      expect(sim.serviceOrders).toHaveLength(1);
      const adopted = await giacom.serviceOrders.submit(newLine(), { validate: false, idempotencyKey: "late-1" }).submitted();
      expect(adopted.id).toBe(sim.serviceOrders[0]!.id);
      expect(traffic.posts()).toBe(1);
      expect(sim.serviceOrders).toHaveLength(1);
    },
  );

  const SLOW_TRIALS = 10;
  it(`creates exactly one order in ${SLOW_TRIALS} trials when the answer is slower than the call's deadline`, { timeout: TEST_TIMEOUT }, async () => {
    const { sim, client } = await simulator();
    // The simulator acts on each POST LATENCY_MS after receiving it. The deadline's timer starts
    // before the request is sent, and is shorter, so it always fires first, however loaded the
    // machine: the outcome is unknown, and the SDK must find the order by looking it up (for as
    // long as the window, far longer than the latency) rather than send it again.
    const LATENCY_MS = 2 * DEADLINE_MS;
    const traffic = orderTraffic();
    const giacom = client({ fetch: traffic.fetch, submission: { lookupWindowMs: 60_000, lookupIntervalMs: 50 } });
    await giacom.services.list(); // a token first: the deadline is then spent on the POST alone
    // The trials run side by side (each with its key), so that they take one latency in all.
    sim.fault({ method: "POST", path: "/serviceOrder" }, { kind: "latency", ms: LATENCY_MS }, { times: SLOW_TRIALS });
    const keys = Array.from({ length: SLOW_TRIALS }, (_, trial) => `slow-${trial}`);
    const created = await Promise.all(
      keys.map((key) => giacom.serviceOrders.submit(newLine(), { validate: false, timeoutMs: DEADLINE_MS, idempotencyKey: key }).submitted()),
    );
    // One POST per trial, none in flight any more, and every trial adopted its own late order.
    expect(traffic.posts()).toBe(SLOW_TRIALS);
    expect(sim.serviceOrders).toHaveLength(SLOW_TRIALS);
    created.forEach((order, trial) => {
      // Once before sending (the key is the caller's), then at least once after the deadline.
      expect(traffic.lookupsFor(keys[trial]!), `trial ${trial} looked its order up after the deadline`).toBeGreaterThanOrEqual(2);
      expect(sim.serviceOrders.find((o) => o.id === order.id)?.externalReference?.map((r) => r.id)).toContain(keys[trial]);
    });
  });
});
