// Credentials only travel over HTTPS, except to this machine (tests, local simulators).

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Whether `url` names this machine. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK.test(url.hostname);
}

/**
 * Parses an absolute http(s) URL; returns a reason when it is not acceptable.
 * Plain HTTP is accepted only for loopback hosts, unless `allowInsecure`.
 */
export function checkUrl(value: unknown, allowInsecure: boolean): { url: URL } | { problem: string } {
  if (typeof value !== "string" || value === "") return { problem: "must be an absolute URL string" };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `"${value}" is not an absolute URL` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { problem: `protocol ${url.protocol} is not http(s)` };
  if (url.username || url.password) return { problem: "must not carry credentials; use the credentials option" };
  if (url.protocol === "http:" && !allowInsecure && !isLoopback(url)) {
    return { problem: `plain HTTP to ${url.host} would expose credentials; use https, a loopback host, or allowInsecureHttp: true` };
  }
  return { url };
}
