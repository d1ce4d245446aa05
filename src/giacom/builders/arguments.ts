// Argument checks for the builders: shape only, each naming the argument it rejects as
// "<function or method>.<parameter>". What a specification allows is validation's job.
import { InvalidArgumentError, requireString } from "../../core/errors.js";

/** @internal */
export function optionalString(argument: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireString(argument, value);
}

/** @internal A string that may be blank, when a blank value means "reuse" or "drop". */
export function optionalText(argument: string, value: unknown): string | undefined {
  if (value !== undefined && typeof value !== "string") throw new InvalidArgumentError(argument, "must be a string (it may be empty)");
  return value;
}

function finite(argument: string, value: number): string {
  if (!Number.isFinite(value)) throw new InvalidArgumentError(argument, `must be a finite number, got ${String(value)}`);
  return String(value);
}

/** @internal A characteristic value as sent: a string, blank allowed, or a finite number. */
export function wireValue(argument: string, value: unknown): string {
  if (typeof value === "number") return finite(argument, value);
  if (typeof value === "string") return value;
  throw new InvalidArgumentError(argument, "must be a string or a finite number");
}

/** @internal A specification version: a non-empty string or a finite number. */
export function versionString(argument: string, value: unknown): string {
  return typeof value === "number" ? finite(argument, value) : requireString(argument, value);
}

/** @internal A date-time string, or a valid Date sent as its ISO string. */
export function dateTime(argument: string, value: unknown): string {
  // A Date from another realm is a Date too, hence no instanceof.
  if (Object.prototype.toString.call(value) === "[object Date]") {
    const time = Date.prototype.getTime.call(value);
    if (Number.isNaN(time)) throw new InvalidArgumentError(argument, "must be a valid Date, got an Invalid Date");
    return new Date(time).toISOString();
  }
  if (typeof value !== "string" && value !== undefined) throw new InvalidArgumentError(argument, "must be a date-time string or a Date");
  return requireString(argument, value);
}

/** @internal A number, or a string that reads as one, as sent. */
export function numeric(argument: string, value: unknown): string {
  if (typeof value === "string" && (value.trim() === "" || !Number.isFinite(Number(value)))) {
    throw new InvalidArgumentError(argument, `must be a number, got "${value}"`);
  }
  if (typeof value !== "string" && typeof value !== "number") throw new InvalidArgumentError(argument, "must be a number or a numeric string");
  return wireValue(argument, value);
}
