// README.md is read on a fresh clone and inside the installed package (node_modules/giacom-sdk/):
// its list of methods must be the client's, and its links must lead somewhere from both.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createGiacomClient } from "giacom-sdk";

const root = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(`${root}README.md`, "utf8");
const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { repository: { url: string }; homepage: string; bugs: { url: string } };
const REPOSITORY = "https://github.com/giacom-sdk/giacom-sdk";

/** Every `[text](target)` and `<https://...>` of the README, outside code blocks. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, "");
  return [...[...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!), ...[...prose.matchAll(/<(https?:\/\/[^>\s]+)>/g)].map((m) => m[1]!)];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\w\- ]/g, "")
    .replace(/ /g, "-");

describe("README.md's list of methods", () => {
  it("names every namespace of the client and every method of each, and nothing else", () => {
    const table = readme.slice(readme.indexOf("| namespace | methods |"));
    const rows = table.split("\n").slice(2);
    const listed = Object.fromEntries(
      rows
        .slice(
          0,
          rows.findIndex((row) => !row.startsWith("|")),
        )
        .map((row) => {
          const [namespace, methods] = row.split("|").slice(1, 3);
          return [/`giacom\.([\w.]+)`/.exec(namespace!)![1]!, [...methods!.matchAll(/`(\w+)`/g)].map((m) => m[1]!).sort()];
        }),
    );
    // No request is made: the client is only looked at.
    const giacom = createGiacomClient({
      baseUrl: "http://127.0.0.1:9/v2",
      tokenUrl: "http://127.0.0.1:9/token",
      credentials: { clientId: "id", clientSecret: "secret" },
    });
    // Every object of functions the client holds, by its path: namespaces and namespaces within them.
    const actual: Record<string, string[]> = {};
    const collect = (path: string, value: object) => {
      const entries = Object.entries(value);
      actual[path] = entries
        .filter(([, v]) => typeof v === "function")
        .map(([name]) => name)
        .sort();
      for (const [name, v] of entries) if (typeof v === "object" && v !== null) collect(`${path}.${name}`, v);
    };
    for (const [namespace, methods] of Object.entries(giacom)) collect(namespace, methods as object);
    expect(listed).toEqual(actual);
    expect(listed.serviceOrders).toEqual(expect.arrayContaining(["submit", "validate", "track", "resume", "cancel"]));
  });
});

describe("README.md's links", () => {
  const all = links(readme);

  it("to files lead to files the package ships, so they work from the installed tarball", { timeout: 60_000 }, () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const shipped = (JSON.parse(out.slice(out.indexOf("["))) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    const relative = all.filter((link) => !/^[a-z]+:/i.test(link) && !link.startsWith("#")).map((link) => link.replace(/#.*$/, "").replace(/^\.\//, ""));
    expect(relative.length).toBeGreaterThan(10);
    // A folder is no link target: typedoc, which copies the README's linked files into the API
    // reference, refuses it.
    const missing = relative.filter((path) => !shipped.includes(path));
    expect(missing).toEqual([]);
  });

  it("to the repository name files that exist in it, and the package names the same repository", () => {
    const inRepository = all.filter((link) => link.startsWith(`${REPOSITORY}/`)).map((link) => /^\S+?\/(?:blob|tree)\/main\/(.+)$/.exec(link)?.[1] ?? link);
    const absent = inRepository.filter((path) => path !== `${REPOSITORY}/issues` && !existsSync(`${root}${path}`));
    expect(absent).toEqual([]);
    expect(inRepository.length).toBeGreaterThan(0);
    expect(pkg.repository.url).toBe(`git+${REPOSITORY}.git`);
    expect(pkg.homepage).toBe(`${REPOSITORY}#readme`);
    expect(pkg.bugs.url).toBe(`${REPOSITORY}/issues`);
  });

  it("within the page lead to a heading", () => {
    const headings = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1]!)));
    const broken = all.filter((link) => link.startsWith("#") && !headings.has(link.slice(1)));
    expect(broken).toEqual([]);
    expect(all.filter((link) => link.startsWith("#")).length).toBeGreaterThan(0);
  });
});
