// The simulator engine's public shapes: what an API's simulator re-exports under its own names.

/**
 * A client a simulator's token endpoint knows.
 * @group Simulator
 * @example
 * ```ts
 * const reader: SimulatorClient = { secret: "s3cret", scopes: ["orders.read"] };
 * ```
 */
export interface SimulatorClient {
  secret: string;
  /** The scopes granted to the client; omitted, every scope. */
  scopes?: readonly string[];
}

/**
 * Which requests a fault applies to: the token endpoint, or API requests whose path under the
 * base URL (e.g. `/orders`) equals the string or matches the regular expression.
 * @group Simulator
 * @example
 * ```ts
 * const orders: FaultTarget = { method: "POST", path: "/orders" };
 * const anyOrder: FaultTarget = { path: /^\/orders\// };
 * ```
 */
export type FaultTarget = "token" | { method?: string; path: string | RegExp };

/**
 * What goes wrong: a delay, an error status, a rate limit, a dropped connection (before the
 * simulator acts on the request, or after it did), or a 200 whose JSON body is cut short.
 * @group Simulator
 * @example
 * ```ts
 * sim.fault({ method: "POST", path: "/orders" }, { kind: "drop", when: "after" }); // the order IS created
 * sim.fault("token", { kind: "rateLimit", retryAfter: 2 });
 * ```
 */
export type Fault =
  | { kind: "latency"; ms: number }
  | { kind: "status"; status: number; body?: unknown }
  | { kind: "rateLimit"; retryAfter: number | Date }
  | { kind: "drop"; when: "before" | "after" }
  | { kind: "malformed" };

/**
 * Options of a simulator's `fault()`.
 * @group Simulator
 * @example
 * ```ts
 * const always: FaultOptions = { times: Infinity };
 * ```
 */
export interface FaultOptions {
  /** How many matching requests get the fault. Default 1; `Infinity` for all. */
  times?: number;
}

/**
 * One attempt to deliver an event (or a callback body) to a registered URL: the HTTP status the
 * URL answered, or `"error"` when the request failed. Attempt 1 is the first try; retries follow.
 * @group Simulator
 * @example
 * ```ts
 * const failed = sim.deliveries.filter((d: Delivery) => d.status !== 202);
 * ```
 */
export interface Delivery<Event = unknown> {
  callback: string;
  event: Event;
  status: number | "error";
  attempt: number;
}

/**
 * A running loopback HTTP server of a simulator.
 * @group Simulator
 * @example
 * ```ts
 * const { baseUrl, tokenUrl, close }: SimulatorServer = await sim.listen();
 * ```
 */
export interface SimulatorServer {
  /** The API root, `http://127.0.0.1:<port>` and the API's base path (e.g. `/v2`). */
  baseUrl: string;
  /** The token endpoint, `http://127.0.0.1:<port>` and the token path (e.g. `/oauth2/token`). */
  tokenUrl: string;
  /** Stops the server and closes its connections. */
  close(): Promise<void>;
}

/** @internal Where one face serves the API and its token endpoint. */
export interface SimulatorUrls {
  baseUrl: string;
  tokenUrl: string;
  /** Other roots of the API by name, for the routes whose `base` names one (an API's paths under another version). */
  bases?: Readonly<Record<string, string>>;
}

/** @internal A simulator's one web-standard handler, behind every face; `at` says where that face serves it. */
export type SimulatorHandle = (request: Request, at: SimulatorUrls) => Promise<Response>;
