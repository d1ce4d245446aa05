// Every scope of the contract (`components.securitySchemes.oauth2`): what the simulator grants a
// client that names none. test/giacom/mock/routes.test.ts checks this list against the spec.

/** @internal */
export const ALL_SCOPES: readonly string[] = [
  "integrations/serviceCatalogue.read",
  "integrations/service.write",
  "integrations/serviceInventory.read",
  "integrations/resourceInventory.read",
  "integrations/serviceOrder.read",
  "integrations/serviceOrder.submit",
  "integrations/notifications.read",
  "integrations/address.manage",
  "integrations/appointment.manage",
];
