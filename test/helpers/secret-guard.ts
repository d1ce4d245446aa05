// Setup file for every test file (vitest.config.ts `test.setupFiles`): records what the test
// file writes through console and process.stdout/stderr and fails the file, in afterAll, when
// any known secret of the suite (test/helpers/secrets.ts) shows in it. Output passes through
// unchanged; each chunk is checked as it is written, and nothing else is kept.
import { format } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { KNOWN_SECRETS, SECRET_PATTERNS } from "./secrets.js";

interface Hit {
  kind: string;
  where: string;
  context: string;
}

const GUARD = Symbol.for("giacom-sdk.secret-guard");
type GuardState = { hits: Hit[] };
const global = globalThis as typeof globalThis & { [GUARD]?: GuardState };

/** Where each known secret (or pattern) occurs in `text`, with up to 80 characters of context without the secret. */
export function findSecrets(text: string, where: string): Hit[] {
  const hits: Hit[] = [];
  const context = (index: number, length: number) =>
    `${text.slice(Math.max(0, index - 40), index)}<secret>${text.slice(index + length, index + length + 40)}`.replace(/\s+/g, " ").slice(0, 80);
  for (const { kind, value } of KNOWN_SECRETS) {
    const index = text.indexOf(value);
    if (index >= 0) hits.push({ kind, where, context: context(index, value.length) });
  }
  for (const { kind, pattern } of SECRET_PATTERNS) {
    const match = pattern.exec(text);
    if (match) hits.push({ kind, where, context: context(match.index, match[0].length) });
  }
  return hits;
}

function install(): GuardState {
  const state: GuardState = { hits: [] };
  const check = (text: string, where: string) => {
    if (text) state.hits.push(...findSecrets(text, where));
  };
  // Wraps the current methods (vitest's console in the worker); vi.spyOn(console, …) in a test
  // then wraps the wrapper, and mockRestore brings it back.
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[method];
    console[method] = function (this: unknown, ...args: unknown[]) {
      check(format(...args), `console.${method}`);
      return original.apply(this, args);
    } as Console[typeof method];
  }
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    const original = stream.write;
    stream.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
      check(typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : "", `process.${name}.write`);
      return (original as (...a: unknown[]) => boolean).apply(this, [chunk, ...rest]);
    } as typeof stream.write;
  }
  return state;
}

// Once per worker even when modules are not isolated: the wrappers must not stack.
const state = (global[GUARD] ??= install());

beforeAll(() => {
  state.hits.length = 0;
});

afterAll(() => {
  const hits = state.hits.splice(0);
  if (hits.length === 0) return;
  const first = hits[0]!;
  throw new Error(
    `secret guard: ${hits.length} secret(s) in the output of this test file; first: ${first.kind} in ${first.where}: "${first.context}"` +
      (hits.length > 1 ? `; also: ${[...new Set(hits.slice(1).map((h) => `${h.kind} in ${h.where}`))].join(", ")}` : ""),
  );
});
