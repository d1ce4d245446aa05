// The TMF638 client at the network edge: every method's request as it goes on the wire (method,
// URL, headers, query and body validated against spec/tmf638.openapi.yaml with closed schemas),
// its answer decoded, the business unit in every path, every documented error status as a typed
// error carrying the vendor's `{ errors: [...] }` body (the seed's seven bodies), the 501 class,
// and `get`'s count error.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  createServiceInventoryClient,
  InvalidArgumentError,
  InvalidResponseError,
  isSdkError,
  NotFoundError,
  NotImplementedForBusinessError,
  PermissionDeniedError,
  ServerError,
  ServiceCountError,
  ServiceInventoryError,
  type Service,
  type ServiceInventoryClientOptions,
} from "giacom-sdk/tmf638";
import { TMF638_CREDENTIALS } from "../helpers/secrets.js";
import type { Recorded } from "../helpers/recording-fetch.js";
import { API_ROOT, json, pathOf, specProblems, tmf638Client } from "./client-helpers.js";
import { documentedServices, errorBody, fullService, hub, hubCreate, SEED_ERROR_BODIES, service, serviceCreate, serviceUpdate } from "./client-fixtures.js";

const wire = (r: Recorded) => ({ method: r.method, path: pathOf(r), contentType: r.headers.get("content-type"), body: r.json });

/** Every request of a test, checked against the contract. */
function expectValid(requests: Recorded[]) {
  for (const request of requests) expect(specProblems(request), `${request.method} ${pathOf(request)}`).toEqual([]);
}

describe("the contract check of these tests", () => {
  const request = (method: string, path: string, headers: Record<string, string>, body?: unknown): Recorded => ({
    method,
    url: new URL(`${API_ROOT}${path}`),
    headers: new Headers({ client_id: "tmf638-channel", client_secret: "checked-secret", ...headers }),
    body: body === undefined ? "" : JSON.stringify(body),
    json: body,
  });

  it("refuses what spec/tmf638.openapi.yaml does not allow, so that an empty list of problems means something", () => {
    expect(specProblems(request("GET", "/JM/service/S-1?limit=2", {}))).toEqual([]);
    expect(specProblems(request("GET", "/JM/service/S-1?state=active", {}))).toEqual(["query parameter state not declared"]);
    expect(specProblems(request("GET", "/JM/service/S-1?limit=two", {}))[0]).toMatch(/^query limit: /);
    expect(specProblems(request("GET", "/jm/service/S-1", {}))[0]).toMatch(/^path businessId: /);
    expect(specProblems(request("PUT", "/JM/service/S-1", {}))).toEqual(["no operation PUT /JM/service/S-1"]);
    const noSecret = request("GET", "/JM/service/S-1", {});
    noSecret.headers.delete("client_secret");
    expect(specProblems(noSecret)).toEqual(["security header client_secret missing"]);
    expect(specProblems(request("POST", "/JM/service", { "content-type": "application/json" }, { ...serviceCreate(), colour: "red" }))[0]).toMatch(/^body: /);
    expect(specProblems(request("POST", "/JM/hub", { "content-type": "text/plain" }, hubCreate()))[0]).toMatch(/^content type text\/plain not declared/);
  });
});

