/**
 * Discovering what can be ordered (Giacom's "configuring a service" use case): the
 * specifications Giacom supplies (the document's JSONPath filter), narrowed to a category,
 * counted per category, and one specification read closely: its tariffs, how each
 * characteristic is used, and its features by bundle with the bars that exclude each other.
 *
 * Prerequisites: none. `npx tsx examples/catalogue-discovery.ts` runs it against a Giacom
 * simulator on 127.0.0.1; with GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set, against Giacom's
 * UAT (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL). It only reads.
 */
import { jsonPath, type CharacteristicSpecification, type GiacomClient, type ServiceCategory } from "giacom-sdk";
import { runExample } from "./shared/connect.js";

const CATEGORIES: ServiceCategory[] = ["Mobile Voice Service", "Mobile Data only Service", "Mobile Bolt On"];

/** The document's three kinds of characteristic, by cardinality and `configurable`. */
function usage(c: CharacteristicSpecification): string {
  if (c.configurable === false) return "informational (set by Giacom)";
  return (c.minCardinality ?? 0) >= 1 ? "mandatory" : "optional";
}

export async function run(giacom: GiacomClient, log: (line: string) => void = console.log, specificationId = "MOBILE_VOICE_SRV_GIACOM_O2"): Promise<void> {
  // $.relatedParty[?(@.role=="supplier" && @.partyOrPartyRole.id=="GIACOM")], URL-encoded by the SDK.
  const suppliedByGiacom = jsonPath.relatedParty({ role: "supplier", id: "GIACOM" });
  const { items: all } = await giacom.serviceSpecifications.list({ filter: suppliedByGiacom });
  log(`Supplied by GIACOM: ${all.map((s) => s.id).join(", ")}`);

  const { items: voice } = await giacom.serviceSpecifications.list({ category: "Mobile Voice Service", filter: suppliedByGiacom });
  log(`...in "Mobile Voice Service": ${voice.map((s) => `${s.id} (${s.name})`).join(", ")}`);

  // count() asks for limit=0 and reads X-Total-Count: no specification is transferred.
  for (const category of CATEGORIES) log(`  ${category}: ${await giacom.serviceSpecifications.count({ category, filter: suppliedByGiacom })}`);

  const spec = await giacom.serviceSpecifications.get(specificationId);
  log(`\n${spec.id} version ${spec.version}, ${spec.category}, ${spec.lifecycleStatus}`);
  const tariffs = spec.specCharacteristic?.find((c) => c.id === "TARIFF")?.characteristicValueSpecification ?? [];
  log("Tariffs (TARIFF):");
  for (const t of tariffs) log(`  ${t.value}  ${t.name}${t.isDefault ? "  (default)" : ""}`);

  log("Characteristics:");
  for (const c of spec.specCharacteristic ?? []) {
    const needs = (c.charSpecRelationship ?? []).map((r) =>
      r.relationshipType === "value_eq" ? `${r.characteristicSpecificationId}=${r.characteristicSpecificationValue}` : r.characteristicSpecificationId,
    );
    log(`  ${c.id}: ${usage(c)}${needs.length > 0 ? `, only with ${needs.join(" and ")}` : ""}`);
  }

  log("Features, by bundle (default state in brackets):");
  const features = spec.featureSpecification ?? [];
  for (const bundle of features.filter((f) => f.isBundle)) {
    const members = (bundle.featureSpecRelationship ?? [])
      .filter((r) => r.relationshipType === "includes")
      .map((r) => features.find((f) => f.id === r.featureId));
    log(`  ${bundle.id}: ${members.map((f) => `${f?.id} [${f?.isEnabled ? "on" : "off"}]`).join(", ")}`);
  }
  for (const f of features) {
    const excludes = (f.featureSpecRelationship ?? []).filter((r) => r.relationshipType === "excludes").map((r) => r.featureId);
    if (excludes.length > 0) log(`  ${f.id} excludes ${excludes.join(", ")}`);
  }
  const standalone = features.filter(
    (f) => !f.isBundle && !features.some((b) => b.featureSpecRelationship?.some((r) => r.relationshipType === "includes" && r.featureId === f.id)),
  );
  if (standalone.length > 0) log(`  outside any bundle: ${standalone.map((f) => f.id).join(", ")}`);
}

runExample(import.meta.url, (giacom) => run(giacom));
