// spec/tmf638.openapi.yaml against what it transcribes: the vendor's page (seeds/002), read line
// by line for its error bodies, its 200 example, its definitions table, its enum, parameters and
// headers; the official TMF638 v4.0.0 file for the operations and schemas the vendor does not
// show; and fixtures validated with closed schemas, with one broken value per rule the spec states.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createValidator, deref, loadSpecFile, operations, root, sharedDir, type Json, type JsonObject, type SpecDocument } from "../helpers/spec.js";
import {
  BUSINESS_UNITS,
  documentedErrors,
  documentedServices,
  ERROR_STATUSES,
  errorBody,
  fullService,
  hub,
  hubCreate,
  serviceCreate,
  servicesInEveryState,
  serviceUpdate,
  stateChangeEvent,
} from "./fixtures.js";

const spec = loadSpecFile("tmf638.openapi.yaml");
const schemas = spec.components.schemas;
const validate = createValidator(spec, { closed: true });
const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const errorsOf = (schema: string | JsonObject, value: unknown) =>
  validate(typeof schema === "string" ? ref(schema) : schema, value).map((e) => `${e.instancePath || "/"} ${e.keyword} ${JSON.stringify(e.params)}`);
const enumOf = (name: string) => schemas[name]!.enum as string[];
const components = spec.components as unknown as Record<string, Record<string, JsonObject>>;

function operation(operationId: string) {
  return operations(spec).find(({ op }) => op.operationId === operationId)!;
}

/** The JSON content (schema and examples) of an operation's request body or of one of its responses. */
function media(operationId: string, status: string): JsonObject {
  const { op } = operation(operationId);
  const holder = status === "request" ? deref(spec, op.requestBody as JsonObject) : deref(spec, (op.responses as JsonObject)[status] as JsonObject);
  return (holder.content as JsonObject)["application/json"] as JsonObject;
}
const mediaSchema = (operationId: string, status: string) => media(operationId, status).schema as JsonObject;

/** The example values of a media object, following `$ref`s to components/examples. */
const exampleValues = (content: JsonObject) => Object.values((content.examples ?? {}) as JsonObject).map((e) => deref(spec, e as JsonObject).value as Json);

/** The schema a property holds objects of: itself, an array's items, or the object branch of an `anyOf`. */
function objectSchemaOf(property: JsonObject): { name: string | undefined; schema: JsonObject } | undefined {
  let node = property.type === "array" ? (property.items as JsonObject) : property;
  if (node.anyOf) node = (node.anyOf as JsonObject[]).find((branch) => branch.$ref)!;
  const name = typeof node.$ref === "string" ? node.$ref.split("/").pop() : undefined;
  const schema = deref(spec, node);
  return schema.properties ? { name, schema } : undefined;
}

/** Every `Schema.property` a value sets, following the spec's `$ref`s, arrays and `anyOf`s. */
function propertiesSet(value: Json, name: string, into = new Set<string>()): Set<string> {
  const schema = deref(spec, ref(name));
  if (Array.isArray(value)) throw new Error("propertiesSet takes an object");
  if (!value || typeof value !== "object") return into;
  for (const [key, child] of Object.entries(value)) {
    const property = (schema.properties as JsonObject)[key] as JsonObject | undefined;
    if (!property) continue;
    into.add(`${name}.${key}`);
    const target = objectSchemaOf(property);
    if (!target?.name) continue;
    for (const item of Array.isArray(child) ? child : [child]) if (item && typeof item === "object") propertiesSet(item, target.name, into);
  }
  return into;
}

/** The object schemas the vendor documents (x-seed-line), but for the error body. */
const vendorObjectSchemas = () =>
  Object.entries(schemas).filter(([name, s]) => typeof s["x-seed-line"] === "number" && s.properties && !["Error", "ErrorDetail"].includes(name));

