// The simulator's public shapes: its options, the object it returns, its notifications, and the
// engine's shapes of faults, deliveries and runs under the names giacom-sdk/mock uses.
import type { HttpHandler } from "msw";
import type { RunOptions } from "../../core/simulator/drive.js";
import type { SimulatorFetch } from "../../core/simulator/fetch.js";
import type { Delivery, Fault, FaultOptions, FaultTarget } from "../../core/simulator/types.js";
import type { ServiceInventoryEvent } from "../generated/events.js";
import type { Service } from "../generated/types.js";

// The engine's shapes, under the same names: one declaration, documented once.
export type { Delivery, Fault, FaultOptions, FaultTarget, RunOptions, SimulatorFetch };

/**
 * The header credentials (`client_id`, `client_secret`) the simulator accepts by default.
 * @group Simulator
 * @example
 * ```ts
 * const inventory = createServiceInventoryClient({ baseUrl: sim.baseUrl, businessId: "TT", ...SIMULATOR_CREDENTIALS, fetch: sim.fetch });
 * ```
 */
export const SIMULATOR_CREDENTIALS = Object.freeze({ clientId: "sim-client", clientSecret: "sim-secret" } as const);

/**
 * Options of {@link createServiceInventorySimulator}.
 * @group Simulator
 * @example
 * ```ts
 * const options: ServiceInventorySimulatorOptions = { notImplemented: ["PA"], clients: { "crm-portal": "portal-secret" } };
 * ```
 */
export interface ServiceInventorySimulatorOptions {
  /** The API root that `fetch` and the MSW handlers serve; its path is also where `listen()` serves the API. Default `https://simulator.example/tmf-api/serviceInventory/v4`. */
  baseUrl?: string;
  /**
   * Whether API requests need the `client_id` and `client_secret` headers of a known client
   * (a 401 otherwise). Default true; `listen({ auth })` can say otherwise for one server.
   */
  auth?: boolean;
  /** Known clients: each `client_id` with its `client_secret` (5 characters at least, as the seed says). Default `{ "sim-client": "sim-secret" }`. */
  clients?: Readonly<Record<string, string>>;
  /**
   * The business units (two upper-case letters) and the services each holds at the start.
   * Default {@link defaultInventory}: TT, BB, JM and PA.
   */
  businessUnits?: Readonly<Record<string, readonly Service[]>>;
  /** Business units the gateway answers with 501 (the seed's "not implemented" for a business id) for every operation. Default none. */
  notImplemented?: readonly string[];
  /**
   * `real` (default): the wall clock. `manual`: time moves only with `advance()`, `settle()` and
   * `run()`, so a test decides when event deliveries (and their retries 30 s apart) happen.
   */
  clock?: "real" | "manual";
  /** Delivery misbehaviour to test a listener against: each event twice, or each batch in reverse order. */
  events?: { duplicate?: boolean; reorder?: boolean };
}

/**
 * Where a test hears the simulator's events in the process, whether or not a hub is registered.
 * @group Simulator
 * @example
 * ```ts
 * const stop = sim.notifications.subscribe((e, { businessId }) => console.log(businessId, e.eventType));
 * ```
 */
export interface ServiceInventoryNotifications {
  /** Calls `listener` with every event the simulator raises, as it raises it, and the business unit it is about; returns an unsubscribe. */
  subscribe(listener: (event: ServiceInventoryEvent, meta: { businessId: string }) => void): () => void;
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
  /** Whether API requests need the header credentials. Default the simulator's `auth` option (true). */
  auth?: boolean;
}

/**
 * A running loopback HTTP server of the simulator.
 * @group Simulator
 * @example
 * ```ts
 * const { baseUrl, close }: ServiceInventoryServer = await sim.listen();
 * ```
 */
export interface ServiceInventoryServer {
  /** The API root, `http://127.0.0.1:<port>/tmf-api/serviceInventory/v4` (the base URL's path). */
  baseUrl: string;
  /** Stops the server and closes its connections. */
  close(): Promise<void>;
}

/**
 * A stateful simulator of the TMF638 v4 Service Inventory API behind the seed's business-unit
 * gateway, over one in-memory state, served three ways: as a `fetch` function, as MSW handlers
 * and as a real loopback HTTP server.
 * @group Simulator
 * @example
 * ```ts
 * const sim: ServiceInventorySimulator = createServiceInventorySimulator();
 * const answer = await sim.fetch(`${sim.baseUrl}/TT/service?serviceType=Broadband`, { headers: { client_id: "sim-client", client_secret: "sim-secret" } });
 * ```
 */
export interface ServiceInventorySimulator {
  /** The API root `fetch` and the MSW handlers serve: a client's `baseUrl` (the business unit follows it in each path). */
  readonly baseUrl: string;
  /** A `fetch` that the simulator answers in the process, for a client's `fetch` option: no MSW, no socket, nothing to close. */
  readonly fetch: SimulatorFetch;
  /** MSW handlers for the API under `baseUrl`. */
  readonly handlers: HttpHandler[];
  /**
   * Starts a node:http server on 127.0.0.1 (port 0, a free one, by default), the API under the
   * base URL's path. `auth: false` serves it without credentials, for third-party conformance tools.
   */
  listen(options?: ListenOptions): Promise<ServiceInventoryServer>;
  /** Every event the simulator raises, as it raises it (whether or not a hub is registered). */
  readonly notifications: ServiceInventoryNotifications;
  /** Moves the clock forward and runs what fell due (event deliveries and their retries). */
  advance(ms: number): Promise<void>;
  /** Runs everything scheduled until nothing is left. */
  settle(): Promise<void>;
  /** Settles like `work`, moving the clock forward while it is pending (see giacom-sdk/mock's `run`). */
  run<T>(work: PromiseLike<T>, options?: RunOptions): Promise<T>;
  /** Applies `fault` to the next `times` requests matching `target` (a path under the base URL, e.g. `/TT/service`). */
  fault(target: FaultTarget, fault: Fault, options?: FaultOptions): void;
  /** Removes every fault. */
  clearFaults(): void;
  /** The business units the simulator serves (those answering 501 included). */
  readonly businessUnits: readonly string[];
  /** A copy of the services a business unit holds now; throws for a unit the simulator does not serve. */
  services(businessId: string): Service[];
  /** Every delivery attempt to a registered listener so far, of every business unit. */
  readonly deliveries: readonly Delivery<ServiceInventoryEvent>[];
  /** Back to the start: every unit's services as seeded, no hubs, faults or deliveries. */
  reset(): void;
}
