// The MasStack simulator at the network edge, with plain fetch (not the SDK's client): its token
// endpoint (RFC 7523 JWT bearer assertions), every operation of spec/masstack.openapi.yaml on
// each face (fetch, MSW, HTTP) with every answer validated against the spec, request checks
// (400, "MISSING CALLBACK URL", 404, 406 for a reused workflow id), callbacks delivered on the
// manual clock to a real loopback server and in the process, and each fault.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  BARRING_MASK_CODES,
  createMasStackSimulator,
  type MasStackSimulator,
  type MasStackSimulatorOptions,
  type ServiceAccountKey,
} from "../../src/masstack/mock/index.js";
import { BARRING_NAMES, SERVICE_TYPES } from "../../src/masstack/mock/body.js";
import { routes } from "../../src/masstack/generated/routes.js";
import { deref, type JsonObject } from "../helpers/spec.js";
import {
  accessToken,
  assertion,
  client,
  expectConforms,
  FACES,
  importPrivateKey,
  JWT_BEARER,
  loopbackPassthrough,
  readCallback,
  requestSchema,
  schemas,
  serve,
  signJwt,
  startCallbackListener,
  tokenRequest,
  type ErrorAnswer,
  type Served,
} from "./simulator-helpers.js";

const server = setupServer(loopbackPassthrough);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

// Golden bodies: the seed's examples (004), identifiers as strings where the seed writes numbers.
const MOVEMENT = {
  type: "RECURRING_CHARGE",
  movement_datetime: "2022-02-24T13:45:10Z",
  period_start_datetime: "2022-01-31T23:00:00Z",
  period_end_datetime: "2022-02-28T23:00:00Z",
  amount: { value_with_taxes: 12.1, value_without_taxes: 10, tax: { type: "IVA", percentage: 21 } },
  external_invoice_id: "123456789",
  external_movement_unique_id: "123456789",
  billable: false,
  concept_id: "5432167890",
  description: "February invoice",
}; // 004:L109-127
const NON_SUBSCRIBABLE_MOVEMENT = {
  type: "RECURRING_CHARGE",
  movement_datetime: "2022-02-24T13:45:10Z",
  period_start_datetime: "2022-01-31T23:00:00Z",
  period_end_datetime: "2022-02-28T23:00:00Z",
  amount: { value_with_taxes: 12.1, value_without_taxes: 10, tax: { type: "IVA", percentage: 21 } },
  external_invoice_id: "123456789",
  external_movement_unique_id: "123456789",
  transaction_type_id: "5432167890",
  description: "February invoice",
}; // 004:L57-74
const refund = (movement_id: string) => ({
  refund_datetime: "2022-02-24T13:45:10Z",
  period_start_datetime: "2022-01-31T23:00:00Z",
  period_end_datetime: "2022-02-28T23:00:00Z",
  amount: { value_with_taxes: 12.1, value_without_taxes: 10, tax: { type: "IVA", percentage: 21 } },
  external_invoice_id: "123456789",
  external_refund_unique_id: "123456789",
  billable: false,
  movement_id,
  description: "February invoice",
}); // 004:L211-228
/** `body` without `member`. */
const without = (body: Record<string, unknown>, member: string) => Object.fromEntries(Object.entries(body).filter(([name]) => name !== member));
const nonSubscribableRefund = (movement_id: string) => ({ ...without(refund(movement_id), "billable"), transaction_type_id: "5432167890" }); // 004:L162-179
const PROMOTION = { promotion: { promotion_id: "76", activation_date: "2017-09-15T22:00:00Z", deactivation_date: "2017-09-15T22:00:00Z" } }; // 004:L249-255
const DEVICE = { category: "eSIM", new_service_device_details: { iccid: "8934011411551283000", eid: "8.903302331217e+31" } }; // 004:L501-509
const MULTISIM_DETAILS = { secondary_eid: "89033023312170000000000000000001", secondary_iccid: "8934011411551283001" };
const TERMINATION = { reason: "SUBSCRIBER_RESIGNATION", deactivation_date: "2025-12-03T10:30:00Z" }; // the public Subscription page

// The documented bodies (004:L29-32, L468-472; the ext error bodies).
const BARRING_OK = '{"codeResult":"OK","titleResult":"Barring update was successfully finished"}';
const DUPLICATE = { code: "DUPLICATE_WORKFLOW_ID", title: "Duplicate workflow id" };
const MISSING_CALLBACK = { code: "BAD_REQUEST", title: "MISSING CALLBACK URL" };
const MISSING_CREDENTIALS = { code: "UNAUTHORIZED_REQUEST", title: "Missing credentials" };

/** What a callback body must be, by the spec (service_id read back as its digits). */
const callbackSchema = (name: "serviceCallbackDTO" | "barringCallbackDTO"): JsonObject => ({ $ref: `#/components/schemas/${name}` });

async function started(options: MasStackSimulatorOptions = {}) {
  const sim = createMasStackSimulator({ clock: "manual", ...options });
  const account = await sim.createServiceAccount();
  return { sim, account };
}

