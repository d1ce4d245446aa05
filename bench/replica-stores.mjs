// Webhook deliveries through one replica: Giacom's webhook receiver served by node:http on
// 127.0.0.1, its state in this process's memory (the default) or on a real redis-server
// (giacom-sdk/redis over node-redis), the sender in this process. The two are measured in
// alternating rounds on the same server and event mix, so both meet the same load; each round
// posts distinct events (nothing is a duplicate) with `concurrency` in flight.
import { spawn, spawnSync } from "node:child_process";
import { createServer as createNetServer } from "node:net";
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "redis";
import { createRedisStores, nodeRedisConnection } from "../dist/redis/index.js";
import { createWebhookReceiver, toNodeHandler } from "../dist/webhooks/index.js";

const API_KEY = "bench-webhook-key";
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server of its own, without persistence; undefined (and why) when none can start. */
async function startRedis() {
  if (spawnSync("sh", ["-c", "command -v redis-server"]).status !== 0)
    return { missing: "redis-server is not installed (npm test installs it: see scripts/ensure-redis.mjs)" };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "giacom-sdk-bench-redis-"));
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const probe = createClient({ url });
    probe.on("error", () => {});
    try {
      await probe.connect();
      await probe.ping();
      probe.destroy();
      return {
        url,
        stop: () => {
          child.kill("SIGKILL");
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill("SIGKILL");
  return { missing: "redis-server did not start" };
}

/** A receiver on its own loopback server; resolves with where to POST and how to stop. */
async function serveReceiver(options) {
  const receiver = createWebhookReceiver({ apiKey: API_KEY, ...options });
  let handled = 0;
  receiver.on("ServiceOrderStateChangeEvent", () => void handled++);
  const server = createServer(toNodeHandler(receiver));
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/events`, handled: () => handled, close: () => new Promise((r) => server.close(r)) };
}

let sequence = 0;
const event = () => {
  const n = ++sequence;
  return JSON.stringify({
    eventId: `bench-${process.pid}-${n}`,
    eventTime: new Date().toISOString(),
    eventType: "ServiceOrderStateChangeEvent",
    event: { ServiceOrder: { id: `order-${n % 500}`, state: "inProgress", "@type": "ServiceOrder" } },
  });
};
const headers = { "Content-Type": "application/json", Authorization: `Basic ${API_KEY}` };

/** Posts `count` distinct events with `concurrency` in flight; per-delivery latencies in µs. */
async function round(url, count, concurrency) {
  const latencies = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = 0; i < count / concurrency; i++) {
        const t = performance.now();
        const response = await fetch(url, { method: "POST", headers, body: event() });
        await response.arrayBuffer();
        if (response.status !== 202) failed++;
        latencies.push((performance.now() - t) * 1000);
      }
    }),
  );
  return { rate: count / ((performance.now() - started) / 1000), latencyUs: median(latencies), failed };
}

/**
 * Deliveries per second through one replica with the memory store and with the Redis store
 * (16 in flight, median of 10 alternating rounds of 2,000), and the latency Redis adds to a
 * delivery (median per-delivery latency, one in flight).
 */
export async function replicaStores() {
  const redis = await startRedis();
  if (redis.missing) return { missing: redis.missing };
  const client = createClient({ url: redis.url });
  client.on("error", () => {});
  await client.connect();
  const stores = createRedisStores({ connection: nodeRedisConnection(client), prefix: "bench:" });
  const memory = await serveReceiver({});
  const shared = await serveReceiver({ stores });
  try {
    // Warm-up: JIT, connections, Lua scripts loaded.
    await round(memory.url, 400, 16);
    await round(shared.url, 400, 16);
    const rates = { memory: [], redis: [] };
    const single = { memory: [], redis: [] };
    let failed = 0;
    for (let i = 0; i < 10; i++) {
      for (const [name, side] of i % 2
        ? [
            ["redis", shared],
            ["memory", memory],
          ]
        : [
            ["memory", memory],
            ["redis", shared],
          ]) {
        const r = await round(side.url, 2_000, 16);
        rates[name].push(r.rate);
        failed += r.failed;
        const one = await round(side.url, 200, 1);
        single[name].push(one.latencyUs);
        failed += one.failed;
      }
    }
    return {
      memoryRate: median(rates.memory),
      redisRate: median(rates.redis),
      memoryUs: median(single.memory),
      redisUs: median(single.redis),
      failed,
    };
  } finally {
    await memory.close();
    await shared.close();
    await stores.close();
    client.destroy();
    redis.stop();
  }
}
