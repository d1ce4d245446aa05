// The runtime's name and version for a User-Agent, read the way each runtime offers it:
// `navigator.userAgent` (Deno, Bun, Node 21+, workers), else Node 20's `process.versions`.
// Feature detection only: nothing here imports a runtime module.

export function runtime(): string {
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  // A browser's long agent string says nothing useful here (and browsers keep their own).
  if (typeof agent === "string" && /^[\w.-]+\/[\w.-]+$/.test(agent)) return agent;
  const node = (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node;
  return typeof node === "string" ? `Node.js/${node}` : "unknown-runtime";
}
