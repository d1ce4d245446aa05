// Correlation ids: crypto.randomUUID is on every fetch runtime we support (Node 20+, Bun,
// Deno, workers); the fallback only serves runtimes without Web Crypto.
let counter = 0;

export function newCorrelationId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  counter = (counter + 1) % 0x1000000;
  return `${Date.now().toString(16)}-${counter.toString(16)}-${Math.random().toString(16).slice(2, 10)}`;
}
