// Hostile input at the SDK's edges: whatever a caller passes to the builders, whatever catalogue
// validation is handed, whatever a server (or a fetch) answers, and whatever size a webhook body
// has, the SDK answers with a result or one of its own errors; never a raw TypeError or a hang.
// Complements test/validation/properties.test.ts (arbitrary orders), test/client/json-path.test.ts
// and test/webhooks/properties.test.ts (arbitrary small deliveries).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBoltOn,
  addService,
  ceaseBoltOn,
  ceaseService,
  GiacomError,
  InvalidArgumentError,
  modifyService,
  serviceOrder,
  validateOrder,
  type GiacomClient,
  type ServiceOrderCreate,
  type ServiceSpecification,
} from "giacom-sdk";
import { createWebhookReceiver } from "giacom-sdk/webhooks";
import { DOCUMENTED_ORDERS, documentedOrder, SERVICES, SPECIFICATIONS } from "../giacom/fixtures/catalogue.js";
import { expectWellFormed, mutate } from "../helpers/properties.js";
import { testClient, TEST_TOKEN_URL } from "../helpers/recording-fetch.js";
import { loadSpec } from "../giacom/spec/spec-helpers.js";

const spec = loadSpec();
const serviceExample = spec.components.examples.ServiceMobileVoiceO2!.value;
const orderExample = spec.components.examples.ServiceOrderNewLineO2!.value as ServiceOrderCreate;

const HUGE = "x".repeat(1_000_000);

/** Values no caller should pass, but some will: anything, plus edge cases fc.anything rarely makes. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), weight: 4 },
  { arbitrary: fc.string(), weight: 3 },
  fc.constantFrom(undefined, null, "", " ", ".", "..", HUGE, NaN, Infinity, -Infinity, -0, 0, 1e308, true, false, [], {}, [""], [NaN], new Date(NaN)),
  fc.double(),
  fc.integer(),
  fc.date(),
  fc.array(fc.oneof(fc.string(), fc.double(), fc.anything()), { maxLength: 4 }),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 4 }),
);

/** The argument list of a call: usually plausible length, any values. */
const args = fc.array(hostile, { maxLength: 4 });

