// A callback listener on 127.0.0.1 (webhooks, callback URLs): records each request's headers and
// JSON body, and answers the next planned status, then `status`.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received<Body> {
  headers: IncomingHttpHeaders;
  body: Body;
}

export async function startListener<Body = unknown>(options: { path: string; status: number }) {
  const received: Received<Body>[] = [];
  const plan: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Body });
      res.writeHead(plan.shift() ?? options.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.path}`,
    received,
    /** Statuses for the next requests, in order. */
    answer: (...statuses: number[]) => void plan.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
