// README.md's TMF622 section must say what the client does: its method table lists every method
// of every namespace (and nothing else), and its state table is PRODUCT_ORDER_STATES.
import { describe, expect, it } from "vitest";
import { createProductOrderingClient, PRODUCT_ORDER_STATES } from "giacom-sdk/tmf622";
import { markdownTable, readmeSection } from "../helpers/readme.js";

const section = readmeSection("TMF622 Product Ordering");

const table = (header: string) => markdownTable(section, header);

describe("README.md's TMF622 section", () => {
  it("lists every method of the client's namespaces, and nothing else", () => {
    const listed: Record<string, string[]> = {};
    for (const [cell] of table("| method | request |")) {
      const calls = [...cell!.matchAll(/`([\w.]+)\(/g)].map((m) => m[1]!);
      const namespace = calls[0]!.slice(0, calls[0]!.lastIndexOf("."));
      for (const call of calls) (listed[namespace] ??= []).push(call.slice(call.lastIndexOf(".") + 1));
    }
    // No request is made: the client is only looked at.
    const client = createProductOrderingClient({ baseUrl: "http://127.0.0.1:9/tmf-api", headers: { "X-API-Key": "readme-test" } });
    const actual: Record<string, string[]> = {};
    const collect = (path: string, value: object) => {
      actual[path] = Object.keys(value).filter((name) => typeof (value as Record<string, unknown>)[name] === "function");
      for (const [name, v] of Object.entries(value)) if (typeof v === "object" && v !== null) collect(`${path}.${name}`, v);
    };
    for (const [namespace, methods] of Object.entries(client)) collect(namespace, methods as object);
    const sorted = (record: Record<string, string[]>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, [...v].sort()]));
    expect(sorted(listed)).toEqual(sorted(actual));
  });

  it("shows the state table PRODUCT_ORDER_STATES holds, every state in the contract's order", () => {
    const rows = table("| state | final | outcome | needs attention |").map(([state, final, outcome, attention]) => [
      state!.replaceAll("`", ""),
      { final: final === "yes", succeeded: outcome === "success", needsAttention: attention === "yes" },
    ]);
    expect(rows.map(([state]) => state)).toEqual(Object.keys(PRODUCT_ORDER_STATES));
    expect(Object.fromEntries(rows)).toEqual(PRODUCT_ORDER_STATES);
    // An outcome is given for the final states, and only for them.
    for (const [state, final, outcome] of table("| state | final |")) expect(outcome !== "", state).toBe(final === "yes");
  });
});
