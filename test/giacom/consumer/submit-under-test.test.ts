// How an application unit-tests its own code that awaits `serviceOrders.submit()`, with nothing
// but the package's entry points: on the simulator's default clock (orders progress by
// themselves), and on the manual clock driven by `sim.run()`, through each face (in-process
// fetch, MSW, loopback HTTP), with and without the simulator's events. No assertion here is
// about how long anything took: waits on real time only have wide bounds.
import { http, passthrough } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  addService,
  createGiacomClient,
  OrderFailedError,
  serviceOrder,
  type GiacomClient,
  type GiacomClientOptions,
  type ServiceOrderCreate,
} from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type GiacomSimulator, type SimulatorOptions } from "giacom-sdk/mock";

/** The application's code under test: orders a line and answers its MSISDN. */
async function provisionLine(giacom: GiacomClient, order: ServiceOrderCreate): Promise<string> {
  const done = await giacom.serviceOrders.submit(order);
  const line = await giacom.services.get(done.serviceOrderItem?.[0]?.service?.id ?? "");
  const msisdn = line.serviceCharacteristic?.find((c) => c.id === "SUBSCRIBER_NUMBER")?.value?.[0]?.value;
  if (typeof msisdn !== "string") throw new Error(`service ${line.id} has no subscriber number`);
  return msisdn;
}

const esimLine = (): ServiceOrderCreate =>
  serviceOrder()
    .item(
      addService("MOBILE_VOICE_SRV_GIACOM_VF")
        .tariff("55629")
        .simType("e_sim")
        .esimDelivery({ email: "someone@email.com", contactName: "someone" })
        .enable("BAR_PREMIUM", "APN_INTERNET"),
    )
    .build();

const MSISDN = /^07\d{9}$/;
const WIDE_MS = 30_000;

