// TMF638's error vocabulary in the simulator: the gateway's `{ errors: [{ code, message,
// description }] }` body (002, L706-747), whose `code` is the HTTP status as a number, and
// request bodies read by their media type.
import { HttpError, readJsonObject } from "../../core/simulator/http.js";
import { reasonPhrase } from "../../tmf/simulator/errors.js";

/** The `message` of each status, as the seed writes it where it documents one. */
const MESSAGES: Record<number, string> = {
  400: "The request is invalid or not properly formed.",
  401: "The user could not be authenticated for this request.",
  405: "APIKIT:METHOD_NOT_ALLOWED",
  500: "The request failed due to an internal error.",
  501: "NOT IMPLEMENTED",
};

/** The documented 401 description (L718). */
export const UNAUTHENTICATED = "The request has not been applied because it lacks valid authentication credentials for the target resource";

/** The engine's 405 text, rewritten as the gateway writes it (L729). */
const NOT_ALLOWED = /^(\S+) is not allowed on (.*)$/;

/** One entry of the gateway's error body. */
export interface ErrorEntry {
  code: number;
  message: string;
  description: string;
}

/**
 * The error body of every failure: one entry whose `code` is the status, whose `message` is the
 * seed's for that status (or, given as `message`, the failure's own, as the 404 examples name
 * the service), and whose `description` says what went wrong.
 */
export const errorBody = (status: number, description: string, message?: string): { errors: ErrorEntry[] } => {
  const allowed = status === 405 ? NOT_ALLOWED.exec(description) : null;
  return {
    errors: [
      {
        code: status,
        message: message ?? MESSAGES[status] ?? reasonPhrase(status),
        description: allowed ? `HTTP Method ${allowed[1]} not allowed for : ${allowed[2]}` : description,
      },
    ],
  };
};

/** A failure with the seed's message for its status and `description`; `message` overrides the seed's. */
export const fail = (status: number, description: string, message?: string) =>
  new HttpError(status, description, message === undefined ? {} : { code: message });

export const invalid = (description: string) => fail(400, description);

/** The JSON object a POST (application/json) or a PATCH (a JSON merge patch, or application/json as the official file has it) carries. */
export async function readBody(request: Request, kind: "create" | "patch"): Promise<Record<string, unknown>> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  const accepted = kind === "patch" ? ["application/merge-patch+json", "application/json"] : ["application/json"];
  if (!accepted.includes(type)) throw invalid(`The body must be ${accepted.join(" or ")}, not ${type === "" ? "without a Content-Type" : type}`);
  return readJsonObject(request, invalid);
}
