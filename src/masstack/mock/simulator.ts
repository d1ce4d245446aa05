// The MasStack simulator: one state and the core engine's web-standard handler, given the spec's
// route table, the operations, a token endpoint taking JWT bearer assertions, the workflow id
// rule (406) and the `{ code, title }` error body, served in the process, as MSW handlers and by
// a node:http server (with or without tokens). Accepted asynchronous requests end in callbacks
// to the URLs they carry, on the simulator's clock.
import { Clock } from "../../core/simulator/clock.js";
import { readClockMode, readDuration, simulatorControls } from "../../core/simulator/controls.js";
import { Traffic } from "../../core/simulator/drive.js";
import { createEngine, trimUrl } from "../../core/simulator/engine.js";
import { Faults } from "../../core/simulator/faults.js";
import { fetchFace } from "../../core/simulator/fetch.js";
import { errorResponse, HttpError } from "../../core/simulator/http.js";
import { JwtBearerVerifier, ServiceAccounts } from "../../core/simulator/jwt-bearer.js";
import { mswHandlers } from "../../core/simulator/msw.js";
import { listen } from "../../core/simulator/server.js";
import { TokenIssuer } from "../../core/simulator/token-issuer.js";
import type { SimulatorUrls } from "../../core/simulator/types.js";
import type { ServiceType } from "../generated/types.js";
import { createApi, router } from "./api.js";
import { SERVICE_TYPES } from "./body.js";
import { ASYNC, CallbackFaults, isCallbackFault, operationTarget } from "./faults.js";
import { duplicateWorkflow, errorBody, invalid, MISSING_CREDENTIALS } from "./http.js";
import type { MasStackSimulator, MasStackSimulatorOptions } from "./options.js";
import { defaultServices } from "./seed.js";
import { State } from "./state.js";
import { Workflows } from "./workflows.js";

const CALLER = "createMasStackSimulator()";
/** MasStack's staging root, from its public pages' curl lines. */
const DEFAULT_BASE_URL = "https://partners.sta.masstack.com/v3";
const CORRELATION = "Request-Correlation-Id";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function url(name: string, value: string): string {
  if (typeof value !== "string" || !URL.canParse(value)) throw new TypeError(`${CALLER}: ${name} must be an absolute URL`);
  // The engine compares URLs as `new URL()` writes them (a lower-case host).
  return trimUrl(new URL(value).href);
}

function readSeed(value: unknown): MasStackSimulatorOptions["services"] & object {
  if (!Array.isArray(value)) throw new TypeError(`${CALLER}: services must be a list of { service_type, service_id, ... }`);
  const seen = new Set<string>();
  value.forEach((s: unknown, i) => {
    const { service_type: type, service_id: id } = (s ?? {}) as Record<string, unknown>;
    if (!(SERVICE_TYPES as readonly unknown[]).includes(type))
      throw new TypeError(`${CALLER}: services[${i}].service_type must be one of ${SERVICE_TYPES.join(", ")}`);
    if (typeof id !== "string" || id === "") throw new TypeError(`${CALLER}: services[${i}].service_id must be a non-empty string`);
    if (seen.has(`${type}/${id}`)) throw new TypeError(`${CALLER}: services[${i}]: ${type} ${id} is listed twice`);
    seen.add(`${type}/${id}`);
  });
  return value;
}

