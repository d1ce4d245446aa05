// `node scripts/consumer-test.mjs` (after `npm run build`): installs the packed package in a
// throw-away application, the way a user gets it from the registry, and checks that it works
// there: every entry point from ESM and CJS, the published declarations under the NodeNext,
// Bundler and node10 resolutions, one real call to the simulator, no work at import time, and
// msw really optional. The application is test/consumer-package/, copied to a temp dir that is
// removed at the end (pass --keep to keep it). Exits non-zero, saying why, on a failure.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const fixtures = join(root, "test", "consumer-package");
/** Every entry point of the package, as an application imports it. */
const ENTRIES = [
  "giacom-sdk",
  "giacom-sdk/webhooks",
  "giacom-sdk/mock",
  "giacom-sdk/core",
  "giacom-sdk/tmf622",
  "giacom-sdk/tmf622/mock",
  "giacom-sdk/tmf638",
  "giacom-sdk/tmf638/mock",
  "giacom-sdk/masstack",
  "giacom-sdk/masstack/callbacks",
  "giacom-sdk/masstack/mock",
  "giacom-sdk/redis",
];
/** The simulators need msw (an optional peer); every other entry loads without it. */
const SIMULATORS = ENTRIES.filter((entry) => entry.endsWith("/mock"));
const LOADS_WITHOUT_MSW = ENTRIES.filter((entry) => !SIMULATORS.includes(entry));
const keep = process.argv.includes("--keep");
const started = performance.now();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)}s`;
const log = (line) => console.log(`consumer: ${line}`);

class Failure extends Error {}
const fail = (message) => {
  throw new Failure(message);
};

// npm prints this on every command on this machine (user npmrc); it is noise, not a problem.
const NOISE = /^npm warn Unknown user config "nodedir"/;
const clean = (text) =>
  text
    .split("\n")
    .filter((line) => line.trim() !== "" && !NOISE.test(line))
    .join("\n");
const tail = (text, lines = 40) => text.split("\n").slice(-lines).join("\n");

// A child npm must not inherit the settings `npm run` exports for this project (loglevel
// silent under `npm run --silent`, npm_config_local_prefix, empty allow_scripts...), only
// where the cache, the registry and the config files are, so it uses the same cache.
const KEEP_NPM_CONFIG = new Set(["cache", "userconfig", "globalconfig", "registry", "cafile", "proxy", "https_proxy", "noproxy", "strict_ssl"]);
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => {
    const lower = key.toLowerCase();
    if (lower.startsWith("npm_config_")) return KEEP_NPM_CONFIG.has(lower.slice("npm_config_".length));
    return !(lower.startsWith("npm_") || key === "INIT_CWD");
  }),
);

/** Runs a command; resolves with its output and time, or with `timedOut` when it had to be killed. */
function run(command, args, { cwd, timeoutMs = 60_000 } = {}) {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Failure(`cannot run ${command}: ${error.message}`));
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, timedOut, stdout, stderr, ms: performance.now() - start, took: seconds(start) });
    });
  });
}

/** Runs a command that must succeed; fails with its (trimmed) output otherwise. */
async function must(what, command, args, options) {
  const result = await run(command, args, options);
  if (result.timedOut)
    fail(
      `${what}: did not end within ${(options?.timeoutMs ?? 60_000) / 1000}s${options?.endsByItself ? " (a timer or an open handle keeps the process alive?)" : ""}\n${tail(clean(result.stdout + result.stderr))}`,
    );
  if (result.status !== 0) fail(`${what}: exited ${result.status ?? result.signal}\n${tail(clean(`${result.stdout}\n${result.stderr}`))}`);
  return result;
}

let tmp;
async function main() {
  // 0. The package must be built: every file package.json points at must exist in dist/.
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const targets = packageTargets(pkg);
  if (!existsSync(join(root, "dist"))) fail("dist/ is missing: run `npm run build` first");
  const absent = targets.filter((file) => !existsSync(join(root, file)));
  if (absent.length > 0) fail(`dist/ is incomplete (${absent.join(", ")} missing): run \`npm run build\` first`);

  tmp = mkdtempSync(join(tmpdir(), "giacom-sdk-consumer-"));
  const app = join(tmp, "app");

  // 1. npm pack, and what the tarball holds.
  let step = performance.now();
  const packed = await must("npm pack", "npm", ["pack", "--json", "--pack-destination", tmp], { cwd: root });
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")));
  const files = new Set(info.files.map((f) => f.path));
  const missing = [...targets, "package.json", "README.md"].filter((file) => !files.has(file.replace(/^\.\//, "")));
  if (missing.length > 0) fail(`the tarball lacks files package.json points at: ${missing.join(", ")}`);
  // Beside the build, the files README.md links to (the contract, the examples, the changelog...).
  const stray = [...files].filter((file) => !/^(dist\/|examples\/|spec\/|package\.json$|(README|CHANGELOG|RELIABILITY|BENCHMARKS)\.md$|LICENSE)/.test(file));
  if (stray.length > 0) fail(`the tarball holds files outside dist/ and the documentation: ${stray.join(", ")}`);
  log(`packed ${info.filename}: ${info.entryCount} files, ${kb(info.size)} (${kb(info.unpackedSize)} unpacked) (${seconds(step)})`);

  // 2. A consumer application that installs the tarball, msw, typescript and @types/node.
  cpSync(fixtures, app, { recursive: true, filter: (source) => !/[\\/](node_modules|package-lock\.json)$/.test(source) });
  renameSync(join(tmp, info.filename), join(app, "giacom-sdk.tgz"));
  const installed = await must("npm install", "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: app, timeoutMs: 180_000 });
  const warnings = clean(installed.stderr)
    .split("\n")
    .filter((line) => /^npm (warn|WARN)/.test(line));
  log(
    `installed the tarball with msw, typescript and @types/node (${installed.took})${warnings.length > 0 ? `, npm warned:\n  ${warnings.join("\n  ")}` : ""}`,
  );
  const published = JSON.parse(readFileSync(join(app, "node_modules", "giacom-sdk", "package.json"), "utf8"));

  // 3 + 5. Every entry point from ESM and from CJS, each with a real call to the simulator.
  // tsc runs beside them (4): consumer.ts under NodeNext, Bundler and node10, consumer-node.ts.
  for (const file of ["consumer.ts", "consumer-node.ts"]) cpSync(join(app, file), join(app, "cjs", file));
  const runtime = ["esm.mjs", "cjs.cjs"].map(async (file) => {
    const result = await must(`node ${file}`, process.execPath, [file], { cwd: app, timeoutMs: 120_000, endsByItself: true });
    log(`${clean(result.stdout)} (${result.took})`);
  });
  const types = typeChecks(published, app);
  await all([...runtime, types]);

  // 6. The core entry (and the others) do no work at import time and let the process end. One
  // mode at a time, so that a busy machine does not run a dozen processes loading msw at once.
  step = performance.now();
  for (const mode of ["require", "import"]) await all(ENTRIES.map((specifier) => importProbe(app, mode, [specifier])));
  await all([exitsByItself(app, ["-e", 'require("giacom-sdk")']), exitsByItself(app, ["--input-type=module", "-e", 'import "giacom-sdk";'])]);
  log(
    `importing ${ENTRIES.join(", ")} (require and import) makes no network call, schedules no timer, leaves no handle, and the process ends by itself (${seconds(step)})`,
  );

  // msw is an optional peer: without it, the core and webhooks entries still load, and the
  // simulators fail with an error that names msw.
  step = performance.now();
  renameSync(join(app, "node_modules", "msw"), join(app, "node_modules", ".msw-hidden"));
  await all(["require", "import"].map((mode) => importProbe(app, mode, LOADS_WITHOUT_MSW, "without msw installed: ")));
  for (const simulator of SIMULATORS) {
    for (const [label, args] of [
      ["require", ["-e", `require("${simulator}")`]],
      ["import", ["--input-type=module", "-e", `await import("${simulator}")`]],
    ]) {
      const result = await run(process.execPath, args, { cwd: app, timeoutMs: 60_000 });
      if (result.status === 0) fail(`${label} of ${simulator} succeeded without msw installed: is msw bundled into dist/?`);
      if (!/Cannot find (package|module) 'msw/.test(result.stderr))
        fail(`${label} of ${simulator} without msw failed with an error that does not name msw:\n${tail(result.stderr, 10)}`);
    }
  }
  renameSync(join(app, "node_modules", ".msw-hidden"), join(app, "node_modules", "msw"));
  log(`without msw installed: ${LOADS_WITHOUT_MSW.join(", ")} load (require and import), ${SIMULATORS.join(", ")} fail naming msw (${seconds(step)})`);
}

/** Every file package.json points at (main, module, types, exports, typesVersions), as "dist/...". */
function packageTargets(pkg) {
  const found = new Set();
  const walk = (value) => {
    if (typeof value === "string") {
      if (value.startsWith("./") && !value.includes("*")) found.add(value.slice(2));
    } else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(
    [pkg.main, pkg.module, pkg.types, pkg.exports, pkg.typesVersions].filter(Boolean).map((v) => (typeof v === "string" && !v.startsWith("./") ? `./${v}` : v)),
  );
  found.delete("package.json");
  return [...found].sort();
}

/**
 * tsc --noEmit per moduleResolution on consumer.ts (all three entry points, msw included), plus
 * consumer-node.ts (core and webhooks, no DOM lib, skipLibCheck off: the SDK's own declarations
 * are checked). Each run must load the declaration files package.json promises for that mode.
 */
async function typeChecks(published, app) {
  const entries = Object.keys(published.exports).filter((subpath) => subpath !== "./package.json");
  const typesOf = (subpaths, conditions) =>
    subpaths.flatMap((subpath) =>
      conditions.map((condition) => {
        const types = published.exports[subpath]?.[condition]?.types;
        if (typeof types !== "string") fail(`exports["${subpath}"].${condition} has no "types" condition`);
        return types.replace(/^\.\//, "");
      }),
    );
  const modes = [
    { mode: "nodenext", checks: ["consumer.ts", "cjs/consumer.ts"], expected: typesOf(entries, ["import", "require"]), what: "consumer.ts as ESM and as CJS" },
    { mode: "bundler", checks: ["consumer.ts"], expected: typesOf(entries, ["import"]), what: "consumer.ts" },
  ];
  // node10 ignores the export map: the root takes "types", a subpath needs typesVersions.
  const subpaths = entries.filter((subpath) => subpath !== ".");
  const versions = published.typesVersions && (published.typesVersions["*"] ?? Object.values(published.typesVersions)[0]);
  const unmapped = subpaths.filter((subpath) => !versions?.[subpath.slice(2)]?.[0]);
  if (unmapped.length === 0 && typeof published.types === "string") {
    const expected = [published.types, ...subpaths.map((subpath) => versions[subpath.slice(2)][0])].map((file) => file.replace(/^\.\//, ""));
    modes.push({ mode: "node10", checks: ["consumer.ts"], expected, what: "consumer.ts" });
  } else {
    log(`node10 type-check skipped: typesVersions does not map ${unmapped.join(", ") || "the root"}`);
  }
  modes.push({
    mode: "node-only",
    checks: ["consumer-node.ts", "cjs/consumer-node.ts"],
    expected: typesOf([".", "./webhooks"], ["import", "require"]),
    what: "consumer-node.ts (giacom-sdk + /webhooks, no DOM lib, skipLibCheck off) as ESM and as CJS",
  });

  const tsc = join(app, "node_modules", "typescript", "bin", "tsc");
  const sdk = join(app, "node_modules", "giacom-sdk");
  await all(
    modes.map(async ({ mode, checks, expected, what }) => {
      // A wide margin, not a measure: four type-checks share two cores with whatever else the
      // machine runs, and one that is killed must say so rather than fail without a word.
      const result = await run(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`, "--listFiles"], { cwd: app, timeoutMs: 600_000 });
      if (result.timedOut) fail(`tsc -p tsconfig.${mode}.json did not end within 600 s`);
      const lines = result.stdout
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
      const listed = lines.filter((line) => !/error TS\d+/.test(line) && existsSync(line));
      if (result.status !== 0) {
        const errors = lines.filter((line) => !listed.includes(line));
        fail(`tsc -p tsconfig.${mode}.json failed:\n${tail(clean([...errors, result.stderr].join("\n")), 30)}`);
      }
      const loaded = listed.filter((file) => file.startsWith(sdk + sep)).map((file) => relative(sdk, file).split(sep).join("/"));
      const notLoaded = expected.filter((file) => !loaded.includes(file));
      if (notLoaded.length > 0) fail(`tsc (${mode}) did not use ${notLoaded.join(", ")} (it loaded: ${loaded.join(", ") || "no giacom-sdk declarations"})`);
      const unchecked = checks.filter((file) => !listed.includes(join(app, file)));
      if (unchecked.length > 0) fail(`tsc (${mode}) did not check ${unchecked.join(", ")}`);
      log(`tsc ${mode}: ${what} compiles against ${new Set(expected).size} entry declarations, @ts-expect-error holds (${result.took})`);
    }),
  );
}

/** Loads entry points in a child that watches for network calls, timers and handles at import time. */
async function importProbe(app, mode, specifiers, context = "") {
  const result = await run(process.execPath, ["import-probe.cjs", mode, ...specifiers], { cwd: app, timeoutMs: 60_000 });
  const what = `${context}${mode} ${specifiers.join(" + ")}`;
  // Whether it ends by itself, not how fast: a timer or a handle would keep it alive for good, and
  // the machine's load must not decide the gate (start-up time is measured by the benchmarks).
  if (result.timedOut) fail(`${what}: the process did not end by itself within 60 s (a timer or an open handle keeps it alive)`);
  if (result.status !== 0) fail(`${what} failed:\n${tail(clean(result.stderr), 15)}`);
}

/** A bare `node -e` that loads the package must end promptly on its own. */
async function exitsByItself(app, args) {
  const result = await run(process.execPath, args, { cwd: app, timeoutMs: 60_000 });
  const what = `node ${args.join(" ")}`;
  if (result.timedOut) fail(`${what}: did not exit by itself within 60 s`);
  if (result.status !== 0) fail(`${what}: exited ${result.status}\n${tail(clean(result.stderr), 15)}`);
}

/** Like Promise.all, but waits for every child to end, then reports every failure. */
async function all(promises) {
  const rejected = (await Promise.allSettled(promises)).filter((r) => r.status === "rejected").map((r) => r.reason);
  if (rejected.length === 1) throw rejected[0];
  if (rejected.length > 1) fail(rejected.map((e) => (e instanceof Failure ? e.message : String(e?.stack ?? e))).join("\n---\n"));
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;

function cleanup() {
  if (!tmp) return;
  if (keep) log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });
}

try {
  await main();
  log(`PASS (${seconds(started)})`);
} catch (error) {
  console.error(`consumer: FAIL ${error instanceof Failure ? error.message : (error?.stack ?? error)}`);
  process.exitCode = 1;
} finally {
  cleanup();
}
