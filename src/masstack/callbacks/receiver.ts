// MasStack's callbacks on the core receiver engine: the credential is the token in the URL (the
// callbacks carry no documented signature), the URL says success or error and whose workflow it
// is, the body is a serviceCallbackDTO or a barringCallbackDTO, and 200 is the acknowledgement.
import { ConfigurationError, InvalidArgumentError } from "../../core/errors.js";
import { parseJsonExact } from "../../core/internal/exact-json.js";
import { isObject } from "../../core/internal/show.js";
import { checkUrl } from "../../core/internal/urls.js";
import { checkOptionNames, duration } from "../../core/options.js";
import { REPORT, createReceiver, type DeliveryMeta, type ParsedDelivery, type Reply } from "../../core/receiver/receiver.js";
import type { DedupeStore } from "../../core/receiver/stores.js";
import type { Stores } from "../../core/stores/stores.js";
import { MemoryCallbackResultStore, callbackResultsIn, type CallbackResultStore } from "./store.js";
import { createCallbackSigner } from "./token.js";
import type { CallbackDelivery, CallbackOutcome, CallbackRouter } from "./types.js";

/**
 * The body of a service callback (`serviceCallbackDTO`: create service, update service device),
 * with `service_id` as a string even when MasStack sent a number. An error callback without a
 * `service_id` (a creation that failed before the service had one) is accepted without it.
 * @example
 * ```ts
 * const body: ServiceCallbackBody = { code: "OK", title: "Service was successfully created", service_id: "600000000" };
 * ```
 * @group Callbacks
 */
export type ServiceCallbackBody = { code: string; title: string; service_id?: string };

/**
 * The body of a barring callback (`barringCallbackDTO`: update barring).
 * @example
 * ```ts
 * const body: BarringCallbackBody = { codeResult: "OK", titleResult: "Barring update was successfully finished" };
 * ```
 * @group Callbacks
 */
export type BarringCallbackBody = { codeResult: string; titleResult: string };

/**
 * A callback as the handlers registered with `on` and `onCallback` get it: which URL was called,
 * for which workflow, and the body, typed. The receiver does not know which operation a
 * workflow id belongs to, so the body's members tell a barring callback from a service one.
 * @example
 * ```ts
 * receiver.on("success", async (callback: ReceivedCallback) => {
 *   if ("codeResult" in callback.body) await barrings.confirm(callback.workflowId);
 *   else await services.activate(callback.workflowId, callback.body.service_id);
 * });
 * ```
 * @group Callbacks
 */
export interface ReceivedCallback extends CallbackDelivery {
  body: ServiceCallbackBody | BarringCallbackBody;
}

/**
 * Options of {@link createCallbackReceiver}.
 * @example
 * ```ts
 * const options: CallbackReceiverOptions = {
 *   secret: process.env.MASSTACK_CALLBACK_SECRET!,
 *   previousSecrets: [process.env.MASSTACK_CALLBACK_SECRET_PREVIOUS!],
 *   url: "https://partner.example.com/masstack/callbacks",
 *   onError: (error) => log.error({ error }, "MasStack callback failed"),
 * };
 * ```
 * @group Callbacks
 */
