import { describe, expect, it, vi } from "vitest";
import { ApiError, createGiacomClient, GiacomError, isGiacomError, NotFoundError, ServerError } from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";

describe("errors", () => {
  const init = { status: 404, body: { code: "ERR_1", reason: "missing" }, method: "GET", path: "/service/x", correlationId: "c-1", attempts: 1 };

  it("form one hierarchy with a literal name and a stable code", () => {
    const error = new NotFoundError(init);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(GiacomError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ServerError);
    expect(error.name).toBe("NotFoundError");
    expect(error.code).toBe("NOT_FOUND");
    expect(isGiacomError(error)).toBe(true);
    expect(isGiacomError(new Error("other"))).toBe(false);
    expect(isGiacomError({ code: "NOT_FOUND" })).toBe(false);
    expect(isGiacomError(null)).toBe(false);
  });

  it("are recognised across two installed copies of the package", async () => {
    vi.resetModules();
    // The same source under another module id: what a second installed copy looks like at runtime.
    const secondCopy = "../../../src/giacom/errors.ts?second-copy";
    const copy = (await import(/* @vite-ignore */ secondCopy)) as typeof import("../../../src/giacom/errors.js");
    const foreign = new copy.NotFoundError(init);
    expect(foreign.constructor).not.toBe(NotFoundError);
    expect(isGiacomError(foreign)).toBe(true);
    expect(foreign instanceof GiacomError).toBe(true);
    expect(copy.isGiacomError(new NotFoundError(init))).toBe(true);
  });
});

describe("errors that tell the cause, against the simulator", () => {
  it("a base URL missing its version segment gives a 404 whose message shows the whole URL tried", async () => {
    const served = await createGiacomSimulator().listen();
    try {
      const origin = new URL(served.baseUrl).origin;
      const giacom = createGiacomClient({ baseUrl: origin, tokenUrl: served.tokenUrl, credentials: SIMULATOR_CREDENTIALS, retry: false });
      const error = await giacom.serviceSpecifications.get("MOBILE_VOICE_SRV_GIACOM_VF").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).message).toMatch(new RegExp(`^GET ${origin}/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_VF failed with 404`));
      // With the version segment, the same call succeeds.
      const right = createGiacomClient({ baseUrl: served.baseUrl, tokenUrl: served.tokenUrl, credentials: SIMULATOR_CREDENTIALS });
      await expect(right.serviceSpecifications.get("MOBILE_VOICE_SRV_GIACOM_VF")).resolves.toMatchObject({ id: "MOBILE_VOICE_SRV_GIACOM_VF" });
    } finally {
      await served.close();
    }
  });
});
