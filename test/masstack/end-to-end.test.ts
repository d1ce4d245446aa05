// MasStack end to end, as a user meets it: the client (service-account JWT assertion, callback
// URLs from the receiver), the simulator on 127.0.0.1 (token endpoint verifying the assertion,
// callbacks POSTed to the URLs of each request) and the callback receiver on its own node:http
// server. Every request the client sends and every answer the simulator gives is checked
// against spec/masstack.openapi.yaml. Time: the simulator's real clock with its short callback
// delay, or its manual clock where the order of events matters (the restart).
import { createServer, type Server } from "node:http";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { AuthError, createMasStackClient, DuplicateWorkflowError, MasStackCallbackError, type MasStackClientOptions } from "giacom-sdk/masstack";
import { createCallbackReceiver, toNodeHandler, type CallbackReceiver } from "giacom-sdk/masstack/callbacks";
import { createMasStackSimulator, type MasStackSimulator, type MasStackSimulatorOptions, type ServiceAccountKey } from "giacom-sdk/masstack/mock";
import { specProblems } from "./client-helpers.js";
import { expectConforms, responseSchema } from "./simulator-helpers.js";
import type { Recorded } from "../helpers/recording-fetch.js";
import { MASSTACK_CALLBACK_SECRETS } from "../helpers/secrets.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** The seed's multisim service details (004 L548-551), as strings (its EID and ICCID are numbers there). */
const MULTISIM = { secondary_eid: "89033023312170000000000000000001", secondary_iccid: "8934011411551283001" };

/**
 * A receiver server whose receiver can be replaced, so that a "restarted" process can take the
 * same public URL: the callbacks of requests sent before the restart still find it.
 */
