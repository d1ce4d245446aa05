// What each of the vendor's 21 product order states means to a program following an order.
// TMF622 v4's own state machine ends an order in completed, partial, failed, rejected or
// cancelled; the vendor's extra states are sub-states of a running order (inProgress, amending,
// pendingCancellation) that either fell out of automatic fulfilment (`.fallout`) or were
// paused (`.suspended`): neither ends the order, and neither moves on until someone acts.
import type { ProductOrderState } from "./generated/types.js";

/**
 * What a product order state means: whether the order is over (`final`), whether it ended
 * doing what it asked (`succeeded`, only `completed`), and whether it waits for someone to act
 * (`needsAttention`: a fallout, a hold, a pending or suspended order, a partial outcome).
 * @group Product orders
 * @example
 * ```ts
 * const { final, needsAttention } = PRODUCT_ORDER_STATES["inProgress.fallout"]; // false, true
 * ```
 */
export interface ProductOrderStateInfo {
  readonly final: boolean;
  readonly succeeded: boolean;
  readonly needsAttention: boolean;
}

const RUNNING: ProductOrderStateInfo = { final: false, succeeded: false, needsAttention: false };
const STOPPED: ProductOrderStateInfo = { final: false, succeeded: false, needsAttention: true };
const FAILED: ProductOrderStateInfo = { final: true, succeeded: false, needsAttention: false };

/**
 * Every product order state the vendor documents, classified. An order handle resolves on the
 * one final success (`completed`), rejects on the other final states (`rejected`, `failed`,
 * `cancelled`, `partial`), and keeps following every other state, including those that need
 * attention: they are not over, and change when someone acts.
 * @group Product orders
 * @example
 * ```ts
 * const attention = Object.entries(PRODUCT_ORDER_STATES).filter(([, info]) => info.needsAttention).map(([state]) => state);
 * ```
 */
export const PRODUCT_ORDER_STATES: { readonly [S in ProductOrderState]: ProductOrderStateInfo } = {
  acknowledged: RUNNING,
  rejected: FAILED,
  pending: STOPPED,
  held: STOPPED,
  inProgress: RUNNING,
  cancelled: FAILED,
  completed: { final: true, succeeded: true, needsAttention: false },
  failed: FAILED,
  // Over (TMF622 ends an order there), but some items did not complete: someone decides what
  // becomes of them.
  partial: { final: true, succeeded: false, needsAttention: true },
  assessingCancellation: RUNNING,
  pendingCancellation: RUNNING,
  "inProgress.fallout": STOPPED,
  "amending.fallout": STOPPED,
  amending: RUNNING,
  "pendingCancellation.fallout": STOPPED,
  "inProgress.suspended": STOPPED,
  "inProgress.fallout.suspended": STOPPED,
  "amending.suspended": STOPPED,
  "amending.fallout.suspended": STOPPED,
  "pendingCancellation.suspended": STOPPED,
  "pendingCancellation.fallout.suspended": STOPPED,
};

const infoOf = (state: unknown): ProductOrderStateInfo | undefined =>
  typeof state === "string" && Object.prototype.hasOwnProperty.call(PRODUCT_ORDER_STATES, state) ? PRODUCT_ORDER_STATES[state as ProductOrderState] : undefined;

/**
 * Whether a product order in `state` is over: `completed`, `partial`, `failed`, `rejected` or
 * `cancelled`. A state the vendor does not document (or none) is not final.
 * @group Product orders
 * @example
 * ```ts
 * if (isFinal(order.state)) await archive(order);
 * ```
 */
export function isFinal(state: ProductOrderState | (string & {}) | undefined): boolean {
  return infoOf(state)?.final === true;
}

/**
 * Whether a product order in `state` waits for someone to act: a fallout (`*.fallout*`), a
 * suspension (`*.suspended`), `held`, `pending`, or a `partial` outcome. Such an order does
 * not move on by itself: an order handle keeps following it, so alert someone from
 * `onProgress`.
 * @group Product orders
 * @example
 * ```ts
 * operation.onProgress((order) => { if (needsAttention(order.state)) alertOps(order.id, order.state); });
 * ```
 */
export function needsAttention(state: ProductOrderState | (string & {}) | undefined): boolean {
  return infoOf(state)?.needsAttention === true;
}
