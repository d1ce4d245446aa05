/**
 * Two steps most examples repeat: submitting an order and following it to its end, and ordering
 * a line to work on. Both are plain uses of the SDK, written out in examples/new-line.ts.
 */
import { addService, serviceOrder, type GiacomClient, type ServiceOrder, type ServiceOrderCreate } from "giacom-sdk";

/**
 * Submits an order, logs each state it reaches, and resolves with it once `completed`. Any
 * other end (`rejected`, `failed`, `cancelled`, `partial`) rejects with `OrderFailedError`.
 * The order is validated first (an `OrderValidationError` and nothing sent if it is wrong), and
 * carries one more external reference, the `submission_id` that keeps it from being created twice.
 */
export async function submit(giacom: GiacomClient, order: ServiceOrderCreate, log: (line: string) => void): Promise<ServiceOrder> {
  const operation = giacom.serviceOrders.submit(order);
  // Called on the order's first answer and on every change of its (or an item's) state.
  operation.onProgress((o) => log(`  order ${o.id}: ${o.state}`));
  return operation;
}

/** The id of the service an order's item `itemId` added or changed. */
export function serviceIdOf(order: ServiceOrder, itemId = "1"): string {
  const id = order.serviceOrderItem?.find((item) => item.id === itemId)?.service?.id;
  if (!id) throw new Error(`order ${order.id} names no service for item ${itemId}`);
  return id;
}

const LINES = {
  O2: { specification: "MOBILE_VOICE_SRV_GIACOM_O2", tariff: "62231", apn: "APN_IPHONE_985" },
  VF: { specification: "MOBILE_VOICE_SRV_GIACOM_VF", tariff: "55629", apn: "APN_TETHERING" },
} as const;

/**
 * Orders a new line on a triple SIM with a bill limit of 100 and the document's features (every
 * bar, network service and APN of its examples on), and returns its service id. On UAT,
 * `simSerial` must be a SIM from your own stock.
 */
export async function orderLine(
  giacom: GiacomClient,
  log: (line: string) => void,
  { network, simSerial }: { network: "O2" | "VF"; simSerial: string },
): Promise<string> {
  const { specification, tariff, apn } = LINES[network];
  log(`A new ${network} line to work on:`);
  const line = addService(specification)
    .tariff(tariff)
    .simType("triple")
    .simSerial(simSerial)
    .billLimit(100)
    .enable("BAR_PREMIUM", "BAR_ROAMING", "NET_CONF_CALL", "NET_SRV_MMS", "NET_SRV_WIFI_CALL", "APN_INTERNET", apn);
  return serviceIdOf(await submit(giacom, serviceOrder().distributor("ACME Comms").item(line).build(), log));
}
