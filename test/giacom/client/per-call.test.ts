// What a user reads from one call without a global hook (`withResponse()`), what a trimmed list
// says, the cancel tasks, the deadline of `cancel()`, and characteristic values read back from
// the document's own bodies.
import { describe, expect, it } from "vitest";
import {
  characteristicValue,
  characteristicValues,
  InvalidArgumentError,
  TimeoutError,
  type CancelServiceOrder,
  type Service,
  type ServiceOrder,
} from "giacom-sdk";
import { listResponse, testClient, TEST_BASE_URL, TEST_TOKEN_URL } from "../../helpers/recording-fetch.js";
import { loadSpec } from "../spec/spec-helpers.js";

const spec = loadSpec();
const documented = <T>(name: string): T => structuredClone(spec.components.examples[name]!.value) as T;
const api = (handler: (url: URL, method: string, index: number) => Response | undefined, options = {}) => {
  let calls = 0;
  return testClient((request) => (request.url.href === TEST_TOKEN_URL ? undefined : handler(request.url, request.method, calls++)), options);
};

describe("withResponse(): one call's response, correlation id and timing", () => {
  it("gives the data with the final response, the correlation id sent and the attempts, after a retried 503", async () => {
    const service = documented<Service>("ServiceMobileVoiceO2");
    const { giacom, apiRequests } = api((_, __, i) =>
      i === 0 ? new Response("busy", { status: 503, headers: { "Retry-After": "0" } }) : Response.json(service, { headers: { "X-Extra": "1" } }),
    );
    const { data, response, correlationId, durationMs, attempts } = await giacom.services.get(service.id!, { retry: { baseDelayMs: 1 } }).withResponse();
    expect(data).toEqual(service);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-extra")).toBe("1");
    expect(attempts).toBe(2);
    expect(apiRequests().map((r) => r.headers.get("X-Correlation-ID"))).toEqual([correlationId, correlationId]);
    expect(durationMs).toBeGreaterThanOrEqual(0);
  });

  it("is there on lists, counts and writes, and a plain await still gives the data alone", async () => {
    const order = documented<ServiceOrder>("ServiceOrderNewLineO2Acknowledged");
    const { giacom } = api((_, method) => (method === "PATCH" ? Response.json(order) : listResponse([order], 3)));
    const listed = await giacom.serviceOrders.list().withResponse();
    expect(listed.data).toMatchObject({ items: [order], totalCount: 3, resultCount: 1 });
    expect(listed.response.headers.get("X-Total-Count")).toBe("3");
    expect(await giacom.serviceOrders.list()).toMatchObject({ items: [order] });
    expect((await giacom.serviceOrders.count().withResponse()).data).toBe(3);
    expect((await giacom.serviceOrders.update(order.id, { description: "x" } as never).withResponse()).data).toEqual(order);
    expect((await giacom.services.findBySubscriberNumber("07800987654").withResponse()).data).toEqual([order]);
  });

  it("is on every method that makes one request, in every namespace", async () => {
    const { giacom } = api(() => Response.json({ id: "x" }));
    // These follow an order or a task over several requests: their results are handles or plain promises.
    const multi = ["serviceOrders.validate", "serviceOrders.submit", "serviceOrders.track", "serviceOrders.resume", "serviceOrders.cancel"];
    const checked: string[] = [];
    const visit = (path: string, namespace: object) => {
      for (const [name, member] of Object.entries(namespace)) {
        if (typeof member === "object" && member !== null) visit(`${path}.${name}`, member as object);
        if (typeof member !== "function" || multi.includes(`${path}.${name}`)) continue;
        const result = (member as (...args: unknown[]) => Promise<unknown>)("x", {});
        result.catch(() => undefined);
        expect(typeof (result as Partial<{ withResponse: unknown }>).withResponse, `${path}.${name}`).toBe("function");
        checked.push(`${path}.${name}`);
      }
    };
    for (const [name, namespace] of Object.entries(giacom)) visit(name, namespace as object);
    expect(checked).toEqual(
      expect.arrayContaining(["hub.subscribe", "hub.unsubscribe", "resources.delete", "serviceOrders.cancellations.get", "appointments.book"]),
    );
    expect(checked.length).toBeGreaterThanOrEqual(25);
  });

  it("rejects bad arguments through the promise (never a synchronous throw), on either face, with nothing unhandled", async () => {
    const { giacom, apiRequests } = api(() => Response.json({}));
    let call: ReturnType<typeof giacom.services.get> | undefined;
    expect(() => (call = giacom.services.get(""))).not.toThrow();
    await expect(call).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(giacom.resources.delete("..").withResponse()).rejects.toMatchObject({ argument: "id" });
    // Only the response face is awaited: the data face must not surface as an unhandled
    // rejection (vitest fails the run on one).
    await expect(giacom.serviceOrders.get("").withResponse()).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(apiRequests()).toHaveLength(0);
  });
});

