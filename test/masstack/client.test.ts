// The MasStack client at the network edge: every request checked against
// spec/masstack.openapi.yaml, the seed's bodies as golden data, error answers as typed errors,
// the resend rule of the workflow id, identifiers kept exact, the local checks, and the
// asynchronous handles driven by a callback router of the test's own.
import { generateKeyPairSync } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  createMasStackClient,
  DuplicateWorkflowError,
  InvalidArgumentError,
  MasStackApiError,
  MasStackCallbackError,
  MasStackCallbackTimeoutError,
  MasStackValidationError,
  NotFoundError,
  PermissionDeniedError,
  ServerError,
  type MasStackClient,
  type RequestHookInfo,
} from "../../src/masstack/index.js";
import { recordingFetch, TEST_TOKEN, TEST_TOKEN_URL, type Recorded } from "../helpers/recording-fetch.js";
import { API_ROOT, errorExample, example, fakeRouter, json, masstackClient, specProblems, TOKEN } from "./client-helpers.js";

const SERVICE_ID = "612123456";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const WORKFLOW = "3f2c8a4e-5b1d-4c6e-9f7a-2b8d1e0c4a6f";
/** The seed's bodies without their callback URLs (the receiver fills them in). */
const without = (body: Record<string, unknown>, ...names: string[]) => Object.fromEntries(Object.entries(body).filter(([name]) => !names.includes(name)));
const withoutUrls = (body: Record<string, unknown>) => without(body, "callback_success_url", "callback_error_url");
const TERMINATED = { code: "OK", title: "Device insurance terminated" };
const accepted = () => json(undefined, 202);
const pathOf = (request: Recorded) => `${request.url.pathname.slice(new URL(API_ROOT).pathname.length)}`;

