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

/** Whether `value` is a plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string member of a body that came from outside; undefined when either is something else. */
export function stringAt(body: unknown, key: string): string | undefined {
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : undefined;
}
