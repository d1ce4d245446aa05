// Product orders built from the vendor's schema tables (seeds/003 has no JSON example): one order
// that fills every field of every schema the vendor documents, one order in each of the 21 order
// states (whose items and products use every item state, action and product status), and the
// official-only bodies (create, merge patch, cancellation, hub, notifications). Each is valid
// against spec/tmf622.openapi.yaml with closed schemas (test/tmf622/spec.test.ts), so the client and
// simulator tests can use them as golden bodies. Functions return fresh copies.
import type {
  CancelProductOrder,
  CancelProductOrderCreate,
  ErrorBody,
  Hub,
  HubCreate,
  OrderItemAction,
  ProductOrder,
  ProductOrderCreate,
  ProductOrderItem,
  ProductOrderItemState,
  ProductOrderState,
  ProductOrderStateChangeEvent,
  ProductOrderUpdate,
  ProductStatus,
} from "../../src/tmf622/generated/types.js";
import type { ProductOrderingEvent } from "../../src/tmf622/generated/events.js";

/** The API root the fixtures' `href`s use (the spec's server with `host` = example.com). */
export const API_ROOT = "https://example.com/tmf-api/productOrderingManagement/v4.0.0.1.0";

const at = (day: number, hour = 9) => `2025-06-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;
const schemaLocation = "https://example.com/schemas/ProductOrder.schema.json";

/**
 * An order that sets every property of every schema the vendor documents (seeds/003), the
 * polymorphic `@` fields included, so that a closed schema checks each of them.
 */
export function fullProductOrder(): ProductOrder {
  const billingAccount = {
    "@baseType": "BillingAccountRef",
    "@referredType": "BillingAccount",
    "@schemaLocation": "https://example.com/schemas/BillingAccountRef.schema.json",
    "@type": "BillingAccountRef",
    href: `https://example.com/tmf-api/accountManagement/v4/billingAccount/BA-1001`,
    id: "BA-1001",
    name: "Head office",
  };
  const productOfferingPrice = {
    "@baseType": "ProductOfferingPriceRef",
    "@referredType": "ProductOfferingPrice",
    "@schemaLocation": "https://example.com/schemas/ProductOfferingPriceRef.schema.json",
    "@type": "ProductOfferingPriceRef",
    href: "https://example.com/tmf-api/productCatalogManagement/v4/productOfferingPrice/POP-FIBRE-MONTHLY",
    id: "POP-FIBRE-MONTHLY",
    name: "Fibre 1 Gbps monthly",
  };
  const price = {
    "@baseType": "Price",
    "@schemaLocation": "https://example.com/schemas/Price.schema.json",
    "@type": "Price",
    dutyFreeAmount: { unit: "GBP", value: 50 },
    percentage: 0,
    taxIncludedAmount: { unit: "GBP", value: 60 },
    taxRate: 20,
  };
  const priceAlteration = {
    "@baseType": "PriceAlteration",
    "@schemaLocation": "https://example.com/schemas/PriceAlteration.schema.json",
    "@type": "PriceAlteration",
    applicationDuration: 3,
    description: "Three months at half price",
    name: "Welcome discount",
    price: { percentage: 50 },
    priceType: "discount",
    priority: 1,
    productOfferingPrice,
    recurringChargePeriod: "month",
    unitOfMeasure: "month",
  };
  const orderPrice = {
    "@baseType": "OrderPrice",
    "@schemaLocation": "https://example.com/schemas/OrderPrice.schema.json",
    "@type": "OrderPrice",
    billingAccount,
    description: "Monthly charge of the fibre line",
    name: "Subscription price",
    price,
    priceAlteration: [priceAlteration],
    priceType: "recurring",
    productOfferingPrice,
    recurringChargePeriod: "month",
    unitOfMeasure: "GB",
  };
  const payment = {
    "@baseType": "PaymentRef",
    "@referredType": "Payment",
    "@schemaLocation": "https://example.com/schemas/PaymentRef.schema.json",
    "@type": "PaymentRef",
    href: "https://example.com/tmf-api/paymentManagement/v4/payment/PAY-77",
    id: "PAY-77",
    name: "Installation fee",
  };
  const qualification = {
    "@baseType": "ProductOfferingQualificationRef",
    "@referredType": "ProductOfferingQualification",
    "@schemaLocation": "https://example.com/schemas/ProductOfferingQualificationRef.schema.json",
    "@type": "ProductOfferingQualificationRef",
    href: "https://example.com/tmf-api/productOfferingQualification/v4/productOfferingQualification/POQ-9",
    id: "POQ-9",
    name: "Fibre availability at the head office",
  };
  const relatedParty = {
    "@baseType": "RelatedParty",
    "@referredType": "Organization",
    "@schemaLocation": "https://example.com/schemas/RelatedParty.schema.json",
    "@type": "RelatedParty",
    href: "https://example.com/tmf-api/partyManagement/v4/organization/ORG-42",
    id: "ORG-42",
    name: "Example Ltd",
    role: "customer",
  };
  const productOffering = {
    "@baseType": "ProductOfferingRef",
    "@referredType": "ProductOffering",
    "@schemaLocation": "https://example.com/schemas/ProductOfferingRef.schema.json",
    "@type": "ProductOfferingRef",
    href: "https://example.com/tmf-api/productCatalogManagement/v4/productOffering/PO-FIBRE-1G",
    id: "PO-FIBRE-1G",
    name: "Fibre 1 Gbps",
  };
  const duration = { amount: 12, units: "month" };
  const product = {
    "@baseType": "Product",
    "@referredType": "Product",
    "@schemaLocation": "https://example.com/schemas/FibreProduct.schema.json",
    "@type": "FibreProduct",
    agreement: [
      {
        "@baseType": "AgreementItemRef",
        "@referredType": "Agreement",
        "@schemaLocation": "https://example.com/schemas/AgreementItemRef.schema.json",
        "@type": "AgreementItemRef",
        agreementItemId: "SLA-GOLD-1",
        href: "https://example.com/tmf-api/agreementManagement/v4/agreement/AGR-5",
        id: "AGR-5",
        name: "Gold service level",
      },
    ],
    billingAccount,
    description: "Fibre access at the head office",
    href: "https://example.com/tmf-api/productInventory/v4/product/PRD-3001",
    id: "PRD-3001",
    isBundle: true,
    isCustomerVisible: true,
    name: "Fibre 1 Gbps",
    orderDate: at(2),
    place: [
      {
        "@baseType": "RelatedPlaceRefOrValue",
        "@referredType": "GeographicAddress",
        "@schemaLocation": "https://example.com/schemas/RelatedPlaceRefOrValue.schema.json",
        "@type": "RelatedPlaceRefOrValue",
        href: "https://example.com/tmf-api/geographicAddressManagement/v4/geographicAddress/ADDR-1",
        id: "ADDR-1",
        name: "Head office",
        role: "installationAddress",
      },
    ],
    product: [{ id: "PRD-3002", name: "Router", productSerialNumber: "RT-000123", status: "active" as const }],
    productCharacteristic: [
      {
        "@baseType": "Characteristic",
        "@schemaLocation": "https://example.com/schemas/Characteristic.schema.json",
        "@type": "Characteristic",
        name: "bandwidth",
        value: "1Gbps",
        valueType: "string",
      },
      { name: "staticIpCount", value: 4, valueType: "integer" },
      { name: "installation", value: { slot: "AM", accessNotes: "Reception on the ground floor" }, valueType: "object" },
    ],
    productOffering,
    productOrderItem: [
      {
        "@baseType": "RelatedProductOrderItem",
        "@referredType": "ProductOrderItem",
        "@schemaLocation": "https://example.com/schemas/RelatedProductOrderItem.schema.json",
        "@type": "RelatedProductOrderItem",
        orderItemAction: "add",
        orderItemId: "01",
        productOrderHref: `${API_ROOT}/productOrder/PO-1001`,
        productOrderId: "PO-1001",
        role: "creation",
      },
    ],
    productPrice: [
      {
        "@baseType": "ProductPrice",
        "@schemaLocation": "https://example.com/schemas/ProductPrice.schema.json",
        "@type": "ProductPrice",
        billingAccount,
        description: "Monthly charge of the fibre line",
        name: "Subscription price",
        price,
        priceType: "recurring",
        productOfferingPrice,
        productPriceAlteration: [priceAlteration],
        recurringChargePeriod: "month",
        unitOfMeasure: "GB",
      },
    ],
    productRelationship: [
      {
        "@baseType": "ProductRelationship",
        "@schemaLocation": "https://example.com/schemas/ProductRelationship.schema.json",
        "@type": "ProductRelationship",
        product: { id: "PRD-2001", href: "https://example.com/tmf-api/productInventory/v4/product/PRD-2001" },
        relationshipType: "reliesOn",
      },
    ],
    productSerialNumber: "ONT-445566",
    productSpecification: {
      "@baseType": "ProductSpecificationRef",
      "@referredType": "ProductSpecification",
      "@schemaLocation": "https://example.com/schemas/ProductSpecificationRef.schema.json",
      "@type": "ProductSpecificationRef",
      href: "https://example.com/tmf-api/productCatalogManagement/v4/productSpecification/PS-FIBRE",
      id: "PS-FIBRE",
      name: "Fibre access",
      targetProductSchema: {
        "@baseType": "TargetProductSchema",
        "@schemaLocation": "https://example.com/schemas/FibreProduct.schema.json",
        "@type": "FibreProduct",
      },
      version: "2.1",
    },
    productTerm: [
      {
        "@baseType": "ProductTerm",
        "@schemaLocation": "https://example.com/schemas/ProductTerm.schema.json",
        "@type": "ProductTerm",
        description: "Twelve months minimum",
        duration,
        name: "Minimum term",
        validFor: { startDateTime: at(10), endDateTime: "2026-06-10T09:00:00Z" },
      },
    ],
    realizingResource: [
      {
        "@baseType": "ResourceRef",
        "@referredType": "LogicalResource",
        "@schemaLocation": "https://example.com/schemas/ResourceRef.schema.json",
        "@type": "ResourceRef",
        href: "https://example.com/tmf-api/resourceInventoryManagement/v4/resource/RES-IP-1",
        id: "RES-IP-1",
        name: "Static IP block",
        value: "203.0.113.0/30",
      },
    ],
    realizingService: [
      {
        "@baseType": "ServiceRef",
        "@referredType": "Service",
        "@schemaLocation": "https://example.com/schemas/ServiceRef.schema.json",
        "@type": "ServiceRef",
        href: "https://example.com/tmf-api/serviceInventory/v4/service/SVC-88",
        id: "SVC-88",
        name: "Internet access",
      },
    ],
    relatedParty: [relatedParty],
    startDate: at(10),
    status: "pendingActive" as const,
    terminationDate: "2026-06-10T09:00:00Z",
  };
  const item: ProductOrderItem = {
    "@baseType": "ProductOrderItem",
    "@schemaLocation": "https://example.com/schemas/ProductOrderItem.schema.json",
    "@type": "ProductOrderItem",
    action: "add",
    appointment: {
      "@baseType": "AppointmentRef",
      "@referredType": "Appointment",
      "@schemaLocation": "https://example.com/schemas/AppointmentRef.schema.json",
      "@type": "AppointmentRef",
      description: "Engineer visit for the fibre installation",
      href: "https://example.com/tmf-api/appointment/v4/appointment/APT-12",
      id: "APT-12",
    },
    billingAccount,
    id: "01",
    itemPrice: [orderPrice],
    itemTerm: [
      {
        "@baseType": "OrderTerm",
        "@schemaLocation": "https://example.com/schemas/OrderTerm.schema.json",
        "@type": "OrderTerm",
        description: "Twelve months minimum",
        duration,
        name: "Minimum term",
      },
    ],
    itemTotalPrice: [orderPrice],
    payment: [payment],
    product,
    productOffering,
    productOfferingQualificationItem: {
      "@baseType": "ProductOfferingQualificationItemRef",
      "@referredType": "ProductOfferingQualificationItem",
      "@schemaLocation": "https://example.com/schemas/ProductOfferingQualificationItemRef.schema.json",
      "@type": "ProductOfferingQualificationItemRef",
      href: "https://example.com/tmf-api/productOfferingQualification/v4/productOfferingQualification/POQ-9",
      id: "1",
      name: "Fibre availability",
      productOfferingQualificationHref: "https://example.com/tmf-api/productOfferingQualification/v4/productOfferingQualification/POQ-9",
      productOfferingQualificationId: "POQ-9",
      productOfferingQualificationName: "Fibre availability at the head office",
    },
    productOrderItem: [{ id: "01.1", action: "add", quantity: 1, productOffering: { id: "PO-ROUTER" }, state: "inProgress" }],
    productOrderItemRelationship: [
      {
        "@baseType": "OrderItemRelationship",
        "@schemaLocation": "https://example.com/schemas/OrderItemRelationship.schema.json",
        "@type": "OrderItemRelationship",
        id: "02",
        relationshipType: "reliesOn",
      },
    ],
    qualification: [qualification],
    quantity: 1,
    quoteItem: {
      "@baseType": "QuoteItemRef",
      "@referredType": "QuoteItem",
      "@schemaLocation": "https://example.com/schemas/QuoteItemRef.schema.json",
      "@type": "QuoteItemRef",
      href: "https://example.com/tmf-api/quoteManagement/v4/quote/Q-31",
      id: "1",
      name: "Fibre line",
      quoteHref: "https://example.com/tmf-api/quoteManagement/v4/quote/Q-31",
      quoteId: "Q-31",
      quoteName: "Head office connectivity",
    },
    state: "inProgress",
  };
  return {
    "@baseType": "ProductOrder",
    "@schemaLocation": schemaLocation,
    "@type": "ProductOrder",
    agreement: [
      {
        "@baseType": "AgreementRef",
        "@referredType": "Agreement",
        "@schemaLocation": "https://example.com/schemas/AgreementRef.schema.json",
        "@type": "AgreementRef",
        href: "https://example.com/tmf-api/agreementManagement/v4/agreement/AGR-5",
        id: "AGR-5",
        name: "Master services agreement",
      },
    ],
    billingAccount,
    cancellationDate: at(20),
    cancellationReason: "None yet: set when the order is cancelled",
    category: "enterprise",
    channel: [
      {
        "@baseType": "RelatedChannel",
        "@referredType": "Channel",
        "@schemaLocation": "https://example.com/schemas/RelatedChannel.schema.json",
        "@type": "RelatedChannel",
        href: "https://example.com/tmf-api/salesChannel/v4/channel/CH-WEB",
        id: "CH-WEB",
        name: "Partner portal",
        role: "orderChannel",
      },
    ],
    completionDate: at(21),
    description: "Fibre line and router for the head office",
    expectedCompletionDate: at(18),
    externalId: "PARTNER-REF-0001",
    href: `${API_ROOT}/productOrder/PO-1001`,
    id: "PO-1001",
    note: [
      {
        "@baseType": "Note",
        "@schemaLocation": "https://example.com/schemas/Note.schema.json",
        "@type": "Note",
        author: "Jane Doe",
        date: at(2, 10),
        id: "1",
        text: "Call the site manager before the visit",
      },
    ],
    notificationContact: "orders@example.com",
    orderDate: at(2),
    orderTotalPrice: [orderPrice],
    payment: [payment],
    priority: "1",
    productOfferingQualification: [qualification],
    productOrderItem: [item],
    quote: [
      {
        "@baseType": "QuoteRef",
        "@referredType": "Quote",
        "@schemaLocation": "https://example.com/schemas/QuoteRef.schema.json",
        "@type": "QuoteRef",
        href: "https://example.com/tmf-api/quoteManagement/v4/quote/Q-31",
        id: "Q-31",
        name: "Head office connectivity",
      },
    ],
    relatedParty: [relatedParty],
    requestedCompletionDate: at(20),
    requestedStartDate: at(9),
    state: "inProgress",
  };
}

