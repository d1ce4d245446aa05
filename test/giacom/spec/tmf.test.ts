// An independent check: the Giacom examples of the resources TM Forum publishes official
// v5 files for (Service TMF638, Resource TMF639, ResourceSpecification TMF634) are
// validated against those files. Every difference is a documented Giacom deviation
// listed in spec/README.md; nothing is skipped silently.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exampleUses, loadSpec, operations, root } from "./spec-helpers.js";
import { createTmfValidator, tmfAvailable, tmfDir } from "./tmf-helpers.js";

const FILES: Record<string, string> = {
  "/service": "TMF638-Service_Inventory_Management-v5.0.0.oas.yaml",
  "/service/{id}": "TMF638-Service_Inventory_Management-v5.0.0.oas.yaml",
  "/resource": "TMF639-Resource_Inventory_Management-v5.0.0.oas.yaml",
  "/resource/{id}": "TMF639-Resource_Inventory_Management-v5.0.0.oas.yaml",
  "/resourceSpecification": "TMF634-Resource_Catalog_Management-v5.0.0.oas.yaml",
  "/resourceSpecification/{id}": "TMF634-Resource_Catalog_Management-v5.0.0.oas.yaml",
};

/** The rows of the deviation table in spec/README.md: `| example | at | check | ... |`. */
function documentedDeviations(): string[] {
  const readme = readFileSync(`${root}spec/README.md`, "utf8");
  const section = readme.slice(readme.indexOf("<!-- tmf-deviations:start -->"), readme.indexOf("<!-- tmf-deviations:end -->"));
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .split("|")
        .slice(1, 4)
        .map((cell) => cell.trim().replaceAll("`", ""))
        .join(" "),
    );
}

if (!tmfAvailable) {
  describe("TM Forum v5 cross-check", () => {
    it.skip(`DID NOT RUN: the official TMF v5 files are not at ${tmfDir}`, () => {});
  });
} else {
  const spec = loadSpec();
  const uses = exampleUses(spec);

  const validators = new Map<string, ReturnType<typeof createTmfValidator>>();
  let findings: { rows: string[]; checked: number } | undefined;

  function tmfFindings() {
    if (findings) return findings;
    const rows: string[] = [];
    let checked = 0;
    for (const { method, path, op } of operations(spec)) {
      const file = FILES[path];
      if (!file) continue;
      if (!validators.has(file)) validators.set(file, createTmfValidator(file));
      const tmf = validators.get(file)!;
      const label = `${method.toUpperCase()} ${path}`;
      const statuses = ["request", ...Object.keys(op.responses as object)];
      for (const status of statuses) {
        const mine = uses.filter((u) => u.where.startsWith(`${label} ${status} `));
        if (mine.length === 0) continue;
        const schema = tmf.schemaFor(method, path, status);
        expect(schema, `TMF defines ${label} ${status}`).toBeDefined();
        for (const use of mine) {
          checked++;
          for (const error of tmf.validate(schema, spec.components.examples[use.example]!.value)) {
            rows.push(`${use.example} ${error.instancePath.replace(/\/\d+(?=\/|$)/g, "/*") || "/"} ${error.keyword}`);
          }
        }
      }
    }
    findings = { rows: [...new Set(rows)].sort(), checked };
    return findings;
  }

  describe("TM Forum v5 cross-check", () => {
    it("validates the Service, Resource and ResourceSpecification examples against the official v5 schemas", () => {
      expect(tmfFindings().checked).toBeGreaterThanOrEqual(12);
    });

    it("finds only the Giacom deviations spec/README.md lists, and each listed one still occurs", () => {
      expect(tmfFindings().rows).toEqual(documentedDeviations().sort());
    });
  });
}
