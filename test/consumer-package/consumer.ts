// A TypeScript consumer of giacom-sdk, type-checked (never run) against the declarations in the
// packed tarball, under several moduleResolution modes (scripts/consumer-test.mjs). It names the
// public types an application uses, and must fail to compile where an application's mistake
// should: the @ts-expect-error below holds only if the types are real, not `any`.
// No top-level await and no import.meta: the same file is also checked as CommonJS (cjs/).
import { createGiacomClient, isGiacomError, validateOrder, type GiacomClient, type ServiceOrderCreate, type ServiceSpecification } from "giacom-sdk";
import { createWebhookReceiver, type WebhookEvent } from "giacom-sdk/webhooks";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type GiacomSimulator } from "giacom-sdk/mock";
import { createTransport, resolveClientOptions, staticHeaders, type Transport } from "giacom-sdk/core";
import { addProduct, createProductOrderingClient, productOrder, type ProductOrderCreate, type ProductOrderingClient } from "giacom-sdk/tmf622";
import { createProductOrderingSimulator, type ProductOrderingSimulator, type ProductOrderOutcome } from "giacom-sdk/tmf622/mock";
import { createServiceInventoryClient, ServiceCountError, type Service, type ServiceInventoryClient } from "giacom-sdk/tmf638";
import { createServiceInventorySimulator, type ServiceInventorySimulator } from "giacom-sdk/tmf638/mock";
import { createMasStackClient, MasStackCallbackError, type MasStackClient, type MasStackOperation, type ServiceCallback } from "giacom-sdk/masstack";
import { createCallbackReceiver, type CallbackReceiver, type ReceivedCallback } from "giacom-sdk/masstack/callbacks";
import { createMasStackSimulator, type MasStackSimulator } from "giacom-sdk/masstack/mock";
import { createRedisStores, type RedisConnection, type RedisStores } from "giacom-sdk/redis";

/** Compiles only when T is not `any` (a type that failed to resolve). */
type NotAny<T> = 0 extends 1 & T ? never : T;
const notAny = <T>(value: NotAny<T>): T => value;

export const order: ServiceOrderCreate = {
  externalReference: [{ id: "5010", externalReferenceType: "order_id", name: "ACME Comms" }],
  serviceOrderItem: [{ id: "1", action: "delete", service: { id: "6b9d14d4-cca9-416e-9af5-452b77e63a7b", endDate: "2025-09-01T00:00:00.000Z" } }],
};

export const mistake: ServiceOrderCreate = {
  // @ts-expect-error "explode" is not an item action: the published types must reject it.
  serviceOrderItem: [{ id: "1", action: "explode", service: { id: "6b9d14d4-cca9-416e-9af5-452b77e63a7b" } }],
};

export async function documentedSpecifications(sim: GiacomSimulator): Promise<ServiceSpecification[]> {
  const server = await sim.listen();
  try {
    const giacom: GiacomClient = createGiacomClient({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, credentials: SIMULATOR_CREDENTIALS });
    const { items, totalCount } = await giacom.serviceSpecifications.list({ category: "Mobile Voice Service" });
    const count: number | undefined = totalCount;
    void count;
    const result = validateOrder(order, { specifications: items });
    if (!result.valid) console.error(result.issues.map((issue) => `${issue.path}: ${issue.message}`).join("\n"));
    return items;
  } catch (error) {
    if (isGiacomError(error)) console.error(error.code, error.correlationId);
    throw error;
  } finally {
    await server.close();
  }
}

export function describeEvent(event: WebhookEvent): string {
  switch (event.eventType) {
    case "ServiceOrderStateChangeEvent":
      return `order ${event.event.ServiceOrder.id} is ${event.event.ServiceOrder.state}`;
    case "ServiceStateChangeEvent":
      return `service ${event.event.service.id} is ${event.event.service.state}`;
    default:
      return event.eventType;
  }
}

export const receiver = createWebhookReceiver({ apiKey: "consumer-test-key" });
receiver.on("ServiceOrderStateChangeEvent", (event, meta) => {
  const id: string = event.event.ServiceOrder.id;
  console.log(id, meta.duplicate);
});
export const handled: Promise<Response> = receiver.handle(new Request("http://127.0.0.1/hook", { method: "POST", body: "{}" }));

export const simulator: GiacomSimulator = createGiacomSimulator();
notAny<GiacomClient>(createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS }));
notAny<GiacomSimulator>(simulator);
notAny<ServiceOrderCreate>(order);
notAny<WebhookEvent["eventType"]>("ServiceDeleteEvent");

export const productOrdering: ProductOrderingSimulator = createProductOrderingSimulator({
  clock: "manual",
  decideOutcome: (o): ProductOrderOutcome => (o.externalId === "fallout" ? "inProgress.fallout" : "completed"),
});
notAny<ProductOrderingSimulator>(productOrdering);
// @ts-expect-error "finished" is not one of the vendor's order states: the published types must reject it.
export const unknownOutcome: ProductOrderOutcome = "finished";

