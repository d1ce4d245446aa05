// Removes known secret strings from a value bound for an error, a hook or a log line.

const MASK = "[REDACTED]";
/** Deeper than this, a value is replaced: a hostile body nested 100k deep must not overflow the stack. */
const MAX_DEPTH = 64;
const TOO_DEEP = "[TRUNCATED]";

/**
 * The forms a secret can take when a server echoes it: as sent, URI-encoded (either hex case),
 * form-encoded, and escaped inside a JSON string.
 */
export function secretForms(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const forms = [
    secret,
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    new URLSearchParams([["", secret]]).toString().slice(1),
    JSON.stringify(secret).slice(1, -1),
  ];
  return [...new Set(forms)];
}

/** `value` with every occurrence of each secret (in any of its echoed forms) replaced, in strings at any depth. */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  const active = [...new Set(secrets.filter((s) => typeof s === "string" && s.length >= 4).flatMap(secretForms))]
    // Longest first, so a secret that contains another is masked whole.
    .sort((a, b) => b.length - a.length);
  const text = (v: string) => active.reduce((t, secret) => (t.includes(secret) ? t.split(secret).join(MASK) : t), v);
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return active.length ? text(v) : v;
    if (v === null || typeof v !== "object") return v;
    if (depth >= MAX_DEPTH) return TOO_DEEP;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [active.length ? text(k) : k, walk(x, depth + 1)]));
  };
  return walk(value, 0) as T;
}
