// What one delivery may make the receiver keep: its eventId and its entity's id become keys of
// the dedupe and version stores, so both are bounded before anything reaches a store. Checked
// through stores the test injects (every call recorded), not through the process's memory.
import { describe, expect, it } from "vitest";
import { MemoryDedupeStore, createWebhookReceiver, type DedupeStore, type VersionStore } from "../../../src/giacom/webhooks/index.js";
import { API_KEY, delivery, post } from "./helpers.js";

function recordingStores() {
  const calls: [string, string][] = [];
  const ids = new Set<string>();
  const versionMap = new Map<string, number>();
  const dedupe: DedupeStore = {
    seen: (id) => (calls.push(["seen", id]), ids.has(id)),
    remember: (id) => void (calls.push(["remember", id]), ids.add(id)),
  };
  const versions: VersionStore = {
    get: (key) => (calls.push(["get", key]), versionMap.get(key)),
    set: (key, version) => void (calls.push(["set", key]), versionMap.set(key, version)),
  };
  return { dedupe, versions, calls, ids, versionMap };
}

describe("id bounds", () => {
  it("refuses eventIds and entity ids over 256 characters with 400 and gives no store anything for them", async () => {
    const stores = recordingStores();
    const receiver = createWebhookReceiver({ apiKey: API_KEY, dedupe: stores.dedupe, versions: stores.versions });
    let handled = 0;
    receiver.on("ServiceOrderStateChangeEvent", () => void handled++);
    receiver.onUnknown(() => void handled++);

    // Long enough to matter (the issue saw 0.5 MB ids), short enough for a quick test.
    const long = (n: number) => `${n}-`.padEnd(20_000, "x");
    const answers: string[] = [];
    for (let n = 0; n < 50; n++) {
      const longEventId = { ...delivery(), eventId: long(n) };
      const longUnknownEventId = { ...delivery("SomethingNewEvent"), eventId: long(n) };
      const longEntityId = delivery("ServiceOrderStateChangeEvent", { id: long(n), version: n });
      for (const body of [longEventId, longUnknownEventId, longEntityId]) {
        const response = await receiver.handle(post(body));
        answers.push(`${response.status} ${await response.text()}`);
      }
    }
    expect(new Set(answers)).toEqual(
      new Set(["400 invalid envelope: eventId longer than 256 characters", "400 invalid envelope: event.ServiceOrder.id longer than 256 characters"]),
    );
    expect(stores.calls).toEqual([]);
    expect(handled).toBe(0);

    // The bound itself: 256 characters are accepted and stored, 257 are not.
    const at = (length: number) => delivery("ServiceOrderStateChangeEvent", { id: "i".repeat(length), version: 1 });
    expect((await receiver.handle(post({ ...at(256), eventId: "e".repeat(256) }))).status).toBe(202);
    expect((await receiver.handle(post({ ...at(1), eventId: "e".repeat(257) }))).status).toBe(400);
    expect((await receiver.handle(post(at(257)))).status).toBe(400);
    expect([...stores.ids]).toEqual(["e".repeat(256)]);
    expect([...stores.versionMap.keys()]).toEqual([`ServiceOrder:${"i".repeat(256)}`]);
    expect(stores.calls.every(([, key]) => key.length <= 256 + "ServiceOrder:".length)).toBe(true);
  });

  it("leaves the default MemoryDedupeStore without any long eventId", async () => {
    const dedupe = new MemoryDedupeStore();
    const receiver = createWebhookReceiver({ apiKey: API_KEY, dedupe });
    const ids = Array.from({ length: 100 }, (_, n) => `${n}-`.padEnd(10_000, "x"));
    for (const eventId of ids) expect((await receiver.handle(post({ ...delivery(), eventId }))).status).toBe(400);
    expect(ids.filter((id) => dedupe.seen(id))).toEqual([]);
  });
});