/**
 * Creates a stateful simulator of the MasStack Partners API V3: every operation of
 * spec/masstack.openapi.yaml over services of the seven types (creation, device change and
 * barring update answered 202 and then by a callback to the request's success or error URL,
 * with its workflow id; barring detail; billing movements and refunds; promotions; device
 * insurance termination); request bodies checked against the spec's schemas (400 with
 * MasStack's `{ code, title }`, "MISSING CALLBACK URL" when a callback URL is missing); 404 for
 * an unknown service; 406 `DUPLICATE_WORKFLOW_ID` for a Request-Correlation-Id already used by a
 * request that changed something; a token endpoint taking RS256 JWT bearer assertions (RFC 7523)
 * of registered service accounts; network and callback faults. Serve it in the process
 * (`sim.fetch`), with MSW (`sim.handlers`) or as a real HTTP server on 127.0.0.1 (`sim.listen()`,
 * with `auth: false` for conformance tools).
 *
 * A request without a Request-Correlation-Id is served too: the simulator generates a workflow id
 * for it, answers it in the 202's Request-Correlation-Id header and sends it with the callback.
 * @group Simulator
 * @example
 * ```ts
 * import { createMasStackSimulator } from "giacom-sdk/masstack/mock";
 *
 * const sim = createMasStackSimulator({ clock: "manual", auth: false });
 * const answer = await sim.fetch(`${sim.baseUrl}/mobile/612123456/barrings`, {
 *   method: "PATCH",
 *   headers: { "Content-Type": "application/json", "Request-Correlation-Id": crypto.randomUUID() },
 *   body: JSON.stringify({ barring_name: "ROAMING", active: true, callback_success_url: "https://partner.example/ok", callback_error_url: "https://partner.example/ko" }),
 * });
 * console.log(answer.status); // 202
 * await sim.advance(2_000); // the barring is set and the success callback POSTed to https://partner.example/ok
 * ```
 */
