// The notifications hub (TMF688): listeners registered with a callback (and optionally an API
// key) get every event POSTed to them. A delivery not answered 202 is retried 30 s later on the
// simulator's clock, at most 3 times. Listeners in the process (a test's client) can also
// subscribe: they get every event at once, hub or no hub.
import type { Clock } from "../../core/simulator/clock.js";
import { Deliverer } from "../../core/simulator/deliverer.js";
import { isRecord, notFound } from "../../core/simulator/http.js";
import type { Delivery } from "../../core/simulator/types.js";

/** @internal A registered listener as the hub answers it. */
export interface Hub {
  id: string;
  callback: string;
  credentials?: { type: "apikey" };
}

/** @internal A listener and the API key its callback is sent with. */
export interface HubRecord {
  hub: Hub;
  apiKey: string | undefined;
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

/** @internal */
export interface NotifierOptions {
  /** Each event sent twice (a documented delivery misbehaviour). */
  duplicate: boolean;
  /** The error a registration whose body is wrong is refused with (the API's field validation error). */
  invalid: (message: string) => Error;
}

/** @internal */
export class Notifier<Event extends HubEvent> {
  private readonly deliverer: Deliverer<Event>;
  private readonly listeners = new Set<(event: Event) => void>();

  constructor(
    private readonly store: HubStore,
    private readonly clock: Clock,
    private readonly options: NotifierOptions,
  ) {
    this.deliverer = new Deliverer(clock, { accepted: (status) => status === 202, retryDelayMs: 30_000, maxRetries: 3 });
  }

  get deliveries(): Delivery<Event>[] {
    return this.deliverer.deliveries;
  }

  register(body: Record<string, unknown>): Hub {
    const { callback, credentials } = body;
    if (typeof callback !== "string" || !URL.canParse(callback) || !/^https?:$/.test(new URL(callback).protocol)) {
      throw this.options.invalid("callback must be an absolute http(s) URL (only API destinations are supported)");
    }
    let apiKey: string | undefined;
    if (credentials !== undefined) {
      if (!isRecord(credentials) || credentials.type !== "apikey" || typeof credentials.value !== "string" || credentials.value === "") {
        throw this.options.invalid('credentials must be { "type": "apikey", "value": "<api key>" }');
      }
      apiKey = credentials.value;
    }
    const hub: Hub = { id: crypto.randomUUID(), callback, ...(apiKey === undefined ? {} : { credentials: { type: "apikey" as const } }) };
    this.store.hubs.set(hub.id, { hub, apiKey });
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
    const event = { eventId: crypto.randomUUID(), eventTime: this.clock.iso(), eventType, event: structuredClone(payload) } as Event;
    for (const listener of this.listeners) {
      try {
        listener(structuredClone(event));
      } catch {
        // a listener's failure is its own: the simulator's state change has happened
      }
    }
    for (const hubId of this.store.hubs.keys()) {
      for (let copy = 0; copy < (this.options.duplicate ? 2 : 1); copy++) this.deliverer.send(() => this.destination(hubId), event);
    }
  }

  // A deleted hub gets nothing more, retries included.
  private destination(hubId: string) {
    const record = this.store.hubs.get(hubId);
    if (!record) return undefined;
    return { url: record.hub.callback, headers: record.apiKey === undefined ? {} : { Authorization: `Basic ${record.apiKey}` } };
  }
}
