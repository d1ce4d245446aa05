// The checks a request passes before it is sent, from the spec's schemas: required members,
// types, enums, date-times, the pairs that go together (a period's two ends, the two callback
// URLs) and the `service_details` of each service type. The tables are small and hand-written
// for the bundle's sake, but typed against the generated schemas: a table that names a member
// the schema does not have, misses one, or gets its requiredness wrong does not compile, and
// neither does an enum missing a value. Unknown members are let through (MasStack may add some).
import { isObject } from "../core/internal/show.js";
import { MasStackValidationError, type MasStackValidationIssue } from "./errors.js";
import { deviceDetailsByCategory, serviceDetailsByType, type DeviceDetailsByCategory, type ServiceDetailsByType } from "./generated/variants.js";
import type {
  Amount,
  BarringUpdate,
  DeviceInsuranceTermination,
  MovementCreate,
  NonSubscribableMovementCreate,
  NonSubscribableRefundCreate,
  Promotion,
  PromotionCreate,
  PromotionUpdate,
  RefundCreate,
  ServiceCreate,
  ServiceDeviceUpdate,
  ServiceType,
  Tax,
} from "./generated/types.js";

/** `s` string, `b` boolean, `n` number, `d` RFC 3339 date-time, `u` absolute http(s) URL, `o` any object; a list is an enum; an object a nested table. */
type Rule = "s" | "b" | "n" | "d" | "u" | "o" | readonly string[] | Table;
interface Table {
  readonly [member: string]: Rule;
}
/** A schema's members as a table spells them: a required one ends with `!`. */
type Spelled<S> = { [K in keyof S & string]-?: object extends Pick<S, K> ? K : `${K}!` }[keyof S & string];
type TableOf<S> = { readonly [K in Spelled<S>]: Rule };

/** Every value of a string enum, checked complete and exact by the compiler. */
const values = <T extends string>(all: Record<T, 0>): readonly T[] => Object.keys(all) as T[];

/** @internal The service types, in the spec's order: a namespace each under `services`. */
export const SERVICE_TYPES = values<ServiceType>({ multisim: 0, security: 0, tv: 0, datasharing: 0, mobile: 0, applewatch: 0, deviceinsurance: 0 });

const MOVEMENT_TYPES = values<MovementCreate["type"]>({
  RECURRING_CHARGE: 0,
  ONE_TIME_FEE: 0,
  INSTALLATION_FEE: 0,
  SUSPENSION_SERVICE_FEE: 0,
  UNRETURNED_EQUIPMENT_FEE: 0,
  DISCOUNT: 0,
});
const TAX = {
  "type!": values<Tax["type"]>({ EXEMPTED: 0, IGIC: 0, IVA: 0, IPSI_CEUTA: 0, IPSI_MELILLA: 0, NOT_APPLY: 0, NOT_TAXED: 0 }),
  "percentage!": "n",
} as const satisfies TableOf<Tax>;
const AMOUNT = { value_with_taxes: "n", value_without_taxes: "n", tax: TAX } as const satisfies TableOf<Amount>;
const PERIOD = { period_start_datetime: "d", period_end_datetime: "d", external_invoice_id: "s", description: "s", "amount!": AMOUNT } as const;
const MOVEMENT = { "type!": MOVEMENT_TYPES, "movement_datetime!": "d", "external_movement_unique_id!": "s", ...PERIOD } as const;
const REFUND = { "refund_datetime!": "d", "movement_id!": "s", ...PERIOD } as const;
const CALLBACKS = { callback_success_url: "u", callback_error_url: "u" } as const;

/** @internal The table of each request body. */
export const BODIES = {
  movement: { ...MOVEMENT, "billable!": "b", concept_id: "s" } satisfies TableOf<MovementCreate>,
  nonSubscribableMovement: { ...MOVEMENT, "transaction_type_id!": "s" } satisfies TableOf<NonSubscribableMovementCreate>,
  refund: { ...REFUND, "external_refund_unique_id!": "s", "billable!": "b" } satisfies TableOf<RefundCreate>,
  nonSubscribableRefund: { ...REFUND, external_refund_unique_id: "s", "transaction_type_id!": "s" } satisfies TableOf<NonSubscribableRefundCreate>,
  promotion: {
    "promotion!": { promotion_id: "s", activation_date: "d", deactivation_date: "d" } satisfies TableOf<Promotion>,
  } satisfies TableOf<PromotionCreate>,
  promotionUpdate: { "deactivation_date!": "d" } satisfies TableOf<PromotionUpdate>,
  termination: { "reason!": "s", "deactivation_date!": "d" } satisfies TableOf<DeviceInsuranceTermination>,
  movementUpdate: {},
  barring: {
    "active!": "b",
    "barring_name!": values<BarringUpdate["barring_name"]>({
      ROAMING: 0,
      INTERNATIONAL_DESTINATIONS: 0,
      OUTGOING_VOICE: 0,
      OUTGOING_SMS: 0,
      INCOMING_VOICE: 0,
      INCOMING_SMS: 0,
      INTERNET: 0,
      VOICE_PREMIUM_ENTERTAINMENT: 0,
      VOICE_PREMIUM_INFORMATION: 0,
      SMS_PREMIUM: 0,
      SUBSCRIPTION_PREMIUM: 0,
    }),
    ...CALLBACKS,
  } satisfies TableOf<BarringUpdate> & Table,
} as const;

