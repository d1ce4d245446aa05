// spec/tmf622.openapi.yaml against what it transcribes: the vendor's reference (seeds/003), read
// line by line for its enums, fields and required sets; the official TMF622 v4.0.0 file for the
// operations and schemas the vendor does not show; and fixtures built from the vendor's schema
// tables, validated with closed schemas, with one broken fixture per constraint the vendor states.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createValidator, deref, loadSpecFile, operations, root, sharedDir, type Json, type JsonObject, type SpecDocument } from "../helpers/spec.js";
import {
  cancelProductOrder,
  cancelProductOrderCreate,
  ERROR_STATUSES,
  errorBody,
  fullProductOrder,
  hub,
  hubCreate,
  productOrderCreate,
  productOrdersInEveryState,
  productOrderUpdate,
  stateChangeEvent,
} from "./fixtures.js";

const spec = loadSpecFile("tmf622.openapi.yaml");
const schemas = spec.components.schemas;
const validate = createValidator(spec, { closed: true });
const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const errorsOf = (name: string, value: unknown) => validate(ref(name), value).map((e) => `${e.instancePath || "/"} ${e.keyword} ${JSON.stringify(e.params)}`);
const enumOf = (name: string) => schemas[name]!.enum as string[];
const clone = <T>(value: T): T => structuredClone(value);

/** The schema of an operation's JSON request body or of one of its responses. */
function mediaSchema(operationId: string, status: string): JsonObject {
  const found = operations(spec).find(({ op }) => op.operationId === operationId)!;
  const holder = status === "request" ? deref(spec, found.op.requestBody as JsonObject) : deref(spec, (found.op.responses as JsonObject)[status] as JsonObject);
  return ((holder.content as JsonObject)["application/json"] as JsonObject).schema as JsonObject;
}

/** Every `schema.property` a value sets, following the spec's `$ref`s, arrays and nested objects. */
function propertiesSet(value: Json, schema: JsonObject, into = new Set<string>(), name = ""): Set<string> {
  const target = deref(spec, schema);
  const here = typeof schema.$ref === "string" ? schema.$ref.split("/").pop()! : name;
  if (Array.isArray(value)) {
    for (const item of value) propertiesSet(item, target.items as JsonObject, into, here);
  } else if (value && typeof value === "object" && target.properties) {
    for (const [key, child] of Object.entries(value)) {
      const property = (target.properties as JsonObject)[key] as JsonObject | undefined;
      if (!property) continue;
      into.add(`${here}.${key}`);
      propertiesSet(child, property, into, here);
    }
  }
  return into;
}

