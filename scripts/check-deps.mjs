// `npm test` gate, offline (npm audit needs the network): no package giacom-sdk's users run is
// at a version a known advisory affects. What users run:
// - the runtime dependencies: `dependencies` and `peerDependencies` (msw, an optional peer for
//   giacom-sdk/mock, counts: /mock users install it), and any package src/ imports without
//   declaring it (tsup would bundle the devDependency copy into dist/);
// - everything those depend on in turn.
// Each is checked at the version package-lock.json installs (what our tests ran against), and
// each direct one's declared range too, since a user's install resolves the range, not our lock.
// devDependencies are not checked: no user installs them (jsonpath-plus stays there, at 10.4.0,
// only for test/client to check the `jsonPath` helpers against a third-party engine).
// A runtime dependency missing from ADVISORIES and REVIEWED fails the gate: adding one means
// looking up its advisories and writing them (or their absence) here.
//
// Usage: node scripts/check-deps.mjs [--root <dir>]   (dir holds package.json, package-lock.json, src/)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Known advisories, as OSV writes them: each affects [introduced, fixed) ranges of versions.
 * Sources: the GitHub Advisory Database entries named, and upstream fixes for those without one.
 */
export const ADVISORIES = {
  "jsonpath-plus": [
    { id: "GHSA-pppg-cpfq-h7wr (CVE-2024-21534)", what: "code execution through filter scripts", affected: [["0.0.0", "10.3.0"]] },
    { id: "GHSA-hw8r-x6gr-5gjp (CVE-2025-1302)", what: 'code execution through eval: "safe" filter scripts', affected: [["0.0.0", "10.3.0"]] },
    {
      id: "JSONPath-Plus/JSONPath#266 (no GHSA id at the time of writing)",
      what: 'code execution escaping eval: "safe" through getPrototypeOf(@).constructor (and call/apply/bind); fixed only in 11.x, which needs a newer Node',
      affected: [["0.0.0", "11.0.0"]],
    },
  ],
  zod: [{ id: "GHSA-m95q-7qp3-xv42 (CVE-2023-4316)", what: "ReDoS in z.string().email()", affected: [["0.0.0", "3.22.3"]] }],
  // Reached through msw.
  cookie: [
    { id: "GHSA-pxg6-pf52-xh8x (CVE-2024-47764)", what: "out-of-bounds characters accepted in cookie name, path and domain", affected: [["0.0.0", "0.7.0"]] },
  ],
  "path-to-regexp": [
    {
      id: "GHSA-9wv6-86v2-598j (CVE-2024-45296)",
      what: "ReDoS from backtracking patterns",
      affected: [
        ["0.0.0", "0.1.10"],
        ["0.2.0", "1.9.0"],
        ["2.0.0", "3.3.0"],
        ["4.0.0", "6.3.0"],
        ["7.0.0", "8.0.0"],
      ],
    },
    { id: "GHSA-rhx6-c78j-4q9w (CVE-2024-52798)", what: "ReDoS (incomplete fix of CVE-2024-45296 in 0.1.x)", affected: [["0.0.0", "0.1.12"]] },
  ],
  "tough-cookie": [{ id: "GHSA-72xf-g2v4-qvf3 (CVE-2023-26136)", what: "prototype pollution in the memory cookie store", affected: [["0.0.0", "4.1.3"]] }],
};

/** Runtime dependencies looked up and found with no advisory: why they have no entry above. */
export const REVIEWED = {
  commander: "the giacom-sdk command line (issue 19); no GHSA advisory names commander (checked 2026-12-02); no dependencies of its own",
  msw: "no advisory names msw itself; the ones against packages it ships (cookie, path-to-regexp, tough-cookie) are listed above and checked through it",
};

// [major, minor, patch, prerelease]; a prerelease sorts before its release.
function parse(version) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(String(version).trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ""] : undefined;
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  if (a[3] === b[3]) return 0;
  if (a[3] === "") return 1;
  if (b[3] === "") return -1;
  return a[3] < b[3] ? -1 : 1;
}

/** The advisories that affect `version` of `name`. */
export function advisoriesFor(name, version) {
  const v = parse(version);
  if (!v) return [];
  return (ADVISORIES[name] ?? []).filter((a) => a.affected.some(([from, to]) => compare(parse(from), v) <= 0 && compare(v, parse(to)) < 0));
}

/**
 * The versions a declared range admits, as [lowest, upper bound (exclusive) or undefined],
 * one pair per `||` alternative; undefined when the range is not one of the forms read here
 * (x.y.z, =x.y.z, ^x.y.z, ~x.y.z, >=x.y.z with an optional <a.b.c).
 */
export function rangeBounds(range) {
  const bounds = [];
  for (const alternative of String(range).split("||")) {
    const text = alternative.trim();
    let m;
    if ((m = /^=?\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(text))) {
      const v = parse(m[1]);
      bounds.push([v, [v[0], v[1], v[2] + 1, ""]]);
    } else if ((m = /^\^\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(text))) {
      const v = parse(m[1]);
      const upper = v[0] > 0 ? [v[0] + 1, 0, 0, ""] : v[1] > 0 ? [0, v[1] + 1, 0, ""] : [0, 0, v[2] + 1, ""];
      bounds.push([v, upper]);
    } else if ((m = /^~\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(text))) {
      const v = parse(m[1]);
      bounds.push([v, [v[0], v[1] + 1, 0, ""]]);
    } else if ((m = /^>=\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)(?:\s+<\s*(\d+\.\d+\.\d+))?$/.exec(text))) {
      bounds.push([parse(m[1]), m[2] ? parse(m[2]) : undefined]);
    } else return undefined;
  }
  return bounds;
}