/** Calls `call`; it must return, or throw an InvalidArgumentError naming an argument of `method`. */
function expectBuildsOrNamesArgument(method: string, call: () => unknown): unknown {
  try {
    return call();
  } catch (error) {
    expect(error, `${method} threw ${String(error)}`).toBeInstanceOf(GiacomError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const argument = (error as InvalidArgumentError).argument;
    expect(argument.split(".")[0], `${method} blamed ${argument}`).toBe(method);
    expect((error as Error).message).toContain(argument);
    return undefined;
  }
}

const STARTERS = { serviceOrder, addService, modifyService, ceaseService, addBoltOn, ceaseBoltOn } as Record<string, (...a: unknown[]) => unknown>;
const ITEM_METHODS = [
  "id",
  "characteristic",
  "feature",
  "enable",
  "disable",
  "externalIdentifier",
  "relatedParty",
  "distributor",
  "billLimit",
  "tariff",
  "simType",
  "simSerial",
  "subscriberNumber",
  "pac",
  "portDate",
  "esimDelivery",
  "portIn",
  "addonFor",
  "changeSpecification",
  "clearBillLimit",
  "suspend",
  "resume",
  "simSwap",
];
const ORDER_METHODS = ["externalReference", "relatedParty", "distributor", "priority", "item"];

describe("builders fed hostile arguments", () => {
  it("every starter, method and build either works or throws an InvalidArgumentError naming the argument", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(STARTERS)),
        args,
        fc.array(fc.tuple(fc.constantFrom(...ITEM_METHODS, ...ORDER_METHODS), args), { maxLength: 6 }),
        (starter, starterArgs, calls) => {
          let builder = expectBuildsOrNamesArgument(starter, () => STARTERS[starter]!(...starterArgs)) as Record<string, unknown> | undefined;
          if (builder === undefined) return;
          for (const [method, methodArgs] of calls) {
            const fn = builder[method];
            if (typeof fn !== "function") continue; // not a method of this kind of builder
            const next = expectBuildsOrNamesArgument(method, () => (fn as (...a: unknown[]) => unknown).apply(builder, methodArgs));
            if (next !== undefined) builder = next as Record<string, unknown>;
          }
          expectBuildsOrNamesArgument("build", () => (builder.build as () => unknown)());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("an order takes hostile items (plain or built) with an error naming `item`, never a raw error", () => {
    const items = fc.oneof(
      hostile,
      fc.record({ id: hostile, action: hostile, service: hostile }, { requiredKeys: [] }),
      fc.constant(ceaseBoltOn("7")),
      // Cyclic data cannot be JSON; the builder must say so rather than overflow the stack.
      fc.constant(
        (() => {
          const cyclic: Record<string, unknown> = { id: "9", action: "delete" };
          cyclic.service = cyclic;
          return cyclic;
        })(),
      ),
    );
    fc.assert(
      fc.property(fc.array(items, { maxLength: 4 }), (list) => {
        let order = serviceOrder();
        for (const item of list) {
          const next = expectBuildsOrNamesArgument("item", () => order.item(item as never));
          if (next !== undefined) order = next as typeof order;
        }
        expectBuildsOrNamesArgument("build", () => order.build());
      }),
      { numRuns: 200 },
    );
  });
});

// ---------- validation against hostile catalogues

/** Documented specifications with parts replaced: any part by anything, or only lists and objects by a wrong shape. */
const mutatedSpec = (containersOnly: boolean) =>
  fc
    .tuple(
      fc.constantFrom(...SPECIFICATIONS),
      fc.array(fc.tuple(fc.nat(), containersOnly ? fc.constantFrom(null, undefined, 0, 1, "", "x", true, {}, [], [null], [0, "x"]) : hostile), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([s, changes]) => changes.reduce<unknown>((at, [where, replacement]) => mutate(at, where, replacement, containersOnly), s));

const specifications = (containersOnly: boolean) => {
  const entry = fc.oneof({ arbitrary: mutatedSpec(containersOnly), weight: 4 }, fc.constantFrom(...SPECIFICATIONS), hostile);
  const catalogue = fc.array(entry, { maxLength: 8 });
  // A list, any iterable, or a lookup that answers anything at all.
  return fc.oneof(
    { arbitrary: catalogue, weight: 4 },
    catalogue.map((list) => new Set(list)),
    fc.func(entry),
  );
};
const services = fc.option(
  fc.array(
    fc.oneof(
      fc.constantFrom(...SERVICES),
      fc.tuple(fc.constantFrom(...SERVICES), fc.nat(), hostile).map(([s, w, r]) => mutate(s, w, r)),
      hostile,
    ),
    {
      maxLength: 6,
    },
  ),
  { nil: undefined },
);
const order = fc.oneof(
  { arbitrary: fc.constantFrom(...DOCUMENTED_ORDERS).map((name) => documentedOrder(name)), weight: 4 },
  // Without versions, so the lookup ranks candidates by version and lifecycle.
  fc.constantFrom(...DOCUMENTED_ORDERS).map((name) => JSON.parse(JSON.stringify(documentedOrder(name), (k, v) => (k === "version" ? undefined : v)))),
);

describe("validateOrder against hostile catalogues", () => {
  const check = (containersOnly: boolean) =>
    fc.assert(
      fc.property(
        order,
        specifications(containersOnly),
        services,
        fc.constantFrom<undefined | false | readonly never[]>(undefined, false, []),
        (o, specs, live, supplierRules) => {
          const result = validateOrder(o as ServiceOrderCreate, {
            specifications: specs as Iterable<ServiceSpecification>,
            services: live as never,
            ...(supplierRules === undefined ? {} : { supplierRules }),
          });
          expectWellFormed(result);
        },
      ),
      { numRuns: 300 },
    );

  it("never throws on catalogues whose lists and objects have the wrong shape, and returns well-formed issues", () => check(true));

  it("never throws on catalogues with any part replaced by anything, and returns well-formed issues", () => check(false));
});

// ---------- hostile server answers

const NULL_BODY = new Set([204, 205, 304]);
// What Headers accepts as a value: Latin-1 without NUL, CR or LF.
const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => [...s].filter((c) => c.charCodeAt(0) <= 0xff && !"\0\r\n".includes(c)).join("")),
  fc.constantFrom("0", "1", "-1", "1.5", "1e3", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "now"),
  fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
);
const contentType = fc.oneof(
  fc.constantFrom("application/json", "application/json; charset=utf-8", "application/problem+json", "text/plain", "text/html", "application/octet-stream"),
  headerValue,
);
const json = (value: unknown) => JSON.stringify(value);
const body: fc.Arbitrary<string | Uint8Array | null> = fc.oneof(
  { arbitrary: fc.constant(json(serviceExample)), weight: 2 },
  fc.constant(json([serviceExample])),
  fc.constant(null),
  fc.constant(""),
  fc.string(),
  fc.json(),
  fc.jsonValue().map((v) => json([v, v])),
  fc.uint8Array({ maxLength: 300 }),
  fc.tuple(fc.constantFrom(json(serviceExample), json([serviceExample]), json(orderExample)), fc.nat()).map(([text, n]) => text.slice(0, n % text.length)),
  fc.constantFrom(
    `[${Array.from({ length: 6_000 }, () => json(serviceExample).slice(0, 160)).join(",")}]`,
    json({ id: HUGE }),
    HUGE,
    `{"a":${"[".repeat(100_000)}`,
  ),
);
const answer = fc.record({
  status: fc.oneof(
    { arbitrary: fc.constantFrom(200, 201, 202, 400, 401, 404, 408, 409, 429, 500, 502, 503, 504), weight: 3 },
    fc.integer({ min: 200, max: 599 }),
  ),
  contentType: fc.option(contentType, { nil: undefined }),
  retryAfter: fc.option(headerValue, { nil: undefined }),
  totalCount: fc.option(headerValue, { nil: undefined }),
  resultCount: fc.option(headerValue, { nil: undefined }),
  body,
});
type Answer = typeof answer extends fc.Arbitrary<infer A> ? A : never;

function toResponse(a: Answer): Response {
  const headers = new Headers();
  if (a.contentType !== undefined) headers.set("content-type", a.contentType);
  if (a.retryAfter !== undefined) headers.set("retry-after", a.retryAfter);
  if (a.totalCount !== undefined) headers.set("x-total-count", a.totalCount);
  if (a.resultCount !== undefined) headers.set("x-result-count", a.resultCount);
  return new Response(NULL_BODY.has(a.status) ? null : (a.body as BodyInit | null), { status: a.status, headers });
}

const OPTIONS = { timeoutMs: 2_000, retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetries: 1, maxRetryAfterMs: 5 } };
const CALLS: Record<string, (giacom: GiacomClient) => Promise<unknown>> = {
  "services.get": (giacom) => giacom.services.get("s1"),
  "services.list": (giacom) => giacom.services.list(),
  "serviceOrders.create": (giacom) => giacom.serviceOrders.create(structuredClone(orderExample), { validate: false }),
};

