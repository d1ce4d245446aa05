// A long-running resource followed to its end: an awaitable handle that polls with backoff,
// wakes early on events, reports progress only on real changes, and serialises to a token so
// that another process can resume it after a restart. What the resource is, when it is over
// and which error says so are the profile's strategies. A resource that cannot be read (an
// API that only calls back) is followed by its events alone: the handle then never polls.
import { ConfigurationError } from "./errors.js";
import { backoff } from "./retry.js";

/**
 * How handles poll: from `initialDelayMs`, times `factor` each time, at most `maxDelayMs`,
 * each wait jittered between half and all of it.
 * @group Operations
 * @example
 * ```ts
 * const polling: PollingOptions = { initialDelayMs: 2_000, maxDelayMs: 60_000 };
 * ```
 */
export interface PollingOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
}

/**
 * Options of `wait()`: both only stop waiting; neither cancels the operation.
 * @group Operations
 * @example
 * ```ts
 * const done = await operation.wait({ timeoutMs: 10 * 60_000 });
 * ```
 */
export interface WaitOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * Where handles hear of changes before their next poll: a receiver's `subscribe`.
 * @group Operations
 * @example
 * ```ts
 * const events: OperationEvents<{ id: string; state: string }> = { subscribe: (listener) => receiver.subscribe((e) => listener(e.event, { duplicate: false })) };
 * ```
 */
export interface OperationEvents<E> {
  subscribe(listener: (event: E, meta: { duplicate: boolean }) => void): () => void;
}

/**
 * What an API profile tells the engine about one kind of long-running resource `T`: how to read
 * it, when it is over, which error says it failed, and what a token to resume it holds. Without
 * `read` the handle never polls: it ends on an event (`events` and `matches`) or, for a
 * waiter, at its `timeoutMs`.
 * @group Operations
 * @example
 * ```ts
 * const jobs: OperationStrategy<Job, { id: string }> = {
 *   id: (job) => job.id,
 *   read: async (id, options) => (await http.send(getJob, { params: { path: { id } } }, options)).data,
 *   isFinal: (job) => job.state === "done" || job.state === "failed",
 *   progressed: (previous, next) => previous?.state !== next.state,
 *   failure: (job) => (job.state === "failed" ? new Error(`job ${job.id} failed`) : undefined),
 *   timeout: (last, ms) => new Error(`job ${last?.id} still running after ${ms} ms`),
 *   token: (last) => ({ id: last!.id }),
 *   polling: { initialDelayMs: 1_000, maxDelayMs: 30_000, factor: 1.5 },
 * };
 * ```
 */
export interface OperationStrategy<T, Token, E = never, C = never, R = never> {
  /** The id a snapshot names its resource by. */
  id(value: T): string;
  /** Reads the resource again; without it the handle never polls and follows `events` only. */
  read?(id: string, options?: { signal: AbortSignal }): Promise<T>;
  /** Asks the server to stop the operation; the handle then reads the resource at once (when it can). */
  cancel?(id: string, options?: C): Promise<R>;
  /** Whether a snapshot ends the operation. */
  isFinal(value: T): boolean;
  /** Whether `next` differs from `previous` in a way a user follows. */
  progressed(previous: T | undefined, next: T): boolean;
  /** Whether `next` is older than `last` (events can arrive late or twice): it is then ignored. */
  stale?(last: T, next: T): boolean;
  /** The error a final snapshot rejects with; falsy when it is a success. */
  failure(value: T): unknown;
  /** The error a `wait({ timeoutMs })` that ran out rejects with. */
  timeout(last: T | undefined, timeoutMs: number): unknown;
  /** What `toJSON()` gives: enough to find the resource again. */
  token(last: T | undefined): Token;
  /** How `read` is repeated; needed only with `read`. */
  polling?: Required<PollingOptions>;
  events?: OperationEvents<E> | undefined;
  /**
   * Where the handle hears, while it waits, that its resource changed elsewhere (another
   * replica received the event): it then reads the resource at once instead of at its next
   * poll. `watch` returns the function that stops; the handle calls it when no one waits.
   */
  wakeups?: { watch(id: string, wake: () => void): () => void } | undefined;
  /** The snapshot an event carries for this operation; falsy when the event is about something else. */
  matches?(event: E, last: T): T | false | undefined;
}

/**
 * An awaitable, resumable handle on a long-running resource: awaiting it resolves with the final
 * snapshot, or rejects with the strategy's failure. A failure nobody asks for (no await, `wait`,
 * `submitted`, `cancel`, `onProgress` or `toJSON`) is an unhandled rejection, as with any
 * promise. Profiles name and extend it.
 * @group Operations
 * @example
 * ```ts
 * const job: OperationHandle<Job, { id: string }> = createOperation(jobs, startJob());
 * job.onProgress((j) => console.log(j.state));
 * await job;
 * ```
 */
export interface OperationHandle<T, Token, C = never, R = never> extends PromiseLike<T> {
  /** The most recent snapshot seen. */
  readonly lastKnown: T | undefined;
  /** Resolves with the first snapshot: once the resource was created (or found). */
  submitted(): Promise<T>;
  /** Waits for the end; aborting or timing out stops the waiting only. */
  wait(options?: WaitOptions): Promise<T>;
  onProgress(listener: (value: T, previous: T | undefined) => void): () => void;
  /** Asks the server to stop the operation (the strategy's `cancel`) and follows it to its end. */
  cancel(options?: C): Promise<R>;
  toJSON(): Token;
}

