// The options every client of the package shares, checked once when the client is made: a bad
// one throws a ConfigurationError that names it, and never shows a value that may be a secret.
import { ConfigurationError } from "./errors.js";
import { isObject } from "./internal/show.js";
import { checkUrl } from "./internal/urls.js";
import { DEFAULT_RETRY, NO_RETRY, type RetryOptions, type RetryPolicy } from "./retry.js";
import type { PollingOptions } from "./operation.js";
import type { Stores } from "./stores/stores.js";
import type { TransportConfig } from "./transport.js";
import type { FetchFunction, Hooks, Logger } from "./types.js";

/**
 * The options of a client that are not about one API: where, how long, how to retry, hooks.
 * @group Client
 * @example
 * ```ts
 * const options: ClientOptions = { baseUrl: "https://api.example.com/v1", timeoutMs: 10_000, retry: { maxRetries: 4 } };
 * ```
 */
export interface ClientOptions {
  /** The API root, e.g. a simulator's `http://127.0.0.1:4010/v1`. */
  baseUrl?: string;
  /** The fetch to use; when omitted `globalThis.fetch` is looked up on every request (so MSW applies). */
  fetch?: FetchFunction;
  /** Deadline of each call, retries included. Default 30 s. */
  timeoutMs?: number;
  /** Retry settings, or `false` to never retry. */
  retry?: RetryOptions | false;
  hooks?: Hooks;
  /**
   * Where log lines go. Without one, setting the environment variable `GIACOM_SDK_LOG` to
   * `debug`, `info`, `warn` or `error` logs to the console from that level up. Log lines never
   * carry a credential.
   */
  logger?: Logger;
  /** Header carrying the correlation id. Default `X-Correlation-ID`. */
  correlationIdHeader?: string;
  /** Allow plain-HTTP URLs to hosts other than loopback. Credentials would travel in clear. */
  allowInsecureHttp?: boolean;
  /** Largest response body the client reads, after decompression; a larger one is an `InvalidResponseError`. Default 32 MiB. */
  maxResponseBytes?: number;
}

/** The names of {@link ClientOptions}, for a factory's list of known options. */
export const CLIENT_OPTIONS = ["baseUrl", "fetch", "timeoutMs", "retry", "hooks", "logger", "correlationIdHeader", "allowInsecureHttp", "maxResponseBytes"];

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_TIMER = 2_147_483_647;

/**
 * A duration option in milliseconds, from `min` to the longest a timer can wait; `fallback`
 * when it is not given and there is one.
 * @group Client
 * @example
 * ```ts
 * const pollMs = duration("pollMs", options.pollMs, 1, 1_000);
 * ```
 */
export function duration(name: string, value: unknown, min: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > MAX_TIMER) {
    throw new ConfigurationError(name, `must be a number of milliseconds from ${min} to ${MAX_TIMER}`);
  }
  return value;
}

/** @internal Throws unless every key of `value` is `known`, naming the first other as `<prefix><key>`. */
export function checkKeys(value: object, known: readonly string[], prefix: string, what: string): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) throw new ConfigurationError(prefix + key, `is not ${what} (known: ${known.join(", ")})`);
}

/**
 * Throws unless `options` is an object whose every key is known: a typo must not pass silently.
 * @group Client
 * @example
 * ```ts
 * checkOptionNames(options, [...CLIENT_OPTIONS, "apiKey"], "createToyClient");
 * ```
 */
export function checkOptionNames(options: unknown, known: readonly string[], factory: string): void {
  if (!isObject(options)) throw new ConfigurationError("options", "must be an object");
  checkKeys(options, known, "", `an option of ${factory}`);
}

/**
 * A URL option: absolute, HTTPS unless loopback (or `allowInsecureHttp`), without a trailing slash.
 * @group Client
 * @example
 * ```ts
 * const tokenUrl = checkedUrl("tokenUrl", options.tokenUrl, false);
 * ```
 */
export function checkedUrl(name: string, value: unknown, allowInsecureHttp: boolean): string {
  if (value === undefined) throw new ConfigurationError(name, "is required");
  const checked = checkUrl(value, allowInsecureHttp);
  if ("problem" in checked) throw new ConfigurationError(name, checked.problem);
  return checked.url.href.replace(/\/+$/, "");
}

const LEVELS = ["debug", "info", "warn", "error"] as const;

/** The console from the level `GIACOM_SDK_LOG` names, where the runtime has an environment. */
function environmentLogger(): Logger | undefined {
  const level = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.GIACOM_SDK_LOG?.trim().toLowerCase();
  const from = LEVELS.indexOf(level as (typeof LEVELS)[number]);
  if (from < 0) return undefined;
  // Looked up at each line, so that a test (or an app) that replaces console methods is heard.
  return Object.fromEntries(
    LEVELS.slice(from).map((name) => [name, (message: string, meta?: object) => (meta === undefined ? console[name](message) : console[name](message, meta))]),
  );
}

