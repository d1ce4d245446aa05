// The fault matrix: every operation class against every fault the simulator (or a wrapped fetch,
// for what the simulator cannot send) injects, over loopback HTTP. Each cell states what a user
// should get, runs it, asserts it and records a row; the rows go to .reliability/fault-matrix.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, describe, it } from "vitest";
import { addService, createGiacomClient, serviceOrder, type FetchFunction, type ServiceOrderCreate } from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type Fault, type FaultTarget, type GiacomSimulator } from "giacom-sdk/mock";
import { loadSpec } from "../giacom/spec/spec-helpers.js";

const spec = loadSpec();
const resourceBody = spec.components.examples.ResourceCreateSubscriberNumber!.value as never;
const TIMEOUT_MS = 5_000; // the client's deadline in every cell but the timeout ones
const SHORT_TIMEOUT_MS = 500; // the deadline where a fault is latency beyond it
const LATENCY_MS = 1_500;
const SLACK_MS = 2_000; // "within the time budget": a timeout ends before its deadline plus this

const newLine = (): ServiceOrderCreate =>
  serviceOrder()
    .externalReference("5001", { type: "order_id", name: "ACME Comms" })
    .item(addService("MOBILE_VOICE_SRV_GIACOM_O2").tariff("62231").simType("triple").simSerial("8944201122334455667").enable("BAR_PREMIUM"))
    .build();

type OpKey = "GET" | "POST order" | "POST create" | "POST query" | "PATCH" | "DELETE";

interface Op {
  key: OpKey;
  label: string;
  /** The request the fault targets. */
  method: string;
  path: string | RegExp;
  /** Creates what the call needs (a resource to patch or delete) with an unfaulted client. */
  prepare?: (admin: ReturnType<typeof createGiacomClient>) => Promise<string>;
  run: (giacom: ReturnType<typeof createGiacomClient>, sim: GiacomSimulator, id: string, timeoutMs: number) => Promise<unknown>;
  /** What the call leaves behind on the server: orders, or resources. */
  effect?: (sim: GiacomSimulator) => number;
}

const freshResource = async (admin: ReturnType<typeof createGiacomClient>) => (await admin.resources.create(resourceBody)).id;

const OPS: Op[] = [
  {
    key: "GET",
    label: "services.get",
    method: "GET",
    path: /^\/service\//,
    run: (g, sim, _id, timeoutMs) => g.services.get(sim.services[0]!.id, { timeoutMs }),
  },
  {
    key: "POST order",
    label: "serviceOrders.submit().submitted()",
    method: "POST",
    path: "/serviceOrder",
    run: (g, _sim, _id, timeoutMs) => g.serviceOrders.submit(newLine(), { validate: false, timeoutMs }).submitted(),
    effect: (sim) => sim.serviceOrders.length,
  },
  {
    key: "POST create",
    label: "resources.create",
    method: "POST",
    path: "/resource",
    run: (g, _sim, _id, timeoutMs) => g.resources.create(resourceBody, { timeoutMs }),
    effect: (sim) => sim.resources.length,
  },
  {
    key: "POST query",
    label: "appointments.searchTimeSlots",
    method: "POST",
    path: "/searchTimeSlot",
    run: (g, _sim, _id, timeoutMs) =>
      g.appointments.searchTimeSlots(
        { requestedTimeSlot: [{ validFor: { startDateTime: "2030-03-01T08:00:00Z", endDateTime: "2030-03-01T12:00:00Z" } }] },
        { timeoutMs },
      ),
  },
  {
    key: "PATCH",
    label: "resources.update",
    method: "PATCH",
    path: /^\/resource\//,
    prepare: freshResource,
    run: (g, _sim, id, timeoutMs) => g.resources.update(id, { administrativeState: "unlocked" }, { timeoutMs }),
  },
  {
    key: "DELETE",
    label: "resources.delete (fresh resource)",
    method: "DELETE",
    path: /^\/resource\//,
    prepare: freshResource,
    run: (g, _sim, id, timeoutMs) => g.resources.delete(id, { timeoutMs }),
  },
];

/** A canned answer the wrapped fetch gives instead of the server (the simulator JSON-encodes bodies). */
type Canned = () => Response;
const HTML = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";

interface FaultCase {
  key: string;
  label: string;
  sim?: { target: "api" | "token"; fault: Fault; times: number };
  canned?: Canned;
  /** The cell runs with this deadline (default TIMEOUT_MS). */
  timeoutMs?: number;
  /** The simulator's token lifetime; the clock is advanced past it after a first call. */
  expireToken?: boolean;
}

