// The TMF622 client at the network edge: every method's request as it goes on the wire (method,
// URL, headers, body validated against spec/tmf622.openapi.yaml with closed schemas), its answer
// decoded, every documented error status as a typed error carrying the vendor's Error body, the
// three ways to authenticate, and header credentials that never leak.
import { inspect } from "node:util";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  createProductOrderingClient,
  InvalidArgumentError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  ProductOrderCancellationError,
  ServerError,
  TmfApiError,
  type ProductOrder,
  type ProductOrderingClientOptions,
  type RequestHookInfo,
} from "giacom-sdk/tmf622";
import { createValidator, loadSpecFile, deref, operations, type JsonObject } from "../helpers/spec.js";
import { TEST_TOKEN, TEST_TOKEN_URL, type Recorded } from "../helpers/recording-fetch.js";
import { TMF622_API_KEY } from "../helpers/secrets.js";
import {
  cancelProductOrder,
  ERROR_STATUSES,
  errorBody,
  fullProductOrder,
  hub,
  hubCreate,
  productOrderCreate,
  productOrderIn,
  productOrdersInEveryState,
  productOrderUpdate,
} from "./fixtures.js";
import { API_ROOT, AUTH, json, pathOf, tmf622Client } from "./client-helpers.js";

const spec = loadSpecFile("tmf622.openapi.yaml");
const validate = createValidator(spec, { closed: true });

/** The schema of an operation's request body. */
function requestSchema(operationId: string): JsonObject {
  const found = operations(spec).find(({ op }) => op.operationId === operationId)!;
  const body = deref(spec, found.op.requestBody as JsonObject);
  return (Object.values(body.content as JsonObject)[0] as JsonObject).schema as JsonObject;
}

const wire = (r: Recorded) => ({ method: r.method, path: pathOf(r), contentType: r.headers.get("content-type"), body: r.json });

