// The node:http adapter end to end: a real server on 127.0.0.1, deliveries posted with fetch.
// Also what happens when a framework consumed or parsed the body before the receiver ran.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  WebhookBodyConsumedError,
  createWebhookReceiver,
  toNodeHandler,
  type NodeHandlerOptions,
  type WebhookReceiver,
} from "../../../src/giacom/webhooks/index.js";
import { ConfigurationError, GiacomError } from "../../../src/giacom/errors.js";
import { API_KEY, DOCUMENTED_DELIVERY, delivery } from "./helpers.js";

type Middleware = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: () => void) => void;

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      // A test that fails may leave a dripping client connected; close would wait for it.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

async function serve(receiver: WebhookReceiver, before?: Middleware, options?: NodeHandlerOptions): Promise<string> {
  const handler = toNodeHandler(receiver, options);
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

// A sender on a raw socket: the headers announce a large JSON body, which then arrives one byte
// every 20 ms and never ends. Resolves with all the server sent once the server closes the
// connection, or once `giveUpMs` passed (the socket is then closed here and `closedByServer` is false).
function drip(url: string, giveUpMs: number): Promise<{ response: string; closedByServer: boolean }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let response = "";
    let gaveUp = false;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (response += chunk));
    // Writing after the server closed fails with EPIPE or ECONNRESET: an expected end here.
    socket.on("error", () => undefined);
    const head = [
      `POST ${pathname} HTTP/1.1`,
      `Host: ${hostname}`,
      "Content-Type: application/json",
      `Authorization: Basic ${API_KEY}`,
      "Content-Length: 1000000",
    ];
    socket.write(`${head.join("\r\n")}\r\n\r\n{"eventId":"`);
    const dripping = setInterval(() => socket.writable && socket.write("x"), 20);
    const giveUp = setTimeout(() => ((gaveUp = true), socket.destroy()), giveUpMs);
    socket.on("close", () => {
      clearInterval(dripping);
      clearTimeout(giveUp);
      resolve({ response, closedByServer: !gaveUp });
    });
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

  // Node itself would hold such a sender for server.requestTimeout, 300 s by default.
  it("answers 408 and closes the connection when the body is still arriving after bodyTimeoutMs", async () => {
    const errors: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: API_KEY, onError: (e) => errors.push(e) });
    const handled: string[] = [];
    receiver.on("ServiceOrderStateChangeEvent", async (event) => {
      // A slow handler: the deadline is for the body only, not for the answer.
      await sleep(1_000);
      handled.push(event.eventId);
    });
    const url = await serve(receiver, undefined, { bodyTimeoutMs: 200 });

    const prompt = delivery();
    expect((await send(url, prompt)).status).toBe(202);
    expect(handled).toEqual([prompt.eventId]);

    // Wide margin: only that the 408 comes, never when, is asserted.
    const { response, closedByServer } = await drip(url, 8_000);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response.toLowerCase()).toContain("connection: close");
    expect(closedByServer).toBe(true);
    expect(handled).toEqual([prompt.eventId]);
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toBeInstanceOf(GiacomError);
    expect(errors[0]).toMatchObject({ code: "TIMEOUT", timeoutMs: 200 });
  }, 20_000);

  it("rejects a bodyTimeoutMs that is not a positive number of milliseconds", () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    for (const bodyTimeoutMs of [0, -1, Number.NaN, 2 ** 31]) {
      expect(() => toNodeHandler(receiver, { bodyTimeoutMs }), String(bodyTimeoutMs)).toThrow(ConfigurationError);
    }
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
