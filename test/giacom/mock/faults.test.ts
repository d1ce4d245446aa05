import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGiacomSimulator, type GiacomSimulator } from "../../../src/giacom/mock/index.js";
import { client, example, loopbackPassthrough, MODES, serve, type Served } from "./helpers.js";

const VOICE_O2 = "dd5244e1-13e3-45a5-b2f0-47b111a65142";

describe.each(MODES)("faults injected into the simulator (%s)", (mode) => {
  const server = setupServer(loopbackPassthrough);
  let served: Served | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => served?.close());
  afterAll(() => server.close());

  async function start() {
    const sim: GiacomSimulator = createGiacomSimulator({ clock: "manual" });
    served = await serve(mode, sim, server);
    const api = client(served);
    const token = await api.token();
    return { sim, api, token, served };
  }

  it("delays an answer with latency, then answers normally", async () => {
    const { sim, api, token, served: at } = await start();
    sim.fault({ path: `/service/${VOICE_O2}` }, { kind: "latency", ms: 1000 });
    await expect(
      fetch(`${at.baseUrl}/service/${VOICE_O2}`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(20) }),
    ).rejects.toThrow();
    sim.fault({ path: `/service/${VOICE_O2}` }, { kind: "latency", ms: 5 });
    const delayed = await api.call("GET", `/service/${VOICE_O2}`, { token });
    expect(delayed.status).toBe(200);
    expect(delayed.body).toMatchObject({ id: VOICE_O2 });
  });

  it("answers with an injected status, with the Error shape by default or the given body, for as many requests as asked", async () => {
    const { sim, api, token } = await start();
    sim.fault({ method: "GET", path: "/service" }, { kind: "status", status: 503 }, { times: 2 });
    for (let i = 0; i < 2; i++) {
      const failed = await api.call("GET", "/service", { token });
      expect(failed.status).toBe(503);
      expect(failed.body).toMatchObject({ code: "ERR_503", status: "Error" });
    }
    expect((await api.call("GET", "/service", { token })).status).toBe(200);
    sim.fault({ path: /^\/service\// }, { kind: "status", status: 500, body: { oops: true } }, { times: Infinity });
    for (let i = 0; i < 3; i++) {
      const failed = await api.call("GET", `/service/${VOICE_O2}`, { token, unchecked: true });
      expect([failed.status, JSON.parse(failed.text)]).toEqual([500, { oops: true }]);
    }
    expect((await api.call("GET", "/service", { token })).status).toBe(200); // another path
    sim.clearFaults();
    expect((await api.call("GET", `/service/${VOICE_O2}`, { token })).status).toBe(200);
  });

  it("answers 429 with Retry-After in seconds or as an HTTP date", async () => {
    const { sim, api, token } = await start();
    sim.fault({ path: "/serviceOrder" }, { kind: "rateLimit", retryAfter: 2 });
    const seconds = await api.call("GET", "/serviceOrder", { token });
    expect([seconds.status, seconds.headers.get("Retry-After")]).toEqual([429, "2"]);
    const when = new Date("2030-01-01T00:00:00Z");
    sim.fault({ path: "/serviceOrder" }, { kind: "rateLimit", retryAfter: when });
    const dated = await api.call("GET", "/serviceOrder", { token });
    expect([dated.status, dated.headers.get("Retry-After")]).toEqual([429, "Tue, 01 Jan 2030 00:00:00 GMT"]);
  });

  it("drops the connection before acting: the request fails and no order exists", async () => {
    const { sim, api, token } = await start();
    sim.fault({ method: "POST", path: "/serviceOrder" }, { kind: "drop", when: "before" });
    await expect(api.call("POST", "/serviceOrder", { token, body: example("ServiceOrderNewLineO2") })).rejects.toThrow();
    expect(sim.serviceOrders).toEqual([]);
  });

  it("drops the connection after acting: the request fails but the order IS created", async () => {
    const { sim, api, token } = await start();
    sim.fault({ method: "POST", path: "/serviceOrder" }, { kind: "drop", when: "after" });
    await expect(api.call("POST", "/serviceOrder", { token, body: example("ServiceOrderNewLineO2") })).rejects.toThrow();
    expect(sim.serviceOrders.map((o) => o.state)).toEqual(["acknowledged"]);
    const listed = await api.call("GET", "/serviceOrder", { token, query: { filter: '$.externalReference[?(@.id=="5001")]' } });
    expect(listed.body).toHaveLength(1);
  });

  it("answers 200 with a JSON body cut short when malformed", async () => {
    const { sim, api, token } = await start();
    sim.fault({ method: "GET", path: `/service/${VOICE_O2}` }, { kind: "malformed" });
    const answer = await api.call("GET", `/service/${VOICE_O2}`, { token, unchecked: true });
    expect(answer.status).toBe(200);
    expect(answer.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
  });

  it("applies a token fault to the token endpoint only", async () => {
    const { sim, api, token } = await start();
    sim.fault("token", { kind: "rateLimit", retryAfter: 1 });
    const limited = await api.tokenRequest({ grant_type: "client_credentials", client_id: "sim-client", client_secret: "sim-secret" });
    expect([limited.status, limited.headers.get("Retry-After")]).toEqual([429, "1"]);
    expect((await api.call("GET", "/service", { token })).status).toBe(200);
    sim.fault("token", { kind: "drop", when: "before" });
    await expect(api.token()).rejects.toThrow();
    expect(await api.token()).toEqual(expect.any(String));
  });

  it("matches faults by method and path and answers before authentication", async () => {
    const { sim, api } = await start();
    sim.fault({ method: "POST", path: "/serviceOrder" }, { kind: "status", status: 502 });
    expect((await api.call("GET", "/serviceOrder")).status).toBe(401);
    expect((await api.call("POST", "/serviceOrder", { body: {} })).status).toBe(502);
  });

  it("refuses a fault it cannot apply", async () => {
    const { sim } = await start();
    expect(() => sim.fault({ path: "/service" }, { kind: "status", status: 42 })).toThrow(TypeError);
    expect(() => sim.fault({ path: "/service" }, { kind: "latency", ms: -1 })).toThrow(TypeError);
    expect(() => sim.fault({ path: "/service" }, { kind: "malformed" }, { times: 0 })).toThrow(RangeError);
  });
});
