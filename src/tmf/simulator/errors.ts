// The TMF630 error body as a simulator strategy: `code`, `reason`, `message` and `status`. A
// code the API documents comes with its own reason; any other failure gets ERR_<status>, which
// no real code can be mistaken for, and the reason phrase of its status.
import type { ErrorBodyStrategy } from "../../core/simulator/http.js";

const REASONS: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  415: "Unsupported media type",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

/** @internal The reason phrase of an HTTP status, as a TMF error body's `reason` gives it. */
export const reasonPhrase = (status: number): string => REASONS[status] ?? "Error";

/** @internal The TMF error body a simulator answers with. */
export interface TmfErrorBody {
  code: string;
  reason: string;
  message: string;
  status: "Error";
}

/** @internal The TMF error body strategy; `reasons` gives the full reason of each code the API documents. */
export function tmfErrorBody(reasons: Readonly<Record<string, string>> = {}): (status: number, message: string, code?: string) => TmfErrorBody {
  const strategy = (status: number, message: string, known?: string): TmfErrorBody => {
    const code = known ?? `ERR_${status}`;
    const reason = Object.hasOwn(reasons, code) ? reasons[code]! : `${code}: ${reasonPhrase(status)}`;
    return { code, reason, message, status: "Error" };
  };
  return strategy satisfies ErrorBodyStrategy;
}
