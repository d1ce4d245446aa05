// The notifications hub: listeners registered with a callback (and optionally an API key) get
// every event POSTed to them. A delivery not answered 202 is retried, as the document says,
// 30 s later on the simulator's clock, at most 3 times.
import type { Hub } from "../../giacom/types.js";
import type { Clock } from "../../core/simulator/clock.js";
import { bodyError, isRecord, notFound } from "../../giacom/mock/http.js";
import type { Delivery, SimulatorEvent } from "../../giacom/mock/options.js";
import type { State } from "../../giacom/mock/state.js";

const RETRY_DELAY_MS = 30_000;
const MAX_RETRIES = 3;
/** Wall-clock limit of one delivery, so a callback that never answers cannot hold the clock. */
const DELIVERY_TIMEOUT_MS = 10_000;

type Payload = { ServiceOrder: unknown } | { CancelServiceOrder: unknown } | { service: unknown };

export class Notifier {
  readonly deliveries: Delivery[] = [];

  constructor(
    private readonly state: State,
    private readonly clock: Clock,
    private readonly duplicate: boolean,
  ) {}

  register(body: Record<string, unknown>): Hub {
    const { callback, credentials } = body;
    if (typeof callback !== "string" || !URL.canParse(callback) || !/^https?:$/.test(new URL(callback).protocol)) {
      throw bodyError("callback must be an absolute http(s) URL (only API destinations are supported)");
    }
    let apiKey: string | undefined;
    if (credentials !== undefined) {
      if (!isRecord(credentials) || credentials.type !== "apikey" || typeof credentials.value !== "string" || credentials.value === "") {
        throw bodyError('credentials must be { "type": "apikey", "value": "<api key>" }');
      }
      apiKey = credentials.value;
    }
    const hub: Hub = { id: crypto.randomUUID(), callback, ...(apiKey === undefined ? {} : { credentials: { type: "apikey" as const } }) };
    this.state.hubs.set(hub.id, { hub, apiKey });
    return hub;
  }

  unregister(id: string): void {
    if (!this.state.hubs.delete(id)) throw notFound("Hub", id);
  }

  /** Sends `eventType` with a copy of the entity as it is now to every registered listener. */
  emit(eventType: SimulatorEvent["eventType"], payload: Payload): void {
    if (this.state.hubs.size === 0) return;
    const event = { eventId: crypto.randomUUID(), eventTime: this.clock.iso(), eventType, event: structuredClone(payload) } as SimulatorEvent;
    for (const hubId of this.state.hubs.keys()) {
      for (let copy = 0; copy < (this.duplicate ? 2 : 1); copy++) this.schedule(hubId, event, 1, 0);
    }
  }

  private schedule(hubId: string, event: SimulatorEvent, attempt: number, delayMs: number): void {
    this.clock.schedule(delayMs, "delivery", () => this.deliver(hubId, event, attempt));
  }

  private async deliver(hubId: string, event: SimulatorEvent, attempt: number): Promise<void> {
    // A deleted hub gets nothing more, retries included.
    const record = this.state.hubs.get(hubId);
    if (!record) return;
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
    if (record.apiKey !== undefined) headers.Authorization = `Basic ${record.apiKey}`;
    let status: number | "error";
    try {
      const response = await fetch(record.hub.callback, {
        method: "POST",
        headers,
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      status = response.status;
      // Drained rather than cancelled: cancelling a body MSW passed through never settles (msw 2.15).
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      status = "error";
    }
    this.deliveries.push({ callback: record.hub.callback, event, status, attempt });
    if (status !== 202 && attempt <= MAX_RETRIES) this.schedule(hubId, event, attempt + 1, RETRY_DELAY_MS);
  }
}