describe("a list the server trimmed", () => {
  it("says so with `trimmed` when X-Result-Count is below X-Total-Count, and not otherwise", async () => {
    const service = documented<Service>("ServiceMobileVoiceO2");
    let total = 250;
    const { giacom } = api(() => listResponse([service], total));
    expect(await giacom.services.list()).toMatchObject({ resultCount: 1, totalCount: 250, trimmed: true });
    total = 1;
    expect(await giacom.services.list()).toMatchObject({ resultCount: 1, totalCount: 1, trimmed: false });
  });
});

describe("cancel tasks and the deadline of cancel()", () => {
  const task = (state: string) => ({ id: "c-1", state, serviceOrder: { id: "o-1" } }) as CancelServiceOrder;
  const neverEnds = (url: URL, method: string) =>
    method === "POST" ? Response.json(task("acknowledged"), { status: 201 }) : url.pathname.endsWith("/c-1") ? Response.json(task("inProgress")) : undefined;
  const fastPolling = { polling: { initialDelayMs: 1, maxDelayMs: 5 } };

  it("lists, counts and reads the cancel tasks (GET /cancelServiceOrder[/{id}])", async () => {
    const { giacom, apiRequests } = api((url) => (url.pathname.endsWith("/c-1") ? Response.json(task("done")) : listResponse([task("done")], 4)));
    const filter = '$.serviceOrder[?(@.id=="o-1")]';
    expect(await giacom.serviceOrders.cancellations.list({ filter })).toMatchObject({ items: [{ id: "c-1" }], totalCount: 4 });
    expect(await giacom.serviceOrders.cancellations.count()).toBe(4);
    expect(await giacom.serviceOrders.cancellations.get("c-1")).toMatchObject({ state: "done" });
    expect(apiRequests().map((r) => `${r.method} ${r.url.href.slice(TEST_BASE_URL.length)}`)).toEqual([
      `GET /cancelServiceOrder?filter=${encodeURIComponent(filter)}`,
      "GET /cancelServiceOrder?limit=0",
      "GET /cancelServiceOrder/c-1",
    ]);
  });

  it("rejects with a TimeoutError naming the task and its state when the task outlives timeoutMs, and stops polling", async () => {
    const { giacom, apiRequests } = api(neverEnds, fastPolling);
    const error = await giacom.serviceOrders.cancel("o-1", { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "TIMEOUT", timeoutMs: expect.any(Number) });
    expect((error as Error).message).toMatch(/o-1.*c-1 was still inProgress/);
    const polls = apiRequests().length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(apiRequests().length).toBe(polls);
  });

  it("stops following when the caller's signal aborts", async () => {
    const { giacom, apiRequests } = api(neverEnds, fastPolling);
    const controller = new AbortController();
    const cancelling = giacom.serviceOrders.cancel("o-1", { signal: controller.signal });
    while (apiRequests().length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error("shutting down"));
    await expect(cancelling).rejects.toThrow();
    const polls = apiRequests().length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(apiRequests().length).toBe(polls);
  });
});

describe("characteristic values read back", () => {
  it("reads a service's SIM serial and tariff as the document's service shows them", () => {
    const service = documented<Service>("ServiceMobileVoiceO2");
    expect(characteristicValue(service, "SIM_SERIAL")).toBe("8944201122334455667");
    expect(characteristicValue(service, "TARIFF")).toBe("62231");
    expect(characteristicValue(service, "SUBSCRIBER_NUMBER")).toBeUndefined();
    expect(characteristicValue(undefined, "SIM_SERIAL")).toBeUndefined();
  });

  it("reads through an order's items, and gives every value of a multi-valued characteristic", () => {
    const order = documented<ServiceOrder>("ServiceOrderNewLineO2Acknowledged");
    expect(characteristicValue(order, "TARIFF")).toBe("62231");
    expect(characteristicValue(order.serviceOrderItem![0], "SIM_TYPE")).toBe("triple");
    const many = { serviceCharacteristic: [{ id: "FEATURES", value: [{ value: "a" }, { value: "b" }] }] };
    expect(characteristicValues(many, "FEATURES")).toEqual(["a", "b"]);
    expect(characteristicValues({ resourceCharacteristic: [{ id: "SIM_SERIAL", value: [{ value: "894" }] }] }, "SIM_SERIAL")).toEqual(["894"]);
  });
});
