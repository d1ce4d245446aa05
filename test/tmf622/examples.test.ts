// The TMF622 examples (examples/tmf622-*.ts) run to their end against the TMF622 simulator over
// loopback HTTP (real clock, short timings), with their log checked; and a check that no such
// example is left without a test here.
import { readdirSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createProductOrderingClient } from "giacom-sdk/tmf622";
import { createProductOrderingSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/tmf622/mock";
import { run as tmf622Order } from "../../examples/tmf622-order.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const cases: Record<string, () => Promise<void>> = {
  "tmf622-order.ts": async () => {
    // inProgress lasts long enough (a wide margin) for the example's cancel to find its order running.
    const sim = createProductOrderingSimulator({ timing: { acknowledgedMs: 10, inProgressMs: 1_000, cancelMs: 10 } });
    const server = await sim.listen();
    closers.push(server.close);
    const client = createProductOrderingClient({
      baseUrl: server.baseUrl,
      tokenUrl: server.tokenUrl,
      credentials: SIMULATOR_CREDENTIALS,
      polling: { initialDelayMs: 5, maxDelayMs: 20 },
    });
    const lines: string[] = [];
    const done = await tmf622Order(client, (line) => lines.push(line));
    const text = lines.join("\n");
    expect(done.state).toBe("completed");
    expect(sim.productOrders.map((o) => o.state)).toEqual(["completed", "cancelled"]);
    const [first, second] = sim.productOrders;
    expect(first!.productOrderItem.map((i) => [i.id, i.action])).toEqual([
      ["01", "add"],
      ["02", "terminate"],
    ]);
    expect(text).toContain(`Created product order ${first!.id}: acknowledged, items 01, 02`);
    expect(text).toContain(`  order ${first!.id}: completed`);
    expect(text).toMatch(new RegExp(`Order ${first!.id} is completed \\(completed \\d{4}-`));
    expect(text).toMatch(/^1 completed order\(s\); the first 1: \S+ \(demo-\d+\)$/m);
    expect(text).toMatch(new RegExp(`Cancel task \\S+ for order ${second!.id}: done`));
    expect(text).toContain(`Order ${second!.id} ended cancelled`);
  },
};

describe("examples/tmf622-*.ts against the TMF622 simulator", () => {
  for (const [file, test] of Object.entries(cases)) it(`${file} runs to the end`, test, 20_000);

  it("has a test for every TMF622 example", () => {
    const files = readdirSync(new URL("../../examples/", import.meta.url)).filter((name) => /^tmf622-.*\.ts$/.test(name));
    expect(files.sort()).toEqual(Object.keys(cases).sort());
  });
});
