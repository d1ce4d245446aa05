// Shared by the webhook tests: a receiver under test, deliveries shaped like Giacom's, and the
// documented delivery example from the spec.
import { WEBHOOK_API_KEYS } from "../../helpers/secrets.js";
import { loadSpec } from "../spec/spec-helpers.js";

export const API_KEY = WEBHOOK_API_KEYS.webhooks;
export const PREVIOUS_KEY = WEBHOOK_API_KEYS.webhooksPrevious;
export const URL_ = "https://yourportal.com/webhook";

const spec = loadSpec();

/** The `ServiceOrderStateChangeEventNotification` example: the delivery the document shows. */
export const DOCUMENTED_DELIVERY = spec.components.examples.ServiceOrderStateChangeEventNotification!.value as {
  eventId: string;
  eventTime: string;
  eventType: string;
  event: { ServiceOrder: { id: string; version: number } };
};

/** The spec's webhook names: every documented event type. */
export const SPEC_EVENT_TYPES = Object.keys(spec.webhooks);

export function post(body: unknown, init: { key?: string | null; headers?: Record<string, string> } = {}): Request {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  const key = init.key === undefined ? API_KEY : init.key;
  if (key !== null) headers.authorization = `Basic ${key}`;
  return new Request(URL_, { method: "POST", headers: { ...headers, ...init.headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

let counter = 0;

/** A delivery of `eventType` for the entity `id` at `version`, with a fresh eventId. */
export function delivery(
  eventType = "ServiceOrderStateChangeEvent",
  entity: Record<string, unknown> = { id: "c9d8c1f1-7523-476a-b89f-774bfd390f46", version: 6, state: "inProgress" },
) {
  // TMF641 v5's InformationRequired events name their entity in lowerCamel case.
  const name = eventType.startsWith("CancelServiceOrder") ? "CancelServiceOrder" : eventType.startsWith("ServiceOrder") ? "ServiceOrder" : "service";
  const key = eventType.includes("InformationRequired") ? name[0]!.toLowerCase() + name.slice(1) : name;
  counter += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    eventTime: "2026-01-31T10:00:00Z",
    eventType,
    event: { [key]: entity },
  };
}
