// What the simulator checks in a request body, schema by schema of spec/masstack.openapi.yaml:
// which members (a documented object takes no other), their kinds and enums, what is required,
// and the paired period rule. Each table is typed against the generated type of its schema, so a
// member the spec adds or drops fails the type check; the tests hold the rest to the spec.
import { isRecord } from "../../core/simulator/http.js";
import type { components } from "../generated/masstack.js";
import type { deviceDetailsByCategory, serviceDetailsByType } from "../generated/variants.js";
import { invalid, MISSING_CALLBACK_URL } from "./http.js";

type Schemas = components["schemas"];

type Rule =
  { kind: "string" | "date-time" | "boolean" | "number" } | { kind: "enum"; values: readonly string[] } | { kind: "object"; rule: ObjectRule | "open" };

interface ObjectRule {
  members: Readonly<Record<string, Rule>>;
  required: readonly string[];
  /** Members each of which requires the other (`dependentRequired` both ways). */
  paired?: readonly [string, string];
}

/** Keys `T` cannot omit. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** A table for schema `T`: a rule for each of its members, no other, and its required ones. */
function shape<T>(
  members: { [K in keyof Required<T>]: Rule },
  required: readonly RequiredKeys<T>[],
  paired?: readonly [keyof T & string, keyof T & string],
): ObjectRule {
  return { members, required: required as readonly string[], ...(paired ? { paired } : {}) };
}

const string: Rule = { kind: "string" };
const dateTime: Rule = { kind: "date-time" };
const boolean: Rule = { kind: "boolean" };
const number: Rule = { kind: "number" };
const oneOf = (values: readonly string[]): Rule => ({ kind: "enum", values });

/** The values of enum `T`, every one of them: a value the spec adds fails the type check. */
const every =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)): A =>
    values;
const object = (rule: ObjectRule | "open"): Rule => ({ kind: "object", rule });

export const SERVICE_TYPES = every<Schemas["serviceTypeDTO"]>()(["multisim", "security", "tv", "datasharing", "mobile", "applewatch", "deviceinsurance"]);

export const BARRING_NAMES = every<Schemas["barringRequestDTO"]["barring_name"]>()([
  "ROAMING",
  "INTERNATIONAL_DESTINATIONS",
  "OUTGOING_VOICE",
  "OUTGOING_SMS",
  "INCOMING_VOICE",
  "INCOMING_SMS",
  "INTERNET",
  "VOICE_PREMIUM_ENTERTAINMENT",
  "VOICE_PREMIUM_INFORMATION",
  "SMS_PREMIUM",
  "SUBSCRIPTION_PREMIUM",
]);

const DEVICE_CATEGORIES = every<Schemas["updateServiceDeviceRequestDTO"]["category"]>()([
  "STB",
  "SMARTWATCH",
  "TABLET",
  "ROUTER",
  "PBX",
  "SMARTPHONE",
  "WIFI_EXTENDER",
  "OTHER",
  "SIM",
  "eSIM",
]);

const MOVEMENT_TYPES = every<Schemas["movementRequestDTO"]["type"]>()([
  "RECURRING_CHARGE",
  "ONE_TIME_FEE",
  "INSTALLATION_FEE",
  "SUSPENSION_SERVICE_FEE",
  "UNRETURNED_EQUIPMENT_FEE",
  "DISCOUNT",
]);

const TAX_TYPES = every<Schemas["taxDTO"]["type"]>()(["EXEMPTED", "IGIC", "IVA", "IPSI_CEUTA", "IPSI_MELILLA", "NOT_APPLY", "NOT_TAXED"]);

const tax = shape<Schemas["taxDTO"]>({ type: oneOf(TAX_TYPES), percentage: number }, ["type", "percentage"]);
const amount = object(shape<Schemas["amountDTO"]>({ value_with_taxes: number, value_without_taxes: number, tax: object(tax) }, []));

