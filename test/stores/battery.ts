// One battery of store tests, run against every implementation of the store interfaces (memory
// in test/stores/memory.test.ts, Redis in test/redis/stores.test.ts): what the SDK relies on
// when several replicas share state. Time is the backend's: a fake clock for memory, real time
// for Redis, with leases short and waits generous; nothing asserts how long anything took.
import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { InvalidArgumentError, type AdvanceResult, type Stores } from "giacom-sdk/core";
import { TEST_TOKEN } from "../helpers/recording-fetch.js";

/** The shared state of one test, as several replicas see it. */
export interface StoreBackend {
  /** The stores of one more replica over the same state (memory: one process, the same stores). */
  replica(): Promise<Stores>;
  /** Lets more than `ms` pass for the stores: a fake clock moves, or real time goes by. */
  pass(ms: number): Promise<void>;
  /** The stores' time, for token expiries. */
  now(): number;
  /** A lease or retention short enough to wait out, in milliseconds. */
  readonly shortMs: number;
  close(): Promise<void>;
}

/** Resolves once `check` stops throwing; fails with its last error after `timeoutMs`. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((wake) => setTimeout(wake, 20));
    }
  }
}

const LONG = 3_600_000;

export function storeBattery(name: string, open: () => Promise<StoreBackend>): void {
  describe(`${name} stores`, () => {
    let backend: StoreBackend | undefined;
    const start = async () => (backend = await open());
    afterEach(async () => {
      await backend?.close();
      backend = undefined;
    });

    describe("claims", () => {
      test("of one id at once, from several replicas: exactly one is claimed, the others are busy", async () => {
        const b = await start();
        const replicas = await Promise.all([b.replica(), b.replica(), b.replica()]);
        const results = await Promise.all(Array.from({ length: 60 }, (_, i) => replicas[i % 3]!.claims.claim("evt-1", { leaseMs: LONG })));
        expect(results.filter((r) => r.status === "claimed")).toHaveLength(1);
        expect(results.filter((r) => r.status === "busy")).toHaveLength(59);
      });

      test("a completed id is done for its retention, on every replica, then forgotten", async () => {
        const b = await start();
        const [one, two] = [await b.replica(), await b.replica()];
        const claim = await one.claims.claim("evt-2", { leaseMs: LONG });
        if (claim.status !== "claimed") throw new Error(`expected a claim, got ${claim.status}`);
        expect(await one.claims.complete("evt-2", claim.token, { retentionMs: b.shortMs })).toBe(true);
        expect(await two.claims.claim("evt-2", { leaseMs: LONG })).toEqual({ status: "done" });
        expect(await one.claims.claim("evt-2", { leaseMs: LONG })).toEqual({ status: "done" });
        await b.pass(b.shortMs);
        expect((await two.claims.claim("evt-2", { leaseMs: LONG })).status).toBe("claimed");
      });

      test("a released id may be claimed again at once, by another replica", async () => {
        const b = await start();
        const [one, two] = [await b.replica(), await b.replica()];
        const claim = await one.claims.claim("evt-3", { leaseMs: LONG });
        if (claim.status !== "claimed") throw new Error(`expected a claim, got ${claim.status}`);
        expect(await two.claims.claim("evt-3", { leaseMs: LONG })).toEqual({ status: "busy" });
        expect(await one.claims.release("evt-3", claim.token)).toBe(true);
        const again = await two.claims.claim("evt-3", { leaseMs: LONG });
        expect(again.status).toBe("claimed");
        expect(again).not.toEqual(claim); // a new token
      });

      test("a lease that runs out lets another replica claim; the stale holder can neither complete nor release", async () => {
        const b = await start();
        const [stale, fresh] = [await b.replica(), await b.replica()];
        const first = await stale.claims.claim("evt-4", { leaseMs: b.shortMs });
        if (first.status !== "claimed") throw new Error(`expected a claim, got ${first.status}`);
        await b.pass(b.shortMs);
        const second = await fresh.claims.claim("evt-4", { leaseMs: LONG });
        if (second.status !== "claimed") throw new Error(`expected a claim after the lease, got ${second.status}`);
        expect(await stale.claims.complete("evt-4", first.token, { retentionMs: LONG })).toBe(false);
        expect(await stale.claims.release("evt-4", first.token)).toBe(false);
        expect(await stale.claims.claim("evt-4", { leaseMs: LONG })).toEqual({ status: "busy" }); // still the fresh holder's
        expect(await fresh.claims.complete("evt-4", second.token, { retentionMs: LONG })).toBe(true);
        expect(await stale.claims.claim("evt-4", { leaseMs: LONG })).toEqual({ status: "done" });
        expect(await stale.claims.release("evt-4", second.token)).toBe(false); // done is not undone
      });

      test("a holder whose lease ran out cannot complete, even when no one claimed since", async () => {
        const b = await start();
        const replica = await b.replica();
        const claim = await replica.claims.claim("evt-5", { leaseMs: b.shortMs });
        if (claim.status !== "claimed") throw new Error(`expected a claim, got ${claim.status}`);
        await b.pass(b.shortMs);
        expect(await replica.claims.complete("evt-5", claim.token, { retentionMs: LONG })).toBe(false);
        expect((await replica.claims.claim("evt-5", { leaseMs: LONG })).status).toBe("claimed");
      });

      test("a wrong token changes nothing; ids are independent", async () => {
        const b = await start();
        const replica = await b.replica();
        const claim = await replica.claims.claim("evt-6", { leaseMs: LONG });
        if (claim.status !== "claimed") throw new Error(`expected a claim, got ${claim.status}`);
        expect(await replica.claims.complete("evt-6", "not-the-token", { retentionMs: LONG })).toBe(false);
        expect(await replica.claims.release("evt-6", "not-the-token")).toBe(false);
        expect(await replica.claims.complete("evt-unclaimed", claim.token, { retentionMs: LONG })).toBe(false);
        expect(await replica.claims.claim("evt-6", { leaseMs: LONG })).toEqual({ status: "busy" });
        expect((await replica.claims.claim("evt-7", { leaseMs: LONG })).status).toBe("claimed");
      });

      test("refuses an empty id and a lease that is not a positive duration", async () => {
        const b = await start();
        const { claims } = await b.replica();
        await expect(claims.claim("", { leaseMs: 1_000 })).rejects.toThrow(InvalidArgumentError);
        await expect(claims.claim("evt", { leaseMs: 0 })).rejects.toThrow(/leaseMs/);
        await expect(claims.claim("evt", { leaseMs: Number.NaN })).rejects.toThrow(InvalidArgumentError);
        await expect(claims.complete("evt", "t", { retentionMs: -1 })).rejects.toThrow(/retentionMs/);
      });
    });

    describe("versions", () => {
      test("100 concurrent advances from several replicas leave the greatest, and every answer is consistent", async () => {
        const b = await start();
        const replicas = await Promise.all([b.replica(), b.replica(), b.replica(), b.replica()]);
        const versions = Array.from({ length: 100 }, () => 1 + Math.floor(Math.random() * 60)); // duplicates on purpose
        const answers = await Promise.all(
          versions.map(async (version, i) => ({ version, ...(await replicas[i % 4]!.versions.advance("ServiceOrder:1", version, { retentionMs: LONG })) })),
        );
        const max = Math.max(...versions);
        expect(await replicas[0]!.versions.get("ServiceOrder:1")).toBe(max);
        // The advances that won form a chain: each saw the one before it, starting from nothing.
        const won = answers.filter((a) => a.advanced).sort((x, y) => x.version - y.version);
        expect(won.map((a) => a.previous)).toEqual([undefined, ...won.slice(0, -1).map((a) => a.version)]);
        expect(won.at(-1)!.version).toBe(max);
        expect(new Set(won.map((a) => a.version)).size).toBe(won.length); // a version wins once
        const wonVersions = new Set(won.map((a) => a.version));
        for (const lost of answers.filter((a) => !a.advanced)) {
          expect(lost.previous).toBeGreaterThanOrEqual(lost.version);
          expect(wonVersions.has(lost.previous!)).toBe(true);
        }
      });

      test("raises only when greater, answers what was stored, and keeps keys apart", async () => {
        const b = await start();
        const { versions } = await b.replica();
        const advance = (key: string, version: number): Promise<AdvanceResult> => versions.advance(key, version, { retentionMs: LONG });
        expect(await versions.get("ServiceOrder:2")).toBeUndefined();
        expect(await advance("ServiceOrder:2", 5)).toEqual({ advanced: true });
        expect(await advance("ServiceOrder:2", 5)).toEqual({ advanced: false, previous: 5 });
        expect(await advance("ServiceOrder:2", 4)).toEqual({ advanced: false, previous: 5 });
        expect(await advance("ServiceOrder:2", 5.5)).toEqual({ advanced: true, previous: 5 });
        expect(await advance("ServiceOrder:2", 1_700_000_000_123)).toEqual({ advanced: true, previous: 5.5 });
        expect(await versions.get("ServiceOrder:2")).toBe(1_700_000_000_123);
        expect(await advance("Service:2", -3)).toEqual({ advanced: true });
        expect(await versions.get("Service:2")).toBe(-3);
      });

      test("are forgotten after their retention", async () => {
        const b = await start();
        const { versions } = await b.replica();
        await versions.advance("ServiceOrder:3", 9, { retentionMs: b.shortMs });
        await b.pass(b.shortMs);
        expect(await versions.get("ServiceOrder:3")).toBeUndefined();
        expect(await versions.advance("ServiceOrder:3", 1, { retentionMs: LONG })).toEqual({ advanced: true });
      });

      test("refuse a version that is not a finite number", async () => {
        const b = await start();
        const { versions } = await b.replica();
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "3" as unknown as number]) {
          await expect(versions.advance("ServiceOrder:4", bad, { retentionMs: LONG })).rejects.toThrow(InvalidArgumentError);
        }
      });
    });

    describe("events", () => {
      test("a message published on one replica reaches every subscriber of its channel, and only those", async () => {
        const b = await start();
        const [one, two, publisher] = [await b.replica(), await b.replica(), await b.replica()];
        const got = { one: [] as string[], two: [] as string[], other: [] as string[] };
        await one.events.subscribe("order:1", (m) => got.one.push(m));
        await two.events.subscribe("order:1", (m) => got.two.push(m));
        await two.events.subscribe("order:2", (m) => got.other.push(m));
        await publisher.events.publish("order:1", '{"state":"completed"}');
        await eventually(() => {
          expect(got.one).toEqual(['{"state":"completed"}']);
          expect(got.two).toEqual(['{"state":"completed"}']);
        });
        await publisher.events.publish("order:2", "second");
        await eventually(() => expect(got.other).toEqual(["second"]));
        expect(got.one).toHaveLength(1);
      });

      test("unsubscribing stops the messages of that subscription only", async () => {
        const b = await start();
        const [one, two, publisher] = [await b.replica(), await b.replica(), await b.replica()];
        const got = { one: [] as string[], two: [] as string[] };
        const stopOne = await one.events.subscribe("order:3", (m) => got.one.push(m));
        await two.events.subscribe("order:3", (m) => got.two.push(m));
        await stopOne();
        await stopOne(); // twice is harmless
        await publisher.events.publish("order:3", "after");
        await eventually(() => expect(got.two).toEqual(["after"]));
        // A marker on the stopped replica's own connection arrives after anything published before it.
        const marker: string[] = [];
        await one.events.subscribe("marker", (m) => marker.push(m));
        await publisher.events.publish("marker", "m");
        await eventually(() => expect(marker).toEqual(["m"]));
        expect(got.one).toEqual([]);
      });

      test("a listener that throws does not keep the message from the others", async () => {
        const b = await start();
        const [one, publisher] = [await b.replica(), await b.replica()];
        const got: string[] = [];
        await one.events.subscribe("order:4", () => {
          throw new Error("listener failed");
        });
        await one.events.subscribe("order:4", (m) => got.push(m));
        await publisher.events.publish("order:4", "x");
        await publisher.events.publish("order:4", "y");
        await eventually(() => expect(got).toEqual(["x", "y"]));
      });
    });

    describe("locks", () => {
      test("are exclusive: of 20 replicas acquiring one key at once, one gets it", async () => {
        const b = await start();
        const replicas = await Promise.all(Array.from({ length: 4 }, () => b.replica()));
        const locks = await Promise.all(Array.from({ length: 20 }, (_, i) => replicas[i % 4]!.locks.acquire("submit:k1", { leaseMs: LONG })));
        expect(locks.filter(Boolean)).toHaveLength(1);
        expect(await replicas[0]!.locks.acquire("submit:other", { leaseMs: LONG })).toBeDefined();
      });

      test("a waiter gets the lock when its holder releases it, within waitMs", async () => {
        const b = await start();
        const [one, two] = [await b.replica(), await b.replica()];
        const held = await one.locks.acquire("submit:k2", { leaseMs: LONG });
        const waiting = two.locks.acquire("submit:k2", { leaseMs: LONG, waitMs: 20_000 });
        await new Promise((wake) => setTimeout(wake, 50));
        expect(await held!.release()).toBe(true);
        const got = await waiting;
        expect(got?.key).toBe("submit:k2");
        expect(got?.token).not.toBe(held!.token);
        expect(await held!.release()).toBe(false); // released already: the new holder's lock stays
        expect(await one.locks.acquire("submit:k2", { leaseMs: LONG })).toBeUndefined();
      });

      test("a waiter gives up after waitMs when the holder keeps the lock", async () => {
        const b = await start();
        const [one, two] = [await b.replica(), await b.replica()];
        expect(await one.locks.acquire("submit:k3", { leaseMs: LONG })).toBeDefined();
        const waiting = two.locks.acquire("submit:k3", { leaseMs: LONG, waitMs: b.shortMs });
        await b.pass(b.shortMs);
        expect(await waiting).toBeUndefined();
      });

      test("a lease that runs out frees the lock; the stale holder's release and extend then do nothing", async () => {
        const b = await start();
        const [stale, fresh] = [await b.replica(), await b.replica()];
        const old = await stale.locks.acquire("submit:k4", { leaseMs: b.shortMs });
        expect(old).toBeDefined();
        await b.pass(b.shortMs);
        const current = await fresh.locks.acquire("submit:k4", { leaseMs: LONG });
        expect(current).toBeDefined();
        expect(await old!.release()).toBe(false);
        expect(await old!.extend(LONG)).toBe(false);
        expect(await stale.locks.acquire("submit:k4", { leaseMs: LONG })).toBeUndefined(); // still held
        expect(await current!.release()).toBe(true);
        expect(await stale.locks.acquire("submit:k4", { leaseMs: LONG })).toBeDefined();
      });

      test("extend keeps a lock past its first lease", async () => {
        const b = await start();
        const [one, two] = [await b.replica(), await b.replica()];
        const lock = await one.locks.acquire("submit:k5", { leaseMs: b.shortMs });
        expect(await lock!.extend(LONG)).toBe(true);
        await b.pass(b.shortMs);
        expect(await two.locks.acquire("submit:k5", { leaseMs: LONG })).toBeUndefined();
        expect(await lock!.release()).toBe(true);
      });
    });

    describe("results", () => {
      test("the first value put for a key wins on every replica, until its retention ends", async () => {
        const b = await start();
        const [one, two] = [await b.replica(), await b.replica()];
        const results = (stores: Stores) => stores.results ?? expect.fail("these stores have no results store");
        expect(await results(one).putIfAbsent("masstack:callback:wf-1", '{"outcome":"success"}', { retentionMs: b.shortMs })).toBe(true);
        expect(await results(two).putIfAbsent("masstack:callback:wf-1", '{"outcome":"error"}', { retentionMs: LONG })).toBe(false);
        expect(await results(two).get("masstack:callback:wf-1")).toBe('{"outcome":"success"}');
        expect(await results(one).get("masstack:callback:wf-2")).toBeUndefined();
        await b.pass(b.shortMs);
        expect(await results(two).get("masstack:callback:wf-1")).toBeUndefined();
        expect(await results(two).putIfAbsent("masstack:callback:wf-1", "again", { retentionMs: LONG })).toBe(true);
      });

      test("of one key put at once from several replicas: exactly one is kept", async () => {
        const b = await start();
        const replicas = await Promise.all([b.replica(), b.replica(), b.replica()]);
        const kept = await Promise.all(Array.from({ length: 30 }, (_, i) => replicas[i % 3]!.results!.putIfAbsent("k", `v${i}`, { retentionMs: LONG })));
        expect(kept.filter(Boolean)).toHaveLength(1);
        expect(await replicas[1]!.results!.get("k")).toBe(`v${kept.indexOf(true)}`);
      });

      test("refuse an empty key, a value that is not text and a bad retention", async () => {
        const b = await start();
        const { results } = await b.replica();
        await expect(results!.putIfAbsent("", "v", { retentionMs: LONG })).rejects.toThrow(InvalidArgumentError);
        await expect(results!.putIfAbsent("k", 1 as never, { retentionMs: LONG })).rejects.toThrow(/value/);
        await expect(results!.putIfAbsent("k", "v", { retentionMs: 0 })).rejects.toThrow(/retentionMs/);
      });
    });

    describe("tokens", () => {
      test("are shared until they expire, and never shown by inspecting the cache", async () => {
        const b = await start();
        const [one, two] = [await b.replica(), await b.replica()];
        const expiresAt = b.now() + b.shortMs;
        await one.tokens.set("giacom:client-1", { token: TEST_TOKEN, expiresAt });
        expect(await two.tokens.get("giacom:client-1")).toEqual({ token: TEST_TOKEN, expiresAt });
        expect(inspect(one.tokens, { depth: 10, showHidden: true })).not.toContain(TEST_TOKEN);
        expect(JSON.stringify(one.tokens)).not.toContain(TEST_TOKEN);
        expect(await two.tokens.get("giacom:client-2")).toBeUndefined();
        await b.pass(b.shortMs);
        expect(await two.tokens.get("giacom:client-1")).toBeUndefined();
      });

      test("delete forgets one; a token already expired is not stored", async () => {
        const b = await start();
        const { tokens } = await b.replica();
        await tokens.set("k1", { token: TEST_TOKEN, expiresAt: b.now() + LONG });
        await tokens.delete("k1");
        expect(await tokens.get("k1")).toBeUndefined();
        await tokens.set("k2", { token: TEST_TOKEN, expiresAt: b.now() + LONG });
        await tokens.set("k2", { token: TEST_TOKEN, expiresAt: b.now() - 1 });
        expect(await tokens.get("k2")).toBeUndefined();
        await expect(tokens.set("k3", { token: "", expiresAt: b.now() + LONG })).rejects.toThrow(/value\.token/);
      });
    });
  });
}
