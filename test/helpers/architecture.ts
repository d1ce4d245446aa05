// The import table of the architecture document (issue 12) as code. Reading files and checking the
// graph are separate steps, so the rules can be tested on small made-up graphs: a checker that is
// only ever run on the real tree cannot show that it would notice anything.
import { readdirSync, readFileSync } from "node:fs";
import { posix, sep } from "node:path";
import ts from "typescript";

/** Every API folder under src/. TMF APIs share tmf/; MasStack uses core/ alone. */
export const API_FOLDERS = ["giacom", "tmf622", "tmf638", "masstack"] as const;
const TMF_APIS: ReadonlySet<string> = new Set(["giacom", "tmf622", "tmf638"]);
// src/index.ts is the `giacom-sdk` entry; the other APIs have their own subpath entries.
const ROOT_API = "giacom";

/**
 * The only packages src/ may import, and where. Everything else in src/ uses web-standard APIs.
 * The node: entries are the ones core's Node adapters use today, named one by one so that a new
 * Node module in core is a decision, not a slip.
 */
export const PACKAGE_GRANTS: readonly { readonly files: RegExp; readonly where: string; readonly packages: readonly string[] }[] = [
  { files: /^src\/core\/simulator\/msw\.ts$/, where: "core/simulator/msw.ts (the simulator's MSW face)", packages: ["msw", "msw/node"] },
  { files: /^src\/core\/receiver\/node\.ts$/, where: "core/receiver/node.ts (a Node adapter)", packages: ["node:http"] },
  { files: /^src\/core\/simulator\/server\.ts$/, where: "core/simulator/server.ts (a Node adapter)", packages: ["node:http"] },
  { files: /^src\/tmf\//, where: "tmf/**", packages: ["zod/mini"] },
  // An API simulator hands its routes out as MSW handlers (giacom-sdk/mock's `handlers`).
  ...API_FOLDERS.map((api) => ({ files: new RegExp(`^src/${api}/mock/`), where: `${api}/mock/**`, packages: ["msw"] })),
];

/** One import of a file: a file under src/, a package, or a relative path that reaches no file. */
export interface ImportEdge {
  readonly to: string;
  readonly kind: "file" | "package" | "missing" | "computed";
  readonly typeOnly: boolean;
  readonly line: number;
}

/** Each file under src/ (a repository-relative path) with what it imports. */
export type ImportGraph = ReadonlyMap<string, readonly ImportEdge[]>;

/** An import as written, before resolution. `specifier` is undefined for `import(expr)`. */
export interface WrittenImport {
  readonly specifier: string | undefined;
  readonly typeOnly: boolean;
  readonly line: number;
}

/** Lists every import of one file: import, import type, export from, import(), import("…") types, import = require(). */
export function collectImports(fileName: string, text: string): WrittenImport[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: WrittenImport[] = [];
  const add = (node: ts.Node, literal: ts.Node | undefined, typeOnly: boolean) => {
    const specifier = literal && (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) ? literal.text : undefined;
    found.push({ specifier, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node)) {
      add(node, ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Resolves a relative specifier the way NodeNext does for our sources (".js" names the ".ts" file). */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const target = posix.join(posix.dirname(from), specifier);
  const stem = target.replace(/\.(m|c)?js$/, "");
  const ext = /\.(m|c)js$/.exec(target)?.[1] ?? "";
  const candidates = [target, `${stem}.${ext}ts`, `${stem}.d.${ext}ts`, `${target}.ts`, `${target}/index.ts`];
  return candidates.find((candidate) => files.has(candidate));
}

/** Builds the graph of `sources` (repository-relative path → text). */
export function buildGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const files = new Set(sources.keys());
  const graph = new Map<string, ImportEdge[]>();
  for (const [file, text] of sources) {
    graph.set(
      file,
      collectImports(file, text).map(({ specifier, typeOnly, line }): ImportEdge => {
        if (specifier === undefined) return { to: "import(<computed>)", kind: "computed", typeOnly, line };
        if (!specifier.startsWith(".") && !specifier.startsWith("/")) return { to: specifier, kind: "package", typeOnly, line };
        const resolved = resolveImport(file, specifier, files);
        return resolved ? { to: resolved, kind: "file", typeOnly, line } : { to: specifier, kind: "missing", typeOnly, line };
      }),
    );
  }
  return graph;
}

type Zone =
  | { readonly kind: "core" }
  | { readonly kind: "tmf" }
  | { readonly kind: "redis" }
  | { readonly kind: "root" }
  | { readonly kind: "unknown" }
  | { readonly kind: "api"; readonly api: string; readonly part: "generated" | "mock" | "client" | "namespaces" | "other" };

function zoneOf(file: string): Zone {
  if (file === "src/index.ts") return { kind: "root" };
  const [src, top, second] = file.split("/");
  if (src !== "src") return { kind: "unknown" };
  if (top === "core" || top === "tmf" || top === "redis") return { kind: top };
  if (!(API_FOLDERS as readonly string[]).includes(top ?? "")) return { kind: "unknown" };
  const part = second === "generated" || second === "mock" || second === "namespaces" ? second : second === "client.ts" ? "client" : "other";
  return { kind: "api", api: top!, part };
}

const label = (zone: Zone, file: string): string =>
  zone.kind === "api" ? `${zone.api}/**` : zone.kind === "root" ? "src/index.ts" : zone.kind === "unknown" ? file : `${zone.kind}/**`;

// Why an import from `from` to the file `to` breaks the table, or undefined when it does not.
function fileRule(from: string, to: string): string | undefined {
  const source = zoneOf(from);
  const target = zoneOf(to);
  const may = `${label(source, from)} may not import ${label(target, to)}`;
  if (target.kind === "unknown") return `${to} lies outside the zones of the import table`;
  if (target.kind === "root") return "src/index.ts is the package entry: nothing in src/ imports it";
  if (target.kind === "api" && target.part === "generated" && !(source.kind === "api" && source.api === target.api)) {
    return `only ${target.api}/** may import ${target.api}/generated/**`;
  }
  switch (source.kind) {
    case "core":
      return target.kind === "core" ? undefined : `${may} (core knows no API)`;
    case "tmf":
      return target.kind === "core" || target.kind === "tmf" ? undefined : may;
    case "redis":
      return target.kind === "core" || target.kind === "redis" ? undefined : `${may} (redis/ builds on core/ alone)`;
    case "root":
      return target.kind === "core" || target.kind === "tmf" || (target.kind === "api" && target.api === ROOT_API) ? undefined : may;
    case "unknown":
      return undefined; // reported once for the file itself
    case "api": {
      if (target.kind === "core") return undefined;
      if (target.kind === "tmf") return TMF_APIS.has(source.api) ? undefined : `${may} (only TMF APIs use tmf/)`;
      if (target.kind === "redis") return `${may} (the user gives an API its stores)`;
      if (target.api !== source.api) return `${may} (API folders never import each other)`;
      if (source.part === "mock" && (target.part === "client" || target.part === "namespaces")) {
        return `${source.api}/mock/** may not import ${target.part === "client" ? `${target.api}/client.ts` : `${target.api}/namespaces/**`} (a simulator never imports its client)`;
      }
      return undefined;
    }
  }
}

function packageRule(from: string, name: string): string | undefined {
  if (PACKAGE_GRANTS.some((grant) => grant.files.test(from) && grant.packages.includes(name))) return undefined;
  const zone = zoneOf(from);
  const folder = `${zone.kind === "api" ? zone.api : zone.kind}/`;
  const grants = PACKAGE_GRANTS.filter((grant) => grant.where.startsWith(folder));
  const granted = grants.map((grant) => `${grant.packages.join(", ")} in ${grant.where}`).join("; ");
  return `${label(zone, from)} uses web-standard APIs; ${granted ? `its only packages are ${granted}` : "it imports no package"}`;
}

/** Lists every import that breaks the table, one message per importing file and target. */
export function findViolations(graph: ImportGraph): string[] {
  const messages: string[] = [];
  for (const [from, edges] of graph) {
    if (zoneOf(from).kind === "unknown")
      messages.push(`${from} lies outside the zones of the import table (core/, tmf/, redis/, ${API_FOLDERS.join("/, ")}/, src/index.ts)`);
    const byTarget = new Map<string, ImportEdge[]>();
    for (const edge of edges) byTarget.set(`${edge.kind} ${edge.to}`, [...(byTarget.get(`${edge.kind} ${edge.to}`) ?? []), edge]);
    for (const [first, ...more] of byTarget.values()) {
      const lines = [first!, ...more].map((edge) => edge.line).join(", ");
      const where = `(line${more.length > 0 ? "s" : ""} ${lines}${[first!, ...more].every((edge) => edge.typeOnly) ? ", type-only" : ""})`;
      const { kind, to } = first!;
      const why = kind === "file" ? fileRule(from, to) : kind === "package" ? packageRule(from, to) : undefined;
      if (why) messages.push(`${from} imports ${kind === "package" ? `package "${to}"` : to}: ${why} ${where}`);
      if (kind === "missing") messages.push(`${from} imports "${to}", which is no file under src/ ${where}`);
      if (kind === "computed") messages.push(`${from} has an import() of a computed specifier, which this check cannot follow ${where}`);
    }
  }
  return messages;
}

/**
 * Lists one cycle per strongly connected group of files, type imports included, as a chain
 * "a.ts -> b.ts -type-> a.ts" (the shortest cycle through the group's first file). The rest of a
 * group larger than that cycle is named too, because breaking one cycle may leave another.
 */
export function findCycles(graph: ImportGraph): string[] {
  const next = new Map<string, Map<string, boolean>>(); // file → target → every import of it is type-only
  for (const [from, edges] of graph) {
    const targets = new Map<string, boolean>();
    for (const edge of edges) if (edge.kind === "file") targets.set(edge.to, (targets.get(edge.to) ?? true) && edge.typeOnly);
    next.set(from, targets);
  }
  const cycles: string[] = [];
  for (const group of stronglyConnected(next)) {
    const members = new Set(group);
    const start = [...group].sort()[0]!;
    if (group.length === 1 && !next.get(start)?.has(start)) continue;
    const chain = shortestCycle(start, members, next);
    const text = chain.map((file, i) => (i === 0 ? file : `${next.get(chain[i - 1]!)!.get(file) ? " -type-> " : " -> "}${file}`)).join("");
    cycles.push(
      group.length + 1 > chain.length
        ? `${text} (the cycle group also holds ${[...members]
            .filter((f) => !chain.includes(f))
            .sort()
            .join(", ")})`
        : text,
    );
  }
  return cycles.sort();
}

// Tarjan's algorithm, iterative so a long import chain cannot overflow the stack.
function stronglyConnected(next: ReadonlyMap<string, ReadonlyMap<string, boolean>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  for (const root of [...next.keys()].sort()) {
    if (index.has(root)) continue;
    const work: { file: string; targets: Iterator<string> }[] = [];
    const enter = (file: string) => {
      index.set(file, counter);
      low.set(file, counter++);
      stack.push(file);
      onStack.add(file);
      work.push({ file, targets: [...(next.get(file)?.keys() ?? [])].sort()[Symbol.iterator]() });
    };
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const step = top.targets.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(top.file, Math.min(low.get(top.file)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(top.file)!));
      if (low.get(top.file) === index.get(top.file)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== top.file);
        groups.push(group);
      }
    }
  }
  return groups;
}

// Breadth-first from `start` back to itself, staying inside its group.
function shortestCycle(start: string, members: ReadonlySet<string>, next: ReadonlyMap<string, ReadonlyMap<string, boolean>>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    for (const target of [...(next.get(file)?.keys() ?? [])].sort()) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path: string[] = [];
        for (let at = file; at !== start; at = previous.get(at)!) path.unshift(at);
        return [start, ...path, start];
      }
      if (!previous.has(target) && target !== start) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

/** Reads every .ts file under `<root>/src` as repository-relative paths. */
export function readSources(root: string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const entry of readdirSync(posix.join(root, "src"), { recursive: true, encoding: "utf8" }).sort()) {
    const file = `src/${entry.split(sep).join("/")}`;
    if (file.endsWith(".ts")) sources.set(file, readFileSync(posix.join(root, file), "utf8"));
  }
  return sources;
}
