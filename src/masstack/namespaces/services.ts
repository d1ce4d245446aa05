// Services (`/{service_type}/...`): created, and their device changed, asynchronously; one
// namespace per service type of the spec, so that the type is chosen once, by name.
import { SERVICE_TYPES, deviceBody, serviceBody } from "../checks.js";
import * as operations from "../generated/operations.js";
import type { CallbackUrls, ServiceCallback, ServiceCreate, ServiceDeviceUpdate, ServiceType } from "../generated/types.js";
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
export interface ServicesOfType {
  /** Creates a service: `POST /{service_type}/`. `service_details` are checked against the type's schema where MasStack documents one (multisim). */
  create(body: ServiceCreate & Partial<CallbackUrls>, options?: WorkflowCallOptions): MasStackOperation<ServiceCallback>;
  /** Changes a service's device: `PATCH /{service_type}/{service_id}/devices/{device_id}`. */
  updateDevice(
    serviceId: string,
    deviceId: string,
    body: ServiceDeviceUpdate & Partial<CallbackUrls>,
    options?: WorkflowCallOptions,
  ): MasStackOperation<ServiceCallback>;
}

/**
 * The services, by service type: `services.multisim`, `services.mobile`...
 * @group Namespaces
 * @example
 * ```ts
 * const operation = masstack.services.mobile.updateDevice("612123456", "1", { category: "eSIM", new_service_device_details: { iccid, eid } });
 * ```
 */
export type Services = { readonly [T in ServiceType]: ServicesOfType };

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
