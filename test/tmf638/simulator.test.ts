// The TMF638 simulator through each of its faces (its fetch, MSW handlers, its HTTP server): the
// seed's by-id GET (an array, `fields`, paging, its three filters), the official list, create,
// merge patch and delete where the seed is silent, several business units kept apart, the
// header credentials, and the seed's `{ errors: [...] }` body for every documented status. The
// helper validates every answer against spec/tmf638.openapi.yaml with closed schemas.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServiceInventorySimulator, type ServiceInventorySimulatorOptions } from "../../src/tmf638/mock/index.js";
import { CREATE_REQUIRED, NOT_PATCHABLE, SERVER_OWNED, SERVICE_FIELDS, SERVICE_STATES } from "../../src/tmf638/mock/body.js";
import { routes } from "../../src/tmf638/generated/routes.js";
import type { Service } from "../../src/tmf638/generated/types.js";
import {
  client,
  CREDENTIALS,
  documentedStatuses,
  FACES,
  loopbackPassthrough,
  schemas,
  serve,
  spec,
  startListener,
  type ErrorAnswer,
  type Served,
} from "./simulator-helpers.js";

const server = setupServer(loopbackPassthrough);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const propertiesOf = (name: string) => Object.keys(schemas[name]!.properties as object);

// The seed's documented texts (002): the 401 body (L718), the 405 message (L729), the 501 body (L740-747).
const UNAUTHORIZED_BODY = {
  errors: [
    {
      code: 401,
      message: "The user could not be authenticated for this request.",
      description: "The request has not been applied because it lacks valid authentication credentials for the target resource",
    },
  ],
};
const notImplementedBody = (businessId: string) => ({
  errors: [{ code: 501, message: "NOT IMPLEMENTED", description: `Operation GET /service for Business Id: ${businessId} not implemented` }],
});

/** A create the official Service_Create accepts: its two required attributes and a few more. */
const serviceCreate = (more: Record<string, unknown> = {}) => ({
  name: "Fibre 1 Gbps",
  category: "CFS",
  serviceType: "Broadband",
  state: "designed",
  serviceSpecification: { id: "CFS-BROADBAND", name: "Fibre broadband", "@referredType": "ServiceSpecification" },
  relatedParty: [{ id: "TT-4000001", role: "owner", "@referredType": "BillingAccount" }],
  ...more,
});

