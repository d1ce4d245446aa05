// The notifications of the spec's `webhooks` (generated/events.ts lists them and types each
// from the public event types), and the validation of a delivery: the envelope plus the identity
// of the entity it carries. The rest of the entity is not checked here: a receiver must not
// refuse what Giacom really sends.
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
/** @internal */
export const PAYLOAD_KEYS: Readonly<Record<WebhookEventType, (typeof webhookEvents)[WebhookEventType]>> = webhookEvents;

export function isWebhookEventType(type: string): type is WebhookEventType {
  return Object.hasOwn(PAYLOAD_KEYS, type);
}

/**
 * The longest eventId or entity id accepted, in characters. Both become keys of the dedupe and
 * version stores, so without a bound each delivery could make the receiver keep megabytes.
 */
export const MAX_ID_LENGTH = 256;

export type ParsedDelivery =
  | { ok: false; reason: string }
  | { ok: true; known: true; event: WebhookEvent; entityKey: string; version: number | undefined }
  // `field` is the first field that differs from the documented shape; absent for an undocumented type.
  | { ok: true; known: false; event: UnknownWebhookEvent; field?: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

// Checked by hand rather than with a schema library: the checks are few, and zod/mini was more
// than half of this entry point's bundle. Refusals name only fields, never a value from the body.
const refuse = (reason: string): ParsedDelivery => ({ ok: false, reason: `invalid envelope: ${reason}` });
const tooLong = (field: string) => refuse(`${field} longer than ${MAX_ID_LENGTH} characters`);

/**
 * Validates a parsed JSON body as a Giacom notification. Only what the receiver itself needs
 * refuses a delivery (a 400 makes Giacom retry, then drop the event): an object envelope with a
 * non-empty `eventId` (dedupe), a string `eventType` (routing), an object `event`, and bounded
 * ids. Anything else that differs from the documented shape makes the event unknown, not invalid.
 */
export function parseDelivery(body: unknown): ParsedDelivery {
  if (!isObject(body)) return refuse("not an object");
  const { eventId, eventType, eventTime, event } = body;
  if (typeof eventId !== "string" || eventId === "") return refuse("eventId");
  if (eventId.length > MAX_ID_LENGTH) return tooLong("eventId");
  if (typeof eventType !== "string") return refuse("eventType");
  if (!isObject(event)) return refuse("event");
  const unknown = (field?: string): ParsedDelivery =>
    field === undefined
      ? { ok: true, known: false, event: body as UnknownWebhookEvent }
      : { ok: true, known: false, event: body as UnknownWebhookEvent, field };
  if (!isWebhookEventType(eventType)) return unknown();
  // What the WebhookEvent type promises beyond the envelope; nothing else of the entity is checked.
  if (typeof eventTime !== "string") return unknown("eventTime");
  const key = PAYLOAD_KEYS[eventType];
  const entity = event[key];
  if (!isObject(entity)) return unknown(`event.${key}`);
  const { id, version } = entity;
  if (typeof id !== "string" || id === "") return unknown(`event.${key}.id`);
  if (version !== undefined && typeof version !== "number") return unknown(`event.${key}.version`);
  // Only here does the id become a version-store key, so only here is its length a reason to refuse.
  if (id.length > MAX_ID_LENGTH) return tooLong(`event.${key}.id`);
  return { ok: true, known: true, event: body as WebhookEvent, entityKey: `${key}:${id}`, version };
}
