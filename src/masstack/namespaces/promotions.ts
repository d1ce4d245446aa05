// Promotions (`/{service_type}/{service_id}/promotions`) and the device insurance's termination:
// synchronous calls, answered with what they did.
import { respond, type ApiPromise } from "../../core/transport.js";
import type { CallOptions } from "../../core/types.js";
import { BODIES } from "../checks.js";
import * as operations from "../generated/operations.js";
import type {
  DeviceInsuranceTerminated,
  DeviceInsuranceTermination,
  PromotionCreate,
  PromotionCreated,
  PromotionUpdate,
  PromotionUpdateResult,
  ServiceType,
} from "../generated/types.js";
import { callOptions, checked, pathId, serviceType, type Context } from "./send.js";

/**
 * The promotions of a service.
 * @group Namespaces
 * @example
 * ```ts
 * const { promotion_id } = await masstack.promotions.create("mobile", "612123456", { promotion: { promotion_id: "76", activation_date: "2024-01-01T00:00:00Z" } });
 * await masstack.promotions.update("mobile", "612123456", promotion_id, { deactivation_date: "2024-12-31T23:00:00Z" });
 * ```
 */
export interface Promotions {
  /** Activates a promotion: `POST /{service_type}/{service_id}/promotions`. */
  create(serviceType: ServiceType, serviceId: string, body: PromotionCreate, options?: CallOptions): ApiPromise<PromotionCreated>;
  /** Sets a promotion's deactivation date: `PATCH /{service_type}/{service_id}/promotions/{promotion_id}`. */
  update(serviceType: ServiceType, serviceId: string, promotionId: string, body: PromotionUpdate, options?: CallOptions): ApiPromise<PromotionUpdateResult>;
}

/**
 * The device insurance services.
 * @group Namespaces
 * @example
 * ```ts
 * await masstack.deviceInsurance.terminate("3500038700026229", { reason: "SUBSCRIBER_RESIGNATION", deactivation_date: "2025-12-03T10:30:00Z" });
 * ```
 */
export interface DeviceInsurance {
  /** Terminates a device insurance: `POST /deviceinsurance/{service_id}/terminate`. */
  terminate(serviceId: string, body: DeviceInsuranceTermination, options?: CallOptions): ApiPromise<DeviceInsuranceTerminated>;
}

/** @internal */
export function createPromotions({ http }: Context): Promotions {
  const at = (type: ServiceType, serviceId: string) => ({ service_type: serviceType(type), service_id: pathId("serviceId", serviceId) });
  return {
    create: (type, serviceId, body, options) =>
      respond(() =>
        http.send(operations.createPromotion, { params: { path: at(type, serviceId) }, body: checked(body, BODIES.promotion) }, callOptions(options)),
      ),
    update: (type, serviceId, promotionId, body, options) =>
      respond(() =>
        http.send(
          operations.updatePromotion,
          { params: { path: { ...at(type, serviceId), promotion_id: pathId("promotionId", promotionId) } }, body: checked(body, BODIES.promotionUpdate) },
          callOptions(options),
        ),
      ),
  };
}

/** @internal */
export function createDeviceInsurance({ http }: Context): DeviceInsurance {
  return {
    terminate: (serviceId, body, options) =>
      respond(() =>
        http.send(
          operations.terminateDeviceInsurance,
          { params: { path: { service_id: pathId("serviceId", serviceId) } }, body: checked(body, BODIES.termination) },
          callOptions(options),
        ),
      ),
  };
}
