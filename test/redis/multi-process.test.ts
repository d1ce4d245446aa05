// Several replicas for real: four webhook-listener processes (test/redis/fixtures/replica.ts)
// on one Redis, behind a round-robin proxy on 127.0.0.1, with the Giacom simulator delivering
// every order event twice and its batches in reverse order. One replica's handler throws on
// some events, another is killed while it handles one, and Redis is restarted mid-run: every
// event the simulator sent is handled exactly once in effect (an INCR per eventId in Redis),
// none is lost, and the replicas report the outage as typed errors. And an order handle in this
// process (replica A), polling once an hour, is woken by the events the listener processes
// receive: it ends long before its first poll. The simulator's clock is
// manual: its retries (30 s apart) come when the test moves it; the only real-time waits are
// for processes and leases, with wide margins.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createClient } from "redis";
import { createRedisStores, nodeRedisConnection } from "giacom-sdk/redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addService, createGiacomClient, serviceOrder, type ServiceOrderCreate } from "giacom-sdk";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";
import { WEBHOOK_API_KEYS } from "../helpers/secrets.js";
import { startRedisServer, type RedisServer } from "../helpers/redis.js";

const API_KEY = WEBHOOK_API_KEYS.endToEnd;
const FIXTURE = fileURLToPath(new URL("./fixtures/replica.ts", import.meta.url));
const PREFIX = "replicas-test:";
/** Lease of a delivery's claim: a killed replica holds its delivery this long. */
const LEASE_MS = 1_500;

let redis: RedisServer;
let admin: ReturnType<typeof createClient>;
beforeAll(async () => {
  // Persistent: a restarted Redis must remember what was done, as a production one does.
  redis = await startRedisServer({ persistent: true });
  admin = createClient({ url: redis.url, socket: { reconnectStrategy: () => 100 } });
  admin.on("error", () => {});
  await admin.connect();
}, 60_000);
afterAll(async () => {
  if (admin?.isOpen) admin.destroy();
  await redis?.dispose();
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const sleep = (ms: number) => new Promise<void>((wake) => setTimeout(wake, ms));

interface Replica {
  name: string;
  port: number;
  child: ChildProcess;
  /** Every line the replica printed. */
  lines: string[];
  alive: boolean;
}

/** Starts a replica process and waits (a wide margin: tsx compiles on a busy machine) until it listens. */
function startReplica(name: string, env: Record<string, string> = {}): Promise<Replica> {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    env: { ...process.env, REDIS_URL: redis.url, API_KEY, PREFIX, NAME: name, LEASE_MS: String(LEASE_MS), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const replica: Replica = { name, port: 0, child, lines: [], alive: true };
  closers.push(async () => {
    if (replica.alive) child.kill("SIGKILL");
  });
  child.on("exit", () => (replica.alive = false));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 90 s:\n${replica.lines.join("\n")}`)), 90_000);
    let buffered = "";
    const read = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        replica.lines.push(line);
        const port = /^listening (\d+)$/.exec(line)?.[1];
        if (port) {
          clearTimeout(timer);
          replica.port = Number(port);
          resolve(replica);
        }
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code}:\n${replica.lines.join("\n")}`)));
  });
}

