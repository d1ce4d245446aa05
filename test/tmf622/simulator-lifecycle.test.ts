// Product orders moving through the vendor's states on the simulator's clock: the default path
// (acknowledged, inProgress, completed) on the manual clock step by step and on the default real
// clock by itself; every outcome `decideOutcome` can inject, a fallout staying until the test
// resolves it; items following their order; cancellation requests; run() and reset(). Answers
// are read through the simulator's fetch and checked against the spec by the helper.
import { describe, expect, it, vi } from "vitest";
import { createProductOrderingSimulator, type ProductOrderingSimulatorOptions, type ProductOrderOutcome } from "../../src/tmf622/mock/index.js";
import type { ProductOrderingEvent } from "../../src/tmf622/generated/events.js";
import type { CancelProductOrder, ProductOrder, ProductOrderState } from "../../src/tmf622/generated/types.js";
import { itemStateFor, productOrderCreate } from "./fixtures.js";
import { client, schemas, serve } from "./simulator-helpers.js";

const ORDER_STATES = schemas.ProductOrderStateType!.enum as ProductOrderState[];

async function start(options: ProductOrderingSimulatorOptions = {}) {
  const sim = createProductOrderingSimulator({ clock: "manual", auth: false, ...options });
  const { call } = client(await serve("fetch", sim));
  const events: ProductOrderingEvent[] = [];
  sim.notifications.subscribe((event) => events.push(event));
  const create = async (body: unknown = productOrderCreate()) => (await call<ProductOrder>("POST", "/productOrder", { body })).body;
  const read = async (id: string) => (await call<ProductOrder>("GET", `/productOrder/${id}`)).body;
  const states = (id: string) =>
    events
      .filter((e) => e.eventType === "ProductOrderStateChangeEvent" && e.event.productOrder.id === id)
      .map((e) => (e.event as { productOrder: ProductOrder }).productOrder.state);
  return { sim, call, events, create, read, states };
}

