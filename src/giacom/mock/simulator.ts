// The Giacom simulator: one state and the core engine's one web-standard handler, given Giacom's
// route table, operations, token endpoint and error body, served as MSW handlers and by a
// node:http server.
import { Clock } from "../../core/simulator/clock.js";
import { readClockMode, readDuration, simulatorControls } from "../../core/simulator/controls.js";
import { Traffic } from "../../core/simulator/drive.js";
import { createEngine, trimUrl } from "../../core/simulator/engine.js";
import { Faults } from "../../core/simulator/faults.js";
import { fetchFace } from "../../core/simulator/fetch.js";
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
import { apiKeySubscription, bodyError, errorBody } from "./http.js";
import { SIMULATOR_CREDENTIALS, type GiacomSimulator, type SimulatorEvent, type SimulatorOptions } from "./options.js";
import { Orders } from "./orders.js";
import { scopes } from "../generated/scopes.js";
import { defaultSeed } from "./seed.js";
import { State } from "./state.js";
import { Stock } from "./stock.js";

const CALLER = "createGiacomSimulator()";
const positive = (name: string, value: number | undefined, fallback: number) => readDuration(CALLER, name, value, fallback);

/**
 * Creates a stateful simulator of the Giacom Integrations API: the documented catalogue and
 * inventory, a token endpoint, searches, the service order lifecycle (by itself on the real
 * clock, the default; step by step on the manual one), cancellations, notifications to
 * registered hubs (with retries), and fault injection. Serve it in the process (`sim.fetch`),
 * with MSW (`sim.handlers`) or as a real HTTP server on 127.0.0.1 (`sim.listen()`).
 * @group Simulator
 * @example
 * ```ts
 * import { createGiacomClient } from "giacom-sdk";
 * import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";
 *
 * const sim = createGiacomSimulator();
 * const giacom = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS, fetch: sim.fetch });
 * const done = await giacom.serviceOrders.submit(order); // acknowledged, inProgress, completed
 * console.log(sim.services.find((s) => s.id === done.serviceOrderItem?.[0]?.service?.id)?.state); // "active"
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
  const mode = readClockMode(CALLER, options.clock);
  // On the wall clock an order is over within 0.2 s, before a client's first poll (0.5 to 1 s by
  // default); on the manual clock time costs nothing, so the durations are Giacom-like.
  const fast = mode === "real";
  const timing = {
    acknowledgedMs: positive("timing.acknowledgedMs", options.timing?.acknowledgedMs, fast ? 50 : 1000),
    inProgressMs: positive("timing.inProgressMs", options.timing?.inProgressMs, fast ? 150 : 3000),
    cancelMs: positive("timing.cancelMs", options.timing?.cancelMs, fast ? 50 : 1000),
  };
  const ttl = positive("tokenTtlSeconds", options.tokenTtlSeconds, 3600);
  const clients = options.clients ?? { [SIMULATOR_CREDENTIALS.clientId]: { secret: SIMULATOR_CREDENTIALS.clientSecret } };
  const reorder = options.events?.reorder === true;

  const clock = new Clock(mode, (batch) => (reorder ? [...batch].reverse() : batch));
  const state = new State(options.seed ?? defaultSeed());
  const notifier = new Notifier<SimulatorEvent>(state, clock, {
    duplicate: options.events?.duplicate === true,
    invalid: bodyError,
    subscription: apiKeySubscription,
  });
  const orders = new Orders(state, clock, notifier, timing, options.decideOutcome ?? (() => "completed"));
  const issuer = new TokenIssuer(clients, ttl, clock, { scopes, realm: "giacom-simulator" });
  const faults = new Faults(errorBody);
  const api = createApi({ state, catalogue: new Catalogue(() => state), stock: new Stock(state, clock), orders, notifier, addresses: new Addresses(clock) });
  const traffic = new Traffic();
  const handle = traffic.wrap(
    createEngine({
      router,
      errorBody,
      faults,
      token: (request) => issuer.issue(request),
      serve: ({ request, route, params }) => {
        const grant = issuer.authorize(request, route.security);
        return api[route.operationId]({ request, id: params.id ?? "", query: readQuery(new URL(request.url)), grant });
      },
      echoHeaders: ["X-Correlation-ID"],
    }),
  );
  const handlers = mswHandlers(handle, urls);
  const notifications = {
    subscribe: (listener: (event: SimulatorEvent, meta: { duplicate: boolean }) => void) => notifier.subscribe((e) => listener(e, { duplicate: false })),
  };

  return {
    fetch: fetchFace(handle, urls),
    handlers,
    listen: (listenOptions = {}) => listen(handle, { ...listenOptions, basePath: "/v2", bases: { hub: "/v1" }, tokenPath: "/oauth2/token" }),
    notifications,
    ...simulatorControls(clock, traffic, faults),
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