export interface CallbackReceiverOptions {
  /**
   * The key the URLs' tokens are made with (HMAC-SHA256), at least 32 characters, e.g. 32 random
   * bytes in base64url. Keep it secret: whoever has it can forge callbacks.
   */
  secret: string;
  /**
   * Former secrets, still accepted for callbacks of requests sent before a rotation (callbacks
   * may come hours later); new URLs use `secret` only.
   */
  previousSecrets?: readonly string[] | undefined;
  /**
   * The public URL where the receiver is mounted, as MasStack reaches it (behind any proxy);
   * callback URLs are `${url}/${outcome}/${workflowId}/${token}`. Absolute, https unless the
   * host is loopback (or `allowInsecureHttp`), without query or fragment.
   */
  url: string;
  /** Allow a plain-HTTP `url` to a host other than loopback: the tokens would travel in clear. */
  allowInsecureHttp?: boolean | undefined;
  /** The largest body accepted, in bytes; larger ones are answered 413. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /**
   * Where processed callbacks (workflow id and outcome) are remembered, or `false` to process
   * every delivery. Default: a `MemoryDedupeStore` keeping 10,000 of them for 24 hours.
   */
  dedupe?: DedupeStore | false | undefined;
  /** Where each workflow's first callback is kept for `received`. Default: a {@link MemoryCallbackResultStore} (10,000 workflows). */
  results?: CallbackResultStore | undefined;
  /**
   * How long a workflow's callback is kept for `received`, and how long `stores` remember a
   * handled callback as one, in milliseconds. Default 24 hours.
   */
  retentionMs?: number | undefined;
  /**
   * State shared by every replica behind your load balancer, e.g. `createRedisStores(...)` of
   * `giacom-sdk/redis`: `claims` (a callback is handled by one replica, once), `results` (what
   * `received` answers, on every replica) and `events` (each handled callback is published on the
   * channel {@link MASSTACK_WORKFLOWS_CHANNEL} as `{ workflowId }`, so that a handle waiting on
   * another replica looks at once). A store left out stays in memory. Not together with `dedupe`
   * (a store) or `results`.
   *
   * When a shared store cannot answer, callbacks are answered 503 with `Retry-After` (nothing is
   * handled without a claim) and the error goes to `onError`; a failed publication is only
   * reported (the handle still polls).
   */
  stores?: Partial<Stores> | undefined;
  /**
   * How long one replica may take over a callback before another may handle it, in
   * milliseconds; keep it above your handlers' longest run. Meanwhile a copy reaching another
   * replica is answered 503 with `Retry-After`. Default 60,000.
   */
  leaseMs?: number | undefined;
  /**
   * Called when a handler throws (the callback is answered 500 so that MasStack may send it
   * again), when a store fails, or when the Node adapter finds the body already consumed. It
   * never receives the secret, a token or a request header.
   */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * Receives MasStack's callbacks and routes them to the client's operation handles. Mount
 * `handle` (or `toNodeHandler(receiver)`) at the `url` it was created with, give the receiver
 * to `createMasStackClient` as `callbacks`, and register handlers if you want to act on
 * callbacks yourself.
 * @example
 * ```ts
 * const receiver = createCallbackReceiver({ secret: process.env.MASSTACK_CALLBACK_SECRET!, url: "https://partner.example.com/masstack" });
 * receiver.on("error", async (callback) => alerts.send(`workflow ${callback.workflowId} failed`));
 * // Next.js route handler, Hono, Workers, Bun, Deno:
 * export const POST = (request: Request) => receiver.handle(request);
 * ```
 * @group Callbacks
 */
export interface CallbackReceiver extends CallbackRouter {
  /**
   * Answers one callback: 200 (empty) when accepted or a duplicate; 400 a body that is not a
   * JSON object of the documented shape (service `{code, title, service_id}`, barring
   * `{codeResult, titleResult}`), or a `Request-Correlation-Id` header that differs from the
   * URL's workflow id; 401 a missing or wrong token (answered before the body is read); 404 a
   * path that does not end in `/{success|error}/{workflowId}/{token}`; 405 not a POST; 413 a
   * body over `maxBodyBytes`; 415 not JSON; 500 a handler failed; 503 with `Retry-After` when
   * another replica is handling the same callback or a store is down. Never throws.
   */
  handle(request: Request): Promise<Response>;
  /**
   * Runs `handler` for each new callback of `outcome` (not for a duplicate). If it throws, the
   * callback is answered 500 and not remembered, so a redelivery runs it again. Returns a
   * function that removes it.
   */
  on(outcome: CallbackOutcome, handler: (callback: ReceivedCallback) => void | Promise<void>): () => void;
  /** Runs `handler` for each new callback, success or error; returns a function that removes it. */
  onCallback(handler: (callback: ReceivedCallback) => void | Promise<void>): () => void;
}

const OUTCOMES: readonly CallbackOutcome[] = ["success", "error"];
const OPTIONS = ["secret", "previousSecrets", "url", "allowInsecureHttp", "maxBodyBytes", "dedupe", "results", "retentionMs", "stores", "leaseMs", "onError"];

/**
 * The {@link CallbackReceiverOptions.stores | stores.events} channel on which a receiver
 * publishes `{ "workflowId": <id> }` (JSON) for each callback it handled.
 * @example
 * ```ts
 * await stores.events.subscribe(MASSTACK_WORKFLOWS_CHANNEL, (message) => wake(JSON.parse(message).workflowId));
 * ```
 * @group Callbacks
 */
export const MASSTACK_WORKFLOWS_CHANNEL = "masstack:workflows";
const MIN_SECRET = 32;
/** A workflow id is a UUID; this bound only keeps hostile paths from costing more. */
const MAX_WORKFLOW_ID = 256;
/** Members whose numbers are identifiers: kept as their digits (the seed sends `"service_id":600000000`). */
const IDENTIFIERS = new Set(["service_id", "iccid", "eid", "promotion_id"]);

const NOT_FOUND: Reply = { status: 404, body: "Not a callback URL: the path must end in /{success|error}/{workflowId}/{token}" };
const MIXED_UP: Reply = { status: 400, body: "Request-Correlation-Id differs from the workflow id of the callback URL" };

interface Route {
  outcome: CallbackOutcome;
  workflowId: string;
  token: string;
}

// The last three segments, whatever the mount point: `/{outcome}/{workflowId}/{token}`.
function route(url: URL): Route | undefined {
  const segments = url.pathname.split("/");
  if (segments.length < 4) return undefined;
  const [outcome, id = "", token = ""] = segments.slice(-3);
  if (outcome !== "success" && outcome !== "error") return undefined;
  let workflowId: string;
  try {
    workflowId = decodeURIComponent(id);
  } catch {
    return undefined;
  }
  if (workflowId === "" || workflowId.length > MAX_WORKFLOW_ID) return undefined;
  return { outcome, workflowId, token };
}

interface CallbackEvent {
  workflowId: string;
  outcome: CallbackOutcome;
  body: ServiceCallbackBody | BarringCallbackBody;
}

// Names the member at fault, never its value.
function shape(body: unknown, outcome: CallbackOutcome): ServiceCallbackBody | BarringCallbackBody | string {
  if (!isObject(body)) return "Body must be a JSON object";
  const missing = (kind: string, keys: string[]) => {
    const key = keys.find((k) => typeof body[k] !== "string");
    return key && `${kind} callback: ${key} must be a string`;
  };
  if ("codeResult" in body || "titleResult" in body) return missing("Barring", ["codeResult", "titleResult"]) || Object.freeze(body as BarringCallbackBody);
  const service = { ...body };
  // A failed creation may have no service yet: an error callback may leave service_id out.
  if (outcome === "error" && service.service_id == null) delete service.service_id;
  return (
    missing("Service", outcome === "success" || "service_id" in service ? ["code", "title", "service_id"] : ["code", "title"]) ||
    Object.freeze(service as ServiceCallbackBody)
  );
}

function parse(body: unknown, url: URL): ParsedDelivery<CallbackEvent, never> {
  const { outcome, workflowId } = route(url)!;
  const checked = shape(body, outcome);
  if (typeof checked === "string") return { ok: false, reason: checked };
  return { ok: true, id: `${outcome}:${workflowId}`, type: outcome, event: { workflowId, outcome, body: checked } };
}

const toCallback = (event: CallbackEvent, meta: DeliveryMeta): ReceivedCallback =>
  Object.freeze({ ...event, receivedAt: meta.receivedAt, duplicate: meta.duplicate });

function secretsOf(options: CallbackReceiverOptions): string[] {
  const { secret, previousSecrets = [] } = options;
  const strong = (value: unknown) => typeof value === "string" && value.length >= MIN_SECRET;
  if (!strong(secret)) throw new ConfigurationError("secret", `must be a string of at least ${MIN_SECRET} characters`);
  if (!Array.isArray(previousSecrets) || !previousSecrets.every(strong)) {
    throw new ConfigurationError("previousSecrets", `must be an array of strings of at least ${MIN_SECRET} characters each`);
  }
  // A copy, so that later changes to the caller's array do not change who is let in.
  return [secret, ...(previousSecrets as string[])];
}

function baseOf(options: CallbackReceiverOptions): string {
  const checked = checkUrl(options.url, options.allowInsecureHttp === true);
  if ("problem" in checked) throw new ConfigurationError("url", checked.problem);
  if (checked.url.search || checked.url.hash) throw new ConfigurationError("url", "must not have a query or a fragment: the callback path is appended to it");
  return checked.url.href.replace(/\/+$/, "");
}

/**
 * Creates the receiver for MasStack's callbacks. Each request's callback URLs (from `urls`,
 * which the client calls) end in `/{success|error}/{workflowId}/{token}`, the token an
 * HMAC-SHA256 of the outcome and workflow id under `secret`: the receiver checks it in constant
 * time before reading the body, takes success or error and the workflow id from the URL (a
 * `Request-Correlation-Id` header, when present, must match it), keeps identifier numbers as
 * their exact digits, answers a repeated callback (same workflow id and outcome) 200 without
 * running the handlers again, keeps each workflow's first callback for `retentionMs`
 * (`received`), and answers 200 only once every handler succeeded. Only the last three path
 * segments matter, so it works under any prefix or proxy path.
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { createCallbackReceiver, toNodeHandler } from "giacom-sdk/masstack/callbacks";
 * const callbacks = createCallbackReceiver({ secret: process.env.MASSTACK_CALLBACK_SECRET!, url: "https://partner.example.com/masstack" });
 * createServer(toNodeHandler(callbacks)).listen(8080);
 * const client = createMasStackClient({ serviceAccount, tokenUrl, callbacks });
 * ```
 * @group Callbacks
 */
export function createCallbackReceiver(options: CallbackReceiverOptions): CallbackReceiver {
  checkOptionNames(options, OPTIONS, "createCallbackReceiver");
  const signer = createCallbackSigner(secretsOf(options));
  const base = baseOf(options);
  const retentionMs = duration("retentionMs", options.retentionMs, 1, 86_400_000);
  const shared = options.stores?.results;
  if (shared !== undefined && (typeof shared?.putIfAbsent !== "function" || typeof shared.get !== "function")) {
    throw new ConfigurationError("stores.results", "must have putIfAbsent and get methods");
  }
  if (shared && options.results) throw new ConfigurationError("results", "cannot be given with stores.results: give one of them");
  const results = shared ? callbackResultsIn(shared) : (options.results ?? new MemoryCallbackResultStore());

  const engine = createReceiver<Record<CallbackOutcome, CallbackEvent>, never>(
    {
      async authenticate(headers, url) {
        const at = route(url);
        if (!at) return NOT_FOUND;
        if (!(await signer.verify(at.outcome, at.workflowId, at.token))) return false;
        // The URL is authoritative; a header naming another workflow means a delivery mixed up somewhere.
        const correlation = headers.get("request-correlation-id");
        return correlation === null || correlation.trim().toLowerCase() === at.workflowId.toLowerCase() || MIXED_UP;
      },
      unauthorized: { status: 401 },
      decode: (text) => parseJsonExact(text, IDENTIFIERS),
      parse: parse as (body: unknown, url: URL) => ParsedDelivery<unknown, never>,
      isType: (type) => OUTCOMES.includes(type as CallbackOutcome),
      wakeUp: (event) => ({ channel: MASSTACK_WORKFLOWS_CHANNEL, message: { workflowId: (event as CallbackEvent).workflowId } }),
      processed: async (event, meta) => {
        const { workflowId } = event as CallbackEvent;
        await results.set(workflowId, toCallback(event as CallbackEvent, meta), retentionMs);
      },
      acknowledge: { status: 200 },
    },
    options,
  );

  const on: CallbackReceiver["on"] = (outcome, handler) => {
    if (!OUTCOMES.includes(outcome)) throw new InvalidArgumentError("outcome", 'must be "success" or "error"');
    if (typeof handler !== "function") throw new InvalidArgumentError("handler", "must be a function");
    return engine.on(outcome, (event, meta) => handler(toCallback(event, meta)));
  };

  const receiver: CallbackReceiver & { [REPORT]: unknown } = {
    handle: (request) => engine.handle(request),
    async urls(workflowId) {
      if (typeof workflowId !== "string" || workflowId === "" || workflowId.length > MAX_WORKFLOW_ID) {
        throw new InvalidArgumentError("workflowId", `must be a non-empty string of at most ${MAX_WORKFLOW_ID} characters`);
      }
      const id = encodeURIComponent(workflowId);
      const [success, error] = await Promise.all(OUTCOMES.map((outcome) => signer.sign(outcome, workflowId)));
      return { success: `${base}/success/${id}/${success}`, error: `${base}/error/${id}/${error}` };
    },
    subscribe: (listener) => engine.subscribe((event, meta) => listener(toCallback(event, meta))),
    async received(workflowId) {
      return typeof workflowId === "string" ? await results.get(workflowId) : undefined;
    },
    on,
    onCallback(handler) {
      const off = OUTCOMES.map((outcome) => on(outcome, handler));
      return () => off.forEach((remove) => remove());
    },
    // The Node adapter reports through it (a consumed body) to onError.
    [REPORT]: (engine as unknown as Record<typeof REPORT, unknown>)[REPORT],
  };
  return receiver;
}