describe("every operation sends what the spec says", () => {
  const router = fakeRouter();
  const answers: Record<string, () => Response> = {
    "POST /multisim/": accepted,
    [`PATCH /mobile/${SERVICE_ID}/devices/1`]: accepted,
    [`PATCH /mobile/${SERVICE_ID}/barrings`]: accepted,
    [`GET /mobile/${SERVICE_ID}/barrings`]: () => json(example("barringsDetailResponseDTO")),
    [`POST /mobile/${SERVICE_ID}/billing/movements`]: () => json(example("movementSuccessResponseDTO"), 201),
    [`POST /tv/${SERVICE_ID}/billing/movements-non-subscribable-service`]: () => json(example("movementSuccessResponseDTO"), 201),
    [`PATCH /mobile/${SERVICE_ID}/billing/movements/m-1`]: () => json(example("movementUpdateResponseDTO")),
    [`POST /mobile/${SERVICE_ID}/billing/refunds`]: () => json(example("refundSuccessResponseDTO"), 201),
    [`POST /tv/${SERVICE_ID}/billing/refunds-non-subscribable-service`]: () => json(example("refundSuccessResponseDTO"), 201),
    [`POST /mobile/${SERVICE_ID}/promotions`]: () => json(example("PromotionSuccessResponseDTO"), 201),
    [`PATCH /mobile/${SERVICE_ID}/promotions/76`]: () => json(example("promotionUpdateResponseDTO")),
    // The schema has no example (its fields are assumed): an answer of that shape.
    [`POST /deviceinsurance/3500038700026229/terminate`]: () => json(TERMINATED),
  };
  const { client, requests } = masstackClient((request) => answers[`${request.method} ${pathOf(request)}`]?.(), { callbacks: router });
  const esim = { category: "eSIM" as const, new_service_device_details: { iccid: "8934011411551283000", eid: "89033023312170000000000000000001" } };

  const calls: [string, (c: MasStackClient) => PromiseLike<unknown>, unknown][] = [
    [
      "services.multisim.create",
      (c) => c.services.multisim.create(example("createServiceRequestDTO") as never).submitted(),
      { workflowId: expect.stringMatching(UUID), status: "accepted" },
    ],
    ["services.mobile.updateDevice", (c) => c.services.mobile.updateDevice(SERVICE_ID, "1", esim).submitted(), { status: "accepted" }],
    ["barrings.update", (c) => c.barrings.update("mobile", SERVICE_ID, withoutUrls(example("barringRequestDTO")) as never).submitted(), { status: "accepted" }],
    ["barrings.get", (c) => c.barrings.get("mobile", SERVICE_ID), example("barringsDetailResponseDTO")],
    [
      "billing.movements.create",
      (c) => c.billing.movements.create("mobile", SERVICE_ID, example("movementRequestDTO") as never),
      example("movementSuccessResponseDTO"),
    ],
    [
      "billing.movements.createNonSubscribable",
      (c) => c.billing.movements.createNonSubscribable("tv", SERVICE_ID, example("movementNonSubscribableRequestDTO") as never),
      example("movementSuccessResponseDTO"),
    ],
    [
      "billing.movements.update",
      (c) => c.billing.movements.update("mobile", SERVICE_ID, "m-1", { description: "corrected" }),
      example("movementUpdateResponseDTO"),
    ],
    [
      "billing.refunds.create",
      (c) => c.billing.refunds.create("mobile", SERVICE_ID, example("refundRequestDTO") as never),
      example("refundSuccessResponseDTO"),
    ],
    [
      "billing.refunds.createNonSubscribable",
      (c) => c.billing.refunds.createNonSubscribable("tv", SERVICE_ID, example("refundNonSubscribableRequestDTO") as never),
      example("refundSuccessResponseDTO"),
    ],
    [
      "promotions.create",
      (c) => c.promotions.create("mobile", SERVICE_ID, example("createPromotionRequestDTO") as never),
      example("PromotionSuccessResponseDTO"),
    ],
    [
      "promotions.update",
      (c) => c.promotions.update("mobile", SERVICE_ID, "76", example("updatePromotionRequestDTO") as never),
      example("promotionUpdateResponseDTO"),
    ],
    ["deviceInsurance.terminate", (c) => c.deviceInsurance.terminate("3500038700026229", example("terminateMovementRequestDTO") as never), TERMINATED],
  ];

  test.each(calls)("%s", async (_, run, expected) => {
    const before = requests.length;
    await expect(run(client)).resolves.toMatchObject(expected as object);
    expect(requests).toHaveLength(before + 1);
    const sent = requests.at(-1)!;
    expect(specProblems(sent)).toEqual([]);
    expect(sent.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(sent.headers.get("request-correlation-id")).toMatch(UUID);
  });

  test("the asynchronous operations without URLs carry the receiver's, for their workflow id", () => {
    // The service creation's body gave both URLs (the seed's example): they stand (next test).
    const async = requests.filter((r) => r.body.includes("partner.example.com/cb/"));
    expect(async.map((r) => `${r.method} ${pathOf(r)}`)).toEqual([`PATCH /mobile/${SERVICE_ID}/devices/1`, `PATCH /mobile/${SERVICE_ID}/barrings`]);
    for (const request of async) {
      const id = request.headers.get("request-correlation-id")!;
      expect(request.json).toMatchObject({
        callback_success_url: `https://partner.example.com/cb/success/${id}/t0k`,
        callback_error_url: `https://partner.example.com/cb/error/${id}/t0k`,
      });
    }
    expect(router.asked).toEqual(async.map((r) => r.headers.get("request-correlation-id")));
  });

  test("the seed's bodies go out as given (the service's, with the URLs the caller gave, kept)", () => {
    const created = requests.find((r) => r.method === "POST" && pathOf(r) === "/multisim/")!;
    // Both URLs given: the caller's stand.
    expect(created.json).toEqual(example("createServiceRequestDTO"));
    const movement = requests.find((r) => pathOf(r).endsWith("/billing/movements"))!;
    expect(movement.json).toEqual(example("movementRequestDTO"));
  });
});

describe("error answers are typed errors carrying MasStack's code and title", () => {
  const cases: [number, string, new (...args: never[]) => Error][] = [
    [400, "BadRequestError", BadRequestError],
    [401, "UnauthorizedError", AuthenticationError],
    [403, "ForbiddenError", PermissionDeniedError],
    [500, "InternalServerErrorError", ServerError],
  ];
  test.each(cases)("%i", async (status, name, Class) => {
    const body = errorExample(name);
    const { client } = masstackClient(() => json(body, status));
    const error = await client.barrings.get("mobile", SERVICE_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(MasStackApiError);
    expect(error).toMatchObject({ status, apiCode: body.code, title: body.title });
    expect((error as Error).message).toContain(`${body.code as string}: ${body.title as string}`);
  });

  test("404 with the schema's example (an ext page's body) names the URL tried", async () => {
    const body = example("genericErrorResponseDTO");
    const { client } = masstackClient(() => json(body, 404));
    const error = await client.promotions.update("mobile", SERVICE_ID, "76", { deactivation_date: "2024-12-31T23:00:00Z" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ apiCode: "INVALID_MSISDN", title: "MSISDN does not belong to an active service" });
    expect((error as Error).message).toContain(`${API_ROOT}/mobile/${SERVICE_ID}/promotions/76`);
  });
});

describe("the workflow id and resends", () => {
  test("a 406 DUPLICATE_WORKFLOW_ID to a first send is a DuplicateWorkflowError naming the workflow", async () => {
    const router = fakeRouter();
    const { client, requests } = masstackClient(() => json(errorExample("NotAcceptableError"), 406), {
      callbacks: router,
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const operation = client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true }, { workflowId: WORKFLOW });
    const error = await operation.submitted().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateWorkflowError);
    expect(error).toMatchObject({ code: "DUPLICATE_WORKFLOW_ID", workflowId: WORKFLOW, apiCode: "DUPLICATE_WORKFLOW_ID", status: 406 });
    await expect(operation).rejects.toBe(error);
    expect(requests).toHaveLength(1);
  });

  test("a resend after a lost answer carries the same Request-Correlation-Id, and its 406 means accepted", async () => {
    const router = fakeRouter();
    const { client, requests } = masstackClient(
      (_request, index) => (index === 0 ? json({ code: "INTERNAL_SERVER_ERROR", title: "try again" }, 503) : json(errorExample("NotAcceptableError"), 406)),
      { callbacks: router, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } },
    );
    const operation = client.services.multisim.create({ service_details: { secondary_eid: "e1", secondary_iccid: "i1" } });
    await expect(operation.submitted()).resolves.toEqual({ workflowId: operation.workflowId, status: "accepted" });
    expect(requests.map((r) => r.headers.get("request-correlation-id"))).toEqual([operation.workflowId, operation.workflowId]);
    expect(requests[0]!.body).toBe(requests[1]!.body);
    router.deliver(operation.workflowId, "success", { code: "OK", title: "Service was successfully created", service_id: "600000000" });
    await expect(operation).resolves.toMatchObject({ status: "succeeded", result: { service_id: "600000000" } });
  });

  test("a network failure after sending is resent for the asynchronous operations only", async () => {
    const { client, requests } = masstackClient(
      (_request, index) => {
        if (index === 0) throw new TypeError("fetch failed: socket hang up");
        return accepted();
      },
      { callbacks: fakeRouter(), retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } },
    );
    const operation = client.barrings.update("mobile", SERVICE_ID, { barring_name: "INTERNET", active: false });
    await expect(operation.submitted()).resolves.toMatchObject({ status: "accepted" });
    expect(new Set(requests.map((r) => r.headers.get("request-correlation-id")))).toEqual(new Set([operation.workflowId]));
    expect(requests).toHaveLength(2);
    requests.length = 0;
    const movement = client.billing.movements.create("mobile", SERVICE_ID, example("movementRequestDTO") as never);
    await expect(movement).rejects.toMatchObject({ name: "NetworkError" });
    expect(requests).toHaveLength(1);
  });

  test("the caller's workflow id is sent; one that is no UUID is refused before anything is sent", async () => {
    const { client, requests } = masstackClient(accepted, { callbacks: fakeRouter() });
    const operation = client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true }, { workflowId: WORKFLOW });
    await operation.submitted();
    expect(requests[0]!.headers.get("request-correlation-id")).toBe(WORKFLOW);
    expect(operation.toJSON()).toEqual({ workflowId: WORKFLOW, operation: "updateBarring", serviceType: "mobile", serviceId: SERVICE_ID });
    const bad = client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true }, { workflowId: "order-42" });
    await expect(bad.submitted()).rejects.toMatchObject({ name: "InvalidArgumentError", argument: "options.workflowId" });
    expect(requests).toHaveLength(1);
  });
});

