// The import table of the architecture document, over the real src/ and over small made-up graphs
// that show the check notices each kind of break (so a green run over src/ means something).
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { buildGraph, collectImports, findCycles, findViolations, type ImportEdge, type ImportGraph, readSources } from "./helpers/architecture.js";

// "type:" marks a type-only import; a path under src/ is a file, anything else a package.
function graph(files: Record<string, string[]>): ImportGraph {
  return new Map(
    Object.entries(files).map(([from, targets]) => [
      from,
      targets.map((written, i): ImportEdge => {
        const to = written.replace(/^type:/, "");
        return { to, kind: to.startsWith("src/") ? "file" : "package", typeOnly: written.startsWith("type:"), line: i + 1 };
      }),
    ]),
  );
}

describe("the checker", () => {
  test("accepts a graph that follows the table", () => {
    const allowed = graph({
      "src/index.ts": ["src/giacom/client.ts", "src/core/errors.ts", "src/tmf/list.ts"],
      "src/core/errors.ts": [],
      "src/core/transport.ts": ["type:src/core/errors.ts"],
      "src/core/receiver/node.ts": ["type:node:http", "src/core/errors.ts"],
      "src/core/simulator/server.ts": ["node:http"],
      "src/core/simulator/msw.ts": ["msw", "msw/node"],
      "src/tmf/list.ts": ["src/core/transport.ts", "zod/mini"],
      "src/giacom/client.ts": ["src/core/transport.ts", "src/tmf/list.ts", "src/giacom/namespaces/hub.ts", "type:src/giacom/generated/giacom.ts"],
      "src/giacom/namespaces/hub.ts": ["src/core/transport.ts"],
      "src/giacom/generated/giacom.ts": [],
      "src/giacom/mock/simulator.ts": ["src/core/simulator/msw.ts", "src/giacom/generated/giacom.ts", "src/giacom/validation/rules.ts", "msw"],
      "src/giacom/validation/rules.ts": [],
      "src/masstack/client.ts": ["src/core/transport.ts"],
    });
    expect(findViolations(allowed)).toEqual([]);
    expect(findCycles(allowed)).toEqual([]);
  });

  test("names the file, the import and the rule of a forbidden edge", () => {
    const forbidden = graph({
      "src/core/transport.ts": ["type:src/giacom/generated/giacom.ts", "src/core/errors.ts"],
      "src/core/errors.ts": [],
      "src/giacom/generated/giacom.ts": [],
    });
    expect(findViolations(forbidden)).toEqual([
      "src/core/transport.ts imports src/giacom/generated/giacom.ts: only giacom/** may import giacom/generated/** (line 1, type-only)",
    ]);
  });

  test("keeps core free of API folders, tmf/ and packages outside the grants", () => {
    const leaky = graph({
      "src/core/operation.ts": ["src/giacom/orders/errors.ts", "src/tmf/list.ts", "openapi-fetch", "msw", "node:crypto"],
      "src/core/receiver/node.ts": ["node:crypto"],
      "src/giacom/orders/errors.ts": [],
      "src/tmf/list.ts": [],
    });
    expect(findViolations(leaky)).toEqual([
      "src/core/operation.ts imports src/giacom/orders/errors.ts: core/** may not import giacom/** (core knows no API) (line 1)",
      "src/core/operation.ts imports src/tmf/list.ts: core/** may not import tmf/** (core knows no API) (line 2)",
      expect.stringMatching(
        /^src\/core\/operation\.ts imports package "openapi-fetch": core\/\*\* uses web-standard APIs; its only packages are msw, msw\/node in core\/simulator\/msw\.ts .*\(line 3\)$/,
      ),
      expect.stringMatching(/^src\/core\/operation\.ts imports package "msw": /),
      expect.stringMatching(/^src\/core\/operation\.ts imports package "node:crypto": .*node:http in core\/receiver\/node\.ts/),
      expect.stringMatching(/^src\/core\/receiver\/node\.ts imports package "node:crypto"/),
    ]);
  });

  test("keeps tmf/ off API folders and API folders off each other; MasStack does not use tmf/", () => {
    const crossed = graph({
      "src/tmf/simulator/notifier.ts": ["src/giacom/mock/state.ts", "type:src/giacom/types.ts", "src/giacom/mock/state.ts"],
      "src/giacom/mock/state.ts": [],
      "src/giacom/types.ts": [],
      "src/tmf622/client.ts": ["src/tmf638/client.ts", "src/tmf/list.ts"],
      "src/tmf638/client.ts": [],
      "src/tmf/list.ts": [],
      "src/masstack/client.ts": ["src/tmf/list.ts"],
    });
    expect(findViolations(crossed)).toEqual([
      "src/tmf/simulator/notifier.ts imports src/giacom/mock/state.ts: tmf/** may not import giacom/** (lines 1, 3)",
      "src/tmf/simulator/notifier.ts imports src/giacom/types.ts: tmf/** may not import giacom/** (line 2, type-only)",
      "src/tmf622/client.ts imports src/tmf638/client.ts: tmf622/** may not import tmf638/** (API folders never import each other) (line 1)",
      "src/masstack/client.ts imports src/tmf/list.ts: masstack/** may not import tmf/** (only TMF APIs use tmf/) (line 1)",
    ]);
  });

  test("stops a simulator importing its own client or namespaces", () => {
    const selfTesting = graph({
      "src/giacom/mock/simulator.ts": ["src/giacom/client.ts", "type:src/giacom/namespaces/hub.ts", "src/giacom/validation/rules.ts"],
      "src/giacom/client.ts": [],
      "src/giacom/namespaces/hub.ts": [],
      "src/giacom/validation/rules.ts": [],
    });
    expect(findViolations(selfTesting)).toEqual([
      "src/giacom/mock/simulator.ts imports src/giacom/client.ts: giacom/mock/** may not import giacom/client.ts (a simulator never imports its client) (line 1)",
      "src/giacom/mock/simulator.ts imports src/giacom/namespaces/hub.ts: giacom/mock/** may not import giacom/namespaces/** (a simulator never imports its client) (line 2, type-only)",
    ]);
  });

  test("lets redis/ build on core/ alone, with no package, and nothing of the SDK import it", () => {
    const shared = graph({
      "src/redis/stores.ts": ["src/core/errors.ts", "type:src/core/stores/stores.ts", "src/redis/commands.ts", "src/tmf/list.ts", "redis"],
      "src/redis/commands.ts": ["type:src/giacom/types.ts"],
      "src/core/errors.ts": [],
      "src/core/stores/stores.ts": [],
      "src/core/operation.ts": ["type:src/redis/stores.ts"],
      "src/masstack/client.ts": ["src/redis/stores.ts"],
      "src/tmf/list.ts": [],
      "src/giacom/types.ts": [],
    });
    expect(findViolations(shared)).toEqual([
      "src/redis/stores.ts imports src/tmf/list.ts: redis/** may not import tmf/** (redis/ builds on core/ alone) (line 4)",
      'src/redis/stores.ts imports package "redis": redis/** uses web-standard APIs; it imports no package (line 5)',
      "src/redis/commands.ts imports src/giacom/types.ts: redis/** may not import giacom/** (redis/ builds on core/ alone) (line 1, type-only)",
      "src/core/operation.ts imports src/redis/stores.ts: core/** may not import redis/** (core knows no API) (line 1, type-only)",
      "src/masstack/client.ts imports src/redis/stores.ts: masstack/** may not import redis/** (the user gives an API its stores) (line 1)",
    ]);
  });

  test("keeps generated code and the root entry to their owners", () => {
    const reachingIn = graph({
      "src/index.ts": ["src/giacom/generated/seed.ts", "src/tmf622/client.ts"],
      "src/giacom/generated/seed.ts": [],
      "src/tmf622/client.ts": ["src/index.ts"],
      "src/extras/helper.ts": [],
    });
    expect(findViolations(reachingIn)).toEqual([
      "src/index.ts imports src/giacom/generated/seed.ts: only giacom/** may import giacom/generated/** (line 1)",
      "src/index.ts imports src/tmf622/client.ts: src/index.ts may not import tmf622/** (line 2)",
      "src/tmf622/client.ts imports src/index.ts: src/index.ts is the package entry: nothing in src/ imports it (line 1)",
      "src/extras/helper.ts lies outside the zones of the import table (core/, tmf/, redis/, giacom/, tmf622/, tmf638/, masstack/, src/index.ts)",
    ]);
  });

  test("prints a three-file cycle as a file chain", () => {
    const cyclic = graph({
      "src/core/a.ts": ["src/core/b.ts"],
      "src/core/b.ts": ["src/core/c.ts"],
      "src/core/c.ts": ["src/core/a.ts"],
      "src/core/d.ts": ["src/core/a.ts"],
    });
    expect(findViolations(cyclic)).toEqual([]);
    expect(findCycles(cyclic)).toEqual(["src/core/a.ts -> src/core/b.ts -> src/core/c.ts -> src/core/a.ts"]);
  });

  test("counts a cycle made only of type imports, and a file importing itself", () => {
    const typeCycle = graph({
      "src/core/auth/client-credentials.ts": ["type:src/core/transport.ts"],
      "src/core/transport.ts": ["type:src/core/auth/client-credentials.ts"],
      "src/core/self.ts": ["type:src/core/self.ts"],
    });
    expect(findCycles(typeCycle)).toEqual([
      "src/core/auth/client-credentials.ts -type-> src/core/transport.ts -type-> src/core/auth/client-credentials.ts",
      "src/core/self.ts -type-> src/core/self.ts",
    ]);
  });

  test("names the rest of a cycle group beyond the shortest cycle", () => {
    const tangled = graph({
      "src/core/a.ts": ["src/core/b.ts"],
      "src/core/b.ts": ["src/core/a.ts", "src/core/c.ts"],
      "src/core/c.ts": ["src/core/b.ts"],
    });
    expect(findCycles(tangled)).toEqual(["src/core/a.ts -> src/core/b.ts -> src/core/a.ts (the cycle group also holds src/core/c.ts)"]);
  });
});

