/**
 * A TMF638 v4 Service Inventory flow for one business unit, and a second unit over the same
 * client: count and page through the unit's services, read one (exactly one, or a typed error
 * saying how many came back), read it as the vendor's by-id GET answers (a list), narrowed by
 * the account it belongs to, create, change and delete a service, and meet a unit whose backend
 * does not implement an operation (501).
 *
 * Prerequisites: none. `npx tsx examples/tmf638-inventory.ts` runs it against the TMF638
 * simulator on 127.0.0.1. With TMF638_BASE_URL set (the API root, e.g.
 * https://gw.example.com/tmf-api/serviceInventory/v4) it runs against that API instead, for the
 * business unit TMF638_BUSINESS_ID (default JM), with TMF638_CLIENT_ID and TMF638_CLIENT_SECRET
 * sent as the `client_id` and `client_secret` headers; it creates and deletes a real service.
 */
import {
  createServiceInventoryClient,
  NotImplementedForBusinessError,
  ServiceCountError,
  ServiceInventoryError,
  type Service,
  type ServiceInventoryClient,
} from "giacom-sdk/tmf638";
import { createServiceInventorySimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/tmf638/mock";

/** The flow itself, on any client; `log` receives readable progress lines. `otherUnit` is a business unit to try as well. */
export async function run(inventory: ServiceInventoryClient, otherUnit: string, log: (line: string) => void = console.log): Promise<Service> {
  const total = await inventory.services.count();
  const page = await inventory.services.list({ limit: 3, fields: ["name", "state", "serviceType"] });
  log(`${inventory.businessId}: ${total} service(s); the first ${page.items.length}: ${page.items.map((s) => `${s.id} ${s.name} (${s.state})`).join(", ")}`);

  const created = await inventory.services.create({
    name: "Fibre 500 for the branch office",
    serviceType: "Broadband",
    category: "CFS",
    state: "designed",
    serviceSpecification: { id: "SS-FIBRE-500", name: "Fibre 500" },
    relatedParty: [{ id: "ACC-DEMO-1", role: "customer", "@referredType": "Customer" }],
  });
  log(`Created service ${created.id}: ${created.state}`);

  // The vendor's by-id GET answers a list: `get` expects exactly one, `retrieve` gives the list as is.
  const one = await inventory.services.get(created.id!, { fields: ["name", "state"] });
  log(`Service ${one.id} is ${one.state}: ${one.name}`);
  const forAccount = await inventory.services.retrieve(created.id!, { "relatedParty.id": "ACC-DEMO-1" });
  log(`The by-id read for account ACC-DEMO-1 answered ${forAccount.length} service(s)`);

  const active = await inventory.services.update(created.id!, { state: "active" });
  log(`Service ${active.id} is now ${active.state}`);
  await inventory.services.delete(created.id!);
  try {
    await inventory.services.get(created.id!);
  } catch (error) {
    // Gone: a 404 from the API, or an empty list (a ServiceCountError): both have code NOT_FOUND.
    if (!(error instanceof ServiceInventoryError || error instanceof ServiceCountError) || error.code !== "NOT_FOUND") throw error;
    log(`Service ${created.id} deleted`);
  }

  // Each business unit has its own backend, and not every one implements every operation.
  try {
    const other = await inventory.forBusiness(otherUnit).services.count();
    log(`${otherUnit}: ${other} service(s)`);
  } catch (error) {
    if (!(error instanceof NotImplementedForBusinessError)) throw error;
    log(`${error.businessId}: not implemented (${error.description ?? error.apiMessage})`);
  }
  return active;
}

async function main(): Promise<void> {
  const { TMF638_BASE_URL, TMF638_BUSINESS_ID = "JM", TMF638_CLIENT_ID, TMF638_CLIENT_SECRET } = process.env;
  if (TMF638_BASE_URL) {
    console.log(`Running against ${TMF638_BASE_URL} for business unit ${TMF638_BUSINESS_ID}.\n`);
    const inventory = createServiceInventoryClient({
      baseUrl: TMF638_BASE_URL,
      businessId: TMF638_BUSINESS_ID,
      clientId: TMF638_CLIENT_ID ?? "",
      clientSecret: TMF638_CLIENT_SECRET ?? "",
    });
    await run(inventory, TMF638_BUSINESS_ID === "TT" ? "BB" : "TT");
    return;
  }
  // Panama's backend implements nothing here: the simulator answers its requests 501.
  const sim = createServiceInventorySimulator({ notImplemented: ["PA"] });
  const server = await sim.listen();
  console.log(`Running against the TMF638 simulator at ${server.baseUrl} (set TMF638_BASE_URL for a real API).\n`);
  try {
    await run(createServiceInventoryClient({ baseUrl: server.baseUrl, businessId: "JM", ...SIMULATOR_CREDENTIALS }), "PA");
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
