/**
 * Porting a number in (Giacom's "port a number" use case): a new Vodafone eSIM line that takes
 * over an existing number with its PAC on a chosen date. SUBSCRIBER_NUMBER, PAC and PORT_DATE
 * go together: PAC requires the number, PORT_DATE requires the PAC. Giacom drops the PAC from
 * the service once the number is ported.
 *
 * Prerequisites: none. `npx tsx examples/port-in.ts` runs it against a Giacom simulator on
 * 127.0.0.1. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs against Giacom's UAT
 * (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL) and places a real port-in
 * order: set PORT_NUMBER and PORT_PAC to a number and PAC your UAT account may port.
 */
import { addService, characteristicValue, serviceOrder, type GiacomClient } from "giacom-sdk";
import { runExample } from "./shared/connect.js";
import { serviceIdOf, submit } from "./shared/orders.js";

export async function run(
  giacom: GiacomClient,
  log: (line: string) => void = console.log,
  { subscriberNumber = "07400123456", pac = "VUK123456" }: { subscriberNumber?: string | undefined; pac?: string | undefined } = {},
): Promise<void> {
  // The day the number moves over: tomorrow, here.
  const portDate = new Date(Date.now() + 86_400_000);
  const order = serviceOrder()
    .externalReference("1002", { type: "order_id", name: "ACME Comms" })
    .distributor("ACME Comms")
    .item(
      addService("MOBILE_VOICE_SRV_GIACOM_VF", 1)
        .distributor("ACME Comms")
        .billLimit(100)
        .tariff("55638")
        .portIn({ subscriberNumber, pac, portDate }) // SUBSCRIBER_NUMBER, PAC, PORT_DATE in the documented order
        .simType("e_sim")
        .esimDelivery({ email: "someone@email.com", contactName: "someone" })
        .enable("BAR_PREMIUM", "BAR_ROAMING", "NET_CONF_CALL", "NET_SRV_MMS", "NET_SRV_WIFI_CALL", "APN_INTERNET", "APN_TETHERING"),
    )
    .build();

  log(`Port ${subscriberNumber} (PAC ${pac}) to Vodafone on ${portDate.toISOString().slice(0, 10)}:`);
  const done = await submit(giacom, order, log);

  const line = await giacom.services.get(serviceIdOf(done));
  log(`  service ${line.id}: ${line.state}, number ${characteristicValue(line, "SUBSCRIBER_NUMBER")}`);
  log(`  PAC on the service: ${characteristicValue(line, "PAC") ?? "none (dropped once ported)"}`);
}

runExample(import.meta.url, (giacom) => run(giacom, console.log, { subscriberNumber: process.env.PORT_NUMBER, pac: process.env.PORT_PAC }));
