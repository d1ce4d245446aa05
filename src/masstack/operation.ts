// The handle of an asynchronous MasStack operation (a service creation, a device update, a
// barring update): the core's operation engine without polling (MasStack has no endpoint to
// read a workflow), ended by the callback the receiver hands over, matched by workflow id. A
// callback can beat the 202 it follows (a fast backend, a simulator): deliveries are kept from
// the moment the handle exists, and the receiver's memory is asked once the 202 is in.
import { ConfigurationError } from "../core/errors.js";
import { createOperation, type OperationEvents, type WaitOptions } from "../core/operation.js";
import type { Wakeups } from "../core/wakeups.js";
import type { CallbackDelivery, CallbackRouter } from "./callbacks/types.js";
import { MasStackCallbackError, MasStackCallbackTimeoutError } from "./errors.js";
import type { BarringCallback, ServiceCallback, ServiceType } from "./generated/types.js";

/**
 * The asynchronous operations: the handles' `operation`.
 * @group Operations
 * @example
 * ```ts
 * const kind: MasStackOperationKind = "createService";
 * ```
 */
export type MasStackOperationKind = "createService" | "updateServiceDevice" | "updateBarring";

/**
 * What `toJSON()` of a handle gives: enough to follow the workflow again, in this or another
 * process, with `operations.resume(token)`. A handle resumed from a bare workflow id knows only that.
 * @group Operations
 * @example
 * ```ts
 * await db.save(order.id, JSON.stringify(operation)); // later: masstack.operations.resume(JSON.parse(saved))
 * ```
 */
export interface MasStackOperationToken {
  workflowId: string;
  operation?: MasStackOperationKind;
  serviceType?: ServiceType;
  serviceId?: string;
}

/**
 * Where a workflow stands: `accepted` (MasStack answered 202), `succeeded` or `failed` (its
 * callback came; `result` is the callback's body, identifiers as strings).
 * @group Operations
 * @example
 * ```ts
 * operation.onProgress((state: MasStackOperationState) => console.log(state.workflowId, state.status));
 * ```
 */
export interface MasStackOperationState<R = ServiceCallback | BarringCallback> {
  workflowId: string;
  status: "accepted" | "succeeded" | "failed";
  result?: R;
}

/**
 * What an asynchronous operation ends with: its success callback's body as `result`.
 * @group Operations
 * @example
 * ```ts
 * const { result } = await masstack.services.multisim.create(body); // result.service_id
 * ```
 */
export interface MasStackOperationResult<R = ServiceCallback | BarringCallback> {
  workflowId: string;
  status: "succeeded";
  result: R;
}

/**
 * An asynchronous operation followed to its end. `submitted()` resolves once MasStack accepted
 * the request (202). Awaiting it (or `wait()`) resolves on the success callback and rejects
 * with a `MasStackCallbackError` on the error callback, or a `MasStackCallbackTimeoutError`
 * after `callbackTimeoutMs` (15 minutes by default; `wait({ timeoutMs })` for another). It never
 * polls: MasStack has no endpoint to read a workflow, only the callbacks tell; so the client
 * needs a callback receiver (`callbacks`) to follow one. It cannot be cancelled.
 * @group Operations
 * @example
 * ```ts
 * const operation = masstack.services.multisim.create(body);
 * const { workflowId } = await operation.submitted();
 * const { result } = await operation; // result.service_id
 * ```
 */
export interface MasStackOperation<R = ServiceCallback | BarringCallback> extends PromiseLike<MasStackOperationResult<R>> {
  /** The `Request-Correlation-Id` the request was sent with; the callbacks carry it back. */
  readonly workflowId: string;
  /** The latest state seen. */
  readonly lastKnown: MasStackOperationState<R> | undefined;
  /** Resolves once MasStack accepted the request (its 202), or at once for a resumed handle. */
  submitted(): Promise<MasStackOperationState<R>>;
  /** Waits for the callback; aborting or timing out stops the waiting only. */
  wait(options?: WaitOptions): Promise<MasStackOperationResult<R>>;
  /** Called when the state changes (accepted, then succeeded or failed); returns an unsubscribe. */
  onProgress(listener: (state: MasStackOperationState<R>, previous: MasStackOperationState<R> | undefined) => void): () => void;
  /** A small token for `operations.resume(token)`. */
  toJSON(): MasStackOperationToken;
}

