// MasStack's error vocabulary in the simulator: `{ code, title }` (genericErrorResponseDTO) for
// every failure, with the codes MasStack's public pages show for 400, 401, 403, 406 and 500, and
// request bodies read as JSON whose identifiers keep their digits when sent as numbers.
import { parseJsonExact } from "../../core/internal/exact-json.js";
import { isRecord, type ErrorBodyStrategy, HttpError } from "../../core/simulator/http.js";
import { numberAsStringKeys } from "../generated/identifiers.js";
import type { ErrorBody } from "../generated/types.js";

/**
 * The code of each status. 400, 401, 403, 406 and 500 are the public pages' (Barrings page, "Get
 * service barring detail"); the others are assumed, in the same style.
 */
const CODES: Readonly<Record<number, string>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED_REQUEST",
  403: "FORBIDDEN_RESOURCE",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  406: "DUPLICATE_WORKFLOW_ID",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

/** The public pages' titles. */
export const MISSING_CALLBACK_URL = "MISSING CALLBACK URL";
export const MISSING_CREDENTIALS = "Missing credentials";
export const DUPLICATE_WORKFLOW = "Duplicate workflow id";

/** Every failure's body: the status's code (or the failure's own) and what went wrong as the title. */
export const errorBody = ((status: number, message: string, code?: string): ErrorBody => ({
  code: code ?? CODES[status] ?? `HTTP_${status}`,
  title: message,
})) satisfies ErrorBodyStrategy;

export const invalid = (title: string) => new HttpError(400, title);
export const notFound = (title: string) => new HttpError(404, title);
export const duplicateWorkflow = () => new HttpError(406, DUPLICATE_WORKFLOW);

/** The identifiers MasStack's own examples write as JSON numbers: read as the digits sent, never through a float. */
const NUMBER_AS_STRING: ReadonlySet<string> = new Set(numberAsStringKeys);

/** The JSON object a POST or PATCH carries (application/json). */
export async function readBody(request: Request): Promise<Record<string, unknown>> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw invalid(`The request body must be application/json, not ${type === "" ? "sent without a Content-Type" : type}`);
  }
  let parsed: unknown;
  try {
    parsed = parseJsonExact(await request.text(), NUMBER_AS_STRING);
  } catch {
    throw invalid("The request body is not valid JSON");
  }
  if (!isRecord(parsed)) throw invalid("The request body must be a JSON object");
  return parsed;
}
