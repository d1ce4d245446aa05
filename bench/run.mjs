// `npm run bench`: measures the built package (dist/) against the budgets of the product
// design and rewrites the results table in BENCHMARKS.md. Times are only ever measured here,
// never asserted in tests.
import { createServer } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { spawnSync } from "node:child_process";
import { setupServer } from "msw/node";
import { BUDGETS, measure } from "../scripts/size.mjs";
import { createGiacomClient, validateOrder } from "../dist/index.js";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "../dist/mock/index.js";
import { replicaStores } from "./replica-stores.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const spec = parse(readFileSync(`${root}spec/giacom.openapi.yaml`, "utf8"));
const serviceJson = JSON.stringify(spec.components.examples.ServiceMobileVoiceO2.value);

/** A loopback API + token endpoint; counts token requests. */
async function startServer() {
  const stats = { tokenRequests: 0 };
  const server = createServer((req, res) => {
    if (req.url === "/oauth2/token") {
      stats.tokenRequests++;
      req.resume();
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end(JSON.stringify({ access_token: "bench-token", token_type: "Bearer", expires_in: 3600 }));
    }
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(serviceJson) });
    res.end(serviceJson);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { server, stats, baseUrl: `http://127.0.0.1:${port}/v2`, tokenUrl: `http://127.0.0.1:${port}/oauth2/token` };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * SDK GET /service/{id} vs raw fetch + JSON.parse of the same request. Calls alternate one by
 * one (raw, SDK, raw, ...) in each of `concurrency` workers and every call is timed on its
 * own, so both see the same load, GC and JIT state; a round's figure is the ratio of the summed
 * times, and the result is the median over the rounds.
 */
async function overhead(concurrency) {
  const { server, baseUrl, tokenUrl } = await startServer();
  const giacom = createGiacomClient({ baseUrl, tokenUrl, credentials: { clientId: "bench", clientSecret: "bench-secret" } });
  const id = "dd5244e1-13e3-45a5-b2f0-47b111a65142";
  const url = `${baseUrl}/service/${id}`;
  const raw = async () => {
    const res = await fetch(url, { method: "GET", headers: { "X-Correlation-ID": crypto.randomUUID(), Authorization: "Bearer bench-token" } });
    return JSON.parse(await res.text());
  };
  const sdk = () => giacom.services.get(id);
  const perWorker = Math.max(10, Math.round(800 / concurrency));
  const round = async () => {
    const spent = { raw: 0, sdk: 0 };
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        for (let i = 0; i < perWorker; i++) {
          // Half the workers start with the SDK, so neither side always goes first.
          for (const [name, fn] of (i + w) % 2
            ? [
                ["raw", raw],
                ["sdk", sdk],
              ]
            : [
                ["sdk", sdk],
                ["raw", raw],
              ]) {
            const t = performance.now();
            await fn();
            spent[name] += performance.now() - t;
          }
        }
      }),
    );
    return spent;
  };
  for (let i = 0; i < 3; i++) await round();
  const ratios = [];
  const perCall = { raw: [], sdk: [] };
  for (let r = 0; r < 30; r++) {
    const spent = await round();
    ratios.push(spent.sdk / spent.raw);
    perCall.raw.push((spent.raw * 1000) / (concurrency * perWorker));
    perCall.sdk.push((spent.sdk * 1000) / (concurrency * perWorker));
  }
  server.close();
  const sorted = [...ratios].sort((a, b) => a - b);
  return { ratio: median(ratios), low: sorted[0], high: sorted[sorted.length - 1], rawUs: median(perCall.raw), sdkUs: median(perCall.sdk) };
}

async function coldTokenRequests() {
  const { server, stats, baseUrl, tokenUrl } = await startServer();
  const giacom = createGiacomClient({ baseUrl, tokenUrl, credentials: { clientId: "bench", clientSecret: "bench-secret" } });
  await Promise.all(Array.from({ length: 1000 }, () => giacom.services.get("x")));
  server.close();
  return stats.tokenRequests;
}

/** Validating the documented port-in order vs JSON.stringify of it, in alternating rounds. */
function validationCost() {
  const order = spec.components.examples.ServiceOrderPortInVodafoneESim.value;
  const context = { specifications: spec.components.examples.ServiceSpecificationList.value };
  if (!validateOrder(order, context).valid) throw new Error("the documented port-in order should validate");
  const N = 20_000;
  const time = (fn) => {
    const t = performance.now();
    for (let i = 0; i < N; i++) fn();
    return performance.now() - t;
  };
  let sink = 0;
  const stringify = () => (sink += JSON.stringify(order).length);
  const validate = () => (sink += validateOrder(order, context).issues.length);
  for (let i = 0; i < 3; i++) {
    time(stringify);
    time(validate);
  }
  const ratios = [];
  const us = { stringify: [], validate: [] };
  for (let round = 0; round < 20; round++) {
    const a = time(stringify);
    const b = time(validate);
    ratios.push(b / a);
    us.stringify.push((a * 1000) / N);
    us.validate.push((b * 1000) / N);
  }
  if (sink < 0) console.log(sink);
  return { ratio: median(ratios), validateUs: median(us.validate), stringifyUs: median(us.stringify) };
}

/**
 * Order create + get pairs per second through the simulator's MSW handlers, in-process, with
 * `concurrency` workers sharing 2,000 pairs a round.
 */