export const inventory: ServiceInventorySimulator = createServiceInventorySimulator({ notImplemented: ["PA"] });
notAny<ServiceInventorySimulator>(inventory);
type InventoryServiceState = NonNullable<ReturnType<ServiceInventorySimulator["services"]>[number]["state"]>;
// @ts-expect-error "suspended" is not a TMF638 service state: the published types must reject it.
export const unknownServiceState: InventoryServiceState = "suspended";

/** A fifth API on the core alone, typed from its own `paths` (openapi-typescript's shape). */
interface WidgetPaths {
  "/widgets/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string; name: string } } } };
    };
  };
}

export async function widgetName(id: string): Promise<string> {
  const http: Transport<WidgetPaths> = createTransport<WidgetPaths>({
    ...resolveClientOptions({ baseUrl: "https://api.example.com/v1" }),
    auth: staticHeaders({ "x-api-key": "key-12345" }),
  });
  const getWidget = { method: "get", path: "/widgets/{id}", idempotent: true } as const;
  // @ts-expect-error the path parameter is required: the published core types must say so.
  void http.send(getWidget, { params: { path: {} } });
  const widget = notAny((await http.send(getWidget, { params: { path: { id } } })).data);
  return widget.name;
}

/** A TMF622 Product Ordering client, its builder and the fields-typed projection of `get`. */
export async function productOrderState(id: string): Promise<string | undefined> {
  const client: ProductOrderingClient = createProductOrderingClient({
    baseUrl: "https://om.example.com/tmf-api/productOrderingManagement/v4.0.0.1.0",
    headers: { "X-API-Key": "consumer-test-key" },
  });
  const order = await client.productOrders.get(id, { fields: ["state"] });
  // @ts-expect-error a projection has only the attributes asked for (and id, href, @type)
  void order.description;
  return order.state;
}

export const tmf622Order: ProductOrderCreate = productOrder().item(addProduct("PO-FIBRE-1G")).build();
export const tmf622Mistake: ProductOrderCreate = {
  // @ts-expect-error "explode" is not an item action of TMF622
  productOrderItem: [{ id: "01", action: "explode" }],
};

/** A TMF638 Service Inventory client of one business unit, another unit's, and the fields-typed projection of `get`. */
export async function serviceState(id: string): Promise<string | undefined> {
  const inventory: ServiceInventoryClient = createServiceInventoryClient({
    baseUrl: "https://gw.example.com/tmf-api/serviceInventory/v4",
    businessId: "JM",
    clientId: "consumer-client",
    clientSecret: "consumer-secret",
  });
  const all: Service[] = await inventory.forBusiness("BB").services.retrieve(id, { "relatedParty.id": "ACC-1" });
  const service = await inventory.services
    .get(id, { fields: ["state"] })
    .catch((e: unknown) => (e instanceof ServiceCountError ? undefined : Promise.reject(e)));
  // @ts-expect-error a projection has only the attributes asked for (and id, href, @type)
  void service?.description;
  return service?.state ?? all[0]?.state;
}

/**
 * A MasStack multisim created on the simulator and followed to its callback, which the simulator
 * hands to the receiver in the process; the service id comes back a string.
 */
export async function masstackMultisim(eid: string, iccid: string): Promise<string> {
  const masstackCallbacks: CallbackReceiver = createCallbackReceiver({ secret: "consumer-callback-secret-0123456789abcdef", url: "http://127.0.0.1/masstack" });
  masstackCallbacks.on("error", (callback: ReceivedCallback) => console.error(callback.workflowId, callback.body));
  const sim: MasStackSimulator = createMasStackSimulator({ callbackFetch: (url, init) => masstackCallbacks.handle(new Request(url, init)) });
  const masstack: MasStackClient = createMasStackClient({
    baseUrl: sim.baseUrl,
    fetch: sim.fetch,
    serviceAccount: await sim.createServiceAccount(),
    callbacks: masstackCallbacks,
  });
  const operation: MasStackOperation<ServiceCallback> = masstack.services.multisim.create({ service_details: { secondary_eid: eid, secondary_iccid: iccid } });
  // @ts-expect-error a multisim's service_details need secondary_iccid: the published types must say so.
  void masstack.services.multisim.create({ service_details: { secondary_eid: eid } });
  // @ts-expect-error "EVERYTHING" is not a barring name.
  void masstack.barrings.update("multisim", "600000000", { barring_name: "EVERYTHING", active: true });
  try {
    const { result } = await operation;
    const id: string = notAny(result.service_id);
    return id;
  } catch (error) {
    if (error instanceof MasStackCallbackError) console.error(error.apiCode, error.title, error.workflowId);
    throw error;
  }
}

/** The shared-state stores on the user's own Redis connection. */
export const redisStores = (connection: RedisConnection): RedisStores => notAny<RedisStores>(createRedisStores({ connection, prefix: "consumer:" }));
