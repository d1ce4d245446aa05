// A CommonJS consumer of the installed giacom-sdk: every entry point through require, the files
// the export map picks for `require`, then one real call to the simulator over loopback.
// Ends by itself (no process.exit): a handle left open by the SDK would keep it alive.
"use strict";
const assert = require("node:assert/strict");
const { createGiacomClient, isGiacomError, validateOrder, VERSION } = require("giacom-sdk");
const { createWebhookReceiver } = require("giacom-sdk/webhooks");
const { createGiacomSimulator, SIMULATOR_CREDENTIALS } = require("giacom-sdk/mock");
const { createTransport, isSdkError, staticHeaders } = require("giacom-sdk/core");
const { addProduct, createProductOrderingClient, productOrder } = require("giacom-sdk/tmf622");
const { createProductOrderingSimulator } = require("giacom-sdk/tmf622/mock");
const { createServiceInventoryClient, NotImplementedForBusinessError } = require("giacom-sdk/tmf638");
const { createServiceInventorySimulator } = require("giacom-sdk/tmf638/mock");
const { createMasStackClient, MasStackValidationError } = require("giacom-sdk/masstack");
const { createCallbackReceiver } = require("giacom-sdk/masstack/callbacks");
const { createMasStackSimulator } = require("giacom-sdk/masstack/mock");
const { createRedisStores } = require("giacom-sdk/redis");
const expected = require("./expected.json").serviceSpecificationIds;

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

// The export map sends `require` to the CommonJS build.
for (const [specifier, file] of [
  ["giacom-sdk", "dist/index.cjs"],
  ["giacom-sdk/webhooks", "dist/webhooks/index.cjs"],
  ["giacom-sdk/mock", "dist/mock/index.cjs"],
  ["giacom-sdk/core", "dist/core/index.cjs"],
  ["giacom-sdk/tmf622", "dist/tmf622/index.cjs"],
  ["giacom-sdk/tmf622/mock", "dist/tmf622/mock/index.cjs"],
  ["giacom-sdk/tmf638", "dist/tmf638/index.cjs"],
  ["giacom-sdk/tmf638/mock", "dist/tmf638/mock/index.cjs"],
  ["giacom-sdk/masstack", "dist/masstack/index.cjs"],
  ["giacom-sdk/masstack/callbacks", "dist/masstack/callbacks/index.cjs"],
  ["giacom-sdk/masstack/mock", "dist/masstack/mock/index.cjs"],
  ["giacom-sdk/redis", "dist/redis/index.cjs"],
]) {
  const resolved = require.resolve(specifier).replaceAll("\\", "/");
  assert.ok(resolved.endsWith(`/node_modules/giacom-sdk/${file}`), `require("${specifier}") resolved to ${resolved}, not ${file}`);
}
assert.equal(VERSION, require("giacom-sdk/package.json").version, "VERSION export differs from package.json version (stale build?)");

// The TMF622 entry builds an order with the vendor's item numbering.
assert.deepEqual(productOrder().item(addProduct("PO-FIBRE-1G")).build(), {
  productOrderItem: [{ id: "01", action: "add", productOffering: { id: "PO-FIBRE-1G" } }],
});

async function main() {
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
    `cjs: 12 entry points loaded; serviceSpecifications.list() returned the ${expected.length} documented specifications; a MasStack multisim followed to its callback`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
