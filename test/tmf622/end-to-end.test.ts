// The TMF622 client against the TMF622 simulator, in the process (sim.fetch) on the manual
// clock: an order from the builder to completed, one into fallout that a person resolves, one
// that fails, a cancellation, the fields projection, and handles woken by the simulator's
// notifications instead of polls. Every request the client sends is validated against
// spec/tmf622.openapi.yaml with closed schemas on its way to the simulator.
import { describe, expect, it } from "vitest";
import {
  addProduct,
  createProductOrderingClient,
  needsAttention,
  productOrder,
  ProductOrderFailedError,
  terminateProduct,
  type ProductOrder,
  type ProductOrderingClientOptions,
} from "giacom-sdk/tmf622";
import { createProductOrderingSimulator, SIMULATOR_CREDENTIALS, type ProductOrderOutcome } from "../../src/tmf622/mock/index.js";
import { createValidator, deref, loadSpecFile, operations, type JsonObject } from "../helpers/spec.js";

const spec = loadSpecFile("tmf622.openapi.yaml");
const validate = createValidator(spec, { closed: true });

/** The request body schema of the operation a request is for, if it has one. */
function requestSchema(method: string, path: string): JsonObject | undefined {
  const found = operations(spec).find((o) => o.method === method.toLowerCase() && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path));
  if (!found?.op.requestBody) return undefined;
  const body = deref(spec, found.op.requestBody as JsonObject);
  return (Object.values(body.content as JsonObject)[0] as JsonObject).schema as JsonObject;
}

function start(options: Partial<ProductOrderingClientOptions> = {}, outcome: (order: ProductOrder) => ProductOrderOutcome = () => "completed") {
  const sim = createProductOrderingSimulator({ clock: "manual", decideOutcome: outcome });
  const invalid: string[] = [];
  const root = new URL(sim.baseUrl).pathname;
  const fetch = async (url: string, init: RequestInit) => {
    const { pathname } = new URL(url);
    const schema = pathname.startsWith(root) ? requestSchema(init.method ?? "GET", pathname.slice(root.length)) : undefined;
    if (schema) invalid.push(...validate(schema, JSON.parse(String(init.body))).map((e) => `${init.method} ${pathname}: ${e.instancePath} ${e.message}`));
    return sim.fetch(url, init);
  };
  const client = createProductOrderingClient({
    baseUrl: sim.baseUrl,
    tokenUrl: sim.tokenUrl,
    credentials: SIMULATOR_CREDENTIALS,
    fetch,
    polling: { initialDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return { sim, client, invalid };
}

const byExternalId = (order: ProductOrder): ProductOrderOutcome =>
  order.externalId === "fallout" ? "inProgress.fallout" : order.externalId === "fail" ? "failed" : "completed";

describe("the client against the simulator", () => {
  it("an order from the builder to completed, read back with fields", async () => {
    const { sim, client, invalid } = start();
    const order = productOrder()
      .externalId("crm-42")
      .relatedParty({ id: "ORG-42", "@referredType": "Organization", role: "customer" })
      .item(addProduct("PO-FIBRE-1G", { characteristics: { bandwidth: "1Gbps" } }))
      .item(terminateProduct("PRD-OLD-9"))
      .build();
    const created = await client.productOrders.create(order);
    expect(created).toMatchObject({ state: "acknowledged", externalId: "crm-42" });
    const operation = client.productOrders.track(created.id!);
    const seen: (string | undefined)[] = [];
    operation.onProgress((o) => seen.push(o.state));
    const done = await sim.run(operation);
    expect(done.state).toBe("completed");
    expect(done.productOrderItem.map((i) => [i.id, i.state])).toEqual([
      ["01", "completed"],
      ["02", "completed"],
    ]);
    expect(seen).toEqual(["acknowledged", "inProgress", "completed"]);
    const projected = await client.productOrders.get(created.id!, { fields: ["state"] });
    // Only what was asked for, and what the server always keeps.
    expect(Object.keys(projected).filter((k) => !["@type", "href", "id", "state"].includes(k))).toEqual([]);
    expect(projected).toMatchObject({ id: created.id, state: "completed" });
    expect(projected).not.toHaveProperty("productOrderItem");
    expect(invalid).toEqual([]);
  });

  it("an order into fallout: the handle keeps following it, flags it, and ends when someone resolves it", async () => {
    const { sim, client } = start({}, byExternalId);
    const created = await client.productOrders.create(productOrder().externalId("fallout").item(addProduct("PO-FIBRE-1G")).build());
    const operation = client.productOrders.track(created.id!);
    const attention: (string | undefined)[] = [];
    operation.onProgress((o) => needsAttention(o.state) && attention.push(o.state));
    const outcome = operation.wait();
    await sim.run(new Promise<void>((resolve) => operation.onProgress((o) => o.state === "inProgress.fallout" && resolve())));
    expect(attention).toEqual(["inProgress.fallout"]);
    sim.setState(created.id!, "completed");
    await expect(sim.run(outcome)).resolves.toMatchObject({ state: "completed" });
  });

  it("an order that fails rejects its handle with ProductOrderFailedError", async () => {
    const { sim, client } = start({}, byExternalId);
    const created = await client.productOrders.create(productOrder().externalId("fail").item(addProduct("PO-FIBRE-1G")).build());
    const error = (await sim.run(client.productOrders.track(created.id!).wait()).catch((e: unknown) => e)) as ProductOrderFailedError;
    expect(error).toBeInstanceOf(ProductOrderFailedError);
    expect(error).toMatchObject({ state: "failed", orderId: created.id, items: [{ id: "01", state: "failed" }] });
  });

  it("a cancellation: the task is done and the order ends cancelled", async () => {
    const { sim, client, invalid } = start();
    const created = await client.productOrders.create(productOrder().item(addProduct("PO-FIBRE-1G")).build());
    const operation = client.productOrders.track(created.id!);
    await operation.submitted();
    const task = await sim.run(operation.cancel({ reason: "Ordered twice" }));
    expect(task).toMatchObject({ state: "done", productOrder: { id: created.id } });
    const error = (await sim.run(operation.wait()).catch((e: unknown) => e)) as ProductOrderFailedError;
    expect(error).toMatchObject({ state: "cancelled" });
    const { items } = await client.productOrders.cancellations.list();
    expect(items.map((t) => t.id)).toEqual([task.id]);
    expect(invalid).toEqual([]);
  });

  it("handles woken by the simulator's notifications need no poll", async () => {
    const sim = createProductOrderingSimulator({ clock: "manual" });
    const client = createProductOrderingClient({
      baseUrl: sim.baseUrl,
      tokenUrl: sim.tokenUrl,
      credentials: SIMULATOR_CREDENTIALS,
      fetch: sim.fetch,
      notifications: sim.notifications,
      // A poll would come after an hour: only an event can end this handle in time.
      polling: { initialDelayMs: 3_600_000, maxDelayMs: 3_600_000 },
    });
    const created = await client.productOrders.create(productOrder().item(addProduct("PO-FIBRE-1G")).build());
    const operation = client.productOrders.track(created.id!);
    await operation.submitted();
    const outcome = operation.wait({ timeoutMs: 2_000 });
    await sim.settle();
    await expect(outcome).resolves.toMatchObject({ state: "completed" });
  });
});
