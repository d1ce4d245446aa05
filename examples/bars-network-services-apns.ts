/**
 * Changing features of a live line (Giacom's "change bars", "change network services" and
 * "change APN" use cases): each is a `modify` item that lists only the features to switch on
 * or off; the others keep their state. Bars that exclude each other (BAR_ROAMING against
 * BAR_INWHENROAM / BAR_OUTWHENROAM) are judged on the line as it will be after the change,
 * so a mistake is caught before the order is sent.
 *
 * Prerequisites: none. `npx tsx examples/bars-network-services-apns.ts` runs it against a
 * Giacom simulator on 127.0.0.1. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs
 * against Giacom's UAT (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL) and places
 * 4 real orders (a new O2 line first: set SIM_SERIAL to a SIM from your stock).
 */
import { formatIssues, modifyService, serviceOrder, type GiacomClient, type ModifyServiceBuilder } from "giacom-sdk";
import { runExample } from "./shared/connect.js";
import { orderLine, submit } from "./shared/orders.js";

export async function run(giacom: GiacomClient, log: (line: string) => void = console.log, simSerial = "8944201122334455671"): Promise<void> {
  const lineId = await orderLine(giacom, log, { network: "O2", simSerial });
  const show = async (prefix: string) => {
    const on = ((await giacom.services.get(lineId)).feature ?? []).filter((f) => f.isEnabled && f.id?.startsWith(prefix)).map((f) => f.id);
    log(`  ${prefix}* on: ${on.join(", ") || "none"}`);
  };
  const order = serviceOrder().distributor("ACME Comms");
  const change = (reference: string, item: ModifyServiceBuilder) =>
    submit(giacom, order.externalReference(reference, { type: "order_id", name: "ACME Comms" }).item(item).build(), log);

  await show("BAR_");
  await show("NET_");
  await show("APN_");

  log("\nBars: allow international roaming, but bar incoming and outgoing calls while roaming:");
  await change("5003", modifyService(lineId).disable("BAR_ROAMING").enable("BAR_INWHENROAM", "BAR_OUTWHENROAM"));
  await show("BAR_");

  log("\nA mistake: bar all roaming again while the roaming call bars are on.");
  const check = await giacom.serviceOrders.validate(order.item(modifyService(lineId).enable("BAR_ROAMING")).build());
  log(formatIssues(check.issues).replace(/^/gm, "  "));

  log("\nNetwork services: conference calls and WiFi calling off:");
  await change("5004", modifyService(lineId).disable("NET_CONF_CALL", "NET_SRV_WIFI_CALL"));
  await show("NET_");

  log("\nAPNs: from iPhone APN 985 to 986:");
  await change("5002", modifyService(lineId).disable("APN_IPHONE_985").enable("APN_IPHONE_986"));
  await show("APN_");
}

runExample(import.meta.url, (giacom) => run(giacom, console.log, process.env.SIM_SERIAL));
