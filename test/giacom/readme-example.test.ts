// The complete test file README.md's "Testing your code" section shows is a test that passes, as
// written: scripts/readme-example.mjs copies it verbatim, type-checks it and runs it with vitest.
// It also stays what the section promises: user code awaiting submit() on the default clock.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = fileURLToPath(new URL("../../scripts/readme-example.mjs", import.meta.url));

describe("README's complete test of user code against giacom-sdk/mock", () => {
  it("is user code awaiting submit() against a simulator on its default clock", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### Testing your code: `giacom-sdk/mock`"));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    expect(block).toMatch(/^\/\/ provision-line\.test\.ts\n/);
    expect(block).toContain('from "giacom-sdk/mock"');
    expect(block).toContain("await giacom.serviceOrders.submit(order)");
    expect(block).toContain("createGiacomSimulator()");
    // Neither the clock nor the timing is set: what a newcomer gets is what is tested.
    expect(block).not.toMatch(/clock|timing|advance|settle|\.run\(/);
  });

  it("type-checks and passes, run by vitest as written", () => {
    const result = spawnSync(process.execPath, [SCRIPT], {
      cwd: ROOT,
      encoding: "utf8",
      env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST"))),
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toContain("tsc: provision-line.test.ts type-checks");
    expect(output).toMatch(/Tests\s+2 passed \(2\)/);
    expect(result.status, output).toBe(0);
  }, 120_000);
});
