// What a runtime's fetch failure says about the network, found where runtimes put it: Node's
// undici throws `TypeError: fetch failed` with the system error (and, for a host with several
// addresses, an AggregateError of them) as its cause.

const CODE = /^[A-Z][A-Z0-9_]{2,40}$/;

/** The system error code of a failed request (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET...), if any. */
export function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== "object" || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && CODE.test(code)) return code;
  if (Array.isArray(errors)) for (const inner of errors) if (networkCode(inner, depth + 1)) return networkCode(inner, depth + 1);
  return networkCode(cause, depth + 1);
}

/** `host (CODE)`: where a request could not go, and why, for a message. Never the path or query. */
export function unreachable(url: string, error: unknown): string {
  const code = networkCode(error);
  return `${new URL(url).host}${code ? ` (${code})` : ""}`;
}
