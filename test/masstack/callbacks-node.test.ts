// The MasStack callback receiver behind the node:http adapter: a real server on 127.0.0.1, the
// callbacks posted with fetch to the URLs the receiver made, mounted at the root and under a
// prefix that a router strips (as Express's app.use("/prefix", …) does).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createCallbackReceiver, toNodeHandler, type CallbackReceiver, type ReceivedCallback } from "../../src/masstack/callbacks/index.js";
import { MASSTACK_CALLBACK_SECRETS } from "../helpers/secrets.js";

const WORKFLOW = "5d0b9a7e-2c1f-4e3a-8b6d-0f1e2d3c4b5a";
/** serviceCallbackDTO's example (seeds/004 L468-472; test/masstack/callbacks.test.ts checks the copy). */
const SEED_SERVICE_CALLBACK = '{\n  "code": "OK",\n  "title": "Service was successfully created",\n  "service_id": 600000000\n}';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A receiver mounted at `path` of a server that serves only that path, the way a router would: the mount point stripped from req.url. */
async function mounted(path: string): Promise<{ receiver: CallbackReceiver; handled: ReceivedCallback[]; origin: string }> {
  const handled: ReceivedCallback[] = [];
  let node: Handler = () => undefined;
  const origin = await listen((req, res) => {
    if (!req.url?.startsWith(`${path}/`)) return void res.writeHead(404).end();
    req.url = req.url.slice(path.length);
    node(req, res);
  });
  const receiver = createCallbackReceiver({ secret: MASSTACK_CALLBACK_SECRETS.current, url: `${origin}${path}` });
  receiver.onCallback((callback) => void handled.push(callback));
  node = toNodeHandler(receiver);
  return { receiver, handled, origin };
}

const send = (url: string, body = SEED_SERVICE_CALLBACK, init: RequestInit = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", "request-correlation-id": WORKFLOW }, body, ...init });

describe("toNodeHandler(receiver)", () => {
  it("takes callbacks posted to its URLs on a real server, with the workflow id and outcome of the URL", async () => {
    const handled: ReceivedCallback[] = [];
    const origin = await listen((req, res) => node(req, res));
    const receiver = createCallbackReceiver({ secret: MASSTACK_CALLBACK_SECRETS.current, url: origin });
    receiver.onCallback((callback) => void handled.push(callback));
    const node = toNodeHandler(receiver);

    const urls = await receiver.urls(WORKFLOW);
    const response = await send(urls.success);
    expect([response.status, await response.text()]).toEqual([200, ""]);
    expect((await send(urls.error, '{"code":"SERVICE_OPERATION_FAILED","title":"Failed"}')).status).toBe(200);
    expect(handled.map(({ workflowId, outcome, body }) => ({ workflowId, outcome, body }))).toEqual([
      { workflowId: WORKFLOW, outcome: "success", body: { code: "OK", title: "Service was successfully created", service_id: "600000000" } },
      { workflowId: WORKFLOW, outcome: "error", body: { code: "SERVICE_OPERATION_FAILED", title: "Failed" } },
    ]);
    expect((await receiver.received(WORKFLOW))?.outcome).toBe("success");
  });

  it("works under a prefix a router strips, and answers 401, 404 and 405 there", async () => {
    const { receiver, handled, origin } = await mounted("/partner/masstack");
    const urls = await receiver.urls(WORKFLOW);
    expect(urls.success.startsWith(`${origin}/partner/masstack/success/${WORKFLOW}/`)).toBe(true);
    expect((await send(urls.success)).status).toBe(200);
    expect(handled).toHaveLength(1);

    expect((await send(urls.success.replace("/success/", "/error/"))).status).toBe(401);
    expect((await send(`${origin}/partner/masstack/other/${WORKFLOW}/x`)).status).toBe(404);
    expect((await fetch(urls.success)).status).toBe(405);
    expect(handled).toHaveLength(1);
  });
});
