// The TMF688 event envelope the TMF APIs deliver their notifications in: `eventId`,
// `eventType`, `eventTime` and an `event` object carrying the entity under a key that depends
// on the type. Only what a receiver itself needs is checked; the rest of the entity is not: a
// receiver must not refuse what the server really sends.
import { isObject } from "../core/internal/show.js";
import type { ParsedDelivery } from "../core/receiver/receiver.js";

/**
 * The longest eventId or entity id accepted, in characters. Both become keys of the dedupe and
 * version stores, so without a bound each delivery could make the receiver keep megabytes.
 */
export const MAX_ID_LENGTH = 256;

// Checked by hand rather than with a schema library: the checks are few, and zod/mini was more
// than half of a webhooks entry point's bundle. Refusals name only fields, never a value from the body.
const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason: `invalid envelope: ${reason}` });
const tooLong = (field: string) => refuse(`${field} longer than ${MAX_ID_LENGTH} characters`);

/**
 * Validates a parsed JSON body as a TMF688 event, for a receiver profile's `parse`.
 * `payloadKey` gives the key under which a documented `eventType` carries its entity (the
 * entity's name also prefixes its version-store key, `ServiceOrder:<id>`), or undefined for a
 * type the API does not document. Only what the receiver needs refuses a delivery (a 400 makes
 * the server retry, then drop the event): an object envelope with a non-empty `eventId`
 * (dedupe), a string `eventType` (routing), an object `event`, and bounded ids. Anything else
 * that differs from the documented shape makes the event unknown, not invalid.
 * @example
 * ```ts
 * const parse = (body: unknown) => parseTmfEvent(body, (type) => (type.startsWith("ProductOrder") ? "productOrder" : undefined));
 * ```
 */
export function parseTmfEvent<E, U>(body: unknown, payloadKey: (eventType: string) => string | undefined): ParsedDelivery<E, U> {
  if (!isObject(body)) return refuse("not an object");
  const { eventId: id, eventType, eventTime, event } = body;
  if (typeof id !== "string" || id === "") return refuse("eventId");
  if (id.length > MAX_ID_LENGTH) return tooLong("eventId");
  if (typeof eventType !== "string") return refuse("eventType");
  if (!isObject(event)) return refuse("event");
  const unknown = (field?: string): ParsedDelivery<E, U> => ({
    ok: true,
    id,
    event: body as U,
    unknown: field === undefined ? { reason: "undocumentedType" } : { reason: "unexpectedShape", field },
  });
  const key = payloadKey(eventType);
  if (key === undefined) return unknown();
  // What a documented type promises beyond the envelope; nothing else of the entity is checked.
  if (typeof eventTime !== "string") return unknown("eventTime");
  const entity = event[key];
  if (!isObject(entity)) return unknown(`event.${key}`);
  const { id: entityId, version } = entity;
  if (typeof entityId !== "string" || entityId === "") return unknown(`event.${key}.id`);
  if (version !== undefined && typeof version !== "number") return unknown(`event.${key}.version`);
  // Only here does the id become a version-store key, so only here is its length a reason to refuse.
  if (entityId.length > MAX_ID_LENGTH) return tooLong(`event.${key}.id`);
  return { ok: true, id, type: eventType, event: body as E, entity: `${key}:${entityId}`, version };
}
