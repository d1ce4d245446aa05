/**
 * A TMF622 v4 Product Ordering flow, end to end: build a product order, create it, follow it to
 * its end (flagging the states that need someone), read back only the attributes needed, count
 * and list orders, and cancel a second order through a cancel task.
 *
 * Prerequisites: none. `npx tsx examples/tmf622-order.ts` runs it against the TMF622 simulator
 * on 127.0.0.1. With TMF622_BASE_URL set (the API root, e.g.
 * https://om.example.com/tmf-api/productOrderingManagement/v4.0.0.1.0) it runs against that API
 * instead, authenticating with TMF622_API_KEY (sent as X-API-Key), or with TMF622_CLIENT_ID,
 * TMF622_CLIENT_SECRET and TMF622_TOKEN_URL (OAuth2 client credentials); it places real orders.
 */
import {
  addProduct,
  createProductOrderingClient,
  needsAttention,
  productOrder,
  ProductOrderFailedError,
  terminateProduct,
  type ProductOrder,
  type ProductOrderingClient,
} from "giacom-sdk/tmf622";
import { createProductOrderingSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/tmf622/mock";

/** The flow itself, on any client; `log` receives readable progress lines. */
export async function run(client: ProductOrderingClient, log: (line: string) => void = console.log): Promise<ProductOrder> {
  // Builders are immutable: `base` can be reused as a template for other orders.
  const base = productOrder().externalId(`demo-${Date.now()}`).relatedParty({ id: "ORG-42", "@referredType": "Organization", role: "customer" });
  const order = base
    .description("Fibre for the branch office, replacing the old line")
    .item(addProduct("PO-FIBRE-1G", { characteristics: { bandwidth: "1Gbps", staticIp: true } }))
    .item(terminateProduct("PRD-OLD-9"))
    .build();
  const created = await client.productOrders.create(order);
  log(`Created product order ${created.id}: ${created.state}, items ${created.productOrderItem.map((i) => i.id).join(", ")}`);

  const operation = client.productOrders.track(created.id!);
  // Fallout, held, pending and suspended orders do not move on by themselves: tell someone.
  operation.onProgress((o) => log(`  order ${o.id}: ${o.state}${needsAttention(o.state) ? " (needs attention)" : ""}`));
  // A deadline stops the waiting, not the order; `operation.toJSON()` resumes it elsewhere.
  const done = await operation.wait({ timeoutMs: 30 * 60_000 });

  const { state, completionDate } = await client.productOrders.get(done.id!, { fields: ["state", "completionDate"] });
  log(`Order ${done.id} is ${state} (completed ${completionDate ?? "at an unknown time"})`);

  const completed = await client.productOrders.count({ state: "completed" });
  const page = await client.productOrders.list({ state: "completed", limit: 5, fields: ["externalId"] });
  log(`${completed} completed order(s); the first ${page.items.length}: ${page.items.map((o) => `${o.id} (${o.externalId ?? "no externalId"})`).join(", ")}`);

  // A second order, cancelled while it runs: the cancel task is followed until it is done.
  const second = await client.productOrders.create(base.item(addProduct("PO-FIBRE-500")).build());
  const task = await client.productOrders.cancel(second.id!, { reason: "Ordered twice", timeoutMs: 5 * 60_000 });
  log(`Cancel task ${task.id} for order ${second.id}: ${task.state}`);
  try {
    await client.productOrders.track(second.id!);
  } catch (error) {
    if (!(error instanceof ProductOrderFailedError)) throw error;
    log(`Order ${error.orderId} ended ${error.state}`);
  }
  return done;
}

async function main(): Promise<void> {
  const { TMF622_BASE_URL, TMF622_API_KEY, TMF622_CLIENT_ID, TMF622_CLIENT_SECRET, TMF622_TOKEN_URL } = process.env;
  if (TMF622_BASE_URL) {
    console.log(`Running against ${TMF622_BASE_URL}.\n`);
    const auth = TMF622_API_KEY
      ? { headers: { "X-API-Key": TMF622_API_KEY } }
      : {
          credentials: { clientId: TMF622_CLIENT_ID ?? "", clientSecret: TMF622_CLIENT_SECRET ?? "" },
          ...(TMF622_TOKEN_URL ? { tokenUrl: TMF622_TOKEN_URL } : {}),
        };
    await run(createProductOrderingClient({ baseUrl: TMF622_BASE_URL, ...auth }));
    return;
  }
  // Orders progress by themselves (the default clock); slowed to a pace where each state shows.
  const sim = createProductOrderingSimulator({ timing: { acknowledgedMs: 300, inProgressMs: 900 } });
  const server = await sim.listen();
  console.log(`Running against the TMF622 simulator at ${server.baseUrl} (set TMF622_BASE_URL for a real API).\n`);
  try {
    const client = createProductOrderingClient({
      baseUrl: server.baseUrl,
      tokenUrl: server.tokenUrl,
      credentials: SIMULATOR_CREDENTIALS,
      // The simulator ends an order in about a second; the default backoff (from 1 s up to 30 s) suits real orders.
      polling: { initialDelayMs: 200, maxDelayMs: 1_000 },
    });
    await run(client);
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    if (error instanceof ProductOrderFailedError) for (const item of error.items) console.error(`  item ${item.id}: ${item.state ?? "no state"}`);
    process.exitCode = 1;
  });
}
