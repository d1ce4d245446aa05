// Loads a TM Forum reference file (an OpenAPI 3 YAML of v5, or a Swagger 2.0 JSON of v4) as JSON
// Schema for checking Giacom examples and schemas. Giacom omits TMF's polymorphism fields, so they
// are not required here, and the `oneOf` that TMF resolves through the `@type` discriminator
// becomes an `anyOf`.
import { existsSync, readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { root } from "./spec-helpers.js";

export const tmfDir = `${root}../shared/reference/tmf`;
export const tmfAvailable = existsSync(`${tmfDir}/v5`) && existsSync(`${tmfDir}/v4`);

export const POLYMORPHIC = new Set(["@type", "@baseType", "@schemaLocation"]);

function relax(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relax);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  const source = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(source)) {
    if (key === "discriminator") continue;
    if (key === "required" && Array.isArray(value)) out[key] = value.filter((name) => !POLYMORPHIC.has(name as string));
    else if (key === "oneOf" && "discriminator" in source) out.anyOf = relax(value);
    else out[key] = relax(value);
  }
  return out;
}

type Node = Record<string, unknown>;

/** What a schema of either side says of one field, enough to compare two of them. */
export interface FieldShape {
  /** `array`, `object`, `string`, `integer`, `number` or `boolean`; `any` when the schema does not say. */
  kind: string;
  /** For an array, the kind of its items. */
  items?: string;
}

/** A schema's fields, with the shape of each, and the fields it requires (polymorphism aside). */
export interface Flattened {
  fields: Record<string, FieldShape>;
  required: string[];
}

/**
 * Reads a schema as a flat object: the fields of every `allOf` member merged, `$ref`s followed.
 * `deref` follows the references of the document the schema is in.
 */
export function flatten(schema: unknown, deref: (node: unknown) => Node | undefined): Flattened {
  const fields: Record<string, FieldShape> = {};
  const required = new Set<string>();
  const kindOf = (node: unknown): string => {
    const at = deref(node);
    if (!at) return "any";
    if (typeof at.type === "string") return at.type;
    if (at.properties || at.allOf || at.oneOf || at.anyOf) return "object";
    return "any";
  };
  const visit = (node: unknown) => {
    const at = deref(node);
    if (!at) return;
    for (const member of (at.allOf as unknown[] | undefined) ?? []) visit(member);
    for (const [name, field] of Object.entries((at.properties as Record<string, unknown> | undefined) ?? {})) {
      if (POLYMORPHIC.has(name)) continue;
      const kind = kindOf(field);
      fields[name] = kind === "array" ? { kind, items: kindOf(deref(field)!.items) } : { kind };
    }
    for (const name of (at.required as string[] | undefined) ?? []) if (!POLYMORPHIC.has(name)) required.add(name);
  };
  visit(schema);
  return { fields, required: [...required].sort() };
}

/**
 * A validator for one TMF reference file, named from the reference folder (`v5/...`, `v4/...`).
 * `schemaFor(method, path, status)` gives the schema TMF defines for that operation's request
 * (`status` = "request") or response; `schema(name)` one of its named schemas; `deref` follows
 * the file's own references.
 */
export function createTmfValidator(file: string) {
  const text = readFileSync(`${tmfDir}/${file}`, "utf8");
  const doc = (file.endsWith(".json") ? JSON.parse(text) : parse(text)) as Node & { paths: Record<string, Node> };
  // Swagger 2.0 keeps its schemas in `definitions`, OpenAPI 3 in `components/schemas`.
  const swagger = "swagger" in doc;
  const schemas = (swagger ? doc.definitions : (doc.components as Node).schemas) as Record<string, unknown>;
  const prefix = swagger ? "#/definitions/" : "#/components/";
  const ajv = new Ajv2020({ allErrors: true, strict: false, formats: { base64: true } });
  addFormats.default(ajv);
  ajv.addSchema(swagger ? { $id: "tmf", definitions: relax(schemas) } : { $id: "tmf", components: relax(doc.components) });
  const deref = (node: unknown): Node | undefined => {
    let at = node as Node | undefined;
    while (at && typeof at.$ref === "string") {
      at = (at.$ref as string)
        .slice(2)
        .split("/")
        .reduce<unknown>((o, k) => (o as Node | undefined)?.[k], doc) as Node | undefined;
    }
    return at;
  };
  // Compiling a schema of these large files takes long: each is compiled once.
  const compiled = new Map<string, ValidateFunction>();
  const rebase = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll(`"${prefix}`, `"tmf${prefix}`)) as unknown;
  return {
    deref,
    schema(name: string): unknown {
      return schemas[name];
    },
    /** A named schema, as `schemaFor` gives one: ready for `validate`. */
    schemaNamed(name: string): unknown {
      return schemas[name] === undefined ? undefined : { $ref: `tmf${prefix}${swagger ? "" : "schemas/"}${name}` };
    },
    schemaFor(method: string, path: string, status: string): unknown {
      const op = doc.paths[path]?.[method] as Node | undefined;
      if (!op) return undefined;
      let schema: unknown;
      if (swagger) {
        schema =
          status === "request"
            ? ((op.parameters as Node[] | undefined) ?? []).find((p) => p.in === "body")?.schema
            : ((op.responses as Record<string, Node | undefined>)[status] ?? undefined)?.schema;
      } else {
        const holder = status === "request" ? deref(op.requestBody) : deref((op.responses as Node)[status]);
        schema = ((holder?.content as Node | undefined)?.["application/json"] as Node | undefined)?.schema;
      }
      return schema === undefined ? undefined : rebase(schema);
    },
    validate(schema: unknown, value: unknown): ErrorObject[] {
      const key = JSON.stringify(schema);
      let check = compiled.get(key);
      if (!check) compiled.set(key, (check = ajv.compile(schema as Node)));
      return check(value) ? [] : [...(check.errors ?? [])];
    },
  };
}