/**
 * One row per order state of the vendor (seeds/003 L120), with a plausible item action and
 * product status; the item's state is the order's, without `.suspended` where the item has no
 * such state. Across the rows: every order state, item state, action and product status.
 */
export const ORDER_STATE_ROWS: readonly { state: ProductOrderState; action: OrderItemAction; productStatus: ProductStatus }[] = [
  { state: "acknowledged", action: "add", productStatus: "created" },
  { state: "rejected", action: "add", productStatus: "aborted " },
  { state: "pending", action: "add", productStatus: "pendingActive" },
  { state: "held", action: "modify", productStatus: "active" },
  { state: "inProgress", action: "add", productStatus: "pendingActive" },
  { state: "cancelled", action: "add", productStatus: "cancelled" },
  { state: "completed", action: "terminate", productStatus: "terminated" },
  { state: "failed", action: "add", productStatus: "aborted " },
  { state: "partial", action: "delete", productStatus: "active" },
  { state: "assessingCancellation", action: "modify", productStatus: "active" },
  { state: "pendingCancellation", action: "add", productStatus: "pendingActive" },
  { state: "inProgress.fallout", action: "noChange", productStatus: "active" },
  { state: "amending.fallout", action: "modify", productStatus: "active" },
  { state: "amending", action: "modify", productStatus: "active" },
  { state: "pendingCancellation.fallout", action: "add", productStatus: "pendingActive" },
  { state: "inProgress.suspended", action: "suspend", productStatus: "suspended" },
  { state: "inProgress.fallout.suspended", action: "resume", productStatus: "suspended" },
  { state: "amending.suspended", action: "modify", productStatus: "active" },
  { state: "amending.fallout.suspended", action: "modify", productStatus: "active" },
  { state: "pendingCancellation.suspended", action: "add", productStatus: "pendingActive" },
  { state: "pendingCancellation.fallout.suspended", action: "terminate", productStatus: "pendingTerminate" },
];

