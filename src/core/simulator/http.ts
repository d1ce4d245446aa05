// Response helpers of every simulator: JSON answers, failures thrown as HttpError, and the API's
// error body, which the engine never shapes itself: the API profile gives it as a strategy.
import { isObject } from "../internal/show.js";

/**
 * How an API writes its error body: the status, a human message and, when the failure has one
 * the API documents, its code.
 * @internal
 */
export type ErrorBodyStrategy = (status: number, message: string, code?: string) => unknown;

/** @internal A failure an operation reports by throwing; the engine turns it into an error response. */
export class HttpError extends Error {
  readonly code: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    message: string,
    options: { code?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.code = options.code;
    this.headers = options.headers ?? {};
  }
}

/** @internal */
export const badRequest = (message: string) => new HttpError(400, message);
/** @internal */
export const notFound = (what: string, id: string) => new HttpError(404, `${what} ${id} does not exist`);

/** @internal */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

/** @internal The response of `error`, its body written by the API's strategy. */
export function errorResponse(error: HttpError, errorBody: ErrorBodyStrategy): Response {
  return json(errorBody(error.status, error.message, error.code), error.status, error.headers);
}

/** @internal The simulators' name for the one plain-object check. */
export const isRecord = isObject;

/** @internal The JSON object a POST or PATCH must carry; `invalid` makes the error thrown when it does not. */
export async function readJsonObject(request: Request, invalid: (message: string) => Error = badRequest): Promise<Record<string, unknown>> {
  const text = await request.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid("The request body is not valid JSON");
  }
  if (!isRecord(parsed)) throw invalid("The request body must be a JSON object");
  return parsed;
}

/**
 * @internal `target` with a JSON merge patch applied (RFC 7396): a member of `patch` replaces
 * the target's, `null` removes it, and an object is merged member by member. A new value.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isRecord(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    // Defined, not assigned: a member named __proto__ stays a member.
    else
      Object.defineProperty(result, key, {
        value: mergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return result;
}
