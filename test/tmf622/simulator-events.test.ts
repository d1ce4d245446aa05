// The simulator's hub (TMF622 v4 register/unregister) and its events in the TMF688 envelope,
// delivered to a real listener on 127.0.0.1 on the simulator's clock, each one checked against
// the spec's notification schemas (closed); retries of a refused delivery; a listener's
// `query`; and the in-process notifications a client can subscribe to.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createProductOrderingSimulator, type ProductOrderingSimulatorOptions } from "../../src/tmf622/mock/index.js";
import type { CancelProductOrder, Hub, ProductOrder } from "../../src/tmf622/generated/types.js";
import { hubCreate, productOrderCreate, productOrderUpdate } from "./fixtures.js";
import { client, eventSchema, expectConforms, FACES, loopbackPassthrough, serve, startListener, type Served } from "./simulator-helpers.js";

const server = setupServer(loopbackPassthrough);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe.each(FACES)("the hub of the simulator served by its %s face", (face) => {
  let served: Served | undefined;
  let listener: Awaited<ReturnType<typeof startListener>> | undefined;
  afterEach(async () => {
    await served?.close();
    await listener?.close();
    served = listener = undefined;
  });

  async function start(options: ProductOrderingSimulatorOptions = {}, registration: Record<string, unknown> = {}) {
    const sim = createProductOrderingSimulator({ clock: "manual", auth: false, ...options });
    served = await serve(face, sim, server);
    listener = await startListener();
    const { call } = client(served);
    const hub = await call<Hub>("POST", "/hub", { body: { callback: listener.url, ...registration } });
    expect(hub.status).toBe(201);
    const create = async () => (await call<ProductOrder>("POST", "/productOrder", { body: productOrderCreate() })).body;
    const received = () => listener!.received.map((r) => r.body);
    return { sim, call, hub: hub.body, create, received, listener };
  }

  it("delivers every event of an order's life to a registered listener, in the TMF688 envelope the spec describes", async () => {
    const { sim, call, hub, create, received } = await start();
    expect(hub).toEqual({ id: expect.any(String), callback: listener!.url });
    const order = await create();
    await call("PATCH", `/productOrder/${order.id}`, { body: productOrderUpdate() });
    await sim.settle();
    const other = await create();
    const task = (await call<CancelProductOrder>("POST", "/cancelProductOrder", { body: { productOrder: { id: other.id } } })).body;
    await sim.settle();
    await call("DELETE", `/productOrder/${order.id}`);
    await sim.settle();

    for (const event of received()) expectConforms(eventSchema(event.eventType), event, event.eventType);
    const summary = received().map((e) => {
      const entity =
        (e.event as { productOrder?: ProductOrder; cancelProductOrder?: CancelProductOrder }).productOrder ??
        (e.event as { cancelProductOrder: CancelProductOrder }).cancelProductOrder;
      return `${e.eventType} ${entity.id === task.id ? "task" : entity.id === order.id ? "order" : "other"} ${entity.state}`;
    });
    expect(summary).toEqual([
      "ProductOrderCreateEvent order acknowledged",
      "ProductOrderAttributeValueChangeEvent order acknowledged",
      "ProductOrderStateChangeEvent order inProgress",
      "ProductOrderStateChangeEvent order completed",
      "ProductOrderCreateEvent other acknowledged",
      "CancelProductOrderCreateEvent task accepted",
      "ProductOrderStateChangeEvent other assessingCancellation",
      "CancelProductOrderStateChangeEvent task inProgress",
      "ProductOrderStateChangeEvent other pendingCancellation",
      "CancelProductOrderStateChangeEvent task done",
      "ProductOrderStateChangeEvent other cancelled",
      "ProductOrderDeleteEvent order completed",
    ]);
    const first = received()[0]!;
    expect(first).toMatchObject({ eventId: expect.any(String), eventTime: order.orderDate });
    expect(new Set(received().map((e) => e.eventId)).size).toBe(received().length);
    expect(sim.deliveries.every((d) => d.status === 201 && d.attempt === 1)).toBe(true);
  });

  it("retries a delivery the listener refused 30 s later on the simulator's clock, at most 3 times", async () => {
    // The order stays acknowledged meanwhile: only its create event is delivered.
    const { sim, create, listener } = await start({ timing: { acknowledgedMs: 10 * 86_400_000 } });
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
    // The third retry, the last, is refused too: the event is given up.
    expect(sim.deliveries.map((d) => [d.event.eventType, d.status, d.attempt])).toEqual([
      ["ProductOrderCreateEvent", 500, 1],
      ["ProductOrderCreateEvent", 503, 2],
      ["ProductOrderCreateEvent", 500, 3],
      ["ProductOrderCreateEvent", 500, 4],
    ]);
  });

  it("stops delivering to a listener once it is unregistered, and answers 404 for one it does not know", async () => {
    const { sim, call, hub, create, received } = await start();
    await create();
    await sim.advance(0);
    expect(received()).toHaveLength(1);
    expect((await call("DELETE", `/hub/${hub.id}`)).status).toBe(204);
    await sim.settle();
    expect(received()).toHaveLength(1);
    expect((await call("DELETE", `/hub/${hub.id}`)).status).toBe(404);
  });

  it("sends a listener registered with query eventType=... only those events, and keeps its query", async () => {
    const { sim, hub, create, received } = await start({}, { query: hubCreate().query });
    expect(hub.query).toBe("eventType=ProductOrderStateChangeEvent");
    await create();
    await sim.settle();
    expect(received().map((e) => e.eventType)).toEqual(["ProductOrderStateChangeEvent", "ProductOrderStateChangeEvent"]);
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
      expect((await call("POST", "/hub", { body })).status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe("the simulator's notifications", () => {
  it("tell a subscriber every event as it is raised, hub or no hub, until it unsubscribes", async () => {
    const sim = createProductOrderingSimulator({ clock: "manual", auth: false });
    const seen: string[] = [];
    const stop = sim.notifications.subscribe((event, meta) => seen.push(`${event.eventType} ${meta.duplicate}`));
    const { call } = client(await serve("fetch", sim));
    await call("POST", "/productOrder", { body: productOrderCreate() });
    await sim.advance(1000);
    stop();
    await sim.settle();
    expect(seen).toEqual(["ProductOrderCreateEvent false", "ProductOrderStateChangeEvent false"]);
    expect(sim.deliveries).toEqual([]);
  });

  it("sends each event twice, or a batch in reverse, when asked to misbehave", async () => {
    const sim = createProductOrderingSimulator({ clock: "manual", auth: false, events: { duplicate: true, reorder: true } });
    const listener = await startListener();
    try {
      const { call } = client(await serve("fetch", sim));
      await call("POST", "/hub", { body: { callback: listener.url } });
      await call("POST", "/productOrder", { body: productOrderCreate() });
      await call("POST", "/productOrder", { body: productOrderCreate() });
      await sim.advance(0);
      const ids = listener.received.map((r) => (r.body.event as { productOrder: ProductOrder }).productOrder.id);
      expect(ids).toHaveLength(4);
      expect(ids[0]).toBe(ids[1]);
      expect(ids[2]).toBe(ids[3]);
      const [first, second] = sim.productOrders.map((o) => o.id);
      expect([ids[0], ids[2]]).toEqual([second, first]);
    } finally {
      await listener.close();
    }
  });
});
