// Load: 2,000 concurrent calls through one client while its token expires mid-run. No call may
// fail, the token endpoint may be asked at most twice, and the heap must come back down.
// Two ways a token runs out: the server stops accepting it (401, then one refresh), and the
// client's own clock reaching the expiry (background refresh while the old token is served).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { createGiacomClient, type FetchFunction, type TokenRefreshInfo } from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type SimulatorOptions } from "giacom-sdk/mock";

const CALLS = 2_000;
const HEAP_BOUND_MB = 64;

/** A forced garbage collection: --expose-gc when given, else V8's flag set at run time; undefined if neither works. */
function collector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
}
const gc = collector();
const heapMb = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
};

interface Run {
  scenario: string;
  calls: number;
  failed: number;
  tokenRequests: number;
  refreshReasons: string[];
  status401: number;
  durationMs: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  heapGrowthMb: number;
  gcForced: boolean;
}
const runs: Run[] = [];

afterAll(() => {
  mkdirSync(".reliability", { recursive: true });
  let previous: Run[] = [];
  try {
    previous = (JSON.parse(readFileSync(".reliability/load.json", "utf8")) as { runs: Run[] }).runs ?? [];
  } catch {
    // first run
  }
  const merged = [...previous.filter((p) => !runs.some((r) => r.scenario === p.scenario)), ...runs];
  writeFileSync(
    ".reliability/load.json",
    `${JSON.stringify({ generatedAt: new Date().toISOString(), calls: CALLS, heapBoundMb: HEAP_BOUND_MB, runs: merged }, null, 2)}\n`,
  );
});

async function setup(options: SimulatorOptions, credentials: { skewMs?: number; refreshWindowMs?: number } = {}) {
  const sim = createGiacomSimulator(options);
  const server = await sim.listen();
  let tokenRequests = 0;
  let status401 = 0;
  const refreshReasons: string[] = [];
  const counting: FetchFunction = (url, init) => {
    if (url === server.tokenUrl) tokenRequests++;
    return fetch(url, init);
  };
  let onResponse: (status: number) => void = () => {};
  const giacom = createGiacomClient({
    baseUrl: server.baseUrl,
    tokenUrl: server.tokenUrl,
    credentials: { ...SIMULATOR_CREDENTIALS, ...credentials },
    fetch: counting,
    timeoutMs: 60_000,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    hooks: {
      onResponse: (info) => {
        if (info.status === 401) status401++;
        onResponse(info.status);
      },
      onTokenRefresh: (info: TokenRefreshInfo) => refreshReasons.push(info.reason),
    },
  });
  return {
    sim,
    server,
    giacom,
    serviceId: sim.services[0]!.id,
    stats: () => ({ tokenRequests, status401, refreshReasons }),
    setOnResponse: (f: (status: number) => void) => (onResponse = f),
  };
}

function summarise(results: PromiseSettledResult<unknown>[]) {
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  return { calls: results.length, failed: rejected.length, firstFailure: rejected[0]?.reason as unknown };
}

interface Stats {
  tokenRequests: number;
  status401: number;
  refreshReasons: string[];
}

async function measure(scenario: string, body: () => Promise<PromiseSettledResult<unknown>[]>, stats: () => Stats) {
  const heapBeforeMb = heapMb();
  const started = performance.now();
  // Only counts survive this line: the answers themselves can be collected before the heap is measured.
  const { calls, failed, firstFailure } = summarise(await body());
  const durationMs = Math.round(performance.now() - started);
  const heapAfterMb = heapMb();
  const s = stats();
  const run: Run = {
    scenario,
    calls,
    failed,
    tokenRequests: s.tokenRequests,
    refreshReasons: [...s.refreshReasons],
    status401: s.status401,
    durationMs,
    heapBeforeMb: Math.round(heapBeforeMb * 10) / 10,
    heapAfterMb: Math.round(heapAfterMb * 10) / 10,
    heapGrowthMb: Math.round((heapAfterMb - heapBeforeMb) * 10) / 10,
    gcForced: gc !== undefined,
  };
  runs.push(run);
  return { run, firstFailure };
}

describe("load: 2,000 concurrent calls through one client", () => {
  it("the server expires the token mid-run (401s): no failed call, at most two token requests, bounded heap", { timeout: 60_000 }, async () => {
    const { sim, server, giacom, serviceId, stats, setOnResponse } = await setup({ tokenTtlSeconds: 60 });
    try {
      await giacom.services.get(serviceId); // warm up: the first token and the connection pool
      let answered = 0;
      let expired: Promise<void> | undefined;
      // A quarter of the way through, the simulator's clock passes the token's expiry.
      setOnResponse(() => {
        if (++answered === CALLS / 4) expired = sim.advance(61_000);
      });
      const { run, firstFailure } = await measure(
        "server-side expiry (401 mid-run)",
        () => Promise.allSettled(Array.from({ length: CALLS }, () => giacom.services.get(serviceId))),
        stats,
      );
      await expired;
      expect(firstFailure).toBeUndefined();
      expect(run.failed).toBe(0);
      expect(run.calls).toBe(CALLS);
      expect(run.status401, "the expiry did fall inside the run").toBeGreaterThan(0);
      expect(run.tokenRequests).toBeLessThanOrEqual(2);
      if (run.gcForced) expect(run.heapGrowthMb).toBeLessThan(HEAP_BOUND_MB);
    } finally {
      await server.close();
    }
  });

  it(
    "the client's clock reaches the token's refresh window mid-run: no failed call, at most two token requests, bounded heap",
    { timeout: 60_000 },
    async () => {
      // A 2 s token: the client refreshes it in the background from 1.3 s (25 % window, 10 % skew).
      const { server, giacom, serviceId, stats } = await setup({ tokenTtlSeconds: 2, clock: "real" });
      try {
        await giacom.services.get(serviceId);
        const WAVES = 10;
        const { run, firstFailure } = await measure(
          "client-side expiry (refresh window mid-run, 10 waves over 2.5 s)",
          async () => {
            const all: Promise<unknown>[] = [];
            for (let wave = 0; wave < WAVES; wave++) {
              for (let i = 0; i < CALLS / WAVES; i++) all.push(giacom.services.get(serviceId));
              await new Promise((resolve) => setTimeout(resolve, 250));
            }
            return Promise.allSettled(all);
          },
          stats,
        );
        expect(firstFailure).toBeUndefined();
        expect(run.failed).toBe(0);
        // The warm-up token plus one refresh; the run (2.5 s) outlives the first token (2 s).
        expect(run.tokenRequests).toBeGreaterThanOrEqual(2);
        expect(run.tokenRequests).toBeLessThanOrEqual(2);
        if (run.gcForced) expect(run.heapGrowthMb).toBeLessThan(HEAP_BOUND_MB);
      } finally {
        await server.close();
      }
    },
  );
});
