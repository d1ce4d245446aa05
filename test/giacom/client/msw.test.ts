// Consumers test their own code with MSW. A client created before the MSW server starts
// (at module load, in a beforeAll of another file) must still be intercepted.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGiacomClient } from "giacom-sdk";
import { loadSpec } from "../spec/spec-helpers.js";

const service = loadSpec().components.examples.ServiceMobileVoiceO2!.value as Record<string, unknown>;
const giacom = createGiacomClient({ environment: "uat", credentials: { clientId: "id", clientSecret: "secret" } });

const server = setupServer(
  http.post("https://auth.uat.integrations.giacom.com/oauth2/token", () =>
    HttpResponse.json({ access_token: "msw-token", token_type: "Bearer", expires_in: 3600 }),
  ),
  http.get("https://api.uat.integrations.giacom.com/v2/service/:id", ({ request, params }) =>
    request.headers.get("authorization") === "Bearer msw-token" ? HttpResponse.json({ ...service, id: params.id }) : new HttpResponse(null, { status: 401 }),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("with MSW", () => {
  it("intercepts a client created before server.listen()", async () => {
    await expect(giacom.services.get("dd5244e1")).resolves.toMatchObject({ id: "dd5244e1", name: "Mobile Voice Giacom-O2" });
  });
});
