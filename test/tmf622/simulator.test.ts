// The TMF622 simulator through each of its faces (its fetch, MSW handlers, its HTTP server): every
// operation of spec/tmf622.openapi.yaml, the official TMF622 v4 rules where the vendor is silent
// (server-owned attributes, `fields`, paging and count headers, merge patch), and an Error with
// `state` for every documented status. The helper validates every answer against the spec with
// closed schemas.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createProductOrderingSimulator, type ProductOrderingSimulatorOptions } from "../../src/tmf622/mock/index.js";
import { routes } from "../../src/tmf622/generated/routes.js";
import type { CancelProductOrder, Hub, ProductOrder } from "../../src/tmf622/generated/types.js";
import { cancelProductOrderCreate, ERROR_STATUSES, fullProductOrder, productOrderCreate, productOrderUpdate } from "./fixtures.js";
import { client, FACES, loopbackPassthrough, schemas, serve, startListener, type Served } from "./simulator-helpers.js";

const server = setupServer(loopbackPassthrough);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const propertiesOf = (name: string) => Object.keys(schemas[name]!.properties as object);

describe.each(FACES)("the TMF622 simulator served by its %s face", (face) => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  async function start(options: ProductOrderingSimulatorOptions = {}) {
    const sim = createProductOrderingSimulator({ clock: "manual", ...options });
    served = await serve(face, sim, server);
    const api = client(served);
    const token = options.auth === false ? undefined : await api.token();
    const call = <T = unknown>(method: string, path: string, more: Parameters<typeof api.call>[2] = {}) =>
      api.call<T>(method, path, { ...(token ? { token } : {}), ...more });
    const create = async (body: unknown = productOrderCreate()) => {
      const answer = await call<ProductOrder>("POST", "/productOrder", { body });
      expect(answer.status).toBe(201);
      return answer.body;
    };
    return { sim, api, token, call, create, served };
  }

  it("answers every operation of the spec on its happy path", async () => {
    const { call, create } = await start();
    const listener = await startListener();
    try {
      const seen = new Set<string>();
      const expectStatus = async (method: string, path: string, status: number, more: Parameters<typeof call>[2] = {}) => {
        const answer = await call(method, path, more);
        expect(answer.status, `${method} ${path}`).toBe(status);
        const route = routes.find((r) => r.method === method && new RegExp(`^${r.path.replaceAll(/\{[^}]+\}/g, "[^/]+")}$`).test(path));
        seen.add(route!.operationId);
        return answer.body;
      };
      const hub = (await expectStatus("POST", "/hub", 201, { body: { callback: listener.url } })) as Hub;
      const order = await create();
      seen.add("createProductOrder");
      await expectStatus("GET", "/productOrder", 200);
      await expectStatus("GET", `/productOrder/${order.id}`, 200);
      await expectStatus("PATCH", `/productOrder/${order.id}`, 200, { body: productOrderUpdate() });
      const task = (await expectStatus("POST", "/cancelProductOrder", 201, {
        body: { ...cancelProductOrderCreate(), productOrder: { id: order.id } },
      })) as CancelProductOrder;
      await expectStatus("GET", "/cancelProductOrder", 200);
      await expectStatus("GET", `/cancelProductOrder/${task.id}`, 200);
      await expectStatus("DELETE", `/productOrder/${order.id}`, 204);
      await expectStatus("DELETE", `/hub/${hub.id}`, 204);
      expect([...seen].sort()).toEqual(routes.map((r) => r.operationId).sort());
    } finally {
      await listener.close();
    }
  });

  it("creates an order as acknowledged, with the id, href, orderDate and item states the server sets", async () => {
    const { call, create } = await start();
    const sent = productOrderCreate();
    const before = Date.now();
    const order = await create(sent);
    expect(order).toMatchObject({ ...sent, state: "acknowledged", "@type": "ProductOrder" });
    expect(order.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(order.orderDate!)).toBeGreaterThanOrEqual(before - 1000);
    expect(order.productOrderItem.map((item) => item.state)).toEqual(["acknowledged", "acknowledged", "acknowledged", "acknowledged"]);
    // The href is where the order is, through the face that answered.
    expect(order.href).toBe(`${served!.baseUrl}/productOrder/${order.id}`);
    const read = await call<ProductOrder>("GET", new URL(order.href!).pathname.slice(new URL(served!.baseUrl).pathname.length));
    expect(read.body).toEqual(order);
  });

  it("accepts every attribute of the official create, items included, and keeps them as sent", async () => {
    const { create } = await start();
    const full = fullProductOrder() as unknown as Record<string, unknown>;
    const createAttributes = propertiesOf("ProductOrder_Create");
    const body = Object.fromEntries(Object.entries(full).filter(([name]) => createAttributes.includes(name)));
    // Item states are the server's too.
    const strip = (items: Record<string, unknown>[]): Record<string, unknown>[] =>
      items.map((item) => {
        const copy = { ...item };
        delete copy.state;
        if (copy.productOrderItem) copy.productOrderItem = strip(copy.productOrderItem as Record<string, unknown>[]);
        return copy;
      });
    body.productOrderItem = strip(body.productOrderItem as Record<string, unknown>[]);
    expect(Object.keys(body).sort()).toEqual([...createAttributes].sort());
    const order = await create(body);
    expect(order).toMatchObject(body);
  });

  it("refuses with 400 a create that sets what the server owns (the attributes the official create skips)", async () => {
    const { call } = await start();
    const owned = propertiesOf("ProductOrder").filter((name) => !propertiesOf("ProductOrder_Create").includes(name));
    expect(owned.sort()).toEqual(["completionDate", "expectedCompletionDate", "href", "id", "orderDate", "state"]);
    const full = fullProductOrder() as unknown as Record<string, unknown>;
    for (const name of owned) {
      const answer = await call<{ message: string }>("POST", "/productOrder", { body: { ...productOrderCreate(), [name]: full[name] } });
      expect(answer.status, name).toBe(400);
      expect(answer.body.message).toContain(`${name} is set by the server`);
    }
    const withItemState = productOrderCreate();
    withItemState.productOrderItem[0]!.state = "completed";
    expect((await call("POST", "/productOrder", { body: withItemState })).status).toBe(400);
  });

  it("refuses with 400 a create without items, an item without id or action, and attributes the spec does not have", async () => {
    const { call, sim } = await start();
    const item = { id: "01", action: "add" };
    const bodies: [string, unknown][] = [
      ["no productOrderItem", { externalId: "x" }],
      ["an empty productOrderItem", { productOrderItem: [] }],
      ["an item without id", { productOrderItem: [{ action: "add" }] }],
      ["an item without action", { productOrderItem: [{ id: "01" }] }],
      ["an unknown action", { productOrderItem: [{ id: "01", action: "upgrade" }] }],
      ["two items with one id", { productOrderItem: [item, item] }],
      ["a nested item without action", { productOrderItem: [{ ...item, productOrderItem: [{ id: "01.1" }] }] }],
      ["an unknown attribute", { productOrderItem: [item], colour: "red" }],
      ["an unknown item attribute", { productOrderItem: [{ ...item, colour: "red" }] }],
      ["a number where a string goes", { productOrderItem: [item], priority: 1 }],
      ["a date that is not a date-time", { productOrderItem: [item], requestedStartDate: "tomorrow" }],
      ["a quantity that is not an integer", { productOrderItem: [{ ...item, quantity: 1.5 }] }],
      ["a list that is not a list", { productOrderItem: [item], note: { text: "x" } }],
      ["not a JSON object", [item]],
      ["not JSON", "{"],
    ];
    for (const [what, body] of bodies) expect((await call("POST", "/productOrder", { body })).status, what).toBe(400);
    expect(sim.productOrders).toEqual([]);
  });

  it("refuses with 415 a create that is not application/json", async () => {
    const { call } = await start();
    const answer = await call("POST", "/productOrder", { body: productOrderCreate(), contentType: "text/plain" });
    expect(answer.status).toBe(415);
  });

  it("selects first-level attributes with fields, always keeping id, href and @type", async () => {
    const { call, create } = await start();
    const order = await create();
    const one = await call<Record<string, unknown>>("GET", `/productOrder/${order.id}`, { query: { fields: "state,externalId" } });
    expect(one.body).toEqual({ id: order.id, href: order.href, "@type": "ProductOrder", state: "acknowledged", externalId: "PARTNER-REF-0002" });
    const list = await call<Record<string, unknown>[]>("GET", "/productOrder", { query: { fields: "productOrderItem" } });
    expect(Object.keys(list.body[0]!).sort()).toEqual(["@type", "href", "id", "productOrderItem"]);
    // A name the order does not have selects nothing; a nested one is refused.
    expect((await call("GET", `/productOrder/${order.id}`, { query: { fields: "colour" } })).body).toEqual({
      id: order.id,
      href: order.href,
      "@type": "ProductOrder",
    });
    expect((await call("GET", `/productOrder/${order.id}`, { query: { fields: "productOrderItem.state" } })).status).toBe(400);
  });

  it("filters lists by attribute (TMF630 equality, a comma list or a repeated parameter), pages them and counts them", async () => {
    const { call, create, sim } = await start();
    const ids: string[] = [];
    for (const externalId of ["A", "B", "C", "D", "E"]) ids.push((await create({ ...productOrderCreate(), externalId })).id!);
    sim.setState(ids[1]!, "inProgress.fallout");
    sim.setState(ids[2]!, "held");
    // The query as written: a literal comma separates list values (TMF630).
    const list = async (query: string) => {
      const answer = await call<ProductOrder[]>("GET", `/productOrder${query}`);
      expect(answer.status).toBe(200);
      return { ids: answer.body.map((o) => o.externalId), total: answer.headers.get("X-Total-Count") };
    };
    expect(await list("")).toEqual({ ids: ["A", "B", "C", "D", "E"], total: "5" });
    expect(await list("?state=inProgress.fallout")).toEqual({ ids: ["B"], total: "1" });
    expect(await list("?state=held,inProgress.fallout")).toEqual({ ids: ["B", "C"], total: "2" });
    expect(await list("?state=held&state=acknowledged")).toEqual({ ids: ["A", "C", "D", "E"], total: "4" });
    expect(await list("?externalId=D&state=acknowledged")).toEqual({ ids: ["D"], total: "1" });
    expect(await list("?productOrderItem.id=01")).toEqual({ ids: [], total: "0" });
    expect(await list("?offset=1&limit=2")).toEqual({ ids: ["B", "C"], total: "5" });
    expect(await list("?offset=4&limit=10")).toEqual({ ids: ["E"], total: "5" });
    expect(await list("?offset=9")).toEqual({ ids: [], total: "5" });
    expect(await list("?limit=0&state=acknowledged")).toEqual({ ids: [], total: "3" });
    expect(await list("?state=held&fields=externalId&limit=1")).toEqual({ ids: ["C"], total: "1" });
    for (const query of ["?offset=-1", "?limit=two", "?limit=1&limit=2", "?sort=orderDate"]) {
      expect((await call("GET", `/productOrder${query}`)).status, query).toBe(400);
    }
  });

  it("keeps a comma that is encoded inside a filter value", async () => {
    const { call, create } = await start();
    await create({ ...productOrderCreate(), externalId: "A,B" });
    await create({ ...productOrderCreate(), externalId: "A" });
    const answer = await call<ProductOrder[]>("GET", "/productOrder?externalId=A%2CB");
    expect(answer.body.map((o) => o.externalId)).toEqual(["A,B"]);
  });

  it("updates an order with a JSON merge patch (or application/json), null removing an attribute", async () => {
    const { call, create } = await start();
    const order = await create();
    const patched = await call<ProductOrder>("PATCH", `/productOrder/${order.id}`, { body: { ...productOrderUpdate(), category: null } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ ...productOrderUpdate(), externalId: order.externalId, state: "acknowledged" });
    expect(patched.body).not.toHaveProperty("category");
    const asJson = await call<ProductOrder>("PATCH", `/productOrder/${order.id}`, { body: { priority: "0" }, contentType: "application/json;charset=utf-8" });
    expect(asJson.body.priority).toBe("0");
    // A new list of items replaces the old one; a new item takes its order's state.
    const items = await call<ProductOrder>("PATCH", `/productOrder/${order.id}`, { body: { productOrderItem: [{ id: "09", action: "noChange" }] } });
    expect(items.body.productOrderItem).toEqual([{ id: "09", action: "noChange", state: "acknowledged" }]);
    expect((await call<ProductOrder>("GET", `/productOrder/${order.id}`)).body).toEqual(items.body);
  });

  it("refuses a PATCH of what cannot change (400), of another media type (415) and of an unknown order (404)", async () => {
    const { call, create } = await start();
    const order = await create();
    const notPatchable = propertiesOf("ProductOrder").filter((name) => !propertiesOf("ProductOrder_Update").includes(name));
    expect(notPatchable.sort()).toEqual(["href", "id", "orderDate"]);
    for (const name of notPatchable) {
      expect((await call("PATCH", `/productOrder/${order.id}`, { body: { [name]: (order as Record<string, unknown>)[name] } })).status, name).toBe(400);
    }
    for (const body of [{ colour: "red" }, { state: "finished" }, { productOrderItem: [] }, { productOrderItem: null }, { state: null }]) {
      expect((await call("PATCH", `/productOrder/${order.id}`, { body })).status, JSON.stringify(body)).toBe(400);
    }
    const jsonPatch = [{ op: "replace", path: "/description", value: "x" }];
    expect((await call("PATCH", `/productOrder/${order.id}`, { body: jsonPatch, contentType: "application/json-patch+json" })).status).toBe(415);
    expect((await call("PATCH", "/productOrder/PO-404", { body: productOrderUpdate() })).status).toBe(404);
    expect((await call<ProductOrder>("GET", `/productOrder/${order.id}`)).body).toEqual(order);
  });

  it("deletes an order (204), after which it is not found (404)", async () => {
    const { call, create, sim } = await start();
    const order = await create();
    expect((await call("DELETE", `/productOrder/${order.id}`)).status).toBe(204);
    for (const method of ["GET", "DELETE"]) expect((await call(method, `/productOrder/${order.id}`)).status, method).toBe(404);
    expect((await call("PATCH", `/productOrder/${order.id}`, { body: productOrderUpdate() })).status).toBe(404);
    await sim.settle();
    expect(sim.productOrders).toEqual([]);
  });

  it.each(ERROR_STATUSES)("answers %i with the vendor's Error, its status in state", async (status) => {
    const { call, create, api, sim } = await start();
    const order = await create();
    const answers: Record<number, () => Promise<{ status: number; body: unknown }>> = {
      400: () => call("POST", "/productOrder", { body: { productOrderItem: [] } }),
      401: () => api.call("GET", `/productOrder/${order.id}`),
      403: async () => {
        sim.fault({ method: "GET", path: /^\/productOrder\// }, { kind: "status", status: 403 });
        return call("GET", `/productOrder/${order.id}`);
      },
      404: () => call("GET", "/productOrder/PO-404"),
      405: () => call("PUT", `/productOrder/${order.id}`, { body: productOrderCreate() }),
      409: async () => {
        sim.setState(order.id!, "completed");
        return call("POST", "/cancelProductOrder", { body: { productOrder: { id: order.id } } });
      },
      500: async () => {
        sim.fault({ path: "/productOrder" }, { kind: "status", status: 500 });
        return call("GET", "/productOrder");
      },
    };
    const answer = await answers[status]!();
    // The helper has checked the body against Error (closed) and its `state`.
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ code: String(status), reason: expect.any(String), message: expect.any(String), state: String(status) });
  });

  it("answers 405 with the methods the path has, and 404 to a path the API does not have", async () => {
    const { call } = await start();
    const put = await call("PUT", "/productOrder/PO-1", { body: productOrderCreate() });
    expect(put.headers.get("Allow")).toBe("GET, PATCH, DELETE");
    expect((await call("POST", "/hub/HUB-1", { body: {} })).headers.get("Allow")).toBe("DELETE");
    expect((await call("GET", "/productOrders")).status).toBe(404);
  });

  it("asks for a bearer token from its token endpoint, 401 without one or with one it did not issue", async () => {
    const { api, call } = await start();
    expect((await api.call("GET", "/productOrder")).status).toBe(401);
    expect((await api.call("GET", "/productOrder", { token: "not-a-token" })).status).toBe(401);
    expect((await call("GET", "/productOrder")).status).toBe(200);
  });

  it("serves without credentials when auth is off", async () => {
    const { call, create } = await start({ auth: false });
    const order = await create();
    expect((await call("GET", `/productOrder/${order.id}`)).status).toBe(200);
  });
});

