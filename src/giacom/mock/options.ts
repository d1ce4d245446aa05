// The simulator's public shapes: its options, the object it returns, its events and deliveries,
// and the engine's shapes of faults, clients and servers.
import type { HttpHandler } from "msw";
import type {
  CancelServiceOrderCreateEvent,
  CancelServiceOrderStateChangeEvent,
  EventEnvelope,
  Resource,
  Service,
  ServiceAttributeValueChangeEvent,
  ServiceCreateEvent,
  ServiceOrder,
  ServiceOrderAttributeValueChangeEvent,
  ServiceOrderCreateEvent,
  ServiceOrderStateChangeEvent,
  ServiceStateChangeEvent,
} from "../types.js";
import type { SimulatorSeed } from "./seed.js";
import type { Fault, FaultOptions, FaultTarget, SimulatorClient, SimulatorServer } from "../../core/simulator/types.js";
import type { RunOptions } from "../../core/simulator/drive.js";
import type { SimulatorFetch } from "../../core/simulator/fetch.js";

// The engine's shapes, under the same names: one declaration, documented once.
export type { Fault, FaultOptions, FaultTarget, RunOptions, SimulatorClient, SimulatorFetch, SimulatorServer };

/**
 * The client the simulator accepts by default, with every scope.
 * @group Simulator
 * @example
 * ```ts
 * const giacom = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS });
 * ```
 */
export const SIMULATOR_CREDENTIALS = Object.freeze({ clientId: "sim-client", clientSecret: "sim-secret" } as const);

/**
 * How long a service order (and a cancellation) stays in each state, in milliseconds of the
 * simulator's clock. The defaults depend on the clock: on the real clock an order is over within
 * 0.2 s, so that tests and demos do not wait; on the manual clock, where time costs nothing,
 * they are Giacom-like seconds.
 * @group Simulator
 * @example
 * ```ts
 * const timing: SimulatorTiming = { acknowledgedMs: 10, inProgressMs: 50 };
 * ```
 */
export interface SimulatorTiming {
  /** From `acknowledged` to `inProgress`. Default 50 on the real clock, 1000 on the manual clock. */
  acknowledgedMs?: number;
  /** From `inProgress` to `completed` or `failed`. Default 150 on the real clock, 3000 on the manual clock. */
  inProgressMs?: number;
  /** From a cancellation request to the order being `cancelled`. Default 50 on the real clock, 1000 on the manual clock. */
  cancelMs?: number;
}

/**
 * Options of {@link createGiacomSimulator}.
 * @group Simulator
 * @example
 * ```ts
 * const options: SimulatorOptions = { clock: "manual", decideOutcome: (o) => (o.externalReference?.[0]?.id === "fail-me" ? "failed" : "completed") };
 * ```
 */
export interface SimulatorOptions {
  /** The catalogue and inventory at the start (and after `reset()`). Default `defaultSeed()`. */
  seed?: SimulatorSeed;
  /** The API root the MSW handlers intercept. Default the UAT base URL. */
  baseUrl?: string;
  /**
   * The root of the notifications hub the MSW handlers intercept. Default, as the client's:
   * `baseUrl` with its final `/v2` replaced by `/v1` (the UAT hub URL by default).
   */
  hubBaseUrl?: string;
  /** The token URL the MSW handlers intercept. Default the UAT token URL. */
  tokenUrl?: string;
  /** Known clients by client id. Default `{ "sim-client": { secret: "sim-secret" } }` with every scope. */
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
  timing?: SimulatorTiming;
  /** Whether an accepted order ends `completed` (default) or `failed`. */
  decideOutcome?: (order: ServiceOrder) => "completed" | "failed";
  /** Delivery misbehaviour Giacom documents: each event twice, or batches in reverse order. */
  events?: { duplicate?: boolean; reorder?: boolean };
}

/**
 * An event the simulator sends to registered hub callbacks. It always has the four envelope
 * fields, which the contract leaves optional.
 * @group Simulator
 * @example
 * ```ts
 * const orderState = (e: SimulatorEvent) => (e.eventType === "ServiceOrderStateChangeEvent" ? e.event.ServiceOrder?.state : undefined);
 * ```
 */
