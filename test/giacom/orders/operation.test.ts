// Order handles and safe submission, against a small scripted API behind the injected fetch:
// orders are stored, move when the test says, and requests fail the way the test says.
import { describe, expect, it } from "vitest";
import {
  OrderCancellationError,
  OrderFailedError,
  OrderWaitTimeoutError,
  SUBMISSION_REFERENCE,
  SubmissionUnknownError,
  type OrderEventSource,
  type ServiceOrder,
  type ServiceOrderCreate,
} from "giacom-sdk";
import { testClient, TEST_TOKEN_URL, type Recorded } from "../../helpers/recording-fetch.js";
import { documentedOrder } from "../fixtures/catalogue.js";

type Failure = "timeout" | "drop-before" | "500-before" | "drop-after" | "500-after" | "truncated-after";

function scriptedApi() {
  const orders = new Map<string, ServiceOrder>();
  const failures: Failure[] = [];
  let posts = 0;
  const reset = () => Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }));
  const handler = (r: Recorded): Response | Promise<Response> | undefined => {
    if (r.url.href === TEST_TOKEN_URL) return undefined;
    const path = r.url.pathname.replace("/v2", "");
    if (r.method === "POST" && path === "/serviceOrder") {
      posts++;
      const failure = failures.shift();
      if (failure === "drop-before") return reset();
      if (failure === "500-before") return Response.json({ code: "ERR_500", reason: "internal" }, { status: 500 });
      const body = r.json as ServiceOrderCreate;
      const order: ServiceOrder = {
        ...body,
        id: `order-${orders.size + 1}`,
        state: "acknowledged",
        version: 1,
        serviceOrderItem: body.serviceOrderItem.map((i) => ({ id: i.id, action: i.action, state: "acknowledged", service: {} })),
      } as ServiceOrder;
      orders.set(order.id, order);
      if (failure === "drop-after") return reset();
      if (failure === "timeout") return new Promise<Response>(() => undefined);
      if (failure === "500-after") return Response.json({ code: "ERR_500", reason: "internal" }, { status: 500 });
      if (failure === "truncated-after") return new Response(JSON.stringify(order).slice(0, 20), { status: 201, headers: { "Content-Length": "20" } });
      return Response.json(order, { status: 201 });
    }
    if (r.method === "GET" && path === "/serviceOrder") {
      const filter = r.url.searchParams.get("filter") ?? "";
      const key = /==(".*")\)\]$/.exec(filter)?.[1];
      const found = [...orders.values()].filter((o) => o.externalReference?.some((e) => e.id === JSON.parse(key ?? '""')));
      return Response.json(found, { headers: { "X-Total-Count": String(found.length), "X-Result-Count": String(found.length) } });
    }
    const byId = /^\/serviceOrder\/(.+)$/.exec(path);
    if (r.method === "GET" && byId) {
      const order = orders.get(byId[1]!);
      return order ? Response.json(order) : Response.json({ code: "ERR_404", reason: "not found" }, { status: 404 });
    }
    if (r.method === "POST" && path === "/cancelServiceOrder") {
      const id = (r.json as { serviceOrder: { id: string } }).serviceOrder.id;
      const order = orders.get(id)!;
      if (["completed", "failed", "rejected", "cancelled"].includes(order.state)) {
        return Response.json(
          { code: "ERR_000001", reason: "ERR_000001: Request body validation error at field level", message: `order ${id} is ${order.state}` },
          { status: 400 },
        );
      }
      move(id, "cancelled");
      return Response.json({ id: `task-${id}`, state: "done", serviceOrder: { id } }, { status: 201 });
    }
    return Response.json({ code: "ERR", reason: `unexpected ${r.method} ${path}` }, { status: 500 });
  };
  const move = (id: string, state: string, items = state) => {
    const order = orders.get(id)!;
    const next = { ...order, state, version: (order.version ?? 1) + 1, serviceOrderItem: (order.serviceOrderItem ?? []).map((i) => ({ ...i, state: items })) };
    orders.set(id, next as ServiceOrder);
  };
  return { handler, orders, failures, move, posts: () => posts };
}

