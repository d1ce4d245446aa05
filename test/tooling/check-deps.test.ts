// scripts/check-deps.mjs, the `npm test` gate that keeps giacom-sdk's runtime dependencies (the
// simulator's msw among them) above the versions known advisories affect. Run as the gate runs
// it, on a throw-away tree: a package.json, a package-lock.json and a src/.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../../scripts/check-deps.mjs", import.meta.url));
const trees: string[] = [];
afterAll(() => trees.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface Tree {
  pkg: Record<string, unknown>;
  /** package-lock.json `packages` entries other than the root. */
  installed: Record<string, Record<string, unknown>>;
  src?: Record<string, string>;
}

function check({ pkg, installed, src = {} }: Tree) {
  const root = mkdtempSync(join(tmpdir(), "check-deps-"));
  trees.push(root);
  const lock = { name: "giacom-sdk", lockfileVersion: 3, packages: { "": { name: "giacom-sdk", ...pkg }, ...installed } };
  const files = { "package.json": JSON.stringify({ name: "giacom-sdk", ...pkg }), "package-lock.json": JSON.stringify(lock), ...src };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const { status, stdout, stderr } = spawnSync(process.execPath, [SCRIPT, "--root", root], { encoding: "utf8" });
  return { status, output: stdout + stderr };
}

const zod = (version: string) => ({ "node_modules/zod": { version } });
const msw = { "node_modules/msw": { version: "2.15.0", dependencies: { cookie: "^1.1.1" } }, "node_modules/cookie": { version: "1.1.1" } };
const withMsw = { peerDependencies: { msw: "^2.15.0" }, peerDependenciesMeta: { msw: { optional: true } } };

describe("scripts/check-deps.mjs", () => {
  it("fails on a runtime dependency the lock installs below an advisory's fix, and passes at the fix", () => {
    const below = check({ pkg: { dependencies: { zod: "3.22.2" } }, installed: zod("3.22.2") });
    expect(below.status).toBe(1);
    expect(below.output).toMatch(/FAIL zod@3\.22\.2 .*GHSA-m95q-7qp3-xv42/);
    const fixed = check({ pkg: { dependencies: { zod: "3.22.3" } }, installed: zod("3.22.3") });
    expect(fixed.output).not.toContain("FAIL");
    expect(fixed.status).toBe(0);
  });

  it("fails on a declared range a user's install could resolve to an affected version, whatever the lock holds", () => {
    const loose = check({ pkg: { dependencies: { zod: "^3.22.0" } }, installed: zod("3.25.0") });
    expect(loose.status).toBe(1);
    expect(loose.output).toContain('zod: the declared range "^3.22.0" admits versions GHSA-m95q-7qp3-xv42');
    expect(check({ pkg: { dependencies: { zod: "^3.22.3" } }, installed: zod("3.25.0") }).status).toBe(0);
    const unreadable = check({ pkg: { dependencies: { zod: "*" } }, installed: zod("4.6.7") });
    expect(unreadable.status).toBe(1);
    expect(unreadable.output).toContain('cannot tell which versions "*" admits');
  });

  it("follows an optional peer to the packages it installs, nested copies included", () => {
    expect(check({ pkg: { dependencies: { zod: "4.6.7" }, ...withMsw }, installed: { ...zod("4.6.7"), ...msw } }).status).toBe(0);
    const nested = check({
      pkg: { dependencies: { zod: "4.6.7" }, ...withMsw },
      installed: { ...zod("4.6.7"), ...msw, "node_modules/msw/node_modules/cookie": { version: "0.6.0" } },
    });
    expect(nested.status).toBe(1);
    expect(nested.output).toMatch(/FAIL cookie@0\.6\.0 \(msw > cookie\): GHSA-pxg6-pf52-xh8x/);
    // An optional peer the lock does not hold was never installed here: nothing to check.
    expect(check({ pkg: { dependencies: { zod: "4.6.7" }, ...withMsw }, installed: zod("4.6.7") }).status).toBe(0);
  });

  it("fails on jsonpath-plus 10.x as a dependency or an optional peer, and ignores it as a devDependency", () => {
    const installed = { ...zod("4.6.7"), "node_modules/jsonpath-plus": { version: "10.4.0" } };
    for (const pkg of [
      { dependencies: { zod: "4.6.7", "jsonpath-plus": "10.4.0" } },
      { dependencies: { zod: "4.6.7" }, peerDependencies: { "jsonpath-plus": "^10.4.0" }, peerDependenciesMeta: { "jsonpath-plus": { optional: true } } },
    ]) {
      const runtime = check({ pkg, installed });
      expect(runtime.status, JSON.stringify(pkg)).toBe(1);
      expect(runtime.output, JSON.stringify(pkg)).toMatch(/FAIL jsonpath-plus@10\.4\.0 .*JSONPath-Plus\/JSONPath#266/);
    }
    expect(check({ pkg: { dependencies: { zod: "4.6.7" }, devDependencies: { "jsonpath-plus": "10.4.0" } }, installed }).status).toBe(0);
  });

  it("counts a package src/ imports without declaring it (tsup would bundle it), but not a type-only import", () => {
    const installed = { ...zod("4.6.7"), "node_modules/jsonpath-plus": { version: "10.4.0" } };
    const pkg = { dependencies: { zod: "4.6.7" }, devDependencies: { "jsonpath-plus": "10.4.0" } };
    const bundled = check({ pkg, installed, src: { "src/mock/search.ts": 'import { x } from "./x.js";\nimport {\n  JSONPath,\n} from "jsonpath-plus";\n' } });
    expect(bundled.status).toBe(1);
    expect(bundled.output).toContain("jsonpath-plus: src/ imports it but package.json does not declare it");
    expect(bundled.output).toMatch(/FAIL jsonpath-plus@10\.4\.0/);
    const typeOnly = 'import type { JSONPath } from "jsonpath-plus";\n/**\n * import { JSONPath } from "jsonpath-plus";\n */\n';
    expect(check({ pkg, installed, src: { "src/mock/search.ts": typeOnly } }).status).toBe(0);
  });

  it("fails on a runtime dependency nobody reviewed for advisories", () => {
    const unreviewed = check({ pkg: { dependencies: { "left-pad": "1.3.0" } }, installed: { "node_modules/left-pad": { version: "1.3.0" } } });
    expect(unreviewed.status).toBe(1);
    expect(unreviewed.output).toContain("left-pad: a runtime dependency this script has not reviewed");
  });
});
