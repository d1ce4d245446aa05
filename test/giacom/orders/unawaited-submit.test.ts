// A `submit()` nobody awaits does not lose its failure: like any promise, the handle rejects
// unhandled, and Node.js ends the process naming the error. Each scenario runs a real child
// process (fixtures/unawaited-submit.ts) against the simulator's in-process fetch, with Node's
// default handling of unhandled rejections; a handle the script followed stays quiet.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CHILD = fileURLToPath(new URL("./fixtures/unawaited-submit.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

function run(scenario: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, scenario], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    // A net for a script that never ends, not a measurement.
    const kill = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(kill);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("an unawaited submit() whose submission fails", () => {
  it.each([
    ["invalid", /OrderValidationError: The service order has 1 error and was not sent:\n.*TARIFF "no-such-tariff"/],
    ["rejected", /OrderFailedError: Service order \S+ ended rejected: .*TARIFF "no-such-tariff"/],
    ["refused", /BadRequestError: POST \S*\/serviceOrder failed with 400/],
  ])(
    "ends the process with an unhandled rejection naming the error (%s)",
    async (scenario, error) => {
      const { code, stdout, stderr } = await run(scenario);
      expect(stdout).toContain("submitted, not awaited");
      expect(stderr).toMatch(error);
      expect(code).toBe(1);
    },
    90_000,
  );

  it("stays quiet when the script took charge of the handle (onProgress)", async () => {
    const { code, stdout, stderr } = await run("watched");
    expect(stdout).toContain("submitted, not awaited");
    expect(stderr).not.toMatch(/Error/);
    expect(code).toBe(0);
  }, 90_000);
});
