// The HTTP face: a simulator as a real HTTP server on 127.0.0.1, the API under its base path and
// the token endpoint at its token path. node:http is loaded here, on first use, so the module
// also loads where Node's APIs do not exist (MSW in a browser, other runtimes).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimulatorHandle, SimulatorServer, SimulatorUrls } from "./types.js";

const HOST = "127.0.0.1";

/** @internal */
export interface ListenOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Where the API is served, e.g. `/v2`. */
  basePath: string;
  /** Where the API's other roots are served, by name (`SimulatorUrls.bases`), e.g. `{ hub: "/v1" }`. */
  bases?: Readonly<Record<string, string>>;
  /** Where the token endpoint is served, e.g. `/oauth2/token`. */
  tokenPath: string;
}

async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  if (chunks.length === 0) return undefined;
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const body = new Uint8Array(new ArrayBuffer(total));
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

function toRequest(req: IncomingMessage, origin: string, body: Uint8Array<ArrayBuffer> | undefined): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const init: RequestInit = { method, headers };
  if (body !== undefined && method !== "GET" && method !== "HEAD") init.body = body;
  return new Request(`${origin}${req.url ?? "/"}`, init);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  if (response.type === "error") {
    // A dropped connection: no status line, no body.
    res.socket?.destroy();
    return;
  }
  const body = new Uint8Array(await response.arrayBuffer());
  if (res.destroyed) return;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  res.end(body);
}

/** @internal Serves `handle` on 127.0.0.1 until `close()`. */
export async function listen(handle: SimulatorHandle, options: ListenOptions): Promise<SimulatorServer> {
  const { createServer } = await import("node:http");
  const server = createServer((req, res) => {
    readBody(req)
      // The URL is built from the bound address, not the Host header, so any name for loopback works.
      .then((body) => handle(toRequest(req, `http://${HOST}:${port}`, body), urls))
      .then((response) => send(res, response))
      .catch(() => {
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : (options.port ?? 0);
  const origin = `http://${HOST}:${port}`;
  const bases = Object.fromEntries(Object.entries(options.bases ?? {}).map(([name, path]) => [name, `${origin}${path}`]));
  const urls: SimulatorUrls = { baseUrl: `${origin}${options.basePath}`, tokenUrl: `${origin}${options.tokenPath}`, bases };
  return {
    baseUrl: urls.baseUrl,
    tokenUrl: urls.tokenUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
