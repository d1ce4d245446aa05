/**
 * Provisioning new lines (Giacom's "new mobile service" use case): an O2 line on a triple SIM,
 * exactly the document's order, and a Vodafone eSIM delivered by email. Giacom gives each line
 * a subscriber number from its pool; the completed service shows it.
 *
 * Prerequisites: none. `npx tsx examples/new-line.ts` runs it against a Giacom simulator on
 * 127.0.0.1. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs against Giacom's UAT
 * (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL) and places 2 real orders; use a
 * SIM serial from your own stock for the O2 line.
 */
import { addService, characteristicValue as value, serviceOrder, type GiacomClient } from "giacom-sdk";
import { runExample } from "./shared/connect.js";
import { serviceIdOf, submit } from "./shared/orders.js";

const O2_SIM_SERIAL = "8944201122334455667";

export async function run(giacom: GiacomClient, log: (line: string) => void = console.log): Promise<void> {
  // Order-level parts shared by both orders: builders are immutable, so this is a template.
  const order = serviceOrder().externalReference("5001", { type: "order_id", name: "ACME Comms" }).distributor("ACME Comms");

  log("O2, triple SIM, with a bill limit of 100 and the document's features:");
  const o2 = addService("MOBILE_VOICE_SRV_GIACOM_O2", 1)
    .externalIdentifier("123", { owner: "ACME Comms", type: "service_id" })
    .distributor("ACME Comms")
    .billLimit(100)
    .tariff("62231")
    .simType("triple")
    .simSerial(O2_SIM_SERIAL) // every SIM except a new Vodafone eSIM needs its serial
    .enable("BAR_PREMIUM", "BAR_ROAMING", "NET_CONF_CALL", "NET_SRV_MMS", "NET_SRV_WIFI_CALL", "APN_INTERNET", "APN_IPHONE_985");
  const o2Line = await giacom.services.get(serviceIdOf(await submit(giacom, order.item(o2).build(), log)));
  log(`  service ${o2Line.id}: ${o2Line.state}, number ${value(o2Line, "SUBSCRIBER_NUMBER")}, SIM ${value(o2Line, "SIM_SERIAL")}`);

  log("\nVodafone eSIM, sent by email to its user:");
  // No SIM_SERIAL: Vodafone creates the eSIM when it is ordered, and Giacom adds its serial
  // (and the QR code) to the service. The email and contact name are only for eSIMs.
  const vodafone = addService("MOBILE_VOICE_SRV_GIACOM_VF", 1)
    .distributor("ACME Comms")
    .tariff("55629")
    .simType("e_sim")
    .esimDelivery({ email: "someone@email.com", contactName: "someone" })
    .enable("BAR_PREMIUM", "APN_INTERNET");
  const esimLine = await giacom.services.get(serviceIdOf(await submit(giacom, order.item(vodafone).build(), log)));
  log(
    `  service ${esimLine.id}: ${esimLine.state}, number ${value(esimLine, "SUBSCRIBER_NUMBER")}, SIM ${value(esimLine, "SIM_SERIAL")} (${value(esimLine, "SIM_TYPE")})`,
  );
  log(`  eSIM sent to ${value(esimLine, "ESIM_DELIVERY_EMAIL")}; QR code ${value(esimLine, "ESIM_QR_CODE") ? "on the service" : "not yet available"}`);
}

runExample(import.meta.url, (giacom) => run(giacom));
