// The node:http adapter end to end: a real server on 127.0.0.1, deliveries posted with fetch.
// Also what happens when a framework consumed or parsed the body before the receiver ran.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebhookBodyConsumedError, createWebhookReceiver, toNodeHandler, type WebhookReceiver } from "../../src/webhooks/index.js";
import { GiacomError } from "../../src/errors.js";
import { API_KEY, DOCUMENTED_DELIVERY, delivery } from "./helpers.js";

type Middleware = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: () => void) => void;

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(receiver: WebhookReceiver, before?: Middleware): Promise<string> {
  const handler = toNodeHandler(receiver);
  const server = createServer((req, res) => (before ? before(req, res, () => handler(req, res)) : handler(req, res)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
}

function send(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", authorization: `Basic ${API_KEY}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

// Reads the whole stream the way body-parsing middleware does.
const readAll = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

describe("toNodeHandler", () => {
  it("receives the document's delivery posted to a node:http server", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const received: unknown[] = [];
    receiver.on("ServiceOrderStateChangeEvent", (event) => void received.push(event));
    const url = await serve(receiver);
    const response = await send(url, DOCUMENTED_DELIVERY);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe("");
    expect(received).toEqual([DOCUMENTED_DELIVERY]);
    // Keep-alive still works after a fully read body.
    expect((await send(url, delivery())).status).toBe(202);
  });

  it("answers 401, 405, 415 and 400 through the adapter", async () => {
    const url = await serve(createWebhookReceiver({ apiKey: API_KEY }));
    const unauthorized = await send(url, DOCUMENTED_DELIVERY, { authorization: "Basic nope" });
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.text()).toBe("");
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await send(url, "x=1", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    const invalid = await send(url, { ...DOCUMENTED_DELIVERY, eventId: 1 });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toBe("invalid envelope: eventId");
  });

  it("answers 413 to a Content-Length over the limit and to a chunked body that grows past it", async () => {
    const received: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: API_KEY, maxBodyBytes: 1_024 });
    receiver.on("ServiceOrderStateChangeEvent", (event) => void received.push(event));
    const url = await serve(receiver);

    const declared = await send(url, { ...delivery(), padding: "x".repeat(2_000) });
    expect(declared.status).toBe(413);
    expect(declared.headers.get("connection")).toBe("close");

    // A chunked upload (no Content-Length) that never ends: the adapter must stop at the limit.
    const json = JSON.stringify(delivery()).slice(0, -1);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = sent === 0 ? `${json},"padding":"` : "y".repeat(512);
        sent += chunk.length;
        controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    const chunked = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${API_KEY}` },
      body,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(received).toEqual([]);
  });

  it("uses req.body when a framework left the raw body as a Buffer or a string", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const received: string[] = [];
    receiver.on("ServiceOrderStateChangeEvent", (event) => void received.push(event.eventId));
    const asBuffer = await serve(receiver, (req, _res, next) => void readAll(req).then((raw) => ((req.body = raw), next())));
    const asString = await serve(receiver, (req, _res, next) => void readAll(req).then((raw) => ((req.body = raw.toString("utf8")), next())));
    const first = delivery();
    const second = delivery();
    expect((await send(asBuffer, first)).status).toBe(202);
    expect((await send(asString, second)).status).toBe(202);
    expect(received).toEqual([first.eventId, second.eventId]);
  });

  it("answers 500 and tells onError to mount the receiver before body parsing when the body was parsed", async () => {
    const errors: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: API_KEY, onError: (e) => errors.push(e) });
    const handled: unknown[] = [];
    receiver.on("ServiceOrderStateChangeEvent", (event) => void handled.push(event));
    const url = await serve(receiver, (req, _res, next) => void readAll(req).then((raw) => ((req.body = JSON.parse(raw.toString("utf8"))), next())));
    const response = await send(url, DOCUMENTED_DELIVERY);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("Internal error");
    expect(handled).toEqual([]);
    expect(errors).toHaveLength(1);
    const error = errors[0];
    expect(error).toBeInstanceOf(WebhookBodyConsumedError);
    expect(error).toBeInstanceOf(GiacomError);
    expect(error).toMatchObject({ name: "WebhookBodyConsumedError", code: "WEBHOOK_BODY_CONSUMED" });
    expect((error as Error).message).toMatch(/parsed \(req\.body is an object\).*before any body-parsing middleware such as express\.json\(\).*raw body/);
  });

  it("answers 500 with a clear error when the stream was consumed and no body was kept", async () => {
    const errors: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: API_KEY, onError: (e) => errors.push(e) });
    const url = await serve(receiver, (req, _res, next) => void readAll(req).then(() => next()));
    expect((await send(url, DOCUMENTED_DELIVERY)).status).toBe(500);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toMatch(/already read from the stream.*Mount the webhook receiver before/);
  });

  it("still reads the stream when a framework set req.body to an object without consuming it", async () => {
    // body-parser 1.x sets req.body = {} for requests it does not parse.
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const url = await serve(receiver, (req, _res, next) => {
      req.body = {};
      next();
    });
    expect((await send(url, delivery())).status).toBe(202);
  });

  it("answers 500 and reports to onError when the receiver fails unexpectedly", async () => {
    const errors: unknown[] = [];
    const failure = new Error("broken receiver");
    const real = createWebhookReceiver({ apiKey: API_KEY, onError: (e) => errors.push(e) });
    const receiver: WebhookReceiver = { ...real, handle: () => Promise.reject(failure) };
    const url = await serve(receiver);
    expect((await send(url, delivery())).status).toBe(500);
    expect(errors).toEqual([failure]);
  });
});
