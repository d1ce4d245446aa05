// When and how long to wait before repeating a request.

/**
 * Retry settings of a client (or one call). Pass `retry: false` to never retry.
 * @group Client
 * @example
 * ```ts
 * createGiacomClient({ environment: "uat", credentials, retry: { maxRetries: 4, maxDelayMs: 20_000 } });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Base of the exponential backoff, in ms. Default 500. */
  baseDelayMs?: number;
  /** Longest wait between two attempts when the server gives no Retry-After, in ms. Default 8000. */
  maxDelayMs?: number;
  /** Longest Retry-After honoured, in ms; a longer one ends the call with its error. Default 60000. */
  maxRetryAfterMs?: number;
}

/**
 * Retry settings resolved with their defaults, as a transport uses them.
 * @group Client
 * @example
 * ```ts
 * const policy: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };
 * ```
 */
export type RetryPolicy = Required<RetryOptions>;

/** @internal */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 });

/** @internal */
export const NO_RETRY: RetryPolicy = Object.freeze({ ...DEFAULT_RETRY, maxRetries: 0 });

/** Statuses that say "try again": the server did not, or could not, handle the request. */
const RETRYABLE_STATUS = new Set([408, 429, 502, 503, 504]);

/**
 * @internal
 * Whether a response status may be retried. A request that is not idempotent (most POSTs)
 * is retried only on 429: the server then refused it without acting on it.
 */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  return idempotent ? RETRYABLE_STATUS.has(status) : status === 429;
}

/**
 * @internal
 * `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 10.2.3).
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // "1.5", "-3": not a valid Retry-After
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * @internal
 * The one backoff formula, for retries and polling alike: the `attempt`th exponential step from
 * `baseMs`, capped at `maxMs`, then jittered uniformly between `floor` (a share of it) and all of it.
 */
export function backoff(attempt: number, baseMs: number, maxMs: number, factor: number, floor: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * factor ** attempt);
  return ceiling * floor + random() * ceiling * (1 - floor);
}

/**
 * @internal
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, base * 2^retry)).
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  return Math.floor(backoff(retry, policy.baseDelayMs, policy.maxDelayMs, 2, 0, random));
}
