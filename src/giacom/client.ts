// The composition root: validates and freezes the options once, builds the token provider
// and the transport from the core with Giacom's strategies, and hands each namespace only the
// transport.
import { bearer } from "../core/auth/strategies.js";
import { resolveTokenProvider } from "../core/auth/resolve.js";
import { ConfigurationError } from "../core/errors.js";
import {
  CLIENT_OPTIONS,
  checkedUrl,
  checkKeys,
  checkOptionNames,
  duration,
  resolveClientOptions,
  resolvePolling,
  resolveStores,
  type ClientOptions,
} from "../core/options.js";
import type { Stores } from "../core/stores/stores.js";
import { channelWakeups } from "../core/wakeups.js";
import { createTransport, repeatedDeleteGone } from "../core/transport.js";
import { isObject } from "../core/internal/show.js";
import type { TokenProvider } from "../core/types.js";
import { createTtlCache } from "../core/internal/ttl-cache.js";
import { tmfErrors } from "../tmf/errors.js";
import { COUNT_HEADERS } from "../tmf/list.js";
import type { Credentials } from "./credentials.js";
import type { paths } from "./generated/giacom.js";
import type { ContextSources } from "./orders/validation-context.js";
import type { OrderEventSource, PollingOptions } from "./orders/order-operation.js";
import type { ServiceSpecification } from "./types.js";
import { createAppointments, createGeographicAddresses, type Appointments, type GeographicAddresses } from "./namespaces/addresses-appointments.js";
import { createResourceSpecifications, createServiceSpecifications, type ResourceSpecifications, type ServiceSpecifications } from "./namespaces/catalogue.js";
import { createHub, type HubApi } from "./namespaces/hub.js";
import { createResources, type Resources } from "./namespaces/resources.js";
import { createServiceOrders, type ServiceOrders } from "./orders/service-orders.js";
import { createServices, type Services } from "./namespaces/services.js";
import { ENVIRONMENTS, hubBaseFor, type GiacomEnvironment } from "./environments.js";

export { ENVIRONMENTS, type GiacomEnvironment } from "./environments.js";

/**
 * Options of {@link createGiacomClient}. Give an `environment` (or a `baseUrl`), and either
 * `credentials` or a `tokenProvider`.
 * @group Client
 * @example
 * ```ts
 * const options: GiacomClientOptions = { environment: "uat", credentials: { clientId, clientSecret }, timeoutMs: 10_000 };
 * ```
 */
export interface GiacomClientOptions extends ClientOptions {
  /** Sets `baseUrl`, `hubBaseUrl` and `tokenUrl` for a Giacom environment. */
  environment?: GiacomEnvironment;
  /** The API root, e.g. a simulator's `http://127.0.0.1:4010/v2`; overrides the environment's. */
  baseUrl?: string;
  /**
   * The root of the notifications hub (`hub.subscribe`, `hub.unsubscribe`), which Giacom serves
   * under `/v1` rather than `/v2`. Default: the base URL (the environment's or your own) with its
   * final `/v2` replaced by `/v1`, e.g. `https://api.uat.integrations.giacom.com/v1` or a
   * simulator's `http://127.0.0.1:4010/v1`; the base URL itself when it does not end in `/v2`.
   */
  hubBaseUrl?: string;
  /** The OAuth2 token endpoint; overrides the environment's. */
  tokenUrl?: string;
  credentials?: Credentials;
  /** Supplies tokens instead of `credentials`. */
  tokenProvider?: TokenProvider;
  /** How long specifications fetched for order validation are reused. Default 5 minutes. */
  specificationCacheTtlMs?: number;
  /** Where order handles hear of changes before their next poll, e.g. a `giacom-sdk/webhooks` receiver. */
  notifications?: OrderEventSource;
  /** How order handles poll. Default: from 1 s, times 1.5, at most 30 s, jittered. */
  polling?: PollingOptions;
  /**
   * How `submit` settles an unknown outcome (a timeout, a dropped connection, a 5xx, an
   * unreadable answer): it looks the order up by its submission key for `lookupWindowMs`
   * (default 5 s: how far behind Giacom's search may lag its orders), every `lookupIntervalMs`
   * (default 1 s), and follows the order if one appears; otherwise it rejects with
   * `SubmissionUnknownError`. It never sends the order again by itself.
   */
  submission?: { lookupWindowMs?: number; lookupIntervalMs?: number };
  /**
   * The state this client shares with the other replicas of your backend, e.g.
   * `createRedisStores(...)` of `giacom-sdk/redis`; without it everything stays in this process.
   * It uses:
   * - `events`: an order handle waiting here is woken when another replica's webhook receiver
   *   (given the same stores) hears of its order, on the channel `giacom:orders`; the handle
   *   then reads the order at once rather than at its next poll. When the bus fails, handles go
   *   on polling (reported once through the `logger`).
   * - `locks`: `submit` with an `idempotencyKey` looks up and sends under the key's lock, so
   *   that two replicas submitting the same key at once create one order. When the lock store
   *   fails, `submit` rejects with a retryable `StoreUnavailableError` and sends nothing.
   * - `tokens` (with `locks`): the OAuth token of `credentials` is shared, fetched once for all
   *   replicas. When the cache fails, each replica fetches its own (reported once).
   */
  stores?: Partial<Stores>;
}

