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
  ["test:unit", "--", "--reporter=default", "--reporter=json", `--outputFile=${VITEST_JSON}`],
  ["build"],
  ["size"], // after build: each entry point within its bundle budget
  ["consumer"], // after build: packs the package and uses it from a new app, ESM and CJS
  ["lint:pkg"], // after build: it packs dist/
  ["docs"], // typedoc with treatWarningsAsErrors: every public export documented
];
const env = { ...process.env, REDOCLY_TELEMETRY: "off", SCARF_ANALYTICS: "false" };

let passed = 0;
let failed = 0;
const lines = [];

for (const [script, ...args] of gates) {
  if (script === "test:unit") rmSync(VITEST_JSON, { force: true }); // never read a stale report
  console.log(`\n=== ${script}`);
  const start = performance.now();
  const { status } = spawnSync("npm", ["run", "--silent", script, ...args], { stdio: "inherit", env });
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  const ok = status === 0;

  if (script === "test:unit") {
    const report = existsSync(VITEST_JSON) ? JSON.parse(readFileSync(VITEST_JSON, "utf8")) : undefined;
    const p = report?.numPassedTests ?? 0;
    // A non-zero exit with no failed test (crash, import error, no tests) still counts as one failure.
    const f = (report?.numFailedTests ?? 0) || (ok ? 0 : 1);
    passed += p;
    failed += f;
    lines.push(`${ok && f === 0 ? "PASS" : "FAIL"}  vitest: ${p} passed, ${f} failed (${seconds}s)`);
    // Checks that need files outside the repository skip themselves and say why in their title.
    const skipped = (report?.testResults ?? []).flatMap((file) => file.assertionResults.filter((t) => t.status === "skipped" || t.status === "pending"));
    for (const test of skipped) lines.push(`SKIP  ${test.title}`);
  } else {
    if (ok) passed++;
    else failed++;
    lines.push(`${ok ? "PASS" : "FAIL"}  ${script} (${seconds}s)`);
  }
}

console.log(`\n=== summary\n${lines.join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