describe("identifiers", () => {
  test("a 19-digit ICCID string goes out exact; a safe-integer service_id is sent as its digits", async () => {
    const { client, requests } = masstackClient(accepted, { callbacks: fakeRouter() });
    await client.services.mobile
      .updateDevice(SERVICE_ID, "1", {
        category: "eSIM",
        new_service_device_details: { iccid: "8934011411551283000", eid: "89033023312170000000000000000001" },
      })
      .submitted();
    await client.services.multisim
      .create({ service_id: 600000000 as never, service_details: { secondary_eid: "e", secondary_iccid: "8934011411551283000" } })
      .submitted();
    expect(requests[0]!.body).toContain('"iccid":"8934011411551283000"');
    expect(requests[0]!.body).toContain('"eid":"89033023312170000000000000000001"');
    expect(requests[1]!.json).toMatchObject({ service_id: "600000000" });
    expect(requests.map(specProblems)).toEqual([[], []]);
  });

  test("an ICCID passed as a number (the seed's as-written example) has lost digits: an InvalidArgumentError, nothing sent", async () => {
    const { client, requests } = masstackClient(accepted, { callbacks: fakeRouter() });
    // The seed's number, as a JavaScript caller would have it (already 8934011411551283000 rounded).
    const iccid = 8934011411551283000;
    const operation = client.services.mobile.updateDevice(SERVICE_ID, "1", { category: "eSIM", new_service_device_details: { iccid: iccid as never } });
    const error = await operation.submitted().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: "body.new_service_device_details.iccid" });
    expect((error as Error).message).toMatch(/pass the identifier as a string/);
    const promotion = client.promotions.create("mobile", SERVICE_ID, { promotion: { promotion_id: 7.5 as never } });
    await expect(promotion).rejects.toMatchObject({ argument: "body.promotion.promotion_id" });
    expect(requests).toHaveLength(0);
  });

  test("an answer with a bare 22-digit number where an id goes gives its exact digits", async () => {
    const { client } = masstackClient(
      () =>
        new Response('{"code":"CREATED","title":"Promotion created","promotion_id":8934011411551283000123}', {
          status: 201,
          headers: { "Content-Type": "application/json" },
        }),
    );
    await expect(client.promotions.create("mobile", SERVICE_ID, { promotion: { promotion_id: "76" } })).resolves.toEqual({
      code: "CREATED",
      title: "Promotion created",
      promotion_id: "8934011411551283000123",
    });
  });
});

