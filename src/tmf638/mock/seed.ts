// The simulator's default inventory: four business units (the seed's TT, BB, JM and PA), each with
// its own services. The first service of each unit has every attribute of the seed's 200 example
// (002, L54-570) with realistic values in place of its "string" placeholders (a mobile line with
// its SIM and number, the radio service it relies on, a data bundle); the others are the smaller
// records a legacy backend returns (fixed voice, broadband, TV). Party ids are account numbers
// (the seed's `relatedParty.id` is "accountId"); `serviceRelationship.service.category` is "RFS"
// on every resource-facing service a customer-facing one relies on, so the seed's filters all
// have something to find and something to leave out.
import type { Service, ServiceState } from "../generated/types.js";

/** What differs between the business units: the country, the dialling code and the legacy backend. */
interface Unit {
  id: string;
  country: string;
  dial: string;
  backend: string;
  city: string;
}

const UNITS: Unit[] = [
  { id: "TT", country: "Trinidad and Tobago", dial: "1868", backend: "Liberate", city: "Port of Spain" },
  { id: "BB", country: "Barbados", dial: "1246", backend: "Cerillion", city: "Bridgetown" },
  { id: "JM", country: "Jamaica", dial: "1876", backend: "Eda", city: "Kingston" },
  { id: "PA", country: "Panama", dial: "507", backend: "Movistar", city: "Panama City" },
];

const API = "https://simulator.example/tmf-api";

const party = (account: string, name: string, phone: string) => ({
  id: account,
  href: `${API}/accountManagement/v4/billingAccount/${account}`,
  name,
  role: "owner",
  "@baseType": "RelatedParty",
  "@schemaLocation": `${API}/schema/RelatedParty.schema.json`,
  "@type": "RelatedParty",
  "@referredType": "BillingAccount",
  contact: { contactMedium: [{ mediumType: "telephoneNumber", characteristic: { phoneNumber: phone } }] },
});

const characteristic = (id: string, name: string, value: string, valueType = "string") => ({
  id,
  name,
  valueType,
  value,
  "@type": "StringCharacteristic",
});

const specification = (id: string, name: string, version = "1.0") => ({
  id,
  href: `${API}/serviceCatalogManagement/v4/serviceSpecification/${id}`,
  name,
  version,
  "@referredType": "ServiceSpecification",
});

