// What the contract tests of every API share: a spec/<api>.openapi.yaml as data, its
// operations, and a JSON Schema validator over its components (closed on demand).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

export const root = fileURLToPath(new URL("../../", import.meta.url));
/** The seeds and the official TM Forum files, beside the project as in CI (absent in some checkouts). */
export const sharedDir = `${root}../shared`;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** What every spec has, whatever its examples look like. */
export interface SpecDocument {
  paths: Record<string, Record<string, JsonObject>>;
  webhooks?: Record<string, JsonObject>;
  components: {
    schemas: Record<string, JsonObject>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** `file`: a file of spec/, e.g. `tmf622.openapi.yaml`. */
export function loadSpecFile<S extends SpecDocument = SpecDocument>(file: string): S {
  return parse(readFileSync(`${root}spec/${file}`, "utf8")) as S;
}

/** Follows a local `$ref` such as `#/components/responses/BadRequest`. */
export function deref<T>(spec: object, node: T): T {
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
export function operations(spec: SpecDocument): Operation[] {
  const out: Operation[] = [];
  const visit = (where: string, path: string, item: Record<string, JsonObject>) => {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op) out.push({ where, method, path, op });
    }
  };
  for (const [path, item] of Object.entries(spec.paths)) visit("paths", path, item);
  for (const [name, item] of Object.entries(spec.webhooks ?? {})) visit("webhooks", name, deref(spec, item) as Record<string, JsonObject>);
  return out;
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
export function createValidator(spec: SpecDocument, { closed }: { closed: boolean }) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const schemas = closed ? (close(spec.components.schemas as unknown as Json) as JsonObject) : spec.components.schemas;
  ajv.addSchema({ $id: "spec", components: { schemas } });
  const cache = new Map<string, ValidateFunction>();
  return (schema: JsonObject, value: unknown): ErrorObject[] => {
    const key = JSON.stringify(schema);
    let validate = cache.get(key);
    if (!validate) {
      const rebased = JSON.parse(key.replaceAll('"#/components/', '"spec#/components/')) as JsonObject;
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
