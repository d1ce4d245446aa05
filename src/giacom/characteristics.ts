// Reading characteristic values back from what Giacom returns: a service's subscriber number is
// `serviceCharacteristic[i].value[0].value` for the `i` whose `id` is SUBSCRIBER_NUMBER.
import { isObject } from "../core/internal/show.js";

/**
 * What carries characteristics: a service, a resource, an order item (its service) or a whole
 * service order (its items' services, in order).
 * @group Client
 * @example
 * ```ts
 * const carrier: HasCharacteristics = await giacom.services.get(serviceId);
 * ```
 */
export type HasCharacteristics =
  | { serviceCharacteristic?: readonly { id: string; value?: readonly { value?: string }[] }[] | undefined }
  | { resourceCharacteristic?: readonly { id: string; value?: readonly { value?: string }[] }[] | undefined }
  | { service?: unknown }
  | { serviceOrderItem?: readonly unknown[] | undefined };

function* characteristicsOf(entity: unknown): Generator<unknown> {
  if (!isObject(entity)) return;
  for (const list of [entity.serviceCharacteristic, entity.resourceCharacteristic]) if (Array.isArray(list)) yield* list;
  yield* characteristicsOf(entity.service);
  if (Array.isArray(entity.serviceOrderItem)) for (const item of entity.serviceOrderItem) yield* characteristicsOf(item);
}

/**
 * Every value of the characteristic `id` (e.g. `"SUBSCRIBER_NUMBER"`) on a service, resource,
 * order item or order; empty when it has none. Values are returned as Giacom sent them.
 * @group Client
 * @example
 * ```ts
 * const [msisdn] = characteristicValues(await giacom.services.get(serviceId), "SUBSCRIBER_NUMBER");
 * ```
 */
export function characteristicValues(entity: HasCharacteristics | null | undefined, id: string): string[] {
  for (const c of characteristicsOf(entity)) {
    if (isObject(c) && c.id === id && Array.isArray(c.value))
      return c.value.flatMap((v: unknown) => (isObject(v) && typeof v.value === "string" ? [v.value] : []));
  }
  return [];
}

/**
 * The (first) value of the characteristic `id` on a service, resource, order item or order;
 * undefined when it has none.
 * @group Client
 * @example
 * ```ts
 * const line = await giacom.services.get(serviceId);
 * console.log(characteristicValue(line, "SUBSCRIBER_NUMBER"), characteristicValue(line, "SIM_SERIAL"));
 * ```
 */
export function characteristicValue(entity: HasCharacteristics | null | undefined, id: string): string | undefined {
  return characteristicValues(entity, id)[0];
}
