// The notifications hub is where the Giacom document puts it, under /v1 of the API host, while
// every other operation is under /v2: the client sends hub calls there, and the simulator serves
// them there, in both of its faces. Expected URLs come from the spec's `servers` (the document's
// URLs), never from the SDK.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError, createGiacomClient, ENVIRONMENTS, type GiacomClientOptions } from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";
import { recordingFetch, TEST_SECRET, TEST_TOKEN_URL } from "../../helpers/recording-fetch.js";
import { startListener } from "../../helpers/listener.js";
import { loopbackPassthrough } from "../mock/helpers.js";
import { loadSpec } from "../spec/spec-helpers.js";

const spec = loadSpec();
const serversOf = (path: string) => (spec.paths[path] as unknown as { servers: { url: string }[] }).servers.map((s) => s.url);
const [PRODUCTION_HUB, UAT_HUB] = serversOf("/topic/default/hub");
const credentials = { clientId: "client", clientSecret: TEST_SECRET };
const CALLBACK = "https://yourportal.com/webhook";

/** The URLs a client's hub calls go to: subscribe, then unsubscribe the listener it got. */
async function hubUrls(options: Partial<GiacomClientOptions>): Promise<string[]> {
  const { fetch, apiRequests } = recordingFetch((r) =>
    r.url.href === TEST_TOKEN_URL
      ? undefined
      : r.method === "POST"
        ? Response.json({ id: "h-1", callback: CALLBACK }, { status: 201 })
        : new Response(null, { status: 204 }),
  );
  const giacom = createGiacomClient({ tokenUrl: TEST_TOKEN_URL, credentials, fetch, ...options });
  await giacom.hub.unsubscribe((await giacom.hub.subscribe({ callback: CALLBACK })).id);
  return apiRequests().map((r) => `${r.method} ${r.url.href}`);
}

describe("the client's hub URL", () => {
  it("is the document's for each environment, whose base URL stays under /v2", async () => {
    expect([PRODUCTION_HUB, UAT_HUB]).toEqual(["https://api.integrations.giacom.com/v1", "https://api.uat.integrations.giacom.com/v1"]);
    for (const [environment, hub] of [
      ["production", PRODUCTION_HUB],
      ["uat", UAT_HUB],
    ] as const) {
      const urls = await hubUrls({ environment });
      expect(urls).toEqual([`POST ${hub}/topic/default/hub`, `DELETE ${hub}/topic/default/hub/h-1`]);
      expect(ENVIRONMENTS[environment].baseUrl).toMatch(/\/v2$/);
    }
  });

  it("follows a baseUrl of one's own: its /v2 becomes /v1, and a root without /v2 is used as it is", async () => {
    expect(await hubUrls({ baseUrl: "https://proxy.example/giacom/v2/" })).toEqual([
      "POST https://proxy.example/giacom/v1/topic/default/hub",
      "DELETE https://proxy.example/giacom/v1/topic/default/hub/h-1",
    ]);
    expect(await hubUrls({ baseUrl: "https://proxy.example/giacom" })).toEqual([
      "POST https://proxy.example/giacom/topic/default/hub",
      "DELETE https://proxy.example/giacom/topic/default/hub/h-1",
    ]);
  });

  it("is hubBaseUrl when given, over the environment's and the baseUrl's", async () => {
    const given = { environment: "production", hubBaseUrl: "https://hub.example/notifications/" } as const;
    expect(await hubUrls(given)).toEqual([
      "POST https://hub.example/notifications/topic/default/hub",
      "DELETE https://hub.example/notifications/topic/default/hub/h-1",
    ]);
  });

  it("is checked like baseUrl: a bad hubBaseUrl is a ConfigurationError that names it", () => {
    for (const hubBaseUrl of ["not a url", "ftp://hub.example/v1", "http://hub.example/v1", "https://user:pw@hub.example/v1"]) {
      let error: unknown;
      try {
        createGiacomClient({ environment: "uat", credentials, hubBaseUrl });
      } catch (caught) {
        error = caught;
      }
      expect(error, hubBaseUrl).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).option, hubBaseUrl).toBe("hubBaseUrl");
    }
    expect(() => createGiacomClient({ environment: "uat", credentials, hubBaseUrl: "http://127.0.0.1:4010/v1" })).not.toThrow();
  });
});

describe("the simulator's hub, with the client", () => {
  // Deliveries to the listener, and the listen() face, are on 127.0.0.1: let them through.
  const server = setupServer(loopbackPassthrough);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  /** Subscribes through the client, has an order notify the listener, and unsubscribes. */
  async function roundTrip(options: GiacomClientOptions, sim: ReturnType<typeof createGiacomSimulator>): Promise<void> {
    const listener = await startListener<{ eventType: string }>({ path: "/webhook", status: 202 });
    try {
      const giacom = createGiacomClient(options);
      const hub = await giacom.hub.subscribe({ callback: listener.url });
      expect(hub).toEqual({ id: expect.any(String), callback: listener.url });
      await giacom.serviceOrders.create({ serviceOrderItem: [{ id: "1", action: "delete", service: { id: "7" } }] }, { validate: false });
      await sim.settle();
      expect(listener.received.map((r) => r.body.eventType)).toContain("ServiceOrderCreateEvent");
      await giacom.hub.unsubscribe(hub.id);
      const heard = listener.received.length;
      await giacom.serviceOrders.create({ serviceOrderItem: [{ id: "1", action: "delete", service: { id: "2" } }] }, { validate: false });
      await sim.settle();
      expect(listener.received).toHaveLength(heard);
    } finally {
      await listener.close();
    }
  }

  it("serves the hub under /v1 of its listen() server, where a client given its baseUrl finds it", async () => {
    const sim = createGiacomSimulator();
    const served = await sim.listen();
    try {
      expect(served.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
      await roundTrip({ baseUrl: served.baseUrl, tokenUrl: served.tokenUrl, credentials: SIMULATOR_CREDENTIALS }, sim);
    } finally {
      await served.close();
    }
  });

  it("serves the hub at the environment's hub URL through MSW, and at a hubBaseUrl it is given", async () => {
    const defaults = createGiacomSimulator();
    server.use(...defaults.handlers);
    await roundTrip({ environment: "uat", credentials: SIMULATOR_CREDENTIALS }, defaults);

    const moved = createGiacomSimulator({
      baseUrl: "https://giacom.test/api/v2",
      hubBaseUrl: "https://hub.giacom.test/events",
      tokenUrl: "https://auth.giacom.test/token",
    });
    server.resetHandlers();
    server.use(...moved.handlers);
    const options = { baseUrl: "https://giacom.test/api/v2", tokenUrl: "https://auth.giacom.test/token", credentials: SIMULATOR_CREDENTIALS };
    await roundTrip({ ...options, hubBaseUrl: "https://hub.giacom.test/events" }, moved);
  });

  it("answers a hub call under the /v2 root with a 404 that says where the hub is", async () => {
    server.use(...createGiacomSimulator().handlers);
    const giacom = createGiacomClient({ environment: "uat", hubBaseUrl: ENVIRONMENTS.uat.baseUrl, credentials: SIMULATOR_CREDENTIALS });
    await expect(giacom.hub.subscribe({ callback: CALLBACK })).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining(`POST /topic/default/hub is served under ${UAT_HUB}`),
    });
  });
});
