// Accepted deliveries: typed handlers per event type, duplicates (same eventId) processed once,
// out-of-order entity versions flagged, handler failures answered 500 so that Giacom retries.
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import type { webhooks } from "../../../src/giacom/generated/giacom.js";
import type { JsonPatch, ServiceOperatingStatus, ServiceOrder } from "../../../src/giacom/types.js";
import { InvalidArgumentError } from "../../../src/core/errors.js";
import {
  MemoryDedupeStore,
  createWebhookReceiver,
  type DedupeStore,
  type DeliveryMeta,
  type UnknownDeliveryMeta,
  type UnknownWebhookEvent,
  type VersionStore,
  type WebhookEvent,
  type WebhookEventOf,
  type WebhookEventType,
} from "../../../src/giacom/webhooks/index.js";
import { API_KEY, DOCUMENTED_DELIVERY, SPEC_EVENT_TYPES, delivery, post } from "./helpers.js";

const ORDER_ID = "c9d8c1f1-7523-476a-b89f-774bfd390f46";

function recorder() {
  const receiver = createWebhookReceiver({ apiKey: API_KEY, onError: (e) => errors.push(e) });
  const errors: unknown[] = [];
  const seen: { event: WebhookEvent; meta: DeliveryMeta }[] = [];
  receiver.on("ServiceOrderStateChangeEvent", (event, meta) => void seen.push({ event, meta }));
  return { receiver, seen, errors };
}

