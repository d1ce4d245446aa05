// Bodies for spec/tmf638.openapi.yaml: the vendor's seven error bodies and its 200 example, copied
// from seeds/002 (test/tmf638/spec.test.ts compares each with the seed's text at its line), and
// services built from the vendor's definitions table: one that fills every field of every schema
// the vendor documents, one in each state, and the official-only bodies (create, merge patch,
// hub, notifications). Each is valid against the spec with closed schemas (spec.test.ts), so the
// client and simulator tests can use them as golden bodies. Functions return fresh copies.
import type { ServiceInventoryEvent } from "../../src/tmf638/generated/events.js";
import type {
  ErrorBody,
  Hub,
  HubCreate,
  OrderItemAction,
  Service,
  ServiceCreate,
  ServiceRefOrValue,
  ServiceState,
  ServiceStateChangeEvent,
  ServiceUpdate,
} from "../../src/tmf638/generated/types.js";
import { loadSpecFile } from "../helpers/spec.js";

/** The API root the fixtures' `href`s use (the spec's server with `host` = example.com). */
export const API_ROOT = "https://example.com/tmf-api/serviceInventory/v4";

/** The business units the vendor names (seeds/002 L22). */
export const BUSINESS_UNITS = ["TT", "BB", "JM", "PA"] as const;

/** The statuses the vendor documents an error body for (seeds/002 L710-747). */
export const DOCUMENTED_ERROR_STATUSES = [400, 401, 404, 405, 500, 501] as const;
/** Every error status of the spec: the vendor's, and the official file's 403 and 409. */
export const ERROR_STATUSES = [400, 401, 403, 404, 405, 409, 500, 501] as const;

/**
 * The vendor's error bodies, as seeds/002 prints them: `line` is where the body starts (the 501
 * body spans L740-747), `status` the `[ NNN ]` heading it sits under.
 */
const DOCUMENTED_ERRORS: readonly { line: number; status: (typeof DOCUMENTED_ERROR_STATUSES)[number]; body: ErrorBody }[] = [
  {
    line: 713,
    status: 400,
    body: {
      errors: [
        {
          code: 400,
          message: "The request is invalid or not properly formed.",
          description: "The client sent too many requests and server is not able to serve them all at the moment",
        },
      ],
    },
  },
  {
    line: 718,
    status: 401,
    body: {
      errors: [
        {
          code: 401,
          message: "The user could not be authenticated for this request.",
          description: "The request has not been applied because it lacks valid authentication credentials for the target resource",
        },
      ],
    },
  },
  {
    line: 723,
    status: 404,
    body: {
      errors: [
        {
          code: 404,
          message: "Liberate :Service details not found for reference id:2964328",
          description:
            "SOAP-ENV:Client-Validation constraint violation: data type mismatch in element 'ns0:uniqueServId'-Validation constraint violation: data type mismatch in element 'ns0:uniqueServId'",
        },
      ],
    },
  },
  {
    line: 724,
    status: 404,
    body: { errors: [{ code: 404, message: "Liberate:Error invoking SOAP service for serviceId: 2964328", description: "SERVNOTFND-Service not found.-" }] },
  },
  {
    line: 729,
    status: 405,
    body: { errors: [{ code: 405, message: "APIKIT:METHOD_NOT_ALLOWED", description: "HTTP Method POST not allowed for : /{businessId}/service/{id}" }] },
  },
  {
    line: 734,
    status: 500,
    body: { errors: [{ code: 500, message: "The request failed due to an internal error.", description: "error description" }] },
  },
  {
    line: 740,
    status: 501,
    body: { errors: [{ code: 501, message: "NOT IMPLEMENTED", description: "Operation GET /service for Business Id: xxxx not implemented" }] },
  },
];

