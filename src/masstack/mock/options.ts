// The simulator's public shapes: its options, the object it returns, its records (services,
// workflows, callback attempts), its faults, and the engine's shapes under the names the other
// simulators use.
import type { HttpHandler } from "msw";
import type { RunOptions } from "../../core/simulator/drive.js";
import type { SimulatorFetch } from "../../core/simulator/fetch.js";
import type { ServiceAccountKey, SimulatorServiceAccount } from "../../core/simulator/jwt-bearer.js";
import type { Fault, FaultOptions, FaultTarget, SimulatorServer } from "../../core/simulator/types.js";
import type { CallbackBodies } from "../generated/callbacks.js";
import type { operations } from "../generated/masstack.js";
import type { BarringUpdate, Promotion, ServiceDeviceUpdate, ServiceType } from "../generated/types.js";

// The engine's shapes, under the same names: one declaration, documented once.
export type { Fault, FaultOptions, FaultTarget, RunOptions, ServiceAccountKey, SimulatorFetch, SimulatorServer, SimulatorServiceAccount };

/**
 * An operation of the MasStack API, by its operationId in spec/masstack.openapi.yaml.
 * @group Simulator
 * @example
 * ```ts
 * const target: MasStackOperationId = "createService";
 * ```
 * @useDeclaredType
 */
export type MasStackOperationId = keyof operations & string;

/**
 * The operations answered by a callback: the outcome is POSTed to one of the request's two URLs.
 * @group Simulator
 * @example
 * ```ts
 * const async: AsyncOperationId = "updateBarring";
 * ```
 * @useDeclaredType
 */
export type AsyncOperationId = keyof CallbackBodies;

/**
 * A device of a simulated service: its category and details, as the last device update gave them.
 * @group Simulator
 * @example
 * ```ts
 * const esim: SimulatedDevice = { category: "eSIM", details: { iccid: "8934011411551283000", eid: "89033023312170000000000000000000" } };
 * ```
 */
export interface SimulatedDevice {
  category: ServiceDeviceUpdate["category"];
  details: Record<string, unknown>;
}

/**
 * A billing movement the simulator holds: the id it answered and the body it was created with
 * (identifiers as strings), with the changes of later updates merged in.
 * @group Simulator
 * @example
 * ```ts
 * const billed = (m: SimulatedMovement) => m.subscribable && m.body.billable === true;
 * ```
 */
export interface SimulatedMovement {
  movement_id: string;
  /** Created by `createMovement` (true) or `createNonSubscribableMovement` (false). */
  subscribable: boolean;
  body: Record<string, unknown>;
}

/**
 * A refund the simulator holds: the id it answered and the body it was created with.
 * @group Simulator
 * @example
 * ```ts
 * const of = (r: SimulatedRefund) => r.body.movement_id;
 * ```
 */
export interface SimulatedRefund {
  refund_id: string;
  subscribable: boolean;
  body: Record<string, unknown>;
}

/**
 * A promotion activated on a service: the id the activation answered and the catalogue
 * promotion, its `deactivation_date` as the last update set it.
 * @group Simulator
 * @example
 * ```ts
 * const ends = (p: SimulatedPromotion) => p.promotion.deactivation_date;
 * ```
 */
export interface SimulatedPromotion {
  promotion_id: string;
  promotion: Promotion;
}

/**
 * A service as the simulator holds it.
 * @group Simulator
 * @example
 * ```ts
 * const roamingBarred = (s: SimulatedService) => s.barrings.includes("ROAMING");
 * ```
 */
export interface SimulatedService {
  service_type: ServiceType;
  service_id: string;
  /** What the barring detail answers as `subscriptionId`: the service id when it is a safe integer, else one the simulator gives. */
  subscriptionId: number;
  service_details: Record<string, unknown>;
  /** By device id. */
  devices: Record<string, SimulatedDevice>;
  /** The barrings set with `barring_name` (and not unset since). */
  barrings: BarringUpdate["barring_name"][];
  /** Barring mask codes applied by the operator (e.g. `DEBT_MOBILE_LP`), shown in the barring detail before the barrings' own. */
  maskCodes: string[];
  /** By movement id. */
  movements: Record<string, SimulatedMovement>;
  /** By refund id. */
  refunds: Record<string, SimulatedRefund>;
  /** By the promotion id the activation answered. */
  promotions: Record<string, SimulatedPromotion>;
  /** Set when a device insurance was terminated. */
  terminated?: { reason: string; deactivation_date: string };
}

/**
 * A service the simulator holds at the start (its `services` option).
 * @group Simulator
 * @example
 * ```ts
 * const line: SimulatedServiceSeed = { service_type: "mobile", service_id: "612000001", barrings: ["ROAMING"], maskCodes: ["DEBT_MOBILE_LP"] };
 * ```
 */
