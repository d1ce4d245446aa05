import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGiacomSimulator, type SimulatorOptions } from "../../../src/giacom/mock/index.js";
import type { Service, ServiceOrder } from "../../../src/giacom/types.js";
import { client, example, loopbackPassthrough, MODES, serve, type Served } from "./helpers.js";

const VOICE_O2 = "dd5244e1-13e3-45a5-b2f0-47b111a65142";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const value = (service: Service, id: string) => service.serviceCharacteristic?.find((c) => c.id === id)?.value?.map((v) => v.value);
const enabled = (service: Service, id: string) => service.feature?.find((f) => f.id === id)?.isEnabled;

describe.each(MODES)("service orders in the simulator (%s)", (mode) => {
  const server = setupServer(loopbackPassthrough);
  let served: Served | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(async () => served?.close());
  afterAll(() => server.close());

  async function start(options: SimulatorOptions = {}) {
    const sim = createGiacomSimulator({ clock: "manual", ...options });
    served = await serve(mode, sim, server);
    const api = client(served);
    const token = await api.token();
    const order = async (body: unknown) => {
      const answer = await api.call("POST", "/serviceOrder", { token, body });
      expect(answer.status).toBe(201);
      return answer.body as ServiceOrder;
    };
    const get = async <T>(path: string) => (await api.call("GET", path, { token })).body as T;
    return { sim, api, token, order, get };
  }

  it("acknowledges the documented new-line order as the document shows it, then progresses it on the clock", async () => {
    const { sim, order, get } = await start();
    const created = await order(example("ServiceOrderNewLineO2"));
    const documented = example("ServiceOrderNewLineO2Acknowledged") as unknown as ServiceOrder;
    expect(created).toMatchObject({
      state: "acknowledged",
      version: 1,
      externalReference: documented.externalReference,
      relatedParty: documented.relatedParty,
    });
    expect(created.id).toMatch(UUID);
    expect(created.startDate).toBe(created.lastUpdate);
    const [item] = created.serviceOrderItem!;
    const [documentedItem] = documented.serviceOrderItem!;
    expect(item!.state).toBe("acknowledged");
    expect(item!.service!.id).toMatch(UUID);
    expect(item!.service!.serviceCharacteristic).toEqual(documentedItem!.service!.serviceCharacteristic);
    expect(item!.service!.feature).toEqual(documentedItem!.service!.feature);

    await sim.advance(999);
    expect((await get<ServiceOrder>(`/serviceOrder/${created.id}`)).state).toBe("acknowledged");
    await sim.advance(1);
    const started = await get<ServiceOrder>(`/serviceOrder/${created.id}`);
    expect(started).toMatchObject({ state: "inProgress", version: 2, serviceOrderItem: [{ state: "inProgress" }] });
    expect(await get<Service[]>(`/service?serviceSpecification.id=MOBILE_VOICE_SRV_GIACOM_O2&state=active`)).toEqual([]);
    await sim.advance(3000);
    const done = await get<ServiceOrder>(`/serviceOrder/${created.id}`);
    expect(done).toMatchObject({ state: "completed", version: 3, serviceOrderItem: [{ state: "completed" }] });
    expect(Date.parse(done.completionDate!)).toBe(Date.parse(done.startDate!) + 4000);

    const line = await get<Service>(`/service/${item!.service!.id}`);
    expect(line).toMatchObject({
      state: "active",
      operatingStatus: "running",
      hasStarted: true,
      isServiceEnabled: true,
      name: "Mobile Voice Giacom-O2",
      category: "Mobile Voice Service",
      serviceSpecification: { id: "MOBILE_VOICE_SRV_GIACOM_O2", version: "1" },
      serviceOrderItem: [{ serviceOrderId: created.id, itemAction: "add", itemId: "1" }],
      externalIdentifier: [{ owner: "ACME Comms", externalIdentifierType: "service_id", id: "123" }],
    });
    expect(line.relatedParty!.map((p) => `${p.role}:${p.partyOrPartyRole?.id}`)).toEqual(["distributor:ACME Comms", "supplier:GIACOM", "network:O2"]);
    expect(value(line, "SUBSCRIBER_NUMBER")).toEqual(["07700900000"]); // attributed from the pool
    expect(value(line, "TARIFF")).toEqual(["62231"]);
    expect(line.serviceCharacteristic!.find((c) => c.id === "TARIFF")!.value![0]!.name).toBe(
      "AIO2GBPIC - All In One Pooled Data 2GB inc. International Caller V24Q2",
    );
    expect(enabled(line, "APN_IPHONE_985")).toBe(true); // ordered
    expect(enabled(line, "APN_IPHONE_986")).toBe(false); // the specification's default
    expect(sim.services.map((s) => s.id)).toContain(line.id);
  });

  it("keeps the port-in's subscriber number, drops the PAC (and what depends on it) once ported, and sets the eSIM QR code", async () => {
    const { sim, order, get } = await start();
    const created = await order(example("ServiceOrderPortInVodafoneESim"));
    const documented = example("ServiceOrderPortInAcknowledged") as unknown as ServiceOrder;
    expect(created.serviceOrderItem![0]!.service!.serviceCharacteristic).toEqual(documented.serviceOrderItem![0]!.service!.serviceCharacteristic);
    await sim.settle();
    const line = await get<Service>(`/service/${created.serviceOrderItem![0]!.service!.id}`);
    expect(value(line, "SUBSCRIBER_NUMBER")).toEqual(["07400123456"]);
    expect(value(line, "PAC")).toBeUndefined();
    // PORT_DATE requires the PAC: it goes with it, as a value whose dependency is gone would not fit the specification.
    expect(value(line, "PORT_DATE")).toBeUndefined();
    expect(value(line, "ESIM_QR_CODE")?.[0]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(line.relatedParty!.map((p) => p.role)).toEqual(["distributor", "supplier", "network"]);
  });

  it("applies the documented changes to the live line: a bolt-on, bars, a SIM swap, a bill limit cleared and a conversion to data", async () => {
    const { sim, order, get } = await start();
    const boltOn = await order(example("ServiceOrderAddBoltOn"));
    await order(example("ServiceOrderChangeBars"));
    await order(example("ServiceOrderSimSwap"));
    await order(example("ServiceOrderBillLimitClear"));
    await sim.settle();
    const added = await get<Service>(`/service/${boltOn.serviceOrderItem![0]!.service!.id}`);
    expect(added).toMatchObject({
      category: "Mobile Bolt On",
      state: "active",
      serviceRelationship: [{ relationshipType: "addon_for", service: { id: VOICE_O2 } }],
    });
    expect(value(added, "ALLOWANCE_TYPE")).toEqual(["Data Bolt-On"]);
    expect(value(added, "SUBSCRIBER_NUMBER")).toBeUndefined();

    let line = await get<Service>(`/service/${VOICE_O2}`);
    expect([enabled(line, "BAR_ROAMING"), enabled(line, "BAR_INWHENROAM"), enabled(line, "BAR_OUTWHENROAM")]).toEqual([false, true, true]);
    expect(value(line, "SIM_SERIAL")).toEqual(["8944201122334455669"]);
    expect(value(line, "BILL_LIMIT")).toEqual(["0"]);
    expect(line.version).toBe(4);
    expect(line.serviceOrderItem!.map((i) => i.itemAction)).toEqual(["add", "modify", "modify", "modify"]);

    await order(example("ServiceOrderConvertVoiceToData"));
    await sim.settle();
    line = await get<Service>(`/service/${VOICE_O2}`);
    expect(line).toMatchObject({ category: "Mobile Data only Service", serviceSpecification: { id: "MOBILE_DATA_SRV_GIACOM_O2", version: "1" }, version: 5 });
    expect(value(line, "TARIFF")).toEqual(["62225"]);
  });

  it("ceases a service at the ordered date, and its bolt-ons with it", async () => {
    const { sim, order, get } = await start();
    await order(example("ServiceOrderCeaseService"));
    await sim.settle();
    expect(await get<Service>(`/service/${VOICE_O2}`)).toMatchObject({
      state: "terminated",
      operatingStatus: "stopped",
      endDate: "2025-09-01T00:00:00.000Z",
      version: 2,
    });
    expect(await get<Service>("/service/7")).toMatchObject({ state: "terminated", operatingStatus: "stopped" });
    expect((await get<Service[]>("/service?state=terminated")).map((s) => s.id).sort()).toEqual(["7", VOICE_O2].sort());
  });

  it("creates an order that breaks the catalogue's rules as rejected (201) with ERR_000006 and the issues", async () => {
    const { sim, order } = await start();
    const snippet = await order(example("ServiceOrderBillLimitOnProvisioning"));
    expect(snippet).toMatchObject({ state: "rejected", errorMessage: { code: "ERR_000006", reason: "ERR_000006: Rejected operation", status: "Error" } });
    expect(snippet.errorMessage!.message).toContain("MISSING_SPECIFICATION");
    expect(snippet.startDate).toBeUndefined();
    const bars = example("ServiceOrderNewLineO2") as { serviceOrderItem: { service: { feature: unknown[] } }[] };
    bars.serviceOrderItem[0]!.service.feature.push({ id: "BAR_INWHENROAM", isEnabled: true });
    const excluded = await order(bars);
    expect(excluded.state).toBe("rejected");
    expect(excluded.errorMessage!.message).toContain("FEATURES_EXCLUDE_EACH_OTHER");
    await sim.settle();
    expect(sim.serviceOrders.map((o) => o.state)).toEqual(["rejected", "rejected"]);
    expect(sim.services).toHaveLength(3);
  });

  it("answers 400 with ERR_000001 to a body that is not an order at all", async () => {
    const { api, token } = await start();
    for (const body of ["{not json", [], { serviceOrderItem: [] }, { serviceOrderItem: [{ id: "1", action: "replace", service: {} }] }]) {
      const answer = await api.call("POST", "/serviceOrder", { token, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({ code: "ERR_000001" });
    }
  });

  it("fails an order when decideOutcome says so, or when its service is gone by completion, and leaves the inventory alone", async () => {
    const { sim, order, get } = await start({ decideOutcome: (o) => (o.externalReference?.[0]?.id === "5001" ? "failed" : "completed") });
    const failing = await order(example("ServiceOrderNewLineO2"));
    const first = await order(example("ServiceOrderCeaseService"));
    const second = await order(example("ServiceOrderCeaseService"));
    await sim.settle();
    const failed = await get<ServiceOrder>(`/serviceOrder/${failing.id}`);
    expect(failed).toMatchObject({ state: "failed", serviceOrderItem: [{ state: "failed" }], errorMessage: { code: "ERR_000006", status: "Error" } });
    expect(failed.completionDate).toEqual(expect.any(String));
    expect(sim.services.find((s) => s.id === failing.serviceOrderItem![0]!.service!.id)).toBeUndefined();
    expect((await get<ServiceOrder>(`/serviceOrder/${first.id}`)).state).toBe("completed");
    expect((await get<ServiceOrder>(`/serviceOrder/${second.id}`)).errorMessage!.message).toContain("terminated");
  });

  it("cancels an order that has not completed: the task goes acknowledged, inProgress, done and the order ends cancelled", async () => {
    const { sim, api, token, order, get } = await start();
    const created = await order(example("ServiceOrderNewLineO2"));
    await sim.advance(1000);
    const cancel = await api.call("POST", "/cancelServiceOrder", {
      token,
      body: { serviceOrder: { id: created.id }, cancellationReason: "Customer changed their mind" },
    });
    expect(cancel.status).toBe(201);
    const task = cancel.body as { id: string };
    expect(task).toMatchObject({ state: "acknowledged", serviceOrder: { id: created.id }, cancellationReason: "Customer changed their mind" });
    expect((await get<ServiceOrder>(`/serviceOrder/${created.id}`)).state).toBe("assessingCancellation");
    await sim.advance(0);
    expect(await get(`/cancelServiceOrder/${task.id}`)).toMatchObject({ state: "inProgress" });
    expect((await get<ServiceOrder>(`/serviceOrder/${created.id}`)).state).toBe("pendingCancellation");
    await sim.settle();
    expect(await get(`/cancelServiceOrder/${task.id}`)).toMatchObject({ state: "done", effectiveCancellationDate: expect.any(String) });
    const cancelled = await get<ServiceOrder>(`/serviceOrder/${created.id}`);
    expect(cancelled).toMatchObject({ state: "cancelled", cancellationReason: "Customer changed their mind", serviceOrderItem: [{ state: "cancelled" }] });
    expect(cancelled.cancellationDate).toEqual(expect.any(String));
    expect(sim.services).toHaveLength(3); // the line was never created
    expect(await get(`/cancelServiceOrder?serviceOrder.id=${created.id}`)).toEqual([expect.objectContaining({ id: task.id })]);
  });

  it("refuses to cancel an order that can no longer be cancelled, saying its state, and answers 404 for an unknown order", async () => {
    const { sim, api, token, order } = await start();
    const created = await order(example("ServiceOrderNewLineO2"));
    const rejected = await order(example("ServiceOrderBillLimitOnProvisioning"));
    await sim.settle();
    for (const [id, state] of [
      [created.id, "completed"],
      [rejected.id, "rejected"],
    ] as const) {
      const answer = await api.call("POST", "/cancelServiceOrder", { token, body: { serviceOrder: { id } } });
      expect(answer.status).toBe(400);
      expect((answer.body as { message: string }).message).toContain(state);
    }
    expect((await api.call("POST", "/cancelServiceOrder", { token, body: { serviceOrder: { id: "nope" } } })).status).toBe(404);
    expect((await api.call("POST", "/cancelServiceOrder", { token, body: { serviceOrder: {} } })).status).toBe(400);
  });

  it("patches an order's references (without duplicates) and priority, bumping its version, and refuses other fields", async () => {
    const { api, token, order } = await start();
    const created = await order(example("ServiceOrderNewLineO2"));
    const reference = { id: "5001-b", externalReferenceType: "order_id" };
    const patched = await api.call("PATCH", `/serviceOrder/${created.id}`, { token, body: { priority: "1", externalReference: [reference, reference] } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ priority: "1", version: 2, externalReference: [reference], state: "acknowledged" }); // duplicates removed
    expect((await api.call("PATCH", `/serviceOrder/${created.id}`, { token, body: { state: "completed" } })).status).toBe(400);
    expect((await api.call("PATCH", "/serviceOrder/nope", { token, body: { priority: "1" } })).status).toBe(404);
  });

  it("lists orders by state and counts them", async () => {
    const { sim, api, token, order } = await start();
    await order(example("ServiceOrderNewLineO2"));
    await order(example("ServiceOrderBillLimitOnProvisioning"));
    const list = async (query: Record<string, string | string[]>) => api.call("GET", "/serviceOrder", { token, query });
    expect((await list({ state: "acknowledged" })).body).toHaveLength(1);
    expect((await list({ state: ["acknowledged", "rejected"] })).body).toHaveLength(2);
    await sim.settle();
    const count = await list({ state: "completed", limit: "0" });
    expect(count.headers.get("X-Total-Count")).toBe("1");
    expect((await list({ filter: '$.externalReference[?(@.id=="5001")]' })).body).toHaveLength(1);
  });
});