describe("productOrders on the wire", () => {
  it("get: GET /productOrder/{id}, header credentials, the order as the API sent it", async () => {
    const order = fullProductOrder();
    const { client, requests } = tmf622Client(() => json(order));
    const got = await client.productOrders.get("PO-1001/a");
    expect(got).toEqual(order);
    expectTypeOf(got).toEqualTypeOf<ProductOrder>();
    expect(wire(requests[0]!)).toEqual({ method: "GET", path: "/productOrder/PO-1001%2Fa", contentType: null, body: undefined });
    expect(requests[0]!.url.href.startsWith(`${API_ROOT}/productOrder/`)).toBe(true);
    expect(requests[0]!.headers.get("x-api-key")).toBe(TMF622_API_KEY);
    expect(requests[0]!.headers.get("authorization")).toBeNull();
    expect(requests[0]!.headers.get("x-correlation-id")).toMatch(/\S/);
  });

  it("get with fields: asks for those first-level attributes as fields=a,b and types the projection", async () => {
    const { id, href, state, productOrderItem } = productOrderIn("inProgress");
    const { client, requests } = tmf622Client(() => json({ id, href, "@type": "ProductOrder", state, productOrderItem }));
    const order = await client.productOrders.get("PO-2005", { fields: ["state", "productOrderItem"] });
    expect(pathOf(requests[0]!)).toBe("/productOrder/PO-2005?fields=state,productOrderItem");
    expect(order.state).toBe("inProgress");
    expectTypeOf(order).toEqualTypeOf<Pick<ProductOrder, "state" | "productOrderItem" | "id" | "href" | "@type">>();
    // @ts-expect-error a projection has only the attributes asked for
    void order.description;
    // @ts-expect-error fields are first-level attributes of ProductOrder
    const nested = () => client.productOrders.get("PO-2005", { fields: ["productOrderItem.state"] });
    expect(typeof nested).toBe("function");
  });

  it("get refuses an unusable id or fields list before sending", async () => {
    const { client, requests } = tmf622Client(() => json({}));
    await expect(client.productOrders.get("")).rejects.toMatchObject({ argument: "id" });
    await expect(client.productOrders.get("..")).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.productOrders.get("PO-1", { fields: [] })).rejects.toMatchObject({ argument: "options.fields" });
    await expect(client.productOrders.get("PO-1", { fields: ["state,id" as "state"] })).rejects.toMatchObject({ argument: "options.fields" });
    expect(requests).toHaveLength(0);
  });

  it("list: one page with offset, limit, attribute filters and fields; the counts from the headers", async () => {
    const orders = productOrdersInEveryState().slice(0, 3);
    const { client, requests } = tmf622Client(() => json(orders, 200, { "X-Total-Count": "21", "X-Result-Count": "3" }));
    const page = await client.productOrders.list({ state: "inProgress", offset: 6, limit: 3, fields: ["state", "orderDate"] });
    expect(pathOf(requests[0]!)).toBe("/productOrder?state=inProgress&offset=6&limit=3&fields=state,orderDate");
    expect(page).toEqual({ items: orders, totalCount: 21, resultCount: 3, trimmed: true });
    expectTypeOf(page.items[0]!).toEqualTypeOf<Pick<ProductOrder, "state" | "orderDate" | "id" | "href" | "@type">>();
    await client.productOrders.list();
    expect(pathOf(requests[1]!)).toBe("/productOrder");
  });

  it("count: limit=0 with the filters, the number from X-Total-Count", async () => {
    const { client, requests } = tmf622Client(() => json([], 200, { "X-Total-Count": "7", "X-Result-Count": "0" }));
    await expect(client.productOrders.count({ state: "held" })).resolves.toBe(7);
    expect(pathOf(requests[0]!)).toBe("/productOrder?state=held&limit=0");
  });

  it("listAll: every order, page after page, keeping the filters and fields", async () => {
    const all = productOrdersInEveryState();
    const { client, requests } = tmf622Client((r) => {
      const offset = Number(r.url.searchParams.get("offset"));
      const limit = Number(r.url.searchParams.get("limit"));
      const page = all.slice(offset, offset + limit);
      return json(page, 200, { "X-Total-Count": String(all.length), "X-Result-Count": String(page.length) });
    });
    const seen: (string | undefined)[] = [];
    for await (const order of client.productOrders.listAll({ fields: ["state"] }, { pageSize: 8 })) seen.push(order.state);
    expect(seen).toEqual(all.map((o) => o.state));
    expect(requests.map(pathOf)).toEqual([
      "/productOrder?fields=state&offset=0&limit=8",
      "/productOrder?fields=state&offset=8&limit=8",
      "/productOrder?fields=state&offset=16&limit=8",
    ]);
  });

  it("create: POST /productOrder with the order as JSON, valid against ProductOrder_Create", async () => {
    const order = productOrderCreate();
    const created = { ...productOrderIn("acknowledged"), ...order, id: "PO-9", href: `${API_ROOT}/productOrder/PO-9`, state: "acknowledged" as const };
    const { client, requests } = tmf622Client(() => json(created, 201));
    await expect(client.productOrders.create(order)).resolves.toEqual(created);
    expect(wire(requests[0]!)).toEqual({ method: "POST", path: "/productOrder", contentType: "application/json", body: order });
    expect(validate(requestSchema("createProductOrder"), requests[0]!.json)).toEqual([]);
  });

  it("create: an answer without the order's id is an InvalidResponseError (nothing could follow it)", async () => {
    const { client } = tmf622Client(() => json({ state: "acknowledged", productOrderItem: [] }, 201));
    await expect(client.productOrders.create(productOrderCreate())).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("update: PATCH /productOrder/{id} as a JSON merge patch (application/merge-patch+json)", async () => {
    const patch = productOrderUpdate();
    const { client, requests } = tmf622Client(() => json({ ...productOrderIn("inProgress"), ...patch }));
    const updated = await client.productOrders.update("PO-2005", patch);
    expect(updated.description).toBe(patch.description);
    expect(wire(requests[0]!)).toEqual({ method: "PATCH", path: "/productOrder/PO-2005", contentType: "application/merge-patch+json", body: patch });
    expect(validate(requestSchema("patchProductOrder"), requests[0]!.json)).toEqual([]);
  });

  it("delete: DELETE /productOrder/{id}, 204, nothing returned", async () => {
    const { client, requests } = tmf622Client(() => new Response(null, { status: 204 }));
    await expect(client.productOrders.delete("PO-2005")).resolves.toBeUndefined();
    expect(wire(requests[0]!)).toEqual({ method: "DELETE", path: "/productOrder/PO-2005", contentType: null, body: undefined });
  });

  it("cancel: creates a cancel task for the order and follows it until done", async () => {
    const task = cancelProductOrder();
    let polls = 0;
    const { client, requests } = tmf622Client((r) => {
      if (r.method === "POST") return json({ ...task, productOrder: { id: "PO-2005" }, cancellationReason: "Ordered twice" }, 201);
      return json({ ...task, state: ++polls < 2 ? "inProgress" : "done" });
    });
    const done = await client.productOrders.cancel("PO-2005", { reason: "Ordered twice" });
    expect(done.state).toBe("done");
    expect(requests.map(wire)).toEqual([
      {
        method: "POST",
        path: "/cancelProductOrder",
        contentType: "application/json",
        body: { productOrder: { id: "PO-2005" }, cancellationReason: "Ordered twice" },
      },
      { method: "GET", path: "/cancelProductOrder/CPO-1", contentType: null, body: undefined },
      { method: "GET", path: "/cancelProductOrder/CPO-1", contentType: null, body: undefined },
    ]);
    expect(validate(requestSchema("createCancelProductOrder"), requests[0]!.json)).toEqual([]);
  });

  it("cancel: a refusal (409) or a task that ends terminatedWithError is a ProductOrderCancellationError", async () => {
    const refused = tmf622Client(() => json(errorBody(409), 409));
    const error = (await refused.client.productOrders.cancel("PO-2005").catch((e: unknown) => e)) as ProductOrderCancellationError;
    expect(error).toBeInstanceOf(ProductOrderCancellationError);
    expect(error).toMatchObject({ orderId: "PO-2005", code: "CANCELLATION_FAILED" });
    expect(error.cause).toBeInstanceOf(ConflictError);
    const failed = tmf622Client((r) =>
      json({ ...cancelProductOrder(), state: r.method === "POST" ? "accepted" : "terminatedWithError" }, r.method === "POST" ? 201 : 200),
    );
    const ended = (await failed.client.productOrders.cancel("PO-2005").catch((e: unknown) => e)) as ProductOrderCancellationError;
    expect(ended).toBeInstanceOf(ProductOrderCancellationError);
    expect(ended.task?.state).toBe("terminatedWithError");
  });

  it("cancel: timeoutMs bounds the whole cancellation; the task goes on", async () => {
    const { client } = tmf622Client((r) => json({ ...cancelProductOrder(), state: "inProgress" }, r.method === "POST" ? 201 : 200));
    await expect(client.productOrders.cancel("PO-2005", { timeoutMs: 50 })).rejects.toMatchObject({ code: "TIMEOUT", timeoutMs: expect.any(Number) });
  });

  it("cancellations: list with paging and get by id", async () => {
    const task = cancelProductOrder();
    const { client, requests } = tmf622Client((r) => (r.url.pathname.endsWith("/CPO-1") ? json(task) : json([task], 200, { "X-Total-Count": "1" })));
    await expect(client.productOrders.cancellations.list({ offset: 0, limit: 10 })).resolves.toMatchObject({ items: [task], totalCount: 1 });
    await expect(client.productOrders.cancellations.get("CPO-1")).resolves.toEqual(task);
    expect(requests.map(pathOf)).toEqual(["/cancelProductOrder?offset=0&limit=10", "/cancelProductOrder/CPO-1"]);
  });
});

describe("hub on the wire", () => {
  it("subscribe: POST /hub with callback and query; unsubscribe: DELETE /hub/{id}", async () => {
    const { client, requests } = tmf622Client((r) => (r.method === "POST" ? json(hub(), 201) : new Response(null, { status: 204 })));
    await expect(client.hub.subscribe(hubCreate())).resolves.toEqual(hub());
    await expect(client.hub.unsubscribe("HUB-1")).resolves.toBeUndefined();
    expect(requests.map(wire)).toEqual([
      { method: "POST", path: "/hub", contentType: "application/json", body: hubCreate() },
      { method: "DELETE", path: "/hub/HUB-1", contentType: null, body: undefined },
    ]);
    expect(validate(requestSchema("registerListener"), requests[0]!.json)).toEqual([]);
    await expect(client.hub.subscribe({ callback: "" })).rejects.toMatchObject({ argument: "subscription.callback" });
  });
});

describe("every single-request method is an ApiPromise", () => {
  it("withResponse() gives the data with the response, correlation id and timing", async () => {
    const { client } = tmf622Client(() => json(productOrderIn("completed"), 200, { "X-Request-Id": "r-1" }));
    const { data, response, correlationId, attempts } = await client.productOrders.get("PO-2007").withResponse();
    expect(data.state).toBe("completed");
    expect(response.headers.get("x-request-id")).toBe("r-1");
    expect(correlationId).toMatch(/\S/);
    expect(attempts).toBe(1);
  });
});

describe("error answers", () => {
  const classes = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    405: TmfApiError,
    409: ConflictError,
    500: ServerError,
  } as const;
  const codes = { 400: "BAD_REQUEST", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND", 405: "HTTP_ERROR", 409: "CONFLICT", 500: "SERVER_ERROR" };

  it.each(ERROR_STATUSES)("%i: a typed error carrying the vendor's Error body, its state read as the TMF status", async (status) => {
    const body = errorBody(status);
    const { client } = tmf622Client(() => json(body, status));
    const error = (await client.productOrders.get("PO-404").catch((e: unknown) => e)) as TmfApiError;
    expect(error).toBeInstanceOf(classes[status]);
    expect(error).toBeInstanceOf(TmfApiError);
    expect(error).toMatchObject({ status, code: codes[status], tmfCode: body.code, reason: body.reason, tmfMessage: body.message, tmfStatus: String(status) });
    expect(error.detail).toEqual(body);
    expect(error.message).toContain(body.reason);
  });

  it("a 404 shows the whole URL tried, for a base URL that lacks the API's path", async () => {
    const { client } = tmf622Client(() => json(errorBody(404), 404), { baseUrl: "https://example.com/tmf-api" });
    const error = (await client.productOrders.get("PO-1").catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("https://example.com/tmf-api/productOrder/PO-1");
  });
});

describe("authentication", () => {
  it("credentials: a token from tokenUrl, sent as a bearer token", async () => {
    // The recording fetch answers the token endpoint with TEST_TOKEN.
    const { client, tokenRequests, apiRequests } = tmf622Client(
      (r) => (r.url.href === TEST_TOKEN_URL ? undefined : json(productOrderIn("completed"))),
      AUTH.credentials,
    );
    await client.productOrders.get("PO-2007");
    await client.productOrders.get("PO-2007");
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]!.body).toContain("grant_type=client_credentials");
    expect(apiRequests().map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${TEST_TOKEN}`, `Bearer ${TEST_TOKEN}`]);
    expect(apiRequests()[0]!.headers.get("x-api-key")).toBeNull();
  });

  it("tokenProvider: its tokens, sent as bearer tokens", async () => {
    const { client, requests } = tmf622Client(() => json(productOrderIn("completed")), AUTH.tokenProvider);
    await client.productOrders.get("PO-2007");
    expect(requests[0]!.headers.get("authorization")).toBe("Bearer provided-token-1");
  });

  it("headers: never in an error, even one whose body echoes the key, nor in hooks or logs", async () => {
    const seen: RequestHookInfo[] = [];
    const lines: string[] = [];
    const echo = { ...errorBody(400), message: `bad request with X-API-Key: ${TMF622_API_KEY}` };
    const { client } = tmf622Client(() => json(echo, 400), {
      hooks: { onRequest: (info) => seen.push(info) },
      logger: { debug: (m, meta) => lines.push(m + JSON.stringify(meta)), warn: (m) => lines.push(m) },
    });
    const error = (await client.productOrders.get("PO-1").catch((e: unknown) => e)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    for (const text of [error.message, JSON.stringify(error.body), JSON.stringify(error.detail), inspect(error, { depth: 10 }), String(error.tmfMessage)]) {
      expect(text).not.toContain(TMF622_API_KEY);
    }
    expect(seen[0]!.headers["x-api-key"]).toBe("[REDACTED]");
    expect(JSON.stringify(seen)).not.toContain(TMF622_API_KEY);
    expect(lines.join("\n")).not.toContain(TMF622_API_KEY);
    expect(inspect(client, { depth: 10 })).not.toContain(TMF622_API_KEY);
  });
});

describe("options", () => {
  function rejection(options: unknown): ConfigurationError {
    try {
      createProductOrderingClient(options as ProductOrderingClientOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return error as ConfigurationError;
    }
    throw new Error("expected a ConfigurationError");
  }

  it("names the option at fault, never showing a credential", () => {
    const cases: [unknown, string][] = [
      [undefined, "options"],
      [{ headers: AUTH.headers.headers }, "baseUrl"],
      [{ baseUrl: API_ROOT }, "credentials"],
      [{ baseUrl: API_ROOT, ...AUTH.headers, ...AUTH.tokenProvider }, "headers"],
      [{ baseUrl: API_ROOT, ...AUTH.credentials, ...AUTH.headers }, "headers"],
      [{ baseUrl: API_ROOT, credentials: AUTH.credentials.credentials }, "tokenUrl"],
      [{ baseUrl: API_ROOT, ...AUTH.credentials, credentials: { clientId: "a", clientSecret: "" } }, "credentials.clientSecret"],
      [{ baseUrl: API_ROOT, tokenProvider: {} }, "tokenProvider"],
      [{ baseUrl: API_ROOT, headers: {} }, "headers"],
      [{ baseUrl: API_ROOT, headers: "X-API-Key: k" }, "headers"],
      [{ baseUrl: API_ROOT, headers: { "Bad Name": TMF622_API_KEY } }, "headers.Bad Name"],
      [{ baseUrl: API_ROOT, headers: { "X-API-Key": `${TMF622_API_KEY}\n` } }, "headers.X-API-Key"],
      [{ baseUrl: API_ROOT, ...AUTH.headers, polling: { factor: 0 } }, "polling.factor"],
      [{ baseUrl: API_ROOT, ...AUTH.headers, timeoutMs: -1 }, "timeoutMs"],
      [{ baseUrl: API_ROOT, ...AUTH.headers, environment: "uat" }, "environment"],
      [{ baseUrl: "http://om.example.com/tmf-api", ...AUTH.headers }, "baseUrl"],
    ];
    for (const [options, option] of cases) {
      const error = rejection(options);
      expect(error.option, JSON.stringify(options)).toBe(option);
      expect(error.message).not.toContain(TMF622_API_KEY);
    }
  });

  it("makes no request when the client is created", () => {
    const { requests } = tmf622Client(() => json({}));
    expect(requests).toHaveLength(0);
  });
});
