// giacom-sdk/webhooks: the receiver for Giacom's event notifications. No Node-only API at run
// time (toNodeHandler only uses the objects it is given), so it loads in workers too.
export { GIACOM_ORDERS_CHANNEL, createWebhookReceiver } from "./receiver.js";
export type { WebhookReceiver, WebhookReceiverOptions } from "./receiver.js";
export type { DeliveryMeta, UnknownDeliveryMeta } from "../../core/receiver/receiver.js";
export { MemoryDedupeStore } from "../../core/receiver/stores.js";
export type { DedupeStore, MemoryDedupeStoreOptions, VersionStore } from "../../core/receiver/stores.js";
export { WebhookBodyConsumedError, toNodeHandler } from "../../core/receiver/node.js";
export type { NodeHandlerOptions } from "../../core/receiver/node.js";
export type { UnknownWebhookEvent, WebhookEvent, WebhookEventOf, WebhookEventType } from "./events.js";
// The public types the webhook types are built from, so that this entry point documents (and
// lets you name) everything its signatures mention.
export type {
  CancelServiceOrder,
  CancelServiceOrderCreateEvent,
  CancelServiceOrderInformationRequiredEvent,
  CancelServiceOrderStateChangeEvent,
  EventEnvelope,
  Service,
  ServiceAttributeValueChangeEvent,
  ServiceCreateEvent,
  ServiceDeleteEvent,
  ServiceOperatingStatusChangeEvent,
  ServiceOrder,
  ServiceOrderAttributeValueChangeEvent,
  ServiceOrderCreateEvent,
  ServiceOrderDeleteEvent,
  ServiceOrderInformationRequiredEvent,
  ServiceOrderJeopardyEvent,
  ServiceOrderMilestoneEvent,
  ServiceOrderStateChangeEvent,
  ServiceStateChangeEvent,
} from "../types.js";
export type { GiacomErrorCode } from "../errors.js";
