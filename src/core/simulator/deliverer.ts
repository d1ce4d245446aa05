// Sends JSON bodies to URLs a client registered (event hubs, callback URLs), on the simulator's
// clock: every attempt is recorded, and one the destination did not accept is retried later, as
// the API's profile says. The destination is looked up again at each attempt, so one removed in
// the meantime gets nothing more, retries included.
import type { Clock } from "./clock.js";
import type { Delivery } from "./types.js";

/** @internal Where a body goes: the URL and the headers beyond the JSON content type. */
export interface Destination {
  url: string;
  headers?: Record<string, string>;
}

/** @internal */
export interface DelivererOptions<Body = unknown> {
  /** Whether the status a destination answered means the body was taken; any other is retried. */
  accepted: (status: number) => boolean;
  /** Simulated time between an attempt and its retry. */
  retryDelayMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Wall-clock limit of one attempt, so a destination that never answers cannot hold the clock. Default 10 s. */
  timeoutMs?: number;
  /**
   * What sends each attempt: an in-process handler can take deliveries without a socket.
   * Default the global fetch of the moment, not one captured earlier: MSW may replace it.
   */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** The body's JSON text. Default `JSON.stringify`; an API whose bodies carry raw numbers writes its own. */
  encode?: (body: Body) => string;
}

/** @internal */
export class Deliverer<Body> {
  readonly deliveries: Delivery<Body>[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly options: DelivererOptions<Body>,
  ) {}

  /** POSTs `body` `delayMs` from now to the destination `to()` names then; `to()` returning undefined drops it. */
  send(to: () => Destination | undefined, body: Body, delayMs = 0): void {
    this.schedule(to, body, 1, delayMs);
  }

  private schedule(to: () => Destination | undefined, body: Body, attempt: number, delayMs: number): void {
    this.clock.schedule(delayMs, "delivery", () => this.attempt(to, body, attempt));
  }

  private async attempt(to: () => Destination | undefined, body: Body, attempt: number): Promise<void> {
    const destination = to();
    if (!destination) return;
    let status: number | "error";
    try {
      const send = this.options.fetch ?? fetch;
      const response = await send(destination.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", ...destination.headers },
        body: this.options.encode ? this.options.encode(body) : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      status = response.status;
      // Drained rather than cancelled: cancelling a body MSW passed through never settles (msw 2.15).
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      status = "error";
    }
    this.deliveries.push({ callback: destination.url, event: body, status, attempt });
    const taken = status !== "error" && this.options.accepted(status);
    if (!taken && attempt <= this.options.maxRetries) this.schedule(to, body, attempt + 1, this.options.retryDelayMs);
  }
}
