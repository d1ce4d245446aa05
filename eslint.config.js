// One linter for the whole tree (generated code and build output excepted).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

// The import table of the architecture document (issue 12), said while one types. The full check
// is test/architecture.test.ts: it resolves each path, reads import() and import("…") types too,
// and fails on cycles. Here a relative path is matched as written, so "climbs into a folder named
// giacom" stands for "imports src/giacom/" (core/ and tmf/ have no folders named after an API).
const APIS = ["giacom", "tmf622", "tmf638", "masstack"];
const TMF_APIS = ["giacom", "tmf622", "tmf638"];
const climbsInto = (folders) => `^(\\.\\./)+(${folders.join("|")})(/|$)`;
// Any bare specifier except the granted ones; the grants match the test's PACKAGE_GRANTS.
const packagesExcept = (granted) => `^(?![./]${granted.map((name) => `|${name}$`).join("")})`;
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const coreOnly = {
  regex: climbsInto([...APIS, "tmf", "redis"]),
  message: "core/ knows no API: it imports only core/** (not tmf/, redis/, an API folder or its generated/).",
};
const corePackages = (granted, where) => ({ regex: packagesExcept(granted), message: `core/ uses web-standard APIs; ${where}.` });
const CORE_GRANTS = "msw only in core/simulator/msw.ts, node:http only in the Node adapters core/receiver/node.ts and core/simulator/server.ts";
const apiRules = (api, granted) => [
  {
    regex: climbsInto(APIS.filter((other) => other !== api).concat(TMF_APIS.includes(api) ? [] : ["tmf"])),
    message: TMF_APIS.includes(api)
      ? `${api}/ imports core/**, tmf/** and its own files: API folders never import each other.`
      : `${api}/ imports core/** and its own files: it uses no tmf/, and API folders never import each other.`,
  },
  { regex: packagesExcept(granted), message: `${api}/ uses web-standard APIs (msw only in ${api}/mock/).` },
];
const importTable = [
  { files: ["src/core/**/*.ts"], rules: restrict(coreOnly, corePackages([], CORE_GRANTS)) },
  { files: ["src/core/simulator/msw.ts"], rules: restrict(coreOnly, corePackages(["msw", "msw/node"], "the MSW face may import msw and msw/node only")) },
  {
    files: ["src/core/receiver/node.ts", "src/core/simulator/server.ts"],
    rules: restrict(coreOnly, corePackages(["node:http"], "a Node adapter may import node:http only")),
  },
  {
    files: ["src/tmf/**/*.ts"],
    rules: restrict(
      { regex: climbsInto(APIS), message: "tmf/ holds what TMF APIs share: it imports core/** and zod/mini, never an API folder." },
      { regex: packagesExcept(["zod/mini"]), message: "tmf/ uses web-standard APIs and zod/mini only." },
    ),
  },
  {
    files: ["src/redis/**/*.ts"],
    rules: restrict(
      { regex: climbsInto([...APIS, "tmf"]), message: "redis/ builds on core/ alone: it imports core/** and its own files." },
      { regex: packagesExcept([]), message: "redis/ uses web-standard APIs: the user's Redis client comes in through RedisConnection, never an import." },
    ),
  },
  ...APIS.flatMap((api) => [
    { files: [`src/${api}/**/*.ts`], rules: restrict(...apiRules(api, [])) },
    {
      files: [`src/${api}/mock/**/*.ts`],
      rules: restrict(...apiRules(api, ["msw"]), {
        regex: "^(\\.\\./)+(client(\\.js)?|namespaces(/.*)?)$",
        message: `A simulator never imports its client: ${api}/mock/ may not import ${api}/client.ts or ${api}/namespaces/.`,
      }),
    },
  ]),
  {
    files: ["src/index.ts"],
    rules: restrict(
      { regex: "(^|/)generated(/|$)", message: "Only src/<api>/ imports its own generated/; the root entry re-exports the public aliases." },
      { regex: packagesExcept([]), message: "The root entry imports no package." },
      {
        regex: `^\\./(${APIS.filter((api) => api !== "giacom").join("|")})(/|$)`,
        message: "The root entry is giacom-sdk: other APIs have their own subpath entries.",
      },
    ),
  },
];

export default tseslint.config(
  { ignores: ["dist/", "docs-out/", "src/*/generated/", "node_modules/", "coverage/", "readme-example.tmp-*/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    // CommonJS files exist to check the package from CommonJS consumers: require is the point.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Tests build hostile and partial inputs on purpose, and reach into them.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
  ...importTable,
);
