// The public type names are the generated contract under another name, and the contract
// says what the document says. These assertions are checked by `tsc` (npm run typecheck);
// vitest only runs the value checks.
import { describe, expect, expectTypeOf, it } from "vitest";
import type {
  ItemOutcome,
  OrderFailedError,
  ServiceOrderItemState,
  ErrorBody,
  EventEnvelope,
  ExternalReferenceCreate,
  JsonPatch,
  SearchTimeSlotCreate,
  ItemAction,
  ServiceOrder,
  ServiceOrderCreate,
  ServiceOrderState,
  ServiceOrderStateChangeEvent,
  ServiceState,
  ServiceCategory,
} from "giacom-sdk";
import type { WebhookEvent, WebhookEventOf } from "giacom-sdk/webhooks";
import type { components, paths, webhooks } from "../../src/giacom/generated/giacom.js";
import { newLine } from "../../examples/new-line-order.js";
import { loadSpec } from "./spec/spec-helpers.js";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

describe("the public types", () => {
  it("are what the operations take and return", () => {
    expectTypeOf<Json<paths["/serviceOrder"]["post"]["requestBody"]>>().toEqualTypeOf<ServiceOrderCreate>();
    expectTypeOf<Json<paths["/serviceOrder"]["post"]["responses"][201]>>().toEqualTypeOf<ServiceOrder>();
    expectTypeOf<Json<paths["/serviceOrder/{id}"]["get"]["responses"][404]>>().toEqualTypeOf<ErrorBody>();
    expectTypeOf<Json<NonNullable<webhooks["ServiceOrderStateChangeEvent"]["post"]>["requestBody"]>>().toEqualTypeOf<ServiceOrderStateChangeEvent>();
  });

  it("are literal unions where the document enumerates values", () => {
    expectTypeOf<ServiceState>().toEqualTypeOf<"feasibilityChecked" | "designed" | "reserved" | "inactive" | "active" | "terminated" | "suspended">();
    expectTypeOf<ItemAction>().toEqualTypeOf<"add" | "modify" | "delete" | "noChange">();
    expectTypeOf<ServiceCategory>().toEqualTypeOf<"Mobile Voice Service" | "Mobile Data only Service" | "Mobile Bolt On">();
    expectTypeOf<ServiceOrder["state"]>().toEqualTypeOf<ServiceOrderState>();
    expectTypeOf<paths["/service"]["get"]["parameters"]["query"]>().exclude<undefined>().toHaveProperty("state").toEqualTypeOf<ServiceState[] | undefined>();
    expectTypeOf<components["parameters"]["Limit"]>().toEqualTypeOf<0>();
  });

  it("reject what the contract forbids", () => {
    // @ts-expect-error an order item needs an action
    const noAction: ServiceOrderCreate = { serviceOrderItem: [{ id: "1", service: {} }] };
    // @ts-expect-error "remove" is not an item action
    const badAction: ServiceOrderCreate = { serviceOrderItem: [{ id: "1", action: "remove", service: {} }] };
    // @ts-expect-error a reference to an external system needs a name (TMF641), not an id
    const unnamed: ExternalReferenceCreate = { id: "5001", externalReferenceType: "order_id" };
    expect([noAction, badAction, unnamed]).toHaveLength(3);
    // A typed webhook event has the envelope fields the receiver checked.
    expectTypeOf<WebhookEvent["eventId"]>().toEqualTypeOf<string>();
    expectTypeOf<WebhookEvent["eventTime"]>().toEqualTypeOf<string>();
  });

  it("leave optional what neither the document nor TMF requires", () => {
    // The envelope and a time slot search as the contract describes them: nothing required.
    const bare: EventEnvelope = {};
    expectTypeOf<EventEnvelope["eventId"]>().toEqualTypeOf<string | undefined>();
    const search: SearchTimeSlotCreate = { relatedEntity: { role: "appointment" } };
    const reference: ExternalReferenceCreate = { name: "ACME Comms" };
    expect([bare, search, reference]).toHaveLength(3);
    expectTypeOf<WebhookEventOf<"ServiceOrderInformationRequiredEvent">["event"]>()
      .toHaveProperty("informationRequired")
      .toEqualTypeOf<JsonPatch[] | undefined>();
  });

  it("let the document's new-line order be written as a typed literal (examples/new-line-order.ts)", () => {
    expect(newLine).toEqual(loadSpec().components.examples.ServiceOrderNewLineO2!.value);
  });
});

describe("order outcomes", () => {
  it("type the final states: a failed order's state and its items' states are the contract's unions", () => {
    expectTypeOf<OrderFailedError["state"]>().toEqualTypeOf<"rejected" | "failed" | "cancelled" | "partial">();
    expectTypeOf<ItemOutcome["state"]>().toEqualTypeOf<ServiceOrderItemState | undefined>();
    // @ts-expect-error a failed order never ended "completed"
    const completed: OrderFailedError["state"] = "completed";
    void completed;
  });
});
