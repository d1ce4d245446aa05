// serviceOrders.validate and create: what they fetch, what they cache, and that an order
// local validation rejects is never sent.
import { describe, expect, it, vi } from "vitest";
import { OrderValidationError, type ServiceOrderCreate } from "giacom-sdk";
import { testClient, TEST_TOKEN_URL, type Recorded } from "../../helpers/recording-fetch.js";
import { documentedOrder, SERVICES, SPECIFICATIONS } from "../fixtures/catalogue.js";
import { loadSpec } from "../spec/spec-helpers.js";

const acknowledged = loadSpec().components.examples.ServiceOrderNewLineO2Acknowledged!.value;

/** An API holding the documented catalogue and services. */
function catalogueApi(request: Recorded): Response | undefined {
  if (request.url.href === TEST_TOKEN_URL) return undefined;
  const [, , kind, id] = request.url.pathname.split("/");
  if (request.method === "GET" && kind === "serviceSpecification") {
    const version = request.url.searchParams.get("version");
    const spec = SPECIFICATIONS.find((s) => s.id === id && (version === null || String(s.version) === version));
    return spec ? Response.json(spec) : Response.json({ code: "ERR_404", reason: "not found" }, { status: 404 });
  }
  if (request.method === "GET" && kind === "service") {
    const service = SERVICES.find((s) => s.id === id);
    return service ? Response.json(service) : Response.json({ code: "ERR_404", reason: "not found" }, { status: 404 });
  }
  if (request.method === "POST" && kind === "serviceOrder") return Response.json(acknowledged, { status: 201 });
  return Response.json({ code: "ERR_500", reason: "unexpected" }, { status: 500 });
}

const calls = (requests: Recorded[]) => requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`);

describe("serviceOrders.create", () => {
  it("validates against the live catalogue, then sends the order", async () => {
    const { giacom, apiRequests } = testClient(catalogueApi);
    await expect(giacom.serviceOrders.create(documentedOrder("ServiceOrderNewLineO2"))).resolves.toEqual(acknowledged);
    expect(calls(apiRequests())).toEqual(["GET /v2/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_O2?version=1", "POST /v2/serviceOrder"]);
  });

  it("never sends an order local validation rejects, and says why", async () => {
    const { giacom, apiRequests } = testClient(catalogueApi);
    const order = documentedOrder<any>("ServiceOrderNewLineO2");
    order.serviceOrderItem[0].service.serviceCharacteristic[1].value[0].value = "99999";
    const error = await giacom.serviceOrders.create(order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderValidationError);
    expect((error as OrderValidationError).issues.map((i) => i.code)).toEqual(["VALUE_NOT_ALLOWED"]);
    expect(String(error)).toContain('serviceOrderItem[0].service.serviceCharacteristic[1].value[0]: TARIFF "99999" is not one of the catalogue\'s values');
    expect(calls(apiRequests()).filter((c) => c.startsWith("POST"))).toEqual([]);
  });

  it("reads the live services a change touches and the specification they were made from", async () => {
    const { giacom, apiRequests } = testClient(catalogueApi);
    await giacom.serviceOrders.create(documentedOrder("ServiceOrderAddBoltOn"));
    await giacom.serviceOrders.create(documentedOrder("ServiceOrderChangeBars"));
    expect(calls(apiRequests())).toEqual([
      "GET /v2/service/dd5244e1-13e3-45a5-b2f0-47b111a65142",
      "GET /v2/serviceSpecification/GIACOM_O2_DATA_BOLT_ON?version=1",
      "GET /v2/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_O2?version=1",
      "POST /v2/serviceOrder",
      // The service again (it is live state); its specification from the cache.
      "GET /v2/service/dd5244e1-13e3-45a5-b2f0-47b111a65142",
      "POST /v2/serviceOrder",
    ]);
  });

  it("reports what the API does not have as issues, and sends nothing", async () => {
    const { giacom, apiRequests } = testClient(catalogueApi);
    const order = documentedOrder<any>("ServiceOrderChangeBars");
    order.serviceOrderItem[0].service.id = "unknown-service";
    const error = (await giacom.serviceOrders.create(order).catch((e: unknown) => e)) as OrderValidationError;
    expect(error.issues.map((i) => `${i.code} ${i.path}`)).toEqual(["SERVICE_NOT_FOUND serviceOrderItem[0].service.id"]);
    expect(calls(apiRequests())).toEqual(["GET /v2/service/unknown-service"]);
  });

  it("sends without validating when asked to", async () => {
    const { giacom, apiRequests } = testClient(catalogueApi);
    const order: ServiceOrderCreate = { serviceOrderItem: [{ id: "1", action: "modify", service: { id: "anything" } }] };
    await expect(giacom.serviceOrders.create(order, { validate: false })).resolves.toEqual(acknowledged);
    expect(calls(apiRequests())).toEqual(["POST /v2/serviceOrder"]);
  });
});

describe("serviceOrders.validate", () => {
  it("returns the issues without sending anything, and reuses fetched specifications until their TTL", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const { giacom, apiRequests } = testClient(catalogueApi, { specificationCacheTtlMs: 60_000 });
      const order = documentedOrder<ServiceOrderCreate>("ServiceOrderPortInVodafoneESim");
      await expect(giacom.serviceOrders.validate(order)).resolves.toEqual({ valid: true, issues: [] });
      await giacom.serviceOrders.validate(order);
      vi.setSystemTime(Date.now() + 61_000);
      await giacom.serviceOrders.validate(order);
      expect(calls(apiRequests())).toEqual([
        "GET /v2/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_VF?version=1",
        "GET /v2/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_VF?version=1",
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shares one specification request among concurrent validations", async () => {
    const { giacom, apiRequests } = testClient(catalogueApi);
    const order = documentedOrder<ServiceOrderCreate>("ServiceOrderNewLineO2");
    await Promise.all(Array.from({ length: 20 }, () => giacom.serviceOrders.validate(order)));
    expect(calls(apiRequests())).toEqual(["GET /v2/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_O2?version=1"]);
  });

  it("lets API failures other than 404 through as they are", async () => {
    const { giacom } = testClient(
      (r) => (r.url.href === TEST_TOKEN_URL ? undefined : Response.json({ code: "ERR_403", reason: "missing scope" }, { status: 403 })),
      { retry: false },
    );
    await expect(giacom.serviceOrders.validate(documentedOrder("ServiceOrderNewLineO2"))).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
  });
});
