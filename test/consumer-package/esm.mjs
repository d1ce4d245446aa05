// An ES-module consumer of the installed giacom-sdk: every entry point by its public name, the
// files the export map picks for `import`, then one real call to the simulator over loopback.
// Ends by itself (no process.exit): a handle left open by the SDK would keep it alive.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createGiacomClient, isGiacomError, validateOrder, VERSION } from "giacom-sdk";
import { createWebhookReceiver } from "giacom-sdk/webhooks";
import { createGiacomSimulator, SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";
import { createTransport, isSdkError, staticHeaders } from "giacom-sdk/core";
import { addProduct, createProductOrderingClient, productOrder } from "giacom-sdk/tmf622";
import { createProductOrderingSimulator } from "giacom-sdk/tmf622/mock";
import { createServiceInventoryClient, NotImplementedForBusinessError } from "giacom-sdk/tmf638";
import { createServiceInventorySimulator } from "giacom-sdk/tmf638/mock";
import { createMasStackClient, MasStackValidationError } from "giacom-sdk/masstack";
import { createCallbackReceiver } from "giacom-sdk/masstack/callbacks";
import { createMasStackSimulator } from "giacom-sdk/masstack/mock";
import { createRedisStores } from "giacom-sdk/redis";

const expected = JSON.parse(readFileSync(new URL("./expected.json", import.meta.url), "utf8")).serviceSpecificationIds;

for (const [name, value] of Object.entries({
  createGiacomClient,
  validateOrder,
  isGiacomError,
  createWebhookReceiver,
  createGiacomSimulator,
  createTransport,
  staticHeaders,
  isSdkError,
  createProductOrderingClient,
  createProductOrderingSimulator,
  createServiceInventoryClient,
  NotImplementedForBusinessError,
  createServiceInventorySimulator,
  createMasStackClient,
  MasStackValidationError,
  createCallbackReceiver,
  createMasStackSimulator,
  createRedisStores,
})) {
  assert.equal(typeof value, "function", `${name} is not a function`);
}
assert.equal(typeof SIMULATOR_CREDENTIALS?.clientId, "string", "SIMULATOR_CREDENTIALS.clientId is not a string");

// The export map sends `import` to the ESM build.
for (const [specifier, file] of [
  ["giacom-sdk", "dist/index.js"],
  ["giacom-sdk/webhooks", "dist/webhooks/index.js"],
  ["giacom-sdk/mock", "dist/mock/index.js"],
  ["giacom-sdk/core", "dist/core/index.js"],
  ["giacom-sdk/tmf622", "dist/tmf622/index.js"],
  ["giacom-sdk/tmf622/mock", "dist/tmf622/mock/index.js"],
  ["giacom-sdk/tmf638", "dist/tmf638/index.js"],
  ["giacom-sdk/tmf638/mock", "dist/tmf638/mock/index.js"],
  ["giacom-sdk/masstack", "dist/masstack/index.js"],
  ["giacom-sdk/masstack/callbacks", "dist/masstack/callbacks/index.js"],
  ["giacom-sdk/masstack/mock", "dist/masstack/mock/index.js"],
  ["giacom-sdk/redis", "dist/redis/index.js"],
]) {
  const resolved = import.meta.resolve(specifier);
  assert.ok(resolved.endsWith(`/node_modules/giacom-sdk/${file}`), `import "${specifier}" resolved to ${resolved}, not ${file}`);
}
const pkg = createRequire(import.meta.url)("giacom-sdk/package.json");
assert.equal(VERSION, pkg.version, "VERSION export differs from package.json version (stale build?)");

// The TMF622 entry builds an order with the vendor's item numbering.
assert.deepEqual(productOrder().item(addProduct("PO-FIBRE-1G")).build(), {
  productOrderItem: [{ id: "01", action: "add", productOffering: { id: "PO-FIBRE-1G" } }],
});

const sim = createGiacomSimulator();
const server = await sim.listen();
try {
  const giacom = createGiacomClient({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, credentials: SIMULATOR_CREDENTIALS });
  const specs = await giacom.serviceSpecifications.list();
  assert.deepEqual(specs.items.map((s) => s.id).sort(), expected, "serviceSpecifications.list() did not return the documented specifications");
  assert.equal(specs.totalCount, expected.length);

  const bad = validateOrder(
    { serviceOrderItem: [{ id: "1", action: "add", service: { serviceSpecification: { id: "NO_SUCH_SPEC" } } }] },
    { specifications: specs.items },
  );
  assert.equal(bad.valid, false);
  assert.equal(bad.issues[0]?.code, "SPECIFICATION_NOT_FOUND");

  const error = await giacom.serviceSpecifications.get("NO_SUCH_SPEC").then(
    () => undefined,
    (e) => e,
  );
  assert.ok(isGiacomError(error), `get of an unknown specification threw ${error}, not a GiacomError`);
  assert.equal(error.code, "NOT_FOUND");

  const receiver = createWebhookReceiver({ apiKey: "consumer-test-key" });
  const answer = await receiver.handle(new Request("http://127.0.0.1/hook", { method: "GET" }));
  assert.equal(answer.status, 405, "the webhook receiver should answer a GET with 405");
} finally {
  await server.close();
}

// The TMF622 simulator as a conformance tool sees it: a loopback server without credentials.
const productOrdering = await createProductOrderingSimulator().listen({ auth: false });
try {
  const created = await fetch(`${productOrdering.baseUrl}/productOrder`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ productOrderItem: [{ id: "01", action: "add" }] }),
  });
  assert.equal(created.status, 201, "the TMF622 simulator should create a product order");
  assert.equal((await created.json()).state, "acknowledged");
} finally {
  await productOrdering.close();
}

