// README.md's sections and tables, for the tests that hold a section to the code it describes.
import { readFileSync } from "node:fs";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The text of the `## ` section whose heading starts with `heading`, up to the next `## ` heading. */
export function readmeSection(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`README.md has no section "## ${heading}"`);
  const next = readme.indexOf("\n## ", start + 1);
  return readme.slice(start + 1, next < 0 ? undefined : next);
}

/** The rows of the first table of `section` whose header starts with `header`, as lists of cells. */
export function markdownTable(section: string, header: string): string[][] {
  const lines = section.slice(section.indexOf(header)).split("\n");
  return lines
    .slice(
      2,
      lines.findIndex((line, i) => i > 1 && !line.startsWith("|")),
    )
    .map((row) =>
      row
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}
