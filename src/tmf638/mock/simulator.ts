// The TMF638 simulator: one state (a unit per business id) and the core engine's web-standard
// handler, given the spec's route table, the operations, the header-credential check and the
// gateway's error body, served in the process, as MSW handlers and by a node:http server (with
// or without credentials). TMF638 has no token endpoint: the engine's is a path nobody calls.
import { Clock } from "../../core/simulator/clock.js";
import { readClockMode, simulatorControls } from "../../core/simulator/controls.js";
import { Traffic } from "../../core/simulator/drive.js";
import { createEngine, trimUrl } from "../../core/simulator/engine.js";
import { Faults } from "../../core/simulator/faults.js";
import { fetchFace } from "../../core/simulator/fetch.js";
import { errorResponse } from "../../core/simulator/http.js";
import { mswHandlers } from "../../core/simulator/msw.js";
import { listen } from "../../core/simulator/server.js";
import type { SimulatorUrls } from "../../core/simulator/types.js";
import { Notifier, querySubscription } from "../../tmf/simulator/notifier.js";
import { readQuery } from "../../tmf/simulator/search.js";
import type { ServiceInventoryEvent } from "../generated/events.js";
import { createApi, router } from "./api.js";
import { errorBody, fail, invalid, UNAUTHENTICATED } from "./http.js";
import { SIMULATOR_CREDENTIALS, type ServiceInventorySimulator, type ServiceInventorySimulatorOptions } from "./options.js";
import { defaultInventory } from "./seed.js";
import { Services } from "./services.js";
import { Unit } from "./state.js";

const CALLER = "createServiceInventorySimulator()";
const DEFAULT_BASE_URL = "https://simulator.example/tmf-api/serviceInventory/v4";
const BUSINESS_ID = /^[A-Z]{2}$/;
/** The seed's minimum length of `client_id` and `client_secret` (L25-26). */
const MIN_CREDENTIAL = 5;
/** Where the engine's token endpoint would be: under no root the API serves, answered with a 404. */
const NO_TOKEN_PATH = "/.well-known/no-token-endpoint";

function url(value: string): string {
  if (typeof value !== "string" || !URL.canParse(value)) throw new TypeError(`${CALLER}: baseUrl must be an absolute URL`);
  // The engine compares URLs as `new URL()` writes them (a lower-case host).
  return trimUrl(new URL(value).href);
}

function readClients(value: unknown): ReadonlyMap<string, string> {
  const clients = value ?? { [SIMULATOR_CREDENTIALS.clientId]: SIMULATOR_CREDENTIALS.clientSecret };
  if (typeof clients !== "object" || clients === null) throw new TypeError(`${CALLER}: clients must map each client_id to its client_secret`);
  for (const [id, secret] of Object.entries(clients)) {
    if (id.length < MIN_CREDENTIAL || typeof secret !== "string" || secret.length < MIN_CREDENTIAL) {
      // The id is not secret; the secret is never shown.
      throw new TypeError(`${CALLER}: client ${JSON.stringify(id)} needs a client_id and a client_secret of ${MIN_CREDENTIAL} characters at least`);
    }
  }
  return new Map(Object.entries(clients as Record<string, string>));
}

/**
 * Creates a stateful simulator of the TMF638 v4 Service Inventory API behind the seed's gateway:
 * several business units (TT, BB, JM and PA by default), each with its own services and
 * listeners; the `client_id` and `client_secret` header credentials (a 401 with the seed's body
 * without them); the seed's by-id GET answering an array, with its `fields`, paging and filters
 * (`relatedParty.id`, `serviceType`, `serviceRelationship.service.category`, any attribute as
 * TMF630 has it); the official list, create, merge patch, delete and hub with TMF688 event
 * delivery; the seed's `{ errors: [...] }` body for every failure, 501 for a business unit that
 * is not implemented; fault injection. Serve it in the process (`sim.fetch`), with MSW
 * (`sim.handlers`) or as a real HTTP server on 127.0.0.1 (`sim.listen()`, with `auth: false`
 * for conformance tools).
 * @group Simulator
 * @example
 * ```ts
 * import { createServiceInventorySimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/tmf638/mock";
 *
 * const sim = createServiceInventorySimulator({ notImplemented: ["PA"] });
 * const answer = await sim.fetch(`${sim.baseUrl}/TT/service?serviceType=Broadband&fields=name,state`, {
 *   headers: { client_id: SIMULATOR_CREDENTIALS.clientId, client_secret: SIMULATOR_CREDENTIALS.clientSecret },
 * });
 * console.log(answer.headers.get("X-Total-Count"), await answer.json());
 * ```
 */
