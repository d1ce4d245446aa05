import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createValidator, exampleUses, loadSpec, root, valueAt } from "./spec-helpers.js";

const spec = loadSpec();
const uses = exampleUses(spec);
const validate = createValidator(spec, { closed: true });

// The page's own artifacts, each listed once for Redocly in .redocly.lint-ignore.yaml.
const ignoreFile = parse(readFileSync(`${root}.redocly.lint-ignore.yaml`, "utf8")) as Record<string, Record<string, string[]>>;
const knownArtifacts = ignoreFile["spec/giacom.openapi.yaml"]?.["no-invalid-media-type-examples"] ?? [];

interface Finding {
  pointer: string;
  keyword: string;
  example: string;
  where: string;
}

function findings(): Finding[] {
  const out: Finding[] = [];
  for (const use of uses) {
    const example = spec.components.examples[use.example];
    if (!example) throw new Error(`${use.where} names a missing example ${use.example}`);
    for (const error of validate(use.schema, example.value)) {
      out.push({ pointer: `#/components/examples/${use.example}/value${error.instancePath}`, keyword: error.keyword, example: use.example, where: use.where });
    }
  }
  return out;
}

describe("the documented examples embedded in the spec", () => {
  it("are all validated: each is used by an operation, a webhook or names its schema", () => {
    const used = new Set(uses.map((u) => u.example));
    const unused = Object.keys(spec.components.examples).filter((name) => !used.has(name));
    expect(unused).toEqual([]);
    // Every JSON example of the document (the faithfulness test checks the copy itself).
    expect(used.size).toBeGreaterThanOrEqual(48);
  });

  it("conform to their schemas, where every documented field is declared, apart from the page's listed artifacts", () => {
    // Redocly checks the examples operations use; snippets that name their schema are
    // checked by the next test alone.
    const pointers = [
      ...new Set(
        findings()
          .filter((f) => f.where !== "x-schema")
          .map((f) => f.pointer),
      ),
    ].sort();
    expect(pointers).toEqual([...knownArtifacts].sort());
  });

  it("differ from their schemas only by Redoc's depth placeholders or by what a documented snippet elides", () => {
    for (const f of findings()) {
      const example = spec.components.examples[f.example]!;
      const at = valueAt(example.value, f.pointer.replace(`#/components/examples/${f.example}/value`, ""));
      // Redoc stops rendering a sample after a few levels: leaves become null, objects {}.
      const placeholder = at === null || (typeof at === "object" && !Array.isArray(at) && Object.keys(at).length === 0);
      const justified = (example["x-redoc-sample"] === true && placeholder) || (example["x-partial"] === true && f.keyword === "required");
      expect(justified, `${f.where}: ${f.keyword} at ${f.pointer}`).toBe(true);
    }
  });

  it("would catch a field the spec does not declare", () => {
    const order = structuredClone(spec.components.examples.ServiceOrderNewLineO2!.value) as { serviceOrderItem: { service: Record<string, unknown> }[] };
    order.serviceOrderItem[0]!.service.serviceCharacteristics = [];
    const errors = validate({ $ref: "#/components/schemas/ServiceOrder_FVO" }, order);
    expect(errors.map((e) => `${e.keyword} ${e.instancePath}`)).toContain("unevaluatedProperties /serviceOrderItem/0/service");
  });

  it("reproduce the rejected order as a 201 with state rejected and an errorMessage", () => {
    const created = spec.paths["/serviceOrder"]!.post!.responses as Record<
      string,
      { content: { "application/json": { examples: Record<string, { $ref: string }> } } }
    >;
    const rejected = created["201"]!.content["application/json"].examples.rejected!.$ref.split("/").pop()!;
    expect(spec.components.examples[rejected]!.value).toMatchObject({ state: "rejected", errorMessage: { code: "ERR_000006", status: "Error" } });
    expect(validate({ $ref: "#/components/schemas/ServiceOrder" }, spec.components.examples[rejected]!.value)).toEqual([]);
  });
});
