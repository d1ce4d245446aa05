// Any value as text for a message. Orders and catalogues come from outside: `${value}` and
// String(value) throw on an object whose toString is not a function.
export function show(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