/** The vendor's seven error bodies with the line and status they are documented at. */
export function documentedErrors(): { line: number; status: (typeof DOCUMENTED_ERROR_STATUSES)[number]; body: ErrorBody }[] {
  return structuredClone(DOCUMENTED_ERRORS) as { line: number; status: (typeof DOCUMENTED_ERROR_STATUSES)[number]; body: ErrorBody }[];
}

/**
 * An error body for `status`: the vendor's first one for it, or, for the official file's 403 and
 * 409 (which the vendor does not document), one in the vendor's shape.
 */
export function errorBody(status: (typeof ERROR_STATUSES)[number]): ErrorBody {
  const documented = DOCUMENTED_ERRORS.find((e) => e.status === status);
  if (documented) return structuredClone(documented.body);
  const message = status === 403 ? "The client may not act on this service." : "The service changed since it was read.";
  return { errors: [{ code: status, message, description: status === 403 ? "FORBIDDEN" : "CONFLICT" }] };
}

/** The vendor's 200 example (seeds/002 L54-570): a one-element array, with its `"string"` placeholders. */
export function documentedServices(): Service[] {
  const spec = loadSpecFile<{ paths: never; components: { schemas: never; examples: Record<string, { value: Service[] }> } }>("tmf638.openapi.yaml");
  return structuredClone(spec.components.examples.RetrieveServiceResponse!.value);
}

const at = (day: number, hour = 9) => `2025-06-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;
const polymorphic = (type: string) => ({
  "@baseType": type,
  "@schemaLocation": `https://example.com/schemas/${type}.schema.json`,
  "@type": type,
});

/**
 * A mobile line that sets every property of every schema the vendor documents (seeds/002), the
 * polymorphic `@` fields and its extensions (`relatedParty.contact`, `serviceOrder`,
 * `serviceSpecification.targetServiceSchema`, `supportingResource.value`) included, so that a
 * closed schema checks each of them.
 */
