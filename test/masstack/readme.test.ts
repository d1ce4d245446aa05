// README.md's MasStack section must say what the client does: its method table lists every
// method of every namespace, nested ones included (and nothing else), and the section names
// what a user relies on.
import { describe, expect, it } from "vitest";
import { createMasStackClient } from "giacom-sdk/masstack";
import { markdownTable, readmeSection } from "../helpers/readme.js";

const section = readmeSection("MasStack Partners V3");
/** The service types of the seeds (001's service_type enum), each a namespace under `services`. */
const SERVICE_TYPES = ["multisim", "security", "tv", "datasharing", "mobile", "applewatch", "deviceinsurance"];

const table = (header: string) => markdownTable(section, header);

describe("README.md's MasStack section", () => {
  it("lists every method of the client's namespaces, nested ones too, and nothing else", () => {
    expect(section).toContain("createMasStackClient");
    const listed = new Set<string>();
    for (const [cell] of table("| method | request |")) {
      // `services.<type>.create(` stands for each service type; `/ createNonSubscribable(` for a sibling of the first.
      const calls = [...cell!.matchAll(/`([\w.<>]+)\(/g)].map((m) => m[1]!);
      const namespace = calls[0]!.slice(0, calls[0]!.lastIndexOf("."));
      for (const call of calls) {
        const path = call.includes(".") ? call : `${namespace}.${call}`;
        for (const type of path.includes("<type>") ? SERVICE_TYPES : [""]) listed.add(path.replace("<type>", type));
      }
    }
    // No request is made: the client is only looked at.
    const client = createMasStackClient({ baseUrl: "http://127.0.0.1:9/v3", tokenProvider: { getToken: async () => "readme" } });
    const actual = new Set<string>();
    const collect = (path: string, value: object) => {
      for (const [name, member] of Object.entries(value)) {
        if (typeof member === "function") actual.add(`${path}.${name}`);
        else if (typeof member === "object" && member !== null) collect(`${path}.${name}`, member);
      }
    };
    collect("masstack", client);
    expect([...listed].map((p) => `masstack.${p}`).sort()).toEqual([...actual].sort());
    expect(Object.keys(client.services).sort()).toEqual([...SERVICE_TYPES].sort());
  });

  it("names the three entry points, the workflow id header, the 406 rule, the missing polling endpoint and the typed errors", () => {
    for (const name of [
      "giacom-sdk/masstack/callbacks",
      "giacom-sdk/masstack/mock",
      "Request-Correlation-Id",
      "DUPLICATE_WORKFLOW_ID",
      "DuplicateWorkflowError",
      "never polls",
      "MasStackCallbackError",
      "MasStackCallbackTimeoutError",
      "MasStackValidationError",
      "apiCode",
      "createServiceAccount",
      "callbackFetch",
      "toNodeHandler",
    ])
      expect(section).toContain(name);
  });
});
