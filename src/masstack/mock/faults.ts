// The MasStack faults beyond the network ones of the core: what happens to a workflow's callback,
// and the workflow id check. Targets are what the core's faults take (a path under the base URL)
// or an operationId; the core's own faults get operationId targets as the path of the operation.
import type { FaultOptions, FaultTarget } from "../../core/simulator/types.js";
import { callbacks } from "../generated/callbacks.js";
import { routes } from "../generated/routes.js";
import type { AsyncOperationId, CallbackFault, MasStackFaultTarget, MasStackOperationId } from "./options.js";

/** The request a fault is matched against. */
export interface FaultCall {
  operationId: MasStackOperationId;
  method: string;
  /** The path under the base URL, without a trailing slash (as the core's faults see it). */
  path: string;
}

interface Armed {
  target: Exclude<MasStackFaultTarget, "token">;
  fault: CallbackFault;
  remaining: number;
}

const KINDS = new Set(["callbackLost", "callbackDuplicated", "callbackDelayed", "errorOutcome", "duplicateWorkflow"]);
/** The operations answered by callbacks (the spec's `callbacks`). */
export const ASYNC = Object.keys(callbacks) as readonly AsyncOperationId[];

/** Whether `fault` is one of the MasStack faults (the others are the core's). */
export const isCallbackFault = (fault: { kind: string }): fault is CallbackFault => KINDS.has(fault.kind);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The core's target for an operation: its method and its path template as an expression. */
export function operationTarget(operationId: MasStackOperationId): FaultTarget {
  const route = routes.find((r) => r.operationId === operationId);
  if (!route) throw new TypeError(`fault(): ${JSON.stringify(operationId)} is not an operation of the API`);
  const template = route.path.replace(/\/+$/, "");
  const source = template
    .split(/\{[^}]+\}/)
    .map(escape)
    .join("[^/]+");
  return { method: route.method, path: new RegExp(`^${source}$`) };
}

function check(target: MasStackFaultTarget, fault: CallbackFault, times: number): void {
  if (target === "token") throw new TypeError(`fault(): ${fault.kind} applies to API requests, not to the token endpoint`);
  if ("operationId" in target) {
    if (!routes.some((r) => r.operationId === target.operationId))
      throw new TypeError(`fault(): ${JSON.stringify(target.operationId)} is not an operation of the API`);
    const async = (ASYNC as readonly string[]).includes(target.operationId);
    if (fault.kind !== "duplicateWorkflow" && !async)
      throw new TypeError(`fault(): ${fault.kind} applies to the operations with callbacks (${ASYNC.join(", ")})`);
    if (fault.kind === "duplicateWorkflow" && target.operationId === "getBarrings")
      throw new TypeError("fault(): a GET uses no workflow id: duplicateWorkflow applies to the operations that change something");
  } else if (typeof target !== "object" || target === null || !(typeof target.path === "string" || target.path instanceof RegExp)) {
    throw new TypeError('fault(): target must be "token", { method?, path: string | RegExp } or { operationId }');
  }
  if (!(times >= 1)) throw new RangeError("fault(): times must be at least 1 (Infinity for every request)");
  const ok =
    (fault.kind === "callbackDelayed" && typeof fault.ms === "number" && Number.isFinite(fault.ms) && fault.ms >= 0) ||
    (fault.kind === "errorOutcome" &&
      (fault.code === undefined || typeof fault.code === "string") &&
      (fault.title === undefined || typeof fault.title === "string")) ||
    (fault.kind === "duplicateWorkflow" &&
      (fault.accept === undefined ||
        fault.accept === false ||
        (fault.accept === true &&
          (fault.answer === undefined || fault.answer === "drop" || (Number.isInteger(fault.answer) && fault.answer >= 500 && fault.answer <= 599))))) ||
    fault.kind === "callbackLost" ||
    fault.kind === "callbackDuplicated";
  if (!ok) throw new TypeError(`fault(): not a valid fault: ${JSON.stringify(fault)}`);
}

function matches(target: Armed["target"], call: FaultCall): boolean {
  if ("operationId" in target) return target.operationId === call.operationId;
  if (target.method !== undefined && target.method.toUpperCase() !== call.method.toUpperCase()) return false;
  if (typeof target.path === "string") return target.path === call.path;
  target.path.lastIndex = 0;
  return target.path.test(call.path);
}

export class CallbackFaults {
  private armed: Armed[] = [];

  add(target: MasStackFaultTarget, fault: CallbackFault, options: FaultOptions = {}): void {
    const times = options.times ?? 1;
    check(target, fault, times);
    this.armed.push({ target: target as Armed["target"], fault: { ...fault }, remaining: times });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed `duplicateWorkflow` fault matching the request, counted down. */
  takeDuplicate(call: FaultCall): Extract<CallbackFault, { kind: "duplicateWorkflow" }> | undefined {
    const [taken] = this.take(call, (f) => f.kind === "duplicateWorkflow", 1);
    return taken as Extract<CallbackFault, { kind: "duplicateWorkflow" }> | undefined;
  }

  /** Every armed callback fault matching an accepted asynchronous request, each counted down once. */
  takeCallback(call: FaultCall): CallbackFault[] {
    return this.take(call, (f) => f.kind !== "duplicateWorkflow", Infinity);
  }

  private take(call: FaultCall, kind: (fault: CallbackFault) => boolean, most: number): CallbackFault[] {
    const hits = this.armed.filter((a) => a.remaining > 0 && kind(a.fault) && matches(a.target, call)).slice(0, most);
    for (const hit of hits) hit.remaining--;
    this.armed = this.armed.filter((a) => a.remaining > 0);
    return hits.map((hit) => hit.fault);
  }
}