/** The item state that goes with an order state: the same, or without `.suspended`. */
export const itemStateFor = (state: ProductOrderState): ProductOrderItemState => state.replace(/\.suspended$/, "") as ProductOrderItemState;

/** A product order in `state`, from its row of {@link ORDER_STATE_ROWS} (whose index numbers its ids). */
export function productOrderIn(state: ProductOrderState): ProductOrder {
  const n = ORDER_STATE_ROWS.findIndex((row) => row.state === state);
  if (n === -1) throw new Error(`no fixture row for ${state}`);
  const { action, productStatus } = ORDER_STATE_ROWS[n]!;
  const id = `PO-${2001 + n}`;
  // An `add` brings a new product by value from an offering; the other actions name the product they act on.
  const product =
    action === "add"
      ? { productCharacteristic: [{ name: "bandwidth", value: "500Mbps" }], productOffering: { id: "PO-FIBRE-500" }, status: productStatus }
      : { id: `PRD-${4001 + n}`, href: `https://example.com/tmf-api/productInventory/v4/product/PRD-${4001 + n}`, status: productStatus };
  return {
    id,
    href: `${API_ROOT}/productOrder/${id}`,
    "@type": "ProductOrder",
    orderDate: at(1 + (n % 28)),
    state,
    relatedParty: [{ id: "ORG-42", "@referredType": "Organization", role: "customer" }],
    productOrderItem: [
      {
        id: "01",
        action,
        quantity: 1,
        state: itemStateFor(state),
        ...(action === "add" ? { productOffering: { id: "PO-FIBRE-500", name: "Fibre 500 Mbps" } } : {}),
        product,
      },
    ],
  };
}

