// The simulator's public shapes: its options, the object it returns, its notifications, and the
// engine's shapes of faults, clients, deliveries and servers under the names giacom-sdk/mock uses.
import type { HttpHandler } from "msw";
import type { RunOptions } from "../../core/simulator/drive.js";
import type { SimulatorFetch } from "../../core/simulator/fetch.js";
import type { Delivery, Fault, FaultOptions, FaultTarget, SimulatorClient, SimulatorServer } from "../../core/simulator/types.js";
import type { ProductOrderingEvent } from "../generated/events.js";
import type { CancelProductOrder, ProductOrder, ProductOrderState } from "../generated/types.js";

// The engine's shapes, under the same names: one declaration, documented once.
export type { Delivery, Fault, FaultOptions, FaultTarget, RunOptions, SimulatorClient, SimulatorFetch, SimulatorServer };

/**
 * The client the simulator's token endpoint accepts by default.
 * @group Simulator
 * @example
 * ```ts
 * const client = createProductOrderingClient({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, credentials: SIMULATOR_CREDENTIALS, fetch: sim.fetch });
 * ```
 */
export const SIMULATOR_CREDENTIALS = Object.freeze({ clientId: "sim-client", clientSecret: "sim-secret" } as const);

/**
 * Where a product order goes when it leaves `acknowledged`: `rejected` at once, or `inProgress`
 * and then this state. `completed`, `failed` and `partial` are final; any other outcome (a
 * fallout, `held`, `pending`, `amending`, a `.suspended` state, or `inProgress` itself) stays
 * until the test moves the order on with `sim.setState()`. Cancellation states come only from
 * a cancellation request.
 * @group Simulator
 * @example
 * ```ts
 * const outcome = (order: ProductOrder): ProductOrderOutcome => (order.externalId === "fallout" ? "inProgress.fallout" : "completed");
 * ```
 */
export type ProductOrderOutcome = Exclude<ProductOrderState, "acknowledged" | "cancelled" | "assessingCancellation" | `pendingCancellation${string}`>;

/**
 * How long a product order (and a cancellation) stays in each state, in milliseconds of the
 * simulator's clock. On the real clock (the default) an order is over within 0.2 s, so that
 * tests and demos do not wait; on the manual clock, where time costs nothing, they are seconds.
 * @group Simulator
 * @example
 * ```ts
 * const timing: ProductOrderingSimulatorTiming = { acknowledgedMs: 10, inProgressMs: 50 };
 * ```
 */
export interface ProductOrderingSimulatorTiming {
  /** From `acknowledged` to `inProgress` (or `rejected`). Default 50 on the real clock, 1000 on the manual clock. */
  acknowledgedMs?: number;
  /** From `inProgress` to the outcome. Default 150 on the real clock, 3000 on the manual clock. */
  inProgressMs?: number;
  /** From a cancellation request being under way to the order being `cancelled`. Default 50 on the real clock, 1000 on the manual clock. */
  cancelMs?: number;
}

/**
 * Options of {@link createProductOrderingSimulator}.
 * @group Simulator
 * @example
 * ```ts
 * const options: ProductOrderingSimulatorOptions = { clock: "manual", decideOutcome: (o) => (o.externalId === "fail-me" ? "failed" : "completed") };
 * ```
 */
export interface ProductOrderingSimulatorOptions {
  /**
   * The API root that `fetch` and the MSW handlers serve; its path is also where `listen()`
   * serves the API. Default `https://simulator.example/tmf-api/productOrderingManagement/v4.0.0.1.0`.
   */
  baseUrl?: string;
  /** The token URL that `fetch` and the MSW handlers serve; its path is also `listen()`'s. Default `/oauth2/token` on the base URL's origin. */
  tokenUrl?: string;
  /**
   * Whether API requests need a bearer token from the token endpoint (OAuth 2.0 client
   * credentials; the vendor documents no authentication). Default true; `listen({ auth })` can
   * say otherwise for one server.
   */
  auth?: boolean;
  /** Known clients by client id. Default `{ "sim-client": { secret: "sim-secret" } }`. */
  clients?: Record<string, SimulatorClient>;
  /** Lifetime of issued tokens on the simulator's clock. Default 3600. */
  tokenTtlSeconds?: number;
  /**
   * `real` (default): the wall clock. Orders move through their states by themselves, within
   * 0.2 s with the default `timing`. `manual`: time moves only with `advance()`, `settle()` and
   * `run()`, so a test decides when each change happens.
   */
  clock?: "real" | "manual";
  /** How long orders and cancellations take; the defaults depend on the clock. */
  timing?: ProductOrderingSimulatorTiming;
  /** Where an order goes when it leaves `acknowledged` (given a copy of it then). Default `completed`. */
  decideOutcome?: (order: ProductOrder) => ProductOrderOutcome;
  /** Delivery misbehaviour to test a listener against: each event twice, or each batch in reverse order. */
  events?: { duplicate?: boolean; reorder?: boolean };
}