describe("fixtures built from the vendor's schema tables", () => {
  it("an order that sets every field is a valid ProductOrder, with closed schemas", () => {
    expect(errorsOf("ProductOrder", fullProductOrder())).toEqual([]);
  });

  it("that order sets every property of every object schema the vendor documents", () => {
    const set = propertiesSet(fullProductOrder() as unknown as Json, ref("ProductOrder"));
    const documented = Object.entries(schemas)
      .filter(([, schema]) => schema["x-seed-line"] !== undefined && schema.properties)
      .flatMap(([name, schema]) => Object.keys(schema.properties as JsonObject).map((property) => `${name}.${property}`))
      .filter((property) => !property.startsWith("Error."));
    expect(documented.filter((property) => !set.has(property))).toEqual([]);
    // Error is the one documented object no order contains; its fixtures set every field.
    expect(Object.keys(errorBody(400)).sort()).toEqual(["code", "message", "reason", "referenceError", "state"]);
  });

  it("one order per vendor state is valid, and together they use every order state, item state, action and product status", () => {
    const orders = productOrdersInEveryState();
    for (const order of orders) expect(errorsOf("ProductOrder", order), order.state).toEqual([]);
    const items = orders.flatMap((o) => o.productOrderItem);
    expect(orders.map((o) => o.state)).toEqual(enumOf("ProductOrderStateType"));
    expect(new Set(items.map((i) => i.state))).toEqual(new Set(enumOf("ProductOrderItemStateType")));
    expect(new Set(items.map((i) => i.action))).toEqual(new Set(enumOf("OrderItemActionType")));
    expect(new Set(items.map((i) => i.product?.status))).toEqual(new Set(enumOf("ProductStatusType")));
    expect(validate(mediaSchema("listProductOrder", "200"), orders)).toEqual([]);
  });

  it("the official-only bodies are valid for their operations", () => {
    const cases: [string, string, unknown][] = [
      ["createProductOrder", "request", productOrderCreate()],
      ["createProductOrder", "201", fullProductOrder()],
      ["patchProductOrder", "request", productOrderUpdate()],
      ["createCancelProductOrder", "request", cancelProductOrderCreate()],
      ["createCancelProductOrder", "201", cancelProductOrder()],
      ["listCancelProductOrder", "200", [cancelProductOrder()]],
      ["registerListener", "request", hubCreate()],
      ["registerListener", "201", hub()],
      ["listenToProductOrderStateChangeEvent", "request", stateChangeEvent()],
    ];
    for (const [operationId, status, body] of cases) expect(validate(mediaSchema(operationId, status), body), `${operationId} ${status}`).toEqual([]);
  });

  it("each documented error status answers the vendor's Error, and the fixtures for them are valid", () => {
    for (const status of ERROR_STATUSES) {
      expect(mediaSchema("retrieveProductOrder", String(status))).toEqual(ref("Error"));
      expect(errorsOf("Error", errorBody(status))).toEqual([]);
    }
  });

  it("a Quantity defaults its amount to 1 and may leave it out", () => {
    expect((schemas.Quantity!.properties as JsonObject).amount).toMatchObject({ type: "number", default: 1 });
    expect(errorsOf("Quantity", { units: "month" })).toEqual([]);
  });

  it("a characteristic's value may be any JSON value", () => {
    for (const value of ["1Gbps", 4, true, { slot: "AM" }, ["a", "b"], null]) expect(errorsOf("Characteristic", { name: "x", value })).toEqual([]);
  });
});

describe("refuses what the vendor's schemas forbid", () => {
  const order = fullProductOrder();
  const cases: [string, string, unknown, string][] = [
    ["an order without productOrderItem", "ProductOrder", { ...order, productOrderItem: undefined }, '/ required {"missingProperty":"productOrderItem"}'],
    ["an order with no item", "ProductOrder", { ...order, productOrderItem: [] }, '/productOrderItem minItems {"limit":1}'],
    ["an unknown order state", "ProductOrder", { ...order, state: "done" }, "/state enum"],
    ["an order state of TMF's that the vendor spells otherwise", "ProductOrder", { ...order, state: "InProgress" }, "/state enum"],
    ["an item state only orders have", "ProductOrderItem", { id: "01", action: "add", state: "inProgress.suspended" }, "/state enum"],
    ["an unknown item action", "ProductOrderItem", { id: "01", action: "cease" }, "/action enum"],
    ["an item without action", "ProductOrderItem", { id: "01" }, '/ required {"missingProperty":"action"}'],
    ["an item without id", "ProductOrderItem", { action: "add" }, '/ required {"missingProperty":"id"}'],
    ["a product status without the documented trailing space", "ProductRefOrValue", { status: "aborted" }, "/status enum"],
    ["an Error without code", "Error", { reason: "Not found" }, '/ required {"missingProperty":"code"}'],
    ["an Error without reason", "Error", { code: "404" }, '/ required {"missingProperty":"reason"}'],
    ["an Error with TMF's status instead of the vendor's state", "Error", { code: "404", reason: "Not found", status: "404" }, "/ unevaluatedProperties"],
    ["a RelatedParty without @referredType", "RelatedParty", { id: "ORG-42", role: "customer" }, '/ required {"missingProperty":"@referredType"}'],
    ["a Characteristic without value", "Characteristic", { name: "bandwidth" }, '/ required {"missingProperty":"value"}'],
    ["a place without role", "RelatedPlaceRefOrValue", { id: "ADDR-1" }, '/ required {"missingProperty":"role"}'],
    ["a field the vendor does not document", "ProductOrderItem", { id: "01", action: "add", serviceSpecification: {} }, "/ unevaluatedProperties"],
    ["Money with a polymorphic field (the vendor's has none)", "Money", { unit: "GBP", value: 1, "@type": "Money" }, "/ unevaluatedProperties"],
    ["a new order that sets the server's id", "ProductOrder_Create", { ...productOrderCreate(), id: "PO-1" }, "/ unevaluatedProperties"],
    ["a cancellation without the order", "CancelProductOrder_Create", { cancellationReason: "Ordered twice" }, '/ required {"missingProperty":"productOrder"}'],
    ["a hub without callback", "EventSubscriptionInput", { query: "x" }, '/ required {"missingProperty":"callback"}'],
  ];
  it.each(cases)("%s", (_, schema, value, expected) => {
    const errors = errorsOf(schema, JSON.parse(JSON.stringify(value)));
    expect(
      errors.some((error) => error.startsWith(expected)),
      errors.join("\n"),
    ).toBe(true);
  });

  it("an order whose nested item breaks a rule is refused at the item's path", () => {
    const broken = clone(order) as unknown as { productOrderItem: Record<string, unknown>[] };
    delete broken.productOrderItem[0]!.action;
    expect(errorsOf("ProductOrder", broken)).toContain('/productOrderItem/0 required {"missingProperty":"action"}');
  });
});

