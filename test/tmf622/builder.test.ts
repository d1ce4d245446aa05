// The product order builder: what it builds is a valid ProductOrder_Create of
// spec/tmf622.openapi.yaml (closed schemas), items numbered as the vendor documents ("01",
// "02"...), and what the schema forbids is refused with the path of the offending value.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  addProduct,
  InvalidArgumentError,
  modifyProduct,
  ORDER_ITEM_ACTIONS,
  productOrder,
  resumeProduct,
  suspendProduct,
  terminateProduct,
  type ProductOrderCreate,
  type ProductOrderItemDraft,
} from "giacom-sdk/tmf622";
import { createValidator, loadSpecFile } from "../helpers/spec.js";
import { productOrderCreate } from "./fixtures.js";

const spec = loadSpecFile("tmf622.openapi.yaml");
const validate = createValidator(spec, { closed: true });
const errorsOf = (order: unknown) => validate({ $ref: "#/components/schemas/ProductOrder_Create" }, order);

function refusal(build: () => unknown): InvalidArgumentError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error("expected an InvalidArgumentError");
}

describe("productOrder()", () => {
  it("builds each kind of item, numbered 01, 02..., as a valid ProductOrder_Create", () => {
    const order = productOrder()
      .externalId("crm-42")
      .description("Fibre for the branch office")
      .priority(1)
      .relatedParty({ id: "ORG-42", "@referredType": "Organization", role: "customer" })
      .item(addProduct("PO-FIBRE-1G", { quantity: 2, characteristics: { bandwidth: "1Gbps", staticIp: true, vlan: { id: 12 } } }))
      .item(modifyProduct("PRD-1", { characteristics: { bandwidth: "2Gbps" } }))
      .item(suspendProduct("PRD-2"))
      .item(resumeProduct("PRD-3"))
      .item(terminateProduct("PRD-4"))
      .build();
    expect(order).toEqual({
      externalId: "crm-42",
      description: "Fibre for the branch office",
      priority: "1",
      relatedParty: [{ id: "ORG-42", "@referredType": "Organization", role: "customer" }],
      productOrderItem: [
        {
          id: "01",
          action: "add",
          quantity: 2,
          productOffering: { id: "PO-FIBRE-1G" },
          product: {
            productCharacteristic: [
              { name: "bandwidth", value: "1Gbps" },
              { name: "staticIp", value: true },
              { name: "vlan", value: { id: 12 } },
            ],
          },
        },
        { id: "02", action: "modify", product: { id: "PRD-1", productCharacteristic: [{ name: "bandwidth", value: "2Gbps" }] } },
        { id: "03", action: "suspend", product: { id: "PRD-2" } },
        { id: "04", action: "resume", product: { id: "PRD-3" } },
        { id: "05", action: "terminate", product: { id: "PRD-4" } },
      ],
    });
    expect(errorsOf(order)).toEqual([]);
    expectTypeOf(order).toEqualTypeOf<ProductOrderCreate>();
  });

  it("an add item without options names only its offering", () => {
    const order = productOrder().item(addProduct("PO-FIBRE-1G")).build();
    expect(order).toEqual({ productOrderItem: [{ id: "01", action: "add", productOffering: { id: "PO-FIBRE-1G" } }] });
    expect(errorsOf(order)).toEqual([]);
  });

  it("takes plain items too, keeping their ids and numbering the others around them", () => {
    const [, second, third, fourth] = productOrderCreate().productOrderItem;
    const order = productOrder()
      .item(addProduct("PO-A"))
      .item({ ...second!, id: "01" })
      .item({ action: "noChange", product: { id: "PRD-9" } })
      .item({ ...third!, id: undefined } as unknown as ProductOrderItemDraft)
      .item(fourth!)
      .build();
    expect(order.productOrderItem.map((i) => [i.id, i.action])).toEqual([
      ["02", "add"],
      ["01", "suspend"],
      ["03", "noChange"],
      ["05", "resume"],
      ["04", "terminate"],
    ]);
    expect(errorsOf(order)).toEqual([]);
  });

  it("is immutable: a half-built order is a template, and build() returns fresh objects", () => {
    const characteristics = { bandwidth: "1Gbps" };
    const plain: ProductOrderItemDraft = { action: "noChange", product: { id: "PRD-9" } };
    const template = productOrder().externalId("crm-1").item(plain);
    const a = template.item(addProduct("PO-A", { characteristics }));
    const b = template.priority("0").item(terminateProduct("PRD-2"));
    characteristics.bandwidth = "10Gbps";
    plain.product!.id = "PRD-CHANGED";
    expect(a.build().productOrderItem.map((i) => i.id)).toEqual(["01", "02"]);
    expect(a.build().productOrderItem[1]!.product).toEqual({ productCharacteristic: [{ name: "bandwidth", value: "1Gbps" }] });
    expect(a.build().productOrderItem[0]!.product).toEqual({ id: "PRD-9" });
    expect(b.build()).toMatchObject({ priority: "0", productOrderItem: [{ action: "noChange" }, { action: "terminate" }] });
    expect(() => template.build()).not.toThrow();
    expect(template.build().priority).toBeUndefined();
    const built = a.build();
    built.productOrderItem[0]!.product!.id = "mutated";
    expect(a.build().productOrderItem[0]!.product!.id).toBe("PRD-9");
  });

  it("refuses what the schema forbids, naming the path in the order", () => {
    const cases: [() => unknown, string][] = [
      [() => productOrder().externalId("crm-1").build(), "productOrderItem"],
      [
        () =>
          productOrder()
            .item(addProduct("PO-A"))
            .item({ action: "upgrade" } as unknown as ProductOrderItemDraft)
            .build(),
        "productOrderItem[1].action",
      ],
      [
        () =>
          productOrder()
            .item(null as unknown as ProductOrderItemDraft)
            .build(),
        "productOrderItem[0].action",
      ],
      [() => productOrder().item(addProduct("")).build(), "productOrderItem[0].productOffering.id"],
      [() => productOrder().item(addProduct("PO-A")).item(terminateProduct("  ")).build(), "productOrderItem[1].product.id"],
      [() => productOrder().item({ id: "", action: "add" }).build(), "productOrderItem[0].id"],
      [() => productOrder().item({ id: "01", action: "add" }).item({ id: "01", action: "add" }).build(), "productOrderItem[1].id"],
      [
        () =>
          productOrder()
            .item(addProduct("PO-A", { quantity: 0 }))
            .build(),
        "productOrderItem[0].quantity",
      ],
      [
        () =>
          productOrder()
            .item(addProduct("PO-A", { quantity: 1.5 }))
            .build(),
        "productOrderItem[0].quantity",
      ],
      [
        () =>
          productOrder()
            .item(modifyProduct("PRD-1", { quantity: -2 }))
            .build(),
        "productOrderItem[0].quantity",
      ],
      [
        () =>
          productOrder()
            .item(addProduct("PO-A", { characteristics: { "": 1 } }))
            .build(),
        "productOrderItem[0].product.productCharacteristic[0].name",
      ],
      [
        () =>
          productOrder()
            .item(addProduct("PO-A", { characteristics: { a: 1, b: undefined } }))
            .build(),
        "productOrderItem[0].product.productCharacteristic[1].value",
      ],
      [() => productOrder().externalId("").item(addProduct("PO-A")).build(), "externalId"],
      [
        () =>
          productOrder()
            .priority(5 as 4)
            .item(addProduct("PO-A"))
            .build(),
        "priority",
      ],
      [
        () =>
          productOrder()
            .relatedParty({ id: "ORG-1" } as never)
            .item(addProduct("PO-A"))
            .build(),
        'relatedParty[0]["@referredType"]',
      ],
      [() => productOrder().relatedParty({ id: "", "@referredType": "Organization" }).item(addProduct("PO-A")).build(), "relatedParty[0].id"],
    ];
    for (const [build, path] of cases) expect(refusal(build).argument).toBe(path);
  });

  it("knows exactly the item actions of the contract's OrderItemActionType", () => {
    expect([...ORDER_ITEM_ACTIONS].sort()).toEqual([...(spec.components.schemas.OrderItemActionType!.enum as string[])].sort());
  });
});