/** Runs `call`; it must resolve or reject with a GiacomError. */
async function settlesCleanly(label: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    expect(error, `${label} rejected with ${String(error)}`).toBeInstanceOf(GiacomError);
  }
}

describe("client calls against hostile answers", () => {
  it("resolve or reject with a GiacomError, whatever the API answers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(CALLS)), answer, async (name, a) => {
        const { giacom } = testClient((r) => (r.url.href === TEST_TOKEN_URL ? undefined : toResponse(a)), OPTIONS);
        await settlesCleanly(name, () => CALLS[name]!(giacom));
      }),
      { numRuns: 200 },
    );
  }, 20_000);

  it("reject with a GiacomError, whatever the token endpoint answers when it does not grant a token", async () => {
    const token = answer.filter((a) => a.status >= 300 || a.body === null || !String(a.body).includes("access_token"));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(CALLS)), token, async (name, a) => {
        const { giacom } = testClient((r) => (r.url.href === TEST_TOKEN_URL ? toResponse(a) : Response.json(serviceExample)), OPTIONS);
        await settlesCleanly(name, () => CALLS[name]!(giacom));
      }),
      { numRuns: 100 },
    );
  }, 20_000);

  it("reject with a GiacomError when fetch throws anything, Error or not", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(CALLS)), fc.boolean(), hostile, async (name, atToken, thrown) => {
        const { giacom } = testClient((r) => {
          if ((r.url.href === TEST_TOKEN_URL) === atToken) throw thrown;
          return r.url.href === TEST_TOKEN_URL ? undefined : Response.json(serviceExample);
        }, OPTIONS);
        await expect(CALLS[name]!(giacom)).rejects.toBeInstanceOf(GiacomError);
      }),
      { numRuns: 150 },
    );
  }, 20_000);

  it("reject with a GiacomError when the body stream fails with anything, Error or not", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(CALLS)), fc.string({ maxLength: 50 }), hostile, async (name, start, failure) => {
        const respond = () =>
          new Response(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode(start));
                controller.error(failure);
              },
            }),
            { headers: { "content-type": "application/json" } },
          );
        const { giacom } = testClient((r) => (r.url.href === TEST_TOKEN_URL ? undefined : respond()), OPTIONS);
        await expect(CALLS[name]!(giacom)).rejects.toBeInstanceOf(GiacomError);
      }),
      { numRuns: 100 },
    );
  }, 20_000);

  it("ends a body that never finishes at the deadline, with a GiacomError", async () => {
    const stalled = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"id":'));
          },
        }),
        { headers: { "content-type": "application/json" } },
      );
    for (const name of Object.keys(CALLS)) {
      const { giacom } = testClient((r) => (r.url.href === TEST_TOKEN_URL ? undefined : stalled()), { ...OPTIONS, timeoutMs: 200 });
      const started = Date.now();
      await expect(CALLS[name]!(giacom)).rejects.toBeInstanceOf(GiacomError);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });
});

