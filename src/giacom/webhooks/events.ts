// The notifications of the spec's `webhooks` (generated/events.ts lists them and types each
// from the public event types), and where each carries its entity, for the TMF688 envelope's
// validation (tmf/events.ts). The rest of the entity is not checked here: a receiver must not
// refuse what Giacom really sends.
import { parseTmfEvent } from "../../tmf/events.js";
import { webhookEvents, type WebhookEvent, type WebhookEventType } from "../generated/events.js";

export type { WebhookEvent, WebhookEventType };

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
 * payload is not the documented shape (Giacom documents one event; the others follow TMF641 and
 * TMF638, which Giacom may not match). Only the envelope was checked: a non-empty
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
/** @internal */
export const PAYLOAD_KEYS: Readonly<Record<WebhookEventType, (typeof webhookEvents)[WebhookEventType]>> = webhookEvents;

export function isWebhookEventType(type: string): type is WebhookEventType {
  return Object.hasOwn(PAYLOAD_KEYS, type);
}

/** The validation of a delivery: the TMF688 envelope, with the entity key of each documented type. */
export const parseDelivery = (body: unknown) =>
  parseTmfEvent<WebhookEvent, UnknownWebhookEvent>(body, (eventType) => (isWebhookEventType(eventType) ? PAYLOAD_KEYS[eventType] : undefined));
