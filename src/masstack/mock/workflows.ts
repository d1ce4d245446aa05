// Asynchronous requests after their 202: on the simulator's clock, `delayMs` later, the change is
// made (or fails) and the outcome is POSTed to the request's success or error URL with its
// workflow id as the Request-Correlation-Id header, through the core's deliverer (retried when
// the URL does not answer 200). Callback faults lose, repeat, delay or fail them.
import type { Clock } from "../../core/simulator/clock.js";
import { Deliverer } from "../../core/simulator/deliverer.js";
import type { AsyncOperationId, CallbackAttempt, CallbackFault, SimulatorWorkflow } from "./options.js";

/** What a workflow ends with: the outcome and the callback's body (identifiers as strings). */
export interface Outcome {
  outcome: "success" | "error";
  body: Record<string, unknown>;
}

/** One callback as the deliverer carries it. */
interface Sent {
  workflowId: string;
  outcome: "success" | "error";
  operationId: AsyncOperationId;
  body: Record<string, unknown>;
  text: string;
}

/** A JSON number literal without a sign, fraction or leading zero: what a service id of digits is written as. */
const DIGITS = /^(?:0|[1-9][0-9]*)$/;

/**
 * The callback's JSON text: `service_id` as a bare number when it is all digits, as MasStack's
 * example writes it (004:L471), so that receivers meet the numbers they will meet; every other
 * member as JSON writes it. The bodies are flat.
 */
export function encodeCallback(body: Record<string, unknown>): string {
  const members = Object.entries(body).map(
    ([name, value]) => `${JSON.stringify(name)}:${name === "service_id" && typeof value === "string" && DIGITS.test(value) ? value : JSON.stringify(value)}`,
  );
  return `{${members.join(",")}}`;
}

/** The error callback's code of an operation when it fails (MasStack documents none: assumed). */
export const FAILURE_CODES: Readonly<Record<AsyncOperationId, string>> = {
  createService: "SERVICE_OPERATION_FAILED",
  updateServiceDevice: "SERVICE_OPERATION_FAILED",
  updateBarring: "BARRING_UPDATE_FAILED",
};

/** The callback body of a failed workflow, in the shape of its operation's callbacks. */
export function failure(workflow: SimulatorWorkflow, code: string, title: string): Outcome {
  const body = workflow.operationId === "updateBarring" ? { codeResult: code, titleResult: title } : { code, title, service_id: workflow.service_id };
  return { outcome: "error", body };
}

const RETRY_DELAY_MS = 30_000;
const MAX_RETRIES = 3;

export class Workflows {
  private readonly deliverer: Deliverer<Sent>;

  constructor(
    private readonly clock: Clock,
    private readonly delayMs: number,
    send: ((url: string, init: RequestInit) => Promise<Response>) | undefined,
  ) {
    this.deliverer = new Deliverer<Sent>(clock, {
      // The documented answer to a callback is 200 (001:L52): anything else is retried.
      accepted: (status) => status === 200,
      retryDelayMs: RETRY_DELAY_MS,
      maxRetries: MAX_RETRIES,
      encode: (sent) => sent.text,
      ...(send ? { fetch: send } : {}),
    });
  }

  /**
   * Runs `complete` (the change, and its outcome) `delayMs` from now unless a fault decides the
   * outcome, then sends the callback of that outcome as the faults say.
   */
  start(workflow: SimulatorWorkflow, faults: readonly CallbackFault[], complete: () => Outcome): void {
    const find = <K extends CallbackFault["kind"]>(kind: K) => faults.find((f): f is Extract<CallbackFault, { kind: K }> => f.kind === kind);
    const forced = find("errorOutcome");
    const lost = find("callbackLost") !== undefined;
    const copies = find("callbackDuplicated") ? 2 : 1;
    const extra = find("callbackDelayed")?.ms ?? 0;
    this.clock.schedule(this.delayMs, "change", () => {
      const { outcome, body } = forced
        ? failure(
            workflow,
            forced.code ?? FAILURE_CODES[workflow.operationId],
            forced.title ?? "The simulator was told to fail this request (errorOutcome fault)",
          )
        : complete();
      workflow.state = outcome === "success" ? "succeeded" : "failed";
      if (lost) return;
      const url = outcome === "success" ? workflow.callback_success_url : workflow.callback_error_url;
      const sent: Sent = { workflowId: workflow.workflowId, outcome, operationId: workflow.operationId, body, text: encodeCallback(body) };
      for (let i = 0; i < copies; i++) this.deliverer.send(() => ({ url, headers: { "Request-Correlation-Id": workflow.workflowId } }), sent, extra);
    });
  }

  get attempts(): CallbackAttempt[] {
    return this.deliverer.deliveries.map(({ callback, event, status, attempt }) => ({ url: callback, ...structuredClone(event), status, attempt }));
  }

  clear(): void {
    this.deliverer.deliveries.length = 0;
  }
}
