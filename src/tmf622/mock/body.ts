// What the simulator checks in a product order it is sent: the first level of the order and of
// each item (which attributes, of which kind) and what TMF622 requires (at least one item, each
// with an id and a known action). What is nested deeper is kept as sent. The tables follow
// spec/tmf622.openapi.yaml (ProductOrder, ProductOrderItem); the tests hold them to it.
import { isRecord } from "../../core/simulator/http.js";
import type { OrderItemAction, ProductOrderItemState, ProductOrderState } from "../generated/types.js";
import { invalid } from "./http.js";

type Kind = "string" | "uri" | "date" | "integer" | "object" | "list" | "items" | "state" | "itemState" | "action";

export const ORDER_STATES: readonly ProductOrderState[] = [
  "acknowledged",
  "rejected",
  "pending",
  "held",
  "inProgress",
  "cancelled",
  "completed",
  "failed",
  "partial",
  "assessingCancellation",
  "pendingCancellation",
  "inProgress.fallout",
  "amending.fallout",
  "amending",
  "pendingCancellation.fallout",
  "inProgress.suspended",
  "inProgress.fallout.suspended",
  "amending.suspended",
  "amending.fallout.suspended",
  "pendingCancellation.suspended",
  "pendingCancellation.fallout.suspended",
];

/** The item states: the order states without the six `.suspended` ones. */
export const ITEM_STATES = ORDER_STATES.filter((s) => !s.endsWith(".suspended")) as readonly ProductOrderItemState[];

const ACTIONS: readonly OrderItemAction[] = ["add", "modify", "delete", "noChange", "suspend", "resume", "terminate"];

const COMMON: Record<string, Kind> = { "@baseType": "string", "@schemaLocation": "uri", "@type": "string" };

/** Every attribute of a ProductOrder. */
export const ORDER_FIELDS: Readonly<Record<string, Kind>> = {
  ...COMMON,
  agreement: "list",
  billingAccount: "object",
  cancellationDate: "date",
  cancellationReason: "string",
  category: "string",
  channel: "list",
  completionDate: "date",
  description: "string",
  expectedCompletionDate: "date",
  externalId: "string",
  href: "string",
  id: "string",
  note: "list",
  notificationContact: "string",
  orderDate: "date",
  orderTotalPrice: "list",
  payment: "list",
  priority: "string",
  productOfferingQualification: "list",
  productOrderItem: "items",
  quote: "list",
  relatedParty: "list",
  requestedCompletionDate: "date",
  requestedStartDate: "date",
  state: "state",
};

/** What the server sets, which a create may not (the official ProductOrder_Create skips them). */
export const SERVER_OWNED = ["id", "href", "state", "orderDate", "completionDate", "expectedCompletionDate"];
/** What a PATCH may not change (the official ProductOrder_Update skips them). */
export const NOT_PATCHABLE = ["id", "href", "orderDate"];

const ITEM_FIELDS: Readonly<Record<string, Kind>> = {
  ...COMMON,
  action: "action",
  appointment: "object",
  billingAccount: "object",
  id: "string",
  itemPrice: "list",
  itemTerm: "list",
  itemTotalPrice: "list",
  payment: "list",
  product: "object",
  productOffering: "object",
  productOfferingQualificationItem: "object",
  productOrderItem: "items",
  productOrderItemRelationship: "list",
  qualification: "list",
  quantity: "integer",
  quoteItem: "object",
  state: "itemState",
};

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

const KINDS: Record<Kind, [string, (value: unknown) => boolean]> = {
  string: ["a string", (v) => typeof v === "string"],
  uri: ["a URI", (v) => typeof v === "string" && URL.canParse(v)],
  date: ["a date-time (RFC 3339)", (v) => typeof v === "string" && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))],
  integer: ["an integer", (v) => Number.isInteger(v)],
  object: ["an object", isRecord],
  list: ["a list of objects", (v) => Array.isArray(v) && v.every(isRecord)],
  items: ["a list of product order items", Array.isArray],
  state: [`one of ${ORDER_STATES.join(", ")}`, (v) => (ORDER_STATES as unknown[]).includes(v)],
  itemState: [`one of ${ITEM_STATES.join(", ")}`, (v) => (ITEM_STATES as unknown[]).includes(v)],
  action: [`one of ${ACTIONS.join(", ")}`, (v) => (ACTIONS as unknown[]).includes(v)],
};

function checkFields(value: Record<string, unknown>, fields: Readonly<Record<string, Kind>>, where: string, what: string, itemState: boolean): void {
  for (const [name, member] of Object.entries(value)) {
    const kind = Object.hasOwn(fields, name) ? fields[name]! : undefined;
    if (kind === undefined) throw invalid(`${where}${name} is not an attribute of ${what}`);
    const [expected, ok] = KINDS[kind];
    if (!ok(member)) throw invalid(`${where}${name} must be ${expected}`);
    if (kind === "itemState" && !itemState) throw invalid(`${where}state is set by the server`);
    if (kind === "items") checkItems(member as unknown[], `${where}${name}`, itemState);
  }
}

function checkItems(items: unknown[], where: string, itemState: boolean): void {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const at = `${where}[${i}]`;
    if (!isRecord(item)) throw invalid(`${at} must be an object`);
    checkFields(item, ITEM_FIELDS, `${at}.`, "a product order item", itemState);
    if (item.id === undefined) throw invalid(`${at}.id is required`);
    if (item.action === undefined) throw invalid(`${at}.action is required`);
    if (ids.has(item.id as string)) throw invalid(`${at}.id ${JSON.stringify(item.id)} is used by another item of the list`);
    ids.add(item.id as string);
  });
}

/**
 * Checks a product order as the simulator would hold it: a create (no server-owned attribute,
 * item states included) or an order after a PATCH (every attribute allowed).
 */
export function checkOrder(order: Record<string, unknown>, kind: "create" | "stored"): void {
  if (kind === "create") {
    const owned = SERVER_OWNED.filter((name) => Object.hasOwn(order, name));
    if (owned.length > 0)
      throw invalid(`${owned.join(", ")} ${owned.length > 1 ? "are" : "is"} set by the server: a create may not carry ${owned.length > 1 ? "them" : "it"}`);
  }
  checkFields(order, ORDER_FIELDS, "", "a product order", kind === "stored");
  const items = order.productOrderItem;
  if (!Array.isArray(items) || items.length === 0) throw invalid("productOrderItem must list at least one item");
}
