// The simulator: one state and one web-standard handler, `(Request) => Promise<Response>`, served
// as MSW handlers and by a node:http server. A network failure is `Response.error()`, which
// MSW turns into a failed fetch and the HTTP server into a closed socket.
import { http, HttpResponse } from "msw";
import { ENVIRONMENTS } from "../client.js";
import { Addresses } from "./addresses.js";
import { createApi } from "./api.js";
import { TokenIssuer } from "../../core/simulator/token-issuer.js";
import { Catalogue } from "./catalogue.js";
import { Clock } from "../../core/simulator/clock.js";
import { Notifier } from "../../tmf/simulator/notifier.js";
import { Faults, type Target } from "../../core/simulator/faults.js";
import { errorResponse, HttpError } from "./http.js";
import { SIMULATOR_CREDENTIALS, type GiacomSimulator, type SimulatorOptions } from "./options.js";
import { Orders } from "./orders.js";
import { matchRoute } from "../../core/simulator/router.js";
import { readQuery } from "../../tmf/simulator/search.js";
import { defaultSeed } from "./seed.js";
import { listen } from "../../core/simulator/server.js";
import { State } from "./state.js";
import { Stock } from "./stock.js";

export interface Urls {
  baseUrl: string;
  tokenUrl: string;
}

const trim = (url: string) => url.replace(/\/+$/, "");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

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
  const urls: Urls = { baseUrl: trim(options.baseUrl ?? ENVIRONMENTS.uat.baseUrl), tokenUrl: trim(options.tokenUrl ?? ENVIRONMENTS.uat.tokenUrl) };
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
  const notifier = new Notifier(state, clock, options.events?.duplicate === true);
  const orders = new Orders(state, clock, notifier, timing, options.decideOutcome ?? (() => "completed"));
  const issuer = new TokenIssuer(clients, ttl, clock);
  const faults = new Faults();
  const api = createApi({ state, catalogue: new Catalogue(() => state), stock: new Stock(state, clock), orders, notifier, addresses: new Addresses(clock) });

  async function serveApi(request: Request, path: string): Promise<Response> {
    let response: Response;
    try {
      const matched = matchRoute(request.method, path);
      if (!matched) throw new HttpError(404, `There is no operation at ${request.method} ${path}`);
      if ("allowed" in matched) throw new HttpError(405, `${request.method} is not allowed on ${path}`, undefined, { Allow: matched.allowed.join(", ") });
      const grant = issuer.authorize(request, matched.route.security);
      response = await api[matched.route.operationId]({ request, id: matched.id ?? "", query: readQuery(new URL(request.url)), grant });
    } catch (error) {
      response = errorResponse(
        error instanceof HttpError ? error : new HttpError(500, `The simulator failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    const correlationId = request.headers.get("X-Correlation-ID");
    if (correlationId !== null) response.headers.set("X-Correlation-ID", correlationId);
    return response;
  }

  /** The one handler behind both faces; `at` says where this face serves the API and the token endpoint. */
  async function handle(request: Request, at: Urls): Promise<Response> {
    const url = new URL(request.url);
    const where = trim(`${url.origin}${url.pathname}`);
    let target: Target;
    if (where === at.tokenUrl) target = { kind: "token", method: request.method, path: "" };
    else if (where === at.baseUrl || where.startsWith(`${at.baseUrl}/`))
      target = { kind: "api", method: request.method, path: where.slice(at.baseUrl.length) || "/" };
    else return errorResponse(new HttpError(404, `${url.pathname} is not served by the simulator`));
    const act = () => (target.kind === "token" ? issuer.issue(request) : serveApi(request, target.path));
    const fault = faults.take(target);
    return fault ? faults.apply(fault, act) : act();
  }

  const handlers = [
    http.all(new RegExp(`^${escape(urls.tokenUrl)}/?$`), async ({ request }) => toMsw(await handle(request, urls))),
    http.all(new RegExp(`^${escape(urls.baseUrl)}(?:/.*)?$`), async ({ request }) => toMsw(await handle(request, urls))),
  ];

  return {
    handlers,
    listen: (listenOptions = {}) => listen(handle, listenOptions),
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

function toMsw(response: Response): Response {
  return response.type === "error" ? HttpResponse.error() : response;
}