describe("local checks refuse a bad request before anything is sent, listing every issue", () => {
  const { client, requests } = masstackClient(accepted, { callbacks: fakeRouter() });
  const movement = example("movementRequestDTO");
  const issuesOf = async (promise: PromiseLike<unknown>) => {
    const error = await Promise.resolve(promise).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasStackValidationError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as MasStackValidationError).issues;
  };

  test("an enum value", async () => {
    expect(await issuesOf(client.billing.movements.create("mobile", SERVICE_ID, { ...movement, type: "REFUND" } as never))).toEqual([
      {
        path: "body.type",
        message: "must be one of RECURRING_CHARGE, ONE_TIME_FEE, INSTALLATION_FEE, SUSPENSION_SERVICE_FEE, UNRETURNED_EQUIPMENT_FEE, DISCOUNT",
      },
    ]);
  });

  test("required members, at any depth, all at once", async () => {
    const rest = without(movement, "billable");
    const issues = await issuesOf(client.billing.movements.create("mobile", SERVICE_ID, { ...rest, amount: { tax: { type: "IVA" } } } as never));
    expect(issues).toEqual([
      { path: "body.amount.tax.percentage", message: "is required" },
      { path: "body.billable", message: "is required" },
    ]);
  });

  test("types: a string where a boolean goes, a date-time without its offset", async () => {
    expect(await issuesOf(client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: "yes" as never }).submitted())).toEqual([
      { path: "body.active", message: "must be a boolean" },
    ]);
    expect(await issuesOf(client.promotions.update("mobile", SERVICE_ID, "76", { deactivation_date: "2024-12-31 23:00" }))).toEqual([
      { path: "body.deactivation_date", message: expect.stringMatching(/RFC 3339 date-time/) },
    ]);
  });

  test("a period's two ends go together", async () => {
    const open = without(movement, "period_end_datetime");
    expect(await issuesOf(client.billing.movements.create("mobile", SERVICE_ID, open as never))).toEqual([
      { path: "body.period_end_datetime", message: "is required when period_start_datetime is set (give both or neither)" },
    ]);
    const refund = example("refundNonSubscribableRequestDTO");
    const ending = without(refund, "period_start_datetime");
    expect(await issuesOf(client.billing.refunds.createNonSubscribable("tv", SERVICE_ID, ending as never))).toEqual([
      { path: "body.period_start_datetime", message: "is required when period_end_datetime is set (give both or neither)" },
    ]);
  });

  test("a multisim service needs its secondary SIM; other types take open service_details", async () => {
    expect(await issuesOf(client.services.multisim.create({ service_details: { secondary_eid: "e1" } as never }).submitted())).toEqual([
      { path: "body.service_details.secondary_iccid", message: "is required" },
    ]);
    await expect(client.services.tv.create({ service_details: { package: "premium" } }).submitted()).resolves.toMatchObject({ status: "accepted" });
    requests.length = 0;
  });

  test("callback URLs: absolute http(s), both or neither", async () => {
    const urls = { callback_success_url: "/relative/success", callback_error_url: "ftp://partner.example.com/error" };
    expect(await issuesOf(client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true, ...urls }).submitted())).toEqual([
      { path: "body.callback_success_url", message: "must be an absolute http(s) URL" },
      { path: "body.callback_error_url", message: "must be an absolute http(s) URL" },
    ]);
    expect(
      await issuesOf(
        client.barrings
          .update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true, callback_success_url: "https://partner.example.com/s" })
          .submitted(),
      ),
    ).toEqual([{ path: "body.callback_error_url", message: "is required when callback_success_url is set (give both or neither)" }]);
  });

  test("path arguments: an unknown service type, an empty id", async () => {
    await expect(client.barrings.get("landline" as never, SERVICE_ID)).rejects.toMatchObject({ argument: "serviceType" });
    await expect(client.billing.movements.update("mobile", "", "m-1", {})).rejects.toMatchObject({ argument: "serviceId" });
  });

  test("nothing was sent by any of them", () => {
    expect(requests).toEqual([]);
  });
});

