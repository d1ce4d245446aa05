// Which product order states end an order and which need someone to act, pinned for every one
// of the vendor's 21 states, and the order handle that follows an order through them: resolved
// on completed, rejected with a typed error on the other final states, still following through
// fallout, held, pending and suspended states, resumable from its token.
import { describe, expect, it } from "vitest";
import {
  isFinal,
  needsAttention,
  PRODUCT_ORDER_STATES,
  ProductOrderFailedError,
  ProductOrderWaitTimeoutError,
  InvalidArgumentError,
  type ProductOrder,
  type ProductOrderState,
} from "giacom-sdk/tmf622";
import { loadSpecFile } from "../helpers/spec.js";
import { productOrderIn } from "./fixtures.js";
import { json, pathOf, tmf622Client } from "./client-helpers.js";

// The decision, one row per state: [final, succeeded, needs attention]. README's table says the same.
const EXPECTED: Record<ProductOrderState, [boolean, boolean, boolean]> = {
  acknowledged: [false, false, false],
  rejected: [true, false, false],
  pending: [false, false, true],
  held: [false, false, true],
  inProgress: [false, false, false],
  cancelled: [true, false, false],
  completed: [true, true, false],
  failed: [true, false, false],
  partial: [true, false, true],
  assessingCancellation: [false, false, false],
  pendingCancellation: [false, false, false],
  "inProgress.fallout": [false, false, true],
  "amending.fallout": [false, false, true],
  amending: [false, false, false],
  "pendingCancellation.fallout": [false, false, true],
  "inProgress.suspended": [false, false, true],
  "inProgress.fallout.suspended": [false, false, true],
  "amending.suspended": [false, false, true],
  "amending.fallout.suspended": [false, false, true],
  "pendingCancellation.suspended": [false, false, true],
  "pendingCancellation.fallout.suspended": [false, false, true],
};

describe("the product order state table", () => {
  it("classifies exactly the states of the contract's ProductOrderStateType (a spec change fails here)", () => {
    const spec = loadSpecFile("tmf622.openapi.yaml");
    const states = spec.components.schemas.ProductOrderStateType!.enum as string[];
    expect(states).toHaveLength(21);
    expect(Object.keys(PRODUCT_ORDER_STATES).sort()).toEqual([...states].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...states].sort());
  });

  it.each(Object.entries(EXPECTED))("%s: final %j, succeeded, needs attention", (state, [final, succeeded, attention]) => {
    expect(PRODUCT_ORDER_STATES[state as ProductOrderState]).toEqual({ final, succeeded, needsAttention: attention });
    expect(isFinal(state)).toBe(final);
    expect(needsAttention(state)).toBe(attention);
  });

  it("a state the vendor does not document, or none, is neither final nor in need of attention", () => {
    for (const state of ["unknown", "COMPLETED", "toString", "__proto__", "", undefined]) {
      expect(isFinal(state)).toBe(false);
      expect(needsAttention(state)).toBe(false);
    }
  });
});

/** The order PO-7 in each state of `states`, one per read; the last repeats. */
function sequence(states: ProductOrderState[]) {
  let read = 0;
  return tmf622Client(() => {
    const state = states[Math.min(read++, states.length - 1)]!;
    return json({ ...productOrderIn(state), id: "PO-7", href: undefined });
  });
}

describe("productOrders.track: the order handle", () => {
  it("follows an order to completed, reporting each change once, polling GET /productOrder/{id}", async () => {
    const { client, requests } = sequence(["acknowledged", "inProgress", "inProgress", "completed"]);
    const operation = client.productOrders.track("PO-7");
    const seen: (string | undefined)[] = [];
    operation.onProgress((order) => seen.push(order.state));
    const done = await operation;
    expect(done.state).toBe("completed");
    expect(seen).toEqual(["acknowledged", "inProgress", "completed"]);
    expect(requests.map(pathOf)).toEqual(Array(4).fill("/productOrder/PO-7"));
    expect(operation.orderId).toBe("PO-7");
  });

  it("keeps following an order through fallout and suspension (they need attention, they are not over)", async () => {
    const { client } = sequence(["inProgress", "inProgress.fallout", "inProgress.fallout.suspended", "inProgress", "completed"]);
    const operation = client.productOrders.track("PO-7");
    const alerts: (string | undefined)[] = [];
    operation.onProgress((order) => needsAttention(order.state) && alerts.push(order.state));
    await expect(operation.wait()).resolves.toMatchObject({ state: "completed" });
    expect(alerts).toEqual(["inProgress.fallout", "inProgress.fallout.suspended"]);
  });

  it.each(["rejected", "failed", "cancelled", "partial"] as const)("rejects with ProductOrderFailedError when the order ends %s", async (state) => {
    const { client } = sequence(["inProgress", state]);
    const error = (await client.productOrders.track("PO-7").then(
      () => undefined,
      (e: unknown) => e,
    )) as ProductOrderFailedError;
    expect(error).toBeInstanceOf(ProductOrderFailedError);
    expect(error).toMatchObject({ code: "ORDER_FAILED", orderId: "PO-7", state });
    expect(error.items).toEqual([{ id: "01", state: productOrderIn(state).productOrderItem[0]!.state }]);
    expect(error.order.state).toBe(state);
  });

  it("wait({ timeoutMs }) gives a ProductOrderWaitTimeoutError with the last state; the order goes on", async () => {
    const { client } = sequence(["inProgress.fallout"]);
    const operation = client.productOrders.track("PO-7");
    const error = (await operation.wait({ timeoutMs: 30 }).catch((e: unknown) => e)) as ProductOrderWaitTimeoutError;
    expect(error).toBeInstanceOf(ProductOrderWaitTimeoutError);
    expect(error).toMatchObject({ code: "ORDER_WAIT_TIMEOUT", orderId: "PO-7", retryable: true });
    expect(error.lastKnown?.state).toBe("inProgress.fallout");
  });

  it("resumes from its token, as an object or as JSON text, in another client", async () => {
    const first = sequence(["inProgress"]);
    const operation = first.client.productOrders.track("PO-7");
    await operation.submitted();
    const token = JSON.parse(JSON.stringify(operation));
    expect(token).toEqual({ v: 1, orderId: "PO-7" });
    const second = sequence(["completed"]);
    await expect(second.client.productOrders.resume(token)).resolves.toMatchObject({ state: "completed" });
    await expect(second.client.productOrders.resume(JSON.stringify(token))).resolves.toMatchObject({ state: "completed" });
    for (const bad of ["{", "{}", JSON.stringify({ v: 2, orderId: "PO-7" })])
      expect(() => second.client.productOrders.resume(bad)).toThrow(InvalidArgumentError);
  });

  it("operation.cancel() creates the cancel task and the waiters see the order cancelled", async () => {
    let cancelled = false;
    const { client, requests } = tmf622Client((r) => {
      if (r.method === "POST") return ((cancelled = true), json({ id: "CPO-1", productOrder: { id: "PO-7" }, state: "done" }, 201));
      const order: ProductOrder = { ...productOrderIn(cancelled ? "cancelled" : "inProgress"), id: "PO-7" };
      return json(order);
    });
    const operation = client.productOrders.track("PO-7");
    await operation.submitted();
    const outcome = operation.wait().catch((e: unknown) => e);
    await expect(operation.cancel({ reason: "no longer needed" })).resolves.toMatchObject({ state: "done" });
    expect(await outcome).toMatchObject({ state: "cancelled" });
    expect(requests.filter((r) => r.method === "POST").map((r) => r.json)).toEqual([{ productOrder: { id: "PO-7" }, cancellationReason: "no longer needed" }]);
  });
});
