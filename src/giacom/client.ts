// The composition root: validates and freezes the options once, builds the token provider
// and the transport, and hands each namespace only the transport.
import { clientCredentials, type Credentials, type TokenProvider } from "../core/auth/client-credentials.js";
import { ConfigurationError } from "../core/errors.js";
import { DEFAULT_RETRY, NO_RETRY, type RetryOptions, type RetryPolicy } from "../core/retry.js";
import { createTransport, type FetchFunction, type Hooks, type Logger } from "../core/transport.js";
import { createTtlCache } from "../core/internal/ttl-cache.js";
import { checkUrl } from "../core/internal/urls.js";
import type { ContextSources } from "./orders/validation-context.js";
import type { OrderEventSource, PollingOptions } from "./orders/order-operation.js";
import type { ServiceSpecification } from "./types.js";
import { createAppointments, createGeographicAddresses, type Appointments, type GeographicAddresses } from "./namespaces/addresses-appointments.js";
import { createResourceSpecifications, createServiceSpecifications, type ResourceSpecifications, type ServiceSpecifications } from "./namespaces/catalogue.js";
import { createHub, type HubApi } from "./namespaces/hub.js";
import { createResources, type Resources } from "./namespaces/resources.js";
import { createServiceOrders, type ServiceOrders } from "./orders/service-orders.js";
import { createServices, type Services } from "./namespaces/services.js";

/**
 * The Giacom environments and their URLs.
 * @group Client
 * @example
 * ```ts
 * console.log(ENVIRONMENTS.uat.baseUrl); // https://api.uat.integrations.giacom.com/v2
 * ```
 */
export const ENVIRONMENTS = Object.freeze({
  production: Object.freeze({ baseUrl: "https://api.integrations.giacom.com/v2", tokenUrl: "https://auth.integrations.giacom.com/oauth2/token" }),
  uat: Object.freeze({ baseUrl: "https://api.uat.integrations.giacom.com/v2", tokenUrl: "https://auth.uat.integrations.giacom.com/oauth2/token" }),
});

/**
 * A Giacom environment: sets the API and token URLs.
 * @group Client
 * @example
 * ```ts
 * const environment: GiacomEnvironment = process.env.NODE_ENV === "production" ? "production" : "uat";
 * ```
 */
export type GiacomEnvironment = keyof typeof ENVIRONMENTS;

/**
 * Options of {@link createGiacomClient}. Give an `environment` (or a `baseUrl`), and either
 * `credentials` or a `tokenProvider`.
 * @group Client
 * @example
 * ```ts
 * const options: GiacomClientOptions = { environment: "uat", credentials: { clientId, clientSecret }, timeoutMs: 10_000 };
 * ```
 */