const FAST = {
  polling: { initialDelayMs: 5, maxDelayMs: 20 },
  submission: { lookupWindowMs: 10, lookupIntervalMs: 5 },
  retry: { baseDelayMs: 1, maxDelayMs: 2 },
};
const order = () => documentedOrder<ServiceOrderCreate>("ServiceOrderChangeBars");

describe("serviceOrders.submit", () => {
  it("resolves with the completed order and reports each change once", async () => {
    const api = scriptedApi();
    const { giacom } = testClient(api.handler, FAST);
    const operation = giacom.serviceOrders.submit(order(), { validate: false });
    const seen: string[] = [];
    operation.onProgress((o) => seen.push(o.state));
    const created = await operation.submitted();
    expect(created.state).toBe("acknowledged");
    expect(created.externalReference?.some((r) => r.externalReferenceType === SUBMISSION_REFERENCE && r.id === operation.externalReference)).toBe(true);
    setTimeout(() => api.move(created.id, "inProgress"), 30);
    setTimeout(() => api.move(created.id, "completed"), 90);
    await expect(operation).resolves.toMatchObject({ id: created.id, state: "completed" });
    expect(seen).toEqual(["acknowledged", "inProgress", "completed"]);
  });

  it("rejects with OrderFailedError carrying the errorMessage, the item states and the snapshot", async () => {
    for (const end of ["failed", "cancelled", "partial"] as const) {
      const api = scriptedApi();
      const { giacom } = testClient(api.handler, FAST);
      const operation = giacom.serviceOrders.submit(order(), { validate: false });
      const created = await operation.submitted();
      api.move(created.id, end, end === "partial" ? "failed" : end);
      const error = (await operation.wait().catch((e: unknown) => e)) as OrderFailedError;
      expect(error).toBeInstanceOf(OrderFailedError);
      expect(error).toMatchObject({ code: "ORDER_FAILED", state: end, orderId: created.id, items: [{ id: "1", state: end === "partial" ? "failed" : end }] });
      expect(error.order.state).toBe(end);
    }
  });

  it("wakes at once on a matching webhook event and ignores duplicates and older versions", async () => {
    const api = scriptedApi();
    const listeners = new Set<Parameters<OrderEventSource["subscribe"]>[0]>();
    const notifications: OrderEventSource = { subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) };
    const { giacom, apiRequests } = testClient(api.handler, { ...FAST, polling: { initialDelayMs: 60_000, maxDelayMs: 60_000 }, notifications });
    const operation = giacom.serviceOrders.submit(order(), { validate: false });
    const created = await operation.submitted();
    const seen: string[] = [];
    operation.onProgress((o) => seen.push(o.state));
    const send = (state: string, version: number, duplicate = false) =>
      listeners.forEach((l) => l({ eventType: "ServiceOrderStateChangeEvent", event: { ServiceOrder: { ...created, state, version } } }, { duplicate }));
    const waiting = operation.wait();
    send("inProgress", 2);
    send("acknowledged", 1); // late, older: ignored
    send("failed", 9, true); // a duplicate delivery: ignored
    send("completed", 3);
    await expect(waiting).resolves.toMatchObject({ state: "completed" });
    expect(seen).toEqual(["inProgress", "completed"]);
    // No poll was needed: a minute-long poll interval never elapsed.
    expect(apiRequests().filter((r) => r.method === "GET")).toHaveLength(0);
  });

  it("stops waiting on abort or timeout without cancelling the order, and can wait again", async () => {
    const api = scriptedApi();
    const { giacom, apiRequests } = testClient(api.handler, FAST);
    const operation = giacom.serviceOrders.submit(order(), { validate: false });
    const created = await operation.submitted();
    await expect(operation.wait({ timeoutMs: 30 })).rejects.toBeInstanceOf(OrderWaitTimeoutError);
    const controller = new AbortController();
    const aborted = operation.wait({ signal: controller.signal });
    controller.abort(new Error("shutting down"));
    await expect(aborted).rejects.toThrow("shutting down");
    expect(apiRequests().some((r) => r.url.pathname.includes("cancel"))).toBe(false);
    api.move(created.id, "completed");
    await expect(operation.wait()).resolves.toMatchObject({ state: "completed" });
  });

  it("is resumed from its token by another client after a restart", async () => {
    const api = scriptedApi();
    const first = testClient(api.handler, FAST).giacom.serviceOrders.submit(order(), { validate: false });
    const created = await first.submitted();
    const token = JSON.stringify(first);
    expect(JSON.parse(token)).toEqual({ v: 1, orderId: created.id, externalReference: first.externalReference });
    const resumed = testClient(api.handler, FAST).giacom.serviceOrders.resume(token);
    api.move(created.id, "completed");
    await expect(resumed).resolves.toMatchObject({ id: created.id, state: "completed" });
    const tracked = testClient(api.handler, FAST).giacom.serviceOrders.track(created.id);
    await expect(tracked).resolves.toMatchObject({ state: "completed" });
  });
});

