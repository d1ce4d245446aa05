// The simulator's hub (official TMF638 v4 register/unregister, under each business unit) and its
// events in the TMF688 envelope, delivered to a real listener on 127.0.0.1 on the simulator's
// clock, each one checked against the spec's notification schemas (closed); a unit's listener
// hears only its unit; retries of a refused delivery; a listener's `query`; and the in-process
// notifications.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServiceInventorySimulator, type ServiceInventorySimulatorOptions } from "../../src/tmf638/mock/index.js";
import type { Service } from "../../src/tmf638/generated/types.js";
import { client, eventSchema, expectConforms, FACES, loopbackPassthrough, serve, startListener, type Served } from "./simulator-helpers.js";

const server = setupServer(loopbackPassthrough);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const serviceCreate = () => ({ name: "Fibre 1 Gbps", state: "designed", serviceSpecification: { id: "CFS-BROADBAND" } });

describe.each(FACES)("the hub of the simulator served by its %s face", (face) => {
  let served: Served | undefined;
  let listener: Awaited<ReturnType<typeof startListener>> | undefined;
  afterEach(async () => {
    await served?.close();
    await listener?.close();
    served = listener = undefined;
  });

  async function start(options: ServiceInventorySimulatorOptions = {}, registration: Record<string, unknown> = {}) {
    const sim = createServiceInventorySimulator({ clock: "manual", ...options });
    served = await serve(face, sim, server);
    listener = await startListener();
    const call = client(served);
    const hub = await call<{ id: string; callback: string; query?: string }>("POST", "/TT/hub", { body: { callback: listener.url, ...registration } });
    expect(hub.status).toBe(201);
    const create = async (businessId = "TT") => (await call<Service>("POST", `/${businessId}/service`, { body: serviceCreate() })).body;
    const received = () => listener!.received.map((r) => r.body);
    return { sim, call, hub: hub.body, create, received, listener };
  }

  it("delivers every event of a service's life to a registered listener, in the TMF688 envelope the spec describes", async () => {
    const { sim, call, hub, create, received } = await start();
    expect(hub).toEqual({ id: expect.any(String), callback: listener!.url });
    const service = await create();
    await call("PATCH", `/TT/service/${service.id}`, { body: { description: "Lit" } });
    await call("PATCH", `/TT/service/${service.id}`, { body: { state: "active" } });
    await call("PATCH", `/TT/service/${service.id}`, { body: { state: "inactive", isServiceEnabled: false } });
    await call("DELETE", `/TT/service/${service.id}`);
    await sim.settle();

    for (const event of received()) expectConforms(eventSchema(event.eventType), event, event.eventType);
    expect(received().map((e) => `${e.eventType} ${(e.event as { service: Service }).service.state}`)).toEqual([
      "ServiceCreateEvent designed",
      "ServiceAttributeValueChangeEvent designed",
      "ServiceStateChangeEvent active",
      "ServiceAttributeValueChangeEvent inactive",
      "ServiceStateChangeEvent inactive",
      "ServiceDeleteEvent inactive",
    ]);
    const first = received()[0]!;
    expect(first).toMatchObject({ eventId: expect.any(String), eventTime: expect.any(String), event: { service: { ...service } } });
    expect(new Set(received().map((e) => e.eventId)).size).toBe(received().length);
    expect(sim.deliveries.every((d) => d.status === 201 && d.attempt === 1)).toBe(true);
    expect(sim.deliveries).toHaveLength(6);
  });

  it("delivers a business unit's events to its own listeners only, and a hub is unknown to another unit", async () => {
    const { sim, call, hub, create, received } = await start();
    await create("BB");
    await create("JM");
    await sim.settle();
    expect(received()).toEqual([]);
    await create("TT");
    await sim.settle();
    expect(received().map((e) => e.eventType)).toEqual(["ServiceCreateEvent"]);
    expect((await call("DELETE", `/BB/hub/${hub.id}`)).status).toBe(404);
  });

  it("retries a delivery the listener refused 30 s later on the simulator's clock, at most 3 times", async () => {
    const { sim, create, listener } = await start();
    listener.answer(500, 503, 500, 500);
    await create();
    await sim.advance(0);
    expect(sim.deliveries.map((d) => d.status)).toEqual([500]);
    await sim.advance(29_999);
    expect(sim.deliveries).toHaveLength(1);
    await sim.advance(1);
    expect(sim.deliveries.map((d) => [d.status, d.attempt])).toEqual([
      [500, 1],
      [503, 2],
    ]);
    await sim.advance(86_400_000);
    expect(sim.deliveries.map((d) => [d.event.eventType, d.status, d.attempt])).toEqual([
      ["ServiceCreateEvent", 500, 1],
      ["ServiceCreateEvent", 503, 2],
      ["ServiceCreateEvent", 500, 3],
      ["ServiceCreateEvent", 500, 4],
    ]);
  });

  it("stops delivering to a listener once it is unregistered, and answers 404 for one it does not know", async () => {
    const { sim, call, hub, create, received } = await start();
    await create();
    await sim.advance(0);
    expect(received()).toHaveLength(1);
    expect((await call("DELETE", `/TT/hub/${hub.id}`)).status).toBe(204);
    await create();
    await sim.settle();
    expect(received()).toHaveLength(1);
    expect((await call("DELETE", `/TT/hub/${hub.id}`)).status).toBe(404);
  });

  it("sends a listener registered with query eventType=... only those events, and keeps its query", async () => {
    const { sim, call, hub, create, received } = await start({}, { query: "eventType=ServiceStateChangeEvent,ServiceDeleteEvent" });
    expect(hub.query).toBe("eventType=ServiceStateChangeEvent,ServiceDeleteEvent");
    const service = await create();
    await call("PATCH", `/TT/service/${service.id}`, { body: { state: "active", name: "Renamed" } });
    await call("DELETE", `/TT/service/${service.id}`);
    await sim.settle();
    expect(received().map((e) => e.eventType)).toEqual(["ServiceStateChangeEvent", "ServiceDeleteEvent"]);
  });

  it("refuses a registration without an absolute http(s) callback, or with what a listener does not have (400)", async () => {
    const { call } = await start();
    for (const body of [
      {},
      { callback: "listener" },
      { callback: "ftp://127.0.0.1/x" },
      { callback: listener!.url, query: 1 },
      { callback: listener!.url, colour: "red" },
    ]) {
      expect((await call("POST", "/TT/hub", { body })).status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe("the simulator's notifications", () => {
  it("tell a subscriber every event as it is raised with its business unit, hub or no hub, until it unsubscribes", async () => {
    const sim = createServiceInventorySimulator({ clock: "manual", auth: false });
    const seen: string[] = [];
    const stop = sim.notifications.subscribe((event, meta) => seen.push(`${meta.businessId} ${event.eventType}`));
    const call = client(await serve("fetch", sim));
    const created = await call<Service>("POST", "/JM/service", { body: serviceCreate() });
    await call("DELETE", `/BB/service/${sim.services("BB")[0]!.id}`);
    stop();
    await call("DELETE", `/JM/service/${created.body.id}`);
    expect(seen).toEqual(["JM ServiceCreateEvent", "BB ServiceDeleteEvent"]);
    expect(sim.deliveries).toEqual([]);
  });

  it("sends each event twice, or a batch in reverse, when asked to misbehave", async () => {
    const sim = createServiceInventorySimulator({ clock: "manual", auth: false, events: { duplicate: true, reorder: true } });
    const listener = await startListener();
    try {
      const call = client(await serve("fetch", sim));
      await call("POST", "/TT/hub", { body: { callback: listener.url } });
      const first = (await call<Service>("POST", "/TT/service", { body: serviceCreate() })).body.id;
      const second = (await call<Service>("POST", "/TT/service", { body: serviceCreate() })).body.id;
      await sim.advance(0);
      const ids = listener.received.map((r) => (r.body.event as { service: Service }).service.id);
      expect(ids).toEqual([second, second, first, first]);
    } finally {
      await listener.close();
    }
  });
});