describe("fixtures built from the vendor's definitions", () => {
  it("a service that sets every field is a valid Service, with closed schemas", () => {
    expect(errorsOf("Service", fullService())).toEqual([]);
  });

  it("that service sets every property of every object schema the vendor documents", () => {
    const set = propertiesSet(fullService() as unknown as Json, "Service");
    const documented = vendorObjectSchemas().flatMap(([name, schema]) => Object.keys(schema.properties as JsonObject).map((property) => `${name}.${property}`));
    expect(documented.filter((property) => !set.has(property))).toEqual([]);
  });

  it("one service per state is valid, and together they use every state, in the vendor's order", () => {
    const services = servicesInEveryState();
    for (const service of services) expect(errorsOf("Service", service), service.state).toEqual([]);
    expect(services.map((s) => s.state)).toEqual(enumOf("ServiceStateType"));
    expect(errorsOf(mediaSchema("retrieveService", "200"), services)).toEqual([]);
    expect(errorsOf(mediaSchema("listService", "200"), services)).toEqual([]);
  });

  it("the official-only bodies are valid for their operations", () => {
    const cases: [string, string, unknown][] = [
      ["createService", "request", serviceCreate()],
      ["createService", "201", fullService()],
      ["patchService", "request", serviceUpdate()],
      ["patchService", "200", fullService()],
      ["registerListener", "request", hubCreate()],
      ["registerListener", "201", hub()],
      ["listenToServiceStateChangeEvent", "request", stateChangeEvent()],
    ];
    for (const [operationId, status, body] of cases) expect(errorsOf(mediaSchema(operationId, status), body), `${operationId} ${status}`).toEqual([]);
  });

  it("every error status of every operation answers the vendor's error body, and the fixture for each is valid", () => {
    for (const { op } of operations(spec)) {
      for (const [status, response] of Object.entries(op.responses as JsonObject)) {
        if (!/^[45]/.test(status)) continue;
        expect(((deref(spec, response as JsonObject).content as JsonObject)["application/json"] as JsonObject).schema, `${op.operationId} ${status}`).toEqual(
          ref("Error"),
        );
      }
    }
    for (const status of ERROR_STATUSES) {
      const body = errorBody(status);
      expect(errorsOf("Error", body)).toEqual([]);
      expect(body.errors[0]!.code).toBe(status);
    }
  });
});

describe("the vendor's error bodies and 200 example (golden fixtures)", () => {
  it("each of the seven error bodies is valid for its status on the vendor's operation, with closed schemas", () => {
    const bodies = documentedErrors();
    expect(bodies.map((e) => e.line)).toEqual([713, 718, 723, 724, 729, 734, 740]);
    for (const { line, status, body } of bodies) {
      expect(errorsOf(mediaSchema("retrieveService", String(status)), body), `L${line}`).toEqual([]);
      expect(body.errors.map((e) => e.code)).toEqual([status]);
    }
  });

  it("the spec's examples of each error response are exactly the seven bodies, in the document's order", () => {
    const statuses = Object.keys(operation("retrieveService").op.responses as JsonObject).filter((s) => s !== "200");
    const examples = statuses.flatMap((status) => exampleValues(media("retrieveService", status)));
    expect(examples).toEqual(documentedErrors().map((e) => e.body));
  });

  it("the vendor's 200 example is the spec's example of the retrieve answer, and is valid with closed schemas", () => {
    const [example] = exampleValues(media("retrieveService", "200"));
    expect(example).toEqual(documentedServices());
    expect(errorsOf(mediaSchema("retrieveService", "200"), documentedServices())).toEqual([]);
  });

  it('its "string" placeholders are admitted only where the vendor\'s generator left them: below the top level', () => {
    const [service] = documentedServices();
    expect(service!.supportingService![0]!.serviceRelationship).toEqual(["string"]);
    expect(service!.supportingService![0]!.supportingService).toEqual(["string"]);
    expect(errorsOf("Service", { ...service, serviceRelationship: ["string"] })).toContain('/serviceRelationship/0 type {"type":"object"}');
    expect(errorsOf("Service", { ...service, supportingService: ["string"] })).toContain('/supportingService/0 type {"type":"object"}');
  });
});

