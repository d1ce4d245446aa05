// MasStack's identifiers are strings in its schemas, yet its examples write some as JSON numbers
// (`"service_id": 600000000`, a 19-digit ICCID, a 32-digit EID as `8.903302331217e+31`). As a
// double such a number has already lost digits, so: answers are parsed keeping the source
// digits of these members, and a number a caller puts there is taken only while it is exact.
import { InvalidArgumentError } from "../core/errors.js";
import { parseJsonExact } from "../core/internal/exact-json.js";
import { isObject } from "../core/internal/show.js";
import { numberAsStringKeys } from "./generated/identifiers.js";

/**
 * @internal The members the spec marks `x-sdk-number-as-string`, and the multisim SIM's ICCID
 * and EID under their other names (the same identifiers, never documented as numbers, but just
 * as long).
 */
export const ID_KEYS: ReadonlySet<string> = new Set([...numberAsStringKeys, "secondary_iccid", "secondary_eid", "new_secondary_iccid", "new_secondary_eid"]);

/** @internal JSON with the identifiers' digits kept as written. */
export const parseJson = (text: string): unknown => parseJsonExact(text, ID_KEYS);

/** @internal An identifier given as a number: its decimal string while exact, else an error naming `at`. */
export function idString(at: string, value: unknown): unknown {
  if (typeof value !== "number") return value;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(at, `is the number ${value}, which has lost digits as a JavaScript number; pass the identifier as a string`);
  }
  return String(value);
}

/**
 * @internal A copy of a request body whose identifiers given as numbers are decimal strings;
 * `at` is the body's name in errors (`body.service_details.secondary_iccid`).
 */
export function normaliseIds(value: unknown, at: string): unknown {
  if (Array.isArray(value)) return value.map((item, i) => normaliseIds(item, `${at}[${i}]`));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) out[key] = ID_KEYS.has(key) ? idString(`${at}.${key}`, member) : normaliseIds(member, `${at}.${key}`);
  return out;
}