export type SimulatorEvent = (
  | ServiceOrderCreateEvent
  | ServiceOrderStateChangeEvent
  | ServiceOrderAttributeValueChangeEvent
  | CancelServiceOrderCreateEvent
  | CancelServiceOrderStateChangeEvent
  | ServiceCreateEvent
  | ServiceStateChangeEvent
  | ServiceAttributeValueChangeEvent
) &
  Required<Pick<EventEnvelope, "eventId" | "eventTime" | "eventType" | "event">>;

/**
 * One attempt to deliver an event to a hub callback: the HTTP status the callback answered,
 * or `"error"` when the request failed. Attempt 1 is the first try; up to 3 retries follow.
 * @group Simulator
 * @example
 * ```ts
 * const failed = sim.deliveries.filter((d: Delivery) => d.status !== 202);
 * ```
 */
export interface Delivery {
  callback: string;
  event: SimulatorEvent;
  status: number | "error";
  attempt: number;
}

/**
 * Where a client hears the simulator's events: `subscribe` as a client's `notifications` option
 * takes it.
 * @group Simulator
 * @example
 * ```ts
 * const events: SimulatorNotifications = sim.notifications;
 * const stop = events.subscribe((e) => console.log(e.eventType));
 * ```
 */
export interface SimulatorNotifications {
  /** Calls `listener` with every event the simulator raises, as it raises it; returns an unsubscribe. */
  subscribe(listener: (event: SimulatorEvent, meta: { duplicate: boolean }) => void): () => void;
}

/**
 * A stateful simulator of the Giacom Integrations API over one in-memory state, served three
 * ways: as a `fetch` function, as MSW handlers and as a real loopback HTTP server.
 * @group Simulator
 * @example
 * ```ts
 * const sim: GiacomSimulator = createGiacomSimulator({ clock: "manual" });
 * const giacom = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS, fetch: sim.fetch, notifications: sim.notifications });
 * const done = await sim.run(giacom.serviceOrders.submit(order)); // the clock moves until the order is over
 * ```
 */
export interface GiacomSimulator {
  /**
   * A `fetch` that the simulator answers in the process, for a client's `fetch` option: no MSW,
   * no socket, nothing to close. It serves the same URLs as the MSW handlers.
   */
  readonly fetch: SimulatorFetch;
  /** MSW handlers for the API under `baseUrl`, the notifications hub under `hubBaseUrl` and the token endpoint at `tokenUrl`. */
  readonly handlers: HttpHandler[];
  /**
   * Starts a node:http server on 127.0.0.1 (port 0, a free one, by default): the API under `/v2`,
   * the notifications hub under `/v1` (where a client given the server's `baseUrl` looks for it)
   * and the token endpoint at `/oauth2/token`.
   */
  listen(options?: { port?: number }): Promise<SimulatorServer>;
  /**
   * Every event the simulator raises, as it raises it (whether or not a hub is registered), for
   * a client's `notifications` option: order handles then wake on each change instead of waiting
   * for their next poll.
   */
  readonly notifications: SimulatorNotifications;
  /** Moves the clock forward and runs what fell due (order changes, event deliveries and their retries). */
  advance(ms: number): Promise<void>;
  /** Runs everything scheduled until nothing is left. */
  settle(): Promise<void>;
  /**
   * Settles like `work` (a promise, or an order handle), moving the clock forward while it is
   * pending: it lets the requests `work` makes land, then moves the clock to the next change
   * that falls due (or by `step`), and again, until `work` settles. Code that awaits `submit()`
   * can so be tested on the manual clock without real waiting; give the client
   * `notifications: sim.notifications`, or it sees each change only at its next poll (real
   * time). Rejects with an error saying how far the clock went when `work` is still pending
   * after `limit` (default 24 hours) of simulated time.
   */
  run<T>(work: PromiseLike<T>, options?: RunOptions): Promise<T>;
  /** Applies `fault` to the next `times` requests matching `target`. */
  fault(target: FaultTarget, fault: Fault, options?: FaultOptions): void;
  /** Removes every fault. */
  clearFaults(): void;
  /** A copy of every service order. */
  readonly serviceOrders: readonly ServiceOrder[];
  /** A copy of every service. */
  readonly services: readonly Service[];
  /** A copy of every resource (stock unit). */
  readonly resources: readonly Resource[];
  /** Every delivery attempt so far. */
  readonly deliveries: readonly Delivery[];
  /** Back to the seed: no orders, hubs, faults or deliveries, and every token revoked. */
  reset(): void;
}
