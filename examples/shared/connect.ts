/**
 * What every example's `main()` shares: a client of a Giacom simulator on 127.0.0.1 by default,
 * or of Giacom's UAT when GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET are set (GIACOM_BASE_URL /
 * GIACOM_TOKEN_URL override its URLs). The examples' `run` functions take any client, so none
 * of this is needed to use them.
 */
import { pathToFileURL } from "node:url";
import { createGiacomClient, ENVIRONMENTS, type GiacomClient, type GiacomClientOptions } from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS, type GiacomSimulator } from "giacom-sdk/mock";

/** A connected client, and what to call when done with it. */
export interface Connection {
  giacom: GiacomClient;
  /** The simulator, when not running against UAT. */
  simulator?: GiacomSimulator;
  close(): Promise<void>;
}

/** Client options an example may add (its webhook receiver as `notifications`, say). */
export type ExtraClientOptions = Omit<GiacomClientOptions, "environment" | "baseUrl" | "tokenUrl" | "credentials" | "tokenProvider">;

export async function connect(extra: ExtraClientOptions = {}, log: (line: string) => void = console.log): Promise<Connection> {
  const { GIACOM_CLIENT_ID, GIACOM_CLIENT_SECRET, GIACOM_BASE_URL, GIACOM_TOKEN_URL } = process.env;
  if (GIACOM_CLIENT_ID && GIACOM_CLIENT_SECRET) {
    log(`Running against Giacom UAT at ${GIACOM_BASE_URL || ENVIRONMENTS.uat.baseUrl}.\n`);
    const giacom = createGiacomClient({
      environment: "uat",
      credentials: { clientId: GIACOM_CLIENT_ID, clientSecret: GIACOM_CLIENT_SECRET },
      ...(GIACOM_BASE_URL ? { baseUrl: GIACOM_BASE_URL } : {}),
      ...(GIACOM_TOKEN_URL ? { tokenUrl: GIACOM_TOKEN_URL } : {}),
      ...extra,
    });
    return { giacom, close: async () => undefined };
  }
  const simulator = createGiacomSimulator({ clock: "real", timing: { acknowledgedMs: 300, inProgressMs: 900 } });
  const server = await simulator.listen();
  log(`Running against the Giacom simulator at ${server.baseUrl} (set GIACOM_CLIENT_ID / GIACOM_CLIENT_SECRET for UAT).\n`);
  const giacom = createGiacomClient({
    baseUrl: server.baseUrl,
    tokenUrl: server.tokenUrl,
    credentials: SIMULATOR_CREDENTIALS,
    // The simulator finishes an order in about a second; against Giacom the default backoff
    // (from 1 s up to 30 s between polls) suits orders that take minutes.
    polling: { initialDelayMs: 200, maxDelayMs: 1_000 },
    ...extra,
  });
  return { giacom, simulator, close: server.close };
}

/** Whether the module at `moduleUrl` (its `import.meta.url`) is the script Node was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(script).href === moduleUrl;
}

/** Runs an example's `main()`, printing a failure as one line and setting a non-zero exit code. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}

/**
 * Runs an example's job on a connection (the simulator, or UAT when credentials are set) and
 * closes it, when the example's file is the script being run.
 */
export function runExample(moduleUrl: string, job: (giacom: Connection["giacom"]) => Promise<void>, extra: ExtraClientOptions = {}): void {
  if (!isMain(moduleUrl)) return;
  runMain(async () => {
    const { giacom, close } = await connect(extra);
    try {
      await job(giacom);
    } finally {
      await close();
    }
  });
}
