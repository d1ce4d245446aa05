/**
 * Bolt-ons (Giacom's "add a bolt-on" and "cease a bolt-on" use cases): find the bolt-ons a
 * live line can take (specifications in the "Mobile Bolt On" category with an `addon_for`
 * relationship to the line's specification), add one with its BOLTON_TARIFF, list the line's
 * bolt-ons, and cease it again. A bolt-on is a service of its own: ceasing it is a `delete`
 * item naming the bolt-on's service id, not the line's.
 *
 * Prerequisites: none. `npx tsx examples/bolt-ons.ts` runs it against a Giacom simulator on
 * 127.0.0.1. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs against Giacom's UAT
 * (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL) and places 3 real orders
 * (a new O2 line first: set SIM_SERIAL to a SIM from your stock).
 */
import { addBoltOn, ceaseBoltOn, jsonPath, serviceOrder, type GiacomClient } from "giacom-sdk";
import { runExample } from "./shared/connect.js";
import { orderLine, serviceIdOf, submit } from "./shared/orders.js";

export async function run(giacom: GiacomClient, log: (line: string) => void = console.log, simSerial = "8944201122334455670"): Promise<void> {
  const lineId = await orderLine(giacom, log, { network: "O2", simSerial });
  const line = await giacom.services.get(lineId);
  const lineSpec = line.serviceSpecification?.id ?? "";

  // The bolt-ons for this line's specification, found by the API with a JSONPath filter.
  const { items: boltOns } = await giacom.serviceSpecifications.list({
    category: "Mobile Bolt On",
    filter: `$.serviceSpecRelationship[?(@.relationshipType=="addon_for" && @.id==${jsonPath.quote(lineSpec)})]`,
  });
  log(`\nBolt-ons for ${lineSpec}:`);
  for (const b of boltOns) {
    const allowance = b.specCharacteristic?.find((c) => c.id === "ALLOWANCE_TYPE")?.characteristicValueSpecification?.[0]?.value;
    const tariffs = b.specCharacteristic?.find((c) => c.id === "BOLTON_TARIFF")?.characteristicValueSpecification ?? [];
    log(`  ${b.id} (${allowance}): ${tariffs.map((t) => t.name).join("; ")}`);
  }
  const boltOn = boltOns[0];
  // Trimmed: the document's catalogue lists "WODDTU1 " with a trailing space, its orders send "WODDTU1".
  const tariff = boltOn?.specCharacteristic
    ?.find((c) => c.id === "BOLTON_TARIFF")
    ?.characteristicValueSpecification?.find((v) => v.isDefault)
    ?.value?.trim();
  if (!boltOn || tariff === undefined) throw new Error(`no bolt-on with a default tariff is offered for ${lineSpec}`);

  log(`\nAdd ${boltOn.id} with BOLTON_TARIFF ${tariff}:`);
  const added = await submit(
    giacom,
    serviceOrder()
      .externalReference("1007", { type: "order_id", name: "ACME Comms" })
      .distributor("ACME Comms")
      .item(addBoltOn(boltOn.id, { to: line.id, version: boltOn.version ?? 1 }).characteristic("BOLTON_TARIFF", tariff))
      .build(),
    log,
  );
  const boltOnId = serviceIdOf(added);

  // A line's bolt-ons are the services with an addon_for relationship to it.
  const { items: onLine } = await giacom.services.list({
    filter: `$.serviceRelationship[?(@.relationshipType=="addon_for" && @.service.id==${jsonPath.quote(line.id)})]`,
  });
  log(`  bolt-ons on ${line.id}: ${onLine.map((s) => `${s.id} ${s.serviceSpecification?.id} (${s.state})`).join(", ")}`);

  log(`\nCease bolt-on ${boltOnId}:`);
  await submit(
    giacom,
    serviceOrder().externalReference("1017", { type: "order_id", name: "ACME Comms" }).distributor("ACME Comms").item(ceaseBoltOn(boltOnId)).build(),
    log,
  );
  log(`  bolt-on ${boltOnId}: ${(await giacom.services.get(boltOnId)).state}; line ${line.id}: ${(await giacom.services.get(line.id)).state}`);
}

runExample(import.meta.url, (giacom) => run(giacom, console.log, process.env.SIM_SERIAL));
