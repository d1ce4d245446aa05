// Reading an order as it comes: it is the caller's or the wire's, so any field may have the
// wrong shape, and each wrong one is an issue, never a throw.
import { isObject as isRecord } from "../../core/internal/show.js";
import type { Report } from "./report.js";

export { isRecord };
/** @internal */
export const isId = (v: unknown): v is string => typeof v === "string" && v !== "";
/** @internal */
export const listOr = (v: unknown) => (Array.isArray(v) ? v : []);

/** @internal The values of one characteristic. */
export interface Held {
  values: string[];
  /** Path of the characteristic in the order; undefined when it comes from the live service. */
  path: string | undefined;
}

/** @internal The values actually given: a blank one stands for none. */
export const given = (held: Held | undefined) => held?.values.filter((v) => v !== "") ?? [];
/** @internal */
export const nonBlank = (held: Held | undefined) => held !== undefined && held.values.some((v) => v !== "");

/**
 * @internal Calls `each` for every entry of the list `raw` (at `listPath`) with an id; reports
 * the others (`noId`), and a list that is not one (`notAList`). Nothing when there is no list.
 */
export function eachWithId(
  raw: unknown,
  listPath: string,
  notAList: string,
  noId: string,
  report: Report,
  each: (entry: Record<string, unknown>, id: string, path: string) => void,
): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) return report("INVALID_ORDER", listPath, notAList);
  raw.forEach((entry: unknown, index) => {
    const path = `${listPath}[${index}]`;
    if (isRecord(entry) && isId(entry.id)) each(entry, entry.id, path);
    else report("INVALID_ORDER", path, noId);
  });
}

/** @internal The characteristics an item sets, by id, with their string values. */
export function readCharacteristics(raw: unknown, listPath: string, report: Report): Map<string, Held> {
  const out = new Map<string, Held>();
  eachWithId(
    raw,
    listPath,
    "serviceCharacteristic must be a list of { id, value: [{ value }] }",
    "a characteristic needs an id (a non-empty string)",
    report,
    (c, id, path) => {
      if (out.has(id)) return report("DUPLICATE_CHARACTERISTIC", path, `${id} is set twice in this item`, id);
      const values: string[] = [];
      if (!Array.isArray(c.value)) report("INVALID_ORDER", `${path}.value`, `${id} needs value: [{ value: "..." }]`, id);
      else
        c.value.forEach((v: unknown, k) => {
          if (isRecord(v) && typeof v.value === "string") values.push(v.value);
          else report("INVALID_VALUE_TYPE", `${path}.value[${k}]`, `each value of ${id} must be { value: "<text>" }`, id);
        });
      out.set(id, { values, path });
    },
  );
  return out;
}
