// The client tests' bodies: the seven error bodies of seeds/002 (L713-747), copied as the vendor
// wrote them (golden: the client must decode what the document shows), and services, service
// create/update bodies and hub bodies valid against spec/tmf638.openapi.yaml with closed schemas
// (test/tmf638/client.test.ts checks each request the client sends with them). Functions return
// fresh copies.
import type { ErrorBody, Hub, HubCreate, Service, ServiceCreate, ServiceUpdate } from "../../src/tmf638/generated/types.js";
import { API_ROOT } from "./client-helpers.js";

/** The seed's error bodies, each with its status and where it is documented. */
export const SEED_ERROR_BODIES: readonly {
  status: 400 | 401 | 404 | 405 | 500 | 501;
  label: string;
  body: ErrorBody & { errors: [{ code: number; message: string; description: string }] };
}[] = Object.freeze([
  {
    status: 400,
    label: "L713",
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
    status: 401,
    label: "L718",
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
    status: 404,
    label: "L723",
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
    status: 404,
    label: "L724",
    body: { errors: [{ code: 404, message: "Liberate:Error invoking SOAP service for serviceId: 2964328", description: "SERVNOTFND-Service not found.-" }] },
  },
  {
    status: 405,
    label: "L729",
    body: { errors: [{ code: 405, message: "APIKIT:METHOD_NOT_ALLOWED", description: "HTTP Method POST not allowed for : /{businessId}/service/{id}" }] },
  },
  {
    status: 500,
    label: "L734",
    body: { errors: [{ code: 500, message: "The request failed due to an internal error.", description: "error description" }] },
  },
  {
    status: 501,
    label: "L740-747",
    body: { errors: [{ code: 501, message: "NOT IMPLEMENTED", description: "Operation GET /service for Business Id: xxxx not implemented" }] },
  },
]);

/** A service of business unit JM with the fields most code reads. */
export function service(id: string): Service {
  return {
    id,
    href: `${API_ROOT}/JM/service/${id}`,
    name: "Postpaid Mobile 20GB",
    category: "CFS",
    serviceType: "MobilePostpaid",
    state: "active",
    startDate: "2025-03-01T09:00:00Z",
    serviceCharacteristic: [{ id: `${id}-C1`, name: "msisdn", valueType: "string", value: "18765550101" }],
    relatedParty: [{ id: "ACC-1001", role: "customer", "@referredType": "Customer" }],
    serviceSpecification: { id: "SS-MOBILE", name: "Mobile postpaid", version: "1.0" },
  };
}

/** A new service: its specification and state, with a customer. */
export function serviceCreate(): ServiceCreate {
  return {
    name: "Fibre 500",
    serviceType: "Broadband",
    state: "designed",
    serviceSpecification: { id: "SS-FIBRE" },
    relatedParty: [{ id: "ACC-1001", role: "customer", "@referredType": "Customer" }],
  };
}

/** A merge patch: a new state, and a member removed. */
export function serviceUpdate(): ServiceUpdate {
  return { state: "inactive", description: "Suspended at the customer's request" };
}

export const hubCreate = (): HubCreate => ({ callback: "https://example.com/tmf638/events", query: "eventType=ServiceStateChangeEvent" });
export const hub = (): Hub => ({ id: "HUB-1", ...hubCreate() });
