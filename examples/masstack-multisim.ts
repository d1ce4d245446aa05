/**
 * A MasStack Partners V3 flow around a multisim service: create it and wait for MasStack's
 * callback (the service id comes back as an exact string), bar roaming and wait for that
 * callback too, read the barrings, activate a promotion, follow a finished workflow again from
 * its saved token (as after a restart), and meet a request the local checks refuse before
 * anything is sent (a MasStackValidationError listing each problem with its path).
 *
 * Prerequisites: none. `npx tsx examples/masstack-multisim.ts` runs it against the MasStack
 * simulator on 127.0.0.1, with its own service account and a callback receiver on a loopback
 * port. With MASSTACK_BASE_URL set (the API root, e.g. https://partners.sta.masstack.com/v3) it
 * runs against that API instead: MASSTACK_SERVICE_ACCOUNT is the path to the service account's
 * key (JSON), MASSTACK_TOKEN_URL its token endpoint (default: the key's token_uri),
 * MASSTACK_CALLBACK_URL the public URL where MasStack reaches the receiver (a tunnel or proxy to
 * port MASSTACK_CALLBACK_PORT, default 3000, of this machine), MASSTACK_CALLBACK_SECRET the
 * receiver's secret (32 characters or more), and MASSTACK_SECONDARY_EID and
 * MASSTACK_SECONDARY_ICCID the multisim's secondary SIM. It creates a real service.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createMasStackClient, MasStackValidationError, type MasStackClient, type ServiceCallback } from "giacom-sdk/masstack";
import { createCallbackReceiver, toNodeHandler, type CallbackReceiver } from "giacom-sdk/masstack/callbacks";
import { createMasStackSimulator } from "giacom-sdk/masstack/mock";

/** The multisim's secondary SIM: identifiers are strings, whatever their length. */
export interface SecondarySim {
  eid: string;
  iccid: string;
}

/** The seed's multisim example, for the simulator. */
export const DEMO_SIM: SecondarySim = { eid: "89033023312170000000000000000001", iccid: "8934011411551283000" };

/**
 * The flow itself, on any client whose `callbacks` receiver MasStack can reach; `secondary` is
 * the multisim's secondary SIM; `log` receives readable progress lines.
 */
export async function run(masstack: MasStackClient, secondary: SecondarySim, log: (line: string) => void = console.log): Promise<ServiceCallback> {
  // Asynchronous: MasStack answers 202, then POSTs the outcome to the receiver's URL for this workflow.
  const creation = masstack.services.multisim.create({ service_details: { secondary_eid: secondary.eid, secondary_iccid: secondary.iccid } });
  await creation.submitted();
  log(`Multisim requested: workflow ${creation.workflowId} accepted`);
  const { result: created } = await creation;
  const serviceId = created.service_id;
  // MasStack may send the id as a JSON number; the SDK gives its digits as a string.
  log(`Service ${JSON.stringify(serviceId)} created: ${created.code} ${created.title}`);

  const barring = masstack.barrings.update("multisim", serviceId, { barring_name: "ROAMING", active: true });
  const { result: barred } = await barring;
  log(`Roaming barred: ${barred.codeResult} ${barred.titleResult}`);
  // A handle's token is small JSON: save it, and follow the workflow again after a restart.
  const saved = JSON.stringify(barring);
  const resumed = await masstack.operations.resume(saved);
  log(`Workflow ${resumed.workflowId} resumed from its token: ${resumed.status}`);

  const { appliedBarringsMaskCodes } = await masstack.barrings.get("multisim", serviceId);
  log(`Barring masks on ${serviceId}: ${appliedBarringsMaskCodes.join(", ")}`);

  const promotion = await masstack.promotions.create("multisim", serviceId, { promotion: { promotion_id: "76", activation_date: new Date().toISOString() } });
  log(`Promotion 76 active on ${serviceId}: ${promotion.code}, id ${promotion.promotion_id}`);

  // The local checks refuse a body the schema forbids before it leaves: a date that is not
  // RFC 3339, and a period with a start but no end.
  try {
    await masstack.billing.movements.create("multisim", serviceId, {
      type: "RECURRING_CHARGE",
      movement_datetime: "24/02/2024",
      period_start_datetime: "2024-02-01T00:00:00Z",
      amount: { value_with_taxes: 12.1, value_without_taxes: 10, tax: { type: "IVA", percentage: 21 } },
      external_movement_unique_id: `demo-${Date.now()}`,
      billable: true,
    });
  } catch (error) {
    if (!(error instanceof MasStackValidationError)) throw error;
    log(`Movement not sent: ${error.issues.length} problem(s)`);
    for (const issue of error.issues) log(`  ${issue.path} ${issue.message}`);
  }
  return created;
}

/** A node:http server running `handler`, on `port` (0: a free one) of `host`. */
async function serve(handler: Parameters<typeof createServer>[1], host: string, port: number): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  return server;
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function main(): Promise<void> {
  const { MASSTACK_BASE_URL, MASSTACK_SERVICE_ACCOUNT, MASSTACK_TOKEN_URL, MASSTACK_CALLBACK_URL, MASSTACK_CALLBACK_SECRET } = process.env;
  if (MASSTACK_BASE_URL) {
    const receiver = createCallbackReceiver({ secret: MASSTACK_CALLBACK_SECRET ?? "", url: MASSTACK_CALLBACK_URL ?? "" });
    const server = await serve(toNodeHandler(receiver), "0.0.0.0", Number(process.env.MASSTACK_CALLBACK_PORT ?? 3000));
    console.log(`Running against ${MASSTACK_BASE_URL}, callbacks to ${MASSTACK_CALLBACK_URL}.\n`);
    try {
      const masstack = createMasStackClient({
        baseUrl: MASSTACK_BASE_URL,
        serviceAccount: await readFile(MASSTACK_SERVICE_ACCOUNT ?? "", "utf8"),
        ...(MASSTACK_TOKEN_URL ? { tokenUrl: MASSTACK_TOKEN_URL } : {}),
        callbacks: receiver,
      });
      const { MASSTACK_SECONDARY_EID = "", MASSTACK_SECONDARY_ICCID = "" } = process.env;
      await run(masstack, { eid: MASSTACK_SECONDARY_EID, iccid: MASSTACK_SECONDARY_ICCID });
    } finally {
      await close(server);
    }
    return;
  }
  const sim = createMasStackSimulator();
  const api = await sim.listen();
  // The receiver's URL is known once its port is: the server asks for the receiver per request.
  let receiver: CallbackReceiver | undefined;
  const server = await serve((req, res) => void toNodeHandler(receiver!)(req, res), "127.0.0.1", 0);
  try {
    const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
    // Mounted under a prefix: the receiver reads the last three segments of the path, whatever comes before.
    receiver = createCallbackReceiver({ secret, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/masstack/callbacks` });
    console.log(`Running against the MasStack simulator at ${api.baseUrl} (set MASSTACK_BASE_URL for a real API).\n`);
    const masstack = createMasStackClient({
      baseUrl: api.baseUrl,
      serviceAccount: await sim.createServiceAccount(),
      // The key's token_uri is the simulator's in-process address; this server's is here.
      tokenUrl: api.tokenUrl,
      callbacks: receiver,
    });
    await run(masstack, DEMO_SIM);
  } finally {
    await close(server);
    await api.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
