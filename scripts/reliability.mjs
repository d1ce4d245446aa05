// Runs the reliability suite, then rewrites the results section of RELIABILITY.md from the
// rows and numbers the suite left in .reliability/. Usage: npm run reliability
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const START = "<!-- reliability:start -->";
const END = "<!-- reliability:end -->";
const DOC = "RELIABILITY.md";

const run = spawnSync("npx", ["vitest", "run", "test/reliability", "--reporter=default"], { stdio: "inherit", shell: process.platform === "win32" });
const passed = run.status === 0;

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined);
const matrix = read(".reliability/fault-matrix.json");
const load = read(".reliability/load.json");
const cell = (value) => String(value ?? "").replaceAll("|", "\\|");

const lines = [START, "", `Last run: ${new Date().toISOString()} — suite ${passed ? "passed" : "FAILED"}.`, ""];
if (matrix) {
  const rows = matrix.rows;
  const held = rows.filter((r) => r.held).length;
  const byOutcome = {};
  for (const r of rows) {
    const key = r.observed.split(",")[0];
    byOutcome[key] = (byOutcome[key] ?? 0) + 1;
  }
  lines.push(
    `### Fault matrix: ${rows.length} cells, ${held} held, ${rows.length - held} gaps`,
    "",
    `Outcomes: ${Object.entries(byOutcome)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}.`,
    "",
    "| Operation | Fault | Expected | Observed | API attempts | Token requests | Held |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) =>
      [r.operation, r.fault, r.expected, r.observed, r.attempts, r.tokenRequests, r.held ? "yes" : `**no**: ${r.gap}`]
        .map(cell)
        .join(" | ")
        .replace(/^/, "| ")
        .concat(" |"),
    ),
    "",
  );
} else lines.push("No fault-matrix results (.reliability/fault-matrix.json is missing).", "");
if (load) {
  lines.push(
    `### Load: ${load.calls} concurrent calls through one client`,
    "",
    "| Scenario | Calls | Failed | Token requests | Refreshes | 401s | Duration ms | Heap before MB | Heap after MB | Growth MB | GC forced |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...load.runs.map((r) =>
      [
        r.scenario,
        r.calls,
        r.failed,
        r.tokenRequests,
        r.refreshReasons.join(", "),
        r.status401,
        r.durationMs,
        r.heapBeforeMb,
        r.heapAfterMb,
        r.heapGrowthMb,
        r.gcForced ? "yes" : "no",
      ]
        .map(cell)
        .join(" | ")
        .replace(/^/, "| ")
        .concat(" |"),
    ),
    "",
    `Heap growth bound asserted: < ${load.heapBoundMb} MB (after a forced GC).`,
    "",
  );
} else lines.push("No load results (.reliability/load.json is missing).", "");
lines.push(END);

const doc = readFileSync(DOC, "utf8");
const from = doc.indexOf(START);
const to = doc.indexOf(END);
if (from < 0 || to < from) throw new Error(`${DOC} has no ${START} … ${END} section`);
writeFileSync(DOC, doc.slice(0, from) + lines.join("\n") + doc.slice(to + END.length));
console.log(`${DOC}: results section rewritten`);
process.exit(passed ? 0 : 1);