function resolveRetry(retry: unknown): RetryPolicy {
  if (retry === undefined) return DEFAULT_RETRY;
  if (retry === false) return NO_RETRY;
  if (!isObject(retry)) throw new ConfigurationError("retry", "must be an object or false");
  const policy = { ...DEFAULT_RETRY };
  checkKeys(retry, Object.keys(DEFAULT_RETRY), "retry.", "a retry option");
  for (const [key, value] of Object.entries(retry)) {
    if (key === "maxRetries") {
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 20)
        throw new ConfigurationError("retry.maxRetries", "must be an integer from 0 to 20");
      policy.maxRetries = value as number;
    } else {
      policy[key as Exclude<keyof RetryPolicy, "maxRetries">] = duration(`retry.${key}`, value, 0);
    }
  }
  return Object.freeze(policy);
}

/**
 * Checks the shared options and resolves them with their defaults into what a transport
 * needs, all but the authentication (the API's profile adds it and its strategies).
 * @group Client
 * @example
 * ```ts
 * const resolved = resolveClientOptions(options, { baseUrl: "https://api.example.com/v1" });
 * const http = createTransport<paths>({ ...resolved, auth: bearer(tokens) });
 * ```
 */
export function resolveClientOptions(
  options: ClientOptions,
  defaults: { baseUrl?: string | undefined } = {},
): Omit<TransportConfig, "auth"> & { allowInsecureHttp: boolean } {
  const { allowInsecureHttp = false } = options;
  if (typeof allowInsecureHttp !== "boolean") throw new ConfigurationError("allowInsecureHttp", "must be a boolean");
  const given = options.baseUrl ?? defaults.baseUrl;
  if (given === undefined) throw new ConfigurationError("baseUrl", "is required when no environment is given");
  const baseUrl = checkedUrl("baseUrl", given, allowInsecureHttp);

  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new ConfigurationError("fetch", "must be a function");
  // Looked up on every request, so interceptors installed after the client (MSW) still apply.
  const fetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const hooks: Hooks = options.hooks ?? {};
  if (!isObject(hooks as unknown)) throw new ConfigurationError("hooks", "must be an object");
  checkKeys(hooks, ["onRequest", "onResponse", "onRetry", "onTokenRefresh"], "hooks.", "a hook");
  for (const [name, hook] of Object.entries(hooks)) if (typeof hook !== "function") throw new ConfigurationError(`hooks.${name}`, "must be a function");
  if (options.logger !== undefined && !isObject(options.logger)) throw new ConfigurationError("logger", "must be an object");

  const timeoutMs = duration("timeoutMs", options.timeoutMs, 1, 30_000);
  const maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1)
    throw new ConfigurationError("maxResponseBytes", "must be a positive integer number of bytes");
  const correlationIdHeader = options.correlationIdHeader ?? "X-Correlation-ID";
  if (typeof correlationIdHeader !== "string" || !HEADER_NAME.test(correlationIdHeader) || /^authorization$/i.test(correlationIdHeader)) {
    throw new ConfigurationError("correlationIdHeader", "must be a valid HTTP header name other than Authorization");
  }
  return {
    baseUrl,
    fetch,
    timeoutMs,
    retry: resolveRetry(options.retry),
    correlationIdHeader,
    hooks,
    logger: options.logger ?? environmentLogger(),
    maxResponseBytes,
    allowInsecureHttp,
  };
}

/**
 * A client's `polling` option (how its operation handles poll), checked, with the defaults:
 * from 1 s, times 1.5, at most 30 s.
 * @group Operations
 * @example
 * ```ts
 * const polling = resolvePolling(options.polling); // { initialDelayMs: 1000, maxDelayMs: 30000, factor: 1.5 } when not given
 * ```
 */
export function resolvePolling(given: PollingOptions | undefined): Required<PollingOptions> {
  const polling = {
    initialDelayMs: duration("polling.initialDelayMs", given?.initialDelayMs, 1, 1_000),
    maxDelayMs: duration("polling.maxDelayMs", given?.maxDelayMs, 1, 30_000),
    factor: given?.factor ?? 1.5,
  };
  if (typeof polling.factor !== "number" || !(polling.factor >= 1 && polling.factor <= 10))
    throw new ConfigurationError("polling.factor", "must be a number from 1 to 10");
  return polling;
}

/** The methods each store of {@link Stores} must have. */
const STORE_METHODS: Record<keyof Stores, readonly string[]> = {
  claims: ["claim", "complete", "release"],
  versions: ["advance", "get"],
  events: ["publish", "subscribe"],
  locks: ["acquire"],
  tokens: ["get", "set", "delete"],
  results: ["putIfAbsent", "get"],
};

/**
 * A client's `stores` option (the state it shares with the other replicas: what
 * `createRedisStores` returns, or any of its stores), checked: each store given must have its
 * methods. Other fields (a `close()`) are left alone. `undefined` when not given: the client then
 * keeps its state in memory, as one process needs.
 * @group Client
 * @example
 * ```ts
 * const stores = resolveStores(options.stores); // stores?.events wakes handles across replicas
 * ```
 */
export function resolveStores(given: unknown): Partial<Stores> | undefined {
  if (given === undefined) return undefined;
  if (!isObject(given)) throw new ConfigurationError("stores", "must be an object of stores, e.g. createRedisStores(...) of giacom-sdk/redis");
  for (const [name, methods] of Object.entries(STORE_METHODS)) {
    const store = given[name];
    if (store === undefined) continue;
    if (!methods.every((method) => typeof (store as Record<string, unknown> | null)?.[method] === "function")) {
      throw new ConfigurationError(`stores.${name}`, `must have the methods ${methods.join(", ")}`);
    }
  }
  return given as Partial<Stores>;
}