describe("refuses what the spec forbids", () => {
  const cases: [string, string, unknown, string][] = [
    ["an error body without errors", "Error", { code: 404, message: "Not found" }, '/ required {"missingProperty":"errors"}'],
    ["an error whose code is a string (TMF's Error)", "Error", { errors: [{ code: "404", message: "Not found" }] }, "/errors/0/code type"],
    ["an error without message", "ErrorDetail", { code: 404, description: "x" }, '/ required {"missingProperty":"message"}'],
    ["TMF's Error instead of the vendor's", "Error", { errors: [{ code: 404, message: "x", reason: "Not found" }] }, "/errors/0 unevaluatedProperties"],
    ["an unknown service state", "Service", { state: "suspended" }, "/state enum"],
    ["a state with the vendor's stray quote", "Service", { state: "terminated'" }, "/state enum"],
    [
      "a service characteristic with a non-string value (the vendor's is a string)",
      "ServiceCharacteristic",
      { name: "msisdn", value: 18685550100 },
      "/value type",
    ],
    ["an order item action TMF does not have", "RelatedServiceOrderItem", { itemAction: "suspend" }, "/itemAction enum"],
    ["a date that is not a date-time", "Service", { startDate: "2025-06-01" }, "/startDate format"],
    ["a field the vendor does not document", "ServiceRelationship", { relationshipType: "reliesOn", id: "REL-1" }, "/ unevaluatedProperties"],
    ["a href on a note (official only)", "Note", { text: "x", href: "https://example.com/note/1" }, "/ unevaluatedProperties"],
    ["a new service without state", "Service_Create", { serviceSpecification: { id: "SS-MOBILE" } }, '/ required {"missingProperty":"state"}'],
    ["a new service that sets the server's id", "Service_Create", { ...serviceCreate(), id: "1" }, "/ unevaluatedProperties"],
    ["a merge patch of serviceDate (official: skipped)", "Service_Update", { serviceDate: "2025-06-01" }, "/ unevaluatedProperties"],
    ["a hub without callback", "EventSubscriptionInput", { query: "x" }, '/ required {"missingProperty":"callback"}'],
  ];
  it.each(cases)("%s", (_, schema, value, expected) => {
    const errors = errorsOf(schema, JSON.parse(JSON.stringify(value)));
    expect(
      errors.some((error) => error.startsWith(expected)),
      errors.join("\n"),
    ).toBe(true);
  });

  it("a business unit is two upper-case letters", () => {
    const schema = components.parameters!.BusinessId!.schema as JsonObject;
    for (const id of BUSINESS_UNITS) expect(errorsOf(schema, id), id).toEqual([]);
    for (const id of ["tt", "T", "TTT", "T1", ""]) expect(errorsOf(schema, id), id).not.toEqual([]);
  });

  it("every path is under /{businessId}, which every operation takes from the path", () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      expect(path.startsWith("/{businessId}/"), path).toBe(true);
      expect(item.parameters, path).toContainEqual({ $ref: "#/components/parameters/BusinessId" });
    }
  });

  it("the credentials are both required together on every operation, and the listeners take none", () => {
    expect(spec.security).toEqual([{ clientId: [], clientSecret: [] }]);
    const schemes = components.securitySchemes!;
    expect([schemes.clientId, schemes.clientSecret].map((s) => [s!.type, s!.in, s!.name, s!["x-min-length"]])).toEqual([
      ["apiKey", "header", "client_id", 5],
      ["apiKey", "header", "client_secret", 5],
    ]);
    for (const { where, op } of operations(spec)) expect(op.security, String(op.operationId)).toEqual(where === "webhooks" ? [{}] : undefined);
  });
});

const seeds = `${sharedDir}/seeds`;
const seedFile = existsSync(seeds) ? readdirSync(seeds).find((f) => f.startsWith("002_")) : undefined;