/** A round-robin reverse proxy over the replicas; a replica that does not answer gives 502. */
async function roundRobin(replicas: Replica[]): Promise<string> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    const target = replicas[next++ % replicas.length]!;
    const upstream = httpRequest({ host: "127.0.0.1", port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/giacom/events`;
}

const newLine = (n: number): ServiceOrderCreate =>
  serviceOrder()
    .externalReference(`rep-${n}`, { type: "order_id", name: "ACME Comms" })
    .item(
      addService("MOBILE_VOICE_SRV_GIACOM_O2")
        .tariff("62231")
        .simType("triple")
        .simSerial(`89442011223344${String(55000 + n)}`),
    )
    .build();

/** The eventIds the simulator sent (each at least once), and how many attempts it made in all. */
function sent(deliveries: readonly { event: unknown }[]) {
  return { ids: new Set(deliveries.map((d) => (d.event as { eventId: string }).eventId)), attempts: deliveries.length };
}

async function effects(ids: Iterable<string>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, Number((await admin.get(`${PREFIX}test:effect:${id}`)) ?? 0));
  return counts;
}

describe("four replicas on one Redis, behind a round-robin proxy", () => {
  it("handle every event exactly once in effect: duplicates, reordering, a throwing handler, a killed replica and a Redis restart", async () => {
    const replicas = await Promise.all([
      startReplica("r1", { THROW_FIRST: "2" }),
      startReplica("r2", { HANG_ON_MARK: "1" }),
      startReplica("r3", { HANG_ON_MARK: "1" }),
      startReplica("r4"),
    ]);
    const proxy = await roundRobin(replicas);
    const sim = createGiacomSimulator({ clock: "manual", events: { duplicate: true, reorder: true } });
    const server = await sim.listen();
    closers.push(server.close);
    const giacom = createGiacomClient({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, credentials: SIMULATOR_CREDENTIALS });
    await giacom.hub.subscribe({ callback: proxy, apiKey: API_KEY });

    /** Moves the simulator's clock past every retry (3, 30 s apart) until no delivery is pending. */
    const drain = async () => {
      for (let i = 0; i < 6; i++) await sim.advance(31_000);
    };

    // Phase 1: orders run to their end; one replica hangs on a delivery and is killed there.
    const first = await Promise.all([1, 2, 3].map((n) => giacom.serviceOrders.submit(newLine(n)).submitted()));
    expect(first).toHaveLength(3);
    await sim.advance(1_000); // the acknowledgements' events
    await admin.set(`${PREFIX}test:hang`, "1");
    await drain();
    // A replica (r2 or r3) met an event after the mark and hangs on it: kill it there.
    let hanging: string | null = null;
    for (let i = 0; i < 200 && hanging === null; i++) {
      hanging = await admin.get(`${PREFIX}test:hanging`);
      if (hanging === null) await sleep(100);
    }
    expect(hanging, "no replica hung on a delivery").not.toBeNull();
    const victim = replicas.find((r) => r.name === hanging!.split(" ")[0])!;
    victim.child.kill("SIGKILL");
    await new Promise<void>((resolve) => (victim.alive ? victim.child.once("exit", () => resolve()) : resolve()));
    // Its claim outlives it by its lease; then the simulator's next retry finds the event free.
    await sleep(LEASE_MS * 2);
    await drain();

    // Phase 2: Redis restarts while more orders run: deliveries are refused (503) meanwhile.
    await redis.stop();
    const second = await Promise.all([4, 5].map((n) => giacom.serviceOrders.submit(newLine(n)).submitted()));
    expect(second).toHaveLength(2);
    await sim.advance(1_000);
    await sim.advance(31_000);
    await redis.start();
    await sleep(1_000); // the replicas' clients reconnect
    await drain();

    const { ids, attempts } = sent(sim.deliveries);
    const counts = await effects(ids);
    const wrong = [...counts].filter(([, n]) => n !== 1);
    expect(wrong, "eventIds handled other than exactly once").toEqual([]);
    // The run did meet what it claims to survive.
    expect(attempts).toBeGreaterThan(ids.size * 2 - 1); // every event twice, plus retries
    expect(await admin.keys(`${PREFIX}test:thrown:*`)).not.toEqual([]);
    expect(sim.deliveries.some((d) => d.status === 503)).toBe(true);
    const reported = replicas.flatMap((r) => r.lines).filter((line) => line === "error STORE_UNAVAILABLE");
    expect(reported.length).toBeGreaterThan(0);
    // Each event was handled, by some replica; the killed one's event by another.
    const hungEvent = hanging!.split(" ")[1]!;
    expect(counts.get(hungEvent)).toBe(1);
  }, 240_000);

  it("wake an order handle waiting in another process when they receive its events, long before its next poll", async () => {
    const replicas = await Promise.all([startReplica("w1"), startReplica("w2")]);
    const proxy = await roundRobin(replicas);
    const sim = createGiacomSimulator({ clock: "manual" });
    const server = await sim.listen();
    closers.push(server.close);
    // Replica A: no receiver of its own, its stores on its own connection to the same Redis.
    const connection = createClient({ url: redis.url });
    connection.on("error", () => {});
    await connection.connect();
    const stores = createRedisStores({ connection: nodeRedisConnection(connection), prefix: PREFIX });
    closers.push(async () => {
      await stores.close();
      connection.destroy();
    });
    const giacom = createGiacomClient({
      baseUrl: server.baseUrl,
      tokenUrl: server.tokenUrl,
      credentials: SIMULATOR_CREDENTIALS,
      stores,
      // Far longer than the test: only a wake-up can end the wait.
      polling: { initialDelayMs: 3_600_000, maxDelayMs: 3_600_000 },
    });
    await giacom.hub.subscribe({ callback: proxy, apiKey: API_KEY });

    const operation = giacom.serviceOrders.submit(newLine(9));
    await operation.submitted();
    const ended = operation.wait({ timeoutMs: 120_000 });
    // Every change of the order happens now, its events go to the listener processes.
    await sim.settle();
    const order = await ended;
    expect(order.state).toBe("completed");
    // It ended by events the other processes handled, not by a poll of its own.
    const handledElsewhere = await effects(sent(sim.deliveries).ids);
    expect([...handledElsewhere.values()].every((n) => n === 1)).toBe(true);
  }, 240_000);
});