describe("asynchronous operations follow their callbacks", () => {
  const serviceBody = { service_details: { secondary_eid: "89033023312170000000000000000001", secondary_iccid: "8934011411551283000" } };

  test("resolve on the success callback of their workflow; others' callbacks and duplicates are ignored", async () => {
    const router = fakeRouter();
    const { client } = masstackClient(accepted, { callbacks: router });
    const operation = client.services.multisim.create(serviceBody);
    const states: string[] = [];
    operation.onProgress((state) => states.push(state.status));
    const { workflowId } = await operation.submitted();
    router.deliver(crypto.randomUUID(), "error", { code: "SERVICE_OPERATION_FAILED", title: "another workflow" });
    router.deliver(workflowId, "error", { code: "SERVICE_OPERATION_FAILED", title: "a duplicate" }, { duplicate: true });
    expect(operation.lastKnown).toEqual({ workflowId, status: "accepted" });
    router.deliver(workflowId, "success", { code: "OK", title: "Service was successfully created", service_id: "600000000" });
    await expect(operation).resolves.toEqual({
      workflowId,
      status: "succeeded",
      result: { code: "OK", title: "Service was successfully created", service_id: "600000000" },
    });
    expect(states).toEqual(["accepted", "succeeded"]);
    expect(router.listeners.size).toBe(0);
  });

  test("reject on the error callback with a MasStackCallbackError (services: code/title; barrings: codeResult/titleResult)", async () => {
    const router = fakeRouter();
    const { client } = masstackClient(accepted, { callbacks: router });
    const service = client.services.mobile.updateDevice(SERVICE_ID, "1", { category: "SIM", new_service_device_details: {} });
    const { workflowId } = await service.submitted();
    router.deliver(workflowId, "error", { code: "SERVICE_OPERATION_FAILED", title: "Device not found", service_id: SERVICE_ID });
    const error = await service.wait().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasStackCallbackError);
    expect(error).toMatchObject({
      workflowId,
      apiCode: "SERVICE_OPERATION_FAILED",
      title: "Device not found",
      serviceId: SERVICE_ID,
      correlationId: workflowId,
    });

    const barring = client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true });
    const barringWorkflow = (await barring.submitted()).workflowId;
    router.deliver(barringWorkflow, "error", { codeResult: "BARRING_UPDATE_FAILED", titleResult: "Barring could not be set" });
    await expect(barring).rejects.toMatchObject({ name: "MasStackCallbackError", apiCode: "BARRING_UPDATE_FAILED", title: "Barring could not be set" });
  });

  test("a callback that arrives before the 202 still ends the handle", async () => {
    const router = fakeRouter();
    const { client } = masstackClient(
      (request) => {
        // A fast backend: its callback is taken before its 202 reaches the client.
        router.deliver(request.headers.get("request-correlation-id")!, "success", {
          codeResult: "OK",
          titleResult: "Barring update was successfully finished",
        });
        return accepted();
      },
      { callbacks: router },
    );
    const operation = client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true });
    await expect(operation).resolves.toMatchObject({ status: "succeeded", result: { codeResult: "OK" } });
  });

  test("a callback kept by the receiver (delivered to no listener) is found once the 202 is in", async () => {
    const router = fakeRouter();
    const { client } = masstackClient(
      (request) => {
        const id = request.headers.get("request-correlation-id")!;
        const listeners = [...router.listeners];
        router.listeners.clear();
        router.deliver(id, "success", { codeResult: "OK", titleResult: "Barring update was successfully finished" });
        for (const listener of listeners) router.listeners.add(listener);
        return accepted();
      },
      { callbacks: router },
    );
    await expect(client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true })).resolves.toMatchObject({ status: "succeeded" });
  });

  test("no callback within callbackTimeoutMs: a MasStackCallbackTimeoutError naming the workflow; wait() again still ends it", async () => {
    const router = fakeRouter();
    const { client } = masstackClient(accepted, { callbacks: router, callbackTimeoutMs: 20 });
    const operation = client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true });
    const error = await operation.wait().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasStackCallbackTimeoutError);
    expect(error).toMatchObject({ name: "MasStackCallbackTimeoutError", code: "TIMEOUT", workflowId: operation.workflowId, timeoutMs: 20 });
    expect((error as Error).message).toContain(operation.workflowId);
    const again = operation.wait({ timeoutMs: 60_000 });
    router.deliver(operation.workflowId, "success", { codeResult: "OK", titleResult: "done" });
    await expect(again).resolves.toMatchObject({ status: "succeeded" });
  });

  test("resume after a restart: a new client with the same receiver, from the token or the bare workflow id", async () => {
    const router = fakeRouter();
    const first = masstackClient(accepted, { callbacks: router }).client;
    const operation = first.services.multisim.create(serviceBody);
    await operation.submitted();
    const saved = JSON.stringify(operation);
    expect(JSON.parse(saved)).toEqual({ workflowId: operation.workflowId, operation: "createService", serviceType: "multisim" });

    // "Restart": the callback arrives while no process follows the workflow; the receiver keeps it.
    router.listeners.clear();
    router.deliver(operation.workflowId, "success", { code: "OK", title: "Service was successfully created", service_id: "600000000" });
    const { client, requests } = masstackClient(() => undefined, { callbacks: router });
    const resumed = client.operations.resume(saved);
    expect(resumed.toJSON()).toEqual(JSON.parse(saved));
    await expect(resumed).resolves.toMatchObject({ workflowId: operation.workflowId, status: "succeeded", result: { service_id: "600000000" } });

    // Resumed before its callback: it waits for it.
    const later = client.operations.resume(WORKFLOW);
    await later.submitted();
    router.deliver(WORKFLOW, "error", { code: "SERVICE_OPERATION_FAILED", title: "no" });
    await expect(later).rejects.toBeInstanceOf(MasStackCallbackError);
    expect(requests).toEqual([]);
    expect(() => client.operations.resume("not-a-uuid")).toThrow(InvalidArgumentError);
  });

  test("without a receiver: URLs in the body are required; with them, the request is sent but the handle cannot be followed", async () => {
    const { client, requests } = masstackClient(accepted);
    const missing = client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true });
    await expect(missing.submitted()).rejects.toMatchObject({ name: "InvalidArgumentError", argument: "body.callback_success_url" });
    expect(requests).toHaveLength(0);

    const urls = { callback_success_url: "https://partner.example.com/s", callback_error_url: "https://partner.example.com/e" };
    const operation = client.barrings.update("mobile", SERVICE_ID, { barring_name: "ROAMING", active: true, ...urls });
    await expect(operation.submitted()).resolves.toMatchObject({ status: "accepted" });
    expect(requests[0]!.json).toMatchObject(urls);
    const error = await Promise.resolve(operation).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/callback receiver is needed/);
  });
});