/**
 * The documented `service_details` by service type (the spec's `x-sdk-variants`, generated); the
 * others are open objects until MasStack documents them. A variant the spec adds and this table
 * lacks does not compile.
 */
const SERVICE_DETAILS: Partial<Record<ServiceType, Table>> = {
  multisim: { "secondary_eid!": "s", "secondary_iccid!": "s" },
} satisfies { [T in keyof typeof serviceDetailsByType]: TableOf<ServiceDetailsByType[T]> };
/** The documented `new_service_device_details` by device category, likewise. */
const DEVICE_DETAILS: Partial<Record<ServiceDeviceUpdate["category"], Table>> = {
  eSIM: { iccid: "s", eid: "s" },
} satisfies { [C in keyof typeof deviceDetailsByCategory]: TableOf<DeviceDetailsByCategory[C]> };
const CATEGORIES = values<ServiceDeviceUpdate["category"]>({
  STB: 0,
  SMARTWATCH: 0,
  TABLET: 0,
  ROUTER: 0,
  PBX: 0,
  SMARTPHONE: 0,
  WIFI_EXTENDER: 0,
  OTHER: 0,
  SIM: 0,
  eSIM: 0,
});

/** @internal A service creation's table: its `service_details` are its type's. */
export const serviceBody = (type: ServiceType): Table =>
  ({ service_id: "s", "service_details!": SERVICE_DETAILS[type] ?? "o", ...CALLBACKS }) satisfies TableOf<ServiceCreate> & Table;

/** @internal A device update's table: its details are its category's (an unknown category is reported once). */
export const deviceBody = (body: unknown): Table =>
  ({
    "category!": CATEGORIES,
    "new_service_device_details!": DEVICE_DETAILS[(body as { category: ServiceDeviceUpdate["category"] }).category] ?? "o",
    ...CALLBACKS,
  }) satisfies TableOf<ServiceDeviceUpdate> & Table;

/** Members that go together: one given, the other is required too. */
const PAIRS = [
  ["period_start_datetime", "period_end_datetime"],
  ["callback_success_url", "callback_error_url"],
] as const;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;
const TYPES = {
  s: ["a string", (v: unknown) => typeof v === "string"],
  b: ["a boolean", (v: unknown) => typeof v === "boolean"],
  n: ["a finite number", Number.isFinite],
  d: ["an RFC 3339 date-time with its offset, e.g. 2024-01-31T23:00:00Z", (v: unknown) => typeof v === "string" && DATE_TIME.test(v)],
  u: ["an absolute http(s) URL", (v: unknown) => typeof v === "string" && /^https?:\/\/[^/?#\s]+/i.test(v) && URL.canParse(v)],
  o: ["an object", isObject],
} as const;

function walk(value: unknown, rule: Rule, at: string, issues: MasStackValidationIssue[]): void {
  if (typeof rule === "string") {
    const [what, ok] = TYPES[rule];
    if (!ok(value)) issues.push({ path: at, message: `must be ${what}` });
  } else if (Array.isArray(rule)) {
    if (!rule.includes(value as string)) issues.push({ path: at, message: `must be one of ${rule.join(", ")}` });
  } else if (!isObject(value)) {
    issues.push({ path: at, message: "must be an object" });
  } else {
    for (const [spelled, member] of Object.entries(rule as Table)) {
      const name = spelled.replace(/!$/, "");
      if (value[name] !== undefined) walk(value[name], member, `${at}.${name}`, issues);
      else if (spelled !== name) issues.push({ path: `${at}.${name}`, message: "is required" });
    }
    for (const [a, b] of PAIRS) {
      if ((value[a] === undefined) !== (value[b] === undefined) && (a in rule || `${a}!` in rule)) {
        const [given, missing] = value[a] === undefined ? [b, a] : [a, b];
        issues.push({ path: `${at}.${missing}`, message: `is required when ${given} is set (give both or neither)` });
      }
    }
  }
}

/** @internal Throws a MasStackValidationError listing every way `value` breaks `rule`. */
export function check(value: unknown, rule: Rule, at: string): void {
  const issues: MasStackValidationIssue[] = [];
  walk(value, rule, at, issues);
  if (issues.length) throw new MasStackValidationError(issues);
}
