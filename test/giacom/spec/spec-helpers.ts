// Shared by the contract tests: the spec as data, where each documented example is
// used, and a JSON Schema validator over the spec's components.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

export const root = fileURLToPath(new URL("../../../", import.meta.url));
export const specPath = `${root}spec/giacom.openapi.yaml`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Example {
  summary: string;
  value: Json;
  "x-giacom-doc-line": number;
  "x-partial"?: boolean;
  "x-redoc-sample"?: boolean;
  "x-schema"?: string;
}

export interface Spec {
  paths: Record<string, Record<string, JsonObject>>;
  webhooks: Record<string, JsonObject>;
  components: {
    schemas: Record<string, JsonObject>;
    examples: Record<string, Example>;
    responses: Record<string, JsonObject>;
    pathItems: Record<string, Record<string, JsonObject>>;
    parameters: Record<string, JsonObject>;
    securitySchemes: Record<string, JsonObject>;
  };
  [key: string]: unknown;
}

export function loadSpec(): Spec {
  return parse(readFileSync(specPath, "utf8")) as Spec;
}

/** Follows a local `$ref` such as `#/components/responses/BadRequest`. */
export function deref<T>(spec: Spec, node: T): T {
  let current: unknown = node;
  while (current && typeof current === "object" && "$ref" in current) {
    const ref = (current as { $ref: string }).$ref;
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], spec);
  }
  return current as T;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface Operation {
  where: string;
  method: string;
  path: string;
  op: JsonObject;
}

/** Every operation: paths, then webhooks (a webhook's "path" is its name). */
export function operations(spec: Spec): Operation[] {
  const out: Operation[] = [];
  const visit = (where: string, path: string, item: Record<string, JsonObject>) => {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op) out.push({ where, method, path, op });
    }
  };
  for (const [path, item] of Object.entries(spec.paths)) visit("paths", path, item);
  for (const [name, item] of Object.entries(spec.webhooks)) visit("webhooks", name, deref(spec, item) as Record<string, JsonObject>);
  return out;
}

/** A media type that names examples: where it is, its schema and the examples it uses. */
export interface ExampleUse {
  where: string;
  schema: JsonObject;
  example: string;
}

export function exampleUses(spec: Spec): ExampleUse[] {
  const uses: ExampleUse[] = [];
  const fromContent = (where: string, content: unknown) => {
    for (const [type, media] of Object.entries((content ?? {}) as Record<string, JsonObject>)) {
      for (const ref of Object.values((media.examples ?? {}) as Record<string, { $ref: string }>)) {
        uses.push({ where: `${where} ${type}`, schema: media.schema as JsonObject, example: ref.$ref.split("/").pop()! });
      }
    }
  };
  for (const { method, path, op } of operations(spec)) {
    const body = deref(spec, op.requestBody as JsonObject | undefined);
    if (body) fromContent(`${method.toUpperCase()} ${path} request`, body.content);
    for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, JsonObject>)) {
      fromContent(`${method.toUpperCase()} ${path} ${status}`, deref(spec, response).content);
    }
  }
  for (const [name, example] of Object.entries(spec.components.examples)) {
    if (example["x-schema"]) uses.push({ where: "x-schema", schema: { $ref: example["x-schema"] }, example: name });
  }
  return uses;
}

/**
 * Adds `unevaluatedProperties: false` to every object schema that lists properties, and
 * to every `allOf` composition instead of to its inline members (a closed member would
 * reject the properties its siblings declare).
 */
function close(node: Json, inAllOf = false): Json {
  if (Array.isArray(node)) return node.map((item) => close(item));
  if (!node || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties") {
      // A map from names to schemas: close each schema, never the map itself.
      out[key] = Object.fromEntries(Object.entries(value as JsonObject).map(([k, v]) => [k, close(v)]));
    } else if (key === "allOf") {
      out[key] = (value as Json[]).map((member) => close(member, true));
    } else {
      out[key] = close(value);
    }
  }
  if (("properties" in node && !inAllOf) || "allOf" in node) out.unevaluatedProperties = false;
  return out;
}

/**
 * A validator for schemas written against the spec (`{ $ref: "#/components/schemas/X" }`
 * or inline schemas using such refs). `closed`: every documented object only admits the
 * properties the spec declares, so a field missing from the spec is caught.
 */
export function createValidator(spec: Spec, { closed }: { closed: boolean }) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const schemas = closed ? (close(spec.components.schemas as unknown as Json) as JsonObject) : spec.components.schemas;
  ajv.addSchema({ $id: "giacom", components: { schemas } });
  const cache = new Map<string, ValidateFunction>();
  return (schema: JsonObject, value: unknown): ErrorObject[] => {
    const key = JSON.stringify(schema);
    let validate = cache.get(key);
    if (!validate) {
      const rebased = JSON.parse(key.replaceAll('"#/components/', '"giacom#/components/')) as JsonObject;
      validate = ajv.compile(closed ? (close(rebased) as JsonObject) : rebased);
      cache.set(key, validate);
    }
    return validate(value) ? [] : [...(validate.errors ?? [])];
  };
}

/** The value at a JSON pointer (`/a/0/b`) inside `value`. */
export function valueAt(value: Json, pointer: string): Json | undefined {
  return pointer
    .split("/")
    .slice(1)
    .reduce<Json | undefined>(
      (at, key) => (at && typeof at === "object" ? (at as JsonObject)[key.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined),
      value,
    );
}