const FAULTS: FaultCase[] = [
  {
    key: "latency",
    label: `latency ${LATENCY_MS} ms > timeout ${SHORT_TIMEOUT_MS} ms`,
    sim: { target: "api", fault: { kind: "latency", ms: LATENCY_MS }, times: 1 },
    timeoutMs: SHORT_TIMEOUT_MS,
  },
  { key: "500", label: "500", sim: { target: "api", fault: { kind: "status", status: 500 }, times: 1 } },
  { key: "502", label: "502", sim: { target: "api", fault: { kind: "status", status: 502 }, times: 1 } },
  { key: "503", label: "503", sim: { target: "api", fault: { kind: "status", status: 503 }, times: 1 } },
  { key: "504", label: "504", sim: { target: "api", fault: { kind: "status", status: 504 }, times: 1 } },
  { key: "429s", label: "429 Retry-After: 1 (seconds)", sim: { target: "api", fault: { kind: "rateLimit", retryAfter: 1 }, times: 1 } },
  { key: "429d", label: "429 Retry-After: HTTP date (~2 s ahead)", sim: { target: "api", fault: { kind: "rateLimit", retryAfter: new Date(0) }, times: 1 } },
  { key: "dropBefore", label: "connection dropped before the server acted", sim: { target: "api", fault: { kind: "drop", when: "before" }, times: 1 } },
  { key: "dropAfter", label: "connection dropped after the server acted", sim: { target: "api", fault: { kind: "drop", when: "after" }, times: 1 } },
  { key: "malformed", label: "truncated JSON body (200, server acted)", sim: { target: "api", fault: { kind: "malformed" }, times: 1 } },
  {
    key: "htmlError",
    label: "non-JSON error page (502 text/html, server not reached)",
    canned: () => new Response(HTML, { status: 502, headers: { "Content-Type": "text/html" } }),
  },
  {
    key: "wrongType",
    label: "wrong content type (200 text/html page, server not reached)",
    canned: () => new Response("<html><body>Please log in to the proxy</body></html>", { status: 200, headers: { "Content-Type": "text/html" } }),
  },
  { key: "tokenFail", label: "token endpoint 500 (once)", sim: { target: "token", fault: { kind: "status", status: 500 }, times: 1 } },
  { key: "tokenDown", label: "token endpoint 503 (always)", sim: { target: "token", fault: { kind: "status", status: 503 }, times: Infinity } },
  {
    key: "tokenSlow",
    label: `token endpoint latency ${LATENCY_MS} ms > timeout 1000 ms`,
    sim: { target: "token", fault: { kind: "latency", ms: LATENCY_MS }, times: 1 },
    timeoutMs: 1_000,
  },
  { key: "tokenExpired", label: "token expired (server-side) between calls", expireToken: true },
];

/** What a user should get from a cell. */
interface Expected {
  /** "ok", or the error class the call must reject with. */
  outcome: string;
  /** API requests of the operation (method and path) the client made. */
  attempts?: number;
  /** Change of the operation's effect count (orders, resources). */
  effect?: number;
  tokenRequests?: number;
  note: string;
}

const ok = (attempts: number, note: string, extra: Partial<Expected> = {}): Expected => ({ outcome: "ok", attempts, note, ...extra });
const fails = (outcome: string, attempts: number, note: string, extra: Partial<Expected> = {}): Expected => ({ outcome, attempts, note, ...extra });

/** The expectation for an idempotent operation (GET, query POST, PATCH, DELETE). */
function idempotent(fault: string): Expected {
  switch (fault) {
    case "latency":
      return fails("TimeoutError", 1, "TimeoutError within the deadline; no retry past it");
    case "500":
      return fails("ServerError", 1, "ServerError, not retried (500 is not transient)");
    case "502":
    case "503":
    case "504":
    case "htmlError":
      return ok(2, "retried, succeeded");
    case "429s":
    case "429d":
      return ok(2, "waited Retry-After, retried, succeeded");
    case "dropBefore":
    case "dropAfter":
      return ok(2, "retried, succeeded");
    case "malformed":
    case "wrongType":
      return fails("InvalidResponseError", 1, "InvalidResponseError, not retried");
    case "tokenFail":
      return ok(1, "token request retried, succeeded", { tokenRequests: 2 });
    case "tokenDown":
      return fails("AuthError", 0, "AuthError after the retries, nothing sent");
    case "tokenSlow":
      return fails("TimeoutError", 0, "TimeoutError within the deadline, nothing sent");
    case "tokenExpired":
      return ok(2, "401, re-authenticated once, succeeded", { tokenRequests: 2 });
  }
  throw new Error(fault);
}

