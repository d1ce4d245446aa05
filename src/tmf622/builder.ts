// A fluent builder of product orders: optional sugar over the plain ProductOrderCreate, which
// `productOrders.create` also accepts. Every method returns a new builder, so a half-built order
// can be shared as a template. build() numbers the items "01", "02"... (the vendor's "sequence
// number") and refuses, naming the path in the order, what the schema forbids: no item, an
// unknown action, a blank id, a quantity that is not a positive integer, a characteristic
// without a name or a value.
import { InvalidArgumentError } from "../core/errors.js";
import type { OrderItemAction, ProductOrderCreate, ProductOrderItem, RelatedParty } from "./generated/types.js";

/**
 * An item to put in an order: what `addProduct` and the other item functions return, or a
 * plain item of your own (its `id` optional: `build()` numbers the items without one).
 * @group Builders
 * @example
 * ```ts
 * const item: ProductOrderItemDraft = { action: "noChange", product: { id: "P-1" } };
 * ```
 */
export type ProductOrderItemDraft = Omit<ProductOrderItem, "id"> & { id?: string };

/**
 * What an item that adds or modifies a product may set: the quantity (a positive integer) and
 * characteristics by name, each value any JSON value.
 * @group Builders
 * @example
 * ```ts
 * const options: ProductItemOptions = { quantity: 2, characteristics: { bandwidth: "1Gbps", staticIp: true } };
 * ```
 */
export interface ProductItemOptions {
  quantity?: number;
  characteristics?: Readonly<Record<string, unknown>>;
}

/**
 * The item actions of the vendor's schema: TMF's four and `suspend`, `resume`, `terminate`.
 * @group Builders
 * @example
 * ```ts
 * if (!ORDER_ITEM_ACTIONS.includes(action)) throw new Error(`unknown action ${action}`);
 * ```
 */
export const ORDER_ITEM_ACTIONS: readonly OrderItemAction[] = ["add", "modify", "delete", "noChange", "suspend", "resume", "terminate"];

function productItem(action: OrderItemAction, id: string, options: ProductItemOptions = {}, offering?: boolean): ProductOrderItemDraft {
  const { quantity, characteristics } = options ?? {};
  const productCharacteristic = characteristics && Object.entries(characteristics).map(([name, value]) => ({ name, value }));
  const product = offering ? productCharacteristic && { productCharacteristic } : { id, ...(productCharacteristic && { productCharacteristic }) };
  return {
    action,
    ...(quantity !== undefined && { quantity }),
    ...(offering && { productOffering: { id } }),
    ...(product && { product }),
  } as ProductOrderItemDraft;
}

/**
 * An item that orders a new product from a product offering.
 * @group Builders
 * @example
 * ```ts
 * productOrder().item(addProduct("PO-FIBRE-1G", { quantity: 1, characteristics: { bandwidth: "1Gbps" } })).build();
 * ```
 */
export function addProduct(productOfferingId: string, options?: ProductItemOptions): ProductOrderItemDraft {
  return productItem("add", productOfferingId, options, true);
}

/**
 * An item that changes a product the customer has: its quantity or characteristics.
 * @group Builders
 * @example
 * ```ts
 * productOrder().item(modifyProduct("P-123", { characteristics: { bandwidth: "2Gbps" } })).build();
 * ```
 */
export function modifyProduct(productId: string, options?: ProductItemOptions): ProductOrderItemDraft {
  return productItem("modify", productId, options);
}

/**
 * An item that suspends a product (the vendor's `suspend` action).
 * @group Builders
 * @example
 * ```ts
 * productOrder().item(suspendProduct("P-123")).build();
 * ```
 */
export function suspendProduct(productId: string): ProductOrderItemDraft {
  return productItem("suspend", productId);
}

/**
 * An item that resumes a suspended product (the vendor's `resume` action).
 * @group Builders
 * @example
 * ```ts
 * productOrder().item(resumeProduct("P-123")).build();
 * ```
 */
export function resumeProduct(productId: string): ProductOrderItemDraft {
  return productItem("resume", productId);
}

/**
 * An item that ends a product (the vendor's `terminate` action).
 * @group Builders
 * @example
 * ```ts
 * productOrder().item(terminateProduct("P-123")).build();
 * ```
 */
export function terminateProduct(productId: string): ProductOrderItemDraft {
  return productItem("terminate", productId);
}

interface OrderState {
  readonly order: Readonly<Partial<Pick<ProductOrderCreate, "externalId" | "description" | "priority" | "relatedParty">>>;
  readonly items: readonly ProductOrderItemDraft[];
}

const fail = (path: string, problem: string): never => {
  throw new InvalidArgumentError(path, problem);
};
const nonBlank = (path: string, value: unknown) => (typeof value !== "string" || value.trim() === "") && fail(path, "must be a non-blank string");