// The TMF638 simulator as a conformance tool sees it: a loopback server without credentials.
const inventory = await createServiceInventorySimulator().listen({ auth: false });
try {
  const services = await fetch(`${inventory.baseUrl}/TT/service?serviceType=Broadband`);
  assert.equal(services.status, 200, "the TMF638 simulator should list the TT broadband services");
  assert.ok((await services.json()).every((s) => s.serviceType === "Broadband"));
  // The TMF638 client of the installed package, on the same server.
  const client = createServiceInventoryClient({ baseUrl: inventory.baseUrl, businessId: "TT", clientId: "consumer", clientSecret: "consumer-secret" });
  const broadband = await client.services.list({ serviceType: "Broadband" });
  assert.ok(
    broadband.items.length > 0 && broadband.items.every((s) => s.serviceType === "Broadband"),
    "the TMF638 client should list the TT broadband services",
  );
} finally {
  await inventory.close();
}
// MasStack: a multisim created on the simulator in the process (no socket), its callback handed by
// the simulator to the receiver, the client's handle woken by it; the id comes back a string.
{
  const receiver = createCallbackReceiver({ secret: "consumer-callback-secret-0123456789abcdef", url: "http://127.0.0.1/masstack" });
  const sim = createMasStackSimulator({ callbackFetch: (url, init) => receiver.handle(new Request(url, init)) });
  const masstack = createMasStackClient({ baseUrl: sim.baseUrl, fetch: sim.fetch, serviceAccount: await sim.createServiceAccount(), callbacks: receiver });
  const { result } = await masstack.services.multisim.create({
    service_details: { secondary_eid: "89033023312170000000000000000001", secondary_iccid: "8934011411551283000" },
  });
  assert.deepEqual(result, { code: "OK", title: "Service was successfully created", service_id: "600000001" }, "the multisim's success callback");
  assert.equal(sim.service("multisim", result.service_id)?.service_details.secondary_iccid, "8934011411551283000", "the simulator should hold the multisim");
  const refused = await masstack.barrings.update("multisim", result.service_id, { barring_name: "EVERYTHING", active: true }).then(
    () => undefined,
    (e) => e,
  );
  assert.ok(refused instanceof MasStackValidationError && refused.issues[0]?.path === "body.barring_name", `an unknown barring threw ${refused}`);
}
console.log(
  `esm: 12 entry points loaded; serviceSpecifications.list() returned the ${expected.length} documented specifications; a MasStack multisim followed to its callback`,
);
