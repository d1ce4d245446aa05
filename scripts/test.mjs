// `npm test`: runs every gate in order, keeps going past failures so the report is complete,
// and ends with the plain line "N passed, N failed" (vitest tests + one per other gate).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

const VITEST_JSON = ".vitest.json";
const gates = [
  ["lint"], // eslint and prettier over the whole tree
  ["lint:spectral"],
  ["lint:redocly"],
  ["generate:check"],
  ["typecheck"],
  ["deps"], // offline: no runtime dependency (or what it pulls in) at a version a known advisory affects
  ["redis:ensure"], // redis-server on PATH for the Redis store tests: installs it (root + apt) or names the command
  ["test:unit", "--", "--reporter=default", "--reporter=json", `--outputFile=${VITEST_JSON}`],
  ["build"],
  ["size"], // after build: each entry point within its bundle budget
  ["consumer"], // after build: packs the package and uses it from a new app, ESM and CJS
  ["lint:pkg"], // after build: it packs dist/
  ["docs"], // typedoc with treatWarningsAsErrors: every public export documented
];
const env = { ...process.env, REDOCLY_TELEMETRY: "off", SCARF_ANALYTICS: "false" };

// Redocly prints a boxed notice on every run (Node 20's end of life): noise in a test log, so
// the box is left out and its first line kept.
function runWithoutBanners(script) {
  const result = spawnSync("npm", ["run", "--silent", script], { encoding: "utf8", env });
  for (const [text, stream] of [
    [result.stdout, process.stdout],
    [result.stderr, process.stderr],
  ]) {
    const shown = (text ?? "").replace(/^[ \t]*╔[\s\S]*?╚[^\n]*\n?/gm, (box) => {
      const title = box
        .split("\n")
        .map((line) => line.replace(/[║╔╗╚╝═]/g, "").trim())
        .find(Boolean);
      return `(notice: ${title})\n`;
    });
    stream.write(shown);
  }
  return result;
}

let passed = 0;
let failed = 0;
const gateCounts = { passed: 0, failed: 0 };
const testCounts = { passed: 0, failed: 0 };
const lines = [];

for (const [script, ...args] of gates) {
  if (script === "test:unit") rmSync(VITEST_JSON, { force: true }); // never read a stale report
  console.log(`\n=== ${script}`);
  const start = performance.now();
  const { status } = script === "lint:redocly" ? runWithoutBanners(script) : spawnSync("npm", ["run", "--silent", script, ...args], { stdio: "inherit", env });
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  const ok = status === 0;

  if (script === "test:unit") {
    const report = existsSync(VITEST_JSON) ? JSON.parse(readFileSync(VITEST_JSON, "utf8")) : undefined;
    const p = report?.numPassedTests ?? 0;
    // A non-zero exit with no failed test (crash, import error, no tests) still counts as one failure.
    const f = (report?.numFailedTests ?? 0) || (ok ? 0 : 1);
    passed += p;
    failed += f;
    testCounts.passed += p;
    testCounts.failed += f;
    lines.push(`${ok && f === 0 ? "PASS" : "FAIL"}  vitest: ${p} passed, ${f} failed (${seconds}s)`);
    // Checks that need files outside the repository skip themselves and say why in their title.
    const skipped = (report?.testResults ?? []).flatMap((file) => file.assertionResults.filter((t) => t.status === "skipped" || t.status === "pending"));
    for (const test of skipped) lines.push(`SKIP  ${test.title}`);
  } else {
    if (ok) passed++;
    else failed++;
    gateCounts[ok ? "passed" : "failed"]++;
    lines.push(`${ok ? "PASS" : "FAIL"}  ${script} (${seconds}s)`);
  }
}

console.log(`\n=== summary\n${lines.join("\n")}`);
// Tests and gates apart, then the one line CI reads: their sum.
console.log(`tests: ${testCounts.passed} passed, ${testCounts.failed} failed; gates: ${gateCounts.passed} passed, ${gateCounts.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
