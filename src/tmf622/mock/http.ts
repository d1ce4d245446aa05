// TMF622's error vocabulary in the simulator: the vendor's Error body, which carries the HTTP
// status in `state` where TMF630 has `status`, and request bodies read by their media type.
import { HttpError, readJsonObject } from "../../core/simulator/http.js";
import { reasonPhrase } from "../../tmf/simulator/errors.js";
import type { ErrorBody } from "../generated/types.js";

/**
 * The Error body of every failure. The vendor documents no codes of its own, so `code` is the
 * HTTP status, `reason` its phrase and `state` the status again (the vendor's "HTTP error code
 * extension").
 */
export const errorBody = (status: number, message: string, code?: string): ErrorBody => ({
  code: code ?? String(status),
  reason: reasonPhrase(status),
  message,
  state: String(status),
});

export const invalid = (message: string) => new HttpError(400, message);
export const conflict = (message: string) => new HttpError(409, message);

/** The JSON object a POST (application/json) or a PATCH (a JSON merge patch, or application/json as the official file has it) carries. */
export async function readBody(request: Request, kind: "create" | "patch"): Promise<Record<string, unknown>> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  const accepted = kind === "patch" ? ["application/merge-patch+json", "application/json"] : ["application/json"];
  if (!accepted.includes(type)) {
    throw new HttpError(415, `The body must be ${accepted.join(" or ")}, not ${type === "" ? "without a Content-Type" : type}`);
  }
  return readJsonObject(request, invalid);
}
