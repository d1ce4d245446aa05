import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type GiacomSimulator } from "../../../src/giacom/mock/index.js";
import { basic, client, loopbackPassthrough, MODES, serve, type Served } from "./helpers.js";

const READ_INVENTORY = "integrations/serviceInventory.read";

describe.each(MODES)("the simulator's token endpoint and access control (%s)", (mode) => {
  const server = setupServer(loopbackPassthrough);
  let sim: GiacomSimulator;
  let served: Served;
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => served?.close());
  afterAll(() => server.close());

  async function start(options: Parameters<typeof createGiacomSimulator>[0] = {}) {
    sim = createGiacomSimulator({ clock: "manual", ...options });
    served = await serve(mode, sim, server);
    return client(served);
  }

  it("issues a bearer token to the default client authenticated with HTTP Basic", async () => {
    const api = await start();
    const answer = await api.tokenRequest(
      { grant_type: "client_credentials" },
      { Authorization: basic(SIMULATOR_CREDENTIALS.clientId, SIMULATOR_CREDENTIALS.clientSecret) },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Cache-Control")).toBe("no-store");
    const body = answer.body as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(body.access_token).toEqual(expect.any(String));
    expect((body.scope as string).split(" ")).toContain("integrations/serviceOrder.submit");
    expect((await api.call("GET", "/service", { token: body.access_token as string })).status).toBe(200);
  });

  it("issues a token to a client that sends client_id and client_secret in the form body", async () => {
    const api = await start();
    const answer = await api.tokenRequest({ grant_type: "client_credentials", client_id: "sim-client", client_secret: "sim-secret" });
    expect(answer.status).toBe(200);
    expect((answer.body as { token_type: string }).token_type).toBe("Bearer");
  });

  it("refuses an unknown client or a wrong secret with 401 invalid_client", async () => {
    const api = await start();
    for (const answer of [
      await api.tokenRequest({ grant_type: "client_credentials" }, { Authorization: basic("sim-client", "wrong") }),
      await api.tokenRequest({ grant_type: "client_credentials", client_id: "nobody", client_secret: "sim-secret" }),
      await api.tokenRequest({ grant_type: "client_credentials" }),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: "invalid_client", error_description: expect.any(String) });
    }
  });

  it("refuses any grant but client_credentials with 400 unsupported_grant_type", async () => {
    const api = await start();
    const answer = await api.tokenRequest({ grant_type: "password", username: "u", password: "p" }, { Authorization: basic("sim-client", "sim-secret") });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: "unsupported_grant_type" });
  });

  it("narrows a token to the requested scopes and refuses scopes the client was not granted", async () => {
    const api = await start({ clients: { reader: { secret: "r", scopes: [READ_INVENTORY, "integrations/serviceOrder.read"] } } });
    const auth = { Authorization: basic("reader", "r") };
    const narrowed = await api.tokenRequest({ grant_type: "client_credentials", scope: READ_INVENTORY }, auth);
    expect(narrowed.body).toMatchObject({ scope: READ_INVENTORY });
    const all = await api.tokenRequest({ grant_type: "client_credentials" }, auth);
    expect(all.body).toMatchObject({ scope: `${READ_INVENTORY} integrations/serviceOrder.read` });
    const refused = await api.tokenRequest({ grant_type: "client_credentials", scope: `${READ_INVENTORY} integrations/serviceOrder.submit` }, auth);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "invalid_scope" });
    // The default client is not known when clients are given.
    expect((await api.tokenRequest({ grant_type: "client_credentials" }, { Authorization: basic("sim-client", "sim-secret") })).status).toBe(401);
  });

  it("answers 401 with an Error body without a token, with an unknown token or with an expired one", async () => {
    const api = await start({ tokenTtlSeconds: 60 });
    for (const token of [undefined, "not-a-token"]) {
      const answer = await api.call("GET", "/service", token === undefined ? {} : { token });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: "ERR_401", status: "Error" });
    }
    const token = await api.token();
    expect((await api.call("GET", "/service", { token })).status).toBe(200);
    await sim.advance(60_000);
    expect((await api.call("GET", "/service", { token })).status).toBe(401);
  });

  it("answers 403 when the token lacks the operation's scope, and accepts either scope where the contract lists two", async () => {
    const api = await start();
    const inventoryOnly = await api.token(READ_INVENTORY);
    expect((await api.call("GET", "/service", { token: inventoryOnly })).status).toBe(200);
    const forbidden = await api.call("GET", "/serviceOrder", { token: inventoryOnly });
    expect(forbidden.status).toBe(403);
    expect((forbidden.body as { message: string }).message).toContain("integrations/serviceOrder.read");
    expect((await api.call("GET", "/serviceSpecification", { token: inventoryOnly })).status).toBe(403);
    expect((await api.call("GET", "/serviceSpecification", { token: await api.token("integrations/serviceCatalogue.read") })).status).toBe(200);
    expect((await api.call("GET", "/serviceSpecification", { token: await api.token("integrations/service.write") })).status).toBe(200);
    // Operations whose security is `oauth2: []` need a valid token and no particular scope.
    expect((await api.call("GET", "/resourceSpecification", { token: inventoryOnly })).status).toBe(200);
    expect((await api.call("GET", "/resourceSpecification")).status).toBe(401);
  });

  it("revokes every token on reset()", async () => {
    const api = await start();
    const token = await api.token();
    sim.reset();
    expect((await api.call("GET", "/service", { token })).status).toBe(401);
  });

  it("answers 404 for an unknown path and 405 with Allow for a method a path does not take", async () => {
    const api = await start();
    const token = await api.token();
    expect((await api.call("GET", "/nothing/here", { token })).status).toBe(404);
    const wrongMethod = await api.call("PUT", "/service/x", { token, body: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("Allow")).toBe("GET");
  });
});