/** @internal What a handle needs of its client. */
export interface WorkflowDeps {
  callbacks: CallbackRouter | undefined;
  timeoutMs: number;
  /**
   * Wake-ups from other replicas (`stores.events`, channel `masstack:workflows`): a callback
   * another replica received is then asked of the receiver's results (shared with it).
   */
  wakeups?: Wakeups | undefined;
}

type State = MasStackOperationState<Record<string, unknown>>;

/**
 * @internal Follows the workflow `token` names; `send` makes the request (none for a resumed
 * handle). A handle ends on the first callback of its workflow that is not a duplicate.
 */
export function followWorkflow<R = ServiceCallback | BarringCallback>(
  deps: WorkflowDeps,
  token: MasStackOperationToken,
  send?: () => Promise<unknown>,
): MasStackOperation<R> {
  const { workflowId } = token;
  const router = deps.callbacks;
  let ready = false;
  let missed = false;
  const early: CallbackDelivery[] = [];
  let deliver: ((delivery: CallbackDelivery) => void) | undefined;
  const events: OperationEvents<CallbackDelivery> | undefined = router && {
    subscribe(listener) {
      deliver = (delivery) => listener(delivery, { duplicate: false });
      return router.subscribe((delivery) => {
        if (delivery.workflowId !== workflowId || delivery.duplicate) return;
        if (ready) deliver!(delivery);
        else early.push(delivery);
      });
    },
  };
  const start: Promise<State> = (send ? send() : Promise.resolve()).then(() => ({ workflowId, status: "accepted" }));
  const handle = createOperation<State, MasStackOperationToken, CallbackDelivery>(
    {
      id: () => workflowId,
      isFinal: (state) => state.status !== "accepted",
      progressed: (previous, next) => previous?.status !== next.status,
      failure: (state) => state.status === "failed" && new MasStackCallbackError(workflowId, state.result!),
      timeout: (_, timeoutMs) => new MasStackCallbackTimeoutError(workflowId, timeoutMs),
      token: () => token,
      events,
      matches: (delivery) => ({ workflowId, status: delivery.outcome === "success" ? "succeeded" : "failed", result: delivery.body }),
    },
    start,
  );
  if (router) {
    // Runs after the engine took the accepted state (its reaction to `start` was attached first):
    // what the receiver kept for this workflow, then what arrived meanwhile.
    start
      .then(async () => {
        let kept: CallbackDelivery | undefined;
        try {
          kept = await router.received(workflowId);
        } finally {
          ready = true;
          for (const delivery of kept ? [kept, ...early] : early) deliver?.(delivery);
          early.length = 0;
          // A wake-up heard while that look-up was in flight may tell of a callback it missed.
          if (missed) recheck();
        }
      })
      .catch(() => undefined);
  }
  // While someone waits, a message from another replica that received this workflow's callback
  // sends the handle to the receiver's results, which that replica filled (when they are shared).
  let waiting = 0;
  let unwatch: (() => void) | undefined;
  function recheck(): void {
    missed = !ready;
    if (!ready || !router) return; // before the 202 the receiver is asked once it comes
    router
      .received(workflowId)
      .then((kept) => kept && deliver?.(kept))
      .catch(() => undefined); // the results failing only delays: the handle waits for the callback
  }
  const watched = <T>(waited: Promise<T>): Promise<T> => {
    if (!deps.wakeups || !router) return waited;
    if (waiting++ === 0) unwatch = deps.wakeups.watch(workflowId, recheck);
    const stop = () => {
      if (--waiting === 0) unwatch?.();
    };
    waited.then(stop, stop);
    return waited;
  };
  const operation: MasStackOperation<R> = {
    workflowId,
    get lastKnown() {
      return handle.lastKnown as MasStackOperationState<R> | undefined;
    },
    submitted: () => handle.submitted() as Promise<MasStackOperationState<R>>,
    wait: ({ signal, timeoutMs = deps.timeoutMs } = {}) =>
      (router
        ? watched(handle.wait(signal ? { signal, timeoutMs } : { timeoutMs }))
        : handle.submitted().then(() => {
            throw new ConfigurationError("callbacks", `a callback receiver is needed to follow workflow ${workflowId}: give the client callbacks`);
          })) as Promise<MasStackOperationResult<R>>,
    onProgress: (listener) => handle.onProgress(listener as (state: State, previous: State | undefined) => void),
    toJSON: () => handle.toJSON(),
    then: (onFulfilled, onRejected) => operation.wait().then(onFulfilled, onRejected),
  };
  return operation;
}
