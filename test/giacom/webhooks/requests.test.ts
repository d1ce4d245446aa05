// What the receiver answers to requests that are not a valid delivery: 405, 413, 415, 400.
// Every refusal leaves the handlers untouched. A valid envelope is never refused for its payload.
import { describe, expect, it } from "vitest";
import { createWebhookReceiver, type UnknownDeliveryMeta, type UnknownWebhookEvent } from "../../../src/giacom/webhooks/index.js";
import { API_KEY, DOCUMENTED_DELIVERY, URL_, delivery, post } from "./helpers.js";

function receiverWithCount(options: { maxBodyBytes?: number } = {}) {
  const receiver = createWebhookReceiver({ apiKey: API_KEY, ...options });
  const calls = { count: 0 };
  receiver.on("ServiceOrderStateChangeEvent", () => void calls.count++);
  receiver.onUnknown(() => void calls.count++);
  return { receiver, calls };
}

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(chunk));
    },
  });
}

const authorized = { "content-type": "application/json", authorization: `Basic ${API_KEY}` };

describe("requests that are not deliveries", () => {
  it("answers 405 with Allow: POST to any other method", async () => {
    const { receiver, calls } = receiverWithCount();
    for (const method of ["GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const response = await receiver.handle(new Request(URL_, { method, headers: authorized }));
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
    expect(calls.count).toBe(0);
  });

  it("answers 413 when Content-Length announces a body over maxBodyBytes", async () => {
    const { receiver, calls } = receiverWithCount({ maxBodyBytes: 100 });
    const body = JSON.stringify(delivery());
    expect(body.length).toBeGreaterThan(100);
    const response = await receiver.handle(post(body, { headers: { "content-length": String(body.length) } }));
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("Body larger than 100 bytes");
    expect(calls.count).toBe(0);
  });

  it("answers 413 to a streamed body larger than maxBodyBytes whose Content-Length lies", async () => {
    const { receiver, calls } = receiverWithCount({ maxBodyBytes: 1_000 });
    let cancelled = false;
    const chunk = " ".repeat(400);
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode(chunk)),
      cancel: () => void (cancelled = true),
    });
    const request = new Request(URL_, { method: "POST", headers: { ...authorized, "content-length": "10" }, body, duplex: "half" } as RequestInit);
    expect(request.headers.get("content-length")).toBe("10");
    expect((await receiver.handle(request)).status).toBe(413);
    expect(cancelled).toBe(true);
    expect(calls.count).toBe(0);
  });

  it("answers 413 to a chunked body without Content-Length once it passes the limit", async () => {
    const { receiver } = receiverWithCount({ maxBodyBytes: 50 });
    const json = JSON.stringify(delivery());
    const request = new Request(URL_, {
      method: "POST",
      headers: authorized,
      body: streamOf([json.slice(0, 40), json.slice(40)]),
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    expect((await receiver.handle(request)).status).toBe(413);
  });

  it("accepts a body of exactly maxBodyBytes", async () => {
    const json = JSON.stringify(delivery());
    const { receiver, calls } = receiverWithCount({ maxBodyBytes: new TextEncoder().encode(json).byteLength });
    expect((await receiver.handle(post(json))).status).toBe(202);
    expect(calls.count).toBe(1);
  });

  it("answers 415 to a body that is not JSON, and accepts JSON with parameters or a +json type", async () => {
    const { receiver, calls } = receiverWithCount();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonp", "multipart/form-data; boundary=x"]) {
      const response = await receiver.handle(post(delivery(), { headers: { "content-type": type } }));
      expect(response.status).toBe(415);
      expect(await response.text()).toBe("Content-Type must be application/json");
    }
    const untyped = new Request(URL_, { method: "POST", headers: { authorization: `Basic ${API_KEY}` }, body: new Blob([JSON.stringify(delivery())]) });
    expect(untyped.headers.get("content-type")).toBeNull();
    expect((await receiver.handle(untyped)).status).toBe(415);
    expect(calls.count).toBe(0);

    for (const type of ["application/json; charset=utf-8", "Application/JSON", "application/vnd.tmf+json"]) {
      expect((await receiver.handle(post(delivery(), { headers: { "content-type": type } }))).status).toBe(202);
    }
    expect(calls.count).toBe(3);
  });

  it("answers 400 with a short reason to a body that is not JSON or not UTF-8", async () => {
    const { receiver, calls } = receiverWithCount();
    for (const body of ["", "{", "eventId=1", "[1,2", "\u0000"]) {
      const response = await receiver.handle(post(body));
      expect(response.status).toBe(400);
      expect(await response.text()).toBe("Body is not valid UTF-8 JSON");
    }
    const latin1 = new Request(URL_, { method: "POST", headers: authorized, body: new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]) });
    expect((await receiver.handle(latin1)).status).toBe(400);
    expect(calls.count).toBe(0);
  });

  it("answers 400 naming the field when the body is not an envelope: an object with an eventId, an eventType and an event", async () => {
    const { receiver, calls } = receiverWithCount();
    const good = delivery();
    const cases: [unknown, string][] = [
      [null, "invalid envelope: not an object"],
      [[good], "invalid envelope: not an object"],
      ["a string", "invalid envelope: not an object"],
      [{ ...good, eventId: undefined }, "invalid envelope: eventId"],
      [{ ...good, eventId: 42 }, "invalid envelope: eventId"],
      [{ ...good, eventId: "" }, "invalid envelope: eventId"],
      [{ ...good, eventType: 7 }, "invalid envelope: eventType"],
      [{ ...good, eventType: undefined }, "invalid envelope: eventType"],
      [{ ...good, event: "order" }, "invalid envelope: event"],
      [{ ...good, event: [] }, "invalid envelope: event"],
      [{ ...good, event: null }, "invalid envelope: event"],
    ];
    for (const [body, reason] of cases) {
      const response = await receiver.handle(post(JSON.stringify(body)));
      expect(response.status, reason).toBe(400);
      expect(await response.text()).toBe(reason);
    }
    expect(calls.count).toBe(0);
  });

  // These were answered 400 before: Giacom then retries and drops the event, so data was lost
  // whenever its payloads differed from the document's guess.
  it("accepts a valid envelope whose documented event has another shape, and hands it to onUnknown naming the field", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const typed: unknown[] = [];
    const untyped: [UnknownWebhookEvent, UnknownDeliveryMeta][] = [];
    receiver.on("ServiceOrderStateChangeEvent", (event) => void typed.push(event));
    receiver.on("ServiceStateChangeEvent", (event) => void typed.push(event));
    receiver.on("CancelServiceOrderStateChangeEvent", (event) => void typed.push(event));
    receiver.onUnknown((event, meta) => void untyped.push([event, meta]));
    const good = () => delivery();
    const withoutTime: Record<string, unknown> = good();
    delete withoutTime.eventTime;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good(), eventTime: 1_447_692_145 }, "eventTime"],
      [withoutTime, "eventTime"],
      [{ ...good(), event: {} }, "event.ServiceOrder"],
      [{ ...good(), event: { serviceOrder: { id: "x", version: 6 } } }, "event.ServiceOrder"],
      [{ ...good(), event: { service: { id: "x" } } }, "event.ServiceOrder"],
      [{ ...good(), event: { ServiceOrder: { version: 6 } } }, "event.ServiceOrder.id"],
      [{ ...good(), event: { ServiceOrder: { id: 12, version: 6 } } }, "event.ServiceOrder.id"],
      [{ ...good(), event: { ServiceOrder: { id: "", version: 6 } } }, "event.ServiceOrder.id"],
      [{ ...good(), event: { ServiceOrder: { id: "x", version: "6" } } }, "event.ServiceOrder.version"],
      [{ ...good(), event: { ServiceOrder: { id: "x", version: null } } }, "event.ServiceOrder.version"],
      [{ ...delivery("ServiceStateChangeEvent"), event: { ServiceOrder: { id: "x" } } }, "event.service"],
      [{ ...delivery("CancelServiceOrderStateChangeEvent"), event: { CancelServiceOrder: [] } }, "event.CancelServiceOrder"],
    ];
    for (const [body, field] of cases) {
      const response = await receiver.handle(post({ ...body, correlationId: "tmf-extra" }));
      expect(response.status, field).toBe(202);
      expect(untyped.at(-1)?.[0], field).toEqual({ ...body, correlationId: "tmf-extra" });
      expect(untyped.at(-1)?.[1]).toMatchObject({ reason: "unexpectedShape", field, duplicate: false, outOfOrder: false });
    }
    expect(untyped).toHaveLength(cases.length);
    expect(typed).toEqual([]);
  });

  it("accepts RFC 3339 times with Z, an offset or fractional seconds, and an entity without a version", async () => {
    const { receiver, calls } = receiverWithCount();
    for (const eventTime of ["2015-11-16T16:42:25-04:00", "2019-08-24T14:15:22Z", "2019-08-24T14:15:22.123456+01:00", "2019-08-24t14:15:22z"]) {
      expect((await receiver.handle(post({ ...delivery(), eventTime }))).status, eventTime).toBe(202);
    }
    expect((await receiver.handle(post(delivery("ServiceOrderStateChangeEvent", { id: "no-version" })))).status).toBe(202);
    expect(calls.count).toBe(5);
  });

  it("types an event whose eventTime is a string in another format: the type promises a string, not its format", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const typed: string[] = [];
    receiver.on("ServiceOrderStateChangeEvent", (event) => void typed.push(event.eventTime));
    receiver.onUnknown(() => void typed.push("unknown"));
    for (const eventTime of ["2015-11-16T16:42:25", "yesterday", ""]) expect((await receiver.handle(post({ ...delivery(), eventTime }))).status).toBe(202);
    expect(typed).toEqual(["2015-11-16T16:42:25", "yesterday", ""]);
  });

  it("does not echo any of the body in a 400", async () => {
    const { receiver } = receiverWithCount();
    const marker = "MARKER-7f3a";
    const refused = [
      { ...DOCUMENTED_DELIVERY, eventType: [marker], [marker]: marker },
      { ...DOCUMENTED_DELIVERY, eventId: marker.repeat(40) },
      { ...DOCUMENTED_DELIVERY, event: { ServiceOrder: { id: marker.repeat(40) } } },
    ];
    for (const body of refused) {
      const response = await receiver.handle(post(body));
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain(marker);
    }
  });
});
