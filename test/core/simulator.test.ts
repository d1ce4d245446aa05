// The simulator engine of the core driven by a toy API of its own (no vendor data): two routes,
// one with two path parameters, an error body of the `{ errors: [...] }` kind, a fault, and a
// callback delivered by the deliverer, served through both faces (node:http and MSW).
import { http, passthrough } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Clock } from "../../src/core/simulator/clock.js";
import { Deliverer } from "../../src/core/simulator/deliverer.js";
import { drive, Traffic } from "../../src/core/simulator/drive.js";
import { createEngine } from "../../src/core/simulator/engine.js";
import { Faults } from "../../src/core/simulator/faults.js";
import { HttpError, json, notFound, readJsonObject, type ErrorBodyStrategy } from "../../src/core/simulator/http.js";
import { mswHandlers } from "../../src/core/simulator/msw.js";
import { createRouter } from "../../src/core/simulator/router.js";
import { listen } from "../../src/core/simulator/server.js";
import type { SimulatorUrls } from "../../src/core/simulator/types.js";
import { startListener } from "../helpers/listener.js";

const TOY_ROUTES = [
  { name: "getService", method: "GET", path: "/{businessId}/service/{id}" },
  { name: "createService", method: "POST", path: "/{businessId}/service" },
] as const;

const toyErrorBody: ErrorBodyStrategy = (status, message, code) => ({ errors: [{ code: code ?? `TOY_${status}`, message }] });

interface ToyService {
  businessId: string;
  id: string;
  name: string;
}

/** A toy simulator: services per business; creating one POSTs it to the body's `callbackUrl`. */
function createToySimulator() {
  const clock = new Clock("manual", (batch) => batch);
  const faults = new Faults(toyErrorBody);
  const deliverer = new Deliverer<ToyService>(clock, { accepted: (status) => status >= 200 && status < 300, retryDelayMs: 60_000, maxRetries: 2 });
  const services = new Map<string, ToyService>();
  const router = createRouter(TOY_ROUTES);
  const handle = createEngine({
    router,
    errorBody: toyErrorBody,
    faults,
    token: async () => json({ access_token: "toy-token", token_type: "Bearer", expires_in: 60 }),
    serve: async ({ request, route, params }) => {
      const businessId = params.businessId!;
      switch (route.name) {
        case "getService": {
          const service = services.get(`${businessId}/${params.id}`);
          if (!service) throw notFound("Service", params.id!);
          return json(service);
        }
        case "createService": {
          const body = await readJsonObject(request, (message) => new HttpError(422, message, { code: "TOY_INVALID" }));
          if (typeof body.name !== "string") throw new HttpError(422, "name must be a string", { code: "TOY_INVALID" });
          const service: ToyService = { businessId, id: String(services.size + 1), name: body.name };
          services.set(`${businessId}/${service.id}`, service);
          if (typeof body.callbackUrl === "string") {
            const url = body.callbackUrl;
            deliverer.send(() => ({ url, headers: { "X-Toy-Signature": "toy" } }), service);
          }
          return json(service, 201);
        }
      }
    },
    echoHeaders: ["X-Request-ID"],
  });
  return { clock, faults, deliverer, services, router, handle };
}

describe("the core router", () => {
  const router = createRouter(TOY_ROUTES);

  it("captures and decodes every path parameter, keeping the route's own fields", () => {
    expect(router("get", "/acme%20ltd/service/a%2Fb")).toEqual({ route: TOY_ROUTES[0], params: { businessId: "acme ltd", id: "a/b" } });
    const matched = router("POST", "/acme/service");
    expect(matched && "route" in matched ? matched.route.name : undefined).toBe("createService");
  });

  it("keeps a parameter whose escape is bad as it was sent", () => {
    expect(router("GET", "/acme/service/%E0%A4%A")).toMatchObject({ params: { businessId: "acme", id: "%E0%A4%A" } });
  });

  it("lists the methods of a path that matched without its method, and matches nothing else", () => {
    expect(router("DELETE", "/acme/service/1")).toEqual({ allowed: ["GET"] });
    expect(router("GET", "/acme/service")).toEqual({ allowed: ["POST"] });
    expect(router("GET", "/acme/service/1/extra")).toBeUndefined();
    expect(router("GET", "/service/1")).toBeUndefined();
  });
});

type Face = "http" | "msw";

