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

// The engine's shapes, under the same names: one declaration, documented once.
export type { Fault, FaultOptions, FaultTarget, SimulatorClient, SimulatorServer };

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
 * How long a service order (and a cancellation) stays in each state, in simulated milliseconds.
 * @group Simulator
 * @example
 * ```ts
 * const timing: SimulatorTiming = { acknowledgedMs: 10, inProgressMs: 50 };
 * ```
 */
export interface SimulatorTiming {
  /** From `acknowledged` to `inProgress`. Default 1000. */
  acknowledgedMs?: number;
  /** From `inProgress` to `completed` or `failed`. Default 3000. */
  inProgressMs?: number;
  /** From a cancellation request to the order being `cancelled`. Default 1000. */
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
  /** `manual` (default): time moves only with `advance()` and `settle()`. `real`: wall-clock timers. */
  clock?: "manual" | "real";
  /** How long orders and cancellations take. */
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
 * A stateful simulator of the Giacom Integrations API, served as MSW handlers and as a real
 * loopback HTTP server over one in-memory state.
 * @group Simulator
 * @example
 * ```ts
 * const sim: GiacomSimulator = createGiacomSimulator();
 * setupServer(...sim.handlers).listen({ onUnhandledRequest: "error" });
 * await sim.settle(); // every order placed so far has completed
 * ```
 */
export interface GiacomSimulator {
  /** MSW handlers for the API under `baseUrl`, the notifications hub under `hubBaseUrl` and the token endpoint at `tokenUrl`. */
  readonly handlers: HttpHandler[];
  /**
   * Starts a node:http server on 127.0.0.1 (port 0, a free one, by default): the API under `/v2`,
   * the notifications hub under `/v1` (where a client given the server's `baseUrl` looks for it)
   * and the token endpoint at `/oauth2/token`.
   */
  listen(options?: { port?: number }): Promise<SimulatorServer>;
  /** Moves the clock forward and runs what fell due (order changes, event deliveries and their retries). */
  advance(ms: number): Promise<void>;
  /** Runs everything scheduled until nothing is left. */
  settle(): Promise<void>;
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
