// Every operation of the contract, called once on its happy path in both modes; the helper
// validates each answer against the operation's response schema (closed).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGiacomSimulator } from "../../../src/giacom/mock/index.js";
import { matchRoute } from "../../../src/giacom/mock/api.js";
import { routes as ROUTES } from "../../../src/giacom/generated/routes.js";
import type { Resource, ServiceOrder } from "../../../src/giacom/types.js";
import { client, example, expectConforms, loopbackPassthrough, MODES, responseSchema, serve, type Served } from "./helpers.js";

describe("the contract check of the simulator's tests", () => {
  it("rejects a field the contract does not declare, so a passing answer really fits the spec", () => {
    expect(() => expectConforms({ $ref: "#/components/schemas/Service" }, { id: "1", colour: "red" }, "Service")).toThrow();
    expect(responseSchema("GET", "/service", 200)).toEqual({ type: "array", items: { $ref: "#/components/schemas/Service" } });
    expect(responseSchema("DELETE", "/resource/1", 204)).toBeNull();
  });
});

describe.each(MODES)("every operation of the contract served by the simulator (%s)", (mode) => {
  const server = setupServer(loopbackPassthrough);
  let served: Served | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => served?.close());
  afterAll(() => server.close());

  it("answers each operation's happy path with a body its response schema accepts", async () => {
    const sim = createGiacomSimulator({ clock: "manual" });
    served = await serve(mode, sim, server);
    const api = client(served);
    const token = await api.token();
    const seen = new Set<string>();
    const call = async (method: string, path: string, expected: number, body?: unknown) => {
      const answer = await api.call(method, path, { token, ...(body === undefined ? {} : { body }) });
      expect(answer.status, `${method} ${path}`).toBe(expected);
      const matched = matchRoute(method, path.split("?")[0]!);
      if (matched && "route" in matched) seen.add(matched.route.operationId);
      return answer.body;
    };

    await call("GET", "/serviceSpecification", 200);
    await call("GET", "/serviceSpecification/MOBILE_VOICE_SRV_GIACOM_O2?version=1", 200);
    await call("GET", "/resourceSpecification?version=*", 200);
    await call("GET", "/resourceSpecification/VF_e_sim", 200);

    const created = (await call("POST", "/resource", 201, example("ResourceCreateSubscriberNumber"))) as Resource;
    expect(created).toMatchObject({ id: "2", version: 1, resourceStatus: "planned", resourceSpecification: { id: "Mobile_Subscriber_number" } });
    await call("GET", "/resource", 200);
    await call("GET", `/resource/${created.id}`, 200);
    const patched = (await call("PATCH", `/resource/${created.id}`, 200, {
      resourceStatus: "available",
      resourceCharacteristic: [{ id: "SN_SPID", value: [{ value: "GS905678" }] }],
    })) as Resource;
    expect(patched).toMatchObject({ version: 2, resourceStatus: "available" });
    expect(patched.resourceCharacteristic!.map((c) => c.value?.[0]?.value)).toEqual(["07571234567", "GS905678"]);
    await call("DELETE", `/resource/${created.id}`, 204);
    expect((await api.call("GET", `/resource/${created.id}`, { token })).status).toBe(404);

    await call("GET", "/service", 200);
    await call("GET", "/service/7", 200);

    const order = (await call("POST", "/serviceOrder", 201, example("ServiceOrderPortInVodafoneESim"))) as ServiceOrder;
    await call("GET", "/serviceOrder", 200);
    await call("GET", `/serviceOrder/${order.id}`, 200);
    await call("PATCH", `/serviceOrder/${order.id}`, 200, { priority: "2" });
    const task = (await call("POST", "/cancelServiceOrder", 201, { serviceOrder: { id: order.id }, cancellationReason: "duplicate" })) as { id: string };
    await call("GET", "/cancelServiceOrder", 200);
    await call("GET", `/cancelServiceOrder/${task.id}`, 200);

    const hub = (await call("POST", "/topic/default/hub", 201, example("HubCallbackWithApiKey"))) as { id: string };
    await call("DELETE", `/topic/default/hub/${hub.id}`, 204);

    const address = await call("POST", "/geographicAddress", 201, example("GeographicAddressCreateSample"));
    expect(address).toMatchObject({ postcode: "string", openreachQualifier: "SILVER", openreachALK: "string" });
    const validation = await call("POST", "/geographicAddressValidation", 201, example("GeographicAddressValidationCreateSample"));
    expect(validation).toMatchObject({
      state: "done",
      validGeographicAddress: { openreachQualifier: "GOLD" },
      alternateGeographicAddress: [expect.any(Object)],
    });
    const slots = await call("POST", "/searchTimeSlot", 201, example("SearchTimeSlotCreateSample"));
    expect(slots).toMatchObject({ status: "done", availableTimeSlot: [{ validFor: { startDateTime: "2019-08-24T14:15:22Z" } }] });
    const booked = await call("POST", "/appointment", 201, example("AppointmentCreateSample"));
    expect(booked).toMatchObject({ status: "confirmed", validFor: { startDateTime: "2019-08-24T14:15:22Z" } });

    expect([...seen].sort()).toEqual(ROUTES.map((r) => r.operationId).sort());
  });

  it("answers 400 with ERR_000001 to address and appointment bodies missing what the contract requires", async () => {
    served = await serve(mode, createGiacomSimulator(), server);
    const api = client(served);
    const token = await api.token();
    for (const [path, body] of [
      ["/geographicAddressValidation", { submittedGeographicAddress: {} }],
      ["/searchTimeSlot", { requestedTimeSlot: [] }],
      ["/appointment", { validFor: { startDateTime: "tomorrow" } }],
      ["/resource", { resourceStatus: "lost" }],
      ["/resource", { id: "9" }],
    ] as const) {
      const answer = await api.call("POST", path, { token, body });
      expect(answer.status, path).toBe(400);
      expect(answer.body).toMatchObject({ code: "ERR_000001" });
    }
  });
});