describe("the lifecycle of a product order", () => {
  it("goes acknowledged, inProgress, completed on the manual clock, one step per advance, its items following", async () => {
    const { sim, create, read, states } = await start();
    const order = await create();
    await sim.advance(999);
    expect((await read(order.id!)).state).toBe("acknowledged");
    await sim.advance(1);
    const started = await read(order.id!);
    expect(started.state).toBe("inProgress");
    expect(started.productOrderItem.map((i) => i.state)).toEqual(["inProgress", "inProgress", "inProgress", "inProgress"]);
    await sim.advance(3000);
    const done = await read(order.id!);
    expect(done).toMatchObject({ state: "completed", completionDate: new Date(Date.parse(order.orderDate!) + 4000).toISOString() });
    expect(done.expectedCompletionDate).toBe(done.completionDate);
    expect(done.productOrderItem.map((i) => i.state)).toEqual(["completed", "completed", "completed", "completed"]);
    expect(states(order.id!)).toEqual(["inProgress", "completed"]);
    await sim.settle();
    expect(states(order.id!)).toEqual(["inProgress", "completed"]);
  });

  it("goes to completed by itself on the default (real) clock, within 0.2 s", async () => {
    const sim = createProductOrderingSimulator({ auth: false });
    const { call } = client(await serve("fetch", sim));
    const order = (await call<ProductOrder>("POST", "/productOrder", { body: productOrderCreate() })).body;
    expect(order.state).toBe("acknowledged");
    // Real time: a wide margin over the 0.2 s the default timing takes.
    await vi.waitFor(async () => expect((await call<ProductOrder>("GET", `/productOrder/${order.id}`)).body.state).toBe("completed"), {
      timeout: 5000,
      interval: 20,
    });
  });

  it("takes the timing it is given", async () => {
    const { sim, create, read } = await start({ timing: { acknowledgedMs: 10, inProgressMs: 20 } });
    const order = await create();
    await sim.advance(29);
    expect((await read(order.id!)).state).toBe("inProgress");
    await sim.advance(1);
    expect((await read(order.id!)).state).toBe("completed");
    expect(() => createProductOrderingSimulator({ timing: { inProgressMs: -1 } })).toThrow(/timing.inProgressMs must be a finite number >= 0/);
    expect(() => createProductOrderingSimulator({ clock: "fast" as "real" })).toThrow(/clock must be "real" or "manual"/);
  });

  it.each<[ProductOrderOutcome, ProductOrderState[]]>([
    ["completed", ["inProgress", "completed"]],
    ["failed", ["inProgress", "failed"]],
    ["rejected", ["rejected"]],
    ["partial", ["inProgress", "partial"]],
  ])("ends %s when decideOutcome says so", async (outcome, path) => {
    const seen: ProductOrder[] = [];
    const { sim, create, read, states } = await start({ decideOutcome: (o) => (seen.push(o), outcome) });
    const order = await create();
    await sim.settle();
    expect(states(order.id!)).toEqual(path);
    // decideOutcome is asked once, with the order as it leaves acknowledged.
    expect(seen).toMatchObject([{ id: order.id, state: "acknowledged" }]);
    const final = await read(order.id!);
    expect(final.state).toBe(outcome);
    expect(final.completionDate !== undefined).toBe(outcome !== "rejected");
  });

  it("gives the items of a partial order completed and failed, and a lone item partial", async () => {
    const { sim, create, read } = await start({ decideOutcome: () => "partial" });
    const two = await create();
    const one = await create({ productOrderItem: [{ id: "01", action: "add" }] });
    await sim.settle();
    expect((await read(two.id!)).productOrderItem.map((i) => i.state)).toEqual(["completed", "failed", "failed", "failed"]);
    expect((await read(one.id!)).productOrderItem.map((i) => i.state)).toEqual(["partial"]);
  });

  it.each<ProductOrderOutcome>(["inProgress.fallout", "held", "pending", "amending", "inProgress.suspended", "inProgress"])(
    "stays %s until the test resolves it with setState",
    async (outcome) => {
      const { sim, create, read, states, events } = await start({ decideOutcome: () => outcome });
      const order = await create();
      await sim.settle();
      await sim.advance(7 * 24 * 3_600_000);
      const stuck = await read(order.id!);
      expect(stuck.state).toBe(outcome);
      expect(stuck.productOrderItem.map((i) => i.state)).toEqual(Array(4).fill(itemStateFor(outcome)));
      expect(stuck.completionDate).toBeUndefined();
      const resolved = sim.setState(order.id!, "completed");
      expect(resolved.state).toBe("completed");
      expect((await read(order.id!)).productOrderItem.map((i) => i.state)).toEqual(Array(4).fill("completed"));
      expect(states(order.id!)).toEqual(outcome === "inProgress" ? ["inProgress", "completed"] : ["inProgress", outcome, "completed"]);
      const asked = events.filter((e) => e.eventType === "ProductOrderInformationRequiredEvent").length;
      expect(asked).toBe(outcome === "pending" ? 1 : 0);
    },
  );

  it("refuses an outcome that is not one, when the order leaves acknowledged", async () => {
    const { sim, create } = await start({ decideOutcome: () => "cancelled" as ProductOrderOutcome });
    await create();
    await expect(sim.settle()).rejects.toThrow(/decideOutcome\(\) returned "cancelled"/);
  });

  it("puts an order in any of the vendor's 21 states with setState, the items in theirs, stopping its schedule", async () => {
    const { sim, create, read } = await start();
    const order = await create();
    expect(ORDER_STATES).toHaveLength(21);
    for (const state of ORDER_STATES) {
      sim.setState(order.id!, state);
      // The helper checks each answer against the spec's enums, closed.
      const now = await read(order.id!);
      expect(now.state).toBe(state);
      const items = state === "partial" ? ["completed", "failed", "failed", "failed"] : Array(4).fill(itemStateFor(state));
      expect(now.productOrderItem.map((i) => i.state)).toEqual(items);
    }
    sim.setState(order.id!, "acknowledged");
    await sim.settle();
    expect((await read(order.id!)).state).toBe("acknowledged");
    expect(() => sim.setState(order.id!, "done" as ProductOrderState)).toThrow(TypeError);
    expect(() => sim.setState("PO-404", "completed")).toThrow(/ProductOrder PO-404 does not exist/);
  });

  it("moves an order with a PATCH of its state, as setState does", async () => {
    const { sim, call, create, read, states } = await start({ decideOutcome: () => "inProgress.fallout" });
    const order = await create();
    await sim.settle();
    const patched = await call<ProductOrder>("PATCH", `/productOrder/${order.id}`, { body: { state: "inProgress" } });
    expect(patched.body.state).toBe("inProgress");
    expect((await read(order.id!)).productOrderItem[0]!.state).toBe("inProgress");
    expect(states(order.id!)).toEqual(["inProgress", "inProgress.fallout", "inProgress"]);
  });

  it("moves the clock while a call is pending with run(), as far as the order needs", async () => {
    const { sim, read, create } = await start();
    const order = await create();
    const until = async (state: ProductOrderState) => {
      while ((await read(order.id!)).state !== state) await new Promise((resolve) => setTimeout(resolve, 1));
      return state;
    };
    await expect(sim.run(until("completed"))).resolves.toBe("completed");
    expect(Date.parse((await read(order.id!)).completionDate!) - Date.parse(order.orderDate!)).toBe(4000);
  });

  it("forgets everything on reset()", async () => {
    const { sim, create, call } = await start();
    const order = await create();
    await call("POST", "/cancelProductOrder", { body: { productOrder: { id: order.id } } });
    sim.fault({ path: "/productOrder" }, { kind: "status", status: 500 });
    sim.reset();
    expect(sim.productOrders).toEqual([]);
    expect(sim.cancellations).toEqual([]);
    expect((await call("GET", "/productOrder")).status).toBe(200);
    await sim.settle();
  });
});

