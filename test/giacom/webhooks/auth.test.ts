// Giacom authenticates a delivery with the API key registered on the hub, sent as
// `Authorization: Basic <apiKey>`. Anything else is refused before the body is read.
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../../src/core/errors.js";
import { createWebhookReceiver } from "../../../src/giacom/webhooks/index.js";
import { API_KEY, DOCUMENTED_DELIVERY, PREVIOUS_KEY, URL_, post } from "./helpers.js";

async function answer(status: number, response: Response) {
  expect(response.status).toBe(status);
  return response.text();
}

describe("webhook authentication", () => {
  it("accepts a delivery carrying the registered key", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    expect((await receiver.handle(post(DOCUMENTED_DELIVERY))).status).toBe(202);
  });

  it("accepts the scheme in any case, as HTTP auth schemes are case-insensitive", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const request = post(DOCUMENTED_DELIVERY, { key: null, headers: { authorization: `basic ${API_KEY}` } });
    expect((await receiver.handle(request)).status).toBe(202);
  });

  it("refuses a wrong key, a missing header, another scheme and a key with extra characters with an empty 401", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const requests = [
      post(DOCUMENTED_DELIVERY, { key: "not-the-key" }),
      post(DOCUMENTED_DELIVERY, { key: null }),
      post(DOCUMENTED_DELIVERY, { key: null, headers: { authorization: `Bearer ${API_KEY}` } }),
      post(DOCUMENTED_DELIVERY, { key: null, headers: { authorization: API_KEY } }),
      post(DOCUMENTED_DELIVERY, { key: `${API_KEY}x` }),
      post(DOCUMENTED_DELIVERY, { key: API_KEY.slice(0, -1) }),
      post(DOCUMENTED_DELIVERY, { key: null, headers: { authorization: `Basic ${btoa(`${API_KEY}:`)}` } }),
    ];
    for (const request of requests) {
      const response = await receiver.handle(request);
      expect(await answer(401, response)).toBe("");
      expect(response.headers.get("www-authenticate")).toBe("Basic");
    }
  });

  it("refuses before reading the body, and reads it once the key matched", async () => {
    const receiver = createWebhookReceiver({ apiKey: API_KEY });
    const attempt = async (key: string) => {
      let pulled = false;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            pulled = true;
            controller.enqueue(new TextEncoder().encode(JSON.stringify(DOCUMENTED_DELIVERY)));
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      const headers = { "content-type": "application/json", authorization: `Basic ${key}` };
      const response = await receiver.handle(new Request(URL_, { method: "POST", headers, body, duplex: "half" } as RequestInit));
      return { status: response.status, pulled };
    };
    expect(await attempt("wrong")).toEqual({ status: 401, pulled: false });
    expect(await attempt(API_KEY)).toEqual({ status: 202, pulled: true });
  });

  it("accepts every key given while a key is being rotated", async () => {
    const receiver = createWebhookReceiver({ apiKey: [API_KEY, PREVIOUS_KEY] });
    expect((await receiver.handle(post(DOCUMENTED_DELIVERY, { key: PREVIOUS_KEY }))).status).toBe(202);
    expect((await receiver.handle(post({ ...DOCUMENTED_DELIVERY, eventId: "second" }, { key: API_KEY }))).status).toBe(202);
    expect((await receiver.handle(post({ ...DOCUMENTED_DELIVERY, eventId: "third" }, { key: "retired-key" }))).status).toBe(401);
  });

  it("keeps the keys it was given even if the caller's array changes later", async () => {
    const keys = [API_KEY];
    const receiver = createWebhookReceiver({ apiKey: keys });
    keys[0] = "swapped";
    expect((await receiver.handle(post(DOCUMENTED_DELIVERY, { key: API_KEY }))).status).toBe(202);
    expect((await receiver.handle(post({ ...DOCUMENTED_DELIVERY, eventId: "2" }, { key: "swapped" }))).status).toBe(401);
  });

  it("accepts a key read from an environment variable typed string | undefined", async () => {
    const fromEnv: string | undefined = API_KEY;
    const receiver = createWebhookReceiver({ apiKey: fromEnv, maxBodyBytes: undefined, onError: undefined });
    expect((await receiver.handle(post(DOCUMENTED_DELIVERY))).status).toBe(202);
  });

  it("accepts deliveries without credentials only when allowUnauthenticated is set and no key is given", async () => {
    const open = createWebhookReceiver({ allowUnauthenticated: true });
    expect((await open.handle(post(DOCUMENTED_DELIVERY, { key: null }))).status).toBe(202);
    expect((await open.handle(post({ ...DOCUMENTED_DELIVERY, eventId: "any-header" }, { key: "whatever" }))).status).toBe(202);

    const keyed = createWebhookReceiver({ apiKey: API_KEY, allowUnauthenticated: true });
    expect((await keyed.handle(post(DOCUMENTED_DELIVERY, { key: null }))).status).toBe(401);
  });

  it("requires a key unless unauthenticated deliveries are allowed, and rejects empty keys", () => {
    expect(() => createWebhookReceiver({})).toThrow(ConfigurationError);
    expect(() => createWebhookReceiver({ apiKey: [] })).toThrow(/allowUnauthenticated/);
    expect(() => createWebhookReceiver({ apiKey: "" })).toThrow(ConfigurationError);
    expect(() => createWebhookReceiver({ apiKey: [API_KEY, ""] })).toThrow(ConfigurationError);
    expect(() => createWebhookReceiver({ apiKey: 42 as unknown as string })).toThrow(ConfigurationError);
    expect(() => createWebhookReceiver({ apiKey: API_KEY, maxBodyBytes: 0 })).toThrow(ConfigurationError);
  });

  it("never puts a key in a configuration error", () => {
    try {
      createWebhookReceiver({ apiKey: [API_KEY, ""] });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(API_KEY);
    }
  });
});
