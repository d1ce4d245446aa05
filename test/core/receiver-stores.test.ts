// The receivers over the in-memory stores (one process, a fake clock for leases) through the
// shared receiver battery, and what is checked once, whatever the store: options that contradict
// each other are refused, and a store that cannot answer is answered 503 with Retry-After.
import { describe, expect, test } from "vitest";
import { ConfigurationError, createMemoryStores, MemoryDedupeStore, StoreUnavailableError, type ClaimStore, type Stores } from "giacom-sdk/core";
import { createCallbackReceiver, MemoryCallbackResultStore } from "giacom-sdk/masstack/callbacks";
import { createWebhookReceiver } from "giacom-sdk/webhooks";
import { API_KEY, delivery, post } from "../giacom/webhooks/helpers.js";
import { MASSTACK_CALLBACK_SECRETS } from "../helpers/secrets.js";
import { receiverBattery, type ReceiverBackend } from "./receiver-battery.js";

receiverBattery("memory", async (): Promise<ReceiverBackend> => {
  let t = Date.UTC(2025, 0, 1);
  // One process: every replica is the same set of stores.
  const stores = createMemoryStores({ clock: { now: () => t } });
  return {
    replica: async () => stores,
    pass: async (ms) => {
      t += ms + 1;
      await new Promise((wake) => setTimeout(wake, 0));
    },
    shortMs: 1_000,
    close: async () => {},
  };
});

const secret = MASSTACK_CALLBACK_SECRETS.current;
const url = "https://partner.example.com/masstack/callbacks";

describe("receiver stores", () => {
  test("refuse a store given twice (an old option and stores) and a store without its methods, naming the option", () => {
    const stores = createMemoryStores();
    expect(() => createWebhookReceiver({ apiKey: API_KEY, stores, dedupe: new MemoryDedupeStore() })).toThrow(ConfigurationError);
    expect(() => createWebhookReceiver({ apiKey: API_KEY, stores, versions: { get: () => undefined, set: () => undefined } })).toThrow(/versions/);
    expect(() => createWebhookReceiver({ apiKey: API_KEY, stores: { claims: {} as ClaimStore } })).toThrow(/stores\.claims/);
    expect(() => createWebhookReceiver({ apiKey: API_KEY, stores: "redis" as never })).toThrow(/stores/);
    expect(() => createWebhookReceiver({ apiKey: API_KEY, stores, leaseMs: 0 })).toThrow(/leaseMs/);
    expect(() => createCallbackReceiver({ secret, url, stores, results: new MemoryCallbackResultStore() })).toThrow(/results/);
    expect(() => createCallbackReceiver({ secret, url, stores: { results: {} as never } })).toThrow(/stores\.results/);
    expect(() => createCallbackReceiver({ secret, url, stores, leaseMs: -1 })).toThrow(/leaseMs/);
    // Each alone, and dedupe: false with shared stores, are fine.
    expect(() => createWebhookReceiver({ apiKey: API_KEY, stores, dedupe: false })).not.toThrow();
    expect(() => createCallbackReceiver({ secret, url, stores, retentionMs: 60_000, leaseMs: 5_000 })).not.toThrow();
  });

  test("answer 503 with Retry-After when the claims store cannot answer, report it, and handle nothing", async () => {
    const outage = new StoreUnavailableError("redis", "claim", { reason: "connection refused" });
    let down = true;
    const memory = createMemoryStores();
    const claims: ClaimStore = {
      claim: (id, options) => (down ? Promise.reject(outage) : memory.claims.claim(id, options)),
      complete: (...args) => memory.claims.complete(...args),
      release: (...args) => memory.claims.release(...args),
    };
    const stores: Partial<Stores> = { ...memory, claims };
    const errors: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: API_KEY, stores, onError: (e) => errors.push(e) });
    let handled = 0;
    receiver.on("ServiceOrderStateChangeEvent", () => void handled++);
    const event = delivery();
    const refused = await receiver.handle(post(event));
    expect([refused.status, refused.headers.get("retry-after"), handled]).toEqual([503, "5", 0]);
    expect(errors).toEqual([outage]);
    down = false;
    expect((await receiver.handle(post(event))).status).toBe(202);
    expect((await receiver.handle(post(event))).status).toBe(202);
    expect(handled).toBe(1);
  });

  test("answer 503 and let the claim go when the version store cannot answer, so the retry is handled", async () => {
    const memory = createMemoryStores();
    let down = true;
    const outage = new StoreUnavailableError("redis", "version.get", { reason: "timeout" });
    const stores: Partial<Stores> = {
      ...memory,
      versions: { advance: (...args) => memory.versions.advance(...args), get: (key) => (down ? Promise.reject(outage) : memory.versions.get(key)) },
    };
    const errors: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: API_KEY, stores, onError: (e) => errors.push(e) });
    let handled = 0;
    receiver.on("ServiceOrderStateChangeEvent", () => void handled++);
    const event = delivery();
    expect((await receiver.handle(post(event))).status).toBe(503);
    down = false;
    expect((await receiver.handle(post(event))).status).toBe(202);
    expect([handled, errors]).toEqual([1, [outage]]);
  });

  test("answer 503 when the shared results store cannot keep a callback, so MasStack sends it again", async () => {
    const memory = createMemoryStores();
    let down = true;
    const outage = new StoreUnavailableError("redis", "results.put", { reason: "timeout" });
    const stores: Partial<Stores> = {
      ...memory,
      results: { putIfAbsent: (...args) => (down ? Promise.reject(outage) : memory.results!.putIfAbsent(...args)), get: (key) => memory.results!.get(key) },
    };
    const errors: unknown[] = [];
    const receiver = createCallbackReceiver({ secret, url, stores, onError: (e) => errors.push(e) });
    const workflowId = "0b3e6b1e-4f7a-4c55-9f5e-6f4b2a8d9c01";
    const target = (await receiver.urls(workflowId)).success;
    const send = () =>
      receiver.handle(
        new Request(target, { method: "POST", headers: { "content-type": "application/json" }, body: '{"code":"OK","title":"t","service_id":"1"}' }),
      );
    expect((await send()).status).toBe(503);
    expect(await receiver.received(workflowId)).toBeUndefined();
    down = false;
    expect((await send()).status).toBe(200);
    expect((await receiver.received(workflowId))?.body).toEqual({ code: "OK", title: "t", service_id: "1" });
    expect(errors).toEqual([outage]);
  });
});