describe("accepted deliveries", () => {
  it("accepts the document's delivery example, typed as a ServiceOrderStateChangeEvent", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const received: WebhookEventOf<"ServiceOrderStateChangeEvent">[] = [];
    receiver.on("ServiceOrderStateChangeEvent", (event, meta) => {
      expectTypeOf(event.eventType).toEqualTypeOf<"ServiceOrderStateChangeEvent">();
      expectTypeOf(event.event.ServiceOrder).toEqualTypeOf<ServiceOrder>();
      expectTypeOf(event.event.ServiceOrder.version).toEqualTypeOf<number | undefined>();
      expect(meta).toMatchObject({ duplicate: false, outOfOrder: false });
      expect(meta.receivedAt).toBeInstanceOf(Date);
      expect(meta).not.toHaveProperty("previousVersion");
      received.push(event);
    });
    const response = await receiver.handle(post(DOCUMENTED_DELIVERY));
    expect(response.status).toBe(202);
    expect(await response.text()).toBe("");
    expect(received).toEqual([DOCUMENTED_DELIVERY]);
    expect(received[0]?.event.ServiceOrder).toEqual({ id: ORDER_ID, version: 6 });
  });

  it("types each handler's event from its event type", () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    receiver.on("CancelServiceOrderStateChangeEvent", (event) => {
      expectTypeOf(event.eventType).toEqualTypeOf<"CancelServiceOrderStateChangeEvent">();
      expectTypeOf(event.event.CancelServiceOrder.id).toEqualTypeOf<string>();
    });
    receiver.on("ServiceOperatingStatusChangeEvent", (event) => {
      expectTypeOf(event.event.service.operatingStatus).toEqualTypeOf<ServiceOperatingStatus | undefined>();
    });
    receiver.onUnknown((event) => {
      expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent>();
    });
    receiver.subscribe((event) => {
      expectTypeOf(event).toEqualTypeOf<WebhookEvent>();
    });
    // @ts-expect-error not a documented event type
    expect(() => receiver.on("OrderShippedEvent", () => undefined)).toThrow(InvalidArgumentError);
    // @ts-expect-error a ServiceOrder event carries no service
    receiver.on("ServiceOrderCreateEvent", (event) => event.event.service.id);
    expectTypeOf<WebhookEventType>().toEqualTypeOf<keyof webhooks>();
    expectTypeOf<WebhookEventOf<"ServiceDeleteEvent">["event"]["service"]["id"]>().toEqualTypeOf<string>();
  });

  it("routes each of the spec's 15 event types to its own handlers", async () => {
    expect(SPEC_EVENT_TYPES).toHaveLength(15);
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const routed: string[] = [];
    for (const type of SPEC_EVENT_TYPES) receiver.on(type as WebhookEventType, (event) => void routed.push(event.eventType));
    receiver.onUnknown((event) => void routed.push(`unknown ${event.eventType}`));
    for (const type of SPEC_EVENT_TYPES) expect((await receiver.handle(post(delivery(type, { id: `${type}-1`, version: 1 })))).status).toBe(202);
    expect(routed).toEqual(SPEC_EVENT_TYPES);
  });

  it("processes a duplicate delivery once and answers it 202, telling subscribers it is a duplicate", async () => {
    const { receiver, seen } = recorder();
    const listened: DeliveryMeta[] = [];
    receiver.subscribe((_, meta) => void listened.push(meta));
    const event = delivery();
    for (let i = 0; i < 3; i++) expect((await receiver.handle(post(event))).status).toBe(202);
    expect(seen).toHaveLength(1);
    expect(listened.map((m) => m.duplicate)).toEqual([false, true, true]);
  });

  it("processes concurrent deliveries of one event once", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    receiver.on("ServiceOrderStateChangeEvent", async () => {
      runs++;
      await gate;
    });
    const event = delivery();
    const first = receiver.handle(post(event));
    const second = receiver.handle(post(event));
    await vi.waitFor(() => expect(runs).toBe(1));
    release();
    expect((await Promise.all([first, second])).map((r) => r.status)).toEqual([202, 202]);
    expect(runs).toBe(1);
  });

  it("processes every delivery when dedupe is off", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY, dedupe: false });
    let runs = 0;
    receiver.on("ServiceOrderStateChangeEvent", () => void runs++);
    const event = delivery();
    await receiver.handle(post(event));
    await receiver.handle(post(event));
    expect(runs).toBe(2);
  });

  it("flags an entity version lower than one already processed as out of order", async () => {
    const { receiver, seen } = recorder();
    const at = (version: number) => delivery("ServiceOrderStateChangeEvent", { id: ORDER_ID, version, state: "inProgress" });
    for (const version of [5, 7, 6, 7, 8]) expect((await receiver.handle(post(at(version)))).status).toBe(202);
    expect(
      seen.map(({ event, meta }) => [
        event.eventType === "ServiceOrderStateChangeEvent" && event.event.ServiceOrder.version,
        meta.outOfOrder,
        meta.previousVersion,
      ]),
    ).toEqual([
      [5, false, undefined],
      [7, false, 5],
      [6, true, 7],
      [7, false, 7],
      [8, false, 7],
    ]);
  });

  it("keeps versions per entity: the payload type and the id", async () => {
    const { receiver, seen } = recorder();
    const versions: [string, string][] = [];
    receiver.on("ServiceStateChangeEvent", (_, meta) => void versions.push(["service", String(meta.outOfOrder)]));
    await receiver.handle(post(delivery("ServiceOrderStateChangeEvent", { id: "A", version: 9 })));
    await receiver.handle(post(delivery("ServiceOrderStateChangeEvent", { id: "B", version: 1 })));
    await receiver.handle(post(delivery("ServiceStateChangeEvent", { id: "A", version: 1 })));
    expect(seen.map((s) => s.meta.outOfOrder)).toEqual([false, false]);
    expect(versions).toEqual([["service", "false"]]);
  });

  it("answers 500 when a handler throws, reports the error, and processes the redelivery", async () => {
    const errors: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: API_KEY, onError: (e) => errors.push(e) });
    const failure = new Error("database unavailable");
    let attempts = 0;
    const processed: string[] = [];
    receiver.on("ServiceOrderStateChangeEvent", (event) => {
      attempts++;
      if (attempts === 1) throw failure;
      processed.push(event.eventId);
    });
    const event = delivery();
    const first = await receiver.handle(post(event));
    expect(first.status).toBe(500);
    expect(await first.text()).toBe("Handler failed");
    expect(errors).toEqual([failure]);

    expect((await receiver.handle(post(event))).status).toBe(202);
    expect(processed).toEqual([event.eventId]);
    expect((await receiver.handle(post(event))).status).toBe(202);
    expect(attempts).toBe(2);
  });

  it("runs every handler of an event, reports each failure, and does not record a failed delivery's version", async () => {
    const errors: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: API_KEY, onError: (e) => errors.push(e) });
    const ran: string[] = [];
    receiver.on("ServiceOrderMilestoneEvent", async () => {
      ran.push("first");
      throw new Error("one");
    });
    receiver.on("ServiceOrderMilestoneEvent", () => void ran.push("second"));
    receiver.on("ServiceOrderMilestoneEvent", () => Promise.reject(new Error("three")));
    const listened: unknown[] = [];
    receiver.subscribe((event) => void listened.push(event));
    expect((await receiver.handle(post(delivery("ServiceOrderMilestoneEvent", { id: "X", version: 4 })))).status).toBe(500);
    expect(ran).toEqual(["first", "second"]);
    expect(errors.map((e) => (e as Error).message)).toEqual(["one", "three"]);
    expect(listened).toEqual([]);

    const metas: DeliveryMeta[] = [];
    receiver.on("ServiceOrderStateChangeEvent", (_, meta) => void metas.push(meta));
    await receiver.handle(post(delivery("ServiceOrderStateChangeEvent", { id: "X", version: 3 })));
    expect(metas[0]).toMatchObject({ outOfOrder: false });
    expect(metas[0]).not.toHaveProperty("previousVersion");
  });

  it("answers 500 without throwing when onError itself throws", async () => {
    const receiver = createWebhookReceiver({
      apiKey: API_KEY,
      onError: () => {
        throw new Error("logger down");
      },
    });
    receiver.on("ServiceOrderStateChangeEvent", () => {
      throw new Error("handler");
    });
    expect((await receiver.handle(post(delivery()))).status).toBe(500);
  });

  it("passes an event type it does not know to onUnknown and answers 202", async () => {
    const { receiver, seen } = recorder();
    const unknown: [UnknownWebhookEvent, DeliveryMeta][] = [];
    receiver.onUnknown((event, meta) => void unknown.push([event, meta]));
    const listened: unknown[] = [];
    receiver.subscribe((event) => void listened.push(event));
    const event = { ...delivery("ServiceOrderShippedEvent"), event: { Shipment: { tracking: 1 } } };
    expect((await receiver.handle(post(event))).status).toBe(202);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.[0]).toEqual(event);
    expect(unknown[0]?.[1]).toMatchObject({ duplicate: false, outOfOrder: false });
    expect(seen).toEqual([]);
    expect(listened).toEqual([]);
    // A redelivery of the same unknown event is a duplicate too.
    expect((await receiver.handle(post(event))).status).toBe(202);
    expect(unknown).toHaveLength(1);
  });

  it("types an InformationRequired event as TMF641 v5 shapes it: the order's reference and the fields it needs", async () => {
    const { receiver, seen, errors } = recorder();
    const typed: WebhookEventOf<"ServiceOrderInformationRequiredEvent">[] = [];
    receiver.on("ServiceOrderInformationRequiredEvent", (event, meta) => {
      expectTypeOf(event.event.serviceOrder.id).toEqualTypeOf<string>();
      expectTypeOf(event.event.informationRequired).toEqualTypeOf<JsonPatch[] | undefined>();
      expect(meta).toMatchObject({ duplicate: false, outOfOrder: false });
      typed.push(event);
    });
    const unknown: unknown[] = [];
    receiver.onUnknown((event) => void unknown.push(event));
    // Copied from TMF641 v5 (reference/tmf/v5/unofficial-serviceOrderingManagement.yaml,
    // ServiceOrderInformationRequiredEvent_request), envelope fields and polymorphism included.
    const event = {
      correlationId: "SOM-20011",
      description: "ServiceOrderInformationRequiredEvent illustration",
      domain: "Commercial",
      eventId: "10061",
      eventTime: "2021-12-27T01:06:59.059Z",
      eventType: "ServiceOrderInformationRequiredEvent",
      priority: "1",
      timeOcurred: "2021-12-27T01:06:59.059Z",
      title: "ServiceOrderInformationRequiredEvent",
      event: {
        serviceOrder: { id: "5351", href: "https://host:port/serviceOrder/v5/serviceOrder/5351", "@type": "ServiceOrderRef" },
        informationRequired: [
          { op: "add", path: "requestedCompletionDate" },
          { op: "add", path: "requestedStartDate" },
        ],
      },
      relatedParty: [{ id: "56d", role: "Issuer", "@type": "RelatedParty", "@referredType": "Organization" }],
      reportingSystem: { id: "20011", name: "Service Order Management Component", "@type": "ReportingResource", "@referredType": "LogicalResource" },
      source: { id: "20011", name: "Service Order Management Component", "@type": "ReportingResource", "@referredType": "LogicalResource" },
      "@baseType": "Event",
      "@type": "ServiceOrderInformationRequiredEvent",
    };
    expect((await receiver.handle(post(event))).status).toBe(202);
    expect(typed).toEqual([event]);
    expect(typed[0]?.event.informationRequired?.map((patch) => patch.path)).toEqual(["requestedCompletionDate", "requestedStartDate"]);
    expect([unknown, seen, errors]).toEqual([[], [], []]);
  });

  it("acknowledges a documented event whose payload key differs from the contract's and hands all of it to onUnknown", async () => {
    const { receiver, seen, errors } = recorder();
    const typed: unknown[] = [];
    receiver.on("ServiceOrderInformationRequiredEvent", (event) => void typed.push(event));
    const unknown: [UnknownWebhookEvent, UnknownDeliveryMeta][] = [];
    receiver.onUnknown((event, meta) => {
      expectTypeOf(meta).toEqualTypeOf<UnknownDeliveryMeta>();
      expectTypeOf(event.eventTime).toEqualTypeOf<unknown>();
      unknown.push([event, meta]);
    });
    const listened: unknown[] = [];
    receiver.subscribe((event) => void listened.push(event));
    // The whole order under the key of Giacom's other order events, not TMF641 v5's reference
    // under `serviceOrder`, with envelope fields the contract does not list. Every field must
    // reach the handler.
    const event = {
      "@type": "ServiceOrderInformationRequiredEvent",
      eventId: "7f0c4a52-2e49-4a53-9b3a-0d5c7c4d0f11",
      eventTime: "2026-01-31T10:00:00Z",
      eventType: "ServiceOrderInformationRequiredEvent",
      correlationId: "c-42",
      domain: "ServiceOrdering",
      event: {
        ServiceOrder: { id: ORDER_ID, "@type": "ServiceOrder", state: "held" },
        informationRequired: [{ fieldPath: "serviceOrderItem[0].service.serviceCharacteristic", reason: "SIM serial missing" }],
      },
    };
    for (let i = 0; i < 2; i++) expect((await receiver.handle(post(event))).status).toBe(202);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.[0]).toEqual(event);
    expect(unknown[0]?.[1]).toMatchObject({ reason: "unexpectedShape", field: "event.serviceOrder", duplicate: false, outOfOrder: false });
    expect([typed, seen, listened, errors]).toEqual([[], [], [], []]);

    const undocumented = delivery("ServiceOrderShippedEvent");
    expect((await receiver.handle(post(undocumented))).status).toBe(202);
    expect(unknown[1]?.[1]).toMatchObject({ reason: "undocumentedType" });
    expect(unknown[1]?.[1]).not.toHaveProperty("field");
  });

  it("answers 500 when an onUnknown handler throws", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    receiver.onUnknown(() => {
      throw new Error("no");
    });
    expect((await receiver.handle(post(delivery("SomethingNewEvent")))).status).toBe(500);
  });

  it("accepts an event nobody listens to", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    expect((await receiver.handle(post(delivery("ServiceDeleteEvent", { id: "s" })))).status).toBe(202);
    expect((await receiver.handle(post(delivery("NeverHeardOfEvent")))).status).toBe(202);
  });

  it("stops calling handlers and listeners once unsubscribed", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const calls: string[] = [];
    const offHandler = receiver.on("ServiceOrderStateChangeEvent", () => void calls.push("on"));
    const offUnknown = receiver.onUnknown(() => void calls.push("unknown"));
    const offListener = receiver.subscribe(() => void calls.push("subscribe"));
    await receiver.handle(post(delivery()));
    await receiver.handle(post(delivery("NewEvent")));
    offHandler();
    offHandler();
    offUnknown();
    offListener();
    await receiver.handle(post(delivery()));
    await receiver.handle(post(delivery("NewEvent")));
    expect(calls).toEqual(["on", "subscribe", "unknown"]);
  });

  it("reports a listener's error without failing the delivery", async () => {
    const errors: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: API_KEY, onError: (e) => errors.push(e) });
    const failure = new Error("listener");
    receiver.subscribe(() => {
      throw failure;
    });
    expect((await receiver.handle(post(delivery()))).status).toBe(202);
    expect(errors).toEqual([failure]);
  });

  it("uses pluggable async stores, and answers 500 when one fails", async () => {
    const ids = new Set<string>();
    const versionMap = new Map<string, number>();
    const dedupe: DedupeStore = { seen: async (id) => ids.has(id), remember: async (id) => void ids.add(id) };
    const versions: VersionStore = { get: async (key) => versionMap.get(key), set: async (key, v) => void versionMap.set(key, v) };
    const receiver = createWebhookReceiver({ apiKey: API_KEY, dedupe, versions });
    const event = delivery("ServiceOrderStateChangeEvent", { id: "P", version: 2 });
    await receiver.handle(post(event));
    expect([...ids]).toEqual([event.eventId]);
    expect([...versionMap]).toEqual([["ServiceOrder:P", 2]]);

    const errors: unknown[] = [];
    const outage = new Error("redis down");
    const broken = createWebhookReceiver({
      apiKey: API_KEY,
      dedupe: { seen: () => Promise.reject(outage), remember: () => undefined },
      onError: (e) => errors.push(e),
    });
    const response = await broken.handle(post(delivery()));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("Internal error");
    expect(errors).toEqual([outage]);
  });
});

describe("MemoryDedupeStore", () => {
  it("forgets an eventId once its time to live has passed", () => {
    vi.useFakeTimers();
    try {
      const store = new MemoryDedupeStore({ ttlMs: 1_000 });
      store.remember("a");
      expect(store.seen("a")).toBe(true);
      vi.advanceTimersByTime(1_000);
      expect(store.seen("a")).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("forgets the oldest eventIds beyond maxEntries", () => {
    const store = new MemoryDedupeStore({ maxEntries: 2 });
    store.remember("a");
    store.remember("b");
    store.remember("a");
    store.remember("c");
    expect(["a", "b", "c"].map((id) => store.seen(id))).toEqual([true, false, true]);
  });

  it("rejects a time to live or size that is not positive", () => {
    expect(() => new MemoryDedupeStore({ ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => new MemoryDedupeStore({ ttlMs: Number.NaN })).toThrow(/ttlMs/);
    expect(() => new MemoryDedupeStore({ maxEntries: 1.5 })).toThrow(/maxEntries/);
  });
});
