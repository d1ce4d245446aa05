// Every example in examples/ run to its end against the simulator over loopback HTTP (real
// clock, short timings), with a line or two of its log checked; and a check that no example
// file is left without a test here.
import { readdirSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createGiacomClient, SUBMISSION_REFERENCE, type GiacomClient } from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type GiacomSimulator } from "giacom-sdk/mock";
import { createWebhookReceiver } from "giacom-sdk/webhooks";
import { run as addressAppointment } from "../../examples/address-appointment.js";
import { run as barsNetworkServicesApns } from "../../examples/bars-network-services-apns.js";
import { run as billLimits } from "../../examples/bill-limits.js";
import { run as boltOns } from "../../examples/bolt-ons.js";
import { run as catalogueDiscovery } from "../../examples/catalogue-discovery.js";
import { run as ceaseLine } from "../../examples/cease-line.js";
import { run as findService } from "../../examples/find-service.js";
import { run as mainFlow } from "../../examples/main-flow.js";
import { newLine as documentedNewLine } from "../../examples/new-line-order.js";
import { run as newLine } from "../../examples/new-line.js";
import { run as portIn } from "../../examples/port-in.js";
import type { ExtraClientOptions } from "../../examples/shared/connect.js";
import { run as simSwap } from "../../examples/sim-swap.js";
import { run as stockUnits } from "../../examples/stock-units.js";
import { run as voiceDataConversion } from "../../examples/voice-data-conversion.js";
import { run as webhookReceiver } from "../../examples/webhook-receiver.js";
import { WEBHOOK_API_KEYS } from "../helpers/secrets.js";

const TIMEOUT_MS = 20_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

interface Run {
  giacom: GiacomClient;
  sim: GiacomSimulator;
  log: (line: string) => void;
  /** Everything logged so far, one line each. */
  text(): string;
  lines: string[];
}

