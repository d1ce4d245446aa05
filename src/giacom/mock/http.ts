// Giacom's error vocabulary in the simulator: the two codes the document names and the Error
// body (TMF's) that carries them.
import { HttpError, isRecord, readJsonObject as readObject } from "../../core/simulator/http.js";
import { tmfErrorBody } from "../../tmf/simulator/errors.js";
import type { Subscription } from "../../tmf/simulator/notifier.js";

// The document names two codes (ERR_000001 field validation, ERR_000006 rejected operation);
// for the others the simulator uses ERR_<status>, which no real code can be mistaken for.
export const FIELD_VALIDATION = { code: "ERR_000001", reason: "ERR_000001: Request body validation error at field level" } as const;
export const REJECTED = { code: "ERR_000006", reason: "ERR_000006: Rejected operation" } as const;

export const errorBody = tmfErrorBody({ [FIELD_VALIDATION.code]: FIELD_VALIDATION.reason, [REJECTED.code]: REJECTED.reason });

export const bodyError = (message: string) => new HttpError(400, message, { code: FIELD_VALIDATION.code });

/** The JSON object a POST or PATCH must carry; anything else is a field validation error. */
export const readJsonObject = (request: Request) => readObject(request, bodyError);

/** A hub may carry an API key, which Giacom sends back with every delivery as `Authorization: Basic <key>`. */
export const apiKeySubscription: Subscription = ({ credentials }) => {
  if (credentials === undefined) return { fields: {}, headers: {} };
  if (!isRecord(credentials) || credentials.type !== "apikey" || typeof credentials.value !== "string" || credentials.value === "") {
    throw bodyError('credentials must be { "type": "apikey", "value": "<api key>" }');
  }
  return { fields: { credentials: { type: "apikey" } }, headers: { Authorization: `Basic ${credentials.value}` } };
};