type Face = "fetch" | "msw" | "http";
// The HTTP face's loopback requests go through; anything else MSW does not handle is an error.
const mswServer = setupServer(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
const closers: (() => Promise<void>)[] = [];
beforeAll(() => mswServer.listen({ onUnhandledRequest: "error" }));
afterEach(async () => {
  mswServer.resetHandlers();
  while (closers.length) await closers.pop()!();
});
afterAll(() => mswServer.close());

/** A simulator and a client of it through `face`, with `extra` client options. */
async function setup(
  face: Face,
  options: SimulatorOptions = {},
  extra: (sim: GiacomSimulator) => Partial<GiacomClientOptions> = () => ({}),
): Promise<{ sim: GiacomSimulator; giacom: GiacomClient }> {
  const sim = createGiacomSimulator(options);
  const base = { credentials: SIMULATOR_CREDENTIALS, ...extra(sim) };
  if (face === "fetch") return { sim, giacom: createGiacomClient({ environment: "uat", fetch: sim.fetch, ...base }) };
  if (face === "msw") {
    mswServer.use(...sim.handlers);
    return { sim, giacom: createGiacomClient({ environment: "uat", ...base }) };
  }
  const { baseUrl, tokenUrl, close } = await sim.listen();
  closers.push(close);
  return { sim, giacom: createGiacomClient({ baseUrl, tokenUrl, ...base }) };
}

/** Settles like `promise`, or rejects with `message` after `ms` of real time (a bound, not a measurement). */
function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Milliseconds of the simulator's clock between an order's start and its completion. */
const simulatedDuration = (sim: GiacomSimulator) => {
  const [order] = sim.serviceOrders;
  return Date.parse(order!.completionDate!) - Date.parse(order!.startDate!);
};

describe.each<Face>(["fetch", "msw", "http"])("user code that awaits submit(), through the simulator's %s face", (face) => {
  it(
    "completes on the default clock with nothing but an await: no advance(), no settle()",
    async () => {
      const { sim, giacom } = await setup(face);
      await expect(provisionLine(giacom, esimLine())).resolves.toMatch(MSISDN);
      expect(sim.serviceOrders.map((o) => o.state)).toEqual(["completed"]);
    },
    WIDE_MS,
  );

  it(
    "completes on the manual clock under sim.run(), which moves the simulated time the order takes",
    async () => {
      const { sim, giacom } = await setup(face, { clock: "manual" });
      await expect(sim.run(provisionLine(giacom, esimLine()))).resolves.toMatch(MSISDN);
      // The manual clock's default timing: 1 s acknowledged, 3 s in progress, all simulated.
      expect(simulatedDuration(sim)).toBe(4_000);
    },
    WIDE_MS,
  );

  it(
    "completes on the manual clock under sim.run() with the simulator's events: the handle wakes on the change",
    async () => {
      // The first poll 10 minutes away: only an event can end the wait before it.
      const { sim, giacom } = await setup(face, { clock: "manual" }, (s) => ({
        notifications: s.notifications,
        polling: { initialDelayMs: 600_000, maxDelayMs: 600_000 },
      }));
      await expect(within(sim.run(provisionLine(giacom, esimLine())), WIDE_MS, "no event woke the handle")).resolves.toMatch(MSISDN);
      expect(simulatedDuration(sim)).toBe(4_000);
    },
    WIDE_MS * 2,
  );
});

describe("sim.run()", () => {
  it("leaves the order acknowledged without it on the manual clock, and says how far it went when it hits its limit", async () => {
    const { sim, giacom } = await setup("fetch", { clock: "manual" });
    const pending = provisionLine(giacom, esimLine());
    const error = await sim.run(pending, { limit: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      "sim.run(): the call is still pending after moving the simulator's clock forward 500 ms, the limit; 1 change(s) or deliveries are still scheduled, " +
        "the next in 500 ms. Raise { limit } if the call really takes longer, or look for what keeps it from ending.",
    );
    expect(sim.serviceOrders.map((o) => o.state)).toEqual(["acknowledged"]);
    // The same call, driven further, completes.
    await expect(sim.run(pending)).resolves.toMatch(MSISDN);
  });

  it("stops at its default limit of 24 simulated hours, naming it", async () => {
    const { sim, giacom } = await setup("fetch", { clock: "manual", timing: { inProgressMs: 48 * 3_600_000 } });
    const pending = provisionLine(giacom, esimLine());
    await expect(sim.run(pending)).rejects.toThrow(/still pending after moving the simulator's clock forward 86400000 ms \(1 d\), the limit; 1 change\(s\)/);
    expect(sim.serviceOrders.map((o) => o.state)).toEqual(["inProgress"]);
    await expect(sim.run(pending, { limit: 3 * 86_400_000 })).resolves.toMatch(MSISDN);
  });

  it("rejects as the call does: an order that fails rejects with OrderFailedError", async () => {
    const { sim, giacom } = await setup("fetch", { clock: "manual", decideOutcome: () => "failed" });
    await expect(sim.run(provisionLine(giacom, esimLine()))).rejects.toBeInstanceOf(OrderFailedError);
    expect(sim.serviceOrders.map((o) => o.state)).toEqual(["failed"]);
  });

  it("moves the clock in steps when asked, and refuses a step or limit it cannot use", async () => {
    const { sim, giacom } = await setup("fetch", { clock: "manual" });
    await expect(sim.run(provisionLine(giacom, esimLine()), { step: 250 })).resolves.toMatch(MSISDN);
    expect(simulatedDuration(sim)).toBe(4_000);
    await expect(sim.run(Promise.resolve(1), { step: 0 })).rejects.toThrow(RangeError);
    await expect(sim.run(Promise.resolve(1), { limit: -1 })).rejects.toThrow(RangeError);
  });

  it("also drives the real clock: the simulated time jumps, exactly the default real-clock timing", async () => {
    // The wall clock stands still (a fake Date) so that only run() moves the simulator's time.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const { sim, giacom } = await setup("fetch");
      await expect(sim.run(provisionLine(giacom, esimLine()))).resolves.toMatch(MSISDN);
      // The real clock's default timing: 50 ms acknowledged, 150 ms in progress.
      expect(simulatedDuration(sim)).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});