describe.each<Face>(["http", "msw"])("the core engine served by its %s face", (face) => {
  const msw = setupServer(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
  const cleanup: (() => Promise<void>)[] = [];
  beforeAll(() => msw.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => {
    for (const close of cleanup.splice(0)) await close();
    msw.resetHandlers();
  });
  afterAll(() => msw.close());

  async function serve(sim: ReturnType<typeof createToySimulator>): Promise<SimulatorUrls> {
    if (face === "http") {
      const server = await listen(sim.handle, { basePath: "/toy/v1", tokenPath: "/auth/token" });
      cleanup.push(() => server.close());
      expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/toy\/v1$/);
      return server;
    }
    const urls = { baseUrl: "https://toy.example/api/v1", tokenUrl: "https://auth.toy.example/token" };
    msw.use(...mswHandlers(sim.handle, urls));
    return urls;
  }

  const call = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
  };
  const post = (url: string, body: unknown) => call(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  it("answers routes with two path parameters, decoded, and echoes the headers it is told to", async () => {
    const sim = createToySimulator();
    const { baseUrl } = await serve(sim);
    const created = await post(`${baseUrl}/acme%20ltd/service`, { name: "fibre" });
    expect(created).toMatchObject({ status: 201, body: { businessId: "acme ltd", id: "1", name: "fibre" } });
    const read = await call(`${baseUrl}/acme%20ltd/service/1`, { headers: { "X-Request-ID": "r-1" } });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ businessId: "acme ltd", id: "1", name: "fibre" });
    expect(read.headers.get("X-Request-ID")).toBe("r-1");
  });

  it("answers 404, 405 (with Allow) and a profile's own error code in the toy error body", async () => {
    const sim = createToySimulator();
    const { baseUrl } = await serve(sim);
    expect(await call(`${baseUrl}/acme/nothing`)).toMatchObject({
      status: 404,
      body: { errors: [{ code: "TOY_404", message: "There is no operation at GET /acme/nothing" }] },
    });
    expect(await call(`${baseUrl}/acme/service/9`)).toMatchObject({
      status: 404,
      body: { errors: [{ code: "TOY_404", message: "Service 9 does not exist" }] },
    });
    const refused = await call(`${baseUrl}/acme/service/1`, { method: "DELETE" });
    expect(refused).toMatchObject({ status: 405, body: { errors: [{ code: "TOY_405", message: "DELETE is not allowed on /acme/service/1" }] } });
    expect(refused.headers.get("Allow")).toBe("GET");
    expect(await post(`${baseUrl}/acme/service`, [])).toMatchObject({
      status: 422,
      body: { errors: [{ code: "TOY_INVALID", message: "The request body must be a JSON object" }] },
    });
  });

  it("lets an injected fault answer first, in the toy error body, then serves normally", async () => {
    const sim = createToySimulator();
    const { baseUrl } = await serve(sim);
    await post(`${baseUrl}/acme/service`, { name: "fibre" });
    sim.faults.add({ method: "GET", path: /^\/acme\/service\// }, { kind: "status", status: 503 });
    expect(await call(`${baseUrl}/acme/service/1`)).toEqual({
      status: 503,
      headers: expect.any(Headers),
      body: { errors: [{ code: "TOY_503", message: "Fault injected by the simulator: status 503" }] },
    });
    expect((await call(`${baseUrl}/acme/service/1`)).status).toBe(200);
  });

  it("serves the token endpoint the profile gives", async () => {
    const sim = createToySimulator();
    const { tokenUrl } = await serve(sim);
    expect(await call(tokenUrl, { method: "POST" })).toMatchObject({ status: 200, body: { access_token: "toy-token" } });
  });

  it("delivers a callback to a real listener on the simulator's clock, retrying what the listener refused", async () => {
    const sim = createToySimulator();
    const { baseUrl } = await serve(sim);
    const listener = await startListener({ path: "/callback", status: 200 });
    cleanup.push(() => listener.close());
    listener.answer(500);

    await post(`${baseUrl}/acme/service`, { name: "fibre", callbackUrl: listener.url });
    expect(listener.received).toHaveLength(0);
    await sim.clock.advance(0);
    expect(sim.deliverer.deliveries).toEqual([{ callback: listener.url, event: { businessId: "acme", id: "1", name: "fibre" }, status: 500, attempt: 1 }]);

    await sim.clock.advance(59_999);
    expect(listener.received).toHaveLength(1);
    await sim.clock.advance(1);
    expect(sim.deliverer.deliveries.map((d) => [d.status, d.attempt])).toEqual([
      [500, 1],
      [200, 2],
    ]);
    expect(listener.received.map((r) => r.body)).toEqual(Array(2).fill({ businessId: "acme", id: "1", name: "fibre" }));
    expect(listener.received[1]!.headers).toMatchObject({ "content-type": "application/json", "x-toy-signature": "toy" });
    expect(sim.clock.pending).toBe(0);
  });
});

