// The composition root of the TMF622 Product Ordering client: validates and freezes the options
// once, picks the request authentication (OAuth2 client credentials, a token provider or static
// header credentials), builds the transport from the core with the TMF strategies, and hands
// each namespace only the transport.
import { resolveTokenProvider } from "../core/auth/resolve.js";
import { bearer, staticHeaders } from "../core/auth/strategies.js";
import { ConfigurationError } from "../core/errors.js";
import { isObject } from "../core/internal/show.js";
import type { Credentials } from "../core/auth/client-credentials.js";
import type { PollingOptions } from "../core/operation.js";
import { CLIENT_OPTIONS, checkOptionNames, resolveClientOptions, resolvePolling, resolveStores, type ClientOptions } from "../core/options.js";
import type { Stores } from "../core/stores/stores.js";
import { channelWakeups } from "../core/wakeups.js";
import { createTransport, repeatedDeleteGone } from "../core/transport.js";
import type { RequestAuth, TokenProvider } from "../core/types.js";
import { tmfErrors } from "../tmf/errors.js";
import { COUNT_HEADERS } from "../tmf/list.js";
import type { paths } from "./generated/tmf622.js";
import { createHub, type ProductOrderingHub } from "./namespaces/hub.js";
import { createProductOrders, type ProductOrders } from "./namespaces/product-orders.js";
import { PRODUCT_ORDER_CHANNEL, type ProductOrderEventSource } from "./operation.js";

/**
 * Options of {@link createProductOrderingClient}: the API's `baseUrl`, and exactly one way to
 * authenticate: `credentials` with a `tokenUrl` (OAuth2 client credentials), a `tokenProvider`,
 * or static header credentials in `headers`.
 * @group Client
 * @example
 * ```ts
 * const options: ProductOrderingClientOptions = {
 *   baseUrl: "https://om.example.com/tmf-api/productOrderingManagement/v4.0.0.1.0",
 *   headers: { "X-API-Key": process.env.OM_API_KEY! },
 *   timeoutMs: 10_000,
 * };
 * ```
 */
export interface ProductOrderingClientOptions extends ClientOptions {
  /**
   * The API root: the server and the API's path, e.g.
   * `https://om.example.com/tmf-api/productOrderingManagement/v4.0.0.1.0` (the vendor's path,
   * the default of the contract's `servers`), or `.../productOrderingManagement/v4` for a server
   * on the official TMF622 path. Operations are sent to `<baseUrl>/productOrder`...
   */
  baseUrl: string;
  /** OAuth2 client credentials, used at `tokenUrl`. */
  credentials?: Credentials;
  /** The OAuth2 token endpoint of `credentials`. */
  tokenUrl?: string;
  /** Supplies bearer tokens instead of `credentials`. */
  tokenProvider?: TokenProvider;
  /**
   * Static header credentials sent on every request (an API key, say): each value is treated
   * as a secret, never shown in an error, a hook or a log.
   */
  headers?: Record<string, string>;
  /** How order and cancel task handles poll. Default: from 1 s, times 1.5, at most 30 s, jittered. */
  polling?: PollingOptions;
  /** Where order handles hear of changes before their next poll, e.g. a simulator's `notifications`. */
  notifications?: ProductOrderEventSource;
  /**
   * The state this client shares with the other replicas of your backend, e.g.
   * `createRedisStores(...)` of `giacom-sdk/redis`; without it everything stays in this process.
   * It uses:
   * - `events`: an order handle waiting here is woken when a message on the channel
   *   `tmf622:orders` (`PRODUCT_ORDER_CHANNEL`) names its order; it then reads the order at
   *   once rather than at its next poll. Your listener of the hub's events publishes these,
   *   with `publishProductOrderChange`. When the bus fails, handles go on polling (reported
   *   once through the `logger`).
   * - `tokens` (with `locks`): the OAuth token of `credentials` is shared, fetched once for all
   *   replicas. When the cache fails, each replica fetches its own (reported once).
   */
  stores?: Partial<Stores>;
}

/**
 * A client of a TMF622 v4 Product Ordering API.
 * @group Client
 * @example
 * ```ts
 * const client: ProductOrderingClient = createProductOrderingClient({ baseUrl, tokenProvider });
 * ```
 */
export interface ProductOrderingClient {
  readonly productOrders: ProductOrders;
  readonly hub: ProductOrderingHub;
}

const KNOWN = [...CLIENT_OPTIONS, "credentials", "tokenUrl", "tokenProvider", "headers", "polling", "notifications", "stores"];
const AUTH = ["credentials", "tokenProvider", "headers"] as const;

/**
 * Creates a client of a TMF622 v4 Product Ordering API. Options are checked here, once: a bad
 * one throws a `ConfigurationError` that names it. No request is made until the first call.
 * @group Client
 * @example
 * ```ts
 * import { createProductOrderingClient, productOrder, addProduct } from "giacom-sdk/tmf622";
 *
 * const client = createProductOrderingClient({
 *   baseUrl: "https://om.example.com/tmf-api/productOrderingManagement/v4.0.0.1.0",
 *   tokenUrl: "https://om.example.com/oauth2/token",
 *   credentials: { clientId: process.env.OM_CLIENT_ID!, clientSecret: process.env.OM_CLIENT_SECRET! },
 * });
 * const created = await client.productOrders.create(productOrder().item(addProduct("PO-FIBRE-1G")).build());
 * const order = await client.productOrders.track(created.id!);
 * ```
 */
export function createProductOrderingClient(options: ProductOrderingClientOptions): ProductOrderingClient {
  checkOptionNames(options, KNOWN, "createProductOrderingClient");
  if (options.baseUrl === undefined) throw new ConfigurationError("baseUrl", "is required");
  const given = AUTH.filter((name) => options[name] !== undefined);
  if (given.length === 0) throw new ConfigurationError("credentials", "is required (or give a tokenProvider, or headers)");
  if (given.length > 1) throw new ConfigurationError(given[1]!, `give one of credentials, tokenProvider or headers, not ${given.join(" and ")}`);
  const resolved = resolveClientOptions(options);
  const stores = resolveStores(options.stores);
  let auth: RequestAuth;
  if (options.headers !== undefined) {
    if (!isObject(options.headers)) throw new ConfigurationError("headers", "must be an object of header names and values");
    auth = staticHeaders(options.headers);
  } else {
    auth = bearer(resolveTokenProvider({ ...options, stores }, options.tokenUrl, resolved)!);
  }
  const http = createTransport<paths>({
    ...resolved,
    auth,
    errors: tmfErrors.errorFor,
    succeeds: [repeatedDeleteGone],
    visibleHeaders: COUNT_HEADERS,
    logPrefix: "giacom-sdk/tmf622",
    commaLists: true,
  });
  const { notifications } = options;
  if (notifications !== undefined && typeof (notifications as Partial<ProductOrderEventSource> | null)?.subscribe !== "function") {
    throw new ConfigurationError("notifications", "must have a subscribe(listener) method");
  }
  return Object.freeze({
    productOrders: createProductOrders(
      http,
      resolvePolling(options.polling),
      notifications,
      stores?.events &&
        channelWakeups({ bus: stores.events, channel: PRODUCT_ORDER_CHANNEL, idField: "id", logger: resolved.logger, logPrefix: "giacom-sdk/tmf622" }),
    ),
    hub: createHub(http),
  });
}
