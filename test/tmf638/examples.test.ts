// The TMF638 examples (examples/tmf638-*.ts) run to their end against the TMF638 simulator over
// loopback HTTP, with their log and the simulator's state checked; and a check that no such
// example is left without a test here.
import { readdirSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createServiceInventoryClient } from "giacom-sdk/tmf638";
import { createServiceInventorySimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/tmf638/mock";
import { run as tmf638Inventory } from "../../examples/tmf638-inventory.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const cases: Record<string, () => Promise<void>> = {
  "tmf638-inventory.ts": async () => {
    const sim = createServiceInventorySimulator({ notImplemented: ["PA"] });
    const server = await sim.listen();
    closers.push(server.close);
    const inventory = createServiceInventoryClient({ baseUrl: server.baseUrl, businessId: "JM", ...SIMULATOR_CREDENTIALS });
    const before = await inventory.services.count();
    const lines: string[] = [];
    const changed = await tmf638Inventory(inventory, "PA", (line) => lines.push(line));
    const text = lines.join("\n");
    expect(changed.state).toBe("active");
    // What was created was deleted: the unit holds what it held.
    await expect(inventory.services.count()).resolves.toBe(before);
    expect(text).toMatch(new RegExp(`^JM: ${before} service\\(s\\); the first ${Math.min(3, before)}: `, "m"));
    expect(text).toContain(`Created service ${changed.id}: designed`);
    expect(text).toContain(`Service ${changed.id} is designed: Fibre 500 for the branch office`);
    expect(text).toContain("The by-id read for account ACC-DEMO-1 answered 1 service(s)");
    expect(text).toContain(`Service ${changed.id} is now active`);
    expect(text).toContain(`Service ${changed.id} deleted`);
    expect(text).toMatch(/^PA: not implemented \(.+\)$/m);
  },
};

describe("examples/tmf638-*.ts against the TMF638 simulator", () => {
  for (const [file, test] of Object.entries(cases)) it(`${file} runs to the end`, test, 20_000);

  it("has a test for every TMF638 example", () => {
    const files = readdirSync(new URL("../../examples/", import.meta.url)).filter((name) => /^tmf638-.*\.ts$/.test(name));
    expect(files.sort()).toEqual(Object.keys(cases).sort());
  });
});
