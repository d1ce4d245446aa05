import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createGiacomSimulator, defaultSeed, SIMULATOR_CREDENTIALS } from "../../../src/giacom/mock/index.js";
import { Clock } from "../../../src/core/simulator/clock.js";
import type { ServiceOrder } from "../../../src/giacom/types.js";
import { client, example, loopbackPassthrough, startListener, type Served } from "./helpers.js";

describe("the simulator object", () => {
  const server = setupServer(loopbackPassthrough);
  const open: Served[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  afterAll(() => server.close());

  it("accepts the documented default credentials and serves MSW handlers for the API, the hub and the token endpoint", () => {
    expect(SIMULATOR_CREDENTIALS).toEqual({ clientId: "sim-client", clientSecret: "sim-secret" });
    expect(createGiacomSimulator().handlers).toHaveLength(3);
  });

  it("intercepts the baseUrl and tokenUrl it is given in MSW mode", async () => {
    const sim = createGiacomSimulator({ baseUrl: "https://giacom.test/v2/", tokenUrl: "https://auth.giacom.test/token" });
    server.use(...sim.handlers);
    open.push({ baseUrl: "", tokenUrl: "", close: async () => server.resetHandlers() });
    const api = client({ baseUrl: "https://giacom.test/v2", tokenUrl: "https://auth.giacom.test/token", close: async () => undefined });
    const token = await api.token();
    expect((await api.call("GET", "/service/7", { token })).status).toBe(200);
  });

  it("runs orders on wall-clock time with clock: real, without advance()", async () => {
    const sim = createGiacomSimulator({ clock: "real", timing: { acknowledgedMs: 5, inProgressMs: 5 } });
    const served = await sim.listen();
    open.push(served);
    const api = client(served);
    const token = await api.token();
    const order = (await api.call("POST", "/serviceOrder", { token, body: example("ServiceOrderNewLineO2") })).body as ServiceOrder;
    await vi.waitFor(async () => expect(((await api.call("GET", `/serviceOrder/${order.id}`, { token })).body as ServiceOrder).state).toBe("completed"), {
      timeout: 5000,
      interval: 20,
    });
  });

  it("orders against what earlier orders created: a bolt-on on a line provisioned by the simulator", async () => {
    const sim = createGiacomSimulator({ clock: "manual" });
    const served = await sim.listen();
    open.push(served);
    const api = client(served);
    const token = await api.token();
    const line = (await api.call("POST", "/serviceOrder", { token, body: example("ServiceOrderNewLineO2") })).body as ServiceOrder;
    await sim.settle();
    const boltOn = example("ServiceOrderAddBoltOn") as { serviceOrderItem: { service: { serviceRelationship: { service: { id: string } }[] } }[] };
    boltOn.serviceOrderItem[0]!.service.serviceRelationship[0]!.service.id = line.serviceOrderItem![0]!.service!.id!;
    const added = (await api.call("POST", "/serviceOrder", { token, body: boltOn })).body as ServiceOrder;
    expect(added.state).toBe("acknowledged");
  });

  it("hands out copies: changing a snapshot changes nothing in the simulator", () => {
    const sim = createGiacomSimulator();
    sim.services[0]!.state = "terminated";
    expect(sim.services[0]!.state).toBe("inactive");
    expect(sim.resources).toEqual(defaultSeed().resources);
  });

  it("goes back to the seed on reset(): no orders, hubs, faults or deliveries, and services as seeded", async () => {
    const sim = createGiacomSimulator({ clock: "manual" });
    const served = await sim.listen();
    open.push(served);
    const listener = await startListener();
    try {
      const api = client(served);
      const token = await api.token();
      await api.call("POST", "/topic/default/hub", { token, body: { callback: listener.url } });
      await api.call("POST", "/serviceOrder", { token, body: example("ServiceOrderCeaseService") });
      await sim.settle();
      sim.fault({ path: "/service" }, { kind: "status", status: 500 });
      expect(sim.services.find((s) => s.id === "7")!.state).toBe("terminated");
      expect(sim.deliveries.length).toBeGreaterThan(0);
      const deliveredBefore = listener.received.length;

      sim.reset();
      expect([sim.serviceOrders, sim.deliveries]).toEqual([[], []]);
      expect(sim.services).toEqual(defaultSeed().services);
      const fresh = await api.token();
      expect((await api.call("GET", "/service", { token: fresh })).status).toBe(200);
      await api.call("POST", "/serviceOrder", { token: fresh, body: example("ServiceOrderBillLimitOnProvisioning") });
      await sim.settle();
      expect(listener.received).toHaveLength(deliveredBefore); // nothing after the reset: the hub is gone
    } finally {
      await listener.close();
    }
  });

  it("progresses orders by itself on its default clock, with no advance() or settle()", async () => {
    const sim = createGiacomSimulator();
    const api = client({
      baseUrl: "https://api.uat.integrations.giacom.com/v2",
      tokenUrl: "https://auth.uat.integrations.giacom.com/oauth2/token",
      close: async () => undefined,
    });
    server.use(...sim.handlers);
    open.push({ baseUrl: "", tokenUrl: "", close: async () => server.resetHandlers() });
    const token = await api.token();
    const order = (await api.call("POST", "/serviceOrder", { token, body: example("ServiceOrderNewLineO2") })).body as ServiceOrder;
    expect(order.state).toBe("acknowledged");
    // A wide bound on real time: the default timing ends an order within 0.2 s.
    await vi.waitFor(async () => expect(((await api.call("GET", `/serviceOrder/${order.id}`, { token })).body as ServiceOrder).state).toBe("completed"), {
      timeout: 10_000,
      interval: 20,
    });
  });

  it("refuses a negative advance and option values it cannot use", async () => {
    expect(() => createGiacomSimulator({ clock: "fast" as "real" })).toThrow('createGiacomSimulator(): clock must be "real" or "manual"');
    await expect(createGiacomSimulator().advance(-1)).rejects.toThrow(RangeError);
    expect(() => createGiacomSimulator({ timing: { inProgressMs: -5 } })).toThrow(RangeError);
    expect(() => createGiacomSimulator({ tokenTtlSeconds: Number.NaN })).toThrow(RangeError);
  });
});

describe("the simulator's clock", () => {
  it("runs changes due at one instant before that instant's deliveries, which run as one batch", async () => {
    const seen: string[] = [];
    const clock = new Clock("manual", (batch) => [...batch].reverse());
    clock.schedule(10, "delivery", () => void seen.push("d1"));
    clock.schedule(10, "change", () => {
      seen.push("c1");
      clock.schedule(0, "delivery", () => void seen.push("d2"));
    });
    clock.schedule(5, "change", () => void seen.push("c0"));
    await clock.advance(9);
    expect(seen).toEqual(["c0"]);
    await clock.advance(1);
    expect(seen).toEqual(["c0", "c1", "d2", "d1"]);
  });

  it("gives up settling after 10,000 steps of a task that keeps rescheduling itself", async () => {
    const clock = new Clock("manual", (batch) => batch);
    const again = () => void clock.schedule(1, "change", again);
    again();
    await expect(clock.settle()).rejects.toThrow(/10000 steps/);
  });
});

describe("the simulator's in-process fetch", () => {
  const UAT = "https://api.uat.integrations.giacom.com/v2";
  const TOKEN = "https://auth.uat.integrations.giacom.com/oauth2/token";
  const token = async (fetch: (input: string, init?: RequestInit) => Promise<Response>) => {
    const answer = await fetch(TOKEN, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${btoa("sim-client:sim-secret")}` },
      body: "grant_type=client_credentials",
    });
    return ((await answer.json()) as { access_token: string }).access_token;
  };

  it("answers the token endpoint and the API at the UAT URLs, with no MSW and no socket", async () => {
    const sim = createGiacomSimulator();
    const bearer = await token(sim.fetch);
    const answer = await sim.fetch(new URL(`${UAT}/service/7`), { headers: { Authorization: `Bearer ${bearer}`, "X-Correlation-ID": "c-1" } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-correlation-id")).toBe("c-1");
    expect(await answer.json()).toMatchObject({ id: "7" });
    expect((await sim.fetch(new Request(`${UAT}/service/7`))).status).toBe(401);
    expect((await sim.fetch("https://elsewhere.example/v2/service")).status).toBe(404);
  });

  it("rejects as fetch does: a TypeError for a dropped connection, the signal's reason for an abort", async () => {
    const sim = createGiacomSimulator();
    const bearer = await token(sim.fetch);
    const init = { headers: { Authorization: `Bearer ${bearer}` } };
    sim.fault({ path: "/service/7" }, { kind: "drop", when: "before" });
    await expect(sim.fetch(`${UAT}/service/7`, init)).rejects.toThrow(new TypeError("fetch failed"));
    sim.fault({ path: "/service/7" }, { kind: "latency", ms: 60_000 });
    const abort = new AbortController();
    const held = sim.fetch(`${UAT}/service/7`, { ...init, signal: abort.signal });
    abort.abort(new Error("given up"));
    await expect(held).rejects.toThrow("given up");
  });
});

describe("the simulator's notifications", () => {
  it("hands every event to its subscribers as it is raised, hub or no hub, until they unsubscribe", async () => {
    const sim = createGiacomSimulator({ clock: "manual" });
    const seen: string[] = [];
    const stop = sim.notifications.subscribe((event, meta) => {
      expect(meta).toEqual({ duplicate: false });
      seen.push(`${event.eventType} ${(event.event as { ServiceOrder?: ServiceOrder }).ServiceOrder?.state ?? ""}`.trim());
    });
    // A failing subscriber changes nothing for the simulator or the others.
    sim.notifications.subscribe(() => {
      throw new Error("a subscriber's bug");
    });
    const bearer = await (
      await sim.fetch("https://auth.uat.integrations.giacom.com/oauth2/token", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${btoa("sim-client:sim-secret")}` },
        body: "grant_type=client_credentials",
      })
    ).json();
    const post = () =>
      sim.fetch("https://api.uat.integrations.giacom.com/v2/serviceOrder", {
        method: "POST",
        headers: { Authorization: `Bearer ${(bearer as { access_token: string }).access_token}`, "Content-Type": "application/json" },
        body: JSON.stringify(example("ServiceOrderNewLineO2")),
      });
    expect((await post()).status).toBe(201);
    expect(seen).toEqual(["ServiceOrderCreateEvent acknowledged"]);
    await sim.advance(1_000);
    expect(seen.at(-1)).toBe("ServiceOrderStateChangeEvent inProgress");
    stop();
    await sim.settle();
    expect(seen.at(-1)).toBe("ServiceOrderStateChangeEvent inProgress");
    expect(sim.serviceOrders.map((o) => o.state)).toEqual(["completed"]);
  });
});
