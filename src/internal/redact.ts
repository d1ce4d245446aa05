// Removes known secret strings from a value bound for an error, a hook or a log line.

const MASK = "[REDACTED]";

/** `value` with every occurrence of each secret replaced, in strings at any depth. */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  const active = secrets.filter((s) => s.length >= 4);
  if (active.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return active.reduce((text, secret) => text.split(secret).join(MASK), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
