// Whatever arrives, `handle` answers with one of the documented statuses and never throws, and
// the API key appears neither in a response nor in anything reported to onError.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWebhookReceiver } from "../../../src/giacom/webhooks/index.js";
import { API_KEY, PREVIOUS_KEY, SPEC_EVENT_TYPES, URL_ } from "./helpers.js";

const STATUSES = [202, 400, 401, 405, 413, 415, 500];
const KEYS = [API_KEY, PREVIOUS_KEY];

const headerText = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,40}$/);
const withKey = (text: fc.Arbitrary<string>) =>
  fc.oneof(
    text,
    fc.constantFrom(...KEYS),
    text.map((t) => `${t}${API_KEY}${t}`),
  );

const authorization = fc.oneof(
  { arbitrary: fc.constantFrom(`Basic ${API_KEY}`, `Basic ${PREVIOUS_KEY}`), weight: 6 },
  fc.constant(undefined),
  fc.constantFrom(`Basic ${API_KEY}`, `Basic ${PREVIOUS_KEY}`, `basic ${API_KEY}`, `Bearer ${API_KEY}`, `Basic ${API_KEY} `, `Basic  ${API_KEY}`),
  headerText.map((t) => `Basic ${t}`),
  headerText,
);

const entity = fc.oneof(
  fc.record({ id: withKey(fc.string()), version: fc.oneof(fc.integer(), fc.double(), fc.constant(undefined)) }, { requiredKeys: ["id"] }),
  fc.anything(),
);

const envelope = fc.record(
  {
    eventId: fc.oneof(withKey(fc.string()), fc.anything()),
    eventTime: fc.oneof(
      fc.constant("2015-11-16T16:42:25-04:00"),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      withKey(fc.string()),
    ),
    eventType: fc.oneof(fc.constantFrom(...SPEC_EVENT_TYPES), withKey(fc.string()), fc.anything()),
    event: fc.oneof(fc.dictionary(fc.constantFrom("ServiceOrder", "CancelServiceOrder", "service", "other", API_KEY), entity), fc.anything()),
  },
  { requiredKeys: [] },
);

const valid = fc
  .record({
    eventType: fc.oneof(fc.constantFrom(...SPEC_EVENT_TYPES), fc.constantFrom("FutureEvent", API_KEY)),
    id: withKey(fc.string({ minLength: 1 })),
    version: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    extra: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
    // Few distinct eventIds, so duplicates are delivered too.
    eventNo: fc.nat({ max: 30 }),
  })
  .map(({ eventType, id, version, extra, eventNo }) => {
    const key = eventType.startsWith("CancelServiceOrder") ? "CancelServiceOrder" : eventType.startsWith("ServiceOrder") ? "ServiceOrder" : "service";
    return JSON.stringify({
      ...extra,
      eventId: `event-${eventNo}`,
      eventTime: "2015-11-16T16:42:25-04:00",
      eventType,
      event: { [key]: { ...extra, id, ...(version === undefined ? {} : { version }) } },
    });
  });

const body = fc.oneof(
  { arbitrary: valid, weight: 6 },
  envelope.map((e) => JSON.stringify(e)),
  fc.json(),
  fc.string(),
  fc.uint8Array({ maxLength: 200 }),
  fc.constant(undefined),
);

const request = fc.record({
  method: fc.oneof({ arbitrary: fc.constant("POST"), weight: 8 }, fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")),
  authorization,
  contentType: fc.oneof(
    { arbitrary: fc.constant("application/json"), weight: 6 },
    fc.constant(undefined),
    fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain"),
    headerText,
  ),
  contentLength: fc.option(fc.nat({ max: 5_000 }).map(String), { nil: undefined, freq: 2 }),
  body,
  extraHeader: fc.option(withKey(headerText), { nil: undefined }),
});

function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10, showHidden: true })];
  if (value instanceof Error) out.push(value.message, String(value), value.stack ?? "");
  return out;
}

describe("webhook receiver properties", () => {
  it("answers any request with a documented status, never throws, and never shows the API key", async () => {
    const reported: unknown[] = [];
    const receiver = createWebhookReceiver({ apiKey: KEYS, maxBodyBytes: 2_048, onError: (e) => reported.push(e) });
    const statuses = new Set<number>();
    let flip = 0;
    const flaky = () => {
      if (++flip % 3 === 0) throw new Error("handler failed");
    };
    for (const type of SPEC_EVENT_TYPES) receiver.on(type as Parameters<typeof receiver.on>[0], flaky);
    receiver.onUnknown(flaky);
    receiver.subscribe(flaky);

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers = new Headers();
        if (r.authorization !== undefined) headers.set("authorization", r.authorization);
        if (r.contentType !== undefined) headers.set("content-type", r.contentType);
        if (r.contentLength !== undefined) headers.set("content-length", r.contentLength);
        if (r.extraHeader !== undefined) headers.set("x-extra", r.extraHeader);
        const withBody = r.method !== "GET" && r.method !== "HEAD" && r.body !== undefined;
        const response = await receiver.handle(new Request(URL_, { method: r.method, headers, ...(withBody ? { body: r.body as BodyInit } : {}) }));
        expect(STATUSES).toContain(response.status);
        statuses.add(response.status);
        if (r.method !== "POST") expect(response.status).toBe(405);
        const text = await response.text();
        for (const key of KEYS) {
          expect(text).not.toContain(key);
          response.headers.forEach((value, name) => expect(`${name}: ${value}`).not.toContain(key));
        }
      }),
      { numRuns: 400 },
    );
    expect([...statuses].sort()).toEqual(STATUSES);
    expect(reported.length).toBeGreaterThan(0);
    for (const error of reported) for (const text of renderings(error)) for (const key of KEYS) expect(text).not.toContain(key);
  });

  it("answers 401 to any credential that is not exactly a registered key", async () => {
    const receiver = createWebhookReceiver({ apiKey: KEYS });
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), async (credential) => {
        fc.pre(!KEYS.includes(credential.trim()) && /^[\x20-\x7e]*$/.test(credential));
        const request = new Request(URL_, {
          method: "POST",
          headers: { authorization: `Basic ${credential}`, "content-type": "application/json" },
          body: "{}",
        });
        expect((await receiver.handle(request)).status).toBe(401);
      }),
      { numRuns: 300 },
    );
  });
});
