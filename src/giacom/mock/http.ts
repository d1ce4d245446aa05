// Response helpers shared by every operation: JSON answers and the documented Error body.
import type { ErrorBody } from "../types.js";

const REASONS: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

// The document names two codes (ERR_000001 field validation, ERR_000006 rejected operation);
// for the others the simulator uses ERR_<status>, which no real code can be mistaken for.
export const FIELD_VALIDATION = { code: "ERR_000001", reason: "ERR_000001: Request body validation error at field level" } as const;
export const REJECTED = { code: "ERR_000006", reason: "ERR_000006: Rejected operation" } as const;

export function errorBody(status: number, message: string, known?: { code: string; reason: string }): ErrorBody {
  const code = known?.code ?? `ERR_${status}`;
  const reason = known?.reason ?? `${code}: ${REASONS[status] ?? "Error"}`;
  return { code, reason, message, status: "Error" };
}

/** A failure an operation reports by throwing; the dispatcher turns it into an Error response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly known?: { code: string; reason: string },
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const bodyError = (message: string) => new HttpError(400, message, FIELD_VALIDATION);
export const notFound = (what: string, id: string) => new HttpError(404, `${what} ${id} does not exist`);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

export function errorResponse(error: HttpError): Response {
  return json(errorBody(error.status, error.message, error.known), error.status, error.headers);
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The JSON object a POST or PATCH must carry. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw bodyError("The request body is not valid JSON");
  }
  if (!isRecord(parsed)) throw bodyError("The request body must be a JSON object");
  return parsed;
}