const seeds = `${sharedDir}/seeds`;
const seedFile = existsSync(seeds) ? readdirSync(seeds).find((f) => f.startsWith("003_")) : undefined;

describe.skipIf(!seedFile)(`the vendor's reference (seeds/003)${seedFile ? "" : ` (DID NOT RUN: no ${seeds}/003_*.txt)`}`, () => {
  const lines = seedFile ? readFileSync(`${seeds}/${seedFile}`, "utf8").split("\n") : [];
  const line = (n: number) => lines[n - 1]!;
  const HEADER = /^(Nested Schema : |Root Schema : |\d{3} Response$)/;
  const FIELD = /^(?:- )?(@?[A-Za-z]+)(\(required\))?: (string|object|array|number|integer|boolean)(?: |$)/;

  /** The fields of the schema documented from line `start` on: name, type and whether required. */
  function seedFields(start: number) {
    const fields = new Map<string, { type: string; required: boolean }>();
    for (let n = start + 1; n <= lines.length && !HEADER.test(line(n)); n++) {
      const match = FIELD.exec(line(n));
      if (match) fields.set(match[1]!, { type: match[3]!, required: match[2] !== undefined });
    }
    return fields;
  }

  /** The type the vendor's page shows for a property of the spec. */
  function shownType(property: JsonObject): string {
    if (property.$ref === "#/components/schemas/Any") return "object"; // the page shows Any as an object (see Any's x-note)
    return deref(spec, property).type as string;
  }

  it("has the vendor's enums, read from the lines that list them (L120, L542, L597, L751)", () => {
    const lists = lines.flatMap((text, i) => (lines[i - 1] === "Allowed Values:" ? [i + 1] : []));
    expect(lists).toEqual([120, 542, 597, 751]);
    const bySpec = Object.fromEntries(
      Object.entries(schemas)
        .filter(([, s]) => s.enum && s["x-seed-line"])
        .map(([name, s]) => [s["x-seed-line"], name]),
    );
    for (const n of lists) expect(enumOf(bySpec[n]!), `L${n}`).toEqual(JSON.parse(line(n)));
    expect(enumOf("ProductOrderStateType")).toHaveLength(21);
    expect(enumOf("ProductOrderItemStateType")).toHaveLength(15);
    expect(enumOf("OrderItemActionType")).toHaveLength(7);
    expect(enumOf("ProductStatusType")).toContain("aborted ");
  });

  it("has every field of every schema the vendor documents, with its type and required mark", () => {
    const documented = Object.entries(schemas).filter(([, s]) => typeof s["x-seed-line"] === "number" && !s.enum);
    expect(documented.length).toBe(37);
    for (const [name, schema] of documented) {
      const start = schema["x-seed-line"] as number;
      expect(line(start), name).toMatch(name === "ProductOrder" ? /^Root Schema : Discriminator: @type$/ : new RegExp(`^(Nested|Root) Schema : ${name}$`));
      const mine = new Map(
        Object.entries((schema.properties ?? {}) as Record<string, JsonObject>).map(([p, s]) => [
          p,
          { type: shownType(s), required: ((schema.required ?? []) as string[]).includes(p) },
        ]),
      );
      expect(Object.fromEntries(mine), name).toEqual(Object.fromEntries(seedFields(start)));
    }
  });

  it("has the vendor's operation: its URL, parameters, media type and response statuses", () => {
    const [server] = spec.servers as { url: string }[];
    expect(line(2)).toBe("get");
    expect(line(3)).toBe(`${server!.url.replace("{host}", "serverRoot")}/productOrder/{id}`);
    const retrieve = operations(spec).find(({ op }) => op.operationId === "retrieveProductOrder")!;
    expect(retrieve.op["x-seed-line"]).toBe(1);
    expect(retrieve.op.description).toBe(line(4));
    expect(line(8)).toBe("id(required): string");
    expect(line(12)).toBe(`${(retrieve.op.parameters as JsonObject[])[0]!.name}: string`);
    expect(spec["x-content-type"]).toBe(line(17).slice(2));
    const statuses = lines.flatMap((text) => /^(\d{3}) Response$/.exec(text)?.[1] ?? []);
    expect(Object.keys(retrieve.op.responses as JsonObject)).toEqual(statuses);
  });

  it("has the vendor's minItems on productOrderItem (L101-104) and Quantity default (L904-905)", () => {
    expect(line(101)).toBe("productOrderItem(required): array");
    expect(line(103)).toBe("Minimum Number of Items:");
    expect(((schemas.ProductOrder!.properties as JsonObject).productOrderItem as JsonObject).minItems).toBe(Number(line(104)));
    expect(line(904)).toBe("Default Value:");
    expect(((schemas.Quantity!.properties as JsonObject).amount as JsonObject).default).toBe(Number(line(905)));
  });
});