describe.skipIf(!seedFile)(`the vendor's page (seeds/002)${seedFile ? "" : ` (DID NOT RUN: no ${seeds}/002_*.txt)`}`, () => {
  const lines = seedFile ? readFileSync(`${seeds}/${seedFile}`, "utf8").split("\n") : [];
  const line = (n: number) => lines[n - 1]!;

  /** The definitions table (L587-702): each row's dotted name and type; multi-line rows keep their first line. */
  function definitionRows() {
    const ROW = /^(@?[A-Za-z]+(?:\.@?[A-Za-z]+)*?)(object array|datetime|string|boolean|array|object|any)/;
    const rows: { path: string; type: string; line: number }[] = [];
    for (let n = 587; n <= 702; n++) {
      const match = ROW.exec(line(n));
      if (match) rows.push({ path: match[1]!, type: match[2]!, line: n });
    }
    return rows;
  }

  /** Follows a dotted path of the definitions from Service: the `Schema.property` of each step and the last property. */
  function locate(path: string) {
    let name = "Service";
    let property: JsonObject | undefined;
    const steps: string[] = [];
    for (const key of path.split(".")) {
      if (property) {
        const next = objectSchemaOf(property);
        if (!next?.name) return undefined;
        name = next.name;
      }
      property = (deref(spec, ref(name)).properties as JsonObject | undefined)?.[key] as JsonObject | undefined;
      if (!property) return undefined;
      steps.push(`${name}.${key}`);
    }
    return { steps, property: property! };
  }

  /** The vendor's type of a property of the spec, as its table would write it. */
  function tableType(property: JsonObject): string {
    if (property.$ref === "#/components/schemas/Any") return "any";
    if (property.type === "array") {
      const items = property.items as JsonObject;
      return deref(spec, items.anyOf ? (items.anyOf as JsonObject[])[0]! : items).type === "object" ? "object array" : "array";
    }
    const target = deref(spec, property);
    if (target.format === "date-time") return "datetime";
    return target.type as string;
  }

  it("has the seven error bodies at their lines, under their status headings (L710-747)", () => {
    for (const { line: n, status, body } of documentedErrors()) {
      const text = n === 740 ? lines.slice(739, 747).join("\n") : line(n).replace(/^json /, "");
      expect(JSON.parse(text), `L${n}`).toEqual(body);
      const heading = lines
        .slice(0, n)
        .filter((l) => /^\[ \d{3} \]$/.test(l))
        .pop();
      expect(heading, `L${n}`).toBe(`[ ${status} ]`);
    }
    expect(line(748)).toBe("");
  });

  it("has the 200 example (L54-570) as the spec's example, and the responses the page lists", () => {
    expect(line(50)).toBe("[ 200 ]");
    expect(JSON.parse(lines.slice(53, 570).join("\n"))).toEqual(documentedServices());
    const statuses = lines.flatMap((text) => /^\[ (\d{3}) \]$/.exec(text)?.[1] ?? []);
    expect(Object.keys(operation("retrieveService").op.responses as JsonObject)).toEqual(statuses);
    expect(statuses).toEqual(["200", "400", "401", "404", "405", "500", "501"]);
  });

  it("has every row of the definitions table, with its type, but the two the example contradicts", () => {
    const rows = definitionRows();
    expect(rows).toHaveLength(103);
    const mismatches: string[] = [];
    for (const { path, type, line: n } of rows) {
      const found = locate(path);
      expect(found, `L${n} ${path}`).toBeDefined();
      // The table writes an array of objects as "array" or "object array".
      const [theirs, mine] = [type, tableType(found!.property)].map((t) => t.replace(/^object array$/, "array"));
      if (mine !== theirs) mismatches.push(`${path}: ${theirs} -> ${mine}`);
    }
    // The table types these "array"; the example (L192, L378), like the official file, has one object.
    expect(mismatches).toEqual(["serviceRelationship.service: array -> object", "serviceSpecification: array -> object"]);
  });

  it("declares no field the vendor shows neither in its table nor in its example", () => {
    const shown = new Set(definitionRows().flatMap(({ path }) => locate(path)!.steps));
    for (const service of documentedServices()) propertiesSet(service as unknown as Json, "Service", shown);
    const declared = vendorObjectSchemas().flatMap(([name, schema]) => Object.keys(schema.properties as JsonObject).map((property) => `${name}.${property}`));
    expect(declared.filter((property) => !shown.has(property))).toEqual([]);
  });

  it("marks each vendor schema with the line of its table row or of its first appearance in the example", () => {
    const rows = definitionRows();
    for (const [name, schema] of vendorObjectSchemas()) {
      const n = schema["x-seed-line"] as number;
      const row = rows.find((r) => r.line === n);
      if (name === "Service") expect(line(n)).toBe("nametypedescriptionrequired");
      else if (row) {
        // The row of the schema's property, or of one inside it (`relatedParty.contact` has no row of its own).
        const prefixes = row.path.split(".").map((_, i, keys) => keys.slice(0, i + 1).join("."));
        expect(
          prefixes.map((prefix) => objectSchemaOf(locate(prefix)!.property)?.name),
          `${name} L${n}`,
        ).toContain(name);
      } else expect(line(n), name).toMatch(/^\s+"@?\w+": [[{]$/);
    }
  });

  it("has the vendor's state values (L676-681), without the stray quote", () => {
    const text = lines.slice(675, 681).join(" ");
    const values = text
      .replace(/^statestringThe life cycle state of the service, such as: /, "")
      .split(/,\s*/)
      .map((v) => v.replace(/'$/, ""));
    expect(enumOf("ServiceStateType")).toEqual(values);
  });

  it("has the vendor's URL, path parameters and business unit samples (L17, L22-23)", () => {
    const [server] = spec.servers as { url: string; variables: { host: { default: string } } }[];
    const url = `${server!.url.replace("{host}", "[localhost]:[port]")}/{businessId}/service/{ID}`;
    expect(line(17)).toBe(url);
    expect(line(22)).toBe(`businessIdstring${components.parameters!.BusinessId!.description}Y`);
    expect(Object.keys(components.parameters!.BusinessId!.examples as JsonObject)).toEqual([...BUSINESS_UNITS]);
    expect(line(22)).toContain(`(${BUSINESS_UNITS.join(", ")}, etc.)`);
    const id = (spec.paths["/{businessId}/service/{id}"]!.parameters as unknown as JsonObject[])[1]!;
    expect(line(23)).toBe(`idstring${id.description}Y`);
  });

  it("has the vendor's headers: credentials of 5+ characters and the two correlation headers (L25-30)", () => {
    expect(line(25)).toMatch(/^client_idstring.*Minimum characters: 5Y$/);
    expect(line(26)).toMatch(/^client_secretstring.*Minimum characters: 5Y$/);
    expect(line(27)).toMatch(/^Correlation-ID \(DEPRECATED\)string.*N$/);
    expect(line(28)).toMatch(/^X-Correlation-IDstring/);
    const header = (name: string) => components.parameters![name]!;
    expect([header("CorrelationId").name, header("CorrelationId").deprecated, header("CorrelationId")["x-seed-line"]]).toEqual(["Correlation-ID", true, 27]);
    expect([header("XCorrelationId").name, header("XCorrelationId").deprecated, header("XCorrelationId")["x-seed-line"]]).toEqual([
      "X-Correlation-ID",
      undefined,
      28,
    ]);
    const retrieve = (operation("retrieveService").op.parameters as JsonObject[]).map((p) => deref(spec, p));
    expect(retrieve.filter((p) => p.in === "header").map((p) => [p.name, p.required ?? false])).toEqual([
      ["X-Correlation-ID", false],
      ["Correlation-ID", false],
    ]);
  });

  it("has the vendor's query parameters, optional, with their types (L35-40)", () => {
    const query = (operation("retrieveService").op.parameters as JsonObject[]).map((p) => deref(spec, p)).filter((p) => p.in === "query");
    const TYPES: Record<string, string> = { String: "string", Integer: "integer" };
    const documented = lines.slice(34, 40).map((text) => /^([A-Za-z.]+?)(String|Integer)(.*)N$/.exec(text)!);
    expect(query.map((p) => [p.name, (p.schema as JsonObject).type, p.description, p.required ?? false, p["x-seed-line"]])).toEqual(
      documented.map((m, i) => [m[1], TYPES[m[2]!], m[3], false, 35 + i]),
    );
  });
});

const officialFile = `${sharedDir}/reference/tmf/v4/TMF638-ServiceInventory-v4.0.0.swagger.json`;

/** The rows of the difference table in spec/README.md: `| Schema | change | values |`. */
function documentedDifferences(): string[] {
  const readme = readFileSync(`${root}spec/README.md`, "utf8");
  const section = readme.slice(readme.indexOf("<!-- tmf638-official-differences:start -->"), readme.indexOf("<!-- tmf638-official-differences:end -->"));
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

describe.skipIf(!existsSync(officialFile))(`the official TMF638 v4.0.0 file${existsSync(officialFile) ? "" : ` (DID NOT RUN: no ${officialFile})`}`, () => {
  type Swagger = { basePath: string; paths: Record<string, Record<string, JsonObject>>; definitions: Record<string, JsonObject> };
  const official = existsSync(officialFile) ? (JSON.parse(readFileSync(officialFile, "utf8")) as Swagger) : { basePath: "", paths: {}, definitions: {} };

  /** A property's shape, comparable across the two files: the schema it refers to, or its type. */
  const shape = (property: JsonObject): string => {
    if (typeof property.$ref === "string") return `ref ${property.$ref.split("/").pop()}`;
    if (property.anyOf) return (property.anyOf as JsonObject[]).map(shape).join(" or ");
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
      if (a.length > 0 && a.every((v) => b.includes(v)) && a.join() !== b.join()) rows.push(`${name} enum order ${a.join(", ")}`);
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

  it("has the official base path, and every official operation under /{businessId}, with its operationId, parameters, body and statuses (plus 501)", () => {
    const [server] = spec.servers as { url: string }[];
    expect(new URL(server!.url.replace("{host}", "localhost")).pathname).toBe(official.basePath);
    const mine = operations(spec as SpecDocument);
    // The gateway's own: the business unit and the correlation headers, on every operation.
    const GATEWAY = ["path businessId", "header X-Correlation-ID", "header Correlation-ID"];
    const pathParameters = (path: string) => ((spec.paths[path]?.parameters ?? []) as unknown as JsonObject[]).map((p) => deref(spec, p));
    let count = 0;
    for (const [path, item] of Object.entries(official.paths)) {
      for (const [method, op] of Object.entries(item)) {
        count++;
        const listener = path.startsWith("/listener/");
        const found = listener
          ? mine.find((o) => o.where === "webhooks" && o.op["x-tmf-path"] === path)
          : mine.find((o) => o.where === "paths" && o.path === `/{businessId}${path}` && o.method === method);
        expect(found, `${method} ${path}`).toBeDefined();
        const { op: specOp } = found!;
        expect(specOp.operationId).toBe(op.operationId);
        const statuses = Object.keys(op.responses as JsonObject);
        const expectedStatuses =
          op.operationId === "retrieveService" ? ["200", "400", "401", "404", "405", "500", "501"] : listener ? statuses : [...statuses, "501"];
        expect(Object.keys(specOp.responses as JsonObject).sort(), String(op.operationId)).toEqual(expectedStatuses.sort());
        const parameters = [
          ...(found!.where === "paths" ? pathParameters(found!.path) : []),
          ...((specOp.parameters ?? []) as JsonObject[]).map((p) => deref(spec, p)),
        ].filter((p) => !GATEWAY.includes(`${p.in} ${p.name}`));
        const extra = parameters.filter((p) => !(op.parameters as JsonObject[]).some((q) => q.name === p.name && q.in === p.in));
        // The vendor's own query parameters on its retrieve; assumed filters on the list.
        expect(extra.filter((p) => p["x-source"] !== "assumed" && p["x-seed-line"] === undefined).map((p) => p.name)).toEqual([]);
        const expected = (op.parameters as JsonObject[]).filter((p) => p.in !== "body").map((p) => `${p.in} ${p.name}`);
        expect(parameters.filter((p) => !extra.includes(p)).map((p) => `${p.in} ${p.name}`)).toEqual(expected);
        const body = (op.parameters as JsonObject[]).find((p) => p.in === "body");
        const content = (deref(spec, specOp.requestBody as JsonObject | undefined)?.content ?? {}) as JsonObject;
        expect(Object.values(content).map((m) => ((m as JsonObject).schema as JsonObject).$ref)).toEqual(
          body ? Object.keys(content).map(() => (body.schema as JsonObject).$ref!.toString().replace("#/definitions/", "#/components/schemas/")) : [],
        );
        expect(specOp["x-source"]).toBe(op.operationId === "retrieveService" ? undefined : "tmf");
      }
    }
    expect(count).toBe(11);
    expect(mine).toHaveLength(11);
  });

  it("every non-listener operation takes the business unit and the correlation headers", () => {
    for (const { where, path, op } of operations(spec)) {
      if (where === "webhooks") continue;
      const names = [...((spec.paths[path]!.parameters ?? []) as unknown as JsonObject[]), ...((op.parameters ?? []) as JsonObject[])].map(
        (p) => deref(spec, p).name,
      );
      expect(names, String(op.operationId)).toEqual(expect.arrayContaining(["businessId", "X-Correlation-ID", "Correlation-ID"]));
    }
  });
});