// ---------- webhook bodies of any size

describe("webhook receiver against bodies of any size", () => {
  const receiver = createWebhookReceiver({ allowUnauthenticated: true });
  const size = fc.oneof(
    fc.nat({ max: 2_000 }),
    fc.integer({ min: 1_048_570, max: 1_048_580 }), // around the default 1 MiB limit
    fc.integer({ min: 0, max: 3_500_000 }),
  );

  it("answers 2xx or 4xx, whatever the size, content type, declared length and streaming", async () => {
    await fc.assert(
      fc.asyncProperty(
        size,
        // Mostly JSON, so the body is read (other types are refused before reading).
        fc.oneof({ arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8"), weight: 3 }, fc.option(contentType, { nil: undefined })),
        fc.constantFrom("buffer", "stream", "chunks"),
        fc.option(fc.nat({ max: 4_000_000 }), { nil: undefined }),
        async (bytes, type, how, declared) => {
          const payload = new Uint8Array(bytes).fill(0x7b); // "{{{{": never valid JSON
          const headers = new Headers();
          if (type !== undefined) headers.set("content-type", type);
          let requestBody: BodyInit = payload;
          if (how !== "buffer") {
            const step = how === "stream" ? Math.max(1, payload.length) : 65_536;
            requestBody = new ReadableStream({
              start(controller) {
                for (let at = 0; at < payload.length; at += step) controller.enqueue(payload.subarray(at, at + step));
                controller.close();
              },
            });
            // A streamed body has no length of its own; sometimes declare one, true or false.
            if (declared !== undefined) headers.set("content-length", String(declared));
          }
          const request = new Request("https://yourportal.com/webhook", { method: "POST", headers, body: requestBody, duplex: "half" } as RequestInit);
          const response = await receiver.handle(request);
          expect(response).toBeInstanceOf(Response);
          expect(response.status >= 200 && response.status < 500, `status ${response.status}`).toBe(true);
          // Over the default 1 MiB limit it is refused: too large, or (checked first) not JSON.
          if (bytes > 1_048_576) expect([413, 415]).toContain(response.status);
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);
});
