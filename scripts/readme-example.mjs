// Runs the complete vitest test file that README.md's "Testing your code" section shows, copied
// verbatim, as a user would run it: written to a directory of its own inside the repository (so
// that `giacom-sdk` and `giacom-sdk/mock` resolve through the vitest config's aliases, and the
// tsconfig's paths, to src/), type-checked with the project's compiler options, run by vitest,
// then removed. Prints what tsc and vitest print and exits non-zero when either fails.
//
//   node scripts/readme-example.mjs
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECTION = "### Testing your code: `giacom-sdk/mock`";

/** The section's first TypeScript block, and the file name its first line gives. */
function readmeExample(readme = readFileSync(join(ROOT, "README.md"), "utf8")) {
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no section "${SECTION}"`);
  const next = readme.indexOf("\n### ", start + SECTION.length);
  const section = readme.slice(start, next < 0 ? undefined : next);
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error(`the section "${SECTION}" has no ts code block`);
  const name = /^\/\/ (\S+\.test\.ts)\n/.exec(block)?.[1];
  if (!name) throw new Error(`the first ts block of "${SECTION}" does not start with a "// <name>.test.ts" line`);
  return { name, code: block };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { name, code } = readmeExample();
  // Not under test/: the suite's own run never collects it. The name is in .gitignore.
  const dir = mkdtempSync(join(ROOT, "readme-example.tmp-"));
  try {
    mkdirSync(join(dir, "test"));
    writeFileSync(join(dir, "test", name), code);
    // A clean environment for the inner vitest: none of an outer vitest's variables.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
    const run = (args) => {
      const result = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...env, NO_COLOR: "1" }, encoding: "utf8" });
      process.stdout.write(result.stdout ?? "");
      process.stderr.write(result.stderr ?? "");
      return result.status ?? 1;
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.json", include: [`test/${name}`] }));
    const typed = run([join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", relative(ROOT, dir)]);
    console.log(typed === 0 ? `tsc: ${name} type-checks` : `tsc: ${name} does not type-check`);
    const ran = run([join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--dir", relative(ROOT, dir), "--color=false"]);
    process.exitCode = typed || ran;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
