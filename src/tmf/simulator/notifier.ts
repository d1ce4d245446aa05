// The notifications hub (TMF688): listeners registered with a callback get every event POSTed to
// them. A delivery the callback does not accept is retried 30 s later on the simulator's clock,
// at most 3 times. What a registration may carry beyond its callback (Giacom's API key, TMF's
// `query`) and which answers count as accepted are the API's: a strategy of its profile.
// Listeners in the process (a test's client) can also subscribe: they get every event at once,
// hub or no hub.
import type { Clock } from "../../core/simulator/clock.js";
import { Deliverer } from "../../core/simulator/deliverer.js";
import { notFound } from "../../core/simulator/http.js";
import type { Delivery } from "../../core/simulator/types.js";

/** @internal A registered listener as the hub answers it: its id, its callback and what the API adds. */
export interface Hub {
  id: string;
  callback: string;
  [field: string]: unknown;
}

/** @internal A listener, the headers its deliveries carry (its credentials) and which events it asked for. */
export interface HubRecord {
  hub: Hub;
  headers: Record<string, string>;
  /** Whether the listener gets an event of this type; omitted, every event. */
  wants?: (eventType: string) => boolean;
}

/** @internal Where the simulator keeps its listeners (its state, so that a reset drops them). */
export interface HubStore {
  readonly hubs: Map<string, HubRecord>;
}

/** @internal The TMF688 event envelope the hub sends. */
export interface HubEvent {
  eventId: string;
  eventTime: string;
  eventType: string;
  event: unknown;
}

/** @internal An API's event type: an envelope whose fields its spec may leave optional. */
type EventOf = Partial<HubEvent> & { eventType: string };

/**
 * @internal What an API reads from a registration beyond its callback: the fields its hub
 * answers with, the headers its deliveries carry and, when it filters, which event types it
 * gets. It throws the API's error for a body it refuses.
 */
export type Subscription = (body: Record<string, unknown>) => Omit<HubRecord, "hub"> & { fields: Record<string, unknown> };

/**
 * @internal A TMF688 registration: a callback and an optional `query`, kept and, for its
 * `eventType`, applied (`eventType=A,B` gets those events only). `invalid` is the API's 400.
 */
export function querySubscription(invalid: (message: string) => Error): Subscription {
  return (body) => {
    const extra = Object.keys(body).filter((name) => name !== "callback" && name !== "query");
    if (extra.length > 0) throw invalid(`${extra.join(", ")} ${extra.length > 1 ? "are not attributes" : "is not an attribute"} of a listener`);
    if (body.query === undefined) return { fields: {}, headers: {} };
    if (typeof body.query !== "string") throw invalid("query must be a string");
    const types = new URLSearchParams(body.query).getAll("eventType").flatMap((v) => v.split(","));
    return { fields: { query: body.query }, headers: {}, ...(types.length > 0 ? { wants: (type: string) => types.includes(type) } : {}) };
  };
}

/** @internal */
export interface NotifierOptions {
  /** Each event sent twice (a delivery misbehaviour a test may ask for). */
  duplicate: boolean;
  /** The error a registration whose body is wrong is refused with (the API's field validation error). */
  invalid: (message: string) => Error;
  /** Reads what a registration carries beyond its callback. Default: nothing more. */
  subscription?: Subscription;
  /** Whether the status a callback answered means it took the event. Default: 202 only. */
  accepted?: (status: number) => boolean;
}

/** @internal */
export class Notifier<Event extends EventOf> {
  private readonly deliverer: Deliverer<Event>;
  private readonly listeners = new Set<(event: Event) => void>();

  constructor(
    private readonly store: HubStore,
    private readonly clock: Clock,
    private readonly options: NotifierOptions,
  ) {
    this.deliverer = new Deliverer(clock, { accepted: options.accepted ?? ((status) => status === 202), retryDelayMs: 30_000, maxRetries: 3 });
  }

  get deliveries(): Delivery<Event>[] {
    return this.deliverer.deliveries;
  }

  register(body: Record<string, unknown>): Hub {
    const { callback } = body;
    if (typeof callback !== "string" || !URL.canParse(callback) || !/^https?:$/.test(new URL(callback).protocol)) {
      throw this.options.invalid("callback must be an absolute http(s) URL (only API destinations are supported)");
    }
    const { fields, ...delivery } = this.options.subscription?.(body) ?? { fields: {}, headers: {} };
    const hub: Hub = { id: crypto.randomUUID(), callback, ...fields };
    this.store.hubs.set(hub.id, { hub, ...delivery });
    return hub;
  }

  unregister(id: string): void {
    if (!this.store.hubs.delete(id)) throw notFound("Hub", id);
  }

  /** Calls `listener` with a copy of every event as it is raised; returns an unsubscribe. */
  subscribe(listener: (event: Event) => void): () => void {
    const own = (event: Event) => listener(event);
    this.listeners.add(own);
    return () => this.listeners.delete(own);
  }

  /** Sends `eventType` with a copy of the entity as it is now to every registered listener. */
  emit(eventType: Event["eventType"], payload: object): void {
    if (this.store.hubs.size === 0 && this.listeners.size === 0) return;
    const envelope: HubEvent = { eventId: crypto.randomUUID(), eventTime: this.clock.iso(), eventType, event: structuredClone(payload) };
    const event = envelope as Event;
    for (const listener of this.listeners) {
      try {
        listener(structuredClone(event));
      } catch {
        // a listener's failure is its own: the simulator's state change has happened
      }
    }
    for (const [hubId, record] of this.store.hubs) {
      if (record.wants && !record.wants(eventType)) continue;
      for (let copy = 0; copy < (this.options.duplicate ? 2 : 1); copy++) this.deliverer.send(() => this.destination(hubId), event);
    }
  }

  // A deleted hub gets nothing more, retries included.
  private destination(hubId: string) {
    const record = this.store.hubs.get(hubId);
    return record && { url: record.hub.callback, headers: record.headers };
  }
}