/**
 * A client of the Giacom Integrations API: one namespace per capability.
 * @group Client
 * @example
 * ```ts
 * const giacom: GiacomClient = createGiacomClient({ environment: "uat", credentials });
 * ```
 */
export interface GiacomClient {
  readonly serviceSpecifications: ServiceSpecifications;
  readonly resourceSpecifications: ResourceSpecifications;
  readonly resources: Resources;
  readonly services: Services;
  readonly serviceOrders: ServiceOrders;
  readonly hub: HubApi;
  readonly geographicAddresses: GeographicAddresses;
  readonly appointments: Appointments;
}

const KNOWN = [
  ...CLIENT_OPTIONS,
  "environment",
  "hubBaseUrl",
  "tokenUrl",
  "credentials",
  "tokenProvider",
  "specificationCacheTtlMs",
  "notifications",
  "polling",
  "submission",
  "stores",
];

/**
 * Creates a client of the Giacom Integrations API. Options are checked here, once: a bad one
 * throws a {@link ConfigurationError} that names it. No request is made until the first call;
 * the first call fetches a token, later ones reuse it until shortly before it expires.
 * @group Client
 * @example
 * ```ts
 * import { createGiacomClient } from "giacom-sdk";
 *
 * const giacom = createGiacomClient({
 *   environment: "uat",
 *   credentials: { clientId: process.env.GIACOM_CLIENT_ID!, clientSecret: process.env.GIACOM_CLIENT_SECRET! },
 * });
 * const { items } = await giacom.services.list({ state: ["active"] });
 * ```
 */
export function createGiacomClient(options: GiacomClientOptions): GiacomClient {
  checkOptionNames(options, KNOWN, "createGiacomClient");
  const { environment } = options;
  if (environment !== undefined && !(environment in ENVIRONMENTS))
    throw new ConfigurationError("environment", `must be one of ${Object.keys(ENVIRONMENTS).join(", ")}`);
  const preset = environment === undefined ? undefined : ENVIRONMENTS[environment];
  const resolved = resolveClientOptions(options, { baseUrl: preset?.baseUrl });
  const stores = resolveStores(options.stores);

  const tokenProvider = resolveTokenProvider(
    { ...options, stores },
    options.tokenUrl ?? preset?.tokenUrl,
    resolved,
    "is required when no environment is given",
  );
  if (!tokenProvider) throw new ConfigurationError("credentials", "is required (or give a tokenProvider)");

  const http = createTransport<paths>({
    ...resolved,
    bases: { hub: checkedUrl("hubBaseUrl", options.hubBaseUrl ?? hubBaseFor(resolved.baseUrl), resolved.allowInsecureHttp) },
    auth: bearer(tokenProvider),
    errors: tmfErrors.errorFor,
    succeeds: [repeatedDeleteGone],
    visibleHeaders: COUNT_HEADERS,
    logPrefix: "giacom-sdk",
  });

  if (options.notifications !== undefined && typeof (options.notifications as Partial<OrderEventSource> | null)?.subscribe !== "function") {
    throw new ConfigurationError("notifications", "must have a subscribe(listener) method");
  }
  const { notifications, submission: asked = {} } = options;
  const polling = resolvePolling(options.polling);
  if (!isObject(asked)) throw new ConfigurationError("submission", "must be an object");
  checkKeys(asked, ["lookupWindowMs", "lookupIntervalMs"], "submission.", "a submission option");
  const submission = {
    lookupWindowMs: duration("submission.lookupWindowMs", asked.lookupWindowMs, 0, 5_000),
    lookupIntervalMs: duration("submission.lookupIntervalMs", asked.lookupIntervalMs, 1, 1_000),
  };

  const serviceSpecifications = createServiceSpecifications(http);
  const services = createServices(http);
  // Specifications change rarely and a version never changes: order validation reuses them.
  const specifications = createTtlCache<ServiceSpecification>(duration("specificationCacheTtlMs", options.specificationCacheTtlMs, 0, 300_000));
  const sources: ContextSources = {
    getSpecification: (id, version, callOptions) =>
      specifications.get(`${id}@${version ?? ""}`, () =>
        serviceSpecifications.get(id, { ...callOptions, ...(version !== undefined && /^\d+$/.test(version) ? { version: Number(version) } : {}) }),
      ),
    getService: (id, callOptions) => services.get(id, callOptions),
  };

  return Object.freeze({
    serviceSpecifications,
    resourceSpecifications: createResourceSpecifications(http),
    resources: createResources(http),
    services,
    serviceOrders: createServiceOrders(http, {
      sources,
      events: notifications,
      polling,
      submission,
      wakeups:
        stores?.events && channelWakeups({ bus: stores.events, channel: "giacom:orders", idField: "id", logger: resolved.logger, logPrefix: "giacom-sdk" }),
      locks: stores?.locks,
      timeoutMs: resolved.timeoutMs,
      logger: resolved.logger,
    }),
    hub: createHub(http),
    geographicAddresses: createGeographicAddresses(http),
    appointments: createAppointments(http),
  });
}