/** `service_details` by service type: multisim's is documented, the six others are open objects. */
export const SERVICE_DETAILS: Readonly<Record<keyof typeof serviceDetailsByType, ObjectRule>> = {
  multisim: shape<Schemas["multisimServiceDTO"]>({ secondary_eid: string, secondary_iccid: string }, ["secondary_eid", "secondary_iccid"]),
};

/** `new_service_device_details` by device category: an eSIM's is documented, the others are open objects. */
export const DEVICE_DETAILS: Readonly<Record<keyof typeof deviceDetailsByCategory, ObjectRule>> = {
  eSIM: shape<Schemas["eSIMDeviceDTO"]>({ iccid: string, eid: string }, []),
};

const callbacks = { callback_success_url: string, callback_error_url: string };
type WithCallbacks<T> = T & Schemas["callbackDTO"];

/** The table of each request body, by operationId. */
export const BODIES = {
  createService: shape<WithCallbacks<Schemas["createServiceRequestDTO"]>>({ service_id: string, service_details: object("open"), ...callbacks }, [
    "service_details",
    "callback_success_url",
    "callback_error_url",
  ]),
  updateServiceDevice: shape<WithCallbacks<Schemas["updateServiceDeviceRequestDTO"]>>(
    { category: oneOf(DEVICE_CATEGORIES), new_service_device_details: object("open"), ...callbacks },
    ["category", "new_service_device_details", "callback_success_url", "callback_error_url"],
  ),
  updateBarring: shape<WithCallbacks<Schemas["barringRequestDTO"]>>({ active: boolean, barring_name: oneOf(BARRING_NAMES), ...callbacks }, [
    "active",
    "barring_name",
    "callback_success_url",
    "callback_error_url",
  ]),
  createMovement: shape<Schemas["movementRequestDTO"]>(
    {
      type: oneOf(MOVEMENT_TYPES),
      movement_datetime: dateTime,
      period_start_datetime: dateTime,
      period_end_datetime: dateTime,
      amount,
      external_invoice_id: string,
      external_movement_unique_id: string,
      billable: boolean,
      concept_id: string,
      description: string,
    },
    ["type", "movement_datetime", "amount", "external_movement_unique_id", "billable"],
    ["period_start_datetime", "period_end_datetime"],
  ),
  createNonSubscribableMovement: shape<Schemas["movementNonSubscribableRequestDTO"]>(
    {
      type: oneOf(MOVEMENT_TYPES),
      movement_datetime: dateTime,
      period_start_datetime: dateTime,
      period_end_datetime: dateTime,
      amount,
      external_invoice_id: string,
      external_movement_unique_id: string,
      transaction_type_id: string,
      description: string,
    },
    ["type", "movement_datetime", "amount", "external_movement_unique_id", "transaction_type_id"],
    ["period_start_datetime", "period_end_datetime"],
  ),
  updateMovement: "open",
  createRefund: shape<Schemas["refundRequestDTO"]>(
    {
      refund_datetime: dateTime,
      period_start_datetime: dateTime,
      period_end_datetime: dateTime,
      amount,
      external_invoice_id: string,
      external_refund_unique_id: string,
      billable: boolean,
      movement_id: string,
      description: string,
    },
    ["refund_datetime", "amount", "external_refund_unique_id", "billable", "movement_id"],
    ["period_start_datetime", "period_end_datetime"],
  ),
  createNonSubscribableRefund: shape<Schemas["refundNonSubscribableRequestDTO"]>(
    {
      refund_datetime: dateTime,
      period_start_datetime: dateTime,
      period_end_datetime: dateTime,
      amount,
      external_invoice_id: string,
      external_refund_unique_id: string,
      transaction_type_id: string,
      movement_id: string,
      description: string,
    },
    ["refund_datetime", "amount", "transaction_type_id", "movement_id"],
    ["period_start_datetime", "period_end_datetime"],
  ),
  createPromotion: shape<Schemas["createPromotionRequestDTO"]>(
    {
      promotion: object(shape<Schemas["promotionDTO"]>({ promotion_id: string, activation_date: dateTime, deactivation_date: dateTime }, [])),
    },
    ["promotion"],
  ),
  updatePromotion: shape<Schemas["updatePromotionRequestDTO"]>({ deactivation_date: dateTime }, ["deactivation_date"]),
  terminateDeviceInsurance: shape<Schemas["terminateMovementRequestDTO"]>({ reason: string, deactivation_date: dateTime }, ["reason", "deactivation_date"]),
} as const satisfies Record<string, ObjectRule | "open">;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
const IN_BODY = "(request body)";