/** One product order in each of the vendor's 21 states, in the order of seeds/003 L120. */
export function productOrdersInEveryState(): ProductOrder[] {
  return ORDER_STATE_ROWS.map(({ state }) => productOrderIn(state));
}

/** A new order as a client sends it (ProductOrder_Create): no id, href, state or server dates. */
export function productOrderCreate(): ProductOrderCreate {
  return {
    "@type": "ProductOrder",
    externalId: "PARTNER-REF-0002",
    category: "enterprise",
    priority: "2",
    description: "Fibre line for the branch office",
    requestedStartDate: at(12),
    requestedCompletionDate: at(25),
    billingAccount: { id: "BA-1001" },
    relatedParty: [{ id: "ORG-42", "@referredType": "Organization", role: "customer" }],
    note: [{ text: "Access through the loading bay" }],
    productOrderItem: [
      {
        id: "01",
        action: "add",
        quantity: 1,
        productOffering: { id: "PO-FIBRE-1G", name: "Fibre 1 Gbps" },
        product: {
          productCharacteristic: [{ name: "bandwidth", value: "1Gbps", valueType: "string" }],
          place: [{ id: "ADDR-2", role: "installationAddress" }],
        },
        itemTerm: [{ name: "Minimum term", duration: { amount: 12, units: "month" } }],
      },
      { id: "02", action: "suspend", product: { id: "PRD-3001" } },
      { id: "03", action: "resume", product: { id: "PRD-3002" } },
      { id: "04", action: "terminate", product: { id: "PRD-3003" } },
    ],
  };
}