export interface SimulatedServiceSeed {
  service_type: ServiceType;
  service_id: string;
  service_details?: Record<string, unknown>;
  devices?: Record<string, SimulatedDevice>;
  barrings?: BarringUpdate["barring_name"][];
  maskCodes?: string[];
}

/**
 * An asynchronous request the simulator accepted (202), and where it is: `pending` until its
 * callback is due, then `succeeded` or `failed` (the error callback).
 * @group Simulator
 * @example
 * ```ts
 * const open = sim.workflows.filter((w: SimulatorWorkflow) => w.state === "pending");
 * ```
 */
export interface SimulatorWorkflow {
  /** The request's Request-Correlation-Id, or the one the simulator generated when it had none. */
  workflowId: string;
  /** Whether the simulator generated `workflowId` (the request carried no Request-Correlation-Id). */
  generated: boolean;
  operationId: AsyncOperationId;
  service_type: ServiceType;
  service_id: string;
  state: "pending" | "succeeded" | "failed";
  callback_success_url: string;
  callback_error_url: string;
}

/**
 * One attempt to deliver a callback: where, for which workflow, which outcome, the body (its
 * identifiers as strings) and the exact JSON text sent (where an all-digit `service_id` is a bare
 * number, as MasStack's example writes it), and what the URL answered (`"error"` when the request
 * failed). Attempt 1 is the first try; retries follow 30 s apart on the simulator's clock.
 * @group Simulator
 * @example
 * ```ts
 * const failed = sim.deliveries.filter((d: CallbackAttempt) => d.status !== 200);
 * ```
 */
export interface CallbackAttempt {
  url: string;
  workflowId: string;
  outcome: "success" | "error";
  operationId: AsyncOperationId;
  body: Record<string, unknown>;
  text: string;
  status: number | "error";
  attempt: number;
}

/**
 * What goes wrong with the callbacks of the next matching asynchronous requests, or with the
 * workflow id check:
 * - `callbackLost`: the request is carried out, its callback never sent;
 * - `callbackDuplicated`: the callback is sent twice;
 * - `callbackDelayed`: the callback is sent `ms` (simulated) later than it would be;
 * - `errorOutcome`: the request fails: nothing changes and the error callback is sent, with
 *   `code` and `title` (default `SERVICE_OPERATION_FAILED` or `BARRING_UPDATE_FAILED` and a
 *   title saying it is injected);
 * - `duplicateWorkflow`: the request is answered 406 `DUPLICATE_WORKFLOW_ID` although its id
 *   is new; with `accept: true` the request IS accepted (and its id remembered) but its answer
 *   is lost: the connection dropped (`answer: "drop"`) or a 5xx (`answer`, default 500), so a
 *   client that resends it gets the real 406.
 * @group Simulator
 * @example
 * ```ts
 * sim.fault({ operationId: "createService" }, { kind: "duplicateWorkflow", accept: true, answer: 503 });
 * sim.fault({ operationId: "updateBarring" }, { kind: "errorOutcome", code: "BARRING_NOT_ALLOWED", title: "Barring not allowed" });
 * ```
 */
export type CallbackFault =
  | { kind: "callbackLost" }
  | { kind: "callbackDuplicated" }
  | { kind: "callbackDelayed"; ms: number }
  | { kind: "errorOutcome"; code?: string; title?: string }
  | { kind: "duplicateWorkflow"; accept?: false }
  | { kind: "duplicateWorkflow"; accept: true; answer?: "drop" | number };

/**
 * Which requests a fault applies to: the token endpoint, requests whose path under the base URL
 * (e.g. `/mobile/612123456/barrings`) equals the string or matches the expression, or every
 * request of an operation.
 * @group Simulator
 * @example
 * ```ts
 * const creations: MasStackFaultTarget = { operationId: "createService" };
 * const anyBarring: MasStackFaultTarget = { method: "PATCH", path: /\/barrings$/ };
 * ```
 */
export type MasStackFaultTarget = FaultTarget | { operationId: MasStackOperationId };

/**
 * Options of {@link createMasStackSimulator}.
 * @group Simulator
 * @example
 * ```ts
 * const options: MasStackSimulatorOptions = { clock: "manual", callbackDelayMs: 5_000, callbackFetch: (url, init) => receiver.handle(new Request(url, init)) };
 * ```
 */