describe("cancelling a product order", () => {
  it("takes the request (201 accepted), then the order goes assessingCancellation, pendingCancellation and cancelled", async () => {
    const { sim, call, create, read, states, events } = await start();
    const order = await create();
    const task = await call<CancelProductOrder>("POST", "/cancelProductOrder", {
      body: { productOrder: { id: order.id }, cancellationReason: "Ordered twice", requestedCancellationDate: "2025-06-06T09:00:00Z" },
    });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ state: "accepted", productOrder: { id: order.id, href: order.href }, cancellationReason: "Ordered twice" });
    expect(task.body.href).toBe(`${sim.baseUrl}/cancelProductOrder/${task.body.id}`);
    expect((await read(order.id!)).state).toBe("assessingCancellation");
    await sim.advance(0);
    expect((await call<CancelProductOrder>("GET", `/cancelProductOrder/${task.body.id}`)).body.state).toBe("inProgress");
    expect((await read(order.id!)).state).toBe("pendingCancellation");
    await sim.advance(1000);
    const done = (await call<CancelProductOrder>("GET", `/cancelProductOrder/${task.body.id}`)).body;
    expect(done.state).toBe("done");
    const cancelled = await read(order.id!);
    expect(cancelled).toMatchObject({ state: "cancelled", cancellationReason: "Ordered twice", cancellationDate: done.effectiveCancellationDate });
    expect(cancelled.productOrderItem.map((i) => i.state)).toEqual(Array(4).fill("cancelled"));
    // The order's own schedule stopped: it never completes.
    await sim.settle();
    expect(states(order.id!)).toEqual(["assessingCancellation", "pendingCancellation", "cancelled"]);
    const taskStates = events
      .filter((e) => e.eventType.startsWith("CancelProductOrder"))
      .map((e) => `${e.eventType}:${(e.event as { cancelProductOrder: CancelProductOrder }).cancelProductOrder.state}`);
    expect(taskStates).toEqual([
      "CancelProductOrderCreateEvent:accepted",
      "CancelProductOrderStateChangeEvent:inProgress",
      "CancelProductOrderStateChangeEvent:done",
    ]);
  });

  it("cancels an order in fallout, held or suspended", async () => {
    const { sim, call, create, read } = await start({ decideOutcome: () => "inProgress.fallout" });
    for (const state of ["inProgress.fallout", "held", "inProgress.suspended", "pending"] as const) {
      const order = await create();
      sim.setState(order.id!, state);
      expect((await call("POST", "/cancelProductOrder", { body: { productOrder: { id: order.id } } })).status, state).toBe(201);
      await sim.settle();
      expect((await read(order.id!)).state).toBe("cancelled");
    }
  });

  it("answers 409 for an order that is over or already being cancelled, 400 for a request that names no order", async () => {
    const { sim, call, create } = await start();
    const order = await create();
    for (const state of ["completed", "failed", "partial", "rejected", "cancelled", "assessingCancellation", "pendingCancellation.fallout"] as const) {
      sim.setState(order.id!, state);
      const answer = await call<{ message: string }>("POST", "/cancelProductOrder", { body: { productOrder: { id: order.id } } });
      expect(answer.status, state).toBe(409);
      expect(answer.body.message).toContain(`it is ${state}`);
    }
    for (const body of [
      {},
      { productOrder: "PO-1" },
      { productOrder: { id: "PO-404" } },
      { productOrder: { id: order.id }, state: "done" },
      { productOrder: { id: order.id }, colour: "red" },
    ]) {
      expect((await call("POST", "/cancelProductOrder", { body })).status, JSON.stringify(body)).toBe(400);
    }
    expect(sim.cancellations).toEqual([]);
    expect((await call("GET", "/cancelProductOrder/CPO-404")).status).toBe(404);
  });

  it("lists cancellation requests with filters, fields and paging", async () => {
    const { call, create } = await start();
    for (const reason of ["one", "two", "three"]) {
      const order = await create();
      await call("POST", "/cancelProductOrder", { body: { productOrder: { id: order.id }, cancellationReason: reason } });
    }
    const list = await call<CancelProductOrder[]>("GET", "/cancelProductOrder?state=accepted&fields=cancellationReason&offset=1");
    expect(list.body.map((t) => Object.keys(t).sort())).toEqual([
      ["cancellationReason", "href", "id"],
      ["cancellationReason", "href", "id"],
    ]);
    expect(list.body.map((t) => t.cancellationReason)).toEqual(["two", "three"]);
    expect(list.headers.get("X-Total-Count")).toBe("3");
  });

  it("ends a cancellation under way with terminatedWithError when its order is deleted", async () => {
    const { sim, call, create } = await start();
    const order = await create();
    const task = (await call<CancelProductOrder>("POST", "/cancelProductOrder", { body: { productOrder: { id: order.id } } })).body;
    await call("DELETE", `/productOrder/${order.id}`);
    await sim.settle();
    expect((await call<CancelProductOrder>("GET", `/cancelProductOrder/${task.id}`)).body.state).toBe("terminatedWithError");
  });
});
