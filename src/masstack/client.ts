// The composition root of the MasStack Partners V3 client: validates and freezes the options
// once, authenticates with a service account (an RS256 JWT assertion exchanged for bearer
// tokens) or the caller's token provider, builds one transport that sends the correlation id as
// `Request-Correlation-Id` (MasStack's workflow id) and keeps identifiers' digits, and hands each
// namespace the transport and the callback receiver its asynchronous operations are followed by.
import { createServiceAccount, type ServiceAccountKey } from "../core/auth/service-account.js";
import { bearer } from "../core/auth/strategies.js";
import { ConfigurationError, InvalidArgumentError } from "../core/errors.js";
import { isObject } from "../core/internal/show.js";
import { CLIENT_OPTIONS, checkOptionNames, duration, resolveClientOptions, resolveStores, type ClientOptions } from "../core/options.js";
import type { Stores } from "../core/stores/stores.js";
import { channelWakeups } from "../core/wakeups.js";
import { createTransport } from "../core/transport.js";
import type { TokenProvider } from "../core/types.js";
import type { CallbackRouter } from "./callbacks/types.js";
import { masStackErrors } from "./errors.js";
import type { paths } from "./generated/masstack.js";
import { parseJson } from "./ids.js";
import { createBarrings, type Barrings } from "./namespaces/barrings.js";
import { createBilling, type Billing } from "./namespaces/billing.js";
import { createDeviceInsurance, createPromotions, type DeviceInsurance, type Promotions } from "./namespaces/promotions.js";
import { requireUuid, type Context } from "./namespaces/send.js";
import { createServices, type Services } from "./namespaces/services.js";
import { followWorkflow, type MasStackOperation, type MasStackOperationToken } from "./operation.js";

/** The API roots by environment: staging is MasStack's documented host; production is assumed. */
const ENVIRONMENTS = { staging: "https://partners.sta.masstack.com/v3", production: "https://partners.masstack.com/v3" } as const;

/**
 * Options of {@link createMasStackClient}: where (an `environment` or a `baseUrl`), exactly one
 * way to authenticate (`serviceAccount`, or a `tokenProvider`), and the callback receiver that
 * follows the asynchronous operations, besides the options every client has. The correlation
 * id header is MasStack's `Request-Correlation-Id` and cannot be changed.
 * @group Client
 * @example
 * ```ts
 * const options: MasStackClientOptions = {
 *   environment: "production",
 *   serviceAccount: process.env.MASSTACK_SERVICE_ACCOUNT!,
 *   tokenUrl: "https://auth.masstack.example/oauth2/token",
 *   callbacks: receiver,
 * };
 * ```
 */
export interface MasStackClientOptions extends Omit<ClientOptions, "correlationIdHeader"> {
  /** `staging` (default: `https://partners.sta.masstack.com/v3`) or `production` (`https://partners.masstack.com/v3`, assumed). `baseUrl` wins. */
  environment?: "staging" | "production";
  /** The service account's key: the parsed JSON object or its text. A secret: never shown. */
  serviceAccount?: ServiceAccountKey | string;
  /** The token endpoint of `serviceAccount`. Default: the key's `token_uri`. */
  tokenUrl?: string;
  /** Scopes asked for with `serviceAccount` (the assertion's `scope` claim). */
  scopes?: string | readonly string[];
  /** Supplies bearer tokens instead of `serviceAccount`. */
  tokenProvider?: TokenProvider;
  /**
   * The callback receiver (`createCallbackReceiver` of `giacom-sdk/masstack/callbacks`, or
   * anything shaped like one): fills each asynchronous request's callback URLs, and ends its
   * handle when the callback comes. Without it, give both URLs in each body (the handles can
   * then only tell the request was accepted).
   */
  callbacks?: CallbackRouter;
  /** How long a handle waits for its callback unless `wait({ timeoutMs })` says. Default 15 minutes. */
  callbackTimeoutMs?: number;
  /** The `User-Agent` sent. Default: the package, its version and the runtime. */
  userAgent?: string;
  /**
   * The state this client shares with the other replicas of your backend, e.g.
   * `createRedisStores(...)` of `giacom-sdk/redis`; without it everything stays in this process.
   * It uses:
   * - `events`: a handle waiting here is woken when another replica's callback receiver (given
   *   the same stores) received its workflow's callback, on the channel `masstack:workflows`;
   *   the handle then asks `callbacks.received(workflowId)`, which finds the callback when the
   *   receivers share their results. When the bus fails, handles wait for their callback or
   *   their deadline (reported once through the `logger`).
   * - `tokens` (with `locks`): the service account's token is shared, fetched once for all
   *   replicas. When the cache fails, each replica fetches its own (reported once).
   */
  stores?: Partial<Stores>;
}