const officialFile = `${sharedDir}/reference/tmf/v4/TMF622-ProductOrdering-v4.0.0.swagger.json`;

/** The rows of the difference table in spec/README.md: `| Schema | change | values |`. */
function documentedDifferences(): string[] {
  const readme = readFileSync(`${root}spec/README.md`, "utf8");
  const section = readme.slice(readme.indexOf("<!-- tmf622-official-differences:start -->"), readme.indexOf("<!-- tmf622-official-differences:end -->"));
  return section
    .split("\n")
    .filter((text) => text.startsWith("| `"))
    .map((text) =>
      text
        .split("|")
        .slice(1, 4)
        .map((cell) => cell.trim().replaceAll("`", ""))
        .join(" "),
    );
}

describe.skipIf(!existsSync(officialFile))(`the official TMF622 v4.0.0 file${existsSync(officialFile) ? "" : ` (DID NOT RUN: no ${officialFile})`}`, () => {
  type Swagger = { paths: Record<string, Record<string, JsonObject>>; definitions: Record<string, JsonObject> };
  const official = existsSync(officialFile) ? (JSON.parse(readFileSync(officialFile, "utf8")) as Swagger) : { paths: {}, definitions: {} };

  /** A property's shape, comparable across the two files: the schema it refers to, or its type. */
  const shape = (property: JsonObject): string => {
    if (typeof property.$ref === "string") return `ref ${property.$ref.split("/").pop()}`;
    if (property.type === "array") return `array of ${shape(property.items as JsonObject)}`;
    return String(property.type);
  };

  /** Every difference of the spec's schemas from the official definitions, one row per schema and kind. */
  function differences(): string[] {
    const rows: string[] = [];
    const row = (name: string, kind: string, values: string[]) => values.length > 0 && rows.push(`${name} ${kind} ${values.sort().join(", ")}`);
    for (const [name, mine] of Object.entries(schemas)) {
      const theirs = official.definitions[name];
      if (!theirs) {
        rows.push(`${name} not in the official file -`);
        continue;
      }
      const [a, b] = [(mine.enum ?? []) as string[], (theirs.enum ?? []) as string[]];
      row(
        name,
        "enum +",
        a.filter((v) => !b.includes(v)),
      );
      row(
        name,
        "enum -",
        b.filter((v) => !a.includes(v)),
      );
      const [pa, pb] = [(mine.properties ?? {}) as Record<string, JsonObject>, (theirs.properties ?? {}) as Record<string, JsonObject>];
      row(
        name,
        "property +",
        Object.keys(pa).filter((p) => !(p in pb)),
      );
      row(
        name,
        "property -",
        Object.keys(pb).filter((p) => !(p in pa)),
      );
      const both = Object.keys(pa).filter((p) => p in pb);
      row(
        name,
        "shape",
        both.filter((p) => shape(pa[p]!) !== shape(pb[p]!)).map((p) => `${p}: ${shape(pb[p]!)} -> ${shape(pa[p]!)}`),
      );
      row(
        name,
        "minItems/default",
        both.filter((p) => pa[p]!.minItems !== pb[p]!.minItems || pa[p]!.default !== pb[p]!.default),
      );
      const [ra, rb] = [(mine.required ?? []) as string[], (theirs.required ?? []) as string[]];
      row(
        name,
        "required +",
        ra.filter((p) => !rb.includes(p)),
      );
      row(
        name,
        "required -",
        rb.filter((p) => !ra.includes(p)),
      );
    }
    for (const name of Object.keys(official.definitions)) if (!(name in schemas)) rows.push(`${name} omitted (used by no operation) -`);
    return rows.sort();
  }

  it("differs from the official schemas exactly as spec/README.md lists", () => {
    expect(differences()).toEqual(documentedDifferences().sort());
  });

  it("every schema is either the vendor's (x-seed-line) or marked x-source tmf or assumed", () => {
    const unmarked = Object.entries(schemas).filter(([, s]) => s["x-seed-line"] === undefined && !["tmf", "assumed"].includes(s["x-source"] as string));
    expect(unmarked.map(([name]) => name)).toEqual([]);
  });

  it("has every official operation, with its operationId, parameters, body and statuses; only the vendor's lacks x-source: tmf", () => {
    const mine = operations(spec as SpecDocument);
    const pathParameters = (path: string) => ((spec.paths[path]?.parameters ?? []) as unknown as JsonObject[]).map((p) => deref(spec, p));
    let count = 0;
    for (const [path, item] of Object.entries(official.paths)) {
      for (const [method, op] of Object.entries(item)) {
        count++;
        const found = path.startsWith("/listener/")
          ? mine.find((o) => o.where === "webhooks" && o.op["x-tmf-path"] === path)
          : mine.find((o) => o.where === "paths" && o.path === path && o.method === method);
        expect(found, `${method} ${path}`).toBeDefined();
        const { op: spec_op } = found!;
        expect(spec_op.operationId).toBe(op.operationId);
        expect(Object.keys(spec_op.responses as JsonObject).sort()).toEqual(Object.keys(op.responses as JsonObject).sort());
        const parameters = [
          ...(found!.where === "paths" ? pathParameters(path) : []),
          ...((spec_op.parameters ?? []) as JsonObject[]).map((p) => deref(spec, p)),
        ];
        const extra = parameters.filter((p) => !(op.parameters as JsonObject[]).some((q) => q.name === p.name && q.in === p.in));
        expect(extra.filter((p) => p["x-source"] !== "assumed").map((p) => p.name)).toEqual([]);
        const expected = (op.parameters as JsonObject[]).filter((p) => p.in !== "body").map((p) => `${p.in} ${p.name}`);
        expect(parameters.filter((p) => !extra.includes(p)).map((p) => `${p.in} ${p.name}`)).toEqual(expected);
        const body = (op.parameters as JsonObject[]).find((p) => p.in === "body");
        const content = (deref(spec, spec_op.requestBody as JsonObject | undefined)?.content ?? {}) as JsonObject;
        expect(Object.values(content).map((media) => ((media as JsonObject).schema as JsonObject).$ref)).toEqual(
          body ? Object.keys(content).map(() => (body.schema as JsonObject).$ref!.toString().replace("#/definitions/", "#/components/schemas/")) : [],
        );
        expect(spec_op["x-source"]).toBe(op.operationId === "retrieveProductOrder" ? undefined : "tmf");
      }
    }
    expect(count).toBe(18);
    expect(mine).toHaveLength(18);
  });
});