describe("options", () => {
  test("exactly one of serviceAccount and tokenProvider; a bad environment or receiver is named", () => {
    expect(() => createMasStackClient({})).toThrow(ConfigurationError);
    expect(() => createMasStackClient({ serviceAccount: "{}", tokenProvider: { getToken: async () => "t" } })).toThrow(/exactly one/);
    expect(() => createMasStackClient({ tokenProvider: { getToken: async () => "t" }, environment: "uat" as never })).toThrow(/environment/);
    expect(() => createMasStackClient({ tokenProvider: { getToken: async () => "t" }, callbacks: {} as never })).toThrow(/callbacks/);
    expect(() => createMasStackClient({ tokenProvider: { getToken: async () => "t" }, correlationIdHeader: "X-Id" } as never)).toThrow(/correlationIdHeader/);
  });

  test("production and an explicit baseUrl", async () => {
    const prod = masstackClient(() => json(example("barringsDetailResponseDTO")), { environment: "production" });
    await prod.client.barrings.get("mobile", SERVICE_ID);
    expect(prod.requests[0]!.url.href).toBe(`https://partners.masstack.com/v3/mobile/${SERVICE_ID}/barrings`);
    const local = masstackClient(() => json(example("barringsDetailResponseDTO")), { baseUrl: "http://127.0.0.1:4010/v3" });
    await local.client.barrings.get("mobile", SERVICE_ID);
    expect(local.requests[0]!.url.href).toBe(`http://127.0.0.1:4010/v3/mobile/${SERVICE_ID}/barrings`);
  });
});

