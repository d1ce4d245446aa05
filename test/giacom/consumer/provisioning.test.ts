// How an application tests its provisioning code with giacom-sdk/mock: nothing but the
// package's entry points (and msw), in both of the simulator's modes.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addService, ceaseService, createGiacomClient, modifyService, serviceOrder, type GiacomClient } from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type GiacomSimulator } from "giacom-sdk/mock";
import { run } from "../../../examples/main-flow.js";

/** The flow an app would run: order a line, bar roaming, cease it. */
async function provisionBarAndCease(giacom: GiacomClient, sim: GiacomSimulator) {
  const created = await giacom.serviceOrders.create(
    serviceOrder()
      .externalReference("5001", { type: "order_id", name: "ACME Comms" })
      .item(addService("MOBILE_VOICE_SRV_GIACOM_O2").tariff("62231").simType("triple").simSerial("8944201122334455667").billLimit(100).enable("BAR_PREMIUM"))
      .build(),
  );
  expect(created.state).toBe("acknowledged");
  await sim.settle();
  const done = await giacom.serviceOrders.get(created.id);
  expect(done.state).toBe("completed");
  const serviceId = done.serviceOrderItem?.[0]?.service?.id;
  expect(serviceId).toBeTypeOf("string");
  const line = await giacom.services.get(serviceId!);
  expect(line).toMatchObject({ state: "active", serviceSpecification: { id: "MOBILE_VOICE_SRV_GIACOM_O2" } });

  await giacom.serviceOrders.create(serviceOrder().item(modifyService(line.id).disable("BAR_ROAMING").enable("BAR_INWHENROAM")).build());
  await sim.settle();
  const barred = await giacom.services.get(line.id);
  expect(barred.feature?.find((f) => f.id === "BAR_INWHENROAM")?.isEnabled).toBe(true);
  expect(barred.feature?.find((f) => f.id === "BAR_ROAMING")?.isEnabled).toBe(false);

  // A mistake is caught locally: bars that exclude each other.
  await expect(giacom.serviceOrders.create(serviceOrder().item(modifyService(line.id).enable("BAR_ROAMING")).build())).rejects.toMatchObject({
    name: "OrderValidationError",
    issues: [expect.objectContaining({ code: "FEATURES_EXCLUDE_EACH_OTHER" })],
  });

  await giacom.serviceOrders.create(
    serviceOrder()
      .item(ceaseService(line.id, { endDate: "2025-09-01T00:00:00.000Z" }))
      .build(),
  );
  await sim.settle();
  expect((await giacom.services.get(line.id)).state).toBe("terminated");
  expect((await giacom.services.list({ state: "active", "serviceSpecification.id": "MOBILE_VOICE_SRV_GIACOM_O2" })).items.map((s) => s.id)).not.toContain(
    line.id,
  );
}

describe("testing an app with MSW and the simulator's handlers", () => {
  const sim = createGiacomSimulator({ clock: "manual" });
  const server = setupServer(...sim.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => sim.reset());
  afterAll(() => server.close());

  it("provisions, changes and ceases a line with no network at all", async () => {
    const giacom = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS });
    await provisionBarAndCease(giacom, sim);
  });

  it("finds a documented live line by its subscriber number", async () => {
    const giacom = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS });
    const [line] = await giacom.services.findBySubscriberNumber("07800987654");
    expect(line?.id).toBe("6b9d14d4-cca9-416e-9af5-452b77e63a7b");
  });
});

describe("testing an app against the simulator's HTTP server", () => {
  it("provisions, changes and ceases a line over real HTTP on loopback", async () => {
    const sim = createGiacomSimulator({ clock: "manual" });
    const { baseUrl, tokenUrl, close } = await sim.listen();
    try {
      await provisionBarAndCease(createGiacomClient({ baseUrl, tokenUrl, credentials: SIMULATOR_CREDENTIALS }), sim);
    } finally {
      await close();
    }
  });

  it("runs the npm start flow (examples/main-flow.ts) to the end", async () => {
    const sim = createGiacomSimulator({ clock: "real", timing: { acknowledgedMs: 10, inProgressMs: 30 } });
    const { baseUrl, tokenUrl, close } = await sim.listen();
    const lines: string[] = [];
    try {
      const polling = { initialDelayMs: 5, maxDelayMs: 20 };
      await run(createGiacomClient({ baseUrl, tokenUrl, credentials: SIMULATOR_CREDENTIALS, polling }), (line) => lines.push(line));
    } finally {
      await close();
    }
    const text = lines.join("\n");
    expect(text).toContain("RELATIONSHIP_NOT_SATISFIED"); // the first draft's mistake, caught locally
    expect(text).toMatch(/order \S+: completed/);
    expect(text).toMatch(/bars now on: .*BAR_INWHENROAM/);
    expect(text).toMatch(/service \S+: terminated/);
  }, 20_000);
});