async function receiverServer(): Promise<{ url: string; use(receiver: CallbackReceiver): void; received: number }> {
  let current: ((req: Parameters<ReturnType<typeof toNodeHandler>>[0], res: Parameters<ReturnType<typeof toNodeHandler>>[1]) => void) | undefined;
  const state = { received: 0 };
  const server: Server = createServer((req, res) => {
    state.received++;
    if (current) current(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/masstack/callbacks`,
    use(receiver) {
      current = toNodeHandler(receiver);
    },
    get received() {
      return state.received;
    },
  };
}

interface World {
  sim: MasStackSimulator;
  account: ServiceAccountKey;
  baseUrl: string;
  tokenUrl: string;
  server: Awaited<ReturnType<typeof receiverServer>>;
  /** Every request the clients sent, with the simulator's answer. */
  traffic: { request: Recorded; status: number; body: string }[];
  /** A fresh process: a receiver (same secret, same URL) and a client on it. */
  process(options?: Partial<MasStackClientOptions>): { receiver: CallbackReceiver; client: ReturnType<typeof createMasStackClient> };
}

async function world(options: MasStackSimulatorOptions = {}): Promise<World> {
  const sim = createMasStackSimulator(options);
  const listening = await sim.listen();
  closers.push(listening.close);
  const account = await sim.createServiceAccount();
  const server = await receiverServer();
  const traffic: World["traffic"] = [];
  // The client's fetch: the wire, recorded, so that each request and answer can be held against the spec.
  const recording = async (url: string, init: RequestInit): Promise<Response> => {
    const request = new Request(url, init);
    const text = request.body ? await request.clone().text() : "";
    const response = await fetch(request);
    if (request.url !== listening.tokenUrl) {
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const body = await response.clone().text();
      traffic.push({
        request: { method: request.method, url: new URL(request.url), headers: request.headers, body: text, json },
        status: response.status,
        body,
      });
    }
    return response;
  };
  return {
    sim,
    account,
    baseUrl: listening.baseUrl,
    tokenUrl: listening.tokenUrl,
    server,
    traffic,
    process(clientOptions = {}) {
      const receiver = createCallbackReceiver({ secret: MASSTACK_CALLBACK_SECRETS.current, url: server.url });
      server.use(receiver);
      const client = createMasStackClient({
        baseUrl: listening.baseUrl,
        serviceAccount: account,
        tokenUrl: listening.tokenUrl,
        callbacks: receiver,
        fetch: recording,
        retry: { baseDelayMs: 10, maxDelayMs: 50 },
        ...clientOptions,
      });
      return { receiver, client };
    },
  };
}

/** Every request of the run is one the spec allows, and every answer one it documents for it. */
function expectTrafficConforms(traffic: World["traffic"]): void {
  expect(traffic.length).toBeGreaterThan(0);
  for (const { request, status, body } of traffic) {
    expect(specProblems(request), `${request.method} ${request.url.pathname}`).toEqual([]);
    const path = request.url.pathname.slice("/v3".length);
    const schema = responseSchema(request.method, path, status);
    expect(schema, `${request.method} ${path} answered ${status}, which the spec does not document`).not.toBeUndefined();
    if (schema === null) expect(body).toBe("");
    else expectConforms(schema!, JSON.parse(body), `${request.method} ${path} ${status}`);
  }
}

describe("MasStack end to end over loopback", () => {
  it("creates a multisim service and resolves on its success callback, service_id as exact digits", async () => {
    const w = await world();
    const { client, receiver } = w.process();
    const seen: unknown[] = [];
    receiver.on("success", (callback) => void seen.push(callback.body));

    const operation = client.services.multisim.create({ service_details: MULTISIM });
    const accepted = await operation.submitted();
    expect(accepted).toMatchObject({ workflowId: operation.workflowId, status: "accepted" });
    const done = await operation;

    expect(done.status).toBe("succeeded");
    expect(done.workflowId).toBe(operation.workflowId);
    // The simulator writes the id as a bare JSON number, as the seed's example does (004 L471).
    // (The simulator records an attempt once the receiver's answer is in: after the handle woke.)
    await expect.poll(() => w.sim.deliveries.find((d) => d.workflowId === operation.workflowId)?.text, { timeout: 20_000 }).toMatch(/"service_id":\d+[,}]/);
    const serviceId = (done.result as { service_id: string }).service_id;
    expect(serviceId).toMatch(/^\d+$/);
    expect(w.sim.service("multisim", serviceId)).toBeDefined();
    expect(seen).toEqual([done.result]);
    // The request carried the receiver's URLs for this workflow, and the workflow id in the header.
    const create = w.traffic.find((t) => t.request.method === "POST")!;
    expect(create.request.headers.get("request-correlation-id")).toBe(operation.workflowId);
    expect(create.request.json).toMatchObject(
      await receiver.urls(operation.workflowId).then((u) => ({ callback_success_url: u.success, callback_error_url: u.error })),
    );
    expectTrafficConforms(w.traffic);
  }, 30_000);

  it("rejects with a typed error on the error callback, and resolves barrings and a promotion on the same client", async () => {
    const w = await world();
    const { client } = w.process();
    w.sim.fault({ operationId: "createService" }, { kind: "errorOutcome", code: "ICCID_IN_USE", title: "The secondary ICCID is in use" }, { times: 1 });

    const failed = client.services.multisim.create({ service_details: MULTISIM });
    const error = await failed.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MasStackCallbackError);
    expect(error).toMatchObject({ apiCode: "ICCID_IN_USE", title: "The secondary ICCID is in use", workflowId: failed.workflowId });
    expect(w.sim.services.filter((s) => s.service_type === "multisim" && s.service_details.secondary_iccid === MULTISIM.secondary_iccid)).toEqual([]);

    // The seed's mobile service (ext curls: /v3/mobile/612123456/...).
    const barring = await client.barrings.update("mobile", "612123456", { barring_name: "ROAMING", active: true });
    expect(barring.result).toEqual({ codeResult: "OK", titleResult: "Barring update was successfully finished" });
    const barrings = await client.barrings.get("mobile", "612123456");
    expect(barrings.appliedBarringsMaskCodes).toContain("ROAMING_MOBILE_LP");
    const promotion = await client.promotions.create("mobile", "612123456", { promotion: { promotion_id: "76", activation_date: "2026-12-01T00:00:00Z" } });
    expect(promotion.code).toBe("CREATED");
    expectTrafficConforms(w.traffic);
  }, 30_000);

  it("handles a duplicated callback once: the handler runs once, the handle resolves once", async () => {
    const w = await world();
    const { client, receiver } = w.process();
    w.sim.fault({ operationId: "createService" }, { kind: "callbackDuplicated" }, { times: 1 });
    const handled: string[] = [];
    const heard: boolean[] = [];
    receiver.on("success", (callback) => void handled.push(callback.workflowId));
    receiver.subscribe((delivery) => void heard.push(delivery.duplicate));

    const operation = client.services.multisim.create({ service_details: MULTISIM });
    await operation;
    await expect.poll(() => w.sim.deliveries.filter((d) => d.workflowId === operation.workflowId && d.status === 200).length, { timeout: 20_000 }).toBe(2);
    expect(handled).toEqual([operation.workflowId]);
    expect(heard).toEqual([false, true]);
  }, 30_000);

  it("resumes a workflow by its id after a restart, whether its callback came before or after", async () => {
    const w = await world({ clock: "manual" });
    const first = w.process();
    const early = first.client.services.multisim.create({ service_details: MULTISIM });
    const late = first.client.services.multisim.create({ service_details: { ...MULTISIM, secondary_iccid: "8934011411551283002" } });
    await Promise.all([early.submitted(), late.submitted()]);
    const saved = [JSON.stringify(early), late.workflowId];

    // The process dies before any callback: a new one takes the same URL with its own memory.
    const second = w.process();
    await w.sim.advance(60_000); // both callbacks reach the new process; nobody waits for them yet
    const resumedFromToken = second.client.operations.resume(saved[0]!);
    const resumedFromId = second.client.operations.resume(saved[1]!);
    const [a, b] = await Promise.all([resumedFromToken, resumedFromId]);
    expect(a).toMatchObject({ workflowId: early.workflowId, status: "succeeded" });
    expect(b).toMatchObject({ workflowId: late.workflowId, status: "succeeded" });

    // And a workflow resumed before its callback comes waits for it.
    const third = w.process();
    const pending = third.client.services.tv.create({ service_details: { package: "basic" } });
    await pending.submitted();
    const fourth = w.process();
    const resumed = fourth.client.operations.resume(pending.workflowId);
    let settled = false;
    void resumed.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await w.sim.advance(60_000);
    await expect(resumed).resolves.toMatchObject({ workflowId: pending.workflowId, status: "succeeded" });
    expectTrafficConforms(w.traffic);
  }, 30_000);

  it("treats a 406 DUPLICATE_WORKFLOW_ID on a resend as accepted: one service, one callback", async () => {
    const w = await world();
    const { client } = w.process();
    // The first attempt is carried out but its answer is lost (a 503): the client resends it.
    w.sim.fault({ operationId: "createService" }, { kind: "duplicateWorkflow", accept: true, answer: 503 }, { times: 1 });
    const before = w.sim.services.length;

    const operation = client.services.multisim.create({ service_details: MULTISIM });
    await expect(operation).resolves.toMatchObject({ status: "succeeded" });
    const sends = w.traffic.filter((t) => t.request.method === "POST");
    expect(sends.map((t) => t.status)).toEqual([503, 406]);
    expect(new Set(sends.map((t) => t.request.headers.get("request-correlation-id")))).toEqual(new Set([operation.workflowId]));
    expect(w.sim.services.length).toBe(before + 1);
    await expect.poll(() => w.sim.deliveries.filter((d) => d.workflowId === operation.workflowId).length, { timeout: 20_000 }).toBe(1);

    // On a first send, the same answer is a typed error: that workflow id was used before.
    const reused = client.services.multisim.create({ service_details: MULTISIM }, { workflowId: operation.workflowId });
    await expect(reused.submitted()).rejects.toBeInstanceOf(DuplicateWorkflowError);
    // The 503 was the injected fault's, not the API's: the request it answered must still conform.
    expect(specProblems(sends[0]!.request)).toEqual([]);
    expectTrafficConforms(w.traffic.filter((t) => t !== sends[0]));
  }, 30_000);

  it("gets its tokens with an assertion the simulator verifies: a key it does not know is refused", async () => {
    const w = await world();
    const { client } = w.process();
    await expect(client.barrings.get("mobile", "612123456")).resolves.toMatchObject({ appliedBarringsMaskCodes: expect.any(Array) });

    // Another simulator's key: signed, well-formed, but not the public key this one was given.
    const stranger = await createMasStackSimulator().createServiceAccount();
    const impostor = w.process({ serviceAccount: { ...stranger, client_email: w.account.client_email, private_key_id: w.account.private_key_id } });
    const error = await impostor.client.barrings.get("mobile", "612123456").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(String((error as AuthError).message)).toMatch(/invalid_grant/);
    // Neither key reaches the error or the client.
    for (const rendering of [inspect(error, { depth: Infinity, showHidden: true }), inspect(impostor.client, { depth: Infinity, showHidden: true })]) {
      expect(rendering).not.toContain(stranger.private_key.split("\n")[1]);
      expect(rendering).not.toContain(w.account.private_key.split("\n")[1]);
    }
  }, 30_000);
});
