// Shared by the Giacom contract tests: spec/giacom.openapi.yaml as data and where each
// documented example is used. What every API's tests share is in test/helpers/spec.ts.
import { deref, loadSpecFile, operations, root, type Json, type JsonObject, type SpecDocument } from "../../helpers/spec.js";

export { createValidator, deref, HTTP_METHODS, operations, root, valueAt, type JsonObject, type Operation } from "../../helpers/spec.js";

export const specPath = `${root}spec/giacom.openapi.yaml`;

export interface Example {
  summary: string;
  value: Json;
  "x-giacom-doc-line": number;
  "x-partial"?: boolean;
  "x-redoc-sample"?: boolean;
  "x-schema"?: string;
}

export interface Spec extends SpecDocument {
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
  return loadSpecFile<Spec>("giacom.openapi.yaml");
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
