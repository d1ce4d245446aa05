// The argument checks every store implementation shares, so that memory and Redis refuse the
// same inputs with the same errors.
import { InvalidArgumentError, requireString } from "../errors.js";

/** @internal A non-empty string key. */
export const checkKey = requireString;

/** @internal A duration: a positive finite number of milliseconds. */
export function checkMs(argument: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(argument, "must be a positive finite number of milliseconds");
  }
  return value;
}

/** @internal A wait: zero or a positive finite number of milliseconds; undefined is zero. */
export function checkWaitMs(argument: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(argument, "must be zero or a positive finite number of milliseconds");
  }
  return value;
}

/** @internal An entity version: a finite number. */
export function checkVersion(argument: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new InvalidArgumentError(argument, "must be a finite number");
  return value;
}

/** @internal A token to cache: a non-empty string with a finite expiry. Never shown: it is a secret. */
export function checkCachedToken(argument: string, value: unknown): { token: string; expiresAt: number } {
  const { token, expiresAt } = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof token !== "string" || token === "") throw new InvalidArgumentError(`${argument}.token`, "must be a non-empty string");
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt)) throw new InvalidArgumentError(`${argument}.expiresAt`, "must be epoch milliseconds");
  return { token, expiresAt };
}

/** @internal A fresh claim or lock token: unguessable, so that no one fences by guessing it. */
export function newToken(): string {
  return crypto.randomUUID();
}
