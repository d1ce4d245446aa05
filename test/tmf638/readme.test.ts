// README.md's TMF638 section must say what the client does: its method table lists every method
// of every namespace (and nothing else).
import { describe, expect, it } from "vitest";
import { createServiceInventoryClient } from "giacom-sdk/tmf638";
import { markdownTable, readmeSection } from "../helpers/readme.js";

const section = readmeSection("TMF638 Service Inventory");

const table = (header: string) => markdownTable(section, header);

describe("README.md's TMF638 section", () => {
  it("lists every method of the client's namespaces, and nothing else", () => {
    expect(section).toContain("createServiceInventoryClient");
    const listed: Record<string, string[]> = {};
    for (const [cell] of table("| method | request |")) {
      const calls = [...cell!.matchAll(/`([\w.]+)\(/g)].map((m) => m[1]!);
      const namespace = calls[0]!.slice(0, calls[0]!.lastIndexOf("."));
      for (const call of calls) (listed[namespace] ??= []).push(call.slice(call.lastIndexOf(".") + 1));
    }
    // No request is made: the client is only looked at.
    const client = createServiceInventoryClient({
      baseUrl: "http://127.0.0.1:9/tmf-api/serviceInventory/v4",
      businessId: "JM",
      clientId: "readme",
      clientSecret: "readme-test",
    });
    const actual: Record<string, string[]> = {};
    for (const [namespace, value] of Object.entries(client)) {
      if (typeof value !== "object" || value === null) continue;
      actual[namespace] = Object.keys(value).filter((name) => typeof (value as Record<string, unknown>)[name] === "function");
    }
    const sorted = (record: Record<string, string[]>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, [...v].sort()]));
    expect(sorted(listed)).toEqual(sorted(actual));
  });

  it("documents forBusiness, the 501 class and get's count error", () => {
    for (const name of ["forBusiness(", "NotImplementedForBusinessError", "ServiceCountError", "X-Correlation-ID"]) expect(section).toContain(name);
  });
});
