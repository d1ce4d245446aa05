import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_API_KEYS } from "../../helpers/secrets.js";
import { createGiacomSimulator, type SimulatorOptions } from "../../../src/giacom/mock/index.js";
import type { ServiceOrder } from "../../../src/giacom/types.js";
import { client, example, expectConforms, loopbackPassthrough, MODES, serve, startListener, type Received, type Served } from "./helpers.js";

const API_KEY = WEBHOOK_API_KEYS.mockEvents;
const kinds = (received: readonly Received[]) => received.map((r) => `${r.body.eventType}:${Object.values(r.body.event)[0]!.state ?? ""}`);

async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/webhook`;
}

describe.each(MODES)("notifications from the simulator (%s)", (mode) => {
  const server = setupServer(loopbackPassthrough);
  let served: Served | undefined;
  let listener: Awaited<ReturnType<typeof startListener>>;
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => {
    await served?.close();
    await listener?.close();
  });
  afterAll(() => server.close());

  async function start(options: SimulatorOptions = {}, credentials: unknown = { type: "apikey", value: API_KEY }) {
    const sim = createGiacomSimulator({ clock: "manual", ...options });
    served = await serve(mode, sim, server);
    listener = await startListener();
    const api = client(served);
    const token = await api.token();
    const hub = await api.call("POST", "/topic/default/hub", { token, body: { callback: listener.url, ...(credentials ? { credentials } : {}) } });
    expect(hub.status).toBe(201);
    const order = async (name: string) => (await api.call("POST", "/serviceOrder", { token, body: example(name) })).body as ServiceOrder;
    return { sim, api, token, hub: hub.body as { id: string }, order };
  }

  it("registers a hub without ever returning its API key", async () => {
    const { hub } = await start();
    expect(hub).toEqual({ id: expect.any(String), callback: listener.url, credentials: { type: "apikey" } });
  });

  it("POSTs each order event to the callback with the API key as Basic, in the documented envelope", async () => {
    const { sim, order } = await start();
    const created = await order("ServiceOrderNewLineO2");
    expect(listener.received).toEqual([]); // a manual clock delivers only when it moves
    await sim.advance(0);
    expect(kinds(listener.received)).toEqual(["ServiceOrderCreateEvent:acknowledged"]);
    const [first] = listener.received;
    expect(first!.headers.authorization).toBe(`Basic ${API_KEY}`);
    expect(first!.headers["content-type"]).toBe("application/json");
    expect(first!.body).toMatchObject({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      eventTime: expect.any(String),
      event: { ServiceOrder: { id: created.id, version: 1 } },
    });
    await sim.settle();
    expect(kinds(listener.received)).toEqual([
      "ServiceOrderCreateEvent:acknowledged",
      "ServiceOrderStateChangeEvent:inProgress",
      "ServiceCreateEvent:active",
      "ServiceOrderStateChangeEvent:completed",
    ]);
    expect(listener.received.map((r) => Object.values(r.body.event)[0]!.version)).toEqual([1, 2, 1, 3]);
    for (const { body } of listener.received) expectConforms({ $ref: `#/components/schemas/${body.eventType}` }, body, body.eventType);
    expect(sim.deliveries.map((d) => [d.callback, d.status, d.attempt])).toEqual(Array(4).fill([listener.url, 202, 1]));
  });

  it("raises service events for changes and ceases, and cancellation events for a cancelled order", async () => {
    const { sim, api, token, order } = await start({}, null);
    await order("ServiceOrderChangeBars");
    await order("ServiceOrderCeaseBoltOn");
    const toCancel = await order("ServiceOrderNewLineO2");
    await api.call("POST", "/cancelServiceOrder", { token, body: { serviceOrder: { id: toCancel.id } } });
    await sim.settle();
    const types = listener.received.map((r) => r.body.eventType);
    expect(types).toContain("ServiceAttributeValueChangeEvent");
    expect(types).toContain("ServiceStateChangeEvent");
    expect(kinds(listener.received).filter((k) => k.startsWith("CancelServiceOrder"))).toEqual([
      "CancelServiceOrderCreateEvent:acknowledged",
      "CancelServiceOrderStateChangeEvent:inProgress",
      "CancelServiceOrderStateChangeEvent:done",
    ]);
    expect(kinds(listener.received)).toContain("ServiceOrderStateChangeEvent:cancelled");
    expect(listener.received.every((r) => r.headers.authorization === undefined)).toBe(true);
    for (const { body } of listener.received) expectConforms({ $ref: `#/components/schemas/${body.eventType}` }, body, body.eventType);
  });

  it("retries a delivery not answered 202 every 30 s on the simulator's clock, at most 3 times", async () => {
    const { sim, order } = await start();
    listener.answer(500, 503);
    await order("ServiceOrderBillLimitOnProvisioning"); // rejected: one event, nothing after it
    await sim.advance(0);
    await sim.advance(29_999);
    expect(sim.deliveries.map((d) => [d.status, d.attempt])).toEqual([[500, 1]]);
    await sim.advance(1);
    await sim.advance(30_000);
    expect(sim.deliveries.map((d) => [d.status, d.attempt])).toEqual([
      [500, 1],
      [503, 2],
      [202, 3],
    ]);
    expect(new Set(listener.received.map((r) => r.body.eventId)).size).toBe(1);

    listener.answer(500, 500, 500, 500, 500);
    await order("ServiceOrderBillLimitOnProvisioning");
    await sim.settle();
    expect(sim.deliveries.slice(3).map((d) => [d.status, d.attempt])).toEqual([
      [500, 1],
      [500, 2],
      [500, 3],
      [500, 4],
    ]);
  });

  it("records a callback that cannot be reached as an error, and retries it", async () => {
    const sim = createGiacomSimulator({ clock: "manual" });
    served = await serve(mode, sim, server);
    listener = await startListener();
    const api = client(served);
    const token = await api.token();
    await api.call("POST", "/topic/default/hub", { token, body: { callback: await closedPort() } });
    await api.call("POST", "/serviceOrder", { token, body: example("ServiceOrderBillLimitOnProvisioning") });
    await sim.settle();
    expect(sim.deliveries.map((d) => [d.status, d.attempt])).toEqual([
      ["error", 1],
      ["error", 2],
      ["error", 3],
      ["error", 4],
    ]);
  });

  it("stops delivering, retries included, once the hub is deleted", async () => {
    const { sim, api, token, hub, order } = await start();
    listener.answer(500);
    await order("ServiceOrderNewLineO2");
    await sim.advance(0);
    expect((await api.call("DELETE", `/topic/default/hub/${hub.id}`, { token })).status).toBe(204);
    await sim.settle();
    expect(listener.received).toHaveLength(1);
    expect((await api.call("DELETE", `/topic/default/hub/${hub.id}`, { token })).status).toBe(404);
  });

  it("refuses a hub without an absolute callback URL or with credentials of another kind", async () => {
    const { api, token } = await start();
    for (const body of [
      {},
      { callback: "not a url" },
      { callback: "ftp://example.com/x" },
      { callback: "https://example.com/x", credentials: { type: "oauth", value: "x" } },
    ]) {
      const answer = await api.call("POST", "/topic/default/hub", { token, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({ code: "ERR_000001" });
    }
  });

  it("delivers every event twice with the same eventId when events.duplicate is set", async () => {
    const { sim, order } = await start({ events: { duplicate: true } });
    await order("ServiceOrderBillLimitOnProvisioning");
    await sim.settle();
    expect(listener.received).toHaveLength(2);
    expect(listener.received[0]!.body.eventId).toBe(listener.received[1]!.body.eventId);
  });

  it("delivers the events that fall due together in reverse order when events.reorder is set", async () => {
    const { sim, order } = await start({ events: { reorder: true } });
    const first = await order("ServiceOrderNewLineO2");
    const second = await order("ServiceOrderBillLimitOnProvisioning");
    await sim.advance(0);
    expect(listener.received.map((r) => r.body.event.ServiceOrder!.id)).toEqual([second.id, first.id]);
    await sim.settle();
    // At completion the service event and the order event fall due together: the order's comes first.
    expect(kinds(listener.received).slice(-2)).toEqual(["ServiceOrderStateChangeEvent:completed", "ServiceCreateEvent:active"]);
  });
});
