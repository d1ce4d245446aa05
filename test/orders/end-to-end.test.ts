// Orders followed to the end with the real pieces: the simulator over loopback HTTP, Giacom's
// events delivered to the webhook receiver on 127.0.0.1, order handles waking on them, a
// handle resumed by a new client after a "restart", and submissions under injected faults.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createGiacomClient, serviceOrder, addService, SubmissionUnknownError, type GiacomClientOptions, type ServiceOrderCreate } from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type Fault } from "giacom-sdk/mock";
import { createWebhookReceiver, toNodeHandler } from "giacom-sdk/webhooks";
import { WEBHOOK_API_KEYS } from "../helpers/secrets.js";

const API_KEY = WEBHOOK_API_KEYS.endToEnd;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function simulator(options: Parameters<typeof createGiacomSimulator>[0] = {}) {
  const sim = createGiacomSimulator(options);
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
  it("resolve from events delivered twice and out of order, and no event is processed twice", async () => {
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
  it("cancels an order in flight (the TMF641 task ends done) and says clearly when it is too late", async () => {
    const { sim, client } = await simulator({ clock: "real", timing: { acknowledgedMs: 200, inProgressMs: 2_000, cancelMs: 20 } });
    const giacom = client({ polling: { initialDelayMs: 10, maxDelayMs: 20 } });
    const operation = giacom.serviceOrders.submit(newLine());
    await operation.submitted();
    await expect(operation.cancel({ reason: "customer changed their mind" })).resolves.toMatchObject({ state: "done" });
    await expect(operation).rejects.toMatchObject({ name: "OrderFailedError", state: "cancelled" });
    expect(sim.serviceOrders[0]!.state).toBe("cancelled");

    const quick = createGiacomSimulator({ timing: { acknowledgedMs: 1, inProgressMs: 1 } });
    const server = await quick.listen();
    closers.push(server.close);
    const other = createGiacomClient({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, credentials: SIMULATOR_CREDENTIALS });
    const done = await other.serviceOrders.create(newLine());
    await quick.settle();
    await expect(other.serviceOrders.cancel(done.id)).rejects.toMatchObject({ name: "OrderCancellationError", code: "CANCELLATION_FAILED" });
  });
});

describe("a handle serialised mid-flight", () => {
  it("is resumed by a new client after a restart and completes", async () => {
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

describe("safe submission under injected faults", () => {
  const TRIALS = 25;
  const cases: [string, Fault][] = [
    ["the connection dropped after Giacom created the order", { kind: "drop", when: "after" }],
    ["a 503 answered without acting", { kind: "status", status: 503 }],
    ["a truncated 201", { kind: "malformed" }],
  ];
  it.each(cases)(`creates exactly one order in ${TRIALS} trials when %s`, async (_, fault) => {
    const { sim, client } = await simulator();
    const giacom = client({ submission: { confirmDelayMs: 5 } });
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

  it(`never sends twice when the connection dropped before Giacom acted (${TRIALS} trials); the same key then creates exactly one`, async () => {
    const { sim, client } = await simulator();
    const giacom = client({ submission: { confirmDelayMs: 5 } });
    for (let trial = 0; trial < TRIALS; trial++) {
      sim.fault({ method: "POST", path: "/serviceOrder" }, { kind: "drop", when: "before" });
      const before = sim.serviceOrders.length;
      const key = `job-${trial}`;
      // No answer at all: the SDK cannot tell "not yet created" from "never received".
      const error = await giacom.serviceOrders
        .submit(newLine(), { validate: false, idempotencyKey: key })
        .submitted()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SubmissionUnknownError);
      expect(sim.serviceOrders.length - before).toBe(0);
      const created = await giacom.serviceOrders.submit(newLine(), { validate: false, idempotencyKey: key }).submitted();
      expect(sim.serviceOrders.length - before).toBe(1);
      expect(sim.serviceOrders.at(-1)!.id).toBe(created.id);
    }
    expect(sim.serviceOrders).toHaveLength(TRIALS);
  });

  it(
    "does not send again when Giacom creates the order after the confirming lookup; resubmitting with the same key adopts it",
    { timeout: 20_000 },
    async () => {
      const { sim, client } = await simulator();
      const giacom = client({ submission: { confirmDelayMs: 10 } });
      sim.fault({ method: "POST", path: "/serviceOrder" }, { kind: "latency", ms: 200 });
      const error = await giacom.serviceOrders
        .submit(newLine(), { validate: false, timeoutMs: 30, idempotencyKey: "late-1" })
        .submitted()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SubmissionUnknownError);
      await new Promise((resolve) => setTimeout(resolve, 250)); // the late request lands
      expect(sim.serviceOrders).toHaveLength(1);
      const adopted = await giacom.serviceOrders.submit(newLine(), { validate: false, idempotencyKey: "late-1" }).submitted();
      expect(adopted.id).toBe(sim.serviceOrders[0]!.id);
      expect(sim.serviceOrders).toHaveLength(1);
    },
  );

  const SLOW_TRIALS = 10;
  it(`creates exactly one order in ${SLOW_TRIALS} trials when the answer is slower than the call's deadline`, { timeout: 20_000 }, async () => {
    const { sim, client } = await simulator();
    // The simulator creates the order 60 ms after receiving it, after the 30 ms deadline ended
    // the call: the confirming lookup, 150 ms later, must find it rather than send again.
    const giacom = client({ submission: { confirmDelayMs: 150 } });
    for (let trial = 0; trial < SLOW_TRIALS; trial++) {
      sim.fault({ method: "POST", path: "/serviceOrder" }, { kind: "latency", ms: 60 });
      const before = sim.serviceOrders.length;
      await giacom.serviceOrders.submit(newLine(), { validate: false, timeoutMs: 30 }).submitted();
      await new Promise((resolve) => setTimeout(resolve, 60)); // let an in-flight request land, if one were left
      expect(sim.serviceOrders.length - before).toBe(1);
    }
  });
});