export interface MasStackSimulatorOptions {
  /** The API root that `fetch` and the MSW handlers serve; its path is also where `listen()` serves the API. Default `https://partners.sta.masstack.com/v3` (staging). */
  baseUrl?: string;
  /** The token endpoint that `fetch` and the MSW handlers serve; its path is also `listen()`'s. Default `/oauth2/token` on the base URL's origin (MasStack documents none). */
  tokenUrl?: string;
  /**
   * Whether API requests need a bearer token from the token endpoint (a JWT bearer grant signed
   * with a service account's key). Default true; `listen({ auth })` can say otherwise for one server.
   */
  auth?: boolean;
  /** Service accounts whose assertions the token endpoint accepts; more with `createServiceAccount()`. Default none. */
  serviceAccounts?: readonly SimulatorServiceAccount[];
  /** Lifetime of issued access tokens on the simulator's clock, in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /**
   * `real` (default): the wall clock; callbacks come by themselves. `manual`: time moves only
   * with `advance()`, `settle()` and `run()`, so a test decides when each callback is sent.
   */
  clock?: "real" | "manual";
  /** How long after its 202 an asynchronous request is carried out and its callback sent, on the simulator's clock. Default 100 ms on the real clock, 2 s on the manual one. */
  callbackDelayMs?: number;
  /**
   * What sends the callbacks. Default the global `fetch` (of the moment: MSW may intercept it);
   * give an in-process receiver's handler to deliver without a socket, e.g.
   * `(url, init) => receiver.handle(new Request(url, init))`. A 200 answer means taken; any
   * other answer, or a failure, is retried 3 times, 30 s apart.
   */
  callbackFetch?: (url: string, init: RequestInit) => Promise<Response>;
  /**
   * The services the simulator holds at the start. Default {@link defaultServices}: multisim
   * `600000000` (the seed's callback example), mobile `612123456` (the public pages' curl lines,
   * barred for debt: `DEBT_MOBILE_LP`), tv `600000002` and deviceinsurance `3500038700026229`
   * (the public Subscription page's curl). A creation without a `service_id` gets the next free
   * one from `600000001`.
   */
  services?: readonly SimulatedServiceSeed[];
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
 * A stateful simulator of the MasStack Partners API V3 over one in-memory state, served three
 * ways: as a `fetch` function, as MSW handlers and as a real loopback HTTP server. Its token
 * endpoint takes JWT bearer assertions signed with a service account's key.
 * @group Simulator
 * @example
 * ```ts
 * const sim: MasStackSimulator = createMasStackSimulator({ clock: "manual" });
 * const key = await sim.createServiceAccount(); // for the client's serviceAccount option
 * await sim.advance(2_000); // the callbacks of what was accepted so far are sent
 * ```
 */
export interface MasStackSimulator {
  /** The API root `fetch` and the MSW handlers serve: a client's `baseUrl`. */
  readonly baseUrl: string;
  /** The token endpoint `fetch` and the MSW handlers serve (the `aud` of assertions sent to them). */
  readonly tokenUrl: string;
  /** A `fetch` that the simulator answers in the process, for a client's `fetch` option: no MSW, no socket, nothing to close. */
  readonly fetch: SimulatorFetch;
  /** MSW handlers for the API under `baseUrl` and the token endpoint at `tokenUrl`. */
  readonly handlers: HttpHandler[];
  /**
   * Starts a node:http server on 127.0.0.1 (port 0, a free one, by default), the API under the
   * base URL's path and the token endpoint under the token URL's. `auth: false` serves the API
   * without tokens, for third-party conformance tools.
   */
  listen(options?: ListenOptions): Promise<SimulatorServer>;
  /**
   * A new service account: an RSA-2048 key pair made with Web Crypto, its public key registered
   * with the token endpoint, its key file returned (`token_uri` is {@link MasStackSimulator.tokenUrl};
   * give a client the server's `tokenUrl` instead when it calls a `listen()` server).
   */
  createServiceAccount(): Promise<ServiceAccountKey>;
  /** Moves the clock forward and runs what fell due (workflows, callbacks and their retries). */
  advance(ms: number): Promise<void>;
  /** Runs everything scheduled until nothing is left. */
  settle(): Promise<void>;
  /**
   * Settles like `work`, moving the clock forward while it is pending: it lets the requests
   * `work` makes land, then moves the clock to the next thing due (or by `step`), and again,
   * until `work` settles. Rejects when `work` is still pending after `limit` (default 24 hours)
   * of simulated time.
   */
  run<T>(work: PromiseLike<T>, options?: RunOptions): Promise<T>;
  /**
   * Applies `fault` to the next `times` requests matching `target`: a network or gateway fault
   * (latency, status, rate limit, dropped connection, malformed body) or a {@link CallbackFault}
   * (API requests only).
   */
  fault(target: MasStackFaultTarget, fault: Fault | CallbackFault, options?: FaultOptions): void;
  /** Removes every fault. */
  clearFaults(): void;
  /** A copy of every service, of every type. */
  readonly services: readonly SimulatedService[];
  /** A copy of one service, or undefined when the simulator holds none of that type and id. */
  service(type: ServiceType, id: string): SimulatedService | undefined;
  /** A copy of every asynchronous request accepted so far. */
  readonly workflows: readonly SimulatorWorkflow[];
  /** Every attempt to deliver a callback so far. */
  readonly deliveries: readonly CallbackAttempt[];
  /**
   * Back to the start: the services as seeded, no workflows, workflow ids, faults or deliveries,
   * every token revoked. The service accounts stay registered.
   */
  reset(): void;
}
