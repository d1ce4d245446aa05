// What the SDK does with a response before trusting it: redirects it never follows, bodies read
// with a bound on what they may cost, tokens checked before they travel. Web-standard APIs only.

/** Thrown by {@link readText} when a body is larger than allowed (after decompression). */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the body is larger than ${limit} bytes`);
  }
}

/**
 * The body as text, refusing more than `limit` bytes as delivered by fetch: after any
 * Content-Encoding was undone, so a small compressed bomb is stopped as it inflates. The
 * stream is cancelled when the limit is passed, so nothing more is downloaded or inflated.
 */
export async function readText(response: Response, limit: number, signal?: AbortSignal): Promise<string> {
  const body = response.body;
  if (!body) return "";
  const length = response.headers.get("content-length");
  const encoding = response.headers.get("content-encoding");
  // A declared identity-encoded length is enforced by the HTTP parser itself: read it whole.
  if (length !== null && (encoding === null || encoding === "identity") && /^\d{1,15}$/.test(length)) {
    if (Number(length) > limit) {
      void body.cancel().catch(() => undefined);
      throw new BodyTooLarge(limit);
    }
    return response.text();
  }
  const reader = body.getReader();
  // A fetch that ignores its signal (a custom one) still stops downloading when the call ends.
  const stop = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener("abort", stop, { once: true });
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > limit) throw new BodyTooLarge(limit);
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    stop();
    throw error;
  } finally {
    signal?.removeEventListener("abort", stop);
  }
}

/** Cancels whatever is left of a body nobody will read; never throws. */
export function discard(response: Response | undefined): void {
  if (response?.body && !response.bodyUsed && !response.body.locked) void response.body.cancel().catch(() => undefined);
}

/** Whether a response is a redirect the runtime did not follow (a 3xx, or opaque in browsers), or one a fetch of the user's did. */
export function isRedirect(response: Response): boolean {
  return (response.status >= 300 && response.status < 400 && response.status !== 304) || response.type === "opaqueredirect" || response.redirected;
}

/**
 * The origin a redirect points to, resolved against the request URL; undefined when absent or
 * unreadable. Only the origin: a path or query may carry what must not be shown.
 */
export function redirectTarget(response: Response, requestUrl: string): string | undefined {
  // A fetch of the user's that followed the redirect itself: where it ended is the target.
  const location = response.redirected ? response.url : response.headers.get("location");
  if (!location) return undefined;
  try {
    const origin = new URL(location, requestUrl).origin;
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Why a token is refused; the token itself is never shown, as it may be an echo of anything, a secret included. */
export const MALFORMED_TOKEN = "a malformed access token (not 1 to 16384 visible ASCII characters)";

/** Whether a token can travel in a header: visible ASCII (RFC 6750's b64token is stricter), bounded. */
export const isWellFormedToken = (token: unknown): token is string => typeof token === "string" && /^[\x21-\x7e]{1,16384}$/.test(token);
