import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VERSION } from "giacom-sdk";

describe("VERSION", () => {
  it("is package.json's version, so the User-Agent names the release that runs", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