export function fullService(): Service {
  const characteristicRelationship = [{ id: "CH-2", relationshipType: "dependsOn" }];
  const feature = {
    id: "F-ROAMING",
    isBundle: false,
    isEnabled: true,
    name: "roaming",
    constraint: [
      {
        ...polymorphic("ConstraintRef"),
        "@referredType": "Constraint",
        id: "CON-1",
        href: "https://example.com/constraint/CON-1",
        name: "EU only",
        version: "1.0",
      },
    ],
    featureCharacteristic: [
      { ...polymorphic("Characteristic"), id: "CH-1", name: "zone", valueType: "string", value: "EU", characteristicRelationship },
      { name: "dailyCap", valueType: "integer", value: 5 },
    ],
    featureRelationship: [{ id: "F-DATA", name: "data", relationshipType: "requires", validFor: { startDateTime: at(1), endDateTime: at(30) } }],
  };
  const relatedParty = {
    ...polymorphic("RelatedParty"),
    "@referredType": "Individual",
    id: "ACC-2964328",
    href: "https://example.com/tmf-api/partyManagement/v4/individual/ACC-2964328",
    name: "Jane Example",
    role: "accountHolder",
    contact: { contactMedium: [{ mediumType: "telephone number", characteristic: { phoneNumber: "+1 868 555 0100" } }] },
  };
  const serviceSpecification = {
    ...polymorphic("ServiceSpecificationRef"),
    "@referredType": "ServiceSpecification",
    id: "SS-MOBILE",
    href: "https://example.com/tmf-api/serviceCatalogManagement/v4/serviceSpecification/SS-MOBILE",
    name: "Mobile line",
    targetServiceSchema: "https://example.com/schemas/MobileLine.schema.json",
    version: "2.1",
  };
  const supportingResource = {
    ...polymorphic("ResourceRef"),
    "@referredType": "LogicalResource",
    id: "RES-MSISDN-1",
    href: "https://example.com/tmf-api/resourceInventoryManagement/v4/resource/RES-MSISDN-1",
    name: "MSISDN",
    value: "18685550100",
  };
  // A resource facing service by value, with every field ServiceRefOrValue has.
  const rfs: ServiceRefOrValue = {
    ...polymorphic("Service"),
    "@referredType": "ResourceFacingService",
    id: "RFS-2964329",
    href: `${API_ROOT}/TT/service/RFS-2964329`,
    category: "resource facing service",
    description: "Mobile access on the radio network",
    endDate: at(30, 23),
    hasStarted: true,
    isBundle: false,
    isServiceEnabled: true,
    isStateful: true,
    name: "Radio access",
    serviceDate: "2025-06-01",
    serviceType: "mobile",
    startDate: at(1),
    startMode: "1",
    feature: [feature],
    note: [{ id: "N-2", author: "network", date: at(1), text: "Provisioned on the radio network" }],
    place: [{ id: "CELL-7", role: "servingCell" }],
    relatedEntity: [{ id: "AGR-5", role: "contract", "@referredType": "Agreement" }],
    relatedParty: [{ id: "ACC-2964328", role: "accountHolder", "@referredType": "Individual" }],
    serviceCharacteristic: [{ name: "apn", valueType: "string", value: "internet" }],
    serviceOrderItem: [{ serviceOrderId: "SO-77", itemId: "2", itemAction: "add" }],
    serviceRelationship: [{ relationshipType: "reliesOn", service: { id: "RFS-CORE-1", "@referredType": "ResourceFacingService" } }],
    serviceSpecification: { id: "SS-RADIO" },
    state: "active",
    supportingResource: [{ id: "RES-SIM-1", name: "ICCID", value: "8918500000000000001" }],
    supportingService: [{ id: "RFS-CORE-1", "@referredType": "ResourceFacingService" }],
  };
  return {
    ...polymorphic("Service"),
    id: "2964328",
    href: `${API_ROOT}/TT/service/2964328`,
    category: "customer facing service",
    description: "Postpaid mobile line",
    endDate: at(30, 23),
    hasStarted: true,
    isBundle: true,
    isServiceEnabled: true,
    isStateful: true,
    name: "Mobile line 1 868 555 0100",
    serviceDate: "2025-06-01",
    serviceType: "postpaid",
    startDate: at(1),
    startMode: "3",
    feature: [feature],
    note: [{ ...polymorphic("Note"), id: "N-1", author: "agent-42", date: at(2), text: "Number ported in" }],
    place: [
      {
        ...polymorphic("RelatedPlaceRefOrValue"),
        "@referredType": "GeographicAddress",
        id: "ADDR-1",
        href: "https://example.com/tmf-api/geographicAddressManagement/v4/geographicAddress/ADDR-1",
        name: "Home",
        role: "billingAddress",
      },
    ],
    relatedEntity: [
      {
        ...polymorphic("RelatedEntityRefOrValue"),
        "@referredType": "Agreement",
        id: "AGR-5",
        href: "https://example.com/tmf-api/agreementManagement/v4/agreement/AGR-5",
        name: "24-month contract",
        role: "contract",
      },
    ],
    relatedParty: [relatedParty],
    serviceCharacteristic: [
      { ...polymorphic("Characteristic"), id: "CH-MSISDN", name: "msisdn", valueType: "string", value: "18685550100", characteristicRelationship },
    ],
    serviceOrder: [{ id: "SO-77", href: "https://example.com/tmf-api/serviceOrdering/v4/serviceOrder/SO-77", serviceOrderItemId: "1" }],
    serviceOrderItem: [
      {
        "@referredType": "ServiceOrderItem",
        itemAction: "add",
        itemId: "1",
        role: "creation",
        serviceOrderHref: "https://example.com/tmf-api/serviceOrdering/v4/serviceOrder/SO-77",
        serviceOrderId: "SO-77",
      },
    ],
    serviceRelationship: [
      {
        ...polymorphic("ServiceRelationship"),
        relationshipType: "reliesOn",
        service: rfs,
        serviceRelationshipCharacteristic: [
          { ...polymorphic("Characteristic"), id: "CH-3", name: "priority", valueType: "integer", value: 1, characteristicRelationship },
        ],
      },
    ],
    serviceSpecification,
    state: "active",
    supportingResource: [supportingResource],
    supportingService: [rfs],
  };
}