describe.each(FACES)("the TMF638 simulator served by its %s face", (face) => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  async function start(options: ServiceInventorySimulatorOptions = {}) {
    const sim = createServiceInventorySimulator({ clock: "manual", ...options });
    served = await serve(face, sim, server);
    const call = client(served);
    const create = async (businessId = "TT", body: unknown = serviceCreate()) => {
      const answer = await call<Service>("POST", `/${businessId}/service`, { body });
      expect(answer.status).toBe(201);
      return answer.body;
    };
    return { sim, call, create, served };
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
      const hub = (await expectStatus("POST", "/TT/hub", 201, { body: { callback: listener.url } })) as { id: string };
      const service = await create();
      seen.add(routes.find((r) => r.method === "POST" && r.path.endsWith("/service"))!.operationId);
      await expectStatus("GET", "/TT/service", 200);
      await expectStatus("GET", `/TT/service/${service.id}`, 200);
      await expectStatus("PATCH", `/TT/service/${service.id}`, 200, { body: { state: "active" } });
      await expectStatus("DELETE", `/TT/service/${service.id}`, 204);
      await expectStatus("DELETE", `/TT/hub/${hub.id}`, 204);
      expect([...seen].sort()).toEqual(routes.map((r) => r.operationId).sort());
    } finally {
      await listener.close();
    }
  });

  it("answers a by-id GET with an array holding the one service, as the seed's 200 example does", async () => {
    const { call, sim } = await start();
    const [first] = sim.services("TT");
    const answer = await call<Service[]>("GET", `/TT/service/${first!.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([{ ...first, href: `${served!.baseUrl}/TT/service/${first!.id}` }]);
    expect(answer.headers.get("X-Total-Count")).toBe("1");
  });

  it("keeps business units apart: each has its own services, and one unit's service is not found under another", async () => {
    const { call, sim, create } = await start();
    expect(sim.businessUnits).toEqual(["TT", "BB", "JM", "PA"]);
    const ids = (await call<Service[]>("GET", "/TT/service")).body.map((s) => s.id);
    const bb = (await call<Service[]>("GET", "/BB/service")).body.map((s) => s.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(bb.filter((id) => ids.includes(id))).toEqual([]);
    expect((await call("GET", `/BB/service/${ids[0]}`)).status).toBe(404);
    const created = await create("JM");
    expect(created.href).toBe(`${served!.baseUrl}/JM/service/${created.id}`);
    for (const other of ["TT", "BB", "PA"]) {
      expect((await call("GET", `/${other}/service/${created.id}`)).status, other).toBe(404);
      expect((await call("PATCH", `/${other}/service/${created.id}`, { body: { name: "x" } })).status, other).toBe(404);
      expect((await call("DELETE", `/${other}/service/${created.id}`)).status, other).toBe(404);
    }
    expect(sim.services("JM").map((s) => s.id)).toContain(created.id);
    expect(sim.services("TT").map((s) => s.id)).toEqual(ids);
  });

  it("asks for the client_id and client_secret headers: 401 with the seed's body without them or with wrong ones, 400 when too short", async () => {
    const { call } = await start();
    const path = "/TT/service";
    for (const credentials of [
      null,
      { client_id: "sim-client" },
      { client_secret: "sim-secret" },
      { ...CREDENTIALS, client_secret: "wrong-secret" },
      { ...CREDENTIALS, client_id: "other-client" },
    ]) {
      const answer = await call("GET", path, { credentials });
      expect(answer.status, JSON.stringify(credentials)).toBe(401);
      expect(answer.body).toEqual(UNAUTHORIZED_BODY);
    }
    const short = await call<ErrorAnswer>("GET", path, { credentials: { client_id: "sim", client_secret: "sim-secret" } });
    expect(short.status).toBe(400);
    expect(short.body.errors[0]!.description).toBe("client_id must have 5 characters at least");
    // The secret never shows in an answer.
    expect(JSON.stringify(short.body)).not.toContain("sim-secret");
    expect((await call("GET", path)).status).toBe(200);
  });

  it("serves without credentials when auth is off, and accepts the clients it is given", async () => {
    const open = await start({ auth: false });
    expect((await open.call("GET", "/TT/service", { credentials: null })).status).toBe(200);
    await served!.close();
    const custom = await start({ clients: { "crm-portal": "portal-secret" } });
    expect((await custom.call("GET", "/TT/service", { credentials: { client_id: "crm-portal", client_secret: "portal-secret" } })).status).toBe(200);
    expect((await custom.call("GET", "/TT/service")).status).toBe(401);
  });

  it("selects first-level attributes with fields, always keeping id, href and @type", async () => {
    const { call, sim } = await start();
    const first = sim.services("TT")[0]!;
    const href = `${served!.baseUrl}/TT/service/${first.id}`;
    const one = await call<Record<string, unknown>[]>("GET", `/TT/service/${first.id}`, { query: { fields: "state,serviceType" } });
    expect(one.body).toEqual([{ id: first.id, href, "@type": "Service", state: first.state, serviceType: first.serviceType }]);
    const list = await call<Record<string, unknown>[]>("GET", "/TT/service", { query: { fields: "name" } });
    for (const entity of list.body) expect(Object.keys(entity).sort()).toEqual(["@type", "href", "id", "name"]);
    expect((await call("GET", `/TT/service/${first.id}`, { query: { fields: "colour" } })).body).toEqual([{ id: first.id, href, "@type": "Service" }]);
    expect((await call("GET", `/TT/service/${first.id}`, { query: { fields: "relatedParty.id" } })).status).toBe(400);
  });

  it("pages lists with offset and limit, counting every match in X-Total-Count and the page in X-Result-Count", async () => {
    const { call, sim } = await start();
    const all = sim.services("TT").map((s) => s.id);
    const page = async (query: string) => {
      const answer = await call<Service[]>("GET", `/TT/service${query}`);
      expect(answer.status, query).toBe(200);
      return { ids: answer.body.map((s) => s.id), total: answer.headers.get("X-Total-Count"), count: answer.headers.get("X-Result-Count") };
    };
    expect(await page("")).toEqual({ ids: all, total: String(all.length), count: String(all.length) });
    expect(await page("?offset=1&limit=2")).toEqual({ ids: all.slice(1, 3), total: String(all.length), count: "2" });
    expect(await page(`?offset=${all.length}`)).toEqual({ ids: [], total: String(all.length), count: "0" });
    expect(await page("?limit=0")).toEqual({ ids: [], total: String(all.length), count: "0" });
    // The by-id GET takes them too (the seed lists them there).
    expect((await call<Service[]>("GET", `/TT/service/${all[0]}`, { query: { offset: "1" } })).body).toEqual([]);
    for (const query of ["?offset=-1", "?limit=two", "?limit=1&limit=2", "?sort=name"]) {
      expect((await call("GET", `/TT/service${query}`)).status, query).toBe(400);
    }
  });

  it("filters by the seed's relatedParty.id, serviceType and serviceRelationship.service.category, and by any attribute (TMF630)", async () => {
    const { call, sim } = await start();
    const services = sim.services("TT");
    const ids = async (query: string, path = "/TT/service") => (await call<Service[]>("GET", `${path}${query}`)).body.map((s) => s.id);
    const where = (test: (s: Service) => boolean) => services.filter(test).map((s) => s.id);
    const account = services[1]!.relatedParty![0]!.id!;
    const byAccount = where((s) => s.relatedParty!.some((p) => p.id === account));
    expect(byAccount.length).toBeGreaterThan(1);
    expect(byAccount.length).toBeLessThan(services.length);
    expect(await ids(`?relatedParty.id=${account}`)).toEqual(byAccount);
    expect(await ids("?serviceType=Broadband")).toEqual(where((s) => s.serviceType === "Broadband"));
    const rfs = where((s) => s.serviceRelationship!.some((r) => (r.service as { category?: string }).category === "RFS"));
    expect(rfs.length).toBeGreaterThan(0);
    expect(rfs.length).toBeLessThan(services.length);
    expect(await ids("?serviceRelationship.service.category=RFS")).toEqual(rfs);
    expect(await ids("?state=active&serviceType=Broadband")).toEqual(where((s) => s.state === "active" && s.serviceType === "Broadband"));
    expect(await ids("?state=inactive,reserved")).toEqual(where((s) => s.state === "inactive" || s.state === "reserved"));
    expect(await ids("?serviceType=Satellite")).toEqual([]);
    // On the by-id GET, a filter the service does not pass leaves the array empty.
    const mobile = services.find((s) => s.serviceType === "MobilePostpaid")!;
    expect(await ids("?serviceType=MobilePostpaid", `/TT/service/${mobile.id}`)).toEqual([mobile.id]);
    expect(await ids("?serviceType=Broadband", `/TT/service/${mobile.id}`)).toEqual([]);
    expect(await ids(`?relatedParty.id=${mobile.relatedParty![0]!.id}`, `/TT/service/${mobile.id}`)).toEqual([mobile.id]);
  });

  it("creates a service with the id and href the server sets, keeping what was sent", async () => {
    const { call, create, sim } = await start();
    const sent = serviceCreate();
    const service = await create("TT", sent);
    expect(service).toEqual({ ...sent, id: expect.any(String), href: `${served!.baseUrl}/TT/service/${service.id}`, "@type": "Service" });
    expect((await call<Service[]>("GET", `/TT/service/${service.id}`)).body).toEqual([service]);
    expect(sim.services("TT").at(-1)).toEqual({ ...service, href: undefined });
  });

  it("refuses with 400 a create that lacks what Service_Create requires, sets what the server owns or is not a service", async () => {
    const { call, sim } = await start();
    expect([...SERVER_OWNED].sort()).toEqual(
      propertiesOf("Service")
        .filter((name) => !propertiesOf("Service_Create").includes(name))
        .sort(),
    );
    expect([...CREATE_REQUIRED].sort()).toEqual([...(schemas.Service_Create!.required as string[])].sort());
    const bodies: [string, unknown][] = [
      ...CREATE_REQUIRED.map((name): [string, unknown] => [`no ${name}`, { ...serviceCreate(), [name]: undefined }]),
      ...SERVER_OWNED.map((name): [string, unknown] => [`with ${name}`, serviceCreate({ [name]: name === "serviceOrder" ? [{ id: "SO-1" }] : "X-1" })]),
      ["an unknown attribute", serviceCreate({ colour: "red" })],
      ["an unknown state", serviceCreate({ state: "suspended" })],
      ["a string where a boolean goes", serviceCreate({ isBundle: "yes" })],
      ["a date that is not a date-time", serviceCreate({ startDate: "tomorrow" })],
      ["a list that is not a list", serviceCreate({ note: { text: "x" } })],
      ["not a JSON object", [serviceCreate()]],
      ["not JSON", "{"],
    ];
    const before = sim.services("TT").length;
    for (const [what, body] of bodies) expect((await call("POST", "/TT/service", { body })).status, what).toBe(400);
    expect((await call("POST", "/TT/service", { body: serviceCreate(), contentType: "text/plain" })).status).toBe(400);
    expect(sim.services("TT")).toHaveLength(before);
  });

  it("updates a service with a JSON merge patch (or application/json), null removing an attribute", async () => {
    const { call, create } = await start();
    const service = await create();
    const patched = await call<Service>("PATCH", `/TT/service/${service.id}`, { body: { state: "active", description: "Lit", category: null } });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...service, state: "active", description: "Lit", category: undefined });
    expect(patched.body).not.toHaveProperty("category");
    const asJson = await call<Service>("PATCH", `/TT/service/${service.id}`, {
      body: { isServiceEnabled: true },
      contentType: "application/json;charset=utf-8",
    });
    expect(asJson.body.isServiceEnabled).toBe(true);
    expect((await call<Service[]>("GET", `/TT/service/${service.id}`)).body).toEqual([asJson.body]);
  });

  it("refuses a PATCH of what Service_Update leaves out (400), of a wrong value (400) and of an unknown service (404)", async () => {
    const { call, create } = await start();
    const service = await create();
    expect([...NOT_PATCHABLE].sort()).toEqual(
      propertiesOf("Service")
        .filter((name) => !propertiesOf("Service_Update").includes(name))
        .sort(),
    );
    for (const name of NOT_PATCHABLE) {
      const body = { [name]: name === "serviceOrder" ? [{ id: "SO-1" }] : "X" };
      expect((await call("PATCH", `/TT/service/${service.id}`, { body })).status, name).toBe(400);
    }
    for (const body of [{ colour: "red" }, { state: "suspended" }, { state: null }, { serviceSpecification: null }, { hasStarted: "no" }]) {
      expect((await call("PATCH", `/TT/service/${service.id}`, { body })).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call("PATCH", `/TT/service/${service.id}`, { body: [{ op: "replace" }], contentType: "application/json-patch+json" })).status).toBe(400);
    expect((await call("PATCH", "/TT/service/404404", { body: { name: "x" } })).status).toBe(404);
    expect((await call<Service[]>("GET", `/TT/service/${service.id}`)).body).toEqual([service]);
  });

  it("deletes a service (204), after which it is not found (404)", async () => {
    const { call, sim } = await start();
    const [first] = sim.services("BB");
    expect((await call("DELETE", `/BB/service/${first!.id}`)).status).toBe(204);
    for (const method of ["GET", "DELETE"]) expect((await call(method, `/BB/service/${first!.id}`)).status, method).toBe(404);
    expect(sim.services("BB").map((s) => s.id)).not.toContain(first!.id);
  });

  it("answers every error status the seed documents with its { errors: [...] } body", async () => {
    const { call, sim } = await start({ notImplemented: ["PA"] });
    const id = sim.services("TT")[0]!.id!;
    const statuses = documentedStatuses("GET", `/TT/service/${id}`).filter((s) => s >= 400);
    expect(statuses.sort()).toEqual([400, 401, 404, 405, 500, 501]);
    const answers: Record<number, () => Promise<{ status: number; body: unknown }>> = {
      400: () => call("GET", `/TT/service/${id}`, { query: { limit: "-1" } }),
      401: () => call("GET", `/TT/service/${id}`, { credentials: null }),
      404: () => call("GET", "/TT/service/2964328"),
      405: () => call("POST", `/TT/service/${id}`, { body: serviceCreate() }),
      500: async () => {
        sim.fault({ path: `/TT/service/${id}` }, { kind: "status", status: 500 });
        return call("GET", `/TT/service/${id}`);
      },
      501: () => call("GET", `/PA/service/${id}`),
    };
    const bodies: Record<number, unknown> = {};
    for (const status of statuses) {
      const answer = await answers[status]!();
      expect(answer.status).toBe(status);
      bodies[status] = answer.body;
    }
    expect(bodies[401]).toEqual(UNAUTHORIZED_BODY);
    expect(bodies[400]).toMatchObject({ errors: [{ message: "The request is invalid or not properly formed." }] });
    expect(bodies[404]).toEqual({
      errors: [{ code: 404, message: "Service details not found for reference id:2964328", description: "SERVNOTFND-Service not found.-" }],
    });
    expect(bodies[405]).toEqual({
      errors: [{ code: 405, message: "APIKIT:METHOD_NOT_ALLOWED", description: `HTTP Method POST not allowed for : /TT/service/${id}` }],
    });
    expect(bodies[500]).toMatchObject({ errors: [{ message: "The request failed due to an internal error." }] });
    expect(bodies[501]).toEqual(notImplementedBody("PA"));
  });

  it("answers 501 for every operation of a business unit that is not implemented or not served, 400 for one that is not a business id", async () => {
    const { call } = await start({ notImplemented: ["PA"] });
    for (const [method, path, body] of [
      ["GET", "/PA/service", undefined],
      ["POST", "/PA/service", serviceCreate()],
      ["PATCH", "/PA/service/1", { name: "x" }],
      ["DELETE", "/PA/service/1", undefined],
      ["POST", "/PA/hub", { callback: "http://127.0.0.1:1/listener" }],
    ] as const) {
      const answer = await call<ErrorAnswer>(method, path, body === undefined ? {} : { body });
      expect(answer.status, `${method} ${path}`).toBe(501);
      expect(answer.body.errors[0]!.description).toBe(`Operation ${method} /${path.split("/")[2]} for Business Id: PA not implemented`);
    }
    expect((await call("GET", "/XX/service")).body).toEqual(notImplementedBody("XX"));
    for (const businessId of ["tt", "TTT", "T1"]) expect((await call("GET", `/${businessId}/service`)).status, businessId).toBe(400);
    // Credentials come first: an unknown caller learns nothing about the units.
    expect((await call("GET", "/PA/service", { credentials: null })).status).toBe(401);
  });

  it("echoes X-Correlation-ID (and the deprecated Correlation-ID)", async () => {
    const { call } = await start();
    const answer = await call("GET", "/TT/service", { headers: { "X-Correlation-ID": "corr-123", "Correlation-ID": "old-456" } });
    expect(answer.headers.get("X-Correlation-ID")).toBe("corr-123");
    expect(answer.headers.get("Correlation-ID")).toBe("old-456");
    const failed = await call("GET", "/TT/service/404404", { headers: { "X-Correlation-ID": "corr-789" } });
    expect(failed.headers.get("X-Correlation-ID")).toBe("corr-789");
  });
});

describe("the simulator's data and options", () => {
  it("checks a service's first level against every attribute of the spec's Service, states included", () => {
    expect(Object.keys(SERVICE_FIELDS).sort()).toEqual(propertiesOf("Service").sort());
    expect([...SERVICE_STATES]).toEqual(schemas.ServiceStateType!.enum);
  });

  it("seeds four business units whose services are all valid answers and carry no placeholder", async () => {
    const sim = createServiceInventorySimulator({ auth: false });
    const call = client({ baseUrl: sim.baseUrl, fetch: sim.fetch as typeof fetch, close: async () => undefined });
    for (const businessId of ["TT", "BB", "JM", "PA"]) {
      // The helper validates each list against the spec (closed).
      const answer = await call<Service[]>("GET", `/${businessId}/service`);
      expect(answer.body.length, businessId).toBeGreaterThanOrEqual(5);
      // "string" is a value type (valueType), never a placeholder value.
      expect(JSON.stringify(answer.body).replaceAll('"valueType":"string"', "")).not.toContain('"string"');
      expect(new Set(answer.body.map((s) => s.id)).size).toBe(answer.body.length);
    }
    // The first of each unit has every attribute the seed's 200 example shows (its href is the face's).
    const example = (spec.components.examples as Record<string, { value: Record<string, unknown>[] }>).RetrieveServiceResponse!.value[0]!;
    for (const businessId of sim.businessUnits) {
      expect(Object.keys(sim.services(businessId)[0]!).sort(), businessId).toEqual(expect.arrayContaining(Object.keys(example).filter((k) => k !== "href")));
    }
  });

  it("takes the business units and their services it is given, and goes back to them on reset", async () => {
    const mine: Service = { id: "S-1", name: "Line", state: "active", serviceSpecification: { id: "SPEC-1" } };
    const sim = createServiceInventorySimulator({ auth: false, businessUnits: { KY: [mine], LC: [] } });
    expect(sim.businessUnits).toEqual(["KY", "LC"]);
    expect(sim.services("KY")).toEqual([mine]);
    expect((await sim.fetch(`${sim.baseUrl}/KY/service/S-1`, { method: "DELETE" })).status).toBe(204);
    expect(sim.services("KY")).toEqual([]);
    sim.reset();
    expect(sim.services("KY")).toEqual([mine]);
    expect(() => sim.services("TT")).toThrow(/no business unit "TT"/);
  });

  it("refuses options it cannot serve, never showing a secret", () => {
    expect(() => createServiceInventorySimulator({ baseUrl: "not a url" })).toThrow(/baseUrl/);
    expect(() => createServiceInventorySimulator({ businessUnits: { tt: [] } })).toThrow(/"tt" is not a business unit/);
    expect(() => createServiceInventorySimulator({ notImplemented: ["Panama"] })).toThrow(/"Panama"/);
    expect(() => createServiceInventorySimulator({ clients: { "crm-portal": "tiny" } })).toThrow(/5 characters/);
    try {
      createServiceInventorySimulator({ clients: { "crm-portal": "tiny" } });
    } catch (error) {
      expect(String(error)).not.toContain("tiny");
    }
    expect(() => createServiceInventorySimulator({ businessUnits: { TT: [{ name: "no id" }] } })).toThrow(/id/);
    expect(() => createServiceInventorySimulator({ clock: "fast" as "real" })).toThrow(/clock/);
  });
});

describe("listen({ auth: false }), for third-party conformance tools", () => {
  it("serves the API without credentials on one server while another of the same simulator asks for them", async () => {
    const sim = createServiceInventorySimulator();
    const open = await serve("http", sim, undefined, { auth: false });
    const guarded = await serve("http", sim);
    try {
      const created = await client(open)<Service>("POST", "/TT/service", { body: serviceCreate(), credentials: null });
      expect(created.status).toBe(201);
      expect(created.body.href).toBe(`${open.baseUrl}/TT/service/${created.body.id}`);
      expect((await client(guarded)("GET", `/TT/service/${created.body.id}`, { credentials: null })).status).toBe(401);
      const read = await client(guarded)<Service[]>("GET", `/TT/service/${created.body.id}`);
      // One state; each server links to itself.
      expect(read.body[0]!.href).toBe(`${guarded.baseUrl}/TT/service/${created.body.id}`);
    } finally {
      await open.close();
      await guarded.close();
    }
  });

  it("serves the API under the base URL's path", async () => {
    expect(createServiceInventorySimulator().baseUrl).toBe("https://simulator.example/tmf-api/serviceInventory/v4");
    const sim = createServiceInventorySimulator({ baseUrl: "https://Inventory.example/api/v4/" });
    expect(sim.baseUrl).toBe("https://inventory.example/api/v4");
    const listening = await sim.listen({ auth: false });
    try {
      expect(listening.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v4$/);
      expect((await client({ ...listening, fetch })("GET", "/TT/service", { credentials: null })).status).toBe(200);
    } finally {
      await listening.close();
    }
  });
});

describe("faults, as giacom-sdk/mock injects them", () => {
  it("rate-limits with the seed's error body, drops before or after acting, and cuts a body short", async () => {
    const sim = createServiceInventorySimulator({ auth: false, clock: "manual" });
    const served = await serve("fetch", sim);
    const call = client(served);
    sim.fault({ path: "/TT/service" }, { kind: "rateLimit", retryAfter: 2 });
    const limited = await call<ErrorAnswer>("GET", "/TT/service", { unchecked: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("2");
    expect(limited.body).toEqual({ errors: [{ code: 429, message: expect.any(String), description: expect.any(String) }] });
    const before = sim.services("TT").length;
    sim.fault({ method: "POST", path: "/TT/service" }, { kind: "drop", when: "after" });
    await expect(call("POST", "/TT/service", { body: serviceCreate() })).rejects.toThrow(TypeError);
    expect(sim.services("TT")).toHaveLength(before + 1);
    sim.fault({ method: "GET", path: "/TT/service" }, { kind: "malformed" });
    const cut = await served.fetch(`${served.baseUrl}/TT/service`);
    expect(cut.status).toBe(200);
    await expect(cut.json()).rejects.toThrow();
  });
});
