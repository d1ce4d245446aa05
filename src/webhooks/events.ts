// The 15 notifications of the spec's `webhooks`, typed from the public event types, and the
// validation of a delivery: the envelope plus the identity of the entity it carries. The rest
// of the entity is not checked here, which keeps this entry point small (zod/mini).
import * as z from "zod/mini";
import type {
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
 * present, a numeric `version`. Other fields of the entity are as Giacom sent them.
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
 * A notification whose `eventType` is not one of the documented {@link WebhookEventType}s
 * (a type Giacom added later, say). Only the envelope was validated.
 * @example
 * ```ts
 * const describe = (e: UnknownWebhookEvent) => `${e.eventType} ${e.eventId} with ${Object.keys(e.event).join(", ")}`;
 * ```
 * @group Webhooks
 */
export type UnknownWebhookEvent = Omit<EventEnvelope, "event"> & { event: Record<string, unknown> };

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

const nonEmpty = () => z.string().check(z.regex(/[^]/));

// RFC 3339 date-time, the OpenAPI `date-time` format: a date, a time and an offset.
const dateTime = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const envelopeSchema = z.looseObject({
  eventId: nonEmpty(),
  eventTime: z.string().check(z.regex(dateTime)),
  eventType: nonEmpty(),
  event: z.looseObject({}),
});

const entitySchema = z.looseObject({ id: nonEmpty() });

export type ParsedDelivery =
  | { ok: false; reason: string }
  | { ok: true; known: true; event: WebhookEvent; entityKey: string; version: number | undefined }
  | { ok: true; known: false; event: UnknownWebhookEvent };

// The reason names only fields of the contract (issue paths of the two schemas above), never a
// value from the body.
function reason(issues: readonly { path: readonly PropertyKey[] }[], prefix: readonly string[] = []): string {
  const path = [...prefix, ...(issues[0]?.path ?? []).map(String)];
  return path.length === 0 ? "invalid envelope: not an object" : `invalid envelope: ${path.join(".")}`;
}

/** Validates a parsed JSON body as a Giacom notification. */
export function parseDelivery(body: unknown): ParsedDelivery {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, reason: reason(envelope.error.issues) };
  const { eventType, event } = envelope.data;
  if (!isWebhookEventType(eventType)) return { ok: true, known: false, event: envelope.data as UnknownWebhookEvent };
  const key = PAYLOAD_KEYS[eventType];
  const entity = entitySchema.safeParse(event[key]);
  if (!entity.success) return { ok: false, reason: reason(entity.error.issues, ["event", key]) };
  // Checked by hand: z.optional(z.number()) would cost a tenth of this entry point's size budget.
  const { id, version } = entity.data;
  if (version !== undefined && typeof version !== "number") return { ok: false, reason: `invalid envelope: event.${key}.version` };
  return { ok: true, known: true, event: envelope.data as WebhookEvent, entityKey: `${key}:${id}`, version };
}