function problem(rule: Rule, value: unknown): string | undefined {
  switch (rule.kind) {
    case "string":
      return typeof value === "string" ? undefined : "must be a string";
    case "date-time":
      return typeof value === "string" && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : "must be a date-time (RFC 3339)";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "must be a number";
    case "enum":
      return typeof value === "string" && rule.values.includes(value) ? undefined : `must be one of ${rule.values.join(", ")}`;
    case "object":
      return isRecord(value) ? undefined : "must be an object";
  }
}

/** Throws the 400 for the first thing `value` gets wrong against `rule`; `at` is the dotted path to it. */
export function checkObject(rule: ObjectRule, value: Record<string, unknown>, at = ""): void {
  const name = (member: string) => `${at}${member}`;
  for (const member of rule.required) {
    if (value[member] === undefined) throw invalid(`${name(member)} is required ${IN_BODY}`);
  }
  for (const [member, sent] of Object.entries(value)) {
    const found = Object.hasOwn(rule.members, member) ? rule.members[member] : undefined;
    if (!found) throw invalid(`${name(member)} is not a member of this body ${IN_BODY}`);
    const wrong = problem(found, sent);
    if (wrong) throw invalid(`${name(member)} ${wrong} ${IN_BODY}`);
    if (found.kind === "object" && found.rule !== "open") checkObject(found.rule, sent as Record<string, unknown>, `${name(member)}.`);
  }
  if (rule.paired) {
    const [a, b] = rule.paired;
    const given = [a, b].filter((m) => value[m] !== undefined);
    if (given.length === 1) throw invalid(`${name(given[0] === a ? b : a)} is required when ${name(given[0]!)} is set ${IN_BODY}`);
    if (given.length === 2 && Date.parse(value[a] as string) > Date.parse(value[b] as string))
      throw invalid(`${name(a)} must not be after ${name(b)} ${IN_BODY}`);
  }
}

/**
 * Checks the body of `operationId`. The callback URLs come first: without one MasStack answers
 * its documented "MISSING CALLBACK URL".
 */
export function checkBody(operationId: keyof typeof BODIES, body: Record<string, unknown>): void {
  const rule = BODIES[operationId];
  if (rule === "open") return;
  if ("callback_success_url" in rule.members) {
    for (const member of ["callback_success_url", "callback_error_url"]) {
      const url = body[member];
      if (url === undefined || url === null || url === "") throw invalid(MISSING_CALLBACK_URL);
      if (typeof url !== "string" || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
        throw invalid(`${member} must be an absolute http(s) URL ${IN_BODY}`);
    }
  }
  checkObject(rule, body);
}

/** `service_details` against the rule of its service type (multisim's; the others are open). */
export function checkServiceDetails(type: Schemas["serviceTypeDTO"], details: Record<string, unknown>): void {
  const rule = Object.hasOwn(SERVICE_DETAILS, type) ? SERVICE_DETAILS[type as keyof typeof SERVICE_DETAILS] : undefined;
  if (rule) checkObject(rule, details, "service_details.");
}

/** `new_service_device_details` against the rule of its category (an eSIM's; the others are open). */
export function checkDeviceDetails(category: Schemas["updateServiceDeviceRequestDTO"]["category"], details: Record<string, unknown>): void {
  const rule = Object.hasOwn(DEVICE_DETAILS, category) ? DEVICE_DETAILS[category as keyof typeof DEVICE_DETAILS] : undefined;
  if (rule) checkObject(rule, details, "new_service_device_details.");
}