export function createMasStackSimulator(options: MasStackSimulatorOptions = {}): MasStackSimulator {
  const baseUrl = url("baseUrl", options.baseUrl ?? DEFAULT_BASE_URL);
  const urls: SimulatorUrls = { baseUrl, tokenUrl: url("tokenUrl", options.tokenUrl ?? `${new URL(baseUrl).origin}/oauth2/token`) };
  const mode = readClockMode(CALLER, options.clock);
  // On the wall clock a callback comes within 0.1 s, so that demos do not wait; on the manual
  // clock time costs nothing, so it is MasStack-like.
  const delayMs = readDuration(CALLER, "callbackDelayMs", options.callbackDelayMs, mode === "real" ? 100 : 2000);
  const ttl = readDuration(CALLER, "tokenTtlSeconds", options.tokenTtlSeconds, 3600);
  const auth = options.auth ?? true;
  if (typeof auth !== "boolean") throw new TypeError(`${CALLER}: auth must be true or false`);
  if (options.callbackFetch !== undefined && typeof options.callbackFetch !== "function") throw new TypeError(`${CALLER}: callbackFetch must be a function`);

  const clock = new Clock(mode, (batch) => batch);
  const state = new State(readSeed(options.services ?? defaultServices()));
  const accounts = new ServiceAccounts(options.serviceAccounts ?? [], `${CALLER}: serviceAccounts`);
  const verifier = new JwtBearerVerifier(accounts, clock);
  // No client credentials: a service account's signed assertion is the only way to a token.
  const issuer = new TokenIssuer({}, ttl, clock, { scopes: [], realm: "masstack-simulator", clientCredentials: false, jwtBearer: verifier });
  const faults = new Faults(errorBody);
  const callbackFaults = new CallbackFaults();
  const workflows = new Workflows(clock, delayMs, options.callbackFetch);
  const api = createApi(state, workflows);
  const traffic = new Traffic();
  /** Requests whose answer a `duplicateWorkflow` fault with `answer: "drop"` loses once acted on. */
  const dropped = new WeakSet<Request>();

  function authorize(request: Request): void {
    try {
      issuer.authorize(request, [[]]);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 401) throw error;
      // MasStack's title for a request without a token (its public pages); the issuer's reason otherwise.
      const missing = !/^Bearer\s+\S+\s*$/i.test(request.headers.get("Authorization") ?? "");
      throw new HttpError(401, missing ? MISSING_CREDENTIALS : `Invalid credentials: ${error.message.toLowerCase()}`, { headers: error.headers });
    }
  }

  const handle = (withAuth: boolean) => {
    const engine = createEngine({
      router,
      errorBody,
      faults,
      echoHeaders: [CORRELATION],
      token: (request) => issuer.issue(request),
      serve: async ({ request, route, params, at }) => {
        if (withAuth) authorize(request);
        const sent = request.headers.get(CORRELATION);
        if (sent !== null && !UUID.test(sent)) throw invalid(`${CORRELATION} must be a UUID (header)`);
        const type = (route.operationId === "terminateDeviceInsurance" ? "deviceinsurance" : params.service_type) as ServiceType;
        if (!(SERVICE_TYPES as readonly string[]).includes(type)) throw invalid(`service_type must be one of ${SERVICE_TYPES.join(", ")}, not ${type} (path)`);
        const changes = route.method !== "GET";
        if (changes && sent !== null && state.workflowIds.has(sent.toLowerCase())) throw duplicateWorkflow();
        const where = new URL(request.url);
        const call = {
          operationId: route.operationId,
          method: request.method,
          path: trimUrl(`${where.origin}${where.pathname}`).slice(at.baseUrl.length) || "/",
        };
        const lose = changes ? callbackFaults.takeDuplicate(call) : undefined;
        if (lose && !lose.accept) throw duplicateWorkflow();

        const workflowId = sent ?? crypto.randomUUID();
        const isAsync = (ASYNC as readonly string[]).includes(route.operationId);
        const response = await api[route.operationId]({
          request,
          params,
          type,
          workflowId,
          generated: sent === null,
          callbackFaults: () => callbackFaults.takeCallback(call),
        });
        if (!changes || response.status >= 300) return response;
        // Remembered once accepted: a request refused (400, 404) may be sent again, corrected, with its id.
        state.workflowIds.add(workflowId.toLowerCase());
        if (sent === null && isAsync) response.headers.set(CORRELATION, workflowId);
        if (lose?.accept) {
          if (lose.answer === "drop") dropped.add(request);
          else return errorResponse(new HttpError(lose.answer ?? 500, "Fault injected by the simulator: the request was accepted, its answer lost"), errorBody);
        }
        return response;
      },
    });
    return traffic.wrap(async (request, at) => {
      const response = await engine(request, at);
      return dropped.has(request) ? Response.error() : response;
    });
  };
  const [authenticated, open] = [handle(true), handle(false)];
  const handleFor = (withAuth: boolean) => (withAuth ? authenticated : open);
  const paths = { basePath: new URL(urls.baseUrl).pathname.replace(/\/+$/, ""), tokenPath: new URL(urls.tokenUrl).pathname };
  const controls = simulatorControls(clock, traffic, faults);

  return {
    ...urls,
    fetch: fetchFace(handleFor(auth), urls),
    handlers: mswHandlers(handleFor(auth), urls),
    listen: ({ port, auth: serverAuth = auth } = {}) => listen(handleFor(serverAuth !== false), { ...(port === undefined ? {} : { port }), ...paths }),
    createServiceAccount: () => accounts.create(urls.tokenUrl),
    ...controls,
    fault: (target, fault, faultOptions) => {
      if (isCallbackFault(fault)) return callbackFaults.add(target, fault, faultOptions);
      controls.fault(target !== "token" && "operationId" in target ? operationTarget(target.operationId) : target, fault, faultOptions);
    },
    clearFaults: () => {
      faults.clear();
      callbackFaults.clear();
    },
    get services() {
      return structuredClone([...state.services.values()]);
    },
    service: (type, id) => structuredClone(state.get(type, id)),
    get workflows() {
      return structuredClone(state.workflows);
    },
    get deliveries() {
      return workflows.attempts;
    },
    reset() {
      clock.clear();
      state.reset();
      faults.clear();
      callbackFaults.clear();
      issuer.revokeAll();
      workflows.clear();
    },
  };
}
