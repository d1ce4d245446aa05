/**
 * The main job of a reseller backend, end to end: authenticate, find the orderable mobile
 * specifications, build a port-in order, catch a mistake locally and fix it, submit, follow the
 * order to completion, find the new line by its number, change its bars, and cease it.
 *
 * Prerequisites: none. `npm start` runs it against a Giacom simulator on 127.0.0.1. With
 * GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs against Giacom's UAT instead (override
 * the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL) and places real UAT orders.
 */
import {
  addService,
  ceaseService,
  createGiacomClient,
  formatIssues,
  modifyService,
  serviceOrder,
  type GiacomClient,
  type ServiceOrder,
  type ServiceOrderCreate,
} from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";

const FINAL = new Set(["completed", "failed", "rejected", "cancelled", "partial"]);

/** Submits an order and polls it until it is final, reporting each state change. */
async function submitAndFollow(giacom: GiacomClient, order: ServiceOrderCreate, log: (line: string) => void, pollMs: number): Promise<ServiceOrder> {
  let current = await giacom.serviceOrders.create(order);
  log(`  order ${current.id}: ${current.state}`);
  while (!FINAL.has(current.state)) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const next = await giacom.serviceOrders.get(current.id);
    if (next.state !== current.state) log(`  order ${next.id}: ${next.state}`);
    current = next;
  }
  if (current.state !== "completed") throw new Error(`order ${current.id} ended ${current.state}: ${current.errorMessage?.message ?? "no reason given"}`);
  return current;
}

/** The flow itself, on any client; `log` receives readable progress lines. */
export async function run(giacom: GiacomClient, log: (line: string) => void = console.log, pollMs = 250): Promise<void> {
  const { items: specs } = await giacom.serviceSpecifications.list({ category: "Mobile Voice Service", lifecycleStatus: "Launched" });
  log(`Orderable voice specifications: ${specs.map((s) => s.id).join(", ")}`);
  const vodafone = specs.find((s) => s.id === "MOBILE_VOICE_SRV_GIACOM_VF") ?? specs[0];
  if (!vodafone) throw new Error("no orderable voice specification");
  const tariff = vodafone.specCharacteristic?.find((c) => c.id === "TARIFF")?.characteristicValueSpecification?.find((v) => v.isDefault)?.value;
  if (!tariff) throw new Error(`${vodafone.id} offers no tariff`);

  const number = "07400123456";
  const portDate = new Date(Date.now() + 86_400_000);
  // Builders are immutable: the order and the line can be reused as templates.
  const order = serviceOrder().externalReference(`demo-${Date.now()}`, { type: "order_id", name: "ACME Comms" }).distributor("ACME Comms");
  const line = addService(vodafone.id, vodafone.version ?? 1)
    .distributor("ACME Comms")
    .tariff(tariff)
    .simType("e_sim")
    .esimDelivery({ email: "someone@email.com", contactName: "someone" })
    .enable("BAR_PREMIUM", "APN_INTERNET");

  log(`\nPort-in of ${number} to ${vodafone.id}, first draft (the number itself forgotten):`);
  const check = await giacom.serviceOrders.validate(order.item(line.pac("VUK123456").portDate(portDate)).build());
  log(check.valid ? "  valid" : formatIssues(check.issues).replace(/^/gm, "  "));

  log("\nFixed and submitted:");
  const portIn = await submitAndFollow(giacom, order.item(line.portIn({ subscriberNumber: number, pac: "VUK123456", portDate })).build(), log, pollMs);

  const [service] = await giacom.services.findBySubscriberNumber(number);
  if (!service) throw new Error(`no service found for ${number} after order ${portIn.id}`);
  log(`\nService ${service.id} for ${number}: ${service.state}, ${service.operatingStatus}`);

  log("\nBar roaming (international off, incoming and outgoing roaming barred):");
  await submitAndFollow(
    giacom,
    serviceOrder().item(modifyService(service.id).disable("BAR_ROAMING").enable("BAR_INWHENROAM", "BAR_OUTWHENROAM")).build(),
    log,
    pollMs,
  );
  const barred = await giacom.services.get(service.id);
  log(
    `  bars now on: ${(barred.feature ?? [])
      .filter((f) => f.isEnabled && f.id?.startsWith("BAR_"))
      .map((f) => f.id)
      .join(", ")}`,
  );

  log("\nCease the line:");
  await submitAndFollow(
    giacom,
    serviceOrder()
      .item(ceaseService(service.id, { endDate: new Date(Date.now() + 30 * 86_400_000) }))
      .build(),
    log,
    pollMs,
  );
  log(`  service ${service.id}: ${(await giacom.services.get(service.id)).state}`);
}

async function main(): Promise<void> {
  const { GIACOM_CLIENT_ID, GIACOM_CLIENT_SECRET, GIACOM_BASE_URL, GIACOM_TOKEN_URL } = process.env;
  if (GIACOM_CLIENT_ID && GIACOM_CLIENT_SECRET) {
    console.log("Running against Giacom UAT (real orders).\n");
    const giacom = createGiacomClient({
      environment: "uat",
      credentials: { clientId: GIACOM_CLIENT_ID, clientSecret: GIACOM_CLIENT_SECRET },
      ...(GIACOM_BASE_URL ? { baseUrl: GIACOM_BASE_URL } : {}),
      ...(GIACOM_TOKEN_URL ? { tokenUrl: GIACOM_TOKEN_URL } : {}),
    });
    return run(giacom, console.log, 5_000);
  }
  // Orders progress by themselves (the default clock); slowed to a pace where each state shows.
  const sim = createGiacomSimulator({ timing: { acknowledgedMs: 300, inProgressMs: 900 } });
  const server = await sim.listen();
  console.log(`Running against the Giacom simulator at ${server.baseUrl} (set GIACOM_CLIENT_ID / GIACOM_CLIENT_SECRET for UAT).\n`);
  try {
    await run(createGiacomClient({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, credentials: SIMULATOR_CREDENTIALS }));
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
