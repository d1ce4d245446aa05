// The public type names are the generated contract under another name, and the contract
// says what the document says. These assertions are checked by `tsc` (npm run typecheck);
// vitest only runs the value checks.
import ts from "typescript";
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
import { fileURLToPath } from "node:url";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

describe("the public types", () => {
  it("are what the operations take and return", () => {
    expectTypeOf<Json<paths["/serviceOrder"]["post"]["requestBody"]>>().toEqualTypeOf<ServiceOrderCreate>();
    expectTypeOf<Json<paths["/serviceOrder"]["post"]["responses"][201]>>().toEqualTypeOf<ServiceOrder>();
    expectTypeOf<Json<paths["/serviceOrder/{id}"]["get"]["responses"][404]>>().toEqualTypeOf<ErrorBody>();
    // An event is the envelope `&` its payload on the wire and one interface in the SDK: the same
    // members (`branded` compares them deeply), not the same intersection.
    expectTypeOf<Json<NonNullable<webhooks["ServiceOrderStateChangeEvent"]["post"]>["requestBody"]>>().branded.toEqualTypeOf<ServiceOrderStateChangeEvent>();
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

describe("the signatures an editor and the API reference show", () => {
  // What a hover prints: the package's types as the compiler sees them from src/index.ts.
  const printed = () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      fileURLToPath(new URL("../../tsconfig.json", import.meta.url)),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    const entry = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
    const program = ts.createProgram([entry], { ...config!.options, noEmit: true });
    const checker = program.getTypeChecker();
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);
    const exported = (name: string) => checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(exports.find((s) => s.name === name)!));
    const text = (type: ts.Type) => checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    const methods = new Map<string, { returns: string; parameters: [string, string][] }>();
    const add = (owner: string, type: ts.Type) => {
      for (const member of checker.getPropertiesOfType(type)) {
        const memberType = checker.getTypeOfSymbol(member);
        // A namespace within a namespace (serviceOrders.cancellations): its methods too.
        if (memberType.getCallSignatures().length === 0 && memberType.getProperties().length > 0) add(`${owner}.${member.name}`, memberType);
        for (const signature of memberType.getCallSignatures()) {
          const parameters = signature.parameters.map((p): [string, string] => [p.name, text(checker.getTypeOfSymbol(p))]);
          methods.set(`${owner}.${member.name}`, { returns: text(signature.getReturnType()), parameters });
        }
      }
    };
    for (const namespace of checker.getPropertiesOfType(exported("GiacomClient"))) add(namespace.name, checker.getTypeOfSymbol(namespace));
    add("OrderOperation", exported("OrderOperation"));
    // A property's schema has no public name of its own: the printer writes it out, as it would
    // any schema in a signature that lost its name (so the check below can fail).
    const unnamed = text(checker.getTypeOfSymbol(checker.getPropertyOfType(exported("ServiceOrderItem"), "service")!));
    return { methods, unnamed };
  };

  it("name the contract's types instead of writing them out (Promise<ServiceOrder>, not Promise<{ ... 14 more ... }>)", { timeout: 60_000 }, () => {
    const { methods, unnamed } = printed();
    expect(methods.get("serviceOrders.get")?.returns).toBe("ApiPromise<ServiceOrder>");
    expect(methods.get("serviceOrders.cancellations.get")?.returns).toBe("ApiPromise<CancelServiceOrder>");
    expect(methods.get("serviceOrders.create")?.parameters[0]).toEqual(["order", "ServiceOrderCreate"]);
    expect(methods.get("services.list")?.returns).toBe("ApiPromise<ListResult<Service>>");
    expect(methods.get("OrderOperation.wait")?.returns).toBe("Promise<ServiceOrder>");
    expect(unnamed).toMatch(/^\{ /);
    // Every method of every namespace: no object type written out in what it returns or takes,
    // apart from the small option bags (\`options\`) declared inline on purpose.
    const inline = [...methods].flatMap(([name, { returns, parameters }]) =>
      [["returns", returns], ...parameters.filter(([parameter]) => parameter !== "options")]
        .filter(([, type]) => type!.includes("{"))
        .map(([what, type]) => `${name} ${what}: ${type}`),
    );
    expect(inline).toEqual([]);
    expect(methods.size).toBeGreaterThan(30);
  });
});
