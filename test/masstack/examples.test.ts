// The MasStack examples (examples/masstack-*.ts) run to their end against the MasStack simulator
// over loopback HTTP, their callbacks taken by a receiver on a node:http server, with their log
// and the simulator's state checked; run as a script too (a real process that must end by
// itself); and a check that no such example is left without a test here.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createMasStackClient, MasStackCallbackError } from "giacom-sdk/masstack";
import { createCallbackReceiver, toNodeHandler } from "giacom-sdk/masstack/callbacks";
import { createMasStackSimulator, type MasStackSimulator } from "giacom-sdk/masstack/mock";
import { DEMO_SIM, run as masstackMultisim } from "../../examples/masstack-multisim.js";
import { MASSTACK_CALLBACK_SECRETS } from "../helpers/secrets.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A simulator on loopback, a receiver on a node:http server under a prefix, and a client of both. */
async function simulated(sim: MasStackSimulator = createMasStackSimulator()) {
  const api = await sim.listen();
  closers.push(api.close);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const receiver = createCallbackReceiver({
    secret: MASSTACK_CALLBACK_SECRETS.current,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/partner/masstack`,
  });
  server.on("request", toNodeHandler(receiver));
  const masstack = createMasStackClient({
    baseUrl: api.baseUrl,
    serviceAccount: await sim.createServiceAccount(),
    tokenUrl: api.tokenUrl,
    callbacks: receiver,
  });
  const lines: string[] = [];
  return { sim, masstack, lines, log: (line: string) => lines.push(line) };
}

const cases: Record<string, () => Promise<void>> = {
  "masstack-multisim.ts": async () => {
    const { sim, masstack, lines, log } = await simulated();
    const created = await masstackMultisim(masstack, DEMO_SIM, log);
    const text = lines.join("\n");
    // The simulator sent the new id as a bare JSON number; the flow got its digits as a string.
    expect(created.service_id).toBe("600000001");
    const callback = sim.deliveries.find((d) => d.operationId === "createService")!;
    expect(callback.text).toContain('"service_id":600000001');
    expect(callback.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/partner\/masstack\/success\//);

    const service = sim.service("multisim", "600000001")!;
    expect(service.service_details).toEqual({ secondary_eid: DEMO_SIM.eid, secondary_iccid: DEMO_SIM.iccid });
    expect(service.barrings).toEqual(["ROAMING"]);
    expect(Object.values(service.promotions).map((p) => p.promotion.promotion_id)).toEqual(["76"]);
    // The refused movement never left.
    expect(service.movements).toEqual({});
    expect(sim.workflows.map((w) => [w.operationId, w.state])).toEqual([
      ["createService", "succeeded"],
      ["updateBarring", "succeeded"],
    ]);

    const [creation, barring] = sim.workflows;
    expect(text).toContain(`Multisim requested: workflow ${creation!.workflowId} accepted`);
    expect(text).toContain('Service "600000001" created: OK Service was successfully created');
    expect(text).toContain("Roaming barred: OK Barring update was successfully finished");
    expect(text).toContain(`Workflow ${barring!.workflowId} resumed from its token: succeeded`);
    expect(text).toContain("Barring masks on 600000001: ROAMING_MOBILE_LP");
    expect(text).toContain(`Promotion 76 active on 600000001: CREATED, id ${Object.keys(service.promotions)[0]}`);
    expect(text).toContain("Movement not sent: 2 problem(s)");
    expect(text).toMatch(/^ {2}body\.movement_datetime must be an RFC 3339 date-time/m);
    expect(text).toMatch(/^ {2}body\.period_end_datetime is required when period_start_datetime is set/m);
  },
};

function script(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Without MASSTACK_BASE_URL, whatever the environment running the tests says.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("MASSTACK_")));
    const child = spawn(process.execPath, ["--import", "tsx", `examples/${file}`], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    // A net for a script that never ends, not a measurement.
    const kill = setTimeout(() => child.kill("SIGKILL"), 55_000);
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(kill);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("examples/masstack-*.ts against the MasStack simulator", () => {
  for (const [file, test] of Object.entries(cases)) it(`${file} runs to the end`, test, 20_000);

  it("has a test for every MasStack example", () => {
    const files = readdirSync(new URL("../../examples/", import.meta.url)).filter((name) => /^masstack-.*\.ts$/.test(name));
    expect(files.sort()).toEqual(Object.keys(cases).sort());
  });

  it("masstack-multisim.ts stops at a failed workflow with MasStack's code and title", async () => {
    const { sim, masstack, lines, log } = await simulated();
    sim.fault({ operationId: "createService" }, { kind: "errorOutcome", code: "ICCID_NOT_AVAILABLE", title: "The ICCID is already in use" });
    const failed = masstackMultisim(masstack, DEMO_SIM, log);
    await expect(failed).rejects.toBeInstanceOf(MasStackCallbackError);
    await expect(failed).rejects.toMatchObject({
      apiCode: "ICCID_NOT_AVAILABLE",
      title: "The ICCID is already in use",
      workflowId: sim.workflows[0]!.workflowId,
    });
    expect(lines).toEqual([`Multisim requested: workflow ${sim.workflows[0]!.workflowId} accepted`]);
    expect(sim.services.filter((s) => s.service_type === "multisim").map((s) => s.service_id)).toEqual(["600000000"]);
  });

  it("masstack-multisim.ts runs as a script (npx tsx) and the process ends by itself", async () => {
    const { code, stdout, stderr } = await script("masstack-multisim.ts");
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Running against the MasStack simulator at http:\/\/127\.0\.0\.1:\d+\/v3 /m);
    expect(stdout).toContain('Service "600000001" created: OK Service was successfully created');
    expect(stdout).toContain("Barring masks on 600000001: ROAMING_MOBILE_LP");
    expect(stdout).toContain("Movement not sent: 2 problem(s)");
    expect(code).toBe(0);
  }, 60_000);
});
