// Moving a simulator's clock while a call made against it is pending, so that code which awaits
// a long-running operation can be tested without waiting for it in real time. The call's
// requests are let through first (the clock never moves while the simulator is answering), then
// the clock jumps to the next thing due, and again, until the call settles. The client's own
// waits (poll backoff, timeouts) are real timers and are left alone: a client that hears the
// simulator's events wakes at once, one that polls sees the new state at its next poll.
import type { Clock } from "./clock.js";
import type { SimulatorHandle } from "./types.js";

/**
 * Options of a simulator's `run()`.
 * @group Simulator
 * @example
 * ```ts
 * const options: RunOptions = { step: 60_000, limit: 7 * 24 * 3_600_000 }; // a minute at a time, a week at most
 * ```
 */
export interface RunOptions {
  /**
   * Simulated milliseconds each move of the clock goes forward. Default: straight to the moment
   * the next change or delivery falls due.
   */
  step?: number;
  /** The most simulated milliseconds to go forward before giving up with an error. Default 24 hours. */
  limit?: number;
}

const DAY_MS = 86_400_000;

/** @internal Counts the requests a simulator is answering and tells waiters when one starts or ends. */
export class Traffic {
  inFlight = 0;
  private waiters: (() => void)[] = [];

  /** The same handler, counted. */
  wrap(handle: SimulatorHandle): SimulatorHandle {
    return async (request, at) => {
      this.change(1);
      try {
        return await handle(request, at);
      } finally {
        this.change(-1);
      }
    };
  }

  /** Resolves when a request starts or ends. */
  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private change(by: number): void {
    this.inFlight += by;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Readable simulated time in an error message: "90000 ms (1.5 min)". */
function span(ms: number): string {
  const units: [number, string][] = [
    [DAY_MS, "d"],
    [3_600_000, "h"],
    [60_000, "min"],
    [1_000, "s"],
  ];
  const unit = units.find(([size]) => ms >= size);
  return unit ? `${ms} ms (${Number((ms / unit[0]).toFixed(2))} ${unit[1]})` : `${ms} ms`;
}

/**
 * @internal Settles like `work`, moving `clock` forward while it is pending; rejects with an
 * error saying how far the clock went when `work` is still pending past `limit`.
 */
export async function drive<T>(clock: Clock, traffic: Traffic, work: PromiseLike<T>, options: RunOptions = {}, name = "run"): Promise<T> {
  const { step, limit = DAY_MS } = options ?? {};
  if (step !== undefined && (typeof step !== "number" || !Number.isFinite(step) || step <= 0))
    throw new RangeError(`${name}(): step must be a finite number of milliseconds > 0`);
  if (typeof limit !== "number" || Number.isNaN(limit) || limit < 0) throw new RangeError(`${name}(): limit must be a number of milliseconds >= 0`);

  let settled = false;
  const outcome = Promise.resolve(work).finally(() => (settled = true));
  // For racing only: `outcome` itself is what the caller gets.
  const over = outcome.then(
    () => undefined,
    () => undefined,
  );
  const nextTurn = () => Promise.race([over, new Promise<void>((resolve) => setTimeout(resolve, 0))]);
  const activity = () => Promise.race([over, traffic.next()]);

  let advanced = 0;
  for (;;) {
    // A turn of the event loop: what the call does next (a request, a timer of 0) happens first.
    await nextTurn();
    if (settled) return outcome;
    // The clock stands still while the simulator answers: the answer shows the time it was asked.
    if (traffic.inFlight > 0) {
      await activity();
      continue;
    }
    const due = clock.nextIn;
    // Nothing scheduled: only the caller can make something happen (its next request, or a
    // real timer of its own such as a poll).
    if (due === undefined) {
      await activity();
      continue;
    }
    const by = step ?? due;
    if (advanced + by > limit) {
      if (advanced >= limit) {
        throw new Error(
          `${name}(): the call is still pending after moving the simulator's clock forward ${span(advanced)}, the limit; ` +
            `${clock.pending} change(s) or deliveries are still scheduled, the next in ${span(due)}. ` +
            `Raise { limit } if the call really takes longer, or look for what keeps it from ending.`,
        );
      }
      // Up to the limit exactly: what falls due before it still happens.
      await clock.advance(limit - advanced);
      advanced = limit;
      continue;
    }
    await clock.advance(by);
    advanced += by;
  }
}