/**
 * Following asynchronous operations again, e.g. after a restart.
 * @group Client
 * @example
 * ```ts
 * const operation = masstack.operations.resume(JSON.parse(saved));
 * const { result } = await operation;
 * ```
 */
export interface MasStackOperations {
  /**
   * A handle on a workflow started earlier (here or in another process), from its `toJSON()`
   * token (or that token as JSON text) or its bare workflow id. It ends at once when the
   * receiver still keeps the workflow's callback, else when the callback comes.
   */
  resume(token: MasStackOperationToken | string): MasStackOperation;
}

/**
 * A client of the MasStack Partners V3 API.
 * @group Client
 * @example
 * ```ts
 * const masstack: MasStackClient = createMasStackClient({ serviceAccount, tokenUrl, callbacks: receiver });
 * ```
 */
export interface MasStackClient {
  readonly services: Services;
  readonly barrings: Barrings;
  readonly billing: Billing;
  readonly promotions: Promotions;
  readonly deviceInsurance: DeviceInsurance;
  readonly operations: MasStackOperations;
}

const KNOWN = [
  ...CLIENT_OPTIONS.filter((name) => name !== "correlationIdHeader"),
  "environment",
  "serviceAccount",
  "tokenUrl",
  "scopes",
  "tokenProvider",
  "callbacks",
  "callbackTimeoutMs",
  "userAgent",
  "stores",
];

function checkRouter(callbacks: unknown): CallbackRouter | undefined {
  if (callbacks === undefined) return undefined;
  for (const method of ["urls", "subscribe", "received"]) {
    if (typeof (callbacks as Record<string, unknown> | null)?.[method] !== "function") {
      throw new ConfigurationError("callbacks", "must be a callback receiver (with urls, subscribe and received methods), e.g. createCallbackReceiver(...)");
    }
  }
  return callbacks as CallbackRouter;
}

/** A resume token: the object, its JSON text, or a bare workflow id. */
function tokenOf(given: unknown): MasStackOperationToken {
  let token = given;
  if (typeof token === "string" && token.trimStart().startsWith("{")) {
    try {
      token = JSON.parse(token);
    } catch {
      throw new InvalidArgumentError("token", "is neither a workflow id nor the JSON of a handle's toJSON()");
    }
  }
  if (typeof token === "string") return { workflowId: requireUuid("token", token) };
  if (!isObject(token)) throw new InvalidArgumentError("token", "must be a handle's toJSON() token or a workflow id");
  requireUuid("token.workflowId", token.workflowId);
  return token as unknown as MasStackOperationToken;
}

