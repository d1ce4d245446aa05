/**
 * Stock units (Giacom's "creating a stock unit" use case): resources such as subscriber
 * numbers and SIM cards, pre-provisioned for later service orders. Create a subscriber number,
 * find it by its number, make it available, and delete it.
 *
 * Prerequisites: none. `npx tsx examples/stock-units.ts` runs it against a Giacom simulator on
 * 127.0.0.1. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs against Giacom's UAT
 * (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL) and changes real UAT stock: set
 * STOCK_NUMBER to a number you may add (the unit is deleted at the end).
 */
import { characteristicValue, isGiacomError, jsonPath, type GiacomClient, type Resource } from "giacom-sdk";
import { runExample } from "./shared/connect.js";

const summary = (r: Resource) =>
  `unit ${r.id}: ${r.resourceCharacteristic?.map((c) => `${c.id}=${c.value?.[0]?.value}`).join(", ")}; ${r.administrativeState}, ${r.operationalState}, ${r.resourceStatus}`;

export async function run(giacom: GiacomClient, log: (line: string) => void = console.log, subscriberNumber = "07571234568"): Promise<void> {
  log(`Create a subscriber number stock unit for ${subscriberNumber}:`);
  const created = await giacom.resources.create({
    administrativeState: "locked",
    operationalState: "disable",
    resourceStatus: "planned",
    relatedParty: [
      { role: "distributor", partyOrPartyRole: { id: "ACME Comms" } },
      { role: "supplier", partyOrPartyRole: { id: "GIACOM" } },
      { role: "network", partyOrPartyRole: { id: "VODAFONE" } },
    ],
    resourceSpecification: { id: "Mobile_Subscriber_number" },
    resourceCharacteristic: [
      { id: "SUBSCRIBER_NUMBER", value: [{ value: subscriberNumber }] },
      { id: "SN_SPID", value: [{ value: "GS901234" }] },
    ],
  });
  log(`  ${summary(created)}, operating until ${created.endOperatingDate}`);

  // Resource searches take only a JSONPath filter (or nothing: the whole stock).
  const { items: stock } = await giacom.resources.list();
  const numbers = stock.filter((r) => r.resourceSpecification?.id === "Mobile_Subscriber_number");
  log(`Subscriber numbers in stock: ${numbers.map((r) => characteristicValue(r, "SUBSCRIBER_NUMBER")).join(", ")}`);
  const [found] = (
    await giacom.resources.list({ filter: jsonPath.characteristicValue("SUBSCRIBER_NUMBER", subscriberNumber, { on: "resourceCharacteristic" }) })
  ).items;
  log(`Found by number: unit ${found?.id}`);

  log("\nMake it available (a PATCH changes only the fields it names):");
  const updated = await giacom.resources.update(created.id, { administrativeState: "unlocked", operationalState: "enable", resourceStatus: "available" });
  log(`  ${summary(updated)}`);

  log("\nDelete it:");
  await giacom.resources.delete(created.id);
  try {
    await giacom.resources.get(created.id);
    log(`  unit ${created.id} is still there`);
  } catch (error) {
    if (!isGiacomError(error) || error.code !== "NOT_FOUND") throw error;
    log(`  unit ${created.id} is gone (${error.code})`);
  }
}

runExample(import.meta.url, (giacom) => run(giacom, console.log, process.env.STOCK_NUMBER));
