// The 15 notifications of the spec's `webhooks`, typed from the public event types, and where
// each carries its entity, for the TMF688 envelope's validation (tmf/events.ts).
import { parseTmfEvent } from "../../tmf/events.js";
import type {
  CancelServiceOrder,
  CancelServiceOrderCreateEvent,
  CancelServiceOrderInformationRequiredEvent,
  CancelServiceOrderStateChangeEvent,
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

/**
 * The `eventType` of every notification Giacom documents (the spec's `webhooks`).
 * @example
 * ```ts
 * const orderTypes: WebhookEventType[] = ["ServiceOrderStateChangeEvent", "ServiceOrderMilestoneEvent"];
 * ```
 * @group Webhooks
 */
export type WebhookEventType =
  | "ServiceOrderCreateEvent"
  | "ServiceOrderStateChangeEvent"
  | "ServiceOrderAttributeValueChangeEvent"
  | "ServiceOrderDeleteEvent"
  | "ServiceOrderInformationRequiredEvent"
  | "ServiceOrderJeopardyEvent"
  | "ServiceOrderMilestoneEvent"
  | "CancelServiceOrderCreateEvent"
  | "CancelServiceOrderStateChangeEvent"
  | "CancelServiceOrderInformationRequiredEvent"
  | "ServiceCreateEvent"
  | "ServiceStateChangeEvent"
  | "ServiceAttributeValueChangeEvent"
  | "ServiceOperatingStatusChangeEvent"
  | "ServiceDeleteEvent";

/**
 * A validated notification, discriminated on `eventType`. Each member is the public event type
 * with `eventType` narrowed to its literal and the entity (`ServiceOrder`, `CancelServiceOrder`
 * or `service`) present: the receiver checked that it is an object with a string `id` and, when
 * present, a numeric `version` (at most 256 characters). Other fields of the entity are as Giacom
 * sent them. A delivery of a documented type that lacks any of this is an {@link UnknownWebhookEvent}.
 * @example
 * ```ts
 * const summary = (e: WebhookEvent) =>
 *   e.eventType === "ServiceOrderStateChangeEvent" ? `order ${e.event.ServiceOrder.id} is ${e.event.ServiceOrder.state}` : e.eventType;
 * ```
 * @group Webhooks
 */
export type WebhookEvent =
  | (ServiceOrderCreateEvent & { eventType: "ServiceOrderCreateEvent"; event: { ServiceOrder: ServiceOrder } })
  | (ServiceOrderStateChangeEvent & { eventType: "ServiceOrderStateChangeEvent"; event: { ServiceOrder: ServiceOrder } })
  | (ServiceOrderAttributeValueChangeEvent & { eventType: "ServiceOrderAttributeValueChangeEvent"; event: { ServiceOrder: ServiceOrder } })
  | (ServiceOrderDeleteEvent & { eventType: "ServiceOrderDeleteEvent"; event: { ServiceOrder: ServiceOrder } })
  | (ServiceOrderInformationRequiredEvent & { eventType: "ServiceOrderInformationRequiredEvent"; event: { ServiceOrder: ServiceOrder } })
  | (ServiceOrderJeopardyEvent & { eventType: "ServiceOrderJeopardyEvent"; event: { ServiceOrder: ServiceOrder } })
  | (ServiceOrderMilestoneEvent & { eventType: "ServiceOrderMilestoneEvent"; event: { ServiceOrder: ServiceOrder } })
  | (CancelServiceOrderCreateEvent & { eventType: "CancelServiceOrderCreateEvent"; event: { CancelServiceOrder: CancelServiceOrder } })
  | (CancelServiceOrderStateChangeEvent & { eventType: "CancelServiceOrderStateChangeEvent"; event: { CancelServiceOrder: CancelServiceOrder } })
  | (CancelServiceOrderInformationRequiredEvent & {
      eventType: "CancelServiceOrderInformationRequiredEvent";
      event: { CancelServiceOrder: CancelServiceOrder };
    })
  | (ServiceCreateEvent & { eventType: "ServiceCreateEvent"; event: { service: Service } })
  | (ServiceStateChangeEvent & { eventType: "ServiceStateChangeEvent"; event: { service: Service } })
  | (ServiceAttributeValueChangeEvent & { eventType: "ServiceAttributeValueChangeEvent"; event: { service: Service } })
  | (ServiceOperatingStatusChangeEvent & { eventType: "ServiceOperatingStatusChangeEvent"; event: { service: Service } })
  | (ServiceDeleteEvent & { eventType: "ServiceDeleteEvent"; event: { service: Service } });

/**
 * The member of {@link WebhookEvent} for one `eventType`.
 * @example
 * ```ts
 * const state = (e: WebhookEventOf<"ServiceOrderStateChangeEvent">) => e.event.ServiceOrder.state;
 * ```
 * @group Webhooks
 */
export type WebhookEventOf<T extends WebhookEventType> = Extract<WebhookEvent, { eventType: T }>;

/**
 * A delivery the receiver acknowledged but could not type as a {@link WebhookEvent}: its
 * `eventType` is not documented (a type Giacom added later, say), or it is documented but the
 * payload is not the documented shape (Giacom's document guesses most payloads; the two
 * InformationRequired events differ from TMF641 v5). Only the envelope was checked: a non-empty
 * `eventId`, a string `eventType` and an object `event`. Every other field is exactly as Giacom
 * sent it, so it is typed `unknown`; {@link UnknownDeliveryMeta} says why the event is untyped.
 * @example
 * ```ts
 * const describe = (e: UnknownWebhookEvent) => `${e.eventType} ${e.eventId} with ${Object.keys(e.event).join(", ")}`;
 * ```
 * @group Webhooks
 */
export interface UnknownWebhookEvent {
  /** Identifier of the notification, at most 256 characters; duplicates are detected on it. */
  eventId: string;
  /** The type of the notification, as sent. */
  eventType: string;
  /** The payload, as sent. */
  event: Record<string, unknown>;
  /** Any other field of the envelope (`eventTime`, `timeOccurred`…), as sent and unchecked. */
  [field: string]: unknown;
}

// Where each documented event carries its entity. The payload key also names the entity in
// version-store keys ("ServiceOrder:<id>").
export const PAYLOAD_KEYS: Readonly<Record<WebhookEventType, "ServiceOrder" | "CancelServiceOrder" | "service">> = {
  ServiceOrderCreateEvent: "ServiceOrder",
  ServiceOrderStateChangeEvent: "ServiceOrder",
  ServiceOrderAttributeValueChangeEvent: "ServiceOrder",
  ServiceOrderDeleteEvent: "ServiceOrder",
  ServiceOrderInformationRequiredEvent: "ServiceOrder",
  ServiceOrderJeopardyEvent: "ServiceOrder",
  ServiceOrderMilestoneEvent: "ServiceOrder",
  CancelServiceOrderCreateEvent: "CancelServiceOrder",
  CancelServiceOrderStateChangeEvent: "CancelServiceOrder",
  CancelServiceOrderInformationRequiredEvent: "CancelServiceOrder",
  ServiceCreateEvent: "service",
  ServiceStateChangeEvent: "service",
  ServiceAttributeValueChangeEvent: "service",
  ServiceOperatingStatusChangeEvent: "service",
  ServiceDeleteEvent: "service",
};

export function isWebhookEventType(type: string): type is WebhookEventType {
  return Object.hasOwn(PAYLOAD_KEYS, type);
}

/** The validation of a delivery: the TMF688 envelope, with the entity key of each documented type. */
export const parseDelivery = (body: unknown) =>
  parseTmfEvent<WebhookEvent, UnknownWebhookEvent>(body, (eventType) => (isWebhookEventType(eventType) ? PAYLOAD_KEYS[eventType] : undefined));
