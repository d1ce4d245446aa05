// The composition root of the TMF638 Service Inventory client: validates and freezes the
// options once, sends the `client_id`/`client_secret` header credentials through the core's
// static-header strategy (never shown in an error, a hook, a log or an inspected object), builds
// one transport, and binds the business unit: every path is under `/{businessId}`, and
// `forBusiness` gives a client of another unit over the same transport.
import { staticHeaders } from "../core/auth/strategies.js";
import { ConfigurationError } from "../core/errors.js";
import { CLIENT_OPTIONS, checkOptionNames, resolveClientOptions, type ClientOptions } from "../core/options.js";
import { createTransport, repeatedDeleteGone, type Transport } from "../core/transport.js";
import type { RequestAuth } from "../core/types.js";
import { COUNT_HEADERS } from "../tmf/list.js";
import { inventoryErrors } from "./errors.js";
import type { paths } from "./generated/tmf638.js";
import { createHub, type ServiceInventoryHub } from "./namespaces/hub.js";
import { createServices, type Services } from "./namespaces/services.js";

/**
 * Options of {@link createServiceInventoryClient}: the API root, the business unit and the
 * vendor's header credentials, besides the options every client has.
 * @group Client
 * @example
 * ```ts
 * const options: ServiceInventoryClientOptions = {
 *   baseUrl: "https://gw.example.com/tmf-api/serviceInventory/v4",
 *   businessId: "JM",
 *   clientId: process.env.INVENTORY_CLIENT_ID!,
 *   clientSecret: process.env.INVENTORY_CLIENT_SECRET!,
 *   timeoutMs: 10_000,
 * };
 * ```
 */
export interface ServiceInventoryClientOptions extends ClientOptions {
  /**
   * The API root, without the business unit: `https://<host>/tmf-api/serviceInventory/v4`.
   * Operations are sent to `<baseUrl>/<businessId>/service`...
   */
  baseUrl: string;
  /** The business unit: a 2-letter ISO 3166 country code in upper case (TT, BB, JM, PA...). */
  businessId: string;
  /** Sent as the `client_id` header: 5 or more visible ASCII characters. */
  clientId: string;
  /** Sent as the `client_secret` header: 5 or more visible ASCII characters. A secret: never shown. */
  clientSecret: string;
}

/**
 * A client of a TMF638 v4 Service Inventory API for one business unit.
 * @group Client
 * @example
 * ```ts
 * const inventory: ServiceInventoryClient = createServiceInventoryClient({ baseUrl, businessId: "JM", clientId, clientSecret });
 * const barbados: ServiceInventoryClient = inventory.forBusiness("BB");
 * ```
 */
export interface ServiceInventoryClient {
  /** The business unit every request of this client is for. */
  readonly businessId: string;
  readonly services: Services;
  readonly hub: ServiceInventoryHub;
  /**
   * A client of another business unit, sharing this one's transport (credentials, timeouts,
   * retries, hooks). `businessId` is checked as at creation: a bad one is a `ConfigurationError`.
   */
  forBusiness(businessId: string): ServiceInventoryClient;
}

const KNOWN = [...CLIENT_OPTIONS, "businessId", "clientId", "clientSecret"];

/** @internal A business unit: 2 upper-case letters (it fills a path segment as is). */
export function checkBusinessId(businessId: unknown): string {
  if (typeof businessId !== "string" || !/^[A-Z]{2}$/.test(businessId)) {
    throw new ConfigurationError("businessId", "must be 2 upper-case letters, an ISO 3166 country code (TT, BB, JM, PA...)");
  }
  return businessId;
}

function bind(http: Transport<paths>, businessId: string): ServiceInventoryClient {
  return Object.freeze({
    businessId,
    services: createServices(http, businessId),
    hub: createHub(http, businessId),
    forBusiness: (other: string) => bind(http, checkBusinessId(other)),
  });
}

/**
 * Creates a client of a TMF638 v4 Service Inventory API (the vendor's "Service Inventory Biz")
 * for one business unit. Options are checked here, once: a bad one throws a
 * `ConfigurationError` that names it, never showing a credential. No request is made until the
 * first call. The correlation id goes in `X-Correlation-ID` (the deprecated `Correlation-ID`
 * is not sent; set `correlationIdHeader` for a gateway that reads only that one).
 * @group Client
 * @example
 * ```ts
 * import { createServiceInventoryClient } from "giacom-sdk/tmf638";
 *
 * const inventory = createServiceInventoryClient({
 *   baseUrl: "https://gw.example.com/tmf-api/serviceInventory/v4",
 *   businessId: "JM",
 *   clientId: process.env.INVENTORY_CLIENT_ID!,
 *   clientSecret: process.env.INVENTORY_CLIENT_SECRET!,
 * });
 * const service = await inventory.services.get("2964328");
 * ```
 */
export function createServiceInventoryClient(options: ServiceInventoryClientOptions): ServiceInventoryClient {
  checkOptionNames(options, KNOWN, "createServiceInventoryClient");
  if (options.baseUrl === undefined) throw new ConfigurationError("baseUrl", "is required");
  const businessId = checkBusinessId(options.businessId);
  for (const name of ["clientId", "clientSecret"] as const) if (options[name] === undefined) throw new ConfigurationError(name, "is required");
  const resolved = resolveClientOptions(options);
  let auth: RequestAuth;
  try {
    auth = staticHeaders({ client_id: options.clientId, client_secret: options.clientSecret }, { minLength: 5 });
  } catch (error) {
    // Named as the user named them; the strategy's message never shows a value.
    if (error instanceof ConfigurationError) {
      const option = error.option === "headers.client_id" ? "clientId" : "clientSecret";
      throw new ConfigurationError(option, "must be 5 or more visible ASCII characters");
    }
    throw error;
  }
  const http = createTransport<paths>({
    ...resolved,
    auth,
    errors: inventoryErrors.errorFor,
    succeeds: [repeatedDeleteGone],
    visibleHeaders: COUNT_HEADERS,
    logPrefix: "giacom-sdk/tmf638",
    commaLists: true,
  });
  return bind(http, businessId);
}
