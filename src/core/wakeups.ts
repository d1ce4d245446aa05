// Wake-ups between replicas: a client listens on its API's channel of the shared event bus, and
// wakes the handles waiting here on the resource a message names. One subscription per client,
// taken when the first handle waits and dropped when the last one stops, so that a finished
// script exits. A message is a hint, never state: a woken handle reads its resource itself. The
// bus failing only delays (fail open): handles go on polling, or waiting to their deadline; the
// failure is reported once, and the subscription tried again while someone waits.
import type { EventBus } from "./stores/stores.js";
import type { Logger } from "./types.js";

/**
 * What a message on a wake-up channel says: the resource changed, and (when known) its version.
 * @internal
 */
export interface WakeupHint {
  readonly version?: number | undefined;
}

/** @internal Where handles register to be woken when another replica hears of their resource. */
export interface Wakeups {
  /** Calls `wake` for each message naming `id`, until the returned function is called. */
  watch(id: string, wake: (hint: WakeupHint) => void): () => void;
}

/** @internal Options of {@link channelWakeups}. */
export interface ChannelWakeupsOptions {
  bus: EventBus;
  channel: string;
  /** The message's field naming the resource: `id` for orders, `workflowId` for MasStack workflows. */
  idField: string;
  logger: Logger | undefined;
  logPrefix: string;
}

const RETRY_FROM_MS = 1_000;
const RETRY_AT_MOST_MS = 30_000;

/** The id and version a message carries, or undefined when it is not a wake-up of ours. */
function parse(message: string, idField: string): { id: string; hint: WakeupHint } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const { [idField]: id, version } = value as Record<string, unknown>;
  if (typeof id !== "string" || id === "") return undefined;
  if (version !== undefined && (typeof version !== "number" || !Number.isFinite(version))) return undefined;
  return { id, hint: version === undefined ? {} : { version } };
}

/** @internal The wake-ups of one client on `channel` of `bus`. */
export function channelWakeups({ bus, channel, idField, logger, logPrefix }: ChannelWakeupsOptions): Wakeups {
  const watchers = new Map<string, Set<(hint: WakeupHint) => void>>();
  let count = 0;
  // The subscription in place (or being taken): resolves to its stop, or undefined when it failed.
  let active: Promise<(() => Promise<void>) | undefined> | undefined;
  let failing = false;
  let retryMs = RETRY_FROM_MS;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const log = (level: "warn" | "info", message: string, meta?: Record<string, unknown>) => {
    try {
      logger?.[level]?.(`${logPrefix}: ${message}`, meta);
    } catch {
      // a logger that throws must not stop the wake-ups
    }
  };

  const onMessage = (message: string) => {
    const parsed = parse(message, idField);
    if (!parsed) return; // not ours, or malformed: a hint nobody can use
    for (const wake of [...(watchers.get(parsed.id) ?? [])]) {
      try {
        wake(parsed.hint);
      } catch {
        // one handle's failure must not keep the others asleep
      }
    }
  };

  function subscribe(): void {
    if (active || count === 0) return;
    // A bus that throws instead of rejecting fails the same way.
    const current: Promise<(() => Promise<void>) | undefined> = new Promise<() => Promise<void>>((resolve) => resolve(bus.subscribe(channel, onMessage))).then(
      (stop) => {
        if (failing) log("info", `wake-ups from other replicas on "${channel}" work again`);
        failing = false;
        retryMs = RETRY_FROM_MS;
        return stop;
      },
      (error: unknown) => {
        if (!failing) {
          // Reported once per outage; each handle goes on polling (or waiting) meanwhile.
          log("warn", `wake-ups from other replicas on "${channel}" are off, handles go on polling: ${describe(error)}`, { channel });
        }
        failing = true;
        if (active === current) active = undefined;
        if (count > 0 && retry === undefined) {
          retry = setTimeout(() => ((retry = undefined), subscribe()), retryMs);
          retryMs = Math.min(retryMs * 2, RETRY_AT_MOST_MS);
        }
        return undefined;
      },
    );
    active = current;
  }

  function unsubscribe(): void {
    clearTimeout(retry);
    retry = undefined;
    const current = active;
    active = undefined;
    void current
      ?.then((stop) => stop?.())
      .catch(() => {
        // The subscription dies with its connection: nothing is left to undo.
      });
  }

  return {
    watch(id, wake) {
      let set = watchers.get(id);
      if (!set) watchers.set(id, (set = new Set()));
      // One entry per watch, so that the same function watched twice is stopped once each.
      const entry = (hint: WakeupHint) => wake(hint);
      set.add(entry);
      if (count++ === 0) subscribe();
      let watching = true;
      return () => {
        if (!watching) return;
        watching = false;
        set.delete(entry);
        if (set.size === 0 && watchers.get(id) === set) watchers.delete(id);
        if (--count === 0) unsubscribe();
      };
    },
  };
}

/** A failure's own words, never its cause's: a store's error is already scrubbed of secrets. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : "the event bus failed";
}