describe("listen({ auth: false }), for third-party conformance tools", () => {
  it("serves the API without credentials on one server while another of the same simulator asks for them", async () => {
    const sim = createProductOrderingSimulator();
    const open = await serve("http", sim, undefined, { auth: false });
    const guarded = await serve("http", sim);
    try {
      const created = await client(open).call<ProductOrder>("POST", "/productOrder", { body: productOrderCreate() });
      expect(created.status).toBe(201);
      expect(created.body.href).toBe(`${open.baseUrl}/productOrder/${created.body.id}`);
      expect((await client(guarded).call("GET", `/productOrder/${created.body.id}`)).status).toBe(401);
      const token = await client(guarded).token();
      const read = await client(guarded).call<ProductOrder>("GET", `/productOrder/${created.body.id}`, { token });
      // One state; each server links to itself.
      expect(read.body.href).toBe(`${guarded.baseUrl}/productOrder/${created.body.id}`);
    } finally {
      await open.close();
      await guarded.close();
    }
  });

  it("serves the API under the base URL's path, the vendor's v4.0.0.1.0 by default, and another one when asked", async () => {
    const sim = createProductOrderingSimulator({ baseUrl: "https://serverRoot/tmf-api/productOrderingManagement/v4/" });
    expect(sim.baseUrl).toBe("https://serverroot/tmf-api/productOrderingManagement/v4");
    const served = await sim.listen({ auth: false });
    try {
      expect(served.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tmf-api\/productOrderingManagement\/v4$/);
      expect((await client({ ...served, fetch }).call("GET", "/productOrder")).status).toBe(200);
    } finally {
      await served.close();
    }
    expect(createProductOrderingSimulator().baseUrl).toBe("https://simulator.example/tmf-api/productOrderingManagement/v4.0.0.1.0");
  });
});

describe("faults, as giacom-sdk/mock injects them", () => {
  it("delays, rate-limits with the vendor's Error, drops before or after acting, and cuts a body short", async () => {
    const sim = createProductOrderingSimulator({ auth: false, clock: "manual" });
    const served = await serve("fetch", sim);
    const { call } = client(served);
    sim.fault({ path: "/productOrder" }, { kind: "rateLimit", retryAfter: 2 });
    const limited = await call("GET", "/productOrder");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("2");
    sim.fault({ method: "POST", path: "/productOrder" }, { kind: "drop", when: "after" });
    await expect(call("POST", "/productOrder", { body: productOrderCreate() })).rejects.toThrow(TypeError);
    // Dropped after acting: the order exists.
    expect(sim.productOrders).toHaveLength(1);
    sim.fault({ method: "GET", path: "/productOrder" }, { kind: "malformed" });
    const cut = await served.fetch(`${served.baseUrl}/productOrder`);
    expect(cut.status).toBe(200);
    await expect(cut.clone().json()).rejects.toThrow();
    sim.fault({ path: "/productOrder" }, { kind: "latency", ms: 20 }, { times: 2 });
    const started = Date.now();
    expect((await call("GET", "/productOrder")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });
});
