/**
 * Converting a line between voice-and-data and data only (Giacom's "convert a service" use
 * case): a `modify` item that moves the live service to another specification, with a tariff
 * of that specification. A conversion is allowed only between specifications joined by a
 * `convertible_to` relationship (on either of them), one "Mobile Voice Service" and the other
 * "Mobile Data only Service", so the example looks for one first. Giacom carries the line's
 * other characteristics (number, SIM, bill limit) over to the new specification.
 *
 * Prerequisites: none. `npx tsx examples/voice-data-conversion.ts` runs it against a Giacom
 * simulator on 127.0.0.1. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs against
 * Giacom's UAT (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL) and places 3 real
 * orders (a new O2 line first: set SIM_SERIAL to a SIM from your stock).
 */
import { characteristicValue, modifyService, serviceOrder, type GiacomClient, type Service, type ServiceSpecification } from "giacom-sdk";
import { runExample } from "./shared/connect.js";
import { orderLine, submit } from "./shared/orders.js";

const convertible = (from: ServiceSpecification, to: ServiceSpecification) =>
  [
    [from, to],
    [to, from],
  ].some(([a, b]) => a!.serviceSpecRelationship?.some((r) => r.relationshipType === "convertible_to" && r.id === b!.id));

const defaultTariff = (spec: ServiceSpecification) =>
  spec.specCharacteristic?.find((c) => c.id === "TARIFF")?.characteristicValueSpecification?.find((v) => v.isDefault)?.value;

const summary = (s: Service) =>
  `${s.serviceSpecification?.id} (${s.category}), tariff ${characteristicValue(s, "TARIFF")}, number ${characteristicValue(s, "SUBSCRIBER_NUMBER")}`;

export async function run(giacom: GiacomClient, log: (line: string) => void = console.log, simSerial = "8944201122334455675"): Promise<void> {
  const lineId = await orderLine(giacom, log, { network: "O2", simSerial });
  const voiceLine = await giacom.services.get(lineId);
  log(`  ${summary(voiceLine)}`);
  const voice = await giacom.serviceSpecifications.get(voiceLine.serviceSpecification!.id);

  // The data-only specifications this one converts to (the relationship may sit on either side).
  const { items: dataSpecs } = await giacom.serviceSpecifications.list({ category: "Mobile Data only Service" });
  const data = dataSpecs.find((d) => convertible(voice, d));
  const dataTariff = data && defaultTariff(data);
  if (!data || !dataTariff) {
    log(`${voice.id} has no convertible_to relationship with a data-only specification: it cannot be converted.`);
    return;
  }

  const convert = async (to: ServiceSpecification, tariff: string) => {
    log(`\nConvert to ${to.id} with tariff ${tariff}:`);
    const item = modifyService(lineId)
      .changeSpecification(to.id, to.version ?? 1)
      .tariff(tariff);
    await submit(giacom, serviceOrder().externalReference("5009", { type: "order_id", name: "ACME Comms" }).distributor("ACME Comms").item(item).build(), log);
    log(`  ${summary(await giacom.services.get(lineId))}`);
  };
  await convert(data, dataTariff);
  await convert(voice, defaultTariff(voice) ?? "62231");
}

runExample(import.meta.url, (giacom) => run(giacom, console.log, process.env.SIM_SERIAL));
