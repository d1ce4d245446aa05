// Billing (`/{service_type}/{service_id}/billing/...`): movements and refunds, for subscribable
// services and for the others. Synchronous: each call answers with what it created. None is
// resent once sent (a second POST would bill twice; MasStack documents no way to tell).
import { respond, type ApiPromise } from "../../core/transport.js";
import type { CallOptions } from "../../core/types.js";
import { BODIES } from "../checks.js";
import * as operations from "../generated/operations.js";
import type {
  MovementCreate,
  MovementCreated,
  MovementUpdate,
  MovementUpdateResult,
  NonSubscribableMovementCreate,
  NonSubscribableRefundCreate,
  RefundCreate,
  RefundCreated,
  ServiceType,
} from "../generated/types.js";
import { callOptions, checked, pathId, serviceType, type Context } from "./send.js";

/**
 * The billing movements of a service.
 * @group Namespaces
 * @example
 * ```ts
 * const { movement_id } = await masstack.billing.movements.create("mobile", "612123456", {
 *   type: "ONE_TIME_FEE",
 *   movement_datetime: "2024-02-24T13:45:10Z",
 *   amount: { value_with_taxes: 12.1, value_without_taxes: 10, tax: { type: "IVA", percentage: 21 } },
 *   external_movement_unique_id: "INV-1-1",
 *   billable: true,
 * });
 * ```
 */
export interface Movements {
  /** Bills a subscribable service: `POST /{service_type}/{service_id}/billing/movements`. */
  create(serviceType: ServiceType, serviceId: string, body: MovementCreate, options?: CallOptions): ApiPromise<MovementCreated>;
  /** Bills a non-subscribable service: `POST /{service_type}/{service_id}/billing/movements-non-subscribable-service`. */
  createNonSubscribable(serviceType: ServiceType, serviceId: string, body: NonSubscribableMovementCreate, options?: CallOptions): ApiPromise<MovementCreated>;
  /** Changes a movement: `PATCH /{service_type}/{service_id}/billing/movements/{movement_id}` (its body is undocumented: sent as given). */
  update(serviceType: ServiceType, serviceId: string, movementId: string, body: MovementUpdate, options?: CallOptions): ApiPromise<MovementUpdateResult>;
}

/**
 * The refunds of a service's billing movements.
 * @group Namespaces
 * @example
 * ```ts
 * const { refund_id } = await masstack.billing.refunds.create("mobile", "612123456", {
 *   refund_datetime: "2024-02-24T13:45:10Z",
 *   amount: { value_with_taxes: 12.1 },
 *   external_refund_unique_id: "REF-1",
 *   billable: true,
 *   movement_id,
 * });
 * ```
 */
export interface Refunds {
  /** Refunds a movement of a subscribable service: `POST /{service_type}/{service_id}/billing/refunds`. */
  create(serviceType: ServiceType, serviceId: string, body: RefundCreate, options?: CallOptions): ApiPromise<RefundCreated>;
  /** Refunds a movement of a non-subscribable service: `POST /{service_type}/{service_id}/billing/refunds-non-subscribable-service`. */
  createNonSubscribable(serviceType: ServiceType, serviceId: string, body: NonSubscribableRefundCreate, options?: CallOptions): ApiPromise<RefundCreated>;
}

/**
 * Billing: `movements` and `refunds`.
 * @group Namespaces
 * @example
 * ```ts
 * await masstack.billing.movements.update("mobile", "612123456", movementId, { description: "corrected" });
 * ```
 */
export interface Billing {
  readonly movements: Movements;
  readonly refunds: Refunds;
}

/** @internal */
export function createBilling({ http }: Context): Billing {
  const at = (type: ServiceType, serviceId: string) => ({ service_type: serviceType(type), service_id: pathId("serviceId", serviceId) });
  return {
    movements: {
      create: (type, serviceId, body, options) =>
        respond(() =>
          http.send(operations.createMovement, { params: { path: at(type, serviceId) }, body: checked(body, BODIES.movement) }, callOptions(options)),
        ),
      createNonSubscribable: (type, serviceId, body, options) =>
        respond(() =>
          http.send(
            operations.createNonSubscribableMovement,
            { params: { path: at(type, serviceId) }, body: checked(body, BODIES.nonSubscribableMovement) },
            callOptions(options),
          ),
        ),
      update: (type, serviceId, movementId, body, options) =>
        respond(() =>
          http.send(
            operations.updateMovement,
            { params: { path: { ...at(type, serviceId), movement_id: pathId("movementId", movementId) } }, body: checked(body, BODIES.movementUpdate) },
            callOptions(options),
          ),
        ),
    },
    refunds: {
      create: (type, serviceId, body, options) =>
        respond(() => http.send(operations.createRefund, { params: { path: at(type, serviceId) }, body: checked(body, BODIES.refund) }, callOptions(options))),
      createNonSubscribable: (type, serviceId, body, options) =>
        respond(() =>
          http.send(
            operations.createNonSubscribableRefund,
            { params: { path: at(type, serviceId) }, body: checked(body, BODIES.nonSubscribableRefund) },
            callOptions(options),
          ),
        ),
    },
  };
}
