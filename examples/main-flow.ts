/**
 * The main job of a reseller backend, end to end: authenticate, find the orderable mobile
 * specifications, build a port-in order, catch a mistake locally and fix it, submit it and await
 * its completion, find the new line by its number, change its bars, and cease it.
 *
 * Every order goes through `serviceOrders.submit()`: it validates the order against the live
 * catalogue, sends it once (a submission key keeps a retry from creating it twice), and returns
 * a handle that follows the order (polling with backoff, or webhooks when the client has a
 * receiver) and resolves with it once `completed`, or rejects with `OrderFailedError`.
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
  OrderFailedError,
  serviceOrder,
  type GiacomClient,
  type ServiceOrder,
  type ServiceOrderCreate,
} from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";

/** Submits an order and awaits its end, logging each state it reaches. */
async function submit(giacom: GiacomClient, order: ServiceOrderCreate, log: (line: string) => void): Promise<ServiceOrder> {
  const operation = giacom.serviceOrders.submit(order);
  operation.onProgress((o) => log(`  order ${o.id}: ${o.state}`));
  // `await operation` waits as long as it takes; a deadline stops the waiting, not the order.
  return operation.wait({ timeoutMs: 15 * 60_000 });
}

/** The flow itself, on any client; `log` receives readable progress lines. */
export async function run(giacom: GiacomClient, log: (line: string) => void = console.log): Promise<void> {
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
  const portIn = await submit(giacom, order.item(line.portIn({ subscriberNumber: number, pac: "VUK123456", portDate })).build(), log);

  const [service] = await giacom.services.findBySubscriberNumber(number);
  if (!service) throw new Error(`no service found for ${number} after order ${portIn.id}`);
  log(`\nService ${service.id} for ${number}: ${service.state}, ${service.operatingStatus}`);

  log("\nBar roaming (international off, incoming and outgoing roaming barred):");
  await submit(giacom, serviceOrder().item(modifyService(service.id).disable("BAR_ROAMING").enable("BAR_INWHENROAM", "BAR_OUTWHENROAM")).build(), log);
  const barred = await giacom.services.get(service.id);
  log(
    `  bars now on: ${(barred.feature ?? [])
      .filter((f) => f.isEnabled && f.id?.startsWith("BAR_"))
      .map((f) => f.id)
      .join(", ")}`,
  );

  log("\nCease the line:");
  await submit(
    giacom,
    serviceOrder()
      .item(ceaseService(service.id, { endDate: new Date(Date.now() + 30 * 86_400_000) }))
      .build(),
    log,
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
    return run(giacom);
  }
  // Orders progress by themselves (the default clock); slowed to a pace where each state shows.
  const sim = createGiacomSimulator({ timing: { acknowledgedMs: 300, inProgressMs: 900 } });
  const server = await sim.listen();
  console.log(`Running against the Giacom simulator at ${server.baseUrl} (set GIACOM_CLIENT_ID / GIACOM_CLIENT_SECRET for UAT).\n`);
  try {
    // The simulator ends an order in about a second; the default backoff (from 1 s up to 30 s
    // between polls) suits Giacom, where orders take minutes.
    const polling = { initialDelayMs: 200, maxDelayMs: 1_000 };
    await run(createGiacomClient({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, credentials: SIMULATOR_CREDENTIALS, polling }));
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    // Giacom's reason is in the message; the items say which part of the order it concerns.
    if (error instanceof OrderFailedError) for (const item of error.items) console.error(`  item ${item.id}: ${item.state ?? "no state"}`);
    process.exitCode = 1;
  });
}