/** A merge patch of an order (ProductOrder_Update): only the members it changes. */
export function productOrderUpdate(): ProductOrderUpdate {
  return { description: "Branch office line moved a week later", requestedCompletionDate: at(30) };
}

/** A cancellation request as a client sends it (CancelProductOrder_Create). */
export function cancelProductOrderCreate(): CancelProductOrderCreate {
  return { productOrder: { id: "PO-2005", href: `${API_ROOT}/productOrder/PO-2005` }, cancellationReason: "Ordered twice", requestedCancellationDate: at(6) };
}

/** The cancellation task the API answers, in its first state. */
export function cancelProductOrder(): CancelProductOrder {
  return {
    id: "CPO-1",
    href: `${API_ROOT}/cancelProductOrder/CPO-1`,
    ...cancelProductOrderCreate(),
    state: "accepted",
  };
}

/** A listener to register, and the hub the API answers. */
export function hubCreate(): HubCreate {
  return { callback: "https://client.example.com/listener", query: "eventType=ProductOrderStateChangeEvent" };
}
export function hub(): Hub {
  return { id: "HUB-1", ...hubCreate() };
}

/** The vendor's Error for each status it documents (seeds/003 L1397-1627), with `state` for TMF's `status`. */
export const ERROR_STATUSES = [400, 401, 403, 404, 405, 409, 500] as const;
export function errorBody(status: (typeof ERROR_STATUSES)[number]): ErrorBody {
  const reasons = {
    400: ["INVALID_BODY", "productOrderItem must have at least one item"],
    401: ["UNAUTHORIZED", "The access token is missing or not valid"],
    403: ["FORBIDDEN", "The client may not read this order"],
    404: ["NOT_FOUND", "No ProductOrder with id PO-404"],
    405: ["METHOD_NOT_ALLOWED", "PUT is not allowed on productOrder"],
    409: ["CONFLICT", "The order changed since it was read"],
    500: ["INTERNAL_ERROR", "The order management system did not answer"],
  } as const;
  const [code, reason] = reasons[status];
  return { code, reason, message: `${reason}.`, state: String(status), referenceError: `https://example.com/errors/${code}` };
}

/** A state change notification in the official TMF622 v4 envelope. */
export function stateChangeEvent(order: ProductOrder = productOrderIn("completed")): ProductOrderStateChangeEvent & ProductOrderingEvent {
  return {
    eventId: "EVT-1",
    eventTime: at(21),
    eventType: "ProductOrderStateChangeEvent",
    correlationId: "CORR-1",
    domain: "productOrdering",
    title: "Product order state changed",
    description: `Order ${order.id} is ${order.state}`,
    priority: "3",
    timeOcurred: at(21),
    event: { productOrder: order },
  };
}