describe("the service account's secrets never show", () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  const key = { type: "service_account", client_email: "partner@iam.example.com", private_key_id: "k1", private_key: pem, token_uri: TEST_TOKEN_URL };
  const keyLine = pem.split("\n")[3]!;

  test("a JWT-bearer grant at the key's token_uri, then the API call with its token; nothing secret in hooks, errors or the client", async () => {
    const seen: RequestHookInfo[] = [];
    const recorder = recordingFetch((request) => (request.url.href === TEST_TOKEN_URL ? undefined : json(errorExample("ForbiddenError"), 403)));
    const client = createMasStackClient({
      serviceAccount: JSON.stringify(key),
      fetch: recorder.fetch,
      retry: false,
      hooks: { onRequest: (info) => void seen.push(info) },
    });
    const error = await client.barrings.get("mobile", SERVICE_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    const [tokenRequest] = recorder.tokenRequests();
    const form = new URLSearchParams(tokenRequest!.body);
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const assertion = form.get("assertion")!;
    expect(recorder.apiRequests()[0]!.headers.get("authorization")).toBe(`Bearer ${TEST_TOKEN}`);
    const shown = [
      inspect(client, { depth: 10, showHidden: true }),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      String((error as Error).stack),
      inspect(seen, { depth: 10 }),
    ].join("\n");
    for (const secret of [keyLine, assertion, TEST_TOKEN]) expect(shown).not.toContain(secret);
  });

  test("a bad key is a ConfigurationError naming serviceAccount, never showing it", () => {
    const error = (() => {
      try {
        createMasStackClient({ serviceAccount: { ...key, private_key: pem.replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY") } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: "serviceAccount.private_key" });
    expect(inspect(error)).not.toContain(keyLine);
  });
});
