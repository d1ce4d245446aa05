// Load: 2,000 concurrent calls through one client while its token expires mid-run. No call may
// fail, the token endpoint may be asked at most twice, and the heap must come back down.
// Two ways a token runs out: the server stops accepting it (401, then one refresh), and the
// client's own clock reaching the expiry (background refresh while the old token is served).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createGiacomClient, type FetchFunction, type TokenRefreshInfo } from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type SimulatorOptions } from "giacom-sdk/mock";

const CALLS = 2_000;
const HEAP_BOUND_MB = 64;
const SERVER_SIDE = "server-side expiry (401 mid-run)";
const CLIENT_SIDE = "client-side expiry (refresh window reached mid-run, before wave 6 of 10)";

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
  // Results of scenarios that no longer exist (renamed or removed) are dropped.
  const merged = [...previous.filter((p) => [SERVER_SIDE, CLIENT_SIDE].includes(p.scenario) && !runs.some((r) => r.scenario === p.scenario)), ...runs];
  writeFileSync(
    ".reliability/load.json",
    `${JSON.stringify({ generatedAt: new Date().toISOString(), calls: CALLS, heapBoundMb: HEAP_BOUND_MB, runs: merged }, null, 2)}\n`,
  );
});

async function setup(options: SimulatorOptions, credentials: { skewMs?: number; refreshWindowMs?: number } = {}) {
  const sim = createGiacomSimulator({ clock: "manual", ...options });
  const server = await sim.listen();
  const serviceId = sim.services[0]!.id;
  let tokenRequests = 0;
  let status401 = 0;
  const refreshReasons: string[] = [];
  // The bearer token of every API request, in the order they were sent.
  const apiTokens: string[] = [];
  // Every API request waits for the gate in force when it is sent (none by default).
  let gate: (request: number) => Promise<void> | undefined = () => undefined;
  const events = new Progress();
  const counting: FetchFunction = async (url, init) => {
    if (url === server.tokenUrl) tokenRequests++;
    else {
      apiTokens.push(new Headers(init.headers).get("Authorization") ?? "");
      const wait = gate(apiTokens.length);
      if (wait) await wait;
    }
    return fetch(url, init);
  };
  let settled = 0;
  const giacom = createGiacomClient({
    baseUrl: server.baseUrl,
    tokenUrl: server.tokenUrl,
    credentials: { ...SIMULATOR_CREDENTIALS, ...credentials },
    fetch: counting,
    // A net, not a measurement: no call of a run, however loaded the machine, comes near it.
    timeoutMs: 120_000,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    hooks: {
      onResponse: (info) => {
        if (info.status === 401) status401++;
      },
      onTokenRefresh: (info: TokenRefreshInfo) => {
        refreshReasons.push(info.reason);
        events.notify();
      },
    },
  });
  return {
    sim,
    server,
    giacom,
    stats: () => ({ tokenRequests, status401, refreshReasons }),
    apiTokens,
    /** One call of the run: a service read, counted once it has settled. */
    call: () =>
      giacom.services.get(serviceId).finally(() => {
        settled++;
        events.notify();
      }),
    /** How many calls of the run have settled. */
    settled: () => settled,
    /** Resolves once `check` holds (checked whenever a call settles or a token refresh ends). */
    until: (check: () => boolean) => events.until(check),
    setGate: (g: (request: number) => Promise<void> | undefined) => (gate = g),
  };
}