describe("reading imports", () => {
  test("finds every form of import, type positions included, and skips examples in comments", () => {
    const text = [
      'import { a } from "./a.js";',
      'import type { B } from "./b.js";',
      'export { c } from "./c.js";',
      'export * from "./d.js";',
      'export type { E } from "./e.js";',
      "const f = await import('./f.js');",
      'type G = import("./g.js").G;',
      'let h: typeof import("./h.js");',
      '/** @example import { x } from "giacom-sdk"; */',
      'import "./side-effect.js";',
      "const computed = await import(name);",
    ].join("\n");
    expect(collectImports("src/core/x.ts", text)).toEqual([
      { specifier: "./a.js", typeOnly: false, line: 1 },
      { specifier: "./b.js", typeOnly: true, line: 2 },
      { specifier: "./c.js", typeOnly: false, line: 3 },
      { specifier: "./d.js", typeOnly: false, line: 4 },
      { specifier: "./e.js", typeOnly: true, line: 5 },
      { specifier: "./f.js", typeOnly: false, line: 6 },
      { specifier: "./g.js", typeOnly: true, line: 7 },
      { specifier: "./h.js", typeOnly: true, line: 8 },
      { specifier: "./side-effect.js", typeOnly: false, line: 10 },
      { specifier: undefined, typeOnly: false, line: 11 },
    ]);
  });

  test("resolves .js to .ts and folders to index.ts, and reports what it cannot follow", () => {
    const sources = new Map([
      ["src/index.ts", 'export * from "./giacom/webhooks/index.js";\nimport "./giacom/client";\nimport "./giacom/gone.js";\nimport("./giacom/" + x);'],
      ["src/giacom/webhooks/index.ts", 'import type { T } from "../../core/transport.js";\nimport "../webhooks";'],
      ["src/giacom/client.ts", ""],
      ["src/core/transport.ts", 'import type { X } from "openapi-fetch";'],
    ]);
    const built = buildGraph(sources);
    expect(built.get("src/index.ts")!.map((edge) => [edge.kind, edge.to])).toEqual([
      ["file", "src/giacom/webhooks/index.ts"],
      ["file", "src/giacom/client.ts"],
      ["missing", "./giacom/gone.js"],
      ["computed", "import(<computed>)"],
    ]);
    expect(built.get("src/giacom/webhooks/index.ts")!.map((edge) => [edge.kind, edge.to])).toEqual([
      ["file", "src/core/transport.ts"],
      ["file", "src/giacom/webhooks/index.ts"],
    ]);
    expect(findViolations(built)).toEqual([
      'src/index.ts imports "./giacom/gone.js", which is no file under src/ (line 3)',
      "src/index.ts has an import() of a computed specifier, which this check cannot follow (line 4)",
      'src/core/transport.ts imports package "openapi-fetch": core/** uses web-standard APIs; its only packages are msw, msw/node in core/simulator/msw.ts (the simulator\'s MSW face); node:http in core/receiver/node.ts (a Node adapter); node:http in core/simulator/server.ts (a Node adapter) (line 1, type-only)',
    ]);
    expect(findCycles(built)).toEqual(["src/giacom/webhooks/index.ts -> src/giacom/webhooks/index.ts"]);
  });
});

describe("src/", () => {
  const real = buildGraph(readSources(fileURLToPath(new URL("..", import.meta.url))));

  test("is read in full: the root entry and its imports are in the graph", () => {
    expect(real.get("src/index.ts")?.length).toBeGreaterThan(0);
    expect([...real.values()].flat().filter((edge) => edge.kind === "file").length).toBeGreaterThan(real.size);
  });

  test("follows the import table of the architecture document", () => {
    expect(findViolations(real)).toEqual([]);
  });

  test("has no import cycle, type imports included", () => {
    expect(findCycles(real)).toEqual([]);
  });
});