/**
 * Creates a client of the MasStack Partners V3 API. Options are checked here, once: a bad one
 * throws a `ConfigurationError` that names it, never showing the key. No request is made until
 * the first call. Asynchronous operations (creating a service, changing its device, updating a
 * barring) return a handle that resolves on MasStack's callback, which the `callbacks` receiver
 * takes; the handle never polls (MasStack has no endpoint to read a workflow). Identifiers
 * MasStack sends as long numbers (ICCIDs, EIDs, service ids) come back as exact strings.
 * @group Client
 * @example
 * ```ts
 * import { createMasStackClient } from "giacom-sdk/masstack";
 * import { createCallbackReceiver } from "giacom-sdk/masstack/callbacks";
 *
 * const callbacks = createCallbackReceiver({ secret: process.env.CALLBACK_SECRET!, url: "https://partner.example.com/masstack/callbacks" });
 * const masstack = createMasStackClient({
 *   serviceAccount: process.env.MASSTACK_SERVICE_ACCOUNT!,
 *   tokenUrl: "https://auth.masstack.example/oauth2/token",
 *   callbacks,
 * });
 * const { result } = await masstack.services.multisim.create({ service_details: { secondary_eid: eid, secondary_iccid: iccid } });
 * console.log(result.service_id);
 * ```
 */
export function createMasStackClient(options: MasStackClientOptions = {}): MasStackClient {
  checkOptionNames(options, KNOWN, "createMasStackClient");
  const { environment = "staging", serviceAccount, tokenProvider, userAgent } = options;
  if (!Object.hasOwn(ENVIRONMENTS, environment)) throw new ConfigurationError("environment", 'must be "staging" or "production"');
  const resolved = resolveClientOptions({ ...options, correlationIdHeader: "Request-Correlation-Id" }, { baseUrl: ENVIRONMENTS[environment] });
  const stores = resolveStores(options.stores);
  if ((serviceAccount === undefined) === (tokenProvider === undefined)) {
    throw new ConfigurationError("serviceAccount", "give exactly one of serviceAccount or tokenProvider");
  }
  let tokens: TokenProvider;
  if (tokenProvider !== undefined) {
    for (const name of ["tokenUrl", "scopes"] as const) if (options[name] !== undefined) throw new ConfigurationError(name, "is used with serviceAccount only");
    if (typeof (tokenProvider as Partial<TokenProvider> | null)?.getToken !== "function")
      throw new ConfigurationError("tokenProvider", "must have a getToken() method");
    tokens = tokenProvider;
  } else {
    const { tokenUrl, scopes } = options;
    const { fetch, timeoutMs, allowInsecureHttp, hooks } = resolved;
    tokens = createServiceAccount(
      {
        key: serviceAccount!,
        fetch,
        timeoutMs,
        allowInsecureHttp,
        ...(tokenUrl === undefined ? {} : { tokenUrl }),
        ...(scopes === undefined ? {} : { scopes }),
        ...(hooks.onTokenRefresh ? { onRefresh: hooks.onTokenRefresh } : {}),
        ...(stores ? { stores } : {}),
        ...(resolved.logger ? { logger: resolved.logger } : {}),
      },
      "serviceAccount",
    );
  }
  if (userAgent !== undefined && (typeof userAgent !== "string" || !/^[\x20-\x7e]{1,200}$/.test(userAgent))) {
    throw new ConfigurationError("userAgent", "must be 1 to 200 printable ASCII characters");
  }
  const context: Context = {
    http: createTransport<paths>({
      ...resolved,
      auth: bearer(tokens),
      errors: masStackErrors.errorFor,
      succeeds: [],
      logPrefix: "giacom-sdk/masstack",
      parseJson,
      ...(userAgent === undefined ? {} : { userAgent }),
    }),
    callbacks: checkRouter(options.callbacks),
    timeoutMs: duration("callbackTimeoutMs", options.callbackTimeoutMs, 1, 15 * 60_000),
    wakeups:
      stores?.events &&
      channelWakeups({ bus: stores.events, channel: "masstack:workflows", idField: "workflowId", logger: resolved.logger, logPrefix: "giacom-sdk/masstack" }),
  };
  return Object.freeze({
    services: createServices(context),
    barrings: Object.freeze(createBarrings(context)),
    billing: Object.freeze(createBilling(context)),
    promotions: Object.freeze(createPromotions(context)),
    deviceInsurance: Object.freeze(createDeviceInsurance(context)),
    operations: Object.freeze({ resume: (token: MasStackOperationToken | string) => followWorkflow(context, tokenOf(token)) }),
  });
}
