// Injected failures, matched per request and counted down. They sit in front of everything, as
// a failing network or gateway would: a fault answers before authentication, except `drop`
// "after" and `malformed`, which let the simulator act first.
import { json, type ErrorBodyStrategy } from "./http.js";
import type { Fault, FaultOptions, FaultTarget } from "./types.js";

interface Armed {
  target: FaultTarget;
  fault: Fault;
  remaining: number;
}

/** @internal */
export interface Target {
  kind: "token" | "api";
  method: string;
  /** The path under the base URL (API requests only). */
  path: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function check(target: FaultTarget, fault: Fault, times: number): void {
  if (target !== "token" && (typeof target !== "object" || target === null || !(typeof target.path === "string" || target.path instanceof RegExp))) {
    throw new TypeError('fault(): target must be "token" or { method?, path: string | RegExp }');
  }
  if (!(times >= 1)) throw new RangeError("fault(): times must be at least 1 (Infinity for every request)");
  const ok =
    (fault.kind === "latency" && Number.isFinite(fault.ms) && fault.ms >= 0) ||
    (fault.kind === "status" && Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599) ||
    (fault.kind === "rateLimit" &&
      (fault.retryAfter instanceof Date ? !Number.isNaN(fault.retryAfter.getTime()) : Number.isFinite(fault.retryAfter) && fault.retryAfter >= 0)) ||
    (fault.kind === "drop" && (fault.when === "before" || fault.when === "after")) ||
    fault.kind === "malformed";
  if (!ok) throw new TypeError(`fault(): not a valid fault: ${JSON.stringify(fault)}`);
}

/** @internal The armed faults of one simulator; their error bodies are written by the API's strategy. */
export class Faults {
  private armed: Armed[] = [];

  constructor(private readonly errorBody: ErrorBodyStrategy) {}

  add(target: FaultTarget, fault: Fault, options: FaultOptions = {}): void {
    const times = options.times ?? 1;
    check(target, fault, times);
    this.armed.push({ target, fault: { ...fault }, remaining: times });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault matching the request, counted down. */
  take(request: Target): Fault | undefined {
    const hit = this.armed.find((a) => a.remaining > 0 && matches(a.target, request));
    if (!hit) return undefined;
    hit.remaining--;
    this.armed = this.armed.filter((a) => a.remaining > 0);
    return hit.fault;
  }

  /** Answers `request` under `fault`; `act` is the simulator's own answer. */
  async apply(fault: Fault, act: () => Promise<Response>): Promise<Response> {
    switch (fault.kind) {
      case "latency":
        await sleep(fault.ms);
        return act();
      case "status": {
        const body = fault.body === undefined ? this.errorBody(fault.status, `Fault injected by the simulator: status ${fault.status}`) : fault.body;
        return fault.status === 204 || fault.status === 304 ? new Response(null, { status: fault.status }) : json(body, fault.status);
      }
      case "rateLimit": {
        const retryAfter = fault.retryAfter instanceof Date ? fault.retryAfter.toUTCString() : String(Math.ceil(fault.retryAfter));
        return json(this.errorBody(429, "Fault injected by the simulator: rate limited"), 429, { "Retry-After": retryAfter });
      }
      case "drop":
        if (fault.when === "after") await act();
        return Response.error();
      case "malformed": {
        const acted = await act();
        const text = acted.type === "error" ? "" : await acted.text();
        const whole = text === "" ? '{"id":"truncated"}' : text;
        return new Response(whole.slice(0, Math.max(1, Math.floor(whole.length / 2))), { status: 200, headers: { "Content-Type": "application/json" } });
      }
    }
  }
}

function matches(target: FaultTarget, request: Target): boolean {
  if (target === "token") return request.kind === "token";
  if (request.kind !== "api") return false;
  if (target.method !== undefined && target.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (typeof target.path === "string") return target.path === request.path;
  target.path.lastIndex = 0;
  return target.path.test(request.path);
}