/** Waiters woken by the run's own events (settled calls, ended refreshes), never by the wall clock. */
class Progress {
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }
  notify(): void {
    const ready = this.waiters.filter((w) => w.check());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
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

// No timing in these scenarios depends on how fast the machine is: the simulator's clock is
// manual (a token expires at the server only when the test moves that clock), the client's clock
// is vitest's fake Date (it reaches the refresh window only when the test moves it), and every
// "mid-run" point is a count of answers, not a wall-clock delay.
describe("load: 2,000 concurrent calls through one client", () => {
  it("the server expires the token mid-run (401s): no failed call, at most two token requests, bounded heap", { timeout: 180_000 }, async () => {
    // An hour's token on a manual clock: it expires when, and only when, the test advances the
    // clock, and the client's own refresh window (50 min on) lies far beyond any run.
    const TTL_S = 3_600;
    const { sim, server, giacom, stats, call, settled, until, setGate } = await setup({ tokenTtlSeconds: TTL_S });
    try {
      await giacom.services.get(sim.services[0]!.id); // warm up: the first token and the connection pool
      // A quarter of the way through (by settled calls), the simulator's clock passes the token's
      // expiry. Requests from the second half on are held until it has, so that some of them
      // certainly reach the server with the expired token, however the event loop interleaves.
      const expired = until(() => settled() >= CALLS / 4).then(() => sim.advance(TTL_S * 1_000 + 1_000));
      setGate((request) => (request > 1 + CALLS / 2 ? expired : undefined));
      const { run, firstFailure } = await measure(SERVER_SIDE, () => Promise.allSettled(Array.from({ length: CALLS }, call)), stats);
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
    { timeout: 180_000 },
    async () => {
      // The client's clock is a fake Date, frozen unless the test moves it; the simulator's clock
      // is manual, so no token expires at the server. A 60 s token with a 6 s skew and a 15 s
      // window: the client refreshes it in the background from 39 s, and would wait for a new one
      // from 54 s. The test moves the client's clock to 45 s between two waves of calls.
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        const TTL_S = 60;
        const INTO_WINDOW_MS = 45_000;
        const { sim, server, giacom, stats, apiTokens, call, settled, until, setGate } = await setup(
          { tokenTtlSeconds: TTL_S },
          { skewMs: 6_000, refreshWindowMs: 15_000 },
        );
        try {
          await giacom.services.get(sim.services[0]!.id);
          const issuedAt = Date.now(); // the fake clock has not moved since the token arrived
          const WAVES = 10;
          const PER_WAVE = CALLS / WAVES;
          const { run, firstFailure } = await measure(
            CLIENT_SIDE,
            async () => {
              const all: Promise<unknown>[] = [];
              for (let wave = 0; wave < WAVES; wave++) {
                // Each wave starts once half of the previous one has settled: calls overlap
                // across waves, and the pace follows the machine instead of a timer.
                if (wave > 0) await until(() => settled() >= wave * PER_WAVE - PER_WAVE / 2);
                if (wave === WAVES / 2) {
                  vi.setSystemTime(issuedAt + INTO_WINDOW_MS);
                  // The refresh this wave starts has ended (or, if none started, every call
                  // has settled). Until then the wave's first request is held, so the client is
                  // never idle meanwhile: an idle client would abandon its background refresh.
                  const launched = all.length + PER_WAVE;
                  const refreshed = until(() => stats().refreshReasons.length >= 2 || (stats().tokenRequests < 2 && settled() >= launched - 1));
                  const first = apiTokens.length + 1;
                  setGate((request) => (request === first ? refreshed : undefined));
                  for (let i = 0; i < PER_WAVE; i++) all.push(call());
                  // This wave was served the current token while the refresh ran; the next
                  // ones start once it has ended.
                  await refreshed;
                } else {
                  for (let i = 0; i < PER_WAVE; i++) all.push(call());
                }
              }
              return Promise.allSettled(all);
            },
            stats,
          );
          expect(firstFailure).toBeUndefined();
          expect(run.failed).toBe(0);
          expect(run.calls).toBe(CALLS);
          // The warm-up token plus one background refresh, with no call refused meanwhile.
          expect(run.refreshReasons).toEqual(["initial", "expiring"]);
          expect(run.tokenRequests).toBe(2);
          expect(run.status401).toBe(0);
          // The old token was sent until the new one arrived (the warm-up and the first six
          // waves, all sent before the refresh could answer), the new one from then on.
          const [oldToken, newToken, ...others] = [...new Set(apiTokens)];
          expect(others).toEqual([]);
          const switchedAt = apiTokens.indexOf(newToken!);
          expect(apiTokens.slice(switchedAt).every((t) => t === newToken)).toBe(true);
          expect(apiTokens.slice(0, switchedAt).every((t) => t === oldToken)).toBe(true);
          expect(switchedAt).toBeGreaterThanOrEqual(1 + (WAVES / 2 + 1) * PER_WAVE);
          expect(apiTokens.length - switchedAt).toBeGreaterThanOrEqual((WAVES / 2 - 1) * PER_WAVE);
          if (run.gcForced) expect(run.heapGrowthMb).toBeLessThan(HEAP_BOUND_MB);
        } finally {
          await server.close();
        }
      } finally {
        vi.useRealTimers();
      }
    },
  );
});
