// placeholder until the generator lands
/**
 * The scopes the Giacom documentation names; any other string is accepted too, as tenants
 * are granted scopes one by one.
 * @group Authentication
 * @example
 * ```ts
 * const scope: GiacomScope[] = ["integrations/serviceInventory.read", "integrations/serviceOrder.submit"];
 * ```
 */
export type GiacomScope =
  | "integrations/serviceCatalogue.read"
  | "integrations/service.write"
  | "integrations/serviceInventory.read"
  | "integrations/resourceInventory.read"
  | "integrations/serviceOrder.read"
  | "integrations/serviceOrder.submit"
  | "integrations/notifications.read"
  | "integrations/address.manage"
  | "integrations/appointment.manage"
  | (string & {});