describe("services on the wire", () => {
  it("retrieve: GET /{businessId}/service/{id}, the header credentials and X-Correlation-ID, the array as the API sent it", async () => {
    const answer = [service("2964328")];
    const { client, requests } = tmf638Client(() => json(answer));
    const got = await client.services.retrieve("2964328");
    expect(got).toEqual(answer);
    expectTypeOf(got).toEqualTypeOf<Service[]>();
    expect(wire(requests[0]!)).toEqual({ method: "GET", path: "/JM/service/2964328", contentType: null, body: undefined });
    const headers = requests[0]!.headers;
    expect(headers.get("client_id")).toBe(TMF638_CREDENTIALS.clientId);
    expect(headers.get("client_secret")).toBe(TMF638_CREDENTIALS.clientSecret);
    expect(headers.get("x-correlation-id")).toMatch(/^\S{1,200}$/);
    // The deprecated header is not sent: X-Correlation-ID carries the same thing.
    expect(headers.get("correlation-id")).toBeNull();
    expect(headers.get("authorization")).toBeNull();
    expectValid(requests);
  });

  it("retrieve: each of the seed's query parameters, by its documented name", async () => {
    const { client, requests } = tmf638Client(() => json([service("S-1")]));
    await client.services.retrieve("S-1", {
      fields: "ACC-1001",
      offset: 0,
      limit: 5,
      "relatedParty.id": "ACC-1001",
      serviceType: "mobile",
      "serviceRelationship.service.category": "resourceFacing",
    });
    expect(pathOf(requests[0]!)).toBe(
      "/JM/service/S-1?fields=ACC-1001&offset=0&limit=5&relatedParty.id=ACC-1001&serviceType=mobile&serviceRelationship.service.category=resourceFacing",
    );
    await client.services.retrieve("S-1", { fields: ["state", "name"] });
    expect(pathOf(requests[1]!)).toBe("/JM/service/S-1?fields=state,name");
    expectValid(requests);
  });

  it("retrieve: the seed's 200 example (a one-element array, placeholders and all) and a full service come back as sent", async () => {
    const documented = documentedServices();
    const full = fullService();
    const { client } = tmf638Client((_r, i) => json(i === 0 ? documented : [full]));
    await expect(client.services.retrieve("2964328")).resolves.toEqual(documented);
    await expect(client.services.get(full.id!)).resolves.toEqual(full);
  });

  it("retrieve: an empty answer is an empty list; an id is encoded into its segment", async () => {
    const { client, requests } = tmf638Client(() => json([]));
    await expect(client.services.retrieve("a/b c")).resolves.toEqual([]);
    expect(pathOf(requests[0]!)).toBe("/JM/service/a%2Fb%20c");
  });

  it("get: the one service of the answer, typed; fields as a comma list typing the projection; the filters sent", async () => {
    const one = service("2964328");
    const { client, requests } = tmf638Client(() => json([one]));
    const got = await client.services.get("2964328");
    expect(got).toEqual(one);
    expectTypeOf(got).toEqualTypeOf<Service>();
    const projected = await client.services.get("2964328", { fields: ["state", "serviceCharacteristic"], "relatedParty.id": "ACC-1001" });
    expect(pathOf(requests[1]!)).toBe("/JM/service/2964328?fields=state,serviceCharacteristic&relatedParty.id=ACC-1001");
    expectTypeOf(projected).toEqualTypeOf<Pick<Service, "state" | "serviceCharacteristic" | "id" | "href" | "@type">>();
    // @ts-expect-error a projection has only the attributes asked for
    void projected.description;
    expectValid(requests);
  });

  it("get: none in the answer is a ServiceCountError with code NOT_FOUND and count 0; several, one with the count", async () => {
    const none = tmf638Client(() => json([]));
    const empty = (await none.client.services.get("S-0").catch((e: unknown) => e)) as ServiceCountError;
    expect(empty).toBeInstanceOf(ServiceCountError);
    expect(empty).toMatchObject({ code: "NOT_FOUND", count: 0, serviceId: "S-0", services: [] });
    expect(empty.correlationId).toBe(none.requests[0]!.headers.get("x-correlation-id"));
    const two = [service("S-2"), service("S-2")];
    const many = tmf638Client(() => json(two));
    const ambiguous = (await many.client.services.get("S-2").catch((e: unknown) => e)) as ServiceCountError;
    expect(ambiguous).toMatchObject({ code: "AMBIGUOUS_RESULT", count: 2, services: two });
    expect(ambiguous.message).toContain("answered 2");
    expect(isSdkError(ambiguous)).toBe(true);
  });

  it("get and retrieve refuse an unusable id or fields list before sending", async () => {
    const { client, requests } = tmf638Client(() => json([]));
    await expect(client.services.get("")).rejects.toMatchObject({ argument: "id" });
    await expect(client.services.retrieve("..")).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.services.get("S-1", { fields: [] })).rejects.toMatchObject({ argument: "options.fields" });
    await expect(client.services.get("S-1", { fields: ["state,id" as "state"] })).rejects.toMatchObject({ argument: "options.fields" });
    expect(requests).toHaveLength(0);
  });

  it("a by-id answer that is not a list of services is an InvalidResponseError", async () => {
    const { client } = tmf638Client(() => json(service("S-1")));
    await expect(client.services.get("S-1")).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("list: one page with offset, limit, the filters and fields; the counts from the headers", async () => {
    const services = [service("S-1"), service("S-2")];
    const { client, requests } = tmf638Client(() => json(services, 200, { "X-Total-Count": "12", "X-Result-Count": "2" }));
    const page = await client.services.list({
      "relatedParty.id": "ACC-1001",
      serviceType: "mobile",
      "serviceRelationship.service.category": "resourceFacing",
      offset: 4,
      limit: 2,
      fields: ["state"],
    });
    expect(pathOf(requests[0]!)).toBe(
      "/JM/service?relatedParty.id=ACC-1001&serviceType=mobile&serviceRelationship.service.category=resourceFacing&offset=4&limit=2&fields=state",
    );
    expect(page).toEqual({ items: services, totalCount: 12, resultCount: 2, trimmed: true });
    expectTypeOf(page.items[0]!).toEqualTypeOf<Pick<Service, "state" | "id" | "href" | "@type">>();
    await client.services.list();
    expect(pathOf(requests[1]!)).toBe("/JM/service");
    expectValid(requests);
  });

  it("count: limit=0 with the filters, the number from X-Total-Count", async () => {
    const { client, requests } = tmf638Client(() => json([], 200, { "X-Total-Count": "7", "X-Result-Count": "0" }));
    await expect(client.services.count({ serviceType: "mobile" })).resolves.toBe(7);
    expect(pathOf(requests[0]!)).toBe("/JM/service?serviceType=mobile&limit=0");
    expectValid(requests);
  });

  it("listAll: every service, page after page, keeping the filters and fields", async () => {
    const all = Array.from({ length: 5 }, (_, i) => service(`S-${i}`));
    const { client, requests } = tmf638Client((r) => {
      const offset = Number(r.url.searchParams.get("offset"));
      const limit = Number(r.url.searchParams.get("limit"));
      const page = all.slice(offset, offset + limit);
      return json(page, 200, { "X-Total-Count": String(all.length), "X-Result-Count": String(page.length) });
    });
    const seen: (string | undefined)[] = [];
    for await (const s of client.services.listAll({ serviceType: "mobile" }, { pageSize: 2 })) seen.push(s.id);
    expect(seen).toEqual(all.map((s) => s.id));
    expect(requests.map(pathOf)).toEqual([
      "/JM/service?serviceType=mobile&offset=0&limit=2",
      "/JM/service?serviceType=mobile&offset=2&limit=2",
      "/JM/service?serviceType=mobile&offset=4&limit=2",
    ]);
    expectValid(requests);
  });

  it("create: POST /{businessId}/service with the service as JSON; an answer without an id is an InvalidResponseError", async () => {
    const body = serviceCreate();
    const created = { ...service("S-9"), ...body, id: "S-9" };
    const { client, requests } = tmf638Client(() => json(created, 201));
    await expect(client.services.create(body)).resolves.toEqual(created);
    expect(wire(requests[0]!)).toEqual({ method: "POST", path: "/JM/service", contentType: "application/json", body });
    expectValid(requests);
    const noId = tmf638Client(() => json({ state: "designed" }, 201));
    await expect(noId.client.services.create(body)).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("update: PATCH /{businessId}/service/{id} as a JSON merge patch", async () => {
    const patch = serviceUpdate();
    const { client, requests } = tmf638Client(() => json({ ...service("S-1"), ...patch }));
    const updated = await client.services.update("S-1", patch);
    expect(updated.id).toBe("S-1");
    expect(wire(requests[0]!)).toEqual({ method: "PATCH", path: "/JM/service/S-1", contentType: "application/merge-patch+json", body: patch });
    expectValid(requests);
  });

  it("delete: DELETE /{businessId}/service/{id}, 204, nothing returned", async () => {
    const { client, requests } = tmf638Client(() => new Response(null, { status: 204 }));
    await expect(client.services.delete("S-1")).resolves.toBeUndefined();
    expect(wire(requests[0]!)).toEqual({ method: "DELETE", path: "/JM/service/S-1", contentType: null, body: undefined });
    expectValid(requests);
  });
});

describe("hub on the wire", () => {
  it("subscribe: POST /{businessId}/hub with callback and query; unsubscribe: DELETE /{businessId}/hub/{id}", async () => {
    const { client, requests } = tmf638Client((r) => (r.method === "POST" ? json(hub(), 201) : new Response(null, { status: 204 })));
    await expect(client.hub.subscribe(hubCreate())).resolves.toEqual(hub());
    await expect(client.hub.unsubscribe(hub().id)).resolves.toBeUndefined();
    expect(requests.map(wire)).toEqual([
      { method: "POST", path: "/JM/hub", contentType: "application/json", body: hubCreate() },
      { method: "DELETE", path: `/JM/hub/${hub().id}`, contentType: null, body: undefined },
    ]);
    expectValid(requests);
    await expect(client.hub.subscribe({ callback: "" })).rejects.toMatchObject({ argument: "subscription.callback" });
  });
});

describe("business units", () => {
  it("forBusiness: another unit's paths over the same transport (its credentials, hooks and options)", async () => {
    const seen: string[] = [];
    const { client, requests } = tmf638Client(() => json([service("S-1")]), { hooks: { onRequest: ({ path }) => seen.push(path) } });
    const barbados = client.forBusiness("BB");
    expect(barbados.businessId).toBe("BB");
    expect(client.businessId).toBe("JM");
    await barbados.services.retrieve("S-1");
    await barbados.forBusiness("PA").services.get("S-1");
    await client.services.retrieve("S-1");
    expect(requests.map(pathOf)).toEqual(["/BB/service/S-1", "/PA/service/S-1", "/JM/service/S-1"]);
    expect(seen).toEqual(["/BB/service/S-1", "/PA/service/S-1", "/JM/service/S-1"]);
    expect(requests.every((r) => r.headers.get("client_secret") === TMF638_CREDENTIALS.clientSecret)).toBe(true);
    expectValid(requests);
  });

  it("forBusiness checks the unit as creation does", () => {
    const { client } = tmf638Client(() => json([]));
    for (const bad of ["jm", "JAM", "", "J1", "../", undefined])
      expect(() => client.forBusiness(bad as string), String(bad)).toThrow(expect.objectContaining({ option: "businessId" }));
  });
});

describe("every single-request method is an ApiPromise", () => {
  it("withResponse() gives the data with the response, correlation id and timing", async () => {
    const { client } = tmf638Client(() => json([service("S-1")], 200, { "X-Request-Id": "r-1" }));
    const { data, response, correlationId, attempts } = await client.services.get("S-1").withResponse();
    expect(data.id).toBe("S-1");
    expect(response.headers.get("x-request-id")).toBe("r-1");
    expect(correlationId).toMatch(/\S/);
    expect(attempts).toBe(1);
    const retrieved = await client.services.retrieve("S-1").withResponse();
    expect(retrieved.data).toHaveLength(1);
  });
});

describe("error answers: the seed's bodies", () => {
  const classes = { 400: BadRequestError, 401: AuthenticationError, 404: NotFoundError, 405: ServiceInventoryError, 500: ServerError } as const;
  const codes = { 400: "BAD_REQUEST", 401: "UNAUTHORIZED", 404: "NOT_FOUND", 405: "HTTP_ERROR", 500: "SERVER_ERROR" } as const;

  it.each(SEED_ERROR_BODIES.filter(({ status }) => status !== 501))(
    "$status ($label): a typed error, every entry kept, the message from the first",
    async ({ status, body }) => {
      const { client, requests } = tmf638Client(() => json(body, status));
      const error = (await client.services.retrieve("2964328").catch((e: unknown) => e)) as ServiceInventoryError;
      expect(error).toBeInstanceOf(classes[status as keyof typeof classes]);
      expect(error).toBeInstanceOf(ServiceInventoryError);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({
        status,
        code: codes[status as keyof typeof codes],
        apiMessage: body.errors[0]!.message,
        description: body.errors[0]!.description,
      });
      expect(error.detail).toEqual(body);
      expect(error.errors).toEqual(body.errors);
      expect(error.message).toContain(body.errors[0]!.message);
      expect(error.correlationId).toBe(requests[0]!.headers.get("x-correlation-id"));
      // Header credentials are not renewed: a 401 is not sent again.
      expect(requests).toHaveLength(1);
    },
  );

  it("501: NotImplementedForBusinessError naming the business unit, not retried", async () => {
    const { body } = SEED_ERROR_BODIES.find(({ status }) => status === 501)!;
    const { client, requests } = tmf638Client(() => json(body, 501), { retry: { maxRetries: 3, baseDelayMs: 1 } });
    const error = (await client
      .forBusiness("PA")
      .services.retrieve("S-1")
      .catch((e: unknown) => e)) as NotImplementedForBusinessError;
    expect(error).toBeInstanceOf(NotImplementedForBusinessError);
    expect(error).toBeInstanceOf(ServiceInventoryError);
    expect(error).not.toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 501, code: "NOT_IMPLEMENTED", businessId: "PA", retryable: false, apiMessage: "NOT IMPLEMENTED" });
    expect(error.detail).toEqual(body);
    expect(error.message).toContain("business unit PA");
    expect(error.message).toContain(body.errors[0]!.description);
    expect(requests).toHaveLength(1);
  });

  it("403 and 409 of the official operations, in the vendor's shape: PermissionDeniedError and ConflictError", async () => {
    for (const [status, Class, code] of [
      [403, PermissionDeniedError, "FORBIDDEN"],
      [409, ConflictError, "CONFLICT"],
    ] as const) {
      const body = errorBody(status);
      const { client } = tmf638Client(() => json(body, status));
      const error = (await client.services.update("S-1", serviceUpdate()).catch((e: unknown) => e)) as ServiceInventoryError;
      expect(error).toBeInstanceOf(Class);
      expect(error).toMatchObject({ status, code, errors: body.errors, detail: body });
    }
  });

  it("several entries: all kept in order, the first one's message shown with how many more", async () => {
    const [first, second] = SEED_ERROR_BODIES.filter(({ status }) => status === 404);
    const body = { errors: [...first!.body.errors, ...second!.body.errors] };
    const { client } = tmf638Client(() => json(body, 404));
    const error = (await client.services.get("2964328").catch((e: unknown) => e)) as NotFoundError;
    expect(error.errors).toEqual(body.errors);
    expect(error.apiMessage).toBe(first!.body.errors[0]!.message);
    expect(error.message).toContain(`${first!.body.errors[0]!.message} (and 1 more)`);
    // A 404 shows the whole URL tried, for a base URL that lacks the API's path.
    expect(error.message).toContain(`${API_ROOT}/JM/service/2964328`);
  });

  it("a body in another shape: no detail, no entries, the raw body kept and summarised", async () => {
    const { client } = tmf638Client(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    const error = (await client.services.retrieve("S-1").catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ detail: undefined, errors: [], apiMessage: undefined, body: "<html>Bad gateway</html>" });
    expect(error.message).toContain("Bad gateway");
    const odd = tmf638Client(() => json({ errors: ["text", null] }, 400));
    const oddError = (await odd.client.services.retrieve("S-1").catch((e: unknown) => e)) as BadRequestError;
    expect(oddError).toMatchObject({ detail: undefined, errors: [] });
  });
});

describe("options", () => {
  function rejection(options: unknown): ConfigurationError {
    try {
      createServiceInventoryClient(options as ServiceInventoryClientOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return error as ConfigurationError;
    }
    throw new Error("expected a ConfigurationError");
  }

  it("names the option at fault, never showing a credential", () => {
    const good = { baseUrl: API_ROOT, businessId: "JM", ...TMF638_CREDENTIALS };
    const cases: [unknown, string][] = [
      [undefined, "options"],
      [{ ...good, baseUrl: undefined }, "baseUrl"],
      [{ ...good, businessId: undefined }, "businessId"],
      [{ ...good, businessId: "jm" }, "businessId"],
      [{ ...good, businessId: "JMX" }, "businessId"],
      [{ ...good, clientId: undefined }, "clientId"],
      [{ ...good, clientSecret: undefined }, "clientSecret"],
      [{ ...good, clientId: "abcd" }, "clientId"],
      [{ ...good, clientSecret: "abcd" }, "clientSecret"],
      [{ ...good, clientSecret: `${TMF638_CREDENTIALS.clientSecret}\n` }, "clientSecret"],
      [{ ...good, clientSecret: 12345678 }, "clientSecret"],
      [{ ...good, headers: { "X-API-Key": "k" } }, "headers"],
      [{ ...good, timeoutMs: -1 }, "timeoutMs"],
      [{ ...good, baseUrl: "http://gw.example.com/tmf-api/serviceInventory/v4" }, "baseUrl"],
    ];
    for (const [options, option] of cases) {
      const error = rejection(options);
      expect(error.option, option).toBe(option);
      expect(error.message).not.toContain(TMF638_CREDENTIALS.clientSecret);
    }
  });

  it("makes no request when the client is created", () => {
    const { requests } = tmf638Client(() => json({}));
    expect(requests).toHaveLength(0);
  });
});