/** A mobile line with every attribute the seed's example shows, its radio service and its data bundle. */
function mobileLine(unit: Unit, n: number): Service {
  const id = `${n}`;
  const account = `${unit.id}-${n + 500000}`;
  const msisdn = `${unit.dial}${n % 10_000_000}`.slice(0, 11);
  const started = "2021-10-27T21:56:19.165Z";
  const rfs: Service = {
    id: `${n + 1}`,
    href: `${API}/serviceInventory/v4/${unit.id}/service/${n + 1}`,
    category: "RFS",
    description: `GSM/LTE radio access for ${msisdn}`,
    hasStarted: true,
    isBundle: false,
    isServiceEnabled: true,
    isStateful: true,
    name: "Mobile radio access",
    serviceDate: "2021-10-27",
    serviceType: "MobileAccess",
    startDate: started,
    startMode: "1",
    serviceCharacteristic: [characteristic(`${n + 1}-1`, "networkTechnology", "LTE")],
    serviceSpecification: specification("RFS-MOB-ACCESS", "Mobile radio access"),
    state: "active",
    supportingResource: [
      {
        id: `SIM-${n}`,
        href: `${API}/resourceInventoryManagement/v4/resource/SIM-${n}`,
        name: "SIM card",
        value: `8918${unit.dial}${n}0000`.slice(0, 19),
        "@referredType": "LogicalResource",
      },
    ],
    "@type": "Service",
  };
  return {
    id,
    category: "CFS",
    description: `${unit.country} postpaid mobile line for ${msisdn}`,
    endDate: "2026-10-27T21:56:19.165Z",
    hasStarted: true,
    isBundle: true,
    isServiceEnabled: true,
    isStateful: true,
    name: "Postpaid Mobile 20GB",
    serviceDate: "2021-10-27",
    serviceType: "MobilePostpaid",
    startDate: started,
    startMode: "1",
    feature: [
      {
        id: `${id}-F1`,
        isBundle: false,
        isEnabled: true,
        name: "Roaming",
        constraint: [
          {
            id: "ROAM-CARIB",
            href: `${API}/serviceCatalogManagement/v4/constraint/ROAM-CARIB`,
            name: "Caribbean roaming zone",
            version: "2.1",
            "@baseType": "ConstraintRef",
            "@schemaLocation": `${API}/schema/ConstraintRef.schema.json`,
            "@type": "ConstraintRef",
            "@referredType": "Constraint",
          },
        ],
        featureCharacteristic: [
          {
            id: `${id}-F1-C1`,
            name: "dailyCap",
            valueType: "string",
            characteristicRelationship: [{ id: `${id}-F1-C2`, relationshipType: "dependsOn" }],
            value: "25 USD",
            "@baseType": "Characteristic",
            "@schemaLocation": `${API}/schema/Characteristic.schema.json`,
            "@type": "StringCharacteristic",
          },
        ],
        featureRelationship: [
          {
            id: `${id}-F2`,
            name: "Data bundle",
            relationshipType: "dependsOn",
            validFor: { endDateTime: "2026-10-27T21:56:19.165Z", startDateTime: started },
          },
        ],
      },
    ],
    note: [{ id: `${id}-N1`, author: `${unit.backend} provisioning`, date: started, text: "Line activated at the point of sale" }],
    place: [
      {
        id: `${unit.id}-STORE-01`,
        href: `${API}/geographicAddressManagement/v4/geographicAddress/${unit.id}-STORE-01`,
        name: `${unit.city} flagship store`,
        role: "installationAddress",
        "@baseType": "Place",
        "@schemaLocation": `${API}/schema/Place.schema.json`,
        "@type": "GeographicAddress",
        "@referredType": "GeographicAddress",
      },
    ],
    relatedEntity: [
      {
        id: `AGR-${n}`,
        href: `${API}/agreementManagement/v4/agreement/AGR-${n}`,
        name: "24-month postpaid contract",
        role: "contract",
        "@baseType": "EntityRef",
        "@schemaLocation": `${API}/schema/EntityRef.schema.json`,
        "@type": "EntityRef",
        "@referredType": "Agreement",
      },
    ],
    relatedParty: [party(account, "Keisha Mohammed", `+${msisdn}`)],
    serviceCharacteristic: [
      {
        ...characteristic(`${id}-C1`, "msisdn", msisdn),
        characteristicRelationship: [{ id: `${id}-C2`, relationshipType: "dependsOn" }],
        "@baseType": "Characteristic",
        "@schemaLocation": `${API}/schema/Characteristic.schema.json`,
      },
      characteristic(`${id}-C2`, "dataAllowance", "20GB"),
    ],
    serviceOrderItem: [
      {
        itemId: "1",
        role: "creation",
        serviceOrderHref: `${API}/serviceOrdering/v4/serviceOrder/SO-${n}`,
        serviceOrderId: `SO-${n}`,
        itemAction: "add",
        "@referredType": "ServiceOrder",
      },
    ],
    serviceRelationship: [
      {
        relationshipType: "reliesOn",
        service: rfs,
        serviceRelationshipCharacteristic: [
          {
            ...characteristic(`${id}-R1`, "priority", "primary"),
            characteristicRelationship: [{ id: `${id}-C1`, relationshipType: "servedBy" }],
            "@baseType": "Characteristic",
            "@schemaLocation": `${API}/schema/Characteristic.schema.json`,
          },
        ],
      },
    ],
    serviceSpecification: {
      ...specification("CFS-MOB-POST", "Postpaid mobile", "3.2"),
      "@baseType": "ServiceSpecificationRef",
      "@schemaLocation": `${API}/schema/ServiceSpecificationRef.schema.json`,
      "@type": "ServiceSpecificationRef",
    },
    state: "active",
    supportingResource: [
      {
        id: `MSISDN-${msisdn}`,
        href: `${API}/resourceInventoryManagement/v4/resource/MSISDN-${msisdn}`,
        name: "Mobile number",
        value: msisdn,
        "@baseType": "ResourceRef",
        "@schemaLocation": `${API}/schema/ResourceRef.schema.json`,
        "@type": "ResourceRef",
        "@referredType": "LogicalResource",
      },
    ],
    supportingService: [
      {
        id: `${n + 2}`,
        href: `${API}/serviceInventory/v4/${unit.id}/service/${n + 2}`,
        category: "CFS",
        description: "20GB monthly data bundle",
        hasStarted: true,
        isBundle: false,
        isServiceEnabled: true,
        isStateful: true,
        name: "Data 20GB",
        serviceDate: "2021-10-27",
        serviceType: "MobileData",
        startDate: started,
        startMode: "1",
        serviceSpecification: specification("CFS-MOB-DATA", "Mobile data bundle"),
        state: "active",
        "@type": "Service",
      },
    ],
    "@type": "Service",
  };
}

