// Every operation of the contract with the scopes its `security` asks for. `security` lists
// alternatives: a token must carry every scope of at least one; `[]` needs only a valid token.
// test/mock/routes.test.ts checks this table against spec/giacom.openapi.yaml.

const CATALOGUE_READ = [["integrations/serviceCatalogue.read"], ["integrations/service.write"]] as const;
const ANY_TOKEN = [[]] as const;
const only = <S extends string>(scope: S) => [[scope]] as const;

/** @internal */
export const ROUTES = [
  { operationId: "listServiceSpecification", method: "GET", path: "/serviceSpecification", security: CATALOGUE_READ },
  { operationId: "retrieveServiceSpecification", method: "GET", path: "/serviceSpecification/{id}", security: CATALOGUE_READ },
  { operationId: "listResourceSpecification", method: "GET", path: "/resourceSpecification", security: ANY_TOKEN },
  { operationId: "retrieveResourceSpecification", method: "GET", path: "/resourceSpecification/{id}", security: ANY_TOKEN },
  { operationId: "listResource", method: "GET", path: "/resource", security: only("integrations/resourceInventory.read") },
  { operationId: "createResource", method: "POST", path: "/resource", security: ANY_TOKEN },
  { operationId: "retrieveResource", method: "GET", path: "/resource/{id}", security: only("integrations/resourceInventory.read") },
  { operationId: "patchResource", method: "PATCH", path: "/resource/{id}", security: ANY_TOKEN },
  { operationId: "deleteResource", method: "DELETE", path: "/resource/{id}", security: ANY_TOKEN },
  { operationId: "listService", method: "GET", path: "/service", security: only("integrations/serviceInventory.read") },
  { operationId: "retrieveService", method: "GET", path: "/service/{id}", security: only("integrations/serviceInventory.read") },
  { operationId: "listServiceOrder", method: "GET", path: "/serviceOrder", security: only("integrations/serviceOrder.read") },
  { operationId: "createServiceOrder", method: "POST", path: "/serviceOrder", security: only("integrations/serviceOrder.submit") },
  { operationId: "retrieveServiceOrder", method: "GET", path: "/serviceOrder/{id}", security: only("integrations/serviceOrder.read") },
  { operationId: "patchServiceOrder", method: "PATCH", path: "/serviceOrder/{id}", security: only("integrations/serviceOrder.submit") },
  { operationId: "listCancelServiceOrder", method: "GET", path: "/cancelServiceOrder", security: only("integrations/serviceOrder.read") },
  { operationId: "createCancelServiceOrder", method: "POST", path: "/cancelServiceOrder", security: only("integrations/serviceOrder.submit") },
  { operationId: "retrieveCancelServiceOrder", method: "GET", path: "/cancelServiceOrder/{id}", security: only("integrations/serviceOrder.read") },
  { operationId: "registerListener", method: "POST", path: "/topic/default/hub", security: only("integrations/notifications.read") },
  { operationId: "unregisterListener", method: "DELETE", path: "/topic/default/hub/{id}", security: only("integrations/notifications.read") },
  { operationId: "createGeographicAddress", method: "POST", path: "/geographicAddress", security: only("integrations/address.manage") },
  { operationId: "createGeographicAddressValidation", method: "POST", path: "/geographicAddressValidation", security: only("integrations/address.manage") },
  { operationId: "createAppointment", method: "POST", path: "/appointment", security: only("integrations/appointment.manage") },
  { operationId: "createSearchTimeSlot", method: "POST", path: "/searchTimeSlot", security: only("integrations/appointment.manage") },
] as const;

/** @internal */
export type OperationId = (typeof ROUTES)[number]["operationId"];

/** @internal */
export type Route = (typeof ROUTES)[number];
