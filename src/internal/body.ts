// Reading a response body with a bound on what it may cost, with web-standard APIs only.

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
