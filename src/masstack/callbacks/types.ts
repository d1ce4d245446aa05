// What the MasStack client and the callback receiver agree on, as types only: the client's
// entry never loads the receiver's code, it is handed a receiver (or anything shaped like one).

/**
 * Which of a request's two callback URLs MasStack called: the body does not say, the URL does.
 * @group Callbacks
 * @example
 * ```ts
 * const outcome: CallbackOutcome = "success";
 * ```
 */
export type CallbackOutcome = "success" | "error";

/**
 * One callback as the receiver accepted it: the workflow id (the `Request-Correlation-Id` the
 * request was sent with, read from the callback's own URL), which URL was called, and the body
 * with its identifiers normalised to strings.
 * @group Callbacks
 * @example
 * ```ts
 * receiver.subscribe((callback) => console.log(callback.workflowId, callback.outcome, callback.body));
 * ```
 */
export interface CallbackDelivery {
  workflowId: string;
  outcome: CallbackOutcome;
  /** `{ code, title, service_id }` for services, `{ codeResult, titleResult }` for barrings; identifiers as strings. */
  body: Record<string, unknown>;
  receivedAt: Date;
  /** A second delivery of a callback already handled (same workflow id and outcome). */
  duplicate: boolean;
}

/**
 * What the client needs of a callback receiver: the two URLs to put in a request for a workflow
 * id, the callbacks as they arrive, and the outcome of one that arrived before anyone waited
 * (a handle resumed after a restart). `createCallbackReceiver` returns one.
 * @group Callbacks
 * @example
 * ```ts
 * const client = createMasStackClient({ serviceAccount, tokenUrl, callbacks: createCallbackReceiver({ secret, url }) });
 * ```
 */
export interface CallbackRouter {
  /** The `callback_success_url` and `callback_error_url` for a workflow id, each carrying an unguessable token. */
  urls(workflowId: string): Promise<{ success: string; error: string }>;
  /** Every accepted callback, duplicates flagged; returns the unsubscribe function. */
  subscribe(listener: (delivery: CallbackDelivery) => void): () => void;
  /** The first callback received for a workflow id, while it is retained; undefined when none was. */
  received(workflowId: string): Promise<CallbackDelivery | undefined>;
}
