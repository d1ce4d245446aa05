// Barrings (`/{service_type}/{service_id}/barrings`): set or unset asynchronously, read at once.
import { respond, type ApiPromise } from "../../core/transport.js";
import type { CallOptions } from "../../core/types.js";
import { BODIES } from "../checks.js";
import * as operations from "../generated/operations.js";
import type { BarringCallback, BarringsDetail, BarringUpdate, CallbackUrls, ServiceType } from "../generated/types.js";
import type { MasStackOperation } from "../operation.js";
import { callOptions, checked, pathId, serviceType, submit, type Context, type WorkflowCallOptions } from "./send.js";

/**
 * The barrings of a service.
 * @group Namespaces
 * @example
 * ```ts
 * await masstack.barrings.update("mobile", "612123456", { barring_name: "ROAMING", active: true });
 * const { appliedBarringsMaskCodes } = await masstack.barrings.get("mobile", "612123456");
 * ```
 */
export interface Barrings {
  /**
   * Sets (`active: true`) or unsets a barring: `PATCH /{service_type}/{service_id}/barrings`.
   * Asynchronous: the handle resolves on the success callback (`{ codeResult, titleResult }`).
   */
  update(
    serviceType: ServiceType,
    serviceId: string,
    body: BarringUpdate & Partial<CallbackUrls>,
    options?: WorkflowCallOptions,
  ): MasStackOperation<BarringCallback>;
  /** The barring masks applied to the service's subscription: `GET /{service_type}/{service_id}/barrings`. */
  get(serviceType: ServiceType, serviceId: string, options?: CallOptions): ApiPromise<BarringsDetail>;
}

/** @internal */
export function createBarrings(context: Context): Barrings {
  return {
    update: (type, serviceId, body, options) =>
      submit(
        context,
        operations.updateBarring,
        { operation: "updateBarring", serviceType: type, serviceId: String(serviceId) },
        () => ({ path: { service_type: serviceType(type), service_id: pathId("serviceId", serviceId) }, body: checked(body, BODIES.barring) }),
        options,
      ),
    get: (type, serviceId, options) =>
      respond(() =>
        context.http.send(
          operations.getBarrings,
          { params: { path: { service_type: serviceType(type), service_id: pathId("serviceId", serviceId) } } },
          callOptions(options),
        ),
      ),
  };
}
