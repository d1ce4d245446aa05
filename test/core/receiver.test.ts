// The receiver engine driven by a toy profile of its own: a header token, a JSON body with an
// id, a kind and a versioned thing, and 200 as the acknowledgement. No vendor data.
import { describe, expect, test } from "vitest";
import { createReceiver, createSecretCheck, type ParsedDelivery, type ReceiverOptions, type ReceiverProfile } from "../../src/core/receiver/receiver.js";
import { toNodeHandler } from "../../src/core/receiver/node.js";
import { ConfigurationError, InvalidArgumentError } from "../../src/core/errors.js";

interface ThingChanged {
  id: string;
  kind: "thingChanged";
  thing: { id: string; version: number };
}
type ToyEvents = { thingChanged: ThingChanged };
type Untyped = { id: string; kind: string };

const TOKEN = "toy-token";

function parse(body: unknown): ParsedDelivery<ThingChanged, Untyped> {
  const b = body as Partial<ThingChanged> | null;
  if (typeof b?.id !== "string" || typeof b.kind !== "string") return { ok: false, reason: "needs id and kind" };
  if (b.kind !== "thingChanged") return { ok: true, id: b.id, event: b as Untyped, unknown: { reason: "undocumentedType" } };
  if (typeof b.thing?.id !== "string") return { ok: true, id: b.id, event: b as Untyped, unknown: { reason: "unexpectedShape", field: "thing.id" } };
  return { ok: true, id: b.id, type: b.kind, event: b as ThingChanged, entity: `thing:${b.thing.id}`, version: b.thing.version };
}

const check = createSecretCheck([TOKEN]);
const profile: ReceiverProfile<unknown, Untyped> = {
  authenticate: async (headers) => check(headers.get("x-toy-token") ?? ""),
  unauthorized: { status: 403, body: "no" },
  parse,
  isType: (type) => type === "thingChanged",
  acknowledge: { status: 200, body: "thanks" },
};

const toy = (options: ReceiverOptions = {}) => createReceiver<ToyEvents, Untyped>(profile, options);

function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request("http://toy.test/hook", {
    method: "POST",
    headers: { "content-type": "application/json", "x-toy-token": TOKEN, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const changed = (id: string, version: number, thing = "t1"): ThingChanged => ({ id, kind: "thingChanged", thing: { id: thing, version } });

describe("the receiver engine with a toy profile", () => {
  test("acknowledges an accepted delivery with the profile's answer and runs its handler", async () => {
    const receiver = toy();
    const seen: ThingChanged[] = [];
    receiver.on("thingChanged", (event) => void seen.push(event));
    const response = await receiver.handle(post(changed("e1", 1)));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("thanks");
    expect(seen.map((e) => e.id)).toEqual(["e1"]);
  });

  test("refuses a delivery the profile does not authenticate, with the profile's answer, before reading its body", async () => {
    const receiver = toy();
    let handled = 0;
    receiver.on("thingChanged", () => void handled++);
    const response = await receiver.handle(post("{not json", { "x-toy-token": "wrong" }));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("no");
    expect(handled).toBe(0);
  });

  test("answers a duplicate id with the acknowledgement and does not run the handlers again", async () => {
    const receiver = toy();
    const metas: boolean[] = [];
    let handled = 0;
    receiver.on("thingChanged", () => void handled++);
    receiver.subscribe((_, meta) => void metas.push(meta.duplicate));
    expect((await receiver.handle(post(changed("e1", 1)))).status).toBe(200);
    expect((await receiver.handle(post(changed("e1", 1)))).status).toBe(200);
    expect(handled).toBe(1);
    expect(metas).toEqual([false, true]);
  });

  test("flags a version lower than one already processed for the same entity as out of order", async () => {
    const receiver = toy();
    const metas: { outOfOrder: boolean; previousVersion: number | undefined }[] = [];
    receiver.on("thingChanged", (_, meta) => void metas.push({ outOfOrder: meta.outOfOrder, previousVersion: meta.previousVersion }));
    await receiver.handle(post(changed("e1", 3)));
    await receiver.handle(post(changed("e2", 2)));
    await receiver.handle(post(changed("e3", 4)));
    await receiver.handle(post(changed("e4", 1, "t2")));
    expect(metas).toEqual([
      { outOfOrder: false, previousVersion: undefined },
      { outOfOrder: true, previousVersion: 3 },
      { outOfOrder: false, previousVersion: 3 },
      { outOfOrder: false, previousVersion: undefined },
    ]);
  });

  test("answers 413 to a body over maxBodyBytes, whether declared or streamed", async () => {
    const receiver = toy({ maxBodyBytes: 64 });
    const big = changed("e".repeat(100), 1);
    expect((await receiver.handle(post(big))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(big)));
        controller.close();
      },
    });
    const streamed = new Request("http://toy.test/hook", {
      method: "POST",
      headers: { "content-type": "application/json", "x-toy-token": TOKEN },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await receiver.handle(streamed)).status).toBe(413);
    expect(() => toy({ maxBodyBytes: 0 })).toThrow(ConfigurationError);
  });

  test("answers 400 with the profile's reason to a body it refuses, 415 to another media type, 405 to another method", async () => {
    const receiver = toy();
    const refused = await receiver.handle(post({ kind: "thingChanged" }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toBe("needs id and kind");
    expect((await receiver.handle(post(changed("e1", 1), { "content-type": "text/plain" }))).status).toBe(415);
    expect((await receiver.handle(new Request("http://toy.test/hook"))).status).toBe(405);
  });

  test("sends what it cannot type to onUnknown, with the profile's reason, and never to subscribers", async () => {
    const receiver = toy();
    const unknown: unknown[] = [];
    const subscribed: unknown[] = [];
    receiver.onUnknown((event, meta) => void unknown.push([event.kind, meta.reason, meta.field]));
    receiver.subscribe((event) => void subscribed.push(event));
    await receiver.handle(post({ id: "u1", kind: "somethingElse" }));
    await receiver.handle(post({ id: "u2", kind: "thingChanged" }));
    expect(unknown).toEqual([
      ["somethingElse", "undocumentedType", undefined],
      ["thingChanged", "unexpectedShape", "thing.id"],
    ]);
    expect(subscribed).toEqual([]);
    expect(() => receiver.on("somethingElse" as never, () => undefined)).toThrow(InvalidArgumentError);
  });

  test("answers 500 when a handler fails, reports it, and processes the retried delivery", async () => {
    const errors: unknown[] = [];
    const receiver = toy({ onError: (error) => errors.push(error) });
    let fail = true;
    receiver.on("thingChanged", () => {
      if (fail) throw new Error("toy handler failed");
    });
    expect((await receiver.handle(post(changed("e1", 1)))).status).toBe(500);
    expect(errors).toHaveLength(1);
    fail = false;
    expect((await receiver.handle(post(changed("e1", 1)))).status).toBe(200);
  });

  test("is adapted to node:http by the generic Node adapter", async () => {
    const { createServer } = await import("node:http");
    const receiver = toy();
    const server = createServer(toNodeHandler(receiver));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-toy-token": TOKEN },
        body: JSON.stringify(changed("e1", 1)),
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("thanks");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("createSecretCheck", () => {
  test("accepts any of the secrets and nothing else", async () => {
    const matches = createSecretCheck(["one", "two"]);
    expect(await matches("one")).toBe(true);
    expect(await matches("two")).toBe(true);
    expect(await matches("three")).toBe(false);
    expect(await matches("")).toBe(false);
  });
});
