// The in-memory stores (one process's default) through the shared battery, on a fake clock,
// and what only they have: a bound on their size.
import { describe, expect, test } from "vitest";
import {
  ConfigurationError,
  createMemoryStores,
  MemoryClaimStore,
  MemoryEntityVersionStore,
  MemoryEventBus,
  MemoryLockStore,
  MemoryTokenCache,
  type Stores,
} from "giacom-sdk/core";
import { storeBattery, type StoreBackend } from "./battery.js";

function fakeClock() {
  let t = Date.UTC(2025, 0, 1);
  return { now: () => t, pass: (ms: number) => (t += ms) };
}

storeBattery("memory", async (): Promise<StoreBackend> => {
  const clock = fakeClock();
  // One process: every "replica" is the same set of stores.
  const stores: Stores = createMemoryStores({ clock, retryMs: 5 });
  return {
    replica: async () => stores,
    pass: async (ms) => {
      clock.pass(ms + 1);
      await new Promise((wake) => setTimeout(wake, 0));
    },
    now: clock.now,
    shortMs: 1_000,
    close: async () => {},
  };
});

describe("memory stores", () => {
  test("keep at most maxEntries, forgetting the least recently written first", async () => {
    const claims = new MemoryClaimStore({ maxEntries: 3 });
    const tokens: string[] = [];
    for (const id of ["a", "b", "c", "d"]) {
      const claim = await claims.claim(id, { leaseMs: 60_000 });
      if (claim.status === "claimed") tokens.push(claim.token);
    }
    expect(tokens).toHaveLength(4);
    expect(await claims.complete("b", tokens[1]!, { retentionMs: 60_000 })).toBe(true); // b is now the newest write
    expect((await claims.claim("a", { leaseMs: 60_000 })).status).toBe("claimed"); // a was forgotten
    expect(await claims.claim("b", { leaseMs: 60_000 })).toEqual({ status: "done" });
    expect(await claims.claim("d", { leaseMs: 60_000 })).toEqual({ status: "busy" });

    const versions = new MemoryEntityVersionStore({ maxEntries: 2 });
    for (const key of ["x", "y", "z"]) await versions.advance(key, 1, { retentionMs: 60_000 });
    expect(await versions.get("x")).toBeUndefined();
    expect(await versions.get("z")).toBe(1);
  });

  test("drop expired entries as they write, so a bound is not filled by the dead", async () => {
    const clock = fakeClock();
    const tokens = new MemoryTokenCache({ maxEntries: 2, clock });
    await tokens.set("old", { token: "t-old", expiresAt: clock.now() + 10 });
    clock.pass(20);
    await tokens.set("one", { token: "t-one", expiresAt: clock.now() + 1_000 });
    await tokens.set("two", { token: "t-two", expiresAt: clock.now() + 1_000 });
    expect(await tokens.get("one")).toEqual({ token: "t-one", expiresAt: clock.now() + 1_000 });
    expect(await tokens.get("two")).toBeDefined();
  });

  test("refuse a bad bound or clock with a ConfigurationError naming it", () => {
    expect(() => new MemoryClaimStore({ maxEntries: 0 })).toThrow(ConfigurationError);
    expect(() => new MemoryLockStore({ maxEntries: 1.5 })).toThrow(/maxEntries/);
    expect(() => new MemoryEntityVersionStore({ clock: {} as never })).toThrow(/clock/);
    expect(() => new MemoryLockStore({ retryMs: -1 })).toThrow(/retryMs/);
  });

  test("report a throwing listener to onListenerError", async () => {
    const errors: unknown[] = [];
    const bus = new MemoryEventBus({ onListenerError: (e) => errors.push(e) });
    await bus.subscribe("c", () => {
      throw new Error("boom");
    });
    await bus.publish("c", "m");
    await new Promise((wake) => setTimeout(wake, 0));
    expect(errors).toEqual([new Error("boom")]);
  });
});
