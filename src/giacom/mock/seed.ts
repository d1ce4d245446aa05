// The simulator's default data: the catalogue and inventory the Giacom document shows, plus
// what the document only shows in part, derived and labelled here:
// - GIACOM_O2_DATA_BOLT_ON: the document's bolt-on snippet (category, addon_for, ALLOWANCE_TYPE,
//   BOLTON_TARIFF) completed with the identity fields every documented specification has;
// - MOBILE_DATA_SRV_GIACOM_O2: the target of the documented voice-to-data conversion: the O2
//   voice specification with the data category, the tariffs the document uses for data (62225
//   in the conversion order, 62228 on the documented data service) and a convertible_to
//   relationship back to voice, which the document says conversions require;
// - service "7": the live bolt-on the documented "cease a bolt-on" order names.
import { documentedSeed } from "../generated/seed.js";
import type { Resource, ResourceSpecification, Service, ServiceSpecification } from "../types.js";

/**
 * Data for a simulator: what its catalogue and inventory hold at the start.
 * @group Simulator
 * @example
 * ```ts
 * const seed: SimulatorSeed = { ...defaultSeed(), services: [] }; // the catalogue, no live services
 * ```
 */
export interface SimulatorSeed {
  serviceSpecifications: ServiceSpecification[];
  resourceSpecifications: ResourceSpecification[];
  services: Service[];
  resources: Resource[];
}

/**
 * The Giacom document's catalogue and inventory (a fresh copy on every call): the Vodafone and
 * O2 voice specifications, the O2 data and O2 data bolt-on specifications, the SIM and
 * subscriber-number resource specifications, the documented voice and data services, a live
 * bolt-on, and the documented subscriber-number stock unit.
 * @group Simulator
 * @example
 * ```ts
 * const sim = createGiacomSimulator({ seed: { ...defaultSeed(), services: [myLine] } });
 * ```
 */
export function defaultSeed(): SimulatorSeed {
  const seed = structuredClone(documentedSeed);
  const [voiceVf, voiceO2] = seed.serviceSpecifications as [ServiceSpecification, ServiceSpecification];
  const boltOn: ServiceSpecification = {
    id: "GIACOM_O2_DATA_BOLT_ON",
    lastUpdate: "2025-02-12T16:06:44.318Z",
    version: 1,
    name: "Giacom O2 Data Bolt-On",
    description: "Giacom O2 Data Bolt-On",
    isBundle: false,
    lifecycleStatus: "Launched",
    relatedParty: [
      { role: "supplier", partyOrPartyRole: { id: "GIACOM" } },
      { role: "network", partyOrPartyRole: { id: "O2" } },
    ],
    ...seed.boltOnSpecificationSnippet,
    featureSpecification: [],
  };
  const dataO2: ServiceSpecification = {
    ...structuredClone(voiceO2),
    id: "MOBILE_DATA_SRV_GIACOM_O2",
    name: "Mobile Data Giacom-O2",
    description: "Mobile Data Giacom-O2",
    category: "Mobile Data only Service",
    serviceSpecRelationship: [{ relationshipType: "convertible_to", id: "MOBILE_VOICE_SRV_GIACOM_O2" }],
    specCharacteristic: voiceO2.specCharacteristic!.map((c) =>
      c.id !== "TARIFF"
        ? structuredClone(c)
        : {
            ...structuredClone(c),
            characteristicValueSpecification: [
              { name: "62225", description: "62225", valueType: "string", isDefault: true, value: "62225" },
              {
                name: "AIOMB100 - All In One Mobile Broadband 100GB V24Q2",
                description: "AIOMB100 - All In One Mobile Broadband 100GB V24Q2",
                valueType: "string",
                isDefault: false,
                value: "62228",
              },
            ],
          },
    ),
  };
  const [line] = seed.services as [Service, Service];
  const liveBoltOn: Service = {
    id: "7",
    version: 1,
    name: "Giacom O2 Data Bolt-On",
    category: "Mobile Bolt On",
    state: "active",
    operatingStatus: "running",
    hasStarted: true,
    isServiceEnabled: true,
    serviceSpecification: { id: "GIACOM_O2_DATA_BOLT_ON", version: "1" },
    serviceRelationship: [{ relationshipType: "addon_for", service: { id: line.id } }],
    serviceCharacteristic: [{ id: "BOLTON_TARIFF", value: [{ value: "WODDTU1" }] }],
  };
  return {
    serviceSpecifications: [voiceVf, voiceO2, ...seed.serviceSpecifications.slice(2), boltOn, dataO2],
    resourceSpecifications: seed.resourceSpecifications,
    services: [...seed.services, liveBoltOn],
    resources: seed.resources,
  };
}
