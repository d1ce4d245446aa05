/**
 * Finding a line (Giacom's "read the status of a service" use case): by its subscriber number,
 * by its SIM serial (both are JSONPath filters on the service's characteristics), then read
 * fresh from the network, and counted by state.
 *
 * Prerequisites: none. `npx tsx examples/find-service.ts` runs it against a Giacom simulator on
 * 127.0.0.1, which holds the document's services. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET
 * set it runs against Giacom's UAT (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL):
 * set FIND_NUMBER and FIND_SIM to a number and a SIM serial of your UAT lines. It only reads.
 */
import type { GiacomClient, Service } from "giacom-sdk";
import { runExample } from "./shared/connect.js";

const summary = (s: Service) => `${s.id}: ${s.serviceSpecification?.id}, ${s.state}, ${s.operatingStatus}`;

export async function run(
  giacom: GiacomClient,
  log: (line: string) => void = console.log,
  { subscriberNumber = "07800987654", simSerial = "8944201122334455667" }: { subscriberNumber?: string | undefined; simSerial?: string | undefined } = {},
): Promise<void> {
  const byNumber = await giacom.services.findBySubscriberNumber(subscriberNumber);
  log(`Services with number ${subscriberNumber}: ${byNumber.length}`);
  for (const s of byNumber) log(`  ${summary(s)}`);

  const [line] = byNumber;
  if (line) {
    // network_refresh: Giacom asks the network for the line's state before answering.
    const fresh = await giacom.services.get(line.id, { networkRefresh: true });
    log(`  from the network: ${summary(fresh)}, last updated ${fresh.lastUpdate}`);
  }

  // A serial usually names one line; the document's own two example services share one.
  const bySerial = await giacom.services.findBySimSerial(simSerial);
  log(`Services with SIM ${simSerial}: ${bySerial.length}`);
  for (const s of bySerial) log(`  ${summary(s)}`);

  const counts = await Promise.all((["active", "inactive", "terminated"] as const).map(async (state) => `${state} ${await giacom.services.count({ state })}`));
  log(`Services by state: ${counts.join(", ")}`);
}

runExample(import.meta.url, (giacom) => run(giacom, console.log, { subscriberNumber: process.env.FIND_NUMBER, simSerial: process.env.FIND_SIM }));
