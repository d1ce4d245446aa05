// Loads an official TM Forum v5 OpenAPI file as JSON Schema for checking Giacom examples.
// Giacom omits TMF's polymorphism fields, so they are not required here, and the
// `oneOf` that TMF resolves through the `@type` discriminator becomes an `anyOf`.
import { existsSync, readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { root } from "./spec-helpers.js";

export const tmfDir = `${root}../shared/reference/tmf/v5`;
export const tmfAvailable = existsSync(tmfDir);

const POLYMORPHIC = new Set(["@type", "@baseType", "@schemaLocation"]);

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

/**
 * A validator for one official TMF file. `schemaFor(method, path, status)` gives the
 * schema TMF defines for that operation's request (`status` = "request") or response.
 */
export function createTmfValidator(file: string) {
  const doc = parse(readFileSync(`${tmfDir}/${file}`, "utf8")) as Node & { components: Node; paths: Record<string, Node> };
  const ajv = new Ajv2020({ allErrors: true, strict: false, formats: { base64: true } });
  addFormats.default(ajv);
  ajv.addSchema({ $id: "tmf", components: relax(doc.components) });
  const deref = (node: unknown): Node | undefined => {
    let at = node as Node | undefined;
    while (at && typeof at.$ref === "string") {
      at = (at.$ref as string)
        .slice(2)
        .split("/")
        .reduce<unknown>((o, k) => (o as Node)[k], doc) as Node;
    }
    return at;
  };
  return {
    schemaFor(method: string, path: string, status: string): unknown {
      const op = doc.paths[path]?.[method] as Node | undefined;
      if (!op) return undefined;
      const holder = status === "request" ? deref(op.requestBody) : deref((op.responses as Node)[status]);
      const schema = ((holder?.content as Node | undefined)?.["application/json"] as Node | undefined)?.schema;
      return schema === undefined ? undefined : JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"tmf#/components/'));
    },
    validate(schema: unknown, value: unknown): ErrorObject[] {
      const check = ajv.compile(schema as Node);
      return check(value) ? [] : [...(check.errors ?? [])];
    },
  };
}