describe("the token endpoint (JWT bearer grant, RFC 7523)", () => {
  let sim: MasStackSimulator;
  let account: ServiceAccountKey;
  let served: Served;
  // A simulator each: the clock never goes back, and some tests move it hours on.
  beforeEach(async () => {
    ({ sim, account } = await started());
    served = await serve("fetch", sim);
  });

  const grant = (jwt: string) => tokenRequest(served, { grant_type: JWT_BEARER, assertion: jwt });
  const refused = async (jwt: string, error = "invalid_grant", status = 400) => {
    const answer = await grant(jwt);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error, error_description: expect.any(String) });
    return answer.body.error_description as string;
  };

  it("issues a bearer token for an assertion signed with the account's key, and API requests need it", async () => {
    const answer = await grant(await assertion(account, sim.tokenUrl));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Cache-Control")).toBe("no-store");
    expect(answer.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600 });
    const call = client(served, answer.body.access_token as string);
    expect((await call("GET", "/mobile/612123456/barrings")).status).toBe(200);
    const anonymous = await call<ErrorAnswer>("GET", "/mobile/612123456/barrings", { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual(MISSING_CREDENTIALS);
    const forged = await call<ErrorAnswer>("GET", "/mobile/612123456/barrings", { token: "not-a-token" });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe("UNAUTHORIZED_REQUEST");
  });

  it("lets an access token expire on the simulator's clock", async () => {
    const token = await accessToken(served, account);
    await sim.advance(3_600_000);
    const answer = await client(served, token)<ErrorAnswer>("GET", "/mobile/612123456/barrings");
    expect(answer.status).toBe(401);
    expect(answer.body.title).toMatch(/expired/);
  });

  it("refuses an assertion whose signature does not verify with the public key named by kid", async () => {
    const other = await createMasStackSimulator().createServiceAccount();
    const description = await refused(await assertion(account, sim.tokenUrl, { key: await importPrivateKey(other.private_key) }));
    expect(description).toMatch(/signature/);
    // One altered claim breaks the signature too.
    const [head, , signature] = (await assertion(account, sim.tokenUrl)).split(".");
    const claims = Buffer.from(JSON.stringify({ iss: account.client_email, aud: sim.tokenUrl, iat: 1, exp: 2, jti: "x", scope: "admin" })).toString(
      "base64url",
    );
    await refused(`${head}.${claims}.${signature}`);
  });

  it("refuses an assertion for another audience than its token URL", async () => {
    expect(await refused(await assertion(account, "https://other.example/oauth2/token"))).toMatch(/aud/);
    // An audience list that holds the token URL is fine (RFC 7519 4.1.3).
    expect((await grant(await assertion(account, sim.tokenUrl, { claims: { aud: ["https://other.example", sim.tokenUrl] } }))).status).toBe(200);
  });

  it("refuses an expired assertion on the simulator's clock, one living more than an hour, and one issued in the future", async () => {
    const jwt = await assertion(account, sim.tokenUrl);
    await sim.advance(301_000); // exp = iat + 300
    expect(await refused(jwt)).toMatch(/expired/);
    const now = Math.floor(Date.now() / 1000) + 301;
    expect(await refused(await assertion(account, sim.tokenUrl, { nowS: now, claims: { exp: now + 3601 } }))).toMatch(/3600/);
    expect(await refused(await assertion(account, sim.tokenUrl, { nowS: now + 120 }))).toMatch(/future/);
    expect((await grant(await assertion(account, sim.tokenUrl, { nowS: now, claims: { exp: now + 3600 } }))).status).toBe(200);
  });

  it("refuses a replayed assertion (a jti already used) and one without a jti", async () => {
    const jwt = await assertion(account, sim.tokenUrl);
    expect((await grant(jwt)).status).toBe(200);
    expect(await refused(jwt)).toMatch(/jti/);
    expect(await refused(await assertion(account, sim.tokenUrl, { claims: { jti: undefined } }))).toMatch(/jti/);
  });

  it("accepts RS256 only: alg none and HS256 are refused", async () => {
    const claims = { iss: account.client_email, sub: account.client_email, aud: sim.tokenUrl, iat: Math.floor(Date.now() / 1000), jti: "n-1" };
    const none = await signJwt({ alg: "none", typ: "JWT", kid: account.private_key_id }, { ...claims, exp: claims.iat + 300 }, { signature: "" });
    expect(await refused(none)).toMatch(/RS256/);
    const hs = await signJwt({ alg: "HS256", typ: "JWT", kid: account.private_key_id }, { ...claims, exp: claims.iat + 300 }, { signature: "c2lnbmF0dXJl" });
    expect(await refused(hs)).toMatch(/RS256/);
  });

  it("refuses an unknown key id, an iss that is not the key's account, and a request without an assertion", async () => {
    expect(await refused(await assertion(account, sim.tokenUrl, { header: { kid: "0123456789abcdef" } }))).toMatch(/kid/);
    expect(await refused(await assertion(account, sim.tokenUrl, { claims: { iss: "someone@else.example", sub: undefined } }))).toMatch(/iss/);
    const missing = await tokenRequest(served, { grant_type: JWT_BEARER });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe("invalid_request");
    const credentials = await tokenRequest(served, { grant_type: "client_credentials", client_id: "a", client_secret: "b" });
    expect(credentials.status).toBe(400);
    expect(credentials.body.error).toBe("unsupported_grant_type");
  });

  it("refuses client authentication that fails when sent with the assertion (invalid_client)", async () => {
    const answer = await tokenRequest(served, {
      grant_type: JWT_BEARER,
      assertion: await assertion(account, sim.tokenUrl),
      client_id: "x",
      client_secret: "y",
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe("invalid_client");
  });

  it("takes service accounts given as options: an SPKI PEM and a JWK", async () => {
    const pair = await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ["sign", "verify"],
    );
    const spki = Buffer.from(await crypto.subtle.exportKey("spki", pair.publicKey)).toString("base64");
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----\n`;
    const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
    const own = createMasStackSimulator({
      clock: "manual",
      serviceAccounts: [
        { client_email: "pem@partner.example", private_key_id: "pem-key", publicKey: pem },
        { client_email: "jwk@partner.example", private_key_id: "jwk-key", publicKey: jwk },
      ],
    });
    for (const [email, kid] of [
      ["pem@partner.example", "pem-key"],
      ["jwk@partner.example", "jwk-key"],
    ] as const) {
      const key = { private_key_id: kid, client_email: email } as ServiceAccountKey;
      const answer = await tokenRequest(own, { grant_type: JWT_BEARER, assertion: await assertion(key, own.tokenUrl, { key: pair.privateKey }) });
      expect(answer.status, email).toBe(200);
    }
    expect(() =>
      createMasStackSimulator({
        serviceAccounts: [{ client_email: "a@b", private_key_id: "k", publicKey: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" }],
      }),
    ).toThrow(/private key: give the public key/);
  });

  it("hands out service-account key files whose token_uri is the simulator's token URL", async () => {
    expect(account).toEqual({
      type: "service_account",
      private_key_id: expect.stringMatching(/^[0-9a-f]{40}$/),
      private_key: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PRIVATE KEY-----\n$/),
      client_email: expect.stringContaining("@"),
      token_uri: sim.tokenUrl,
    });
    expect((await importPrivateKey(account.private_key)).algorithm).toMatchObject({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048 });
  });
});

describe.each(FACES)("the MasStack simulator served by its %s face", (face) => {
  let served: Served | undefined;
  let listener: Awaited<ReturnType<typeof startCallbackListener>> | undefined;
  afterEach(async () => {
    await served?.close();
    await listener?.close();
    served = undefined;
    listener = undefined;
  });

  async function start(options: MasStackSimulatorOptions = {}) {
    const { sim, account } = await started(options);
    served = await serve(face, sim, server);
    listener = await startCallbackListener();
    const call = client(served, await accessToken(served, account));
    return { sim, call, listener, served };
  }

  it("answers every operation of the spec on its happy path, each answer as the spec says", async () => {
    const { sim, call, listener } = await start();
    const seen = new Set<string>();
    const expectStatus = async <T>(method: string, path: string, status: number, body?: unknown) => {
      const answer = await call<T>(method, path, body === undefined ? {} : { body });
      expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(status);
      seen.add(
        routes.find((r) => r.method === method && new RegExp(`^${r.path.replace(/\/$/, "").replaceAll(/\{[^}]+\}/g, "[^/]+")}/?$`).test(path))!.operationId,
      );
      return answer.body;
    };
    await expectStatus("POST", "/multisim/", 202, { service_details: MULTISIM_DETAILS, ...listener.urls("create") });
    await expectStatus("PATCH", "/mobile/612123456/devices/1", 202, { ...DEVICE, ...listener.urls("device") });
    await expectStatus("PATCH", "/mobile/612123456/barrings", 202, { active: true, barring_name: "ROAMING", ...listener.urls("barring") });
    await sim.advance(2_000);
    expect(await expectStatus("GET", "/mobile/612123456/barrings", 200)).toEqual({
      subscriptionId: 612123456,
      appliedBarringsMaskCodes: ["DEBT_MOBILE_LP", BARRING_MASK_CODES.ROAMING],
    });
    const movement = await expectStatus<{ movement_id: string }>("POST", "/tv/600000002/billing/movements", 201, MOVEMENT);
    const other = await expectStatus<{ movement_id: string }>(
      "POST",
      "/tv/600000002/billing/movements-non-subscribable-service",
      201,
      NON_SUBSCRIBABLE_MOVEMENT,
    );
    expect(await expectStatus("PATCH", `/tv/600000002/billing/movements/${movement.movement_id}`, 200, { description: "corrected" })).toEqual({
      code: "OK",
      title: "Movement updated correctly",
    });
    await expectStatus("POST", "/tv/600000002/billing/refunds", 201, refund(movement.movement_id));
    await expectStatus("POST", "/tv/600000002/billing/refunds-non-subscribable-service", 201, nonSubscribableRefund(other.movement_id));
    const promotion = await expectStatus<{ promotion_id: string }>("POST", "/mobile/612123456/promotions", 201, PROMOTION);
    expect(promotion).toEqual({ code: "CREATED", title: "Promotion created correctly", promotion_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await expectStatus("PATCH", `/mobile/612123456/promotions/${promotion.promotion_id}`, 200, { deactivation_date: "2022-02-24T13:45:10Z" })).toEqual({
      code: "OK",
      title: "Promotion updated correctly",
    });
    await expectStatus("POST", "/deviceinsurance/3500038700026229/terminate", 200, TERMINATION);
    expect([...seen].sort()).toEqual(routes.map((r) => r.operationId).sort());

    // The state behind the answers.
    const tv = sim.service("tv", "600000002")!;
    expect(tv.movements[movement.movement_id]!.body.description).toBe("corrected");
    expect(Object.values(tv.refunds).map((r) => r.body.movement_id)).toEqual([movement.movement_id, other.movement_id]);
    expect(sim.service("mobile", "612123456")!.devices["1"]).toEqual({ category: "eSIM", details: DEVICE.new_service_device_details });
    expect(sim.service("mobile", "612123456")!.promotions[promotion.promotion_id]!.promotion.deactivation_date).toBe("2022-02-24T13:45:10Z");
    expect(sim.service("deviceinsurance", "3500038700026229")!.terminated).toEqual(TERMINATION);
    expect(sim.services.find((s) => s.service_type === "multisim" && s.service_id === "600000001")?.service_details).toEqual(MULTISIM_DETAILS);
    expect(listener.received.map((r) => r.path).sort()).toEqual(["/cb/barring/success", "/cb/create/success", "/cb/device/success"]);
  });

  it("answers 406 DUPLICATE_WORKFLOW_ID to a second request with a workflow id already accepted, and nothing else", async () => {
    const { call, listener } = await start();
    const workflowId = crypto.randomUUID();
    const body = { active: true, barring_name: "INTERNET", ...listener.urls("b") };
    expect((await call("PATCH", "/mobile/612123456/barrings", { body, workflowId })).status).toBe(202);
    const again = await call<ErrorAnswer>("PATCH", "/mobile/612123456/barrings", { body, workflowId });
    expect(again.status).toBe(406);
    expect(again.body).toEqual(DUPLICATE);
    // Another operation with the same id is a duplicate too; ids are compared without case.
    expect((await call("POST", "/tv/600000002/promotions", { body: PROMOTION, workflowId: workflowId.toUpperCase() })).status).toBe(406);
    // A refused request does not use up its id: corrected, it is accepted.
    const fresh = crypto.randomUUID();
    expect((await call("PATCH", "/mobile/612123456/barrings", { body: { active: true, ...listener.urls("b") }, workflowId: fresh })).status).toBe(400);
    expect((await call("PATCH", "/mobile/612123456/barrings", { body, workflowId: fresh })).status).toBe(202);
    // A GET changes nothing and uses no workflow id.
    expect((await call("GET", "/mobile/612123456/barrings", { workflowId })).status).toBe(200);
    expect((await call("GET", "/mobile/612123456/barrings", { workflowId })).status).toBe(200);
  });
});

describe("request checks", () => {
  let sim: MasStackSimulator;
  let call: ReturnType<typeof client>;
  const urls = { callback_success_url: "https://partner.example/cb/success", callback_error_url: "https://partner.example/cb/error" };
  beforeAll(async () => {
    sim = createMasStackSimulator({ clock: "manual", auth: false, callbackFetch: async () => new Response(null, { status: 200 }) });
    call = client(await serve("fetch", sim));
  });
  afterEach(() => sim.reset());

  const expectBadRequest = async (method: string, path: string, body: unknown, title: RegExp | string) => {
    const answer = await call<ErrorAnswer>(method, path, { body });
    expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
    expect(answer.body.code).toBe("BAD_REQUEST");
    if (typeof title === "string") expect(answer.body.title).toBe(title);
    else expect(answer.body.title).toMatch(title);
  };

  /** A valid body of each operation that has one, and where it goes. */
  const VALID: [string, string, Record<string, unknown>][] = [
    ["POST", "/multisim/", { service_details: MULTISIM_DETAILS, ...urls }],
    ["PATCH", "/mobile/612123456/devices/1", { ...DEVICE, ...urls }],
    ["PATCH", "/mobile/612123456/barrings", { active: false, barring_name: "ROAMING", ...urls }],
    ["POST", "/tv/600000002/billing/movements", MOVEMENT],
    ["POST", "/tv/600000002/billing/movements-non-subscribable-service", NON_SUBSCRIBABLE_MOVEMENT],
    ["POST", "/tv/600000002/billing/refunds", refund("m")],
    ["POST", "/tv/600000002/billing/refunds-non-subscribable-service", nonSubscribableRefund("m")],
    ["POST", "/mobile/612123456/promotions", PROMOTION],
    ["POST", "/deviceinsurance/3500038700026229/terminate", TERMINATION],
  ];

  /** The members a request body's schema requires (its allOf members' too), by the spec. */
  function requiredBySpec(method: string, path: string): string[] {
    const schema = deref(spec(), requestSchema(method, path));
    const parts = ((schema.allOf as JsonObject[] | undefined) ?? [schema]).map((s) => deref(spec(), s));
    return parts.flatMap((p) => (p.required as string[] | undefined) ?? []);
  }
  const spec = () => ({ components: { schemas } });

  it("refuses each body without each member the spec requires (MISSING CALLBACK URL for a callback URL)", async () => {
    for (const [method, path, body] of VALID) {
      const required = requiredBySpec(method, path);
      expect(required.length, path).toBeGreaterThan(0);
      for (const member of required) {
        const rest = without(body, member);
        const title = member.startsWith("callback_") ? MISSING_CALLBACK.title : new RegExp(`^${member} is required`);
        await expectBadRequest(method, path, rest, title);
      }
    }
  });

  it("refuses a member outside the schema, a wrong kind, a value outside an enum, a lone period bound, and a callback URL that is not http(s)", async () => {
    await expectBadRequest("POST", "/tv/600000002/billing/movements", { ...MOVEMENT, transaction_type_id: "1" }, /^transaction_type_id is not a member/);
    await expectBadRequest("POST", "/tv/600000002/billing/movements", { ...MOVEMENT, billable: "yes" }, /^billable must be true or false/);
    await expectBadRequest(
      "POST",
      "/tv/600000002/billing/movements",
      { ...MOVEMENT, movement_datetime: "24/02/2022" },
      /^movement_datetime must be a date-time/,
    );
    await expectBadRequest(
      "POST",
      "/tv/600000002/billing/movements",
      { ...MOVEMENT, amount: { tax: { type: "VAT", percentage: 20 } } },
      /^amount\.tax\.type must be one of EXEMPTED/,
    );
    const lone = without(MOVEMENT, "period_end_datetime");
    await expectBadRequest("POST", "/tv/600000002/billing/movements", lone, "period_end_datetime is required when period_start_datetime is set (request body)");
    await expectBadRequest(
      "PATCH",
      "/mobile/612123456/barrings",
      { active: true, barring_name: "EVERYTHING", ...urls },
      /^barring_name must be one of ROAMING/,
    );
    await expectBadRequest("POST", "/multisim/", { service_details: { secondary_eid: "1" }, ...urls }, /^service_details\.secondary_iccid is required/);
    await expectBadRequest("POST", "/multisim/", { service_details: MULTISIM_DETAILS, ...urls, callback_error_url: "" }, MISSING_CALLBACK.title);
    await expectBadRequest(
      "POST",
      "/multisim/",
      { service_details: MULTISIM_DETAILS, ...urls, callback_error_url: "ftp://x.example" },
      /^callback_error_url must be an absolute http\(s\) URL/,
    );
    await expectBadRequest("POST", "/mobile/612123456/promotions", "[1]", "The request body must be a JSON object");
    await expectBadRequest("POST", "/mobile/612123456/promotions", "{", "The request body is not valid JSON");
    const badType = await call<ErrorAnswer>("POST", "/broadband/", { body: { service_details: {}, ...urls } });
    expect(badType.body.title).toMatch(/^service_type must be one of multisim, security, tv, datasharing, mobile, applewatch, deviceinsurance/);
    const badId = await call<ErrorAnswer>("GET", "/mobile/612123456/barrings", { workflowId: "not-a-uuid" });
    expect(badId.status).toBe(400);
    expect(badId.body.title).toBe("Request-Correlation-Id must be a UUID (header)");
  });

  it("checks its enums and required members against the spec's", () => {
    expect(SERVICE_TYPES).toEqual(deref({ components: { schemas } }, schemas.serviceTypeDTO!).enum);
    expect(BARRING_NAMES).toEqual(((schemas.barringRequestDTO!.properties as JsonObject).barring_name as JsonObject).enum);
  });

  it("takes identifiers sent as JSON numbers (as the seed's examples do) as their digits", async () => {
    const answer = await call<{ promotion_id: string }>("POST", "/mobile/612123456/promotions", {
      body: '{"promotion":{"promotion_id":76,"activation_date":"2017-09-15T22:00:00Z","deactivation_date":"2017-09-15T22:00:00Z"}}', // 004:L249-255 as written
    });
    expect(answer.status).toBe(201);
    expect(sim.service("mobile", "612123456")!.promotions[answer.body.promotion_id]!.promotion.promotion_id).toBe("76");
    const device = await call("PATCH", "/mobile/612123456/devices/1", {
      body: `{"category":"eSIM","new_service_device_details":{"iccid":8934011411551283000,"eid":8.903302331217e+31},"callback_success_url":"${urls.callback_success_url}","callback_error_url":"${urls.callback_error_url}"}`, // 004:L501-509
    });
    expect(device.status).toBe(202);
    await sim.advance(2_000);
    expect(sim.service("mobile", "612123456")!.devices["1"]!.details).toEqual({ iccid: "8934011411551283000", eid: "8.903302331217e+31" });
  });

  it("answers 404 for an unknown service, movement or promotion where the spec has a 404", async () => {
    const expectNotFound = async (method: string, path: string, body?: unknown) => {
      const answer = await call<ErrorAnswer>(method, path, body === undefined ? {} : { body });
      expect(answer.status, path).toBe(404);
      expect(answer.body.code).toBe("NOT_FOUND");
    };
    await expectNotFound("GET", "/mobile/699999999/barrings");
    await expectNotFound("GET", "/tv/612123456/barrings"); // a mobile id under another type
    await expectNotFound("PATCH", "/mobile/699999999/barrings", { active: true, barring_name: "ROAMING", ...urls });
    await expectNotFound("PATCH", "/mobile/699999999/devices/1", { ...DEVICE, ...urls });
    await expectNotFound("POST", "/tv/699999999/billing/movements", MOVEMENT);
    await expectNotFound("PATCH", "/tv/600000002/billing/movements/nope", {});
    await expectNotFound("POST", "/tv/600000002/billing/refunds", refund("8da2b117-ef72-413d-98ce-36d1eb544e44"));
    await expectNotFound("POST", "/tv/600000002/billing/refunds-non-subscribable-service", nonSubscribableRefund("nope"));
    await expectNotFound("PATCH", "/mobile/612123456/promotions/nope", { deactivation_date: "2022-02-24T13:45:10Z" });
    await expectNotFound("POST", "/deviceinsurance/1/terminate", TERMINATION);
    // Terminating twice is a 400: it is not terminated again.
    expect((await call("POST", "/deviceinsurance/3500038700026229/terminate", { body: TERMINATION })).status).toBe(200);
    expect((await call("POST", "/deviceinsurance/3500038700026229/terminate", { body: TERMINATION })).status).toBe(400);
  });
});

describe("callbacks", () => {
  let listener: Awaited<ReturnType<typeof startCallbackListener>>;
  beforeAll(async () => {
    listener = await startCallbackListener();
  });
  afterAll(() => listener.close());
  afterEach(() => void listener.received.splice(0));

  async function open(options: MasStackSimulatorOptions = {}) {
    const sim = createMasStackSimulator({ clock: "manual", auth: false, ...options });
    return { sim, call: client(await serve("fetch", sim)) };
  }

  it("POSTs the success callback to the request's success URL on the manual clock, with the workflow id and the seed's body", async () => {
    const { sim, call } = await open();
    const workflowId = crypto.randomUUID();
    expect((await call("POST", "/mobile/", { body: { service_id: "600000000", service_details: {}, ...listener.urls("c1") }, workflowId })).status).toBe(202);
    await sim.advance(1_999);
    expect(listener.received).toEqual([]);
    expect(sim.service("mobile", "600000000")).toBeUndefined();
    await sim.advance(1);
    expect(listener.received).toEqual([
      {
        method: "POST",
        path: "/cb/c1/success",
        headers: expect.objectContaining({ "content-type": "application/json", "request-correlation-id": workflowId }),
        // 004:L468-472, compacted: service_id as a bare number.
        text: '{"code":"OK","title":"Service was successfully created","service_id":600000000}',
      },
    ]);
    expectConforms(callbackSchema("serviceCallbackDTO"), readCallback(listener.received[0]!.text), "callback");
    expect(sim.service("mobile", "600000000")).toMatchObject({ service_type: "mobile", service_id: "600000000", subscriptionId: 600000000 });
    expect(sim.workflows).toEqual([expect.objectContaining({ workflowId, operationId: "createService", state: "succeeded", generated: false })]);
    expect(sim.deliveries).toEqual([
      expect.objectContaining({
        url: `${listener.base}/cb/c1/success`,
        workflowId,
        outcome: "success",
        status: 200,
        attempt: 1,
        body: expect.objectContaining({ service_id: "600000000" }),
      }),
    ]);
  });

  it("writes a service id that is not all digits as a string, and gives one to a creation without it", async () => {
    const { sim, call } = await open();
    await call("POST", "/security/", { body: { service_id: "SEC-1", service_details: { plan: "family" }, ...listener.urls("a") } });
    await call("POST", "/security/", { body: { service_details: {}, ...listener.urls("b") } });
    await sim.advance(2_000);
    const texts = Object.fromEntries(listener.received.map((r) => [r.path, r.text]));
    expect(texts["/cb/a/success"]).toBe('{"code":"OK","title":"Service was successfully created","service_id":"SEC-1"}');
    expect(texts["/cb/b/success"]).toBe('{"code":"OK","title":"Service was successfully created","service_id":600000001}');
    expect(sim.service("security", "SEC-1")!.service_details).toEqual({ plan: "family" });
  });

  it("delivers in the process through callbackFetch: barring and device callbacks with their documented bodies", async () => {
    const received: { url: string; correlation: string | null; text: string }[] = [];
    const { sim, call } = await open({
      callbackFetch: async (url, init) => {
        const request = new Request(url, init);
        received.push({ url, correlation: request.headers.get("Request-Correlation-Id"), text: await request.text() });
        return new Response(null, { status: 200 });
      },
    });
    const urls = { callback_success_url: "https://partner.example/cb/ok", callback_error_url: "https://partner.example/cb/ko" };
    const barring = crypto.randomUUID();
    const device = crypto.randomUUID();
    await call("PATCH", "/mobile/612123456/barrings", { body: { active: true, barring_name: "OUTGOING_SMS", ...urls }, workflowId: barring });
    await call("PATCH", "/multisim/600000000/devices/2", {
      body: { category: "SIM", new_service_device_details: { iccid: "8934011411551283002" }, ...urls },
      workflowId: device,
    });
    await sim.advance(2_000);
    expect(received).toEqual([
      { url: urls.callback_success_url, correlation: barring, text: BARRING_OK },
      { url: urls.callback_success_url, correlation: device, text: '{"code":"OK","title":"Service device was successfully updated","service_id":600000000}' },
    ]);
    expectConforms(callbackSchema("barringCallbackDTO"), JSON.parse(received[0]!.text), "barring callback");
    expect(sim.service("mobile", "612123456")!.barrings).toEqual(["OUTGOING_SMS"]);
    // Unset: the mask code goes.
    await call("PATCH", "/mobile/612123456/barrings", { body: { active: false, barring_name: "OUTGOING_SMS", ...urls } });
    await sim.advance(2_000);
    expect((await call("GET", "/mobile/612123456/barrings")).body).toEqual({ subscriptionId: 612123456, appliedBarringsMaskCodes: ["DEBT_MOBILE_LP"] });
  });

  it("generates a workflow id for a request without one, answers it in the 202 and sends it with the callback", async () => {
    const { sim, call } = await open();
    const answer = await call("PATCH", "/mobile/612123456/barrings", {
      body: { active: true, barring_name: "ROAMING", ...listener.urls("g") },
      workflowId: null,
    });
    expect(answer.status).toBe(202);
    const generated = answer.headers.get("Request-Correlation-Id")!;
    expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await sim.advance(2_000);
    expect(listener.received[0]!.headers["request-correlation-id"]).toBe(generated);
    expect(sim.workflows[0]).toMatchObject({ workflowId: generated, generated: true });
  });

  it("sends the error callback when the workflow fails: a service id already taken", async () => {
    const { sim, call } = await open();
    await call("POST", "/multisim/", { body: { service_id: "600000000", service_details: MULTISIM_DETAILS, ...listener.urls("dup") } });
    await sim.advance(2_000);
    expect(listener.received.map((r) => r.path)).toEqual(["/cb/dup/error"]);
    const body = readCallback(listener.received[0]!.text);
    expect(body).toEqual({ code: "SERVICE_OPERATION_FAILED", title: "Service 600000000 of type multisim already exists", service_id: "600000000" });
    expectConforms(callbackSchema("serviceCallbackDTO"), body, "error callback");
    expect(sim.workflows[0]!.state).toBe("failed");
  });

  it("retries a callback the URL did not take (not 200) 30 s later, three times at most", async () => {
    const { sim, call } = await open();
    listener.answer(500, 202);
    await call("PATCH", "/mobile/612123456/barrings", { body: { active: true, barring_name: "ROAMING", ...listener.urls("r") } });
    await sim.advance(2_000);
    await sim.advance(30_000);
    expect(sim.deliveries.map((d) => [d.status, d.attempt])).toEqual([
      [500, 1],
      [202, 2],
    ]);
    await sim.advance(30_000);
    expect(sim.deliveries.map((d) => d.status)).toEqual([500, 202, 200]);
    listener.answer(503, 503, 503, 503, 503);
    await call("PATCH", "/mobile/612123456/barrings", { body: { active: false, barring_name: "ROAMING", ...listener.urls("r2") } });
    await sim.settle();
    expect(sim.deliveries.filter((d) => d.url.includes("/r2/")).map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
  });

  it("run() moves the clock until a call waiting for its callback settles", async () => {
    let heard!: (text: string) => void;
    const callback = new Promise<string>((resolve) => (heard = resolve));
    const { sim, call } = await open({
      callbackDelayMs: 60_000,
      callbackFetch: async (_url, init) => {
        heard(String(init.body));
        return new Response(null, { status: 200 });
      },
    });
    const urls = { callback_success_url: "https://partner.example/ok", callback_error_url: "https://partner.example/ko" };
    const work = call("PATCH", "/mobile/612123456/barrings", { body: { active: true, barring_name: "ROAMING", ...urls } }).then(() => callback);
    expect(await sim.run(work)).toBe(BARRING_OK);
  });
});

describe("faults", () => {
  let listener: Awaited<ReturnType<typeof startCallbackListener>>;
  beforeAll(async () => {
    listener = await startCallbackListener();
  });
  afterAll(() => listener.close());
  afterEach(() => void listener.received.splice(0));

  async function open() {
    const sim = createMasStackSimulator({ clock: "manual", auth: false });
    return { sim, call: client(await serve("fetch", sim)) };
  }
  const barring = (name: string, active = true) => ({ body: { active, barring_name: "ROAMING", ...listener.urls(name) } });

  it("callbackLost: the change is made, its callback never sent", async () => {
    const { sim, call } = await open();
    sim.fault({ operationId: "updateBarring" }, { kind: "callbackLost" });
    await call("PATCH", "/mobile/612123456/barrings", barring("lost"));
    await call("PATCH", "/mobile/612123456/barrings", barring("next", false));
    await sim.settle();
    expect(listener.received.map((r) => r.path)).toEqual(["/cb/next/success"]);
    expect(sim.workflows.map((w) => w.state)).toEqual(["succeeded", "succeeded"]);
  });

  it("callbackDuplicated: the callback is sent twice, the same", async () => {
    const { sim, call } = await open();
    sim.fault({ method: "PATCH", path: /\/barrings$/ }, { kind: "callbackDuplicated" });
    const workflowId = crypto.randomUUID();
    await call("PATCH", "/mobile/612123456/barrings", { ...barring("twice"), workflowId });
    await sim.advance(2_000);
    expect(listener.received.map((r) => [r.path, r.headers["request-correlation-id"], r.text])).toEqual([
      ["/cb/twice/success", workflowId, BARRING_OK],
      ["/cb/twice/success", workflowId, BARRING_OK],
    ]);
  });

  it("callbackDelayed: the change is made on time, the callback sent ms later", async () => {
    const { sim, call } = await open();
    sim.fault({ operationId: "updateBarring" }, { kind: "callbackDelayed", ms: 60_000 });
    await call("PATCH", "/mobile/612123456/barrings", barring("late"));
    await sim.advance(2_000);
    expect(sim.service("mobile", "612123456")!.barrings).toEqual(["ROAMING"]);
    await sim.advance(59_999);
    expect(listener.received).toEqual([]);
    await sim.advance(1);
    expect(listener.received.map((r) => r.path)).toEqual(["/cb/late/success"]);
  });

  it("errorOutcome: nothing changes and the error callback carries the given code and title", async () => {
    const { sim, call } = await open();
    sim.fault({ operationId: "updateBarring" }, { kind: "errorOutcome", code: "BARRING_NOT_ALLOWED", title: "Barring not allowed" }, { times: 2 });
    sim.fault({ operationId: "createService" }, { kind: "errorOutcome" });
    await call("PATCH", "/mobile/612123456/barrings", barring("fail"));
    await call("POST", "/tv/", { body: { service_id: "600000009", service_details: {}, ...listener.urls("svc") } });
    await sim.advance(2_000);
    const byPath = Object.fromEntries(listener.received.map((r) => [r.path, readCallback(r.text)]));
    expect(byPath["/cb/fail/error"]).toEqual({ codeResult: "BARRING_NOT_ALLOWED", titleResult: "Barring not allowed" });
    expect(byPath["/cb/svc/error"]).toEqual({ code: "SERVICE_OPERATION_FAILED", title: expect.stringContaining("errorOutcome"), service_id: "600000009" });
    expectConforms(callbackSchema("serviceCallbackDTO"), byPath["/cb/svc/error"], "error callback");
    expect(sim.service("mobile", "612123456")!.barrings).toEqual([]);
    expect(sim.service("tv", "600000009")).toBeUndefined();
  });

  it("duplicateWorkflow: a new workflow id answered 406 (nothing done, the id still free)", async () => {
    const { sim, call } = await open();
    sim.fault({ operationId: "createMovement" }, { kind: "duplicateWorkflow" });
    const workflowId = crypto.randomUUID();
    const refused = await call<ErrorAnswer>("POST", "/tv/600000002/billing/movements", { body: MOVEMENT, workflowId });
    expect(refused.status).toBe(406);
    expect(refused.body).toEqual(DUPLICATE);
    expect(sim.service("tv", "600000002")!.movements).toEqual({});
    expect((await call("POST", "/tv/600000002/billing/movements", { body: MOVEMENT, workflowId })).status).toBe(201);
  });

  it("duplicateWorkflow with accept: the request is carried out, its answer a 5xx, and the resend gets the real 406", async () => {
    const { sim, call } = await open();
    sim.fault({ operationId: "createService" }, { kind: "duplicateWorkflow", accept: true, answer: 503 });
    const workflowId = crypto.randomUUID();
    const body = { service_id: "600000010", service_details: {}, ...listener.urls("lost202") };
    const first = await call<ErrorAnswer>("POST", "/tv/", { body, workflowId, unchecked: true });
    expect(first.status).toBe(503);
    expect(first.body.code).toBe("SERVICE_UNAVAILABLE");
    const resend = await call<ErrorAnswer>("POST", "/tv/", { body, workflowId });
    expect(resend.status).toBe(406);
    expect(resend.body).toEqual(DUPLICATE);
    await sim.advance(2_000);
    expect(listener.received.map((r) => [r.path, r.headers["request-correlation-id"]])).toEqual([["/cb/lost202/success", workflowId]]);
    expect(sim.service("tv", "600000010")).toBeDefined();
  });

  it("duplicateWorkflow with accept and answer drop: the connection drops after the request was carried out", async () => {
    const { sim, call } = await open();
    sim.fault({ operationId: "updateBarring" }, { kind: "duplicateWorkflow", accept: true, answer: "drop" });
    const workflowId = crypto.randomUUID();
    await expect(call("PATCH", "/mobile/612123456/barrings", { ...barring("dropped"), workflowId })).rejects.toThrow(TypeError);
    expect((await call("PATCH", "/mobile/612123456/barrings", { ...barring("dropped"), workflowId })).status).toBe(406);
    await sim.advance(2_000);
    expect(listener.received).toHaveLength(1);
  });

  it("takes the core's faults by operationId too, and refuses faults that cannot apply", async () => {
    const { sim, call } = await open();
    sim.fault({ operationId: "getBarrings" }, { kind: "status", status: 500 });
    const failed = await call<ErrorAnswer>("GET", "/mobile/612123456/barrings");
    expect(failed.status).toBe(500);
    expect(failed.body.code).toBe("INTERNAL_SERVER_ERROR");
    expect((await call("GET", "/mobile/612123456/barrings")).status).toBe(200);
    sim.fault({ operationId: "createPromotion" }, { kind: "drop", when: "after" });
    await expect(call("POST", "/mobile/612123456/promotions", { body: PROMOTION })).rejects.toThrow(TypeError);
    expect(Object.keys(sim.service("mobile", "612123456")!.promotions)).toHaveLength(1);

    expect(() => sim.fault({ operationId: "createMovement" }, { kind: "callbackLost" })).toThrow(/operations with callbacks/);
    expect(() => sim.fault({ operationId: "getBarrings" }, { kind: "duplicateWorkflow" })).toThrow(/GET uses no workflow id/);
    expect(() => sim.fault("token", { kind: "callbackLost" })).toThrow(/token endpoint/);
    expect(() => sim.fault({ operationId: "nope" as "getBarrings" }, { kind: "status", status: 500 })).toThrow(/not an operation/);
    expect(() => sim.fault({ operationId: "createService" }, { kind: "duplicateWorkflow", accept: true, answer: 404 })).toThrow(/not a valid fault/);
    expect(() => sim.fault({ operationId: "createService" }, { kind: "callbackDelayed", ms: -1 })).toThrow(/not a valid fault/);
  });

  it("reset() forgets faults, workflow ids, workflows, deliveries and changes, and keeps the service accounts", async () => {
    const sim = createMasStackSimulator({ clock: "manual" });
    const account = await sim.createServiceAccount();
    const served = await serve("fetch", sim);
    const call = client(served, await accessToken(served, account));
    const workflowId = crypto.randomUUID();
    await call("PATCH", "/mobile/612123456/barrings", { ...barring("reset"), workflowId });
    sim.fault({ operationId: "getBarrings" }, { kind: "status", status: 500 });
    await sim.advance(2_000);
    sim.reset();
    expect([sim.workflows, sim.deliveries, sim.service("mobile", "612123456")!.barrings]).toEqual([[], [], []]);
    const again = client(served, await accessToken(served, account));
    expect((await again("GET", "/mobile/612123456/barrings")).status).toBe(200);
    expect((await again("PATCH", "/mobile/612123456/barrings", { ...barring("reset"), workflowId })).status).toBe(202);
  });
});
