// The value types the Giacom catalogue uses, and what a value of each looks like. Types
// the document does not describe (SPID, string) accept any text.

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** value type -> [check, what a valid value looks like] */
const TYPES: Record<string, [(value: string) => boolean, string]> = {
  int: [(v) => /^-?\d+$/.test(v), "a whole number"],
  integer: [(v) => /^-?\d+$/.test(v), "a whole number"],
  "date-time": [(v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)), "an RFC 3339 date-time"],
  email: [(v) => EMAIL.test(v), "an email address"],
  // ITU-T E.118: up to 22 digits; SIM serials in use are 19 or 20.
  iccid: [(v) => /^\d{18,22}$/.test(v), "an ICCID of 18 to 22 digits"],
  base64: [(v) => v.length % 4 === 0 && BASE64.test(v), "base64 text"],
  // UK numbers as the document writes them: 07400123456 (or 447400123456).
  "subscriber number": [(v) => /^(?:0|\+?44)\d{10}$/.test(v), "a UK subscriber number such as 07400123456"],
  // Ofcom: a PAC is three letters and six digits, e.g. VUK123456.
  PAC: [(v) => /^[A-Za-z]{3}\d{6}$/.test(v), "a PAC of three letters and six digits such as VUK123456"],
};

/** @internal Undefined when `value` fits `valueType`; otherwise what it should look like. */
export function valueTypeProblem(valueType: string | undefined, value: string): string | undefined {
  const known = valueType === undefined ? undefined : TYPES[valueType];
  return known && !known[0](value) ? known[1] : undefined;
}