function expectation(op: OpKey, fault: string): Expected {
  if (op === "POST order") {
    switch (fault) {
      case "tokenDown":
        return fails("AuthError", 0, "AuthError, no order", { effect: 0 });
      case "429s":
      case "429d":
        return ok(2, "429 retried (refused without acting), exactly one order", { effect: 1 });
      case "tokenFail":
      case "tokenExpired":
        return ok(fault === "tokenFail" ? 1 : 2, "re-authenticated, exactly one order", { effect: 1, tokenRequests: 2 });
      case "tokenSlow":
        return fails("TimeoutError", 0, "TimeoutError while authenticating; nothing was sent, so no lookup and no order", { effect: 0 });
      case "dropAfter":
      case "malformed":
        return ok(1, "outcome unknown, looked up, adopted: exactly one order", { effect: 1 });
      case "latency":
        return fails(
          "SubmissionUnknownError",
          1,
          "timed out, looked up twice, not found yet: SubmissionUnknownError, never sent again; the late order is the only one",
          {
            effect: 1,
          },
        );
      case "dropBefore":
        return fails("SubmissionUnknownError", 1, "no answer, looked up twice, not found: SubmissionUnknownError, never sent again; no order", { effect: 0 });
      default:
        // 5xx, an HTML error page, a 200 that is not JSON: Giacom may have created the order first.
        return fails(
          "SubmissionUnknownError",
          1,
          "answered failure, looked up across the window, not found: SubmissionUnknownError, never sent again; no order",
          {
            effect: 0,
          },
        );
    }
  }
  if (op === "POST create") {
    switch (fault) {
      case "latency":
        return fails("TimeoutError", 1, "TimeoutError within the deadline, not retried (the server acts late)", { effect: 1 });
      case "500":
      case "502":
      case "503":
      case "504":
      case "htmlError":
        return fails("ServerError", 1, "ServerError, not retried (a POST that may have acted)", { effect: 0 });
      case "429s":
      case "429d":
        return ok(2, "429 retried (refused without acting), one resource", { effect: 1 });
      case "dropBefore":
        return fails("NetworkError", 1, "NetworkError, not retried (a POST that may have acted); none created", { effect: 0 });
      case "dropAfter":
        return fails("NetworkError", 1, "NetworkError, not retried; the resource exists (unknown outcome surfaced)", { effect: 1 });
      case "malformed":
        return fails("InvalidResponseError", 1, "InvalidResponseError, not retried; the resource exists", { effect: 1 });
      case "wrongType":
        return fails("InvalidResponseError", 1, "InvalidResponseError, not retried", { effect: 0 });
      case "tokenFail":
      case "tokenExpired":
        return ok(fault === "tokenFail" ? 1 : 2, "re-authenticated, one resource", { effect: 1, tokenRequests: 2 });
      case "tokenDown":
        return fails("AuthError", 0, "AuthError, nothing sent", { effect: 0 });
      case "tokenSlow":
        return fails("TimeoutError", 0, "TimeoutError within the deadline, nothing sent", { effect: 0 });
    }
  }
  return idempotent(fault);
}

/**
 * Cells where the SDK does not do what a user should get: the expectation above stays the
 * contract, and the cell asserts today's behaviour instead (so a fix shows up as a failure here).
 */
const GAPS: Partial<Record<string, Expected>> = {};

interface Row {
  operation: string;
  call: string;
  fault: string;
  expected: string;
  observed: string;
  held: boolean;
  gap?: string;
  attempts: number;
  tokenRequests: number;
  effect?: number;
  elapsedMs: number;
}

const rows: Row[] = [];

afterAll(() => {
  const order = (r: Row) => OPS.findIndex((o) => o.key === r.operation) * 100 + FAULTS.findIndex((f) => f.label === r.fault);
  rows.sort((a, b) => order(a) - order(b));
  mkdirSync(".reliability", { recursive: true });
  writeFileSync(".reliability/fault-matrix.json", `${JSON.stringify({ generatedAt: new Date().toISOString(), rows }, null, 2)}\n`);
});

