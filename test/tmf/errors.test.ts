// The TMF error body decoded at the network edge: a real transport over an injected fetch that
// answers the error bodies TMF APIs send, with `status` (TMF630) or `state` (a TMF622 vendor).
import { describe, expect, it } from "vitest";
import { createTransport, resolveClientOptions, staticHeaders } from "giacom-sdk/core";
import { TmfApiError, tmfErrors } from "../../src/tmf/errors.js";

type Paths = {
  "/things/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } } };
    };
  };
};

async function errorOf(status: number, body: unknown): Promise<TmfApiError> {
  const fetch = async () => Response.json(body, { status });
  const http = createTransport<Paths>({
    ...resolveClientOptions({ baseUrl: "https://tmf.example/api", fetch, retry: false }),
    auth: staticHeaders({ "X-Key": "tmf-key-123" }),
    errors: tmfErrors.errorFor,
  });
  return (await http
    .send({ method: "get", path: "/things/{id}", idempotent: true }, { params: { path: { id: "t-1" } } })
    .catch((e: unknown) => e)) as TmfApiError;
}

describe("TMF error body", () => {
  it("reads the vendor's `state` where TMF630 has `status`", async () => {
    const body = { code: "60", reason: "Resource not found", message: "No productOrder t-1", state: "404", "@type": "Error" };
    const error = await errorOf(404, body);
    expect(error).toBeInstanceOf(tmfErrors.NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
      tmfCode: "60",
      reason: "Resource not found",
      tmfMessage: "No productOrder t-1",
      tmfStatus: "404",
    });
    expect(error.detail).toEqual(body);
  });

  it("prefers TMF630's `status` when a body carries both", async () => {
    const error = await errorOf(409, { code: "C", reason: "Conflict", status: "Error", state: "409" });
    expect(error).toMatchObject({ code: "CONFLICT", tmfStatus: "Error" });
  });
});
