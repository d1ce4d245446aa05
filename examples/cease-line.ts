/**
 * Ceasing a line (Giacom's "cease a service" use case): a `delete` item naming the live service
 * and the `endDate` at which it is disconnected. Once ceased, the line cannot be changed or
 * ceased again; validation says so before anything is sent.
 *
 * Prerequisites: none. `npx tsx examples/cease-line.ts` runs it against a Giacom simulator on
 * 127.0.0.1. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs against Giacom's UAT
 * (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL) and places 2 real orders (a new
 * O2 line first: set SIM_SERIAL to a SIM from your stock).
 */
import { ceaseService, formatIssues, serviceOrder, type GiacomClient } from "giacom-sdk";
import { runExample } from "./shared/connect.js";
import { orderLine, submit } from "./shared/orders.js";

export async function run(giacom: GiacomClient, log: (line: string) => void = console.log, simSerial = "8944201122334455677"): Promise<void> {
  const lineId = await orderLine(giacom, log, { network: "O2", simSerial });

  // The first day of next month, at midnight UTC.
  const now = new Date();
  const endDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const cease = serviceOrder()
    .externalReference("5010", { type: "order_id", name: "ACME Comms" })
    .distributor("ACME Comms")
    .item(ceaseService(lineId, { endDate }))
    .build();

  log(`\nCease ${lineId} on ${endDate.toISOString()}:`);
  await submit(giacom, cease, log);
  const line = await giacom.services.get(lineId);
  log(`  service ${line.id}: ${line.state}, ${line.operatingStatus}, end date ${line.endDate}`);

  log("\nThe same cease again is refused locally:");
  const check = await giacom.serviceOrders.validate(cease);
  log(formatIssues(check.issues).replace(/^/gm, "  "));
}

runExample(import.meta.url, (giacom) => run(giacom, console.log, process.env.SIM_SERIAL));
