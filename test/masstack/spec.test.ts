// spec/masstack.openapi.yaml against what it transcribes: the seeds' pages (seeds/001 "Service
// Operations", seeds/004 "Schemas"), read at the lines seed-systems.md §1 gives for every example,
// enum, field table and response table; the operation table every MasStack helper builds on; and
// spec/README.md's list of what is assumed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJsonExact } from "../../src/core/internal/exact-json.js";
import { callbacks } from "../../src/masstack/generated/callbacks.js";
import { numberAsStringKeys } from "../../src/masstack/generated/identifiers.js";
import { deviceDetailsByCategory, serviceDetailsByType } from "../../src/masstack/generated/variants.js";
import { createValidator, deref, loadSpecFile, operations, root, sharedDir, valueAt, type Json, type JsonObject } from "../helpers/spec.js";

const spec = loadSpecFile("masstack.openapi.yaml");
const schemas = spec.components.schemas;
const components = spec.components as unknown as Record<string, Record<string, JsonObject>>;
const validate = createValidator(spec, { closed: true });
const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const errorsOf = (schema: JsonObject, value: unknown) =>
  validate(schema, value).map((e) => `${e.instancePath || "/"} ${e.keyword} ${JSON.stringify(e.params)}`);

function operation(operationId: string) {
  const found = operations(spec).find(({ op }) => op.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}
const parametersOf = (operationId: string) => {
  const { path, op } = operation(operationId);
  return [...((spec.paths[path]!.parameters ?? []) as unknown as JsonObject[]), ...((op.parameters ?? []) as JsonObject[])].map((p) => deref(spec, p));
};
const requestSchema = (operationId: string) =>
  ((deref(spec, operation(operationId).op.requestBody as JsonObject).content as JsonObject)["application/json"] as JsonObject).schema as JsonObject;
const responsesOf = (operationId: string) =>
  Object.fromEntries(Object.entries(operation(operationId).op.responses as JsonObject).map(([status, r]) => [status, deref(spec, r as JsonObject)]));
const contentSchema = (response: JsonObject) => ((response.content as JsonObject | undefined)?.["application/json"] as JsonObject | undefined)?.schema;

/** The request bodies that compose a schema of 004 with callbackDTO (allOf). */
const COMPOSED: Record<string, string> = {
  barringRequestDTO: "updateBarring",
  createServiceRequestDTO: "createService",
  updateServiceDeviceRequestDTO: "updateServiceDevice",
};

/**
 * The errors of an example of `name` with closed schemas. The three seed examples that carry the
 * callback URLs are the request bodies' (`allOf` with callbackDTO): each part is checked against
 * its own closed schema, which the validator cannot do through a `$ref`'d `allOf` member. Device
 * details are checked with the variant the category eSIM selects (eSIMDeviceDTO).
 */
function exampleErrors(name: string, value: Json): string[] {
  if (COMPOSED[name]) {
    expect(requestSchema(COMPOSED[name]).allOf).toEqual([ref(name), ref("callbackDTO")]);
    const urls = Object.keys(schemas.callbackDTO!.properties as JsonObject);
    const entries = Object.entries(value as JsonObject);
    const errors = [
      ...errorsOf(ref(name), Object.fromEntries(entries.filter(([key]) => !urls.includes(key)))),
      ...errorsOf(ref("callbackDTO"), Object.fromEntries(entries.filter(([key]) => urls.includes(key)))),
    ];
    if (name !== "updateServiceDeviceRequestDTO") return errors;
    const details = (value as JsonObject).new_service_device_details;
    return [...errors, ...errorsOf(ref("eSIMDeviceDTO"), details).map((e) => `/new_service_device_details${e.startsWith("/ ") ? e.slice(1) : e}`)];
  }
  if (name === "deviceDetailsDTO") return [...errorsOf(ref(name), value), ...errorsOf(ref("eSIMDeviceDTO"), value)];
  return errorsOf(ref(name), value);
}

/** The schemas whose seed example writes an identifier as a JSON number, and where (seed-systems §1.8). */
const AS_WRITTEN: Record<string, string[]> = {
  createPromotionRequestDTO: ["/promotion/promotion_id"],
  promotionDTO: ["/promotion_id"],
  serviceCallbackDTO: ["/service_id"],
  updateServiceDeviceRequestDTO: ["/new_service_device_details/iccid", "/new_service_device_details/eid"],
  deviceDetailsDTO: ["/iccid", "/eid"],
  eSIMDeviceDTO: ["/iccid", "/eid"],
};

/** The 28 schemas of seeds/004 and the lines of their JSON examples (seed-systems §1.8), in the page's order. */
const SEED_EXAMPLES: [string, string][] = [
  ["barringRequestDTO", "L11-16"],
  ["barringCallbackDTO", "L29-32"],
  ["movementNonSubscribableRequestDTO", "L57-74"],
  ["movementRequestDTO", "L109-127"],
  ["refundNonSubscribableRequestDTO", "L162-179"],
  ["refundRequestDTO", "L211-228"],
  ["createPromotionRequestDTO", "L249-255"],
  ["updatePromotionRequestDTO", "L264-266"],
  ["promotionDTO", "L277-281"],
  ["amountDTO", "L297-304"],
  ["taxDTO", "L316-319"],
  ["genericErrorResponseDTO", "L332-335"],
  ["movementUpdateResponseDTO", "L346-349"],
  ["barringsDetailResponseDTO", "L362-367"],
  ["promotionUpdateResponseDTO", "L378-381"],
  ["movementSuccessResponseDTO", "L393-397"],
  ["refundSuccessResponseDTO", "L410-414"],
  ["PromotionSuccessResponseDTO", "L427-431"],
  ["createServiceRequestDTO", "L448-456"],
  ["serviceCallbackDTO", "L468-472"],
  ["serviceDetailsDTO", "L484-487"],
  ["updateServiceDeviceRequestDTO", "L501-509"],
  ["deviceDetailsDTO", "L522-525"],
  ["eSIMDeviceDTO", "L534-537"],
  ["multisimServiceDTO", "L548-551"],
  ["updateMultisimServiceDTO", "L562-565"],
  ["serviceTypeDTO", "L573"],
  ["callbackDTO", "L585-588"],
];

const asWritten = (name: string) => schemas[name]!["x-as-written"] as JsonObject | undefined;
const firstExample = (name: string) => (schemas[name]!.examples as Json[])[0]!;

/** The operation table of the shared design: method, path, body, success status and body, callbacks, source. */
const TABLE = [
  ["createService", "post", "/{service_type}/", ["createServiceRequestDTO", "callbackDTO"], "202", undefined, "serviceCallbackDTO", "public-docs"],
  [
    "updateServiceDevice",
    "patch",
    "/{service_type}/{service_id}/devices/{device_id}",
    ["updateServiceDeviceRequestDTO", "callbackDTO"],
    "202",
    undefined,
    "serviceCallbackDTO",
    "assumed",
  ],
  [
    "updateBarring",
    "patch",
    "/{service_type}/{service_id}/barrings",
    ["barringRequestDTO", "callbackDTO"],
    "202",
    undefined,
    "barringCallbackDTO",
    "public-docs",
  ],
  ["getBarrings", "get", "/{service_type}/{service_id}/barrings", [], "200", "barringsDetailResponseDTO", undefined, "assumed"],
  [
    "createMovement",
    "post",
    "/{service_type}/{service_id}/billing/movements",
    ["movementRequestDTO"],
    "201",
    "movementSuccessResponseDTO",
    undefined,
    "assumed",
  ],
  [
    "createNonSubscribableMovement",
    "post",
    "/{service_type}/{service_id}/billing/movements-non-subscribable-service",
    ["movementNonSubscribableRequestDTO"],
    "201",
    "movementSuccessResponseDTO",
    undefined,
    "public-docs",
  ],
  [
    "updateMovement",
    "patch",
    "/{service_type}/{service_id}/billing/movements/{movement_id}",
    ["updateMovementRequestDTO"],
    "200",
    "movementUpdateResponseDTO",
    undefined,
    "assumed",
  ],
  ["createRefund", "post", "/{service_type}/{service_id}/billing/refunds", ["refundRequestDTO"], "201", "refundSuccessResponseDTO", undefined, "assumed"],
  [
    "createNonSubscribableRefund",
    "post",
    "/{service_type}/{service_id}/billing/refunds-non-subscribable-service",
    ["refundNonSubscribableRequestDTO"],
    "201",
    "refundSuccessResponseDTO",
    undefined,
    "assumed",
  ],
  [
    "createPromotion",
    "post",
    "/{service_type}/{service_id}/promotions",
    ["createPromotionRequestDTO"],
    "201",
    "PromotionSuccessResponseDTO",
    undefined,
    "public-docs",
  ],
  [
    "updatePromotion",
    "patch",
    "/{service_type}/{service_id}/promotions/{promotion_id}",
    ["updatePromotionRequestDTO"],
    "200",
    "promotionUpdateResponseDTO",
    undefined,
    "assumed",
  ],
  [
    "terminateDeviceInsurance",
    "post",
    "/deviceinsurance/{service_id}/terminate",
    ["terminateMovementRequestDTO"],
    "200",
    "terminateSuccessResponseDTO",
    undefined,
    "public-docs",
  ],
] as const;

describe("the operation table", () => {
  it("has exactly the table's operations, with their method, path, body, success answer and source", () => {
    expect(
      operations(spec)
        .map(({ op }) => String(op.operationId))
        .sort(),
    ).toEqual(TABLE.map(([id]) => id).sort());
    for (const [operationId, method, path, body, status, answer, , source] of TABLE) {
      const found = operation(operationId);
      expect([found.method, found.path, found.op["x-source"]], operationId).toEqual([method, path, source]);
      const schema = found.op.requestBody === undefined ? { allOf: [] } : requestSchema(operationId);
      expect(schema.allOf ? (schema.allOf as JsonObject[]).map((s) => s.$ref) : [schema.$ref], operationId).toEqual(
        body.map((name) => `#/components/schemas/${name}`),
      );
      const responses = responsesOf(operationId);
      expect(
        Object.keys(responses).filter((s) => s.startsWith("2")),
        operationId,
      ).toEqual([status]);
      expect(contentSchema(responses[status]!), operationId).toEqual(answer === undefined ? undefined : ref(answer));
    }
  });

  it("answers 400, 401, 403, 406 and 500 with genericErrorResponseDTO everywhere, and 404 wherever a service_id is in the path", () => {
    for (const [operationId, , path] of TABLE) {
      const responses = responsesOf(operationId);
      const errors = Object.keys(responses).filter((s) => !s.startsWith("2"));
      expect(errors, operationId).toEqual(path.includes("{service_id}") ? ["400", "401", "403", "404", "406", "500"] : ["400", "401", "403", "406", "500"]);
      for (const status of errors) expect(contentSchema(responses[status]!), `${operationId} ${status}`).toEqual(ref("genericErrorResponseDTO"));
    }
    expect(components.responses!.NotFound!["x-source"]).toBe("assumed");
  });

  it("every operation takes the optional uuid Request-Correlation-Id and its path parameters as the documented types", () => {
    for (const [operationId, , path] of TABLE) {
      const parameters = parametersOf(operationId);
      expect(
        parameters.filter((p) => p.in === "header").map((p) => [p.name, p.required, p.schema]),
        operationId,
      ).toEqual([["Request-Correlation-Id", false, { type: "string", format: "uuid" }]]);
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(
        parameters
          .filter((p) => p.in === "path")
          .map((p) => p.name)
          .sort(),
        operationId,
      ).toEqual(inPath.sort());
      for (const p of parameters.filter((p) => p.in === "path")) {
        expect(p.required, `${operationId} ${p.name}`).toBe(true);
        expect(p.schema, `${operationId} ${p.name}`).toEqual(p.name === "service_type" ? ref("serviceTypeDTO") : { type: "string" });
      }
    }
  });

  it("the three asynchronous operations are resend-safe (x-idempotent) and the others are not marked", () => {
    const marked = operations(spec)
      .filter(({ op }) => op["x-idempotent"] === true)
      .map(({ op }) => op.operationId);
    expect(marked).toEqual(["createService", "updateServiceDevice", "updateBarring"]);
  });

  it("has the documented callbacks: POST to the request's URLs with the workflow id, answered 200, 400 'Not found' or 500, all without a body", () => {
    for (const [operationId, , , , , , body] of TABLE) {
      const declared = (operation(operationId).op.callbacks ?? {}) as JsonObject;
      if (body === undefined) {
        expect(declared, operationId).toEqual({});
        continue;
      }
      expect(Object.keys(declared), operationId).toEqual(["success_event", "error_event"]);
      for (const [name, member] of [
        ["success_event", "callback_success_url"],
        ["error_event", "callback_error_url"],
      ] as const) {
        const expressions = deref(spec, declared[name] as JsonObject);
        expect(Object.keys(expressions), `${operationId} ${name}`).toEqual([`{$request.body#/${member}}`]);
        const item = Object.values(expressions)[0] as Record<string, JsonObject>;
        expect(Object.keys(item)).toEqual(["post"]);
        const post = item.post!;
        expect(post.security).toEqual([{}]);
        expect(((post.parameters as JsonObject[]).map((p) => deref(spec, p)) as JsonObject[]).map((p) => [p.in, p.name, p.required, p.description])).toEqual([
          ["header", "Request-Correlation-Id", false, "Workflow Id (unique identifier)"],
        ]);
        expect(contentSchema(deref(spec, post.requestBody as JsonObject))).toEqual(ref(body));
        const answers = Object.entries(post.responses as JsonObject).map(([status, r]) => [status, deref(spec, r as JsonObject)]);
        expect(answers).toEqual([
          ["200", expect.objectContaining({ description: "OK" })],
          ["400", expect.objectContaining({ description: "Not found" })],
          ["500", expect.objectContaining({ description: "Internal Error" })],
        ]);
        for (const [, answer] of answers) expect((answer as JsonObject).content).toBeUndefined();
      }
    }
  });

  it("the generated callbacks table gives each asynchronous operation its callbacks' body and URL members", () => {
    const urls = { success_event: "callback_success_url", error_event: "callback_error_url" };
    expect(callbacks).toEqual({
      createService: { schema: "serviceCallbackDTO", urls },
      updateServiceDevice: { schema: "serviceCallbackDTO", urls },
      updateBarring: { schema: "barringCallbackDTO", urls },
    });
  });

  it("every operation needs the bearer JWT; the callbacks none", () => {
    expect(spec.security).toEqual([{ bearerAuth: [] }]);
    const scheme = components.securitySchemes!.bearerAuth!;
    expect([scheme.type, scheme.scheme, scheme.bearerFormat, scheme["x-source"]]).toEqual(["http", "bearer", "JWT", "public-docs"]);
    for (const { op } of operations(spec)) expect(op.security, String(op.operationId)).toBeUndefined();
  });

  it("has the staging server (public pages) first and the assumed production server", () => {
    expect((spec.servers as JsonObject[]).map((s) => [s.url, s["x-source"]])).toEqual([
      ["https://partners.sta.masstack.com/v3", "public-docs"],
      ["https://partners.masstack.com/v3", "assumed"],
    ]);
  });
});

describe("schemas and examples", () => {
  it("holds the 28 schemas of seeds/004 under their names, each with its example's lines, plus three from the public pages or assumed", () => {
    const seeded = Object.entries(schemas).filter(([, s]) => s["x-seed"]);
    expect(Object.fromEntries(seeded.map(([name, s]) => [name, s["x-seed-example"]]))).toEqual(
      Object.fromEntries(SEED_EXAMPLES.map(([name, lines]) => [name, `004:${lines}`])),
    );
    const others = Object.entries(schemas).filter(([, s]) => !s["x-seed"]);
    expect(others.map(([name, s]) => [name, s["x-source"]])).toEqual([
      ["updateMovementRequestDTO", "assumed"],
      ["terminateMovementRequestDTO", "public-docs"],
      ["terminateSuccessResponseDTO", "public-docs"],
    ]);
  });

  it("every positive example is valid against its schema, with closed schemas", () => {
    for (const [name, schema] of Object.entries(schemas)) {
      for (const example of (schema.examples ?? []) as Json[]) expect(exampleErrors(name, example), name).toEqual([]);
    }
  });

  it("each as-written example fails exactly where it writes a number for a string, and its twin differs only there", () => {
    const marked = Object.entries(schemas).filter(([, s]) => s["x-as-written"]);
    expect(Object.fromEntries(marked.map(([name, s]) => [name, (s["x-as-written"] as JsonObject)["x-invalid-at"]]))).toEqual(AS_WRITTEN);
    for (const [name, pointers] of Object.entries(AS_WRITTEN)) {
      const value = asWritten(name)!.value as Json;
      expect(exampleErrors(name, value).sort(), name).toEqual(pointers.map((p) => `${p} type {"type":"string"}`).sort());
      for (const pointer of pointers) {
        expect(typeof valueAt(value, pointer), `${name} ${pointer}`).toBe("number");
        expect(typeof valueAt(firstExample(name), pointer), `${name} ${pointer}`).toBe("string");
      }
    }
  });

  it("the paired period rule refuses one end without the other", () => {
    for (const name of ["movementNonSubscribableRequestDTO", "movementRequestDTO", "refundNonSubscribableRequestDTO", "refundRequestDTO"]) {
      const without = (...keys: string[]) => Object.fromEntries(Object.entries(firstExample(name) as JsonObject).filter(([key]) => !keys.includes(key)));
      const [onlyStart, onlyEnd, neither] = [
        without("period_end_datetime"),
        without("period_start_datetime"),
        without("period_start_datetime", "period_end_datetime"),
      ];
      expect(errorsOf(ref(name), onlyStart), name).toEqual([
        '/ dependentRequired {"property":"period_start_datetime","missingProperty":"period_end_datetime","depsCount":1,"deps":"period_end_datetime"}',
      ]);
      expect(
        errorsOf(ref(name), onlyEnd).map((e) => e.split(" ")[1]),
        name,
      ).toEqual(["dependentRequired"]);
      expect(errorsOf(ref(name), neither), name).toEqual([]);
    }
  });

  it("multisim details require both secondary ids; other service types and device categories take open objects", () => {
    expect(errorsOf(ref("multisimServiceDTO"), { secondary_eid: "1" })).toEqual(['/ required {"missingProperty":"secondary_iccid"}']);
    expect(errorsOf(ref("serviceDetailsDTO"), { anything: ["goes"] })).toEqual([]);
    expect(serviceDetailsByType).toEqual({ multisim: { schema: "multisimServiceDTO", required: ["secondary_eid", "secondary_iccid"] } });
    expect(deviceDetailsByCategory).toEqual({ eSIM: { schema: "eSIMDeviceDTO", required: [] } });
  });

  it("the identifiers sent as numbers are the marked string members", () => {
    expect([...numberAsStringKeys]).toEqual(["eid", "iccid", "promotion_id", "service_id"]);
  });

  it("the error examples of the public pages are valid error bodies, one per documented status", () => {
    const byStatus = Object.fromEntries(
      ["400", "401", "403", "406", "500"].map((status) => {
        const response = responsesOf("getBarrings")[status]!;
        const examples = ((response.content as JsonObject)["application/json"] as JsonObject).examples as JsonObject;
        const example = deref(spec, examples.documented as JsonObject);
        expect(example["x-source"], status).toBe("public-docs");
        expect(errorsOf(ref("genericErrorResponseDTO"), example.value), status).toEqual([]);
        return [status, (example.value as JsonObject).code];
      }),
    );
    expect(byStatus).toEqual({
      "400": "BAD_REQUEST",
      "401": "UNAUTHORIZED_REQUEST",
      "403": "FORBIDDEN_RESOURCE",
      "406": "DUPLICATE_WORKFLOW_ID",
      "500": "INTERNAL_SERVER_ERROR",
    });
  });
});

/** Every node marked `x-source: assumed`, named by its operation (and the place inside it) or by its place in the document. */
function assumedNodes(): string[] {
  const out: string[] = [];
  const visit = (node: unknown, path: string[], op: { id: string; depth: number } | undefined) => {
    if (!node || typeof node !== "object") return;
    const here = node as JsonObject;
    const inside = typeof here.operationId === "string" ? { id: here.operationId, depth: path.length } : op;
    if (here["x-source"] === "assumed") out.push(inside ? [inside.id, path.slice(inside.depth).join("/")].filter(Boolean).join(" ") : path.join("/"));
    for (const [key, value] of Object.entries(here)) if (!key.startsWith("x-")) visit(value, [...path, key], inside);
  };
  visit(spec, [], undefined);
  return out.sort();
}

describe("spec/README.md", () => {
  const readme = readFileSync(`${root}spec/README.md`, "utf8");

  it("lists every node marked x-source: assumed, and nothing else, between its markers", () => {
    const section = readme.slice(readme.indexOf("<!-- masstack-assumed:start -->"), readme.indexOf("<!-- masstack-assumed:end -->"));
    const listed = section
      .split("\n")
      .filter((text) => text.startsWith("| `"))
      .map((text) => text.split("|")[1]!.trim().replaceAll("`", ""));
    expect(listed.sort()).toEqual(assumedNodes());
    expect(listed.length).toBeGreaterThan(10);
  });

  it("states each decision of the shared design as an assumption", () => {
    const section = readme.slice(readme.indexOf("## MasStack Partners V3"));
    for (const topic of [
      "**Operations.**",
      "**Methods**",
      "**Trailing slash.**",
      "**Servers.**",
      "**404 is assumed**",
      "**Callback URL token scheme",
      "**Identifiers as strings (id normalisation).**",
      "**Authentication**",
      "**token URL is configuration**",
      "**No polling endpoint.**",
      "**Resend rule.**",
      "**Error-callback codes are assumed.**",
      "production `https://partners.masstack.com/v3` is **assumed**",
    ])
      expect(section, topic).toContain(topic);
  });
});

const seeds = `${sharedDir}/seeds`;
const seedOf = (prefix: string) => (existsSync(seeds) ? readdirSync(seeds).find((f) => f.startsWith(prefix)) : undefined);
const seed001 = seedOf("001_");
const seed004 = seedOf("004_");

describe.skipIf(!seed001 || !seed004)(`the seeds (001, 004)${seed001 && seed004 ? "" : ` (DID NOT RUN: no ${seeds}/001_*.txt or 004_*.txt)`}`, () => {
  const read = (file: string | undefined) => (file ? readFileSync(`${seeds}/${file}`, "utf8").split("\n") : []);
  const s001 = read(seed001);
  const s004 = read(seed004);
  /** The text of lines `L<a>-<b>` (or `L<a>`) of a seed. */
  const text = (lines: string[], range: string) => {
    const [a, b = a] = range.slice(1).split("-").map(Number);
    return lines.slice(a! - 1, b).join("\n");
  };
  /** `one of [a, b, c]` at the end of a seed line. */
  const oneOf = (line: string) => /one of \[(.*)\]/.exec(line)![1]!.split(", ");
  const idKeys = new Set<string>(numberAsStringKeys);

  it("every one of the 28 examples is the spec's, as written or (identifiers as numbers) as its string twin", () => {
    for (const [name, range] of SEED_EXAMPLES) {
      const block = text(s004, range);
      const parsed = JSON.parse(block) as Json;
      if (AS_WRITTEN[name]) {
        expect(asWritten(name)!.value, name).toEqual(parsed);
        expect(firstExample(name), name).toEqual(parseJsonExact(block, idKeys));
        expect(firstExample(name), name).not.toEqual(parsed);
      } else {
        expect(firstExample(name), name).toEqual(parsed);
      }
      // The schema's name heads its block on the page.
      expect(
        s004
          .slice(0, Number(range.slice(1).split("-")[0]))
          .reverse()
          .find((l) => /^[A-Za-z]+DTO$/.test(l)),
        name,
      ).toBe(name);
    }
  });

  it("the string twins keep the identifiers' digits as written (no double in between)", () => {
    expect(valueAt(firstExample("eSIMDeviceDTO"), "/iccid")).toBe("8934011411551283000");
    expect(valueAt(firstExample("eSIMDeviceDTO"), "/eid")).toBe("8.903302331217e+31");
    expect(text(s004, "L535")).toContain("8934011411551283000");
    // Beyond 2^53: a caller passing them as numbers could not be told from their neighbours.
    expect(Number.isSafeInteger(Number("8934011411551283000"))).toBe(false);
  });

  it("has the seeds' enums (001:L12, L89, L99; 004:L21, L86, L140, L324, L514, L577)", () => {
    const property = (schema: string, name: string) => ((schemas[schema]!.properties as JsonObject)[name] as JsonObject).enum;
    const cases: [string, string[], unknown][] = [
      ["001:L12", s001, schemas.serviceTypeDTO!.enum],
      ["001:L89", s001, schemas.serviceTypeDTO!.enum],
      ["001:L99", s001, property("updateServiceDeviceRequestDTO", "category")],
      ["004:L21", s004, property("barringRequestDTO", "barring_name")],
      ["004:L86", s004, property("movementNonSubscribableRequestDTO", "type")],
      ["004:L140", s004, property("movementRequestDTO", "type")],
      ["004:L324", s004, property("taxDTO", "type")],
      ["004:L514", s004, property("updateServiceDeviceRequestDTO", "category")],
      ["004:L577", s004, schemas.serviceTypeDTO!.enum],
    ];
    for (const [where, lines, values] of cases) expect(values, where).toEqual(oneOf(text(lines, where.slice(4))));
    for (const operationId of ["createService", "updateServiceDevice"])
      expect(parametersOf(operationId).find((p) => p.name === "service_type")!.schema).toEqual(ref("serviceTypeDTO"));
  });

  it("every field table of 004 is the schema's: names, types, required marks and descriptions", () => {
    const ROW = /^(\w+) (\S+) (true|false) (.*)$/;
    const shown = (property: JsonObject): string => {
      if (typeof property.$ref === "string") return property.$ref.split("/").pop()!;
      if (property.type === "array") return `[${(property.items as JsonObject).type as string}]`;
      return property.format ? `${property.type as string}(${property.format as string})` : (property.type as string);
    };
    let tables = 0;
    for (const [name, schema] of Object.entries(schemas).filter(([, s]) => s["x-seed"])) {
      const [from, to] = (schema["x-seed"] as string).slice(5).split("-").map(Number);
      const lines = s004.slice(from! - 1, to);
      const header = lines.indexOf("Name Type Required Description");
      if (header === -1) {
        // serviceDetailsDTO and deviceDetailsDTO: the table reads "None" (the polymorphic type was lost).
        expect(lines.at(-1), name).toBe("None");
        expect(schema.additionalProperties, name).toBe(true);
        continue;
      }
      tables++;
      const rows = lines
        .slice(header + 1)
        .map((line) => ROW.exec(line))
        .filter((m) => m !== null && m[1] !== "Property");
      if (name === "serviceTypeDTO") {
        expect(
          rows.map((m) => m![0]),
          name,
        ).toEqual(["anonymous string false none"]);
        expect(schema.type).toBe("string");
        continue;
      }
      const properties = schema.properties as Record<string, JsonObject>;
      const mine = Object.entries(properties).map(([field, p]) => [
        field,
        shown(p),
        String(((schema.required ?? []) as string[]).includes(field)),
        (p.description as string | undefined) ?? "none",
      ]);
      expect(mine, name).toEqual(rows.map((m) => [m![1], m![2], m![3], m![4]]));
    }
    expect(tables).toBe(26);
  });

  it("001's operations have its parameters, bodies and response tables (L3-31, L78-111)", () => {
    const cases = [
      { operationId: "createService", parameters: "L6-7", body: "L8", responses: "L26-31", fields: "L18-19", schema: "createServiceRequestDTO" },
      {
        operationId: "updateServiceDevice",
        parameters: "L81-84",
        body: "L85",
        responses: "L106-111",
        fields: "L95-96",
        schema: "updateServiceDeviceRequestDTO",
      },
    ];
    const cells = (line: string) =>
      line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
    for (const { operationId, parameters, body, responses, fields, schema } of cases) {
      const mine = parametersOf(operationId);
      for (const line of text(s001, parameters).split("\n")) {
        const [name, where, type, required, description] = cells(line);
        const p = mine.find((q) => q.name === name && q.in === where)!;
        expect(p, `${operationId} ${name}`).toBeDefined();
        expect([p.required, p.description], `${operationId} ${name}`).toEqual([required === "true", description]);
        const schemaOf = p.schema as JsonObject;
        expect(
          schemaOf.$ref ? (schemaOf.$ref as string).split("/").pop() : schemaOf.format ? `string(${schemaOf.format as string})` : schemaOf.type,
          `${operationId} ${name}`,
        ).toBe(type);
      }
      const [, , bodyType, bodyRequired, bodyDescription] = cells(text(s001, body));
      const requestBody = deref(spec, operation(operationId).op.requestBody as JsonObject);
      expect([bodyType, bodyRequired === "true", bodyDescription]).toEqual([schema, requestBody.required, requestBody.description]);
      const table = text(s001, responses)
        .split("\n")
        .map(cells)
        .map(([code, , description, schemaName]) => [code, description, schemaName === "None" ? undefined : ref(schemaName!)]);
      const spec404 = operationId === "updateServiceDevice" ? ["404"] : [];
      const mineResponses = Object.entries(responsesOf(operationId))
        .filter(([status]) => !spec404.includes(status))
        .map(([status, r]) => [status, r.description, contentSchema(r)]);
      expect(mineResponses, operationId).toEqual(table);
      const properties = Object.keys(schemas[schema]!.properties as JsonObject);
      expect(properties, schema).toEqual(
        text(s001, fields)
          .split("\n")
          .map((line) => cells(line)[0]),
      );
    }
  });

  it("001's callback response tables (L50-54, L73-77, L130-134, L153-157) are the callbacks' answers", () => {
    const callbackOf = (operationId: string, name: string) => {
      const expressions = deref(spec, (operation(operationId).op.callbacks as JsonObject)[name] as JsonObject);
      return (Object.values(expressions)[0] as Record<string, JsonObject>).post!;
    };
    const cases: [string, string, string][] = [
      ["createService", "success_event", "L50-54"],
      ["createService", "error_event", "L73-77"],
      ["updateServiceDevice", "success_event", "L130-134"],
      ["updateServiceDevice", "error_event", "L153-157"],
    ];
    for (const [operationId, name, range] of cases) {
      const [from] = range.slice(1).split("-").map(Number);
      expect(s001[from! - 19]?.trim() ?? s001[from! - 19], `${operationId} ${name}`).toBe(name);
      const rows = text(s001, range)
        .split("\n")
        .slice(2)
        .map((line) => line.split("|").map((c) => c.trim()));
      const post = callbackOf(operationId, name);
      const mine = Object.entries(post.responses as JsonObject).map(([status, r]) => [status, deref(spec, r as JsonObject).description, "None"]);
      expect(mine, `${operationId} ${name}`).toEqual(rows.map((cells) => [cells[1], cells[3], cells[4]]));
      expect(post["x-seed"]).toBe(`001:L${from! - 18}-${range.split("-")[1]}`);
    }
  });
});