export function createServiceInventorySimulator(options: ServiceInventorySimulatorOptions = {}): ServiceInventorySimulator {
  const baseUrl = url(options.baseUrl ?? DEFAULT_BASE_URL);
  const urls: SimulatorUrls = { baseUrl, tokenUrl: `${new URL(baseUrl).origin}${NO_TOKEN_PATH}` };
  const mode = readClockMode(CALLER, options.clock);
  const clients = readClients(options.clients);
  const auth = options.auth ?? true;
  if (typeof auth !== "boolean") throw new TypeError(`${CALLER}: auth must be true or false`);
  const seed = options.businessUnits ?? defaultInventory();
  const notImplemented = new Set(options.notImplemented ?? []);
  for (const id of [...Object.keys(seed), ...notImplemented]) {
    if (!BUSINESS_ID.test(id)) throw new TypeError(`${CALLER}: ${JSON.stringify(id)} is not a business unit (two upper-case letters)`);
  }
  for (const [id, services] of Object.entries(seed)) {
    const ids = services.map((service) => service.id);
    if (ids.some((s) => typeof s !== "string" || s === "") || new Set(ids).size !== ids.length) {
      throw new TypeError(`${CALLER}: every service of business unit ${id} needs an id of its own`);
    }
  }
  const reorder = options.events?.reorder === true;

  const clock = new Clock(mode, (batch) => (reorder ? [...batch].reverse() : batch));
  const units = new Map(
    Object.entries(seed).map(([id, services]) => {
      const unit = new Unit(services);
      const notifier = new Notifier<ServiceInventoryEvent>(unit, clock, {
        duplicate: options.events?.duplicate === true,
        invalid,
        subscription: querySubscription(invalid),
        // The official listener operations answer 201; any 2xx is taken as received.
        accepted: (status) => status >= 200 && status < 300,
      });
      return [id, { unit, services: new Services(unit, notifier) }] as const;
    }),
  );
  const faults = new Faults(errorBody);
  const api = createApi();
  const traffic = new Traffic();

  function authenticate(request: Request): void {
    const id = request.headers.get("client_id");
    const secret = request.headers.get("client_secret");
    if (id === null || secret === null) throw fail(401, UNAUTHENTICATED);
    const short = [
      ["client_id", id],
      ["client_secret", secret],
    ].filter(([, value]) => value!.length < MIN_CREDENTIAL);
    if (short.length > 0) throw invalid(`${short.map(([name]) => name).join(" and ")} must have ${MIN_CREDENTIAL} characters at least`);
    if (clients.get(id) !== secret) throw fail(401, UNAUTHENTICATED);
  }

  const handle = (withAuth: boolean) =>
    traffic.wrap(
      createEngine({
        router,
        errorBody,
        faults,
        echoHeaders: ["X-Correlation-ID", "Correlation-ID"],
        token: async (request) => errorResponse(fail(404, `${new URL(request.url).pathname} is not served by the simulator`), errorBody),
        serve: ({ request, route, params, at }) => {
          if (withAuth) authenticate(request);
          const businessId = params.businessId ?? "";
          if (!BUSINESS_ID.test(businessId)) throw invalid(`businessId must be a 2-letter ISO 3166 country code (TT, BB, JM, PA...), not ${businessId}`);
          const served = units.get(businessId);
          if (!served || notImplemented.has(businessId)) {
            // The seed's text names the resource, not the path template (L744: "GET /service" for a by-id GET).
            const resource = route.path.split("/")[2];
            throw fail(501, `Operation ${request.method} /${resource} for Business Id: ${businessId} not implemented`);
          }
          const query = readQuery(new URL(request.url), { commaLists: true });
          return api[route.operationId]({ request, id: params.id ?? "", query, unit: served.services, root: `${at.baseUrl}/${businessId}` });
        },
      }),
    );
  const [authenticated, open] = [handle(true), handle(false)];
  const handleFor = (withAuth: boolean) => (withAuth ? authenticated : open);
  const paths = { basePath: new URL(baseUrl).pathname.replace(/\/+$/, ""), tokenPath: NO_TOKEN_PATH };
  const all = () => [...units.values()];

  return {
    baseUrl,
    fetch: fetchFace(handleFor(auth), urls),
    handlers: mswHandlers(handleFor(auth), urls),
    listen: async ({ port, auth: serverAuth = auth } = {}) => {
      const server = await listen(handleFor(serverAuth !== false), { ...(port === undefined ? {} : { port }), ...paths });
      return { baseUrl: server.baseUrl, close: server.close };
    },
    notifications: {
      subscribe: (listener) => {
        const stops = [...units].map(([businessId, { services }]) => services.notifier.subscribe((event) => listener(event, { businessId })));
        return () => stops.forEach((stop) => stop());
      },
    },
    ...simulatorControls(clock, traffic, faults),
    businessUnits: [...units.keys()],
    services: (businessId) => {
      const served = units.get(businessId);
      if (!served) throw new TypeError(`services(): the simulator serves no business unit ${JSON.stringify(businessId)}`);
      return structuredClone(served.services.all());
    },
    get deliveries() {
      return structuredClone(all().flatMap(({ services }) => services.notifier.deliveries));
    },
    reset() {
      clock.clear();
      faults.clear();
      for (const { unit, services } of all()) {
        unit.reset();
        services.notifier.deliveries.length = 0;
      }
    },
  };
}
