// The Giacom simulator: one state and the core engine's one web-standard handler, given Giacom's
// route table, operations, token endpoint and error body, served as MSW handlers and by a
// node:http server.
import { Clock } from "../../core/simulator/clock.js";
import { createEngine, trimUrl } from "../../core/simulator/engine.js";
import { Faults } from "../../core/simulator/faults.js";
import { mswHandlers } from "../../core/simulator/msw.js";
import { listen } from "../../core/simulator/server.js";
import { TokenIssuer } from "../../core/simulator/token-issuer.js";
import type { SimulatorUrls } from "../../core/simulator/types.js";
import { Notifier } from "../../tmf/simulator/notifier.js";
import { readQuery } from "../../tmf/simulator/search.js";
import { ENVIRONMENTS, hubBaseFor } from "../environments.js";
import { Addresses } from "./addresses.js";
import { createApi, router } from "./api.js";
import { Catalogue } from "./catalogue.js";
import { bodyError, errorBody } from "./http.js";
import { SIMULATOR_CREDENTIALS, type GiacomSimulator, type SimulatorEvent, type SimulatorOptions } from "./options.js";
import { Orders } from "./orders.js";
import { scopes } from "../generated/scopes.js";
import { defaultSeed } from "./seed.js";
import { State } from "./state.js";
import { Stock } from "./stock.js";

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new RangeError(`createGiacomSimulator(): ${name} must be a finite number >= 0`);
  return value;
}

/**
 * Creates a stateful simulator of the Giacom Integrations API: the documented catalogue and
 * inventory, a token endpoint, searches, the service order lifecycle on a controllable clock,
 * cancellations, notifications to registered hubs (with retries), and fault injection. Serve
 * it with MSW (`sim.handlers`) or as a real HTTP server on 127.0.0.1 (`sim.listen()`).
 * @group Simulator
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * import { createGiacomClient } from "giacom-sdk";
 * import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";
 *
 * const sim = createGiacomSimulator();
 * const server = setupServer(...sim.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * const giacom = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS });
 * const order = await giacom.serviceOrders.create(draft); // "acknowledged"
 * await sim.settle(); // inProgress, then completed; the new service is in sim.services
 * ```
 */
export function createGiacomSimulator(options: SimulatorOptions = {}): GiacomSimulator {
  const baseUrl = trimUrl(options.baseUrl ?? ENVIRONMENTS.uat.baseUrl);
  const urls: SimulatorUrls = {
    baseUrl,
    tokenUrl: trimUrl(options.tokenUrl ?? ENVIRONMENTS.uat.tokenUrl),
    // The notifications hub is under its own root, where the client looks for it by default.
    bases: { hub: trimUrl(options.hubBaseUrl ?? hubBaseFor(baseUrl)) },
  };
  const timing = {
    acknowledgedMs: positive("timing.acknowledgedMs", options.timing?.acknowledgedMs, 1000),
    inProgressMs: positive("timing.inProgressMs", options.timing?.inProgressMs, 3000),
    cancelMs: positive("timing.cancelMs", options.timing?.cancelMs, 1000),
  };
  const ttl = positive("tokenTtlSeconds", options.tokenTtlSeconds, 3600);
  const clients = options.clients ?? { [SIMULATOR_CREDENTIALS.clientId]: { secret: SIMULATOR_CREDENTIALS.clientSecret } };
  const reorder = options.events?.reorder === true;

  const clock = new Clock(options.clock === "real" ? "real" : "manual", (batch) => (reorder ? [...batch].reverse() : batch));
  const state = new State(options.seed ?? defaultSeed());
  const notifier = new Notifier<SimulatorEvent>(state, clock, { duplicate: options.events?.duplicate === true, invalid: bodyError });
  const orders = new Orders(state, clock, notifier, timing, options.decideOutcome ?? (() => "completed"));
  const issuer = new TokenIssuer(clients, ttl, clock, { scopes, realm: "giacom-simulator" });
  const faults = new Faults(errorBody);
  const api = createApi({ state, catalogue: new Catalogue(() => state), stock: new Stock(state, clock), orders, notifier, addresses: new Addresses(clock) });
  const handle = createEngine({
    router,
    errorBody,
    faults,
    token: (request) => issuer.issue(request),
    serve: ({ request, route, params }) => {
      const grant = issuer.authorize(request, route.security);
      return api[route.operationId]({ request, id: params.id ?? "", query: readQuery(new URL(request.url)), grant });
    },
    echoHeaders: ["X-Correlation-ID"],
  });
  const handlers = mswHandlers(handle, urls);

  return {
    handlers,
    listen: (listenOptions = {}) => listen(handle, { ...listenOptions, basePath: "/v2", bases: { hub: "/v1" }, tokenPath: "/oauth2/token" }),
    advance: (ms) => clock.advance(ms),
    settle: () => clock.settle(),
    fault: (target, fault, faultOptions) => faults.add(target, fault, faultOptions),
    clearFaults: () => faults.clear(),
    get serviceOrders() {
      return [...state.orders.values()].map((r) => structuredClone(r.order));
    },
    get services() {
      return structuredClone(state.services);
    },
    get resources() {
      return structuredClone(state.resources);
    },
    get deliveries() {
      return structuredClone(notifier.deliveries);
    },
    reset() {
      clock.clear();
      state.reset();
      faults.clear();
      issuer.revokeAll();
      notifier.deliveries.length = 0;
    },
  };
}