describe("driving the clock while a call is pending (drive)", () => {
  const urls: SimulatorUrls = { baseUrl: "https://toy.example/api/v1", tokenUrl: "https://auth.toy.example/token" };

  it("moves the clock to each change that falls due, only as far as the call needs", async () => {
    const clock = new Clock("manual", (batch) => batch);
    const start = clock.now();
    const seen: number[] = [];
    const work = new Promise<string>((resolve) => {
      clock.schedule(1_000, "change", () => {
        seen.push(clock.now() - start);
        clock.schedule(3_000, "change", () => (seen.push(clock.now() - start), resolve("done")));
      });
    });
    clock.schedule(60_000, "change", () => void seen.push(clock.now() - start)); // after the call: never reached
    await expect(drive(clock, new Traffic(), work)).resolves.toBe("done");
    expect(seen).toEqual([1_000, 4_000]);
    expect(clock.now() - start).toBe(4_000);
  });

  it("keeps the clock still while the simulator is answering a request of the call", async () => {
    const clock = new Clock("manual", (batch) => batch);
    const traffic = new Traffic();
    let changed = false;
    clock.schedule(1_000, "change", () => void (changed = true));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The answer says whether the change had happened when it was given.
    const handle = traffic.wrap(async () => (await held, new Response(String(changed))));
    const work = (async () => {
      const during = await (await handle(new Request(`${urls.baseUrl}/x`), urls)).text();
      await new Promise<void>((resolve) => clock.schedule(2_000, "change", resolve));
      return during;
    })();
    const driven = drive(clock, traffic, work);
    // Several turns of the event loop with the request held: drive must not move the clock.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(changed).toBe(false);
    release();
    await expect(driven).resolves.toBe("false");
    expect(changed).toBe(true);
  });

  it("gives up at its limit with an error saying how far the clock went and what is still scheduled", async () => {
    const clock = new Clock("manual", (batch) => batch);
    const never = new Promise<void>((resolve) => clock.schedule(90 * 60_000, "change", resolve));
    await expect(drive(clock, new Traffic(), never, { limit: 3_600_000 }, "toy.run")).rejects.toThrow(
      "toy.run(): the call is still pending after moving the simulator's clock forward 3600000 ms (1 h), the limit; 1 change(s) or deliveries are still scheduled, " +
        "the next in 1800000 ms (30 min). Raise { limit } if the call really takes longer, or look for what keeps it from ending.",
    );
  });

  it("settles as the call does when nothing is scheduled, and refuses a step or a limit it cannot use", async () => {
    const clock = new Clock("manual", (batch) => batch);
    await expect(drive(clock, new Traffic(), Promise.reject(new Error("the call's own failure")))).rejects.toThrow("the call's own failure");
    await expect(drive(clock, new Traffic(), Promise.resolve(1), { step: Number.NaN })).rejects.toThrow(RangeError);
    await expect(drive(clock, new Traffic(), Promise.resolve(1), { limit: -1 })).rejects.toThrow(RangeError);
  });
});

describe("the core engine with a second root", () => {
  // `hub` is under a root of its own, which contains the base URL: the longest root a URL is
  // under decides, and a route answers only under its own root.
  const ROUTES = [
    { name: "ping", method: "GET", path: "/ping" },
    { name: "hub", method: "POST", path: "/hub", base: "events" },
  ] as const;
  const msw = setupServer(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
  const cleanup: (() => Promise<void>)[] = [];
  beforeAll(() => msw.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => {
    for (const close of cleanup.splice(0)) await close();
    msw.resetHandlers();
  });
  afterAll(() => msw.close());

  const handle = createEngine<(typeof ROUTES)[number]>({
    router: createRouter(ROUTES),
    errorBody: toyErrorBody,
    faults: new Faults(toyErrorBody),
    token: async () => json({ access_token: "toy-token" }),
    serve: ({ route }) => json({ route: route.name }),
  });

  it.each<Face>(["http", "msw"])("serves each route under its own root only, through its %s face", async (face) => {
    let urls: SimulatorUrls;
    if (face === "http") {
      const server = await listen(handle, { basePath: "/api/v2", bases: { events: "/api" }, tokenPath: "/token" });
      cleanup.push(() => server.close());
      urls = { ...server, bases: { events: server.baseUrl.replace(/\/v2$/, "") } };
    } else {
      urls = { baseUrl: "https://toy.example/api/v2", tokenUrl: "https://auth.toy.example/token", bases: { events: "https://toy.example/api" } };
      msw.use(...mswHandlers(handle, urls));
    }
    const events = urls.bases!.events!;
    const answer = async (method: string, url: string) => {
      const response = await fetch(url, { method });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    expect(await answer("GET", `${urls.baseUrl}/ping`)).toEqual({ status: 200, body: { route: "ping" } });
    expect(await answer("POST", `${events}/hub`)).toEqual({ status: 200, body: { route: "hub" } });
    expect(await answer("POST", `${urls.baseUrl}/hub`)).toEqual({
      status: 404,
      body: { errors: [{ code: "TOY_404", message: `POST /hub is served under ${events}, not ${urls.baseUrl}` }] },
    });
    expect(await answer("GET", `${events}/ping`)).toMatchObject({ status: 404 });
  });
});