describe("cancellation", () => {
  it("creates the cancel task, follows it, and ends the order's handle as cancelled", async () => {
    const api = scriptedApi();
    const { giacom, apiRequests } = testClient(api.handler, FAST);
    const operation = giacom.serviceOrders.submit(order(), { validate: false });
    await operation.submitted();
    const waiting = operation.wait();
    await expect(operation.cancel({ reason: "customer changed their mind" })).resolves.toMatchObject({ state: "done" });
    await expect(waiting).rejects.toMatchObject({ name: "OrderFailedError", state: "cancelled" });
    expect(apiRequests().find((r) => r.url.pathname.endsWith("/cancelServiceOrder"))?.json).toEqual({
      serviceOrder: { id: operation.orderId },
      cancellationReason: "customer changed their mind",
    });
  });

  it("says clearly when the order can no longer be cancelled", async () => {
    const api = scriptedApi();
    const { giacom } = testClient(api.handler, FAST);
    const created = await giacom.serviceOrders.submit(order(), { validate: false }).submitted();
    api.move(created.id, "completed");
    const error = await giacom.serviceOrders.cancel(created.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderCancellationError);
    expect((error as Error).message).toContain(`order ${created.id} is completed`);
  });
});

describe("safe submission", () => {
  const failures: Failure[] = ["drop-after", "timeout", "500-after", "truncated-after"];
  it.each(failures)("adopts the order Giacom created when the answer is lost (%s): never a second order", { timeout: 60_000 }, async (failure) => {
    for (let trial = 0; trial < 20; trial++) {
      const api = scriptedApi();
      api.failures.push(failure);
      const { giacom } = testClient(api.handler, FAST);
      const operation = giacom.serviceOrders.submit(order(), { validate: false, timeoutMs: failure === "timeout" ? 250 : 5_000 });
      const adopted = await operation.submitted();
      expect(api.orders.size).toBe(1);
      expect(adopted.id).toBe([...api.orders.keys()][0]);
    }
  });

  it("never sends again after a 500, even one that came before Giacom acted: it looks up, then says the outcome is unknown", async () => {
    const api = scriptedApi();
    api.failures.push("500-before");
    const { giacom, apiRequests } = testClient(api.handler, { ...FAST, submission: { lookupWindowMs: 20, lookupIntervalMs: 10 } });
    const error = await giacom.serviceOrders
      .submit(order(), { validate: false, idempotencyKey: "job-500" })
      .submitted()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmissionUnknownError);
    expect(api.posts()).toBe(1);
    const calls = apiRequests().map((r) => `${r.method} ${r.url.pathname}`);
    expect(calls.filter((c) => c === "POST /v2/serviceOrder")).toHaveLength(1);
    // The caller's key is looked up first, then again across the lookup window (at least twice).
    expect(calls.slice(0, 2)).toEqual(["GET /v2/serviceOrder", "POST /v2/serviceOrder"]);
    expect(calls.slice(2).length).toBeGreaterThanOrEqual(2);
    expect(calls.slice(2).every((c) => c === "GET /v2/serviceOrder")).toBe(true);
    // The same key, submitted again, is safe: it finds nothing and sends once.
    const created = await giacom.serviceOrders.submit(order(), { validate: false, idempotencyKey: "job-500" }).submitted();
    expect(api.orders.size).toBe(1);
    expect(created.id).toBe("order-1");
  });

  it("adopts an order created behind a 500 that Giacom's search shows only later (the lookup window covers the lag)", async () => {
    const api = scriptedApi();
    api.failures.push("500-after");
    // The search lags: the order is invisible to the first lookups.
    let lookups = 0;
    const lagging = (r: Recorded) => {
      if (r.method === "GET" && r.url.pathname === "/v2/serviceOrder" && ++lookups <= 3)
        return Response.json([], { headers: { "X-Total-Count": "0", "X-Result-Count": "0" } });
      return api.handler(r);
    };
    const { giacom } = testClient(lagging, { ...FAST, submission: { lookupWindowMs: 60_000, lookupIntervalMs: 1 } });
    const adopted = await giacom.serviceOrders.submit(order(), { validate: false }).submitted();
    expect(lookups).toBe(4);
    expect(api.posts()).toBe(1);
    expect(api.orders.size).toBe(1);
    expect(adopted.id).toBe("order-1");
  });

  it("does not send again when no answer came and the lookups find nothing: the request may still land", async () => {
    const api = scriptedApi();
    api.failures.push("drop-before");
    const { giacom, apiRequests } = testClient(api.handler, FAST);
    const error = await giacom.serviceOrders
      .submit(order(), { validate: false, idempotencyKey: "job-7" })
      .submitted()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmissionUnknownError);
    expect((error as SubmissionUnknownError).message).toContain("job-7");
    // A caller's key is looked up first (it may be a resubmission), then once sent, across the window.
    const calls = apiRequests().map((r) => `${r.method} ${r.url.pathname}`);
    expect(calls.slice(0, 2)).toEqual(["GET /v2/serviceOrder", "POST /v2/serviceOrder"]);
    expect(calls.slice(2).length).toBeGreaterThanOrEqual(2);
    expect(calls.slice(2).every((c) => c === "GET /v2/serviceOrder")).toBe(true);
    expect(api.orders.size).toBe(0);
  });

  it("follows the existing order when the same idempotency key is submitted again (after a restart)", async () => {
    const api = scriptedApi();
    const first = await testClient(api.handler, FAST).giacom.serviceOrders.submit(order(), { validate: false, idempotencyKey: "job-42" }).submitted();
    const again = await testClient(api.handler, FAST).giacom.serviceOrders.submit(order(), { validate: false, idempotencyKey: "job-42" }).submitted();
    expect(again.id).toBe(first.id);
    expect(api.orders.size).toBe(1);
  });

  it("does not send again when it cannot find out whether the order exists", async () => {
    const api = scriptedApi();
    api.failures.push("drop-after");
    const broken = (r: Recorded) =>
      r.method === "GET" && r.url.pathname === "/v2/serviceOrder" ? Response.json({ code: "ERR_500", reason: "down" }, { status: 500 }) : api.handler(r);
    const { giacom } = testClient(broken, { ...FAST, retry: false });
    await expect(giacom.serviceOrders.submit(order(), { validate: false }).submitted()).rejects.toBeInstanceOf(SubmissionUnknownError);
    expect(api.posts()).toBe(1);
  });
});
