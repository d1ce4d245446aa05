import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  ApiError,
  BadRequestError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type RequestHookInfo,
  type RetryHookInfo,
  VERSION,
} from "giacom-sdk";
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from "../../../src/core/retry.js";
import { loadSpec } from "../spec/spec-helpers.js";
import { listResponse, testClient, TEST_TOKEN } from "../../helpers/recording-fetch.js";

const spec = loadSpec();
const service = spec.components.examples.ServiceMobileVoiceO2!.value;
const errorBody = spec.components.examples.ErrorFieldValidation!.value;
const order = spec.components.examples.ServiceOrderNewLineO2!.value as never;
// These tests are about sending; local validation (which reads the catalogue first) has its own.
const send = { validate: false } as const;
const FAST = { baseDelayMs: 1, maxDelayMs: 2 };

/** Answers API requests with the given responses in turn (the last one repeats). */
function sequence(...answers: (() => Response | Promise<Response>)[]) {
  let i = 0;
  return () => answers[Math.min(i++, answers.length - 1)]!();
}
const status =
  (code: number, headers: Record<string, string> = {}, body: unknown = errorBody) =>
  () =>
    Response.json(body, { status: code, headers });
const ok = () => Response.json(service);
const connectionReset = () => Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) }));
const connectionRefused = () =>
  Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) }));

function api(answer: () => Response | Promise<Response>) {
  return (r: { url: URL }) => (r.url.pathname.startsWith("/v2/") ? answer() : undefined);
}