async function simulatorThroughput(concurrency) {
  // The manual clock: no order changes state mid-measurement.
  const sim = createGiacomSimulator({ clock: "manual" });
  const server = setupServer(...sim.handlers);
  server.listen({ onUnhandledRequest: "error" });
  const giacom = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS });
  const order = spec.components.examples.ServiceOrderNewLineO2.value;
  // The simulator validates every order itself; the client's own validation is left out so
  // that this measures the simulator.
  const pair = async () => {
    const created = await giacom.serviceOrders.create(order, { validate: false });
    await giacom.serviceOrders.get(created.id);
  };
  for (let i = 0; i < 200; i++) await pair();
  const rates = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < 2000 / concurrency; i++) await pair();
      }),
    );
    rates.push(2000 / ((performance.now() - started) / 1000));
    sim.reset();
  }
  server.close();
  return median(rates);
}

const results = [];
const c1 = await overhead(1);
results.push({
  what: "SDK `GET /service/{id}` vs raw `fetch` + `JSON.parse`, concurrency 1 (median of 30 rounds, range)",
  value: `${c1.ratio.toFixed(3)} (${c1.low.toFixed(3)}-${c1.high.toFixed(3)}; ${c1.sdkUs.toFixed(0)} µs vs ${c1.rawUs.toFixed(0)} µs per call)`,
  budget: "<= 1.10",
  pass: c1.ratio <= 1.1,
});
const c32 = await overhead(32);
results.push({
  what: "the same, concurrency 32",
  value: `${c32.ratio.toFixed(3)} (${c32.low.toFixed(3)}-${c32.high.toFixed(3)}; ${c32.sdkUs.toFixed(0)} µs vs ${c32.rawUs.toFixed(0)} µs per call)`,
  budget: "<= 1.10",
  pass: c32.ratio <= 1.1,
});
const tokens = await coldTokenRequests();
results.push({ what: "token requests for 1,000 concurrent calls on a cold client", value: String(tokens), budget: "exactly 1", pass: tokens === 1 });

const v = validationCost();
results.push({
  what: "validating the documented port-in order vs `JSON.stringify` of it (median of 20 rounds)",
  value: `${v.ratio.toFixed(2)}x (${v.validateUs.toFixed(1)} µs vs ${v.stringifyUs.toFixed(1)} µs)`,
  budget: "<= 5x",
  pass: v.ratio <= 5,
});

const pairs = await simulatorThroughput(32);
const sequential = await simulatorThroughput(1);
results.push({
  what: "simulator, in-process MSW: order create + get pairs per second, 32 concurrent (median of 5 rounds of 2,000)",
  value: `${Math.round(pairs)}/s (one at a time: ${Math.round(sequential)}/s)`,
  budget: ">= 1,000/s",
  pass: pairs >= 1000,
});

const shared = await replicaStores();
if (shared.missing) {
  results.push({ what: "webhook deliveries through one replica, memory vs Redis store", value: `not measured: ${shared.missing}`, budget: "none", pass: true });
} else {
  results.push({
    what: "webhook deliveries per second through one replica (16 in flight, median of 10 alternating rounds of 2,000): memory store / Redis store",
    value: `${Math.round(shared.memoryRate)}/s / ${Math.round(shared.redisRate)}/s (${shared.failed} not accepted)`,
    budget: "none",
    pass: shared.failed === 0,
  });
  results.push({
    what: "latency a Redis store adds to one delivery (median, one in flight)",
    value: `+${Math.round(shared.redisUs - shared.memoryUs)} µs (${Math.round(shared.redisUs)} µs vs ${Math.round(shared.memoryUs)} µs)`,
    budget: "none",
    pass: true,
  });
}

const sizes = await measure();
for (const [name, { gzip, minified }] of Object.entries(sizes)) {
  const budget = BUDGETS[name][1];
  results.push({
    what: `\`${name}\` bundled (esbuild), minified + gzip`,
    value: `${(gzip / 1024).toFixed(1)} KiB (${gzip} B; ${(minified / 1024).toFixed(0)} KiB minified)`,
    budget: budget ? `<= ${budget / 1024} KiB` : "none",
    pass: budget === undefined || gzip <= budget,
  });
}

// Cold import: a fresh process each time, so nothing is cached but the file system's.
const imports = [];
for (let i = 0; i < 15; i++) {
  const run = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", 'const t = performance.now(); await import("giacom-sdk"); console.log(performance.now() - t);'],
    { cwd: root, encoding: "utf8" },
  );
  imports.push(Number(run.stdout.trim()));
}
const importMs = median(imports.slice(2));
results.push({
  what: 'cold `import("giacom-sdk")` in a new Node process (median of 13)',
  value: `${importMs.toFixed(1)} ms`,
  budget: "<= 30 ms",
  pass: importMs <= 30,
});

const table = [
  "| what | measured | budget | |",
  "| --- | --- | --- | --- |",
  ...results.map((r) => `| ${r.what} | ${r.value} | ${r.budget} | ${r.pass ? "pass" : "FAIL"} |`),
].join("\n");
const machine = `Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}`;
const file = `${root}BENCHMARKS.md`;
const doc = readFileSync(file, "utf8");
const start = doc.indexOf("<!-- bench:start -->");
const end = doc.indexOf("<!-- bench:end -->");
writeFileSync(file, `${doc.slice(0, start)}<!-- bench:start -->\n_Last run: ${machine}._\n\n${table}\n${doc.slice(end)}`);
console.log(table);
if (results.some((r) => !r.pass)) process.exitCode = 1;