async function simulated(extra: ExtraClientOptions = {}): Promise<Run> {
  const sim = createGiacomSimulator({ clock: "real", timing: { acknowledgedMs: 10, inProgressMs: 30 } });
  const server = await sim.listen();
  closers.push(server.close);
  const giacom = createGiacomClient({
    baseUrl: server.baseUrl,
    tokenUrl: server.tokenUrl,
    credentials: SIMULATOR_CREDENTIALS,
    polling: { initialDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  });
  const lines: string[] = [];
  return { giacom, sim, lines, log: (line) => lines.push(line), text: () => lines.join("\n") };
}

/** Every order the example placed completed (a failed one would also have thrown). */
function allCompleted(sim: GiacomSimulator, count: number): void {
  expect(sim.serviceOrders.map((o) => o.state)).toEqual(Array<string>(count).fill("completed"));
}

/** One test per file in examples/ (shared/ aside), keyed by file name. */
const cases: Record<string, () => Promise<void>> = {
  "catalogue-discovery.ts": async () => {
    const { giacom, log, text } = await simulated();
    await catalogueDiscovery(giacom, log);
    expect(text()).toMatch(/^Supplied by GIACOM: .*MOBILE_VOICE_SRV_GIACOM_O2/m);
    expect(text()).not.toContain("MOBILE_VOICE_SRV_ACME_O2"); // supplied by O2, not Giacom
    expect(text()).toContain("  Mobile Voice Service: 2");
    expect(text()).toContain("  62231  AIO2GBPIC - All In One Pooled Data 2GB inc. International Caller V24Q2");
    expect(text()).toContain("  BAR_ROAMING excludes BAR_INWHENROAM, BAR_OUTWHENROAM");
  },

  "new-line.ts": async () => {
    const { giacom, sim, log, text } = await simulated();
    await newLine(giacom, log);
    allCompleted(sim, 2);
    expect(text()).toMatch(/service \S+: active, number 07\d{9}, SIM 8944201122334455667$/m);
    expect(text()).toMatch(/service \S+: active, number 07\d{9}, SIM 89\d+ \(e_sim\)$/m);
    expect(text()).toContain("eSIM sent to someone@email.com; QR code on the service");
  },

  "new-line-order.ts": async () => {
    // The document's new-line order, written as a typed literal, is accepted and completes.
    const { giacom, sim } = await simulated();
    const done = await giacom.serviceOrders.submit(documentedNewLine);
    allCompleted(sim, 1);
    const line = await giacom.services.get(done.serviceOrderItem![0]!.service!.id!);
    expect(line.feature?.filter((f) => f.isEnabled).map((f) => f.id)).toContain("APN_IPHONE_985");
  },

  "main-flow.ts": async () => {
    const { giacom, sim, log, text } = await simulated();
    await mainFlow(giacom, log);
    allCompleted(sim, 3);
    // Submitted with serviceOrders.submit(), whose key on every order keeps it from being created twice.
    expect(sim.serviceOrders.map((o) => o.externalReference?.some((r) => r.externalReferenceType === SUBMISSION_REFERENCE))).toEqual([true, true, true]);
    expect(text()).toMatch(/bars now on: .*BAR_INWHENROAM/);
    expect(text()).toMatch(/service \S+: terminated/);
  },

  "port-in.ts": async () => {
    const { giacom, sim, log, text } = await simulated();
    await portIn(giacom, log);
    allCompleted(sim, 1);
    expect(text()).toMatch(/service \S+: active, number 07400123456/);
    expect(text()).toContain("PAC on the service: none (dropped once ported)");
  },

  "bolt-ons.ts": async () => {
    const { giacom, sim, log, text } = await simulated();
    await boltOns(giacom, log);
    allCompleted(sim, 3);
    expect(text()).toContain("GIACOM_O2_DATA_BOLT_ON (Data Bolt-On)");
    expect(text()).toMatch(/bolt-ons on \S+: \S+ GIACOM_O2_DATA_BOLT_ON \(active\)/);
    expect(text()).toMatch(/bolt-on \S+: terminated; line \S+: active/);
  },

  "bars-network-services-apns.ts": async () => {
    const { giacom, sim, log, text } = await simulated();
    await barsNetworkServicesApns(giacom, log);
    allCompleted(sim, 4); // the line and three changes; the mistake was never sent
    expect(text()).toContain("BAR_* on: BAR_PREMIUM, BAR_INWHENROAM, BAR_OUTWHENROAM");
    expect(text()).toContain("[FEATURES_EXCLUDE_EACH_OTHER]");
    expect(text()).toContain("NET_* on: NET_SRV_MMS");
    expect(text()).toContain("APN_* on: APN_INTERNET, APN_IPHONE_986");
  },

  "sim-swap.ts": async () => {
    const { giacom, sim, log, lines, text } = await simulated();
    await simSwap(giacom, log);
    allCompleted(sim, 7);
    expect(lines).toContain("  now triple SIM 8944201122334455673");
    expect(lines).toContain("  now e_sim SIM 8944201122334455674");
    expect(text()).toMatch(/now e_sim SIM 89\d+, sent to Jo Bloggs <jo@example\.com>, QR code ready/);
    expect(lines).toContain("  now triple SIM 8944112233445566781"); // the eSIM details and QR code are gone
    expect(text()).toContain("[SIM_SWAP_SERIAL_NOT_ALLOWED]");
  },

  "voice-data-conversion.ts": async () => {
    const { giacom, sim, log, text } = await simulated();
    await voiceDataConversion(giacom, log);
    allCompleted(sim, 3);
    expect(text()).toMatch(/^ {2}MOBILE_DATA_SRV_GIACOM_O2 \(Mobile Data only Service\), tariff 62225, number (07\d{9})$/m);
    expect(text()).toMatch(/^ {2}MOBILE_VOICE_SRV_GIACOM_O2 \(Mobile Voice Service\), tariff 62212, number 07\d{9}$/m);
  },

  "bill-limits.ts": async () => {
    const { giacom, sim, log, text } = await simulated();
    await billLimits(giacom, log);
    allCompleted(sim, 3);
    expect(text()).toContain("bill limit: 250, tariff 62230");
    expect(text()).toMatch(/bill limit: none \(.*\), tariff 62230/);
  },

  "cease-line.ts": async () => {
    const { giacom, sim, log, text } = await simulated();
    await ceaseLine(giacom, log);
    allCompleted(sim, 2);
    expect(text()).toMatch(/service \S+: terminated, stopped, end date \d{4}-\d{2}-01T00:00:00\.000Z/);
    expect(text()).toContain("[SERVICE_NOT_LIVE]");
  },

  "stock-units.ts": async () => {
    const { giacom, sim, log, text } = await simulated();
    await stockUnits(giacom, log);
    expect(text()).toContain("Subscriber numbers in stock: 07571234567, 07571234568");
    expect(text()).toMatch(/SUBSCRIBER_NUMBER=07571234568, SN_SPID=GS901234; unlocked, enable, available/);
    expect(text()).toMatch(/unit \S+ is gone \(NOT_FOUND\)/);
    expect(sim.resources).toHaveLength(1); // only the documented unit is left
  },

  "find-service.ts": async () => {
    const { giacom, log, text } = await simulated();
    await findService(giacom, log);
    expect(text()).toContain("Services with number 07800987654: 1\n  6b9d14d4-cca9-416e-9af5-452b77e63a7b: MOBILE_DATA_SRV_GIACOM_O2");
    expect(text()).toContain("Services with SIM 8944201122334455667: 2");
    expect(text()).toContain("Services by state: active 1, inactive 2, terminated 0");
  },

  "address-appointment.ts": async () => {
    const { giacom, log, text } = await simulated();
    await addressAppointment(giacom, log);
    expect(text()).toMatch(/done: 1, High Street, London, EC1A 1BB \(ALK \S+, GOLD\)/);
    expect(text()).toMatch(/Plot 7, 7, Orchard Rise, .* SILVER\)/);
    expect(text()).toMatch(/Booked \S+: confirmed/);
  },

  "webhook-receiver.ts": async () => {
    const apiKey = WEBHOOK_API_KEYS.examples;
    const receiver = createWebhookReceiver({ apiKey });
    const { giacom, sim, log, text } = await simulated({ notifications: receiver });
    await webhookReceiver(giacom, log, { receiver, apiKey });
    allCompleted(sim, 1);
    const orderId = sim.serviceOrders[0]!.id;
    expect(text()).toContain(`event: order ${orderId} created`);
    expect(text()).toContain(`event: order ${orderId} is completed`);
    expect(text()).toContain(`handle: order ${orderId} completed`);
    expect(sim.deliveries.length).toBeGreaterThan(0);
    expect(sim.deliveries.every((d) => d.status === 202)).toBe(true);
  },
};

describe("examples/ against the simulator", () => {
  for (const [file, test] of Object.entries(cases)) it(`${file} runs to the end`, test, TIMEOUT_MS);

  it("has a test for every example", () => {
    const files = readdirSync(new URL("../../examples/", import.meta.url), { withFileTypes: true })
      // tmf622-*.ts, tmf638-*.ts and masstack-*.ts are the other clients' examples, run by
      // test/tmf622/, test/tmf638/ and test/masstack/examples.test.ts.
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !/^(tmf6(22|38)|masstack)-/.test(entry.name))
      .map((entry) => entry.name);
    expect(files.sort()).toEqual(Object.keys(cases).sort());
  });
});
