// The TMF622 simulator: one state and the core engine's web-standard handler, given the spec's
// route table, the operations, a token endpoint and the vendor's Error body, served in the
// process, as MSW handlers and by a node:http server (with or without authentication).
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
import { Notifier, querySubscription } from "../../tmf/simulator/notifier.js";
import { readQuery } from "../../tmf/simulator/search.js";
import type { ProductOrderingEvent } from "../generated/events.js";
import { createApi, router } from "./api.js";
import { errorBody, invalid } from "./http.js";
import { SIMULATOR_CREDENTIALS, type ProductOrderingSimulator, type ProductOrderingSimulatorOptions } from "./options.js";
import { Orders } from "./orders.js";
import { State } from "./state.js";

const CALLER = "createProductOrderingSimulator()";
const DEFAULT_BASE_URL = "https://simulator.example/tmf-api/productOrderingManagement/v4.0.0.1.0";

function url(name: string, value: string): string {
  if (typeof value !== "string" || !URL.canParse(value)) throw new TypeError(`${CALLER}: ${name} must be an absolute URL`);
  // The engine compares URLs as `new URL()` writes them (a lower-case host, `serverRoot` too).
  return trimUrl(new URL(value).href);
}

/**
 * Creates a stateful simulator of the TMF622 v4 Product Ordering API as the vendor documents it:
 * product orders that move through the vendor's states on the simulator's clock (by themselves
 * on the real clock, the default; step by step on the manual one) to the outcome
 * `decideOutcome` picks, a fallout staying until the test resolves it; `fields` selection,
 * filters and paging; merge-patch updates; deletion; cancellation requests; listeners (hub) that
 * get every event; the vendor's Error body for every failure; fault injection. Serve it in the
 * process (`sim.fetch`), with MSW (`sim.handlers`) or as a real HTTP server on 127.0.0.1
 * (`sim.listen()`, with `auth: false` for conformance tools).
 * @group Simulator
 * @example
 * ```ts
 * import { createProductOrderingSimulator } from "giacom-sdk/tmf622/mock";
 *
 * const sim = createProductOrderingSimulator({ auth: false });
 * const created = await sim.fetch(`${sim.baseUrl}/productOrder`, {
 *   method: "POST",
 *   headers: { "Content-Type": "application/json" },
 *   body: JSON.stringify({ productOrderItem: [{ id: "01", action: "add", productOffering: { id: "BB-100" } }] }),
 * });
 * console.log((await created.json()).state); // "acknowledged", then inProgress and completed within 0.2 s
 * ```
 */
export function createProductOrderingSimulator(options: ProductOrderingSimulatorOptions = {}): ProductOrderingSimulator {
  const baseUrl = url("baseUrl", options.baseUrl ?? DEFAULT_BASE_URL);
  const urls: SimulatorUrls = { baseUrl, tokenUrl: url("tokenUrl", options.tokenUrl ?? `${new URL(baseUrl).origin}/oauth2/token`) };
  const mode = readClockMode(CALLER, options.clock);
  // On the wall clock an order is over within 0.2 s, before a client's first poll; on the manual
  // clock time costs nothing, so the durations are seconds.
  const fast = mode === "real";
  const duration = (name: keyof NonNullable<ProductOrderingSimulatorOptions["timing"]>, real: number, manual: number) =>
    readDuration(CALLER, `timing.${name}`, options.timing?.[name], fast ? real : manual);
  const timing = {
    acknowledgedMs: duration("acknowledgedMs", 50, 1000),
    inProgressMs: duration("inProgressMs", 150, 3000),
    cancelMs: duration("cancelMs", 50, 1000),
  };
  const ttl = readDuration(CALLER, "tokenTtlSeconds", options.tokenTtlSeconds, 3600);
  const clients = options.clients ?? { [SIMULATOR_CREDENTIALS.clientId]: { secret: SIMULATOR_CREDENTIALS.clientSecret } };
  const auth = options.auth ?? true;
  if (typeof auth !== "boolean") throw new TypeError(`${CALLER}: auth must be true or false`);
  const reorder = options.events?.reorder === true;

  const clock = new Clock(mode, (batch) => (reorder ? [...batch].reverse() : batch));
  const state = new State();
  const notifier = new Notifier<ProductOrderingEvent>(state, clock, {
    duplicate: options.events?.duplicate === true,
    invalid,
    subscription: querySubscription(invalid),
    // The official listener operations answer 201; any 2xx is taken as received.
    accepted: (status) => status >= 200 && status < 300,
  });
  const orders = new Orders(state, clock, notifier, timing, options.decideOutcome ?? (() => "completed"));
  // The spec's OAuth 2.0 scheme declares no scopes: a valid token is all an operation needs.
  const issuer = new TokenIssuer(clients, ttl, clock, { scopes: [], realm: "tmf622-simulator" });
  const faults = new Faults(errorBody);
  const api = createApi(state, orders, notifier);
  const traffic = new Traffic();
  const handle = (withAuth: boolean) =>
    traffic.wrap(
      createEngine({
        router,
        errorBody,
        faults,
        token: (request) => issuer.issue(request),
        serve: ({ request, route, params, at }) => {
          if (withAuth) issuer.authorize(request, [[]]);
          const query = readQuery(new URL(request.url), { commaLists: true });
          return api[route.operationId]({ request, id: params.id ?? "", query, base: at.baseUrl });
        },
      }),
    );
  const [authenticated, open] = [handle(true), handle(false)];
  const handleFor = (withAuth: boolean) => (withAuth ? authenticated : open);
  const paths = { basePath: new URL(urls.baseUrl).pathname.replace(/\/+$/, ""), tokenPath: new URL(urls.tokenUrl).pathname };

  return {
    ...urls,
    fetch: fetchFace(handleFor(auth), urls),
    handlers: mswHandlers(handleFor(auth), urls),
    listen: ({ port, auth: serverAuth = auth } = {}) => listen(handleFor(serverAuth !== false), { ...(port === undefined ? {} : { port }), ...paths }),
    notifications: {
      subscribe: (listener) => notifier.subscribe((event) => listener(event, { duplicate: false })),
    },
    ...simulatorControls(clock, traffic, faults),
    setState: (id, to) => structuredClone(orders.setState(id, to)),
    get productOrders() {
      return [...state.orders.values()].map((r) => structuredClone(r.order));
    },
    get cancellations() {
      return [...state.cancels.values()].map((t) => structuredClone(t));
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
