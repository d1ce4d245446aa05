/**
 * Bill limits (Giacom's "bill limits" use cases): the BILL_LIMIT characteristic, set when a
 * line is ordered (or left out for no limit), changed with a `modify` item (here together with
 * a tariff change: one item may carry several changes), and cleared by setting it to 0, since
 * an order cannot delete a characteristic.
 *
 * Prerequisites: none. `npx tsx examples/bill-limits.ts` runs it against a Giacom simulator on
 * 127.0.0.1. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs against Giacom's UAT
 * (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL) and places 3 real orders (a new
 * O2 line first: set SIM_SERIAL to a SIM from your stock).
 */
import { characteristicValue, modifyService, serviceOrder, type GiacomClient } from "giacom-sdk";
import { runExample } from "./shared/connect.js";
import { orderLine, submit } from "./shared/orders.js";

export async function run(giacom: GiacomClient, log: (line: string) => void = console.log, simSerial = "8944201122334455676"): Promise<void> {
  const lineId = await orderLine(giacom, log, { network: "O2", simSerial }); // ordered with .billLimit(100)
  const show = async () => {
    const line = await giacom.services.get(lineId);
    const value = (id: string) => characteristicValue(line, id);
    const limit = value("BILL_LIMIT");
    // No limit shows as BILL_LIMIT 0 or as no BILL_LIMIT at all: treat both alike.
    log(`  bill limit: ${limit === undefined ? "none (no BILL_LIMIT)" : limit === "0" ? "none (BILL_LIMIT 0)" : limit}, tariff ${value("TARIFF")}`);
  };
  await show();
  const order = serviceOrder().externalReference("5011", { type: "order_id", name: "ACME Comms" }).distributor("ACME Comms");

  log("\nRaise the limit to 250, and move to tariff 62230 in the same item:");
  await submit(giacom, order.item(modifyService(lineId).billLimit(250).tariff("62230")).build(), log);
  await show();

  log("\nClear the limit (BILL_LIMIT 0):");
  await submit(giacom, order.item(modifyService(lineId).clearBillLimit()).build(), log);
  await show();
}

runExample(import.meta.url, (giacom) => run(giacom, console.log, process.env.SIM_SERIAL));