const pathOf = (url: string) => new URL(url).pathname.replace(/^\/v2/, "");
const matches = (op: Op, method: string, path: string) => method === op.method && (typeof op.path === "string" ? op.path === path : op.path.test(path));
const describeOutcome = (o: { ok: true } | { error: unknown }) => ("ok" in o ? "ok" : o.error instanceof Error ? o.error.name : `non-error ${String(o.error)}`);

async function runCell(op: Op, fault: FaultCase) {
  const sim = createGiacomSimulator({ clock: "manual", tokenTtlSeconds: 60 });
  const server = await sim.listen();
  try {
    const base = { baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, credentials: SIMULATOR_CREDENTIALS, retry: { baseDelayMs: 1, maxDelayMs: 5 } };
    const admin = createGiacomClient(base);
    const id = op.prepare ? await op.prepare(admin) : "";

    let attempts = 0;
    let tokenRequests = 0;
    let canned = fault.canned ? 1 : 0;
    const counting: FetchFunction = async (url, init) => {
      if (url === server.tokenUrl) tokenRequests++;
      else if (matches(op, String(init.method), pathOf(url))) {
        attempts++;
        if (canned > 0) {
          canned--;
          return fault.canned!();
        }
      }
      return fetch(url, init);
    };
    const timeoutMs = fault.timeoutMs ?? TIMEOUT_MS;
    const giacom = createGiacomClient({ ...base, fetch: counting, timeoutMs, submission: { lookupWindowMs: 20, lookupIntervalMs: 20 } });

    if (fault.expireToken) {
      await giacom.serviceSpecifications.list(); // the client now holds a token the server will consider expired
      await sim.advance(61_000);
      attempts = 0;
    }
    if (fault.sim) {
      const target: FaultTarget = fault.sim.target === "token" ? "token" : { method: op.method, path: op.path };
      const injected: Fault = fault.key === "429d" ? { kind: "rateLimit", retryAfter: new Date(Date.now() + 2_000) } : fault.sim.fault;
      sim.fault(target, injected, { times: fault.sim.times });
    }
    const effectBefore = op.effect?.(sim);
    const tokenBefore = fault.expireToken ? tokenRequests : 0;

    const started = performance.now();
    const outcome = await op.run(giacom, sim, id, timeoutMs).then(
      () => ({ ok: true }) as const,
      (error: unknown) => ({ error }),
    );
    const elapsedMs = Math.round(performance.now() - started);
    // Let a request the server is still working on land before counting what it left behind.
    if (fault.key === "latency") await new Promise((resolve) => setTimeout(resolve, LATENCY_MS + 200));
    const effect = op.effect && effectBefore !== undefined ? op.effect(sim) - effectBefore : undefined;
    return { outcome, elapsedMs, attempts, tokenRequests: tokenRequests - tokenBefore + (fault.expireToken ? 1 : 0), effect, timeoutMs };
  } finally {
    await server.close();
  }
}

describe.concurrent("fault matrix", () => {
  for (const op of OPS) {
    for (const fault of FAULTS) {
      it(`${op.key} ${op.label} × ${fault.label}`, { timeout: 20_000 }, async ({ expect }) => {
        const contract = expectation(op.key, fault.key);
        const gap = GAPS[`${op.key}|${fault.key}`];
        const want = gap ?? contract;
        const result = await runCell(op, fault);
        const observed = describeOutcome(result.outcome);
        rows.push({
          operation: op.key,
          call: op.label,
          fault: fault.label,
          expected: contract.note,
          observed: `${observed}${result.effect === undefined ? "" : `, effect ${result.effect}`}`,
          held: !gap,
          ...(gap ? { gap: gap.note } : {}),
          attempts: result.attempts,
          tokenRequests: result.tokenRequests,
          ...(result.effect === undefined ? {} : { effect: result.effect }),
          elapsedMs: result.elapsedMs,
        });
        if ("error" in result.outcome && want.outcome === "ok") throw result.outcome.error;
        expect(observed).toBe(want.outcome);
        if (want.attempts !== undefined) expect(result.attempts, "API attempts").toBe(want.attempts);
        if (want.effect !== undefined) expect(result.effect, "orders / resources created").toBe(want.effect);
        if (want.tokenRequests !== undefined) expect(result.tokenRequests, "token requests").toBe(want.tokenRequests);
        if (want.outcome === "TimeoutError") expect(result.elapsedMs).toBeLessThan(result.timeoutMs + SLACK_MS);
      });
    }
  }
});
