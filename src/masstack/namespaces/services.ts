// Services (`/{service_type}/...`): created, and their device changed, asynchronously; one
// namespace per service type of the spec, so that the type is chosen once, by name.
import { SERVICE_TYPES, deviceBody, serviceBody } from "../checks.js";
import * as operations from "../generated/operations.js";
import type { CallbackUrls, ServiceCallback, ServiceCreate, ServiceType } from "../generated/types.js";
import type { DeviceDetailsByCategory, ServiceDetailsByType } from "../generated/variants.js";
import type { MasStackOperation } from "../operation.js";
import { checked, pathId, submit, type Context, type WorkflowCallOptions } from "./send.js";

/**
 * The operations on the services of one type. Both are asynchronous: they return a handle that
 * resolves on MasStack's success callback (`{ code, title, service_id }`). Unless the body gives
 * both callback URLs, the client's callback receiver fills them in.
 * @group Namespaces
 * @example
 * ```ts
 * const operation = masstack.services.multisim.create({ service_details: { secondary_eid: eid, secondary_iccid: iccid } });
 * const { result } = await operation;
 * console.log(result.service_id);
 * ```
 */
export interface ServicesOfType<T extends ServiceType = ServiceType> {
  /** Creates a service: `POST /{service_type}/`. `service_details` are checked against the type's schema where MasStack documents one (multisim). */
  create(body: ServiceCreateBody<T>, options?: WorkflowCallOptions): MasStackOperation<ServiceCallback>;
  /** Changes a service's device: `PATCH /{service_type}/{service_id}/devices/{device_id}`. */
  updateDevice(serviceId: string, deviceId: string, body: ServiceDeviceUpdateBody, options?: WorkflowCallOptions): MasStackOperation<ServiceCallback>;
}

/**
 * The body of `services.<type>.create`: `service_details` of the type's shape, and the callback
 * URLs, both or neither (the client's receiver gives them when omitted).
 * @group Services
 * @example
 * ```ts
 * const body: ServiceCreateBody<"multisim"> = { service_details: { secondary_eid: "89033023312170000000000000000001", secondary_iccid: "8934011411551283000" } };
 * ```
 */
export type ServiceCreateBody<T extends ServiceType = ServiceType> = Omit<ServiceCreate, "service_details"> & {
  service_details: ServiceDetailsByType[T];
} & Partial<CallbackUrls>;

/**
 * The body of `services.<type>.updateDevice`: the device's category and the details of its
 * shape, and the callback URLs, both or neither.
 * @group Services
 * @example
 * ```ts
 * const body: ServiceDeviceUpdateBody = { category: "eSIM", new_service_device_details: { iccid: "8934011411551283000", eid: "89033023312170000000000000000001" } };
 * ```
 */
export type ServiceDeviceUpdateBody = {
  [C in keyof DeviceDetailsByCategory]: { category: C; new_service_device_details: DeviceDetailsByCategory[C] };
}[keyof DeviceDetailsByCategory] &
  Partial<CallbackUrls>;

/**
 * The services, by service type: `services.multisim`, `services.mobile`...
 * @group Namespaces
 * @example
 * ```ts
 * const operation = masstack.services.mobile.updateDevice("612123456", "1", { category: "eSIM", new_service_device_details: { iccid, eid } });
 * ```
 */
export type Services = { readonly [T in ServiceType]: ServicesOfType<T> };

/** @internal */
export function createServices(context: Context): Services {
  const of = (type: ServiceType): ServicesOfType => ({
    create: (body, options) =>
      submit(
        context,
        operations.createService,
        { operation: "createService", serviceType: type },
        () => ({
          path: { service_type: type },
          body: checked(body, serviceBody(type)),
        }),
        options,
      ),
    updateDevice: (serviceId, deviceId, body, options) =>
      submit(
        context,
        operations.updateServiceDevice,
        { operation: "updateServiceDevice", serviceType: type, serviceId: String(serviceId) },
        () => ({
          path: { service_type: type, service_id: pathId("serviceId", serviceId), device_id: pathId("deviceId", deviceId) },
          body: checked(body, deviceBody),
        }),
        options,
      ),
  });
  return Object.freeze(Object.fromEntries(SERVICE_TYPES.map((type) => [type, Object.freeze(of(type))]))) as Services;
}
