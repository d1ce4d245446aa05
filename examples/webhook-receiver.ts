/**
 * Receiving Giacom's notifications: a webhook receiver on a node:http server, registered with
 * the notifications hub, logging the events of an order as they arrive. The same receiver is
 * the client's `notifications`, so the order's handle wakes on each event instead of waiting
 * for its next poll. The receiver checks the API key the hub sends back, answers 202, drops
 * duplicate deliveries and flags events older than one already seen.
 *
 * Prerequisites: none. `npx tsx examples/webhook-receiver.ts` runs it against a Giacom simulator
 * on 127.0.0.1, which delivers to the receiver on 127.0.0.1. With GIACOM_CLIENT_ID and
 * GIACOM_CLIENT_SECRET set it runs against Giacom's UAT (override the URLs with GIACOM_BASE_URL /
 * GIACOM_TOKEN_URL) and places a real order; Giacom must then reach the receiver: set
 * WEBHOOK_PUBLIC_URL to an HTTPS URL that forwards to WEBHOOK_PORT on this machine, and
 * SIM_SERIAL to a SIM from your stock. WEBHOOK_API_KEY sets the key (default: a random one).
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { addService, serviceOrder, type GiacomClient } from "giacom-sdk";
import { createWebhookReceiver, toNodeHandler, type WebhookReceiver } from "giacom-sdk/webhooks";
import { connect, isMain, runMain } from "./shared/connect.js";

export interface WebhookSetup {
  /** The receiver the client was created with (`notifications: receiver`). */
  receiver: WebhookReceiver;
  /** The key the receiver accepts; the hub registration gives it to Giacom. */
  apiKey: string;
  /** Where Giacom reaches the receiver; default the local server's own URL (enough for the simulator). */
  publicUrl?: string | undefined;
  /** The local port to listen on; default a free one. */
  port?: number | undefined;
  simSerial?: string | undefined;
}

export async function run(
  giacom: GiacomClient,
  log: (line: string) => void = console.log,
  { receiver, apiKey, publicUrl, port = 0, simSerial = "8944201122334455678" }: WebhookSetup,
): Promise<void> {
  const completed = new Set<string>();
  const handlers = [
    receiver.on("ServiceOrderCreateEvent", ({ event }) => log(`  event: order ${event.ServiceOrder.id} created`)),
    receiver.on("ServiceOrderStateChangeEvent", ({ event }, { outOfOrder }) => {
      const { id, state } = event.ServiceOrder;
      log(`  event: order ${id} is ${state}${outOfOrder ? " (an older state, arrived late)" : ""}`);
      if (state === "completed") completed.add(id);
    }),
    receiver.on("ServiceCreateEvent", ({ event }) => log(`  event: service ${event.service.id} created, ${event.service.state}`)),
  ];

  const server = createServer(toNodeHandler(receiver));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const callback = publicUrl ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}/giacom/events`;
  const hub = await giacom.hub.subscribe({ callback, apiKey });
  log(`Listening for Giacom's events at ${callback} (hub ${hub.id}).`);
  try {
    log("\nA new O2 line, followed by its events:");
    const order = serviceOrder()
      .distributor("ACME Comms")
      .item(addService("MOBILE_VOICE_SRV_GIACOM_O2").tariff("62231").simType("triple").simSerial(simSerial));
    const done = await giacom.serviceOrders.submit(order.build());
    log(`  handle: order ${done.id} ${done.state}`);
    // The handle may have seen the end by polling just before the event came: wait for it a little.
    for (let waited = 0; !completed.has(done.id) && waited < 10_000; waited += 50) await sleep(50);
  } finally {
    // Stop Giacom sending to a callback that is about to go away.
    await giacom.hub.unsubscribe(hub.id);
    for (const remove of handlers) remove();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }
}

async function main(): Promise<void> {
  const { WEBHOOK_API_KEY, WEBHOOK_PUBLIC_URL, WEBHOOK_PORT, SIM_SERIAL } = process.env;
  const apiKey = WEBHOOK_API_KEY ?? randomUUID();
  const receiver = createWebhookReceiver({ apiKey, onError: (error) => console.error("webhook handler failed:", error) });
  // The receiver is made first: the client takes it as `notifications` when it is created.
  const { giacom, simulator, close } = await connect({ notifications: receiver });
  try {
    if (!simulator && !WEBHOOK_PUBLIC_URL) throw new Error("set WEBHOOK_PUBLIC_URL (and WEBHOOK_PORT): Giacom cannot deliver to 127.0.0.1");
    await run(giacom, console.log, { receiver, apiKey, publicUrl: WEBHOOK_PUBLIC_URL, port: Number(WEBHOOK_PORT ?? 0), simSerial: SIM_SERIAL });
  } finally {
    await close();
  }
}

if (isMain(import.meta.url)) runMain(main);