/**
 * Where a client hears the simulator's events: `subscribe` as a client's `notifications` option
 * takes it.
 * @group Simulator
 * @example
 * ```ts
 * const stop = sim.notifications.subscribe((e) => console.log(e.eventType));
 * ```
 */
export interface ProductOrderingNotifications {
  /** Calls `listener` with every event the simulator raises, as it raises it; returns an unsubscribe. */
  subscribe(listener: (event: ProductOrderingEvent, meta: { duplicate: boolean }) => void): () => void;
}

/**
 * Options of a simulator's `listen()`.
 * @group Simulator
 * @example
 * ```ts
 * const open = await sim.listen({ auth: false } satisfies ListenOptions); // for a conformance tool
 * ```
 */
export interface ListenOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Whether API requests need a bearer token. Default the simulator's `auth` option (true). */
  auth?: boolean;
}

/**
 * A stateful simulator of the TMF622 v4 Product Ordering API (the vendor's profile) over one
 * in-memory state, served three ways: as a `fetch` function, as MSW handlers and as a real
 * loopback HTTP server.
 * @group Simulator
 * @example
 * ```ts
 * const sim: ProductOrderingSimulator = createProductOrderingSimulator({ clock: "manual" });
 * const client = createProductOrderingClient({ baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, credentials: SIMULATOR_CREDENTIALS, fetch: sim.fetch, notifications: sim.notifications });
 * const created = await client.productOrders.create(order);
 * const done = await sim.run(client.productOrders.track(created.id!)); // the clock moves until the order is over
 * ```
 */
export interface ProductOrderingSimulator {
  /** The API root `fetch` and the MSW handlers serve: a client's `baseUrl`. */
  readonly baseUrl: string;
  /** The token endpoint `fetch` and the MSW handlers serve. */
  readonly tokenUrl: string;
  /**
   * A `fetch` that the simulator answers in the process, for a client's `fetch` option: no MSW,
   * no socket, nothing to close. It serves the same URLs as the MSW handlers.
   */
  readonly fetch: SimulatorFetch;
  /** MSW handlers for the API under `baseUrl` and the token endpoint at `tokenUrl`. */
  readonly handlers: HttpHandler[];
  /**
   * Starts a node:http server on 127.0.0.1 (port 0, a free one, by default), the API under the
   * base URL's path. `auth: false` serves it without credentials, for third-party conformance tools.
   */
  listen(options?: ListenOptions): Promise<SimulatorServer>;
  /**
   * Every event the simulator raises, as it raises it (whether or not a hub is registered), for
   * a client's `notifications` option: order handles then wake on each change instead of waiting
   * for their next poll.
   */
  readonly notifications: ProductOrderingNotifications;
  /** Moves the clock forward and runs what fell due (order changes, event deliveries and their retries). */
  advance(ms: number): Promise<void>;
  /** Runs everything scheduled until nothing is left. */
  settle(): Promise<void>;
  /**
   * Settles like `work` (a promise, or an order handle), moving the clock forward while it is
   * pending: it lets the requests `work` makes land, then moves the clock to the next change
   * that falls due (or by `step`), and again, until `work` settles. Rejects with an error saying
   * how far the clock went when `work` is still pending after `limit` (default 24 hours) of
   * simulated time.
   */
  run<T>(work: PromiseLike<T>, options?: RunOptions): Promise<T>;
  /** Applies `fault` to the next `times` requests matching `target` (a path under the base URL, e.g. `/productOrder`). */
  fault(target: FaultTarget, fault: Fault, options?: FaultOptions): void;
  /** Removes every fault. */
  clearFaults(): void;
  /**
   * Puts an order in `state` now (its items follow), stopping what was scheduled for it, and
   * raises the state change: how a test resolves a fallout, or drives any of the 21 states.
   * Returns a copy of the order; throws for an unknown order or state.
   */
  setState(id: string, state: ProductOrderState): ProductOrder;
  /** A copy of every product order. */
  readonly productOrders: readonly ProductOrder[];
  /** A copy of every cancellation request. */
  readonly cancellations: readonly CancelProductOrder[];
  /** Every delivery attempt to a registered listener so far. */
  readonly deliveries: readonly Delivery<ProductOrderingEvent>[];
  /** Back to the start: no orders, cancellations, hubs, faults or deliveries, and every token revoked. */
  reset(): void;
}