/** Checks what the schema requires of an item, naming the path of what it refuses. */
function checkItem(item: ProductOrderItemDraft, at: string): void {
  if (!ORDER_ITEM_ACTIONS.includes(item?.action)) fail(`${at}.action`, `must be one of ${ORDER_ITEM_ACTIONS.join(", ")}`);
  if (item.id !== undefined) nonBlank(`${at}.id`, item.id);
  if (item.quantity !== undefined && !(Number.isSafeInteger(item.quantity) && item.quantity > 0)) fail(`${at}.quantity`, "must be a positive integer");
  if (item.productOffering !== undefined) nonBlank(`${at}.productOffering.id`, item.productOffering?.id);
  if (item.product?.id !== undefined) nonBlank(`${at}.product.id`, item.product.id);
  item.product?.productCharacteristic?.forEach((c, i) => {
    nonBlank(`${at}.product.productCharacteristic[${i}].name`, c?.name);
    if (c.value === undefined) fail(`${at}.product.productCharacteristic[${i}].value`, "is required");
  });
}

/**
 * A product order being built. Immutable: every method returns a new builder.
 * @group Builders
 * @example
 * ```ts
 * const order = productOrder().externalId("crm-42").priority("1").item(addProduct("PO-FIBRE-1G")).build();
 * ```
 */
export class ProductOrderBuilder {
  readonly #state: OrderState;
  /** @internal */
  constructor(state: OrderState = { order: {}, items: [] }) {
    this.#state = Object.freeze(state);
  }
  #with(order: OrderState["order"], items = this.#state.items): ProductOrderBuilder {
    return new ProductOrderBuilder({ order: { ...this.#state.order, ...order }, items });
  }
  /** Your own id of the order (`externalId`): find the order by it later. */
  externalId(externalId: string): ProductOrderBuilder {
    return this.#with({ externalId });
  }
  description(description: string): ProductOrderBuilder {
    return this.#with({ description });
  }
  /** From "0" (highest) to "4" (lowest), as the vendor documents it; a number 0 to 4 is sent as its string. */
  priority(priority: "0" | "1" | "2" | "3" | "4" | 0 | 1 | 2 | 3 | 4): ProductOrderBuilder {
    return this.#with({ priority: String(priority) });
  }
  /** Adds a party to the order (`id` and `@referredType` are required, `role` says what it is to the order). */
  relatedParty(party: RelatedParty): ProductOrderBuilder {
    return this.#with({ relatedParty: [...(this.#state.order.relatedParty ?? []), structuredClone(party)] });
  }
  /** Appends an item: from `addProduct()`, `modifyProduct()`..., or a plain item (copied now). */
  item(item: ProductOrderItemDraft): ProductOrderBuilder {
    return this.#with({}, [...this.#state.items, structuredClone(item)]);
  }
  /**
   * The order to send. Items without an id are numbered "01", "02"... by position, skipping ids
   * other items use. Throws an `InvalidArgumentError` whose `argument` is the path of what the
   * schema refuses (`productOrderItem`, `productOrderItem[1].action`, `relatedParty[0].id`...).
   */
  build(): ProductOrderCreate {
    const { order, items } = this.#state;
    if (order.externalId !== undefined) nonBlank("externalId", order.externalId);
    if (order.priority !== undefined && !/^[0-4]$/.test(order.priority)) fail("priority", "must be 0 (highest) to 4 (lowest)");
    order.relatedParty?.forEach((party, i) => {
      nonBlank(`relatedParty[${i}].id`, party?.id);
      nonBlank(`relatedParty[${i}]["@referredType"]`, party?.["@referredType"]);
    });
    if (items.length === 0) fail("productOrderItem", "must have at least one item");
    const taken = new Set<string | undefined>();
    items.forEach((item, i) => {
      checkItem(item, `productOrderItem[${i}]`);
      if (taken.has(item.id)) fail(`productOrderItem[${i}].id`, "repeats another item's id");
      if (item.id !== undefined) taken.add(item.id);
    });
    let next = 1;
    const productOrderItem = items.map(({ id: given, ...rest }) => {
      let id = given;
      while (id === undefined) {
        const candidate = String(next++).padStart(2, "0");
        if (!taken.has(candidate)) id = candidate;
      }
      return { id, ...structuredClone(rest) } as ProductOrderItem;
    });
    return { ...structuredClone(order), productOrderItem };
  }
}

/**
 * Starts a product order.
 * @group Builders
 * @example
 * ```ts
 * import { addProduct, productOrder, terminateProduct } from "giacom-sdk/tmf622";
 *
 * const order = productOrder()
 *   .externalId("crm-42")
 *   .relatedParty({ id: "C-1", "@referredType": "Individual", role: "customer" })
 *   .item(addProduct("PO-FIBRE-1G", { characteristics: { bandwidth: "1Gbps" } }))
 *   .item(terminateProduct("P-OLD-9"))
 *   .build(); // items "01" and "02"
 * ```
 */
export function productOrder(): ProductOrderBuilder {
  return new ProductOrderBuilder();
}