/** The action of the order item behind a service in each state, in the vendor's order (L676-681). */
export const SERVICE_STATE_ROWS: readonly { state: ServiceState; action: OrderItemAction }[] = [
  { state: "feasibilityChecked", action: "add" },
  { state: "designed", action: "add" },
  { state: "reserved", action: "add" },
  { state: "active", action: "modify" },
  { state: "inactive", action: "noChange" },
  { state: "terminated", action: "delete" },
];

/** A service in `state`, from its row of {@link SERVICE_STATE_ROWS} (whose index numbers its ids). */
export function serviceIn(state: ServiceState, businessId = "TT"): Service {
  const n = SERVICE_STATE_ROWS.findIndex((row) => row.state === state);
  if (n === -1) throw new Error(`no fixture row for ${state}`);
  const id = String(3000001 + n);
  return {
    id,
    href: `${API_ROOT}/${businessId}/service/${id}`,
    category: "customer facing service",
    name: `Mobile line ${n + 1}`,
    serviceType: "prepaid",
    startDate: at(1 + n),
    state,
    relatedParty: [{ id: `ACC-${4000 + n}`, role: "accountHolder" }],
    serviceCharacteristic: [{ name: "msisdn", value: `186855501${String(n).padStart(2, "0")}` }],
    serviceOrderItem: [{ serviceOrderId: `SO-${500 + n}`, itemAction: SERVICE_STATE_ROWS[n]!.action }],
    serviceSpecification: { id: "SS-MOBILE" },
    supportingResource: [{ id: `RES-${n}`, name: "MSISDN", value: `186855501${String(n).padStart(2, "0")}` }],
  };
}

/** One service in each of the six states, in the vendor's order. */
export function servicesInEveryState(): Service[] {
  return SERVICE_STATE_ROWS.map(({ state }) => serviceIn(state));
}

/** A new service as a client sends it (Service_Create): no id or href. */
export function serviceCreate(): ServiceCreate {
  return {
    "@type": "Service",
    category: "customer facing service",
    name: "Mobile line 1 868 555 0199",
    serviceType: "prepaid",
    state: "reserved",
    serviceSpecification: { id: "SS-MOBILE", version: "2.1" },
    relatedParty: [{ id: "ACC-2964328", role: "accountHolder", "@referredType": "Individual" }],
    serviceCharacteristic: [{ name: "msisdn", valueType: "string", value: "18685550199" }],
    supportingResource: [{ id: "RES-MSISDN-9", name: "MSISDN", value: "18685550199" }],
  };
}

/** A merge patch (Service_Update) that suspends a service. */
export function serviceUpdate(): ServiceUpdate {
  return { state: "inactive", description: "Suspended at the customer's request" };
}

export function hubCreate(): HubCreate {
  return { callback: "https://listener.example.com/tmf638", query: "eventType=ServiceStateChangeEvent" };
}
export function hub(): Hub {
  return { id: "HUB-1", ...hubCreate() };
}

/** A state change notification in the official TMF638 v4 envelope. */
export function stateChangeEvent(service: Service = serviceIn("active")): ServiceStateChangeEvent & ServiceInventoryEvent {
  return {
    eventId: "EVT-1",
    eventTime: at(21),
    eventType: "ServiceStateChangeEvent",
    correlationId: "CORR-1",
    domain: "serviceInventory",
    title: "Service state changed",
    description: `Service ${service.id} is ${service.state}`,
    priority: "3",
    timeOcurred: at(21),
    event: { service },
  };
}