/** The advisories a user's install of `range` could hit: those whose affected versions overlap it. */
function advisoriesInRange(name, bounds) {
  return (ADVISORIES[name] ?? []).filter((a) =>
    a.affected.some(([from, to]) => bounds.some(([low, high]) => compare(low, parse(to)) < 0 && (high === undefined || compare(parse(from), high) < 0))),
  );
}

/** Bare package names src/ loads at run time (type-only imports are erased, so they do not count). */
export function sourceImports(files) {
  const names = new Set();
  const builtins = new Set(builtinModules);
  // Statements start a line, so the examples in doc comments (" * import ...") are not read.
  const pattern = /^\s*(?:import|export)\s+(?!type\s)(?:[^;'"]*?\sfrom\s*)?["']([^"']+)["']|^(?!\s*(?:\*|\/\/))[^\n]*?\bimport\(\s*["']([^"']+)["']\s*\)/gm;
  for (const text of files) {
    for (const m of text.matchAll(pattern)) {
      const specifier = m[1] ?? m[2];
      if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) continue;
      const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
      if (!builtins.has(name)) names.add(name);
    }
  }
  return names;
}

/** The lock entry npm would load for `name` required from the package installed at `from`. */
function resolve(lock, from, name) {
  let base = from;
  for (;;) {
    const key = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages?.[key]) return key;
    if (!base) return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut === -1 ? "" : base.slice(0, cut);
  }
}

/**
 * Checks a package's runtime closure. `pkg` and `lock` are parsed package.json and
 * package-lock.json (lockfileVersion 2 or 3); `sources` the text of the files under src/.
 * Returns what was checked and every problem found (empty when the gate passes).
 */
export function checkDependencies({ pkg, lock, sources = [] }) {
  const problems = [];
  if (!lock?.packages) return { checked: [], problems: ["package-lock.json has no `packages` map (lockfileVersion 2 or 3 expected)"] };

  const declared = { ...pkg.dependencies, ...pkg.peerDependencies };
  const direct = new Set([...Object.keys(declared), ...sourceImports(sources)]);
  for (const name of direct) {
    if (!(name in declared))
      problems.push(`${name}: src/ imports it but package.json does not declare it as a dependency or peer (it would be bundled from devDependencies)`);
    if (!ADVISORIES[name] && !REVIEWED[name])
      problems.push(`${name}: a runtime dependency this script has not reviewed: add its advisories to ADVISORIES, or a line to REVIEWED`);
    const range = declared[name];
    if (range === undefined) continue;
    const bounds = rangeBounds(range);
    if (!bounds) {
      problems.push(`${name}: cannot tell which versions "${range}" admits; declare x.y.z, ^x.y.z, ~x.y.z or >=x.y.z`);
      continue;
    }
    for (const a of advisoriesInRange(name, bounds)) problems.push(`${name}: the declared range "${range}" admits versions ${a.id} affects (${a.what})`);
  }

  // Breadth-first through what the lock installs, from the root's runtime dependencies.
  const checked = [];
  const seen = new Set();
  const queue = [...direct].map((name) => ({ name, from: "", via: name }));
  while (queue.length > 0) {
    const { name, from, via } = queue.shift();
    const key = resolve(lock, from, name);
    if (key === undefined) {
      // An optional peer absent from the lock was never installed here; anything else was expected.
      if (from === "" && !(pkg.peerDependenciesMeta?.[name]?.optional && name in (pkg.peerDependencies ?? {})))
        problems.push(`${name}: not in package-lock.json (run npm install)`);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = lock.packages[key];
    checked.push({ name, version: entry.version, via });
    for (const a of advisoriesFor(name, entry.version)) problems.push(`${name}@${entry.version} (${via}): ${a.id}, ${a.what}`);
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const next = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((peer) => !optionalPeers[peer]?.optional),
    ];
    for (const dep of next) queue.push({ name: dep, from: key, via: `${via} > ${dep}` });
  }
  return { checked, problems };
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && /\.(?:[cm]?ts|[cm]?js)$/.test(f.name) && !/\.d\.[cm]?ts$/.test(f.name))
    .map((f) => readFileSync(join(f.parentPath, f.name), "utf8"));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--root");
  const root = at === -1 ? fileURLToPath(new URL("../", import.meta.url)) : process.argv[at + 1];
  const read = (file) => JSON.parse(readFileSync(join(root, file), "utf8"));
  const { checked, problems } = checkDependencies({ pkg: read("package.json"), lock: read("package-lock.json"), sources: sourceFiles(join(root, "src")) });
  const listed = checked.filter((c) => ADVISORIES[c.name]);
  for (const { name, version, via } of listed)
    console.log(`${advisoriesFor(name, version).length > 0 ? "FAIL" : "ok  "} ${name}@${version}${via === name ? "" : ` (${via})`}`);
  console.log(
    `${checked.length} runtime packages checked against ${Object.keys(ADVISORIES).length} with known advisories (offline list in scripts/check-deps.mjs)`,
  );
  for (const problem of problems) console.error(`FAIL ${problem}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
