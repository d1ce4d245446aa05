// node import-probe.cjs <require|import> <specifier>...
// Loads the given entry points and fails if loading them did observable work: a network call
// (socket connect, DNS lookup, http(s) request, fetch), a timer or an immediate scheduled, or a
// new handle that is still active once the modules are loaded. It does not call process.exit:
// the caller also times how long the process takes to end by itself.
"use strict";
const dns = require("node:dns");
const http = require("node:http");
const https = require("node:https");
const net = require("node:net");

const [mode, ...specifiers] = process.argv.slice(2);
if (!["require", "import"].includes(mode) || specifiers.length === 0) throw new Error("usage: node import-probe.cjs <require|import> <specifier>...");

const calls = [];
let recording = true;
function watch(owner, key, label) {
  const original = owner[key];
  if (typeof original !== "function") return;
  owner[key] = function (...args) {
    if (recording) calls.push(label);
    return original.apply(this, args);
  };
}
watch(net.Socket.prototype, "connect", "net.Socket#connect");
watch(dns, "lookup", "dns.lookup");
watch(dns.promises, "lookup", "dns.promises.lookup");
for (const [name, mod] of [
  ["http", http],
  ["https", https],
]) {
  watch(mod, "request", `${name}.request`);
  watch(mod, "get", `${name}.get`);
}
for (const key of ["fetch", "setTimeout", "setInterval", "setImmediate"]) watch(globalThis, key, key);

// Node creates the stdout/stderr handles on first use (msw's import touches them): create them
// now, so that only handles the imported code opens are counted.
void process.stdout;
void process.stderr;
const count = (list) => list.reduce((map, item) => map.set(item, (map.get(item) ?? 0) + 1), new Map());
const before = count(process.getActiveResourcesInfo());

async function main() {
  for (const specifier of specifiers) {
    if (mode === "require") require(specifier);
    else await import(specifier);
  }
  recording = false;
  const added = [];
  // File requests still in flight are the module loader's own reads and closes, not the SDK's.
  const loaderFs = /^(FSReq\w*|CloseReq|FileHandle\w*)$/;
  for (const [resource, n] of count(process.getActiveResourcesInfo().filter((r) => !loaderFs.test(r)))) {
    for (let i = before.get(resource) ?? 0; i < n; i++) added.push(resource);
  }
  const mswLoaded = Object.keys(require.cache).filter((file) => /[\\/]node_modules[\\/]msw[\\/]/.test(file));
  const problems = [];
  if (calls.length > 0) problems.push(`called at import time: ${[...new Set(calls)].join(", ")}`);
  if (added.length > 0) problems.push(`active handles after import: ${added.join(", ")}`);
  if (mode === "require" && !specifiers.some((s) => s.endsWith("/mock")) && mswLoaded.length > 0)
    problems.push(`loaded msw (${mswLoaded.length} files) without a simulator entry (giacom-sdk/mock, giacom-sdk/tmf622/mock, giacom-sdk/tmf638/mock)`);
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    process.exitCode = 1;
  }
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