/**
 * Follows the resource `start` resolves with until a snapshot ends it: polls with backoff
 * (jittered, the retry formula), wakes early on events, reports progress only on real changes.
 * @group Operations
 * @example
 * ```ts
 * const job = createOperation(jobs, http.send(createJob, { body }).then((sent) => sent.data));
 * const done = await job.wait({ timeoutMs: 600_000 });
 * ```
 */
export function createOperation<T, Token, E = never, C = never, R = never>(
  strategy: OperationStrategy<T, Token, E, C, R>,
  start: Promise<T>,
): OperationHandle<T, Token, C, R> {
  const { polling = { initialDelayMs: 1_000, maxDelayMs: 30_000, factor: 1.5 } } = strategy;
  let current: T | undefined;
  const listeners = new Set<(value: T, previous: T | undefined) => void>();
  let succeed!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const final = new Promise<T>((resolve, reject) => ((succeed = resolve), (fail = reject)));
  let ended = false;
  let waiters = 0;
  let following = false;
  let wake: (() => void) | undefined;
  // A wake-up heard while a read was in flight: that read may predate the change, so read again.
  let nudged = false;
  // Stops the poll in flight when the last waiter leaves: nothing must outlive the waiting.
  let pollAbort: AbortController | undefined;

  const observe = (value: T) => {
    if (ended || (current !== undefined && strategy.stale?.(current, value))) return;
    const previous = current;
    current = value;
    if (strategy.progressed(previous, value)) {
      for (const listener of listeners) {
        try {
          listener(value, previous);
        } catch {
          // a listener's failure must not stop the following
        }
      }
    }
    if (strategy.isFinal(value)) {
      ended = true;
      const error = strategy.failure(value);
      if (error) fail(error);
      else succeed(value);
      wake?.();
    }
  };

  const started = start.then((value) => (observe(value), value));
  started.catch((error: unknown) => {
    ended = true;
    fail(error);
  });

  const unsubscribe = strategy.events?.subscribe((event, meta) => {
    if (meta.duplicate || current === undefined) return;
    const value = strategy.matches?.(event, current);
    if (value) {
      observe(value);
      wake?.();
    }
  });
  // A failure nobody asked about is an unhandled rejection, as with any promise: using the
  // handle (awaiting it, wait, submitted, cancel, onProgress, toJSON) is asking.
  const untouched = final.finally(() => unsubscribe?.());
  const touch = () => void untouched.catch(() => undefined);

  async function follow(): Promise<void> {
    // Nothing to poll: the end comes from an event, or the waiter's deadline.
    if (following || !strategy.read) return;
    following = true;
    let abandoned = false;
    let unwatch: (() => void) | undefined;
    try {
      await started;
      if (strategy.wakeups && !ended && waiters > 0) {
        unwatch = strategy.wakeups.watch(strategy.id(current!), () => {
          nudged = true;
          wake?.();
        });
      }
      for (let attempt = 0; !ended && waiters > 0; attempt++) {
        if (!nudged) {
          const delay = backoff(attempt, polling.initialDelayMs, polling.maxDelayMs, polling.factor, 0.5);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delay);
            wake = () => (clearTimeout(timer), resolve());
          });
          wake = undefined;
        }
        nudged = false;
        if (ended || waiters === 0) break;
        const poll = (pollAbort = new AbortController());
        try {
          observe(await strategy.read!(strategy.id(current!), { signal: poll.signal }));
        } catch (error) {
          // Every waiter left while the poll was in flight: the poll was abandoned, the operation is not over.
          if (poll.signal.aborted) {
            abandoned = true;
            break;
          }
          throw error;
        }
      }
    } catch (error) {
      // The resource could no longer be read (after the transport's own retries): tell the waiters.
      ended = true;
      fail(error);
    } finally {
      unwatch?.();
      pollAbort = undefined;
      following = false;
    }
    // A waiter who arrived while the abandoned poll was winding down is followed afresh.
    if (abandoned && waiters > 0 && !ended) void follow();
  }

  const operation: OperationHandle<T, Token, C, R> = {
    get lastKnown() {
      return current;
    },
    submitted: () => (touch(), started),
    wait({ signal, timeoutMs } = {}) {
      touch();
      waiters++;
      void follow();
      return new Promise<T>((resolve, reject) => {
        const timer = timeoutMs === undefined ? undefined : setTimeout(() => done(() => reject(strategy.timeout(current, timeoutMs))), timeoutMs);
        const onAbort = () => done(() => reject(signal!.reason));
        const done = (then: () => void) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          if (--waiters === 0) {
            // The last waiter gave up: end the poll's sleep and request now, not at their end.
            wake?.();
            pollAbort?.abort();
          }
          then();
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
        final.then(
          (value) => done(() => resolve(value)),
          (error: unknown) => done(() => reject(error)),
        );
      });
    },
    onProgress(listener) {
      touch();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async cancel(options) {
      touch();
      if (!strategy.cancel) throw new ConfigurationError("strategy.cancel", "is required to cancel an operation: this resource cannot be cancelled");
      const id = strategy.id(await started);
      const result = await strategy.cancel(id, options);
      // The resource ends cancelled: read it so that waiters see it without waiting a poll.
      if (!ended && strategy.read) observe(await strategy.read(id));
      return result;
    },
    toJSON: () => (touch(), strategy.token(current)),
    then(onFulfilled, onRejected) {
      return operation.wait().then(onFulfilled, onRejected);
    },
  };
  return operation;
}