describe("retries", () => {
  for (const code of [408, 429, 502, 503, 504]) {
    it(`retries a GET answered ${code}, then returns the result`, async () => {
      const { giacom, apiRequests } = testClient(api(sequence(status(code), ok)), { retry: FAST });
      await expect(giacom.services.get("s1")).resolves.toEqual(service);
      expect(apiRequests()).toHaveLength(2);
    });
  }

  it("does not retry a 500, 400 or 404: they are not transient", async () => {
    for (const [code, type] of [
      [500, ServerError],
      [400, BadRequestError],
      [404, NotFoundError],
    ] as const) {
      const { giacom, apiRequests } = testClient(api(status(code)), { retry: FAST });
      await expect(giacom.services.get("s1")).rejects.toBeInstanceOf(type);
      expect(apiRequests()).toHaveLength(1);
    }
  });

  it("treats a retried DELETE that finds nothing as done: the lost first attempt deleted it", async () => {
    const lost = testClient(api(sequence(connectionReset, status(404))), { retry: FAST });
    await expect(lost.giacom.resources.delete("r1")).resolves.toBeUndefined();
    expect(lost.apiRequests()).toHaveLength(2);
    // A first attempt's 404 is still the caller's mistake to hear about.
    const missing = testClient(api(status(404)), { retry: FAST });
    await expect(missing.giacom.resources.delete("r1")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("retries a GET whose connection failed", async () => {
    const { giacom, apiRequests } = testClient(api(sequence(connectionReset, ok)), { retry: FAST });
    await expect(giacom.services.get("s1")).resolves.toEqual(service);
    expect(apiRequests()).toHaveLength(2);
  });

  it("stops after maxRetries and throws the last error with the attempt count", async () => {
    const { giacom, apiRequests } = testClient(api(status(503)), { retry: { ...FAST, maxRetries: 3 } });
    const error = await giacom.services.get("s1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, attempts: 4, retryable: true });
    expect(apiRequests()).toHaveLength(4);
  });

  it("never retries with retry: false, for the client or for one call", async () => {
    const a = testClient(api(status(503)), { retry: false });
    await expect(a.giacom.services.get("s1")).rejects.toBeInstanceOf(ServerError);
    expect(a.apiRequests()).toHaveLength(1);
    const b = testClient(api(status(503)), { retry: FAST });
    await expect(b.giacom.services.get("s1", { retry: false })).rejects.toBeInstanceOf(ServerError);
    expect(b.apiRequests()).toHaveLength(1);
  });

  it("never repeats POST /serviceOrder after a 503, a reset connection or a timeout: it might create a second order", async () => {
    for (const answer of [status(503), connectionReset]) {
      const { giacom, apiRequests } = testClient(api(answer), { retry: FAST });
      await expect(giacom.serviceOrders.create(order, send)).rejects.toBeInstanceOf(answer === connectionReset ? NetworkError : ServerError);
      expect(apiRequests()).toHaveLength(1);
    }
    const slow = testClient(
      api(() => new Promise<Response>(() => undefined)),
      { retry: FAST },
    );
    await expect(slow.giacom.serviceOrders.create(order, { ...send, timeoutMs: 30 })).rejects.toBeInstanceOf(TimeoutError);
    expect(slow.apiRequests()).toHaveLength(1);
  });

  it("repeats a POST only when the server cannot have acted on it: a 429, or a refused connection", async () => {
    const created = () => Response.json(spec.components.examples.ServiceOrderNewLineO2Acknowledged!.value, { status: 201 });
    const limited = testClient(api(sequence(status(429, { "Retry-After": "0" }), created)), { retry: FAST });
    await expect(limited.giacom.serviceOrders.create(order, send)).resolves.toMatchObject({ state: "acknowledged" });
    expect(limited.apiRequests()).toHaveLength(2);
    const refused = testClient(api(sequence(connectionRefused, created)), { retry: FAST });
    await expect(refused.giacom.serviceOrders.create(order, send)).resolves.toMatchObject({ state: "acknowledged" });
    expect(refused.apiRequests()).toHaveLength(2);
  });

  it("retries the query-like POSTs (time slot search, address validation) like a GET", async () => {
    const body = spec.components.examples.SearchTimeSlotSample!.value;
    const { giacom, apiRequests } = testClient(api(sequence(status(503), () => Response.json(body, { status: 201 }))), { retry: FAST });
    await expect(giacom.appointments.searchTimeSlots({ requestedTimeSlot: [] })).resolves.toEqual(body);
    expect(apiRequests()).toHaveLength(2);
  });

  it("waits as long as Retry-After says, in seconds or as an HTTP date", async () => {
    const delays: number[] = [];
    const onRetry = (info: RetryHookInfo) => delays.push(info.delayMs);
    // Thirty seconds away: an HTTP date keeps whole seconds and a busy machine may take a second
    // or more to reach the retry, so the wait is checked with a wide margin, not to the second.
    const date = new Date(Date.now() + 30_000).toUTCString();
    const { giacom } = testClient(api(sequence(status(503, { "Retry-After": "0" }), status(429, { "Retry-After": date }), ok)), {
      retry: { ...FAST, maxRetries: 3 },
      hooks: { onRetry },
    });
    // The hook reports the wait and the test aborts it.
    const controller = new AbortController();
    const call = giacom.services.get("s1", { signal: controller.signal, timeoutMs: 120_000 });
    await expect.poll(() => delays.length).toBe(2);
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(delays[0]).toBe(0);
    expect(delays[1]).toBeGreaterThan(20_000);
    expect(delays[1]).toBeLessThanOrEqual(30_000);
  });

  it("gives up at once when Retry-After is longer than maxRetryAfterMs, reporting the wait", async () => {
    const { giacom, apiRequests } = testClient(api(status(429, { "Retry-After": "120" })), { retry: FAST });
    const error = await giacom.services.get("s1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 120_000, code: "RATE_LIMITED" });
    expect(apiRequests()).toHaveLength(1);
  });

  it("does not start a wait that would end after the call's deadline", async () => {
    const { giacom, apiRequests } = testClient(api(status(503, { "Retry-After": "5" })), { retry: FAST });
    await expect(giacom.services.get("s1", { timeoutMs: 1_000 })).rejects.toBeInstanceOf(ServerError);
    expect(apiRequests()).toHaveLength(1);
  });
});

describe("Retry-After and backoff", () => {
  const now = Date.parse("2026-11-22T10:00:00Z");
  it("reads delta-seconds as seconds, not milliseconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("7", now)).toBe(7_000);
    expect(parseRetryAfter(" 30 ", now)).toBe(30_000);
  });
  it("reads an HTTP date relative to now, and a past date as no wait", () => {
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });
  it("ignores what is neither", () => {
    for (const value of [null, "", "1.5", "-3", "soon", "12abc"]) expect(parseRetryAfter(value, now)).toBeUndefined();
  });
  it("draws full-jitter delays below an exponential ceiling capped at maxDelayMs", () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelay(policy, 0, () => 0)).toBe(0);
    expect(backoffDelay(policy, 0, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 2, () => 0.999)).toBe(399);
    expect(backoffDelay(policy, 10, () => 0.999)).toBe(999);
  });
});

describe("deadlines and aborts", () => {
  it("ends a call that outlives timeoutMs with a TimeoutError", async () => {
    const { giacom } = testClient(
      api(() => new Promise<Response>(() => undefined)),
      { timeoutMs: 50 },
    );
    const error = await giacom.services.get("s1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "TIMEOUT", timeoutMs: 50 });
  });

  it("counts retries and waits inside the same deadline: a wait that would end past it is not started", async () => {
    // The server asks for 10 s; 5 s are left: the answer in hand is the outcome, at once. (No
    // race with the deadline: the one request has 5 s to be answered, however busy the machine.)
    const { giacom, apiRequests } = testClient(api(status(503, { "Retry-After": "10" })), { retry: { maxRetries: 20 } });
    const error = await giacom.services.get("s1", { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, retryAfterMs: 10_000, attempts: 1 });
    expect(apiRequests()).toHaveLength(1);
  });

  it("stops at once when the caller aborts, with an AbortError carrying the reason", async () => {
    const controller = new AbortController();
    const { giacom } = testClient(api(() => new Promise<Response>(() => undefined)));
    const call = giacom.services.get("s1", { signal: controller.signal });
    controller.abort(new Error("shutting down"));
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toEqual(new Error("shutting down"));
  });

  it("does not send anything when the signal is already aborted", async () => {
    const { giacom, requests } = testClient(api(ok));
    await expect(giacom.services.get("s1", { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });
});

describe("correlation ids", () => {
  it("sends one id per call, the same on every retry, and puts it in the error", async () => {
    const { giacom, apiRequests } = testClient(api(status(503)), { retry: FAST });
    const error = (await giacom.services.get("s1").catch((e: unknown) => e)) as ServerError;
    const ids = apiRequests().map((r) => r.headers.get("x-correlation-id"));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(error.correlationId).toBe(ids[0]);
    await giacom.services.get("s1").catch(() => undefined);
    expect(apiRequests()[3]!.headers.get("x-correlation-id")).not.toBe(ids[0]);
  });

  it("uses the caller's id and the configured header name", async () => {
    const { giacom, apiRequests } = testClient(api(ok), { correlationIdHeader: "X-Request-Id" });
    await giacom.services.get("s1", { correlationId: "order-5001" });
    expect(apiRequests()[0]!.headers.get("x-request-id")).toBe("order-5001");
    expect(apiRequests()[0]!.headers.get("x-correlation-id")).toBeNull();
  });
});

describe("logging from the environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("GIACOM_SDK_LOG=debug logs each call to the console, from debug up, without a credential", async () => {
    vi.stubEnv("GIACOM_SDK_LOG", "debug");
    const debug = vi.spyOn(console, "debug").mockImplementation(() => undefined);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { giacom } = testClient(api(sequence(status(503), ok)), { retry: FAST });
    await giacom.services.get("s1");
    expect(debug.mock.calls.map(([line]) => line)).toEqual(["giacom-sdk: GET /service/s1 -> 503", "giacom-sdk: GET /service/s1 -> 200"]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^giacom-sdk: retrying GET \/service\/s1 in \d+ ms: /);
    expect(JSON.stringify([debug.mock.calls, warn.mock.calls])).not.toContain(TEST_TOKEN);
  });

  it("GIACOM_SDK_LOG=warn leaves debug lines out, and a logger given to the client wins", async () => {
    vi.stubEnv("GIACOM_SDK_LOG", "warn");
    const debug = vi.spyOn(console, "debug").mockImplementation(() => undefined);
    await testClient(api(ok)).giacom.services.get("s1");
    expect(debug).not.toHaveBeenCalled();
    const lines: string[] = [];
    vi.stubEnv("GIACOM_SDK_LOG", "debug");
    await testClient(api(ok), { logger: { debug: (line) => lines.push(line) } }).giacom.services.get("s1");
    expect(lines).toEqual(["giacom-sdk: GET /service/s1 -> 200"]);
    expect(debug).not.toHaveBeenCalled();
  });
});

describe("User-Agent", () => {
  it("names the package, its version and the runtime on every request", async () => {
    const { giacom, apiRequests } = testClient(api(ok));
    await giacom.services.get("s1");
    const agent = apiRequests()[0]!.headers.get("user-agent");
    // Node 20 reports its full version; Node 21+ offers navigator.userAgent, with the major only.
    const [major] = process.versions.node.split(".");
    expect([`giacom-sdk/${VERSION} Node.js/${process.versions.node}`, `giacom-sdk/${VERSION} Node.js/${major}`]).toContain(agent);
  });
});

describe("hooks and logging", () => {
  it("reports requests, responses and retries with Authorization redacted", async () => {
    const seen: [string, unknown][] = [];
    const { giacom } = testClient(api(sequence(status(503), ok)), {
      retry: FAST,
      hooks: { onRequest: (i) => seen.push(["request", i]), onResponse: (i) => seen.push(["response", i]), onRetry: (i) => seen.push(["retry", i]) },
    });
    await giacom.services.get("s1");
    expect(seen.map(([kind]) => kind)).toEqual(["request", "response", "retry", "request", "response"]);
    const first = (seen[0] as [string, RequestHookInfo])[1];
    expect(first).toMatchObject({ method: "GET", path: "/service/s1", attempt: 1 });
    expect(first.headers.authorization).toBe("[REDACTED]");
    expect(JSON.stringify(seen)).not.toContain(TEST_TOKEN);
  });

  it("keeps working when a hook or the logger throws", async () => {
    const boom = () => {
      throw new Error("hook failure");
    };
    const { giacom } = testClient(api(sequence(status(503), ok)), {
      retry: FAST,
      hooks: { onRequest: boom, onResponse: boom, onRetry: boom },
      logger: { warn: boom, debug: boom },
    });
    await expect(giacom.services.get("s1")).resolves.toEqual(service);
  });

  it("logs each retry as a warning with the correlation id", async () => {
    const lines: [string, Record<string, unknown> | undefined][] = [];
    const { giacom } = testClient(api(sequence(status(503), ok)), { retry: FAST, logger: { warn: (m, meta) => lines.push([m, meta]) } });
    await giacom.services.get("s1");
    expect(lines).toHaveLength(1);
    expect(lines[0]![0]).toMatch(/retrying GET \/service\/s1/);
    expect(lines[0]![1]).toHaveProperty("correlationId");
  });
});

describe("error responses", () => {
  it("exposes the TMF error body: code, reason, message and status", async () => {
    const { giacom } = testClient(api(status(400)));
    const error = (await giacom.services.get("s1").catch((e: unknown) => e)) as BadRequestError;
    expect(error).toMatchObject({
      status: 400,
      code: "BAD_REQUEST",
      tmfCode: "ERR_000001",
      reason: "ERR_000001: Request body validation error at field level",
      tmfMessage: "Error parsing field 'name'",
      tmfStatus: "Error",
      body: errorBody,
    });
    expect(error.message).toContain("Error parsing field 'name'");
  });

  it("still gives a useful error for a body that is not JSON or not TMF-shaped", async () => {
    const html = testClient(
      api(() => new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "Content-Type": "text/html" } })),
      { retry: false },
    );
    const a = (await html.giacom.services.get("s1").catch((e: unknown) => e)) as ServerError;
    expect(a).toBeInstanceOf(ServerError);
    expect(a.body).toContain("502 Bad Gateway");
    expect(a.message).toContain("502 Bad Gateway");
    const odd = testClient(api(status(409, {}, { detail: "busy" })));
    const b = (await odd.giacom.services.get("s1").catch((e: unknown) => e)) as ApiError;
    expect(b).toMatchObject({ code: "CONFLICT", status: 409, tmfCode: undefined, body: { detail: "busy" } });
    const empty = testClient(api(() => new Response(null, { status: 418 })));
    const c = (await empty.giacom.services.get("s1").catch((e: unknown) => e)) as ApiError;
    expect(c).toMatchObject({ code: "HTTP_ERROR", status: 418 });
    expect(c.message).toContain("418");
  });

  it("rejects a success whose body is not JSON with InvalidResponseError, not a raw SyntaxError", async () => {
    const { giacom } = testClient(
      api(() => new Response("{ truncated", { status: 200, headers: { "Content-Type": "application/json", "Content-Length": "11" } })),
    );
    const error = await giacom.services.get("s1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, code: "INVALID_RESPONSE" });
  });

  it("rejects a count answered without its X-Total-Count header", async () => {
    const { giacom } = testClient(api(() => Response.json([])));
    await expect(giacom.services.count()).rejects.toBeInstanceOf(InvalidResponseError);
    const fine = testClient(api(() => listResponse([], 12)));
    await expect(fine.giacom.services.count()).resolves.toBe(12);
  });
});
