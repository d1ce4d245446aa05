// The node:http adapter. It only uses the request and response objects it is given (no import
// of a Node module at run time), so the webhooks entry point still loads in workers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ConfigurationError, SdkError, TimeoutError } from "../errors.js";
import { REPORT, encoder } from "./receiver.js";

/**
 * The Node adapter could not read the delivery's raw body: a framework consumed the request
 * stream (usually body-parsing middleware such as `express.json()`) before the receiver ran.
 * The delivery is answered 500, so the sender retries it once the app is fixed.
 * @example
 * ```ts
 * const receiver = createWebhookReceiver({
 *   apiKey,
 *   onError: (e) => { if (e instanceof WebhookBodyConsumedError) console.error("mount the webhook route before express.json()"); },
 * });
 * ```
 * @group Webhooks
 */
export class WebhookBodyConsumedError extends SdkError {
  override readonly name = "WebhookBodyConsumedError";
  constructor(parsed: boolean) {
    super(
      "WEBHOOK_BODY_CONSUMED",
      `The webhook request body was already ${parsed ? "parsed (req.body is an object)" : "read from the stream"} before the receiver ran. ` +
        "Mount the webhook receiver before any body-parsing middleware such as express.json(), " +
        'or give it the raw body (express.raw({ type: "application/json" }) sets req.body to a Buffer).',
    );
  }
}

// The fields the adapter reads; IncomingMessage has them all, and frameworks add `body`.
type NodeRequest = IncomingMessage & { body?: unknown };

const toBytes = (chunk: unknown): Uint8Array => (typeof chunk === "string" ? encoder.encode(chunk) : chunk instanceof Uint8Array ? chunk : new Uint8Array(0));

/**
 * Options of {@link toNodeHandler}.
 * @example
 * ```ts
 * const options: NodeHandlerOptions = { bodyTimeoutMs: 5_000 };
 * createServer(toNodeHandler(receiver, options)).listen(8080);
 * ```
 * @group Webhooks
 */
export interface NodeHandlerOptions {
  /**
   * How long the body may take to arrive, in milliseconds, from when the handler is called. A
   * sender still sending then is answered 408 and its connection closed, and a `TimeoutError`
   * (code `"TIMEOUT"`) goes to the receiver's `onError`. Without it, a sender that drips its
   * body would hold the connection for Node's `server.requestTimeout` (300 s by default).
   * Default 10,000.
   */
  bodyTimeoutMs?: number | undefined;
}

interface StreamState {
  ended: boolean;
  // Errors the stream, so that a receiver waiting for the body stops waiting.
  fail?: (error: unknown) => void;
}

// A pull-based web stream over the request: data is read only when the receiver reads the body
// (after authentication), and reading stops when the receiver cancels (body too large).
function streamOf(req: NodeRequest, state: StreamState): ReadableStream<Uint8Array> {
  let wake: (() => void) | undefined;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        state.fail = (error) => {
          cancelled = true;
          controller.error(error);
          wake?.();
        };
        req.pause();
        req.on("data", (chunk: unknown) => {
          // Someone else may resume the request after a cancel; enqueueing then would throw.
          if (!cancelled) controller.enqueue(toBytes(chunk));
          req.pause();
          wake?.();
        });
        req.on("end", () => {
          state.ended = true;
          if (!cancelled) controller.close();
          wake?.();
        });
        req.on("error", (error) => {
          controller.error(error);
          wake?.();
        });
      },
      pull() {
        if (state.ended) return;
        req.resume();
        return new Promise<void>((resolve) => (wake = resolve));
      },
      cancel() {
        cancelled = true;
        req.pause();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Adapts a receiver to `node:http` and the frameworks built on it. It reads the raw body from
 * the request stream, or uses `req.body` when a framework left it as a Buffer or a string
 * (`express.raw()`). If body-parsing middleware already consumed the stream, it answers 500 and
 * reports a {@link WebhookBodyConsumedError} to `onError`: mount the handler before such
 * middleware. Fastify parses JSON itself: register a buffer parser for `application/json`, copy
 * `request.body` to `request.raw.body`, call `reply.hijack()`, then the handler with
 * `request.raw` and `reply.raw`. A body still arriving after `bodyTimeoutMs` is answered 408.
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * const receiver = createWebhookReceiver({ apiKey: process.env.WEBHOOK_API_KEY });
 * createServer(toNodeHandler(receiver)).listen(8080);
 * // Express: register the route before app.use(express.json())
 * app.post("/webhook", toNodeHandler(receiver));
 * ```
 * @group Webhooks
 */
export function toNodeHandler(
  receiver: { handle(request: Request): Promise<Response> },
  options: NodeHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const { bodyTimeoutMs = 10_000 } = options;
  // setTimeout fires at once beyond 2^31 - 1 ms.
  if (!(bodyTimeoutMs > 0 && bodyTimeoutMs <= 2_147_483_647)) throw new ConfigurationError("bodyTimeoutMs", "must be a positive number of milliseconds");
  const report = (error: unknown) => (receiver as Partial<Record<typeof REPORT, (error: unknown) => void>>)[REPORT]?.(error);

  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: Uint8Array | string) => {
    if (res.headersSent) return;
    res.writeHead(status, typeof body === "string" ? { "content-type": "text/plain; charset=utf-8", ...headers } : headers);
    res.end(body);
  };

  async function answer(req: NodeRequest, res: ServerResponse): Promise<void> {
    // The receiver would answer 405 too; some methods (CONNECT, TRACE) cannot make a Request.
    if (req.method !== "POST") return send(res, 405, { allow: "POST" }, "Method not allowed");
    const given = req.body;
    const state: StreamState = { ended: true };
    let body: Uint8Array | ReadableStream<Uint8Array>;
    if (typeof given === "string" || given instanceof Uint8Array) body = toBytes(given);
    else if (req.readableEnded || req.readableDidRead) {
      report(new WebhookBodyConsumedError(given != null));
      return send(res, 500, {}, "Internal error");
    } else {
      state.ended = false;
      body = streamOf(req, state);
      const timer = setTimeout(() => {
        if (state.ended || res.headersSent) return;
        // Reaches onError through the receiver, which fails reading the body with it.
        state.fail?.(new TimeoutError(`The webhook request body did not arrive within ${bodyTimeoutMs} ms; answered 408`, { timeoutMs: bodyTimeoutMs }));
        // The sender may still be sending: free the socket rather than read the rest.
        res.once("finish", () => req.destroy());
        send(res, 408, { connection: "close" }, "Request body not received in time");
      }, bodyTimeoutMs);
      const stop = () => clearTimeout(timer);
      req.once("end", stop);
      res.once("close", stop);
    }
    const headers = new Headers();
    const raw = req.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i] ?? "";
      if (!name.startsWith(":")) headers.append(name, raw[i + 1] ?? "");
    }
    // The path (as the server saw it, under any mount point) for a receiver whose credential
    // travels in it; the host is not the sender's to choose.
    const path = req.url?.startsWith("/") ? req.url : "/";
    const request = new Request(`http://localhost${path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
    const response = await receiver.handle(request);
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => (out[name] = value));
    // The rest of an unread body (413, 401) would otherwise be read as the next request.
    if (!state.ended) out.connection = "close";
    send(res, response.status, out, new Uint8Array(await response.arrayBuffer()));
  }

  return (req, res) => {
    answer(req, res).catch((error: unknown) => {
      report(error);
      send(res, 500, {}, "Internal error");
    });
  };
}