export interface GiacomClientOptions {
  /** Sets `baseUrl` and `tokenUrl` for a Giacom environment. */
  environment?: GiacomEnvironment;
  /** The API root, e.g. a simulator's `http://127.0.0.1:4010/v2`; overrides the environment's. */
  baseUrl?: string;
  /** The OAuth2 token endpoint; overrides the environment's. */
  tokenUrl?: string;
  credentials?: Credentials;
  /** Supplies tokens instead of `credentials`. */
  tokenProvider?: TokenProvider;
  /** The fetch to use; when omitted `globalThis.fetch` is looked up on every request (so MSW applies). */
  fetch?: FetchFunction;
  /** Deadline of each call, retries included. Default 30 s. */
  timeoutMs?: number;
  /** Retry settings, or `false` to never retry. */
  retry?: RetryOptions | false;
  hooks?: Hooks;
  logger?: Logger;
  /** Header carrying the correlation id. Default `X-Correlation-ID`. */
  correlationIdHeader?: string;
  /** Allow plain-HTTP URLs to hosts other than loopback. Credentials would travel in clear. */
  allowInsecureHttp?: boolean;
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
  /** Largest response body the client reads, after decompression; a larger one is an `InvalidResponseError`. Default 32 MiB. */
  maxResponseBytes?: number;
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

const KNOWN = new Set([
  "environment",
  "baseUrl",
  "tokenUrl",
  "credentials",
  "tokenProvider",
  "fetch",
  "timeoutMs",
  "retry",
  "hooks",
  "logger",
  "correlationIdHeader",
  "allowInsecureHttp",
  "specificationCacheTtlMs",
  "notifications",
  "polling",
  "submission",
  "maxResponseBytes",
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_TIMER = 2_147_483_647;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function duration(name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > MAX_TIMER) {
    throw new ConfigurationError(name, `must be a number of milliseconds from ${min} to ${MAX_TIMER}`);
  }
  return value;
}

function resolveRetry(retry: unknown): RetryPolicy {
  if (retry === undefined) return DEFAULT_RETRY;
  if (retry === false) return NO_RETRY;
  if (!isObject(retry)) throw new ConfigurationError("retry", "must be an object or false");
  const policy = { ...DEFAULT_RETRY };
  for (const [key, value] of Object.entries(retry)) {
    if (!(key in DEFAULT_RETRY)) throw new ConfigurationError(`retry.${key}`, `is not a retry option (known: ${Object.keys(DEFAULT_RETRY).join(", ")})`);
    if (key === "maxRetries") {
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 20)
        throw new ConfigurationError("retry.maxRetries", "must be an integer from 0 to 20");
      policy.maxRetries = value as number;
    } else {
      policy[key as Exclude<keyof RetryPolicy, "maxRetries">] = duration(`retry.${key}`, value, 0);
    }
  }
  return Object.freeze(policy);
}

function resolveCredentials(credentials: unknown): Credentials {
  if (!isObject(credentials)) throw new ConfigurationError("credentials", "must be an object with clientId and clientSecret");
  for (const key of ["clientId", "clientSecret"] as const) {
    // Never echo the value: it may be the secret.
    if (typeof credentials[key] !== "string" || credentials[key] === "") throw new ConfigurationError(`credentials.${key}`, "must be a non-empty string");
  }
  const { scope, authMethod } = credentials;
  if (scope !== undefined) {
    const scopes = typeof scope === "string" ? [scope] : scope;
    if (!Array.isArray(scopes) || scopes.length === 0 || scopes.some((s) => typeof s !== "string" || s === "" || /\s/.test(s))) {
      throw new ConfigurationError("credentials.scope", "must be a scope or a non-empty list of scopes, without spaces");
    }
  }
  if (authMethod !== undefined && authMethod !== "basic" && authMethod !== "body")
    throw new ConfigurationError("credentials.authMethod", 'must be "basic" or "body"');
  if (credentials.skewMs !== undefined) duration("credentials.skewMs", credentials.skewMs, 0);
  if (credentials.refreshWindowMs !== undefined) duration("credentials.refreshWindowMs", credentials.refreshWindowMs, 0);
  return credentials as unknown as Credentials;
}

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
  if (!isObject(options as unknown)) throw new ConfigurationError("options", "must be an object");
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new ConfigurationError(key, `is not an option of createGiacomClient (known: ${[...KNOWN].join(", ")})`);
  }
  const { environment, allowInsecureHttp = false } = options;
  if (environment !== undefined && !(environment in ENVIRONMENTS))
    throw new ConfigurationError("environment", `must be one of ${Object.keys(ENVIRONMENTS).join(", ")}`);
  if (typeof allowInsecureHttp !== "boolean") throw new ConfigurationError("allowInsecureHttp", "must be a boolean");
  const preset = environment === undefined ? undefined : ENVIRONMENTS[environment];

  const url = (name: "baseUrl" | "tokenUrl"): string => {
    const value = options[name] ?? preset?.[name];
    if (value === undefined) throw new ConfigurationError(name, "is required when no environment is given");
    const checked = checkUrl(value, allowInsecureHttp);
    if ("problem" in checked) throw new ConfigurationError(name, checked.problem);
    return checked.url.href.replace(/\/+$/, "");
  };
  const baseUrl = url("baseUrl");

  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new ConfigurationError("fetch", "must be a function");
  const userFetch = options.fetch;
  // Looked up on every request, so interceptors installed after the client (MSW) still apply.
  const doFetch: FetchFunction = userFetch ?? ((input, init) => globalThis.fetch(input, init));

  const hooks: Hooks = options.hooks ?? {};
  if (!isObject(hooks as unknown)) throw new ConfigurationError("hooks", "must be an object");
  for (const [name, hook] of Object.entries(hooks)) {
    if (!["onRequest", "onResponse", "onRetry", "onTokenRefresh"].includes(name))
      throw new ConfigurationError(`hooks.${name}`, "is not a hook (known: onRequest, onResponse, onRetry, onTokenRefresh)");
    if (typeof hook !== "function") throw new ConfigurationError(`hooks.${name}`, "must be a function");
  }
  if (options.logger !== undefined && !isObject(options.logger)) throw new ConfigurationError("logger", "must be an object with debug/info/warn/error methods");

  const timeoutMs = options.timeoutMs === undefined ? 30_000 : duration("timeoutMs", options.timeoutMs, 1);
  const maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1)
    throw new ConfigurationError("maxResponseBytes", "must be a positive integer number of bytes");
  const correlationIdHeader = options.correlationIdHeader ?? "X-Correlation-ID";
  if (typeof correlationIdHeader !== "string" || !HEADER_NAME.test(correlationIdHeader) || /^authorization$/i.test(correlationIdHeader)) {
    throw new ConfigurationError("correlationIdHeader", "must be a valid HTTP header name other than Authorization");
  }

  let tokenProvider: TokenProvider;
  if (options.credentials !== undefined && options.tokenProvider !== undefined) {
    throw new ConfigurationError("credentials", "give either credentials or tokenProvider, not both");
  } else if (options.tokenProvider !== undefined) {
    if (typeof (options.tokenProvider as Partial<TokenProvider> | null)?.getToken !== "function")
      throw new ConfigurationError("tokenProvider", "must have a getToken() method");
    tokenProvider = options.tokenProvider;
  } else if (options.credentials !== undefined) {
    const credentials = resolveCredentials(options.credentials);
    tokenProvider = clientCredentials({
      ...credentials,
      tokenUrl: url("tokenUrl"),
      allowInsecureHttp,
      timeoutMs,
      fetch: doFetch,
      ...(hooks.onTokenRefresh ? { onRefresh: hooks.onTokenRefresh } : {}),
    });
  } else {
    throw new ConfigurationError("credentials", "is required (or give a tokenProvider)");
  }

  const http = createTransport({
    baseUrl,
    fetch: doFetch,
    tokenProvider,
    timeoutMs,
    retry: resolveRetry(options.retry),
    correlationIdHeader,
    hooks,
    logger: options.logger,
    maxResponseBytes,
  });

  if (options.notifications !== undefined && typeof (options.notifications as Partial<OrderEventSource> | null)?.subscribe !== "function") {
    throw new ConfigurationError("notifications", "must have a subscribe(listener) method, like a giacom-sdk/webhooks receiver");
  }
  const notifications = options.notifications;
  const polling = {
    initialDelayMs: options.polling?.initialDelayMs === undefined ? 1_000 : duration("polling.initialDelayMs", options.polling.initialDelayMs, 1),
    maxDelayMs: options.polling?.maxDelayMs === undefined ? 30_000 : duration("polling.maxDelayMs", options.polling.maxDelayMs, 1),
    factor: options.polling?.factor ?? 1.5,
  };
  if (typeof polling.factor !== "number" || !(polling.factor >= 1 && polling.factor <= 10))
    throw new ConfigurationError("polling.factor", "must be a number from 1 to 10");
  if (options.submission !== undefined && !isObject(options.submission)) throw new ConfigurationError("submission", "must be an object");
  for (const key of Object.keys(options.submission ?? {})) {
    if (key !== "lookupWindowMs" && key !== "lookupIntervalMs")
      throw new ConfigurationError(`submission.${key}`, "is not a submission option (known: lookupWindowMs, lookupIntervalMs)");
  }
  const submission = {
    lookupWindowMs: options.submission?.lookupWindowMs === undefined ? 5_000 : duration("submission.lookupWindowMs", options.submission.lookupWindowMs, 0),
    lookupIntervalMs:
      options.submission?.lookupIntervalMs === undefined ? 1_000 : duration("submission.lookupIntervalMs", options.submission.lookupIntervalMs, 1),
  };

  const serviceSpecifications = createServiceSpecifications(http);
  const services = createServices(http);
  // Specifications change rarely and a version never changes: order validation reuses them.
  const specifications = createTtlCache<ServiceSpecification>(
    options.specificationCacheTtlMs === undefined ? 300_000 : duration("specificationCacheTtlMs", options.specificationCacheTtlMs, 0),
  );
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
    serviceOrders: createServiceOrders(http, { sources, events: notifications, polling, submission }),
    hub: createHub(http),
    geographicAddresses: createGeographicAddresses(http),
    appointments: createAppointments(http),
  });
}