/** A fixed service as a legacy backend returns it: what it is, whose it is, where it stands. */
function fixed(unit: Unit, n: number, kind: "FixedVoice" | "Broadband" | "IPTV", account: string, state: ServiceState, startDate: string): Service {
  const names = { FixedVoice: "Home phone", Broadband: "Fibre 300 Mbps", IPTV: "Flow TV Premium" };
  const rfs = { FixedVoice: "copper line", Broadband: "GPON access" };
  return {
    id: `${n}`,
    category: "CFS",
    description: `${names[kind]} at a residence in ${unit.city}`,
    hasStarted: state !== "reserved",
    isBundle: false,
    isServiceEnabled: state === "active",
    isStateful: true,
    name: names[kind],
    serviceDate: startDate.slice(0, 10),
    serviceType: kind,
    startDate,
    startMode: "3",
    relatedParty: [party(account, "Andre Baptiste", `+${unit.dial}5550${n % 1000}`)],
    serviceCharacteristic: [characteristic(`${n}-C1`, "bandwidth", kind === "Broadband" ? "300Mbps" : "n/a")],
    // TV is delivered over the household's broadband (the service before it), not over a network resource.
    serviceRelationship: [
      {
        relationshipType: "reliesOn",
        service:
          kind === "IPTV"
            ? {
                id: `${n - 1}`,
                href: `${API}/serviceInventory/v4/${unit.id}/service/${n - 1}`,
                name: names.Broadband,
                category: "CFS",
                "@referredType": "Service",
              }
            : { id: `${n}-RFS`, href: `${API}/serviceInventory/v4/${unit.id}/service/${n}-RFS`, name: rfs[kind], category: "RFS", "@referredType": "Service" },
      },
    ],
    serviceSpecification: specification(`CFS-${kind.toUpperCase()}`, names[kind]),
    state,
    "@type": "Service",
  };
}

/**
 * The default inventory, by business unit (a fresh copy on every call): TT, BB, JM and PA, each
 * with a postpaid mobile line carrying every attribute the seed's example shows, and fixed
 * services (voice, broadband, TV) in several states for two accounts.
 * @group Simulator
 * @example
 * ```ts
 * const { TT } = defaultInventory();
 * const sim = createServiceInventorySimulator({ businessUnits: { TT, XX: [] } });
 * ```
 */
export function defaultInventory(): Record<string, Service[]> {
  return Object.fromEntries(
    UNITS.map((unit, u) => {
      const base = 2_964_300 + u * 1_000_000;
      const account = `${unit.id}-${base + 700000}`;
      return [
        unit.id,
        [
          mobileLine(unit, base),
          fixed(unit, base + 10, "FixedVoice", account, "active", "2019-03-14T10:00:00.000Z"),
          fixed(unit, base + 11, "Broadband", account, "active", "2020-06-01T09:30:00.000Z"),
          fixed(unit, base + 12, "IPTV", account, "inactive", "2022-01-20T15:45:00.000Z"),
          fixed(unit, base + 13, "Broadband", `${unit.id}-${base + 700001}`, "reserved", "2024-05-02T08:00:00.000Z"),
        ],
      ];
    }),
  );
}
