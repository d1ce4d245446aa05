/**
 * SIM swaps (Giacom's "SIM swap" use case): a `modify` item whose characteristics say which
 * SIM the line moves to. What to send depends on the network and the case:
 *
 * | network  | from -> to        | SIM_SERIAL          | SIM_TYPE              | eSIM email / contact name            |
 * | -------- | ----------------- | ------------------- | --------------------- | ------------------------------------ |
 * | O2       | same type         | the new SIM's       | optional, ignored     | -                                    |
 * | O2       | type changes      | the new SIM's       | the new type          | -                                    |
 * | Vodafone | triple -> triple  | the new SIM's       | optional, ignored     | -                                    |
 * | Vodafone | triple -> eSIM    | none (see below)    | "e_sim": the trigger  | required                             |
 * | Vodafone | eSIM -> eSIM      | none                | "e_sim": the trigger  | optional: new values, or reuse       |
 * | Vodafone | eSIM -> triple    | the new SIM's       | "triple"              | omit or blank: Giacom removes them   |
 *
 * Vodafone does not pre-dispatch eSIMs: it makes one when asked, so there is no serial to send
 * and SIM_TYPE is what triggers the swap; Giacom adds the new serial (and QR code) to the line.
 * Moving off an eSIM, Giacom removes the eSIM email, contact name and QR code from the line.
 * `simSwap()` sets whichever characteristics it is given; validation checks the set per network
 * (`giacomSupplierRules`), as shown at the end.
 *
 * Prerequisites: none. `npx tsx examples/sim-swap.ts` runs it against a Giacom simulator on
 * 127.0.0.1. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs against Giacom's UAT
 * (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL) and places 7 real orders: replace
 * the SIM serials below with SIMs from your own stock.
 */
import { formatIssues, modifyService, serviceOrder, type GiacomClient, type SimSwapOptions } from "giacom-sdk";
import { runExample } from "./shared/connect.js";
import { orderLine, submit } from "./shared/orders.js";

const SIMS = {
  o2Line: "8944201122334455672",
  o2Triple: "8944201122334455673",
  o2Esim: "8944201122334455674",
  vfLine: "8944112233445566780",
  vfTriple: "8944112233445566781",
};

export async function run(giacom: GiacomClient, log: (line: string) => void = console.log): Promise<void> {
  const swap = async (lineId: string, what: string, change: SimSwapOptions) => {
    log(`\n${what}:`);
    await submit(
      giacom,
      serviceOrder().externalReference("5005", { type: "order_id", name: "ACME Comms" }).item(modifyService(lineId).simSwap(change)).build(),
      log,
    );
    const line = new Map(((await giacom.services.get(lineId)).serviceCharacteristic ?? []).map((c) => [c.id, c.value?.[0]?.value]));
    const delivery = line.has("ESIM_DELIVERY_EMAIL") ? `, sent to ${line.get("ESIM_CONTACT_NAME")} <${line.get("ESIM_DELIVERY_EMAIL")}>` : "";
    log(`  now ${line.get("SIM_TYPE")} SIM ${line.get("SIM_SERIAL")}${delivery}${line.has("ESIM_QR_CODE") ? ", QR code ready" : ""}`);
  };

  const o2 = await orderLine(giacom, log, { network: "O2", simSerial: SIMS.o2Line });
  await swap(o2, "O2, triple to triple: the new serial only", { simSerial: SIMS.o2Triple });
  await swap(o2, "O2, triple to eSIM: the new serial and the new type", { simSerial: SIMS.o2Esim, simType: "e_sim" });

  log("");
  const vodafone = await orderLine(giacom, log, { network: "VF", simSerial: SIMS.vfLine });
  await swap(vodafone, "Vodafone, triple to eSIM: no serial, SIM_TYPE and where to send the eSIM", {
    simType: "e_sim",
    esimDelivery: { email: "jo@example.com", contactName: "Jo Bloggs" },
  });
  await swap(vodafone, "Vodafone, eSIM to a new eSIM: SIM_TYPE only, the delivery details are reused", { simType: "e_sim" });
  // Blank details, as the document allows: Giacom removes them (and the QR code) anyway.
  await swap(vodafone, "Vodafone, eSIM to triple: the new serial and the type", {
    simSerial: SIMS.vfTriple,
    simType: "triple",
    esimDelivery: { email: "", contactName: "" },
  });

  log("\nA mistake caught before sending: a serial for a Vodafone eSIM swap.");
  const check = await giacom.serviceOrders.validate(
    serviceOrder()
      .item(
        modifyService(vodafone).simSwap({
          simType: "e_sim",
          simSerial: "8944112233445566782",
          esimDelivery: { email: "jo@example.com", contactName: "Jo Bloggs" },
        }),
      )
      .build(),
  );
  log(formatIssues(check.issues).replace(/^/gm, "  "));
}

runExample(import.meta.url, (giacom) => run(giacom));
