import { describe, expect, it, vi } from "vitest";
import { ApiError, GiacomError, isGiacomError, NotFoundError, ServerError } from "giacom-sdk";

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
