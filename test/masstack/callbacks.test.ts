// The MasStack callback receiver through its web-standard handler: the URLs it hands the client
// (tokens checked against an independent HMAC), what it accepts (the seed's callback examples),
// what it refuses and how, deduplication, at-least-once handling, retention, and secrecy.
import { createHmac } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, InvalidArgumentError } from "../../src/core/errors.js";
import {
  MemoryCallbackResultStore,
  createCallbackReceiver,
  type CallbackDelivery,
  type CallbackReceiverOptions,
  type CallbackResultStore,
  type ReceivedCallback,
} from "../../src/masstack/callbacks/index.js";
import { MASSTACK_CALLBACK_SECRETS } from "../helpers/secrets.js";
import { sharedDir } from "../helpers/spec.js";

const SECRET = MASSTACK_CALLBACK_SECRETS.current;
const PREVIOUS = MASSTACK_CALLBACK_SECRETS.previous;
const URL_ = "https://partner.example.com/masstack/callbacks";
const WORKFLOW = "0b3e6b1e-4f7a-4c55-9f5e-6f4b2a8d9c01";

/** serviceCallbackDTO's example, as seeds/004 L468-472 prints it: `service_id` is a number there. */
const SEED_SERVICE_CALLBACK = `{
  "code": "OK",
  "title": "Service was successfully created",
  "service_id": 600000000
}`;
/** barringCallbackDTO's example, as seeds/004 L29-32 prints it. */
const SEED_BARRING_CALLBACK = `{
  "codeResult": "OK",
  "titleResult": "Barring update was successfully finished"
}`;

/** The token as the contract defines it (shared design), computed here with node:crypto. */
const token = (secret: string, outcome: string, workflowId: string) => createHmac("sha256", secret).update(`${outcome}:${workflowId}`).digest("base64url");

const receivers = (options: Partial<CallbackReceiverOptions> = {}) => createCallbackReceiver({ secret: SECRET, url: URL_, ...options });

function post(url: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

/** A receiver recording what its handlers and listeners got. */
function recording(options: Partial<CallbackReceiverOptions> = {}) {
  const errors: unknown[] = [];
  const receiver = receivers({ onError: (error) => errors.push(error), ...options });
  const handled: ReceivedCallback[] = [];
  const heard: CallbackDelivery[] = [];
  receiver.onCallback((callback) => void handled.push(callback));
  receiver.subscribe((delivery) => heard.push(delivery));
  return { receiver, handled, heard, errors };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the seed's examples", () => {
  const seeds = `${sharedDir}/seeds`;
  const seedFile = existsSync(seeds) ? readdirSync(seeds).find((f) => f.startsWith("004_")) : undefined;
  it.skipIf(!seedFile)(`are copied as seeds/004 prints them${seedFile ? "" : " (DID NOT RUN: no seeds/004_*.txt)"}`, () => {
    const lines = readFileSync(`${seeds}/${seedFile}`, "utf8").split("\n");
    expect(lines.slice(467, 472).join("\n")).toBe(SEED_SERVICE_CALLBACK);
    expect(lines.slice(28, 32).join("\n")).toBe(SEED_BARRING_CALLBACK);
  });
});

describe("configuration", () => {
  it("refuses a missing or short secret, naming the option and never showing the value", () => {
    const short = "ms-short-secret-value-123";
    for (const secret of [undefined, "", short, 42]) {
      const error = (() => {
        try {
          receivers({ secret: secret as string });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).option).toBe("secret");
      expect((error as Error).message).toContain("at least 32 characters");
      expect((error as Error).message).not.toContain(short);
    }
    expect(() => receivers({ previousSecrets: [PREVIOUS, "too-short"] })).toThrow(expect.objectContaining({ option: "previousSecrets" }));
    expect(() => receivers({ previousSecrets: PREVIOUS as unknown as string[] })).toThrow(expect.objectContaining({ option: "previousSecrets" }));
  });

  it("wants an absolute http(s) URL, https unless loopback, without query or fragment", () => {
    for (const url of [
      "/callbacks",
      "ftp://partner.example.com/cb",
      "http://partner.example.com/cb",
      "https://partner.example.com/cb?x=1",
      "https://p.example.com/cb#f",
      "",
    ]) {
      expect(() => receivers({ url }), url).toThrow(expect.objectContaining({ name: "ConfigurationError", option: "url" }));
    }
    expect(() => receivers({ url: "http://127.0.0.1:8080/cb" })).not.toThrow();
    expect(() => receivers({ url: "http://receiver:8080/cb", allowInsecureHttp: true })).not.toThrow();
  });

  it("refuses unknown options and bad limits", () => {
    expect(() => receivers({ secrets: [SECRET] } as never)).toThrow(expect.objectContaining({ option: "secrets" }));
    expect(() => receivers({ maxBodyBytes: 0 })).toThrow(expect.objectContaining({ option: "maxBodyBytes" }));
    expect(() => receivers({ retentionMs: -1 })).toThrow(expect.objectContaining({ option: "retentionMs" }));
    expect(() => new MemoryCallbackResultStore({ maxEntries: 0 })).toThrow(expect.objectContaining({ option: "maxEntries" }));
  });
});

describe("urls", () => {
  it("are the mount URL, the outcome, the encoded workflow id and the HMAC token of the contract", async () => {
    const { success, error } = await receivers({ url: `${URL_}/` }).urls(WORKFLOW);
    expect(success).toBe(`${URL_}/success/${WORKFLOW}/${token(SECRET, "success", WORKFLOW)}`);
    expect(error).toBe(`${URL_}/error/${WORKFLOW}/${token(SECRET, "error", WORKFLOW)}`);
    const odd = "a/b c";
    expect((await receivers().urls(odd)).success).toBe(`${URL_}/success/a%2Fb%20c/${token(SECRET, "success", odd)}`);
  });

  it("refuses a workflow id that is not a non-empty string", async () => {
    for (const id of ["", 7, undefined, "x".repeat(257)]) {
      await expect(receivers().urls(id as string)).rejects.toThrow(InvalidArgumentError);
    }
  });
});

describe("accepted callbacks", () => {
  it("round-trip: a POST to each URL reaches the handlers with its outcome, workflow id and body, answered 200 empty", async () => {
    const { receiver, handled, heard } = recording();
    const successes: ReceivedCallback[] = [];
    receiver.on("success", (callback) => void successes.push(callback));
    const urls = await receiver.urls(WORKFLOW);

    const ok = await receiver.handle(post(urls.success, SEED_SERVICE_CALLBACK, { "request-correlation-id": WORKFLOW }));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("");
    const failed = await receiver.handle(post(urls.error, '{"code":"SERVICE_OPERATION_FAILED","title":"No stock","service_id":"600000000"}'));
    expect(failed.status).toBe(200);

    expect(handled.map(({ workflowId, outcome, body, duplicate }) => ({ workflowId, outcome, body, duplicate }))).toEqual([
      { workflowId: WORKFLOW, outcome: "success", body: { code: "OK", title: "Service was successfully created", service_id: "600000000" }, duplicate: false },
      { workflowId: WORKFLOW, outcome: "error", body: { code: "SERVICE_OPERATION_FAILED", title: "No stock", service_id: "600000000" }, duplicate: false },
    ]);
    expect(successes.map((c) => c.outcome)).toEqual(["success"]);
    expect(heard.map((d) => [d.outcome, d.duplicate])).toEqual([
      ["success", false],
      ["error", false],
    ]);
    expect(handled[0]!.receivedAt).toBeInstanceOf(Date);
  });

  it("round-trips a workflow id that needs encoding in a path segment", async () => {
    const { receiver, handled } = recording();
    const id = "a/b c%d";
    expect((await receiver.handle(post((await receiver.urls(id)).error, SEED_BARRING_CALLBACK))).status).toBe(200);
    expect(handled.map((c) => [c.workflowId, c.outcome])).toEqual([[id, "error"]]);
  });

  it("accepts the seed's barring callback", async () => {
    const { receiver, handled } = recording();
    const response = await receiver.handle(post((await receiver.urls(WORKFLOW)).success, SEED_BARRING_CALLBACK));
    expect(response.status).toBe(200);
    expect(handled[0]!.body).toEqual({ codeResult: "OK", titleResult: "Barring update was successfully finished" });
  });

  it("keeps a 19-digit service_id exact, and other identifier numbers too", async () => {
    const { receiver, handled } = recording();
    const body = '{"code":"OK","title":"Service was successfully created","service_id":8934011411551283007,"iccid":89340114115512830071}';
    expect((await receiver.handle(post((await receiver.urls(WORKFLOW)).success, body))).status).toBe(200);
    expect(handled[0]!.body).toEqual({
      code: "OK",
      title: "Service was successfully created",
      service_id: "8934011411551283007",
      iccid: "89340114115512830071",
    });
  });

  it("accepts an error callback without service_id (a creation that failed before there was one), not a success", async () => {
    const { receiver, handled } = recording();
    const urls = await receiver.urls(WORKFLOW);
    expect((await receiver.handle(post(urls.error, '{"code":"SERVICE_OPERATION_FAILED","title":"Rejected"}'))).status).toBe(200);
    expect((await receiver.handle(post((await receiver.urls("w2")).error, '{"code":"E","title":"T","service_id":null}'))).status).toBe(200);
    expect(handled.map((c) => c.body)).toEqual([
      { code: "SERVICE_OPERATION_FAILED", title: "Rejected" },
      { code: "E", title: "T" },
    ]);
    const missing = await receiver.handle(post(urls.success, '{"code":"OK","title":"Service was successfully created"}'));
    expect([missing.status, await missing.text()]).toEqual([400, "Service callback: service_id must be a string"]);
  });

  it("works under any prefix: only the last three path segments count", async () => {
    const { receiver, handled } = recording({ url: "https://partner.example.com" });
    const t = token(SECRET, "success", WORKFLOW);
    for (const url of [`http://10.0.0.5:8080/success/${WORKFLOW}/${t}`, `http://internal/a/b/c/success/${WORKFLOW}/${t}`]) {
      expect((await receiver.handle(post(url, SEED_BARRING_CALLBACK))).status).toBe(200);
    }
    expect(handled).toHaveLength(1); // the second was the same callback again
  });

  it("takes a Request-Correlation-Id equal to the URL's workflow id in any case, and refuses another one with 400", async () => {
    const { receiver, handled } = recording();
    const urls = await receiver.urls(WORKFLOW);
    const other = await receiver.handle(post(urls.success, SEED_SERVICE_CALLBACK, { "request-correlation-id": "7c1d2e3f-0000-4000-8000-000000000000" }));
    expect([other.status, await other.text()]).toEqual([400, "Request-Correlation-Id differs from the workflow id of the callback URL"]);
    expect(handled).toHaveLength(0);
    expect((await receiver.handle(post(urls.success, SEED_SERVICE_CALLBACK, { "request-correlation-id": WORKFLOW.toUpperCase() }))).status).toBe(200);
    expect(handled).toHaveLength(1);
  });
});

describe("refused callbacks", () => {
  it("answers 401 to a forged token, another workflow's or another outcome's, and a missing one, without calling a handler", async () => {
    const { receiver, handled, heard } = recording();
    const base = `${URL_}/success/${WORKFLOW}`;
    const forged = [
      `${base}/${token("an-attacker-guess-of-the-secret-0123456789", "success", WORKFLOW)}`,
      `${base}/${token(SECRET, "success", "another-workflow")}`,
      `${base}/${token(SECRET, "error", WORKFLOW)}`,
      `${base}/${token(SECRET, "success", WORKFLOW).slice(0, -1)}`,
      `${base}/${token(SECRET, "success", WORKFLOW)}=`,
      `${base}/`,
    ];
    for (const url of forged) {
      const response = await receiver.handle(post(url, SEED_SERVICE_CALLBACK));
      expect([response.status, await response.text()], url).toEqual([401, ""]);
    }
    expect([handled, heard]).toEqual([[], []]);
  });

  it("refuses a bad token before reading the body, and reads it once the token matched", async () => {
    const receiver = receivers();
    const attempt = async (url: string) => {
      let pulled = false;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            pulled = true;
            controller.enqueue(new TextEncoder().encode(SEED_BARRING_CALLBACK));
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      const request = new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
      return { status: (await receiver.handle(request)).status, pulled };
    };
    expect(await attempt(`${URL_}/success/${WORKFLOW}/${token(SECRET, "error", WORKFLOW)}`)).toEqual({ status: 401, pulled: false });
    expect(await attempt((await receiver.urls(WORKFLOW)).success)).toEqual({ status: 200, pulled: true });
  });

  it("answers 404 to a path that is not /{success|error}/{workflowId}/{token}, and 405 to another method", async () => {
    const receiver = receivers();
    const t = token(SECRET, "success", WORKFLOW);
    for (const url of [
      `${URL_}/done/${WORKFLOW}/${t}`,
      `${URL_}/SUCCESS/${WORKFLOW}/${t}`,
      `https://p.example.com/${WORKFLOW}/${t}`,
      `${URL_}/success/%E0%A4%A/${t}`,
      `${URL_}/success//${t}`,
    ]) {
      expect((await receiver.handle(post(url, SEED_SERVICE_CALLBACK))).status, url).toBe(404);
    }
    const url = (await receiver.urls(WORKFLOW)).success;
    const get = await receiver.handle(new Request(url));
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
  });

  it("answers 400 to bad JSON or a body of another shape, 415 to another media type, 413 to a body over the limit", async () => {
    const { receiver, handled } = recording({ maxBodyBytes: 200 });
    const url = (await receiver.urls(WORKFLOW)).success;
    const answers: [number, string][] = [];
    for (const body of [
      "{",
      "[]",
      '"OK"',
      '{"code":"OK","title":7,"service_id":"1"}',
      '{"codeResult":"OK"}',
      '{"code":"OK","title":"T","service_id":{"id":1}}',
      "{}",
    ]) {
      const response = await receiver.handle(post(url, body));
      answers.push([response.status, await response.text()]);
    }
    expect(answers).toEqual([
      [400, "Body is not valid UTF-8 JSON"],
      [400, "Body must be a JSON object"],
      [400, "Body must be a JSON object"],
      [400, "Service callback: title must be a string"],
      [400, "Barring callback: titleResult must be a string"],
      [400, "Service callback: service_id must be a string"],
      [400, "Service callback: code must be a string"],
    ]);
    expect((await receiver.handle(post(url, SEED_SERVICE_CALLBACK, { "content-type": "text/plain" }))).status).toBe(415);
    expect((await receiver.handle(post(url, JSON.stringify({ code: "OK", title: "x".repeat(300), service_id: "1" })))).status).toBe(413);
    expect(handled).toHaveLength(0);
  });
});

describe("rotation", () => {
  it("accepts URLs made with a previous secret, and makes new ones with the current secret", async () => {
    const before = receivers({ secret: PREVIOUS });
    const after = recording({ secret: SECRET, previousSecrets: [PREVIOUS] });
    const old = await before.urls(WORKFLOW);
    expect((await after.receiver.handle(post(old.success, SEED_SERVICE_CALLBACK))).status).toBe(200);
    const fresh = await after.receiver.urls("w-new");
    expect(fresh.success).toContain(token(SECRET, "success", "w-new"));
    expect((await before.handle(post(fresh.success, SEED_SERVICE_CALLBACK))).status).toBe(401);
    expect((await receivers().handle(post(old.error, SEED_SERVICE_CALLBACK))).status).toBe(401);
  });

  it("keeps the secrets it was given even if the caller's array changes later", async () => {
    const previous = [PREVIOUS];
    const receiver = receivers({ previousSecrets: previous });
    previous.length = 0;
    const old = await receivers({ secret: PREVIOUS }).urls(WORKFLOW);
    expect((await receiver.handle(post(old.success, SEED_SERVICE_CALLBACK))).status).toBe(200);
  });
});

describe("duplicates and failures", () => {
  it("handles a repeated callback once: 200 both times, the listener sees duplicate: true", async () => {
    const { receiver, handled, heard } = recording();
    const url = (await receiver.urls(WORKFLOW)).success;
    expect((await receiver.handle(post(url, SEED_SERVICE_CALLBACK))).status).toBe(200);
    const again = await receiver.handle(post(url, SEED_SERVICE_CALLBACK));
    expect([again.status, await again.text()]).toEqual([200, ""]);
    expect(handled).toHaveLength(1);
    expect(heard.map((d) => d.duplicate)).toEqual([false, true]);
  });

  it("handles concurrent copies of one callback once", async () => {
    const { receiver, handled } = recording();
    const url = (await receiver.urls(WORKFLOW)).success;
    const statuses = await Promise.all([1, 2, 3].map(() => receiver.handle(post(url, SEED_SERVICE_CALLBACK)).then((r) => r.status)));
    expect([statuses, handled.length]).toEqual([[200, 200, 200], 1]);
  });

  it("handles every copy when dedupe is false", async () => {
    const { receiver, handled } = recording({ dedupe: false });
    const url = (await receiver.urls(WORKFLOW)).success;
    await receiver.handle(post(url, SEED_SERVICE_CALLBACK));
    await receiver.handle(post(url, SEED_SERVICE_CALLBACK));
    expect(handled.map((c) => c.duplicate)).toEqual([false, false]);
  });

  it("answers 500 when a handler throws, reports it, and handles the redelivery", async () => {
    const { receiver, heard, errors } = recording();
    const failure = new Error("database down");
    let calls = 0;
    receiver.on("success", () => {
      calls += 1;
      if (calls === 1) throw failure;
    });
    const url = (await receiver.urls(WORKFLOW)).success;
    const first = await receiver.handle(post(url, SEED_SERVICE_CALLBACK));
    expect(first.status).toBe(500);
    expect(errors).toEqual([failure]);
    expect(heard).toEqual([]);
    expect(await receiver.received(WORKFLOW)).toBeUndefined();

    expect((await receiver.handle(post(url, SEED_SERVICE_CALLBACK))).status).toBe(200);
    expect(calls).toBe(2);
    expect(heard.map((d) => d.duplicate)).toEqual([false]);
    expect((await receiver.received(WORKFLOW))?.outcome).toBe("success");
  });

  it("answers 500 when the result store fails, so the callback comes again and is handled again", async () => {
    const memory = new MemoryCallbackResultStore();
    let failing = true;
    const results: CallbackResultStore = {
      get: (id) => memory.get(id),
      set: (id, delivery, ttl) => {
        if (failing) throw new Error("store down");
        memory.set(id, delivery, ttl);
      },
    };
    const { receiver, handled, errors } = recording({ results });
    const url = (await receiver.urls(WORKFLOW)).success;
    expect((await receiver.handle(post(url, SEED_SERVICE_CALLBACK))).status).toBe(500);
    expect(errors).toEqual([new Error("store down")]);
    failing = false;
    expect((await receiver.handle(post(url, SEED_SERVICE_CALLBACK))).status).toBe(200);
    expect(handled.map((c) => c.duplicate)).toEqual([false, false]);
  });

  it("stops calling a handler once removed, and refuses an unknown outcome", () => {
    const receiver = receivers();
    expect(() => receiver.on("done" as "success", () => undefined)).toThrow(InvalidArgumentError);
    expect(typeof receiver.on("error", () => undefined)).toBe("function");
  });

  it("removes handlers and listeners with the functions they return", async () => {
    const receiver = receivers();
    const seen: string[] = [];
    const off = [
      receiver.on("success", () => void seen.push("on")),
      receiver.onCallback(() => void seen.push("onCallback")),
      receiver.subscribe(() => seen.push("subscribe")),
    ];
    off.forEach((remove) => remove());
    expect((await receiver.handle(post((await receiver.urls(WORKFLOW)).success, SEED_SERVICE_CALLBACK))).status).toBe(200);
    expect(seen).toEqual([]);
  });
});

describe("received", () => {
  it("gives the workflow's first callback once it was handled, undefined before and for others", async () => {
    const { receiver } = recording();
    expect(await receiver.received(WORKFLOW)).toBeUndefined();
    const urls = await receiver.urls(WORKFLOW);
    await receiver.handle(post(urls.error, '{"code":"SERVICE_OPERATION_FAILED","title":"No stock"}'));
    await receiver.handle(post(urls.success, SEED_SERVICE_CALLBACK));
    expect(await receiver.received(WORKFLOW)).toMatchObject({
      workflowId: WORKFLOW,
      outcome: "error",
      duplicate: false,
      body: { code: "SERVICE_OPERATION_FAILED" },
    });
    expect(await receiver.received("another")).toBeUndefined();
  });

  it("forgets a callback after retentionMs", async () => {
    vi.useFakeTimers();
    const { receiver } = recording({ retentionMs: 60_000 });
    await receiver.handle(post((await receiver.urls(WORKFLOW)).success, SEED_SERVICE_CALLBACK));
    vi.advanceTimersByTime(59_999);
    expect((await receiver.received(WORKFLOW))?.body).toEqual({ code: "OK", title: "Service was successfully created", service_id: "600000000" });
    vi.advanceTimersByTime(1);
    expect(await receiver.received(WORKFLOW)).toBeUndefined();
  });

  it("keeps 24 hours by default", async () => {
    vi.useFakeTimers();
    const { receiver } = recording();
    await receiver.handle(post((await receiver.urls(WORKFLOW)).success, SEED_SERVICE_CALLBACK));
    vi.advanceTimersByTime(86_400_000 - 1);
    expect(await receiver.received(WORKFLOW)).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(await receiver.received(WORKFLOW)).toBeUndefined();
  });
});

describe("MemoryCallbackResultStore", () => {
  const delivery = (workflowId: string, outcome: "success" | "error" = "success"): CallbackDelivery => ({
    workflowId,
    outcome,
    body: {},
    receivedAt: new Date(),
    duplicate: false,
  });

  it("keeps at most maxEntries, forgetting the oldest first", () => {
    const store = new MemoryCallbackResultStore({ maxEntries: 2 });
    for (const id of ["a", "b", "c"]) store.set(id, delivery(id), 1_000);
    expect(["a", "b", "c"].map((id) => store.get(id)?.workflowId)).toEqual([undefined, "b", "c"]);
  });

  it("keeps the first callback of a workflow until it expires", () => {
    vi.useFakeTimers();
    const store = new MemoryCallbackResultStore();
    store.set("a", delivery("a", "error"), 1_000);
    store.set("a", delivery("a", "success"), 1_000);
    expect(store.get("a")?.outcome).toBe("error");
    vi.advanceTimersByTime(1_000);
    expect(store.get("a")).toBeUndefined();
    store.set("a", delivery("a", "success"), 1_000);
    expect(store.get("a")?.outcome).toBe("success");
  });

  it("drops expired entries when it keeps a new one, so they do not count against the bound", () => {
    vi.useFakeTimers();
    const store = new MemoryCallbackResultStore({ maxEntries: 2 });
    store.set("a", delivery("a"), 1_000);
    store.set("b", delivery("b"), 5_000);
    vi.advanceTimersByTime(1_000);
    store.set("c", delivery("c"), 5_000);
    expect(["a", "b", "c"].map((id) => store.get(id)?.workflowId)).toEqual([undefined, "b", "c"]);
  });
});

describe("secrecy", () => {
  it("never shows the secret or a token in the receiver, its answers or what onError gets", async () => {
    const { receiver, errors } = recording({ previousSecrets: [PREVIOUS] });
    receiver.on("success", () => {
      throw new Error("handler failed");
    });
    const urls = await receiver.urls(WORKFLOW);
    const tokens = [urls.success, urls.error].map((url) => url.split("/").at(-1)!);
    const seen: string[] = [inspect(receiver, { depth: 10, showHidden: true }), JSON.stringify(receiver)];
    for (const url of [urls.success, urls.error.replace(/.$/, "A"), `${URL_}/nope/${WORKFLOW}/${tokens[0]}`]) {
      const response = await receiver.handle(post(url, SEED_SERVICE_CALLBACK));
      const headers: string[] = [];
      response.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
      seen.push(await response.text(), ...headers);
    }
    seen.push(...errors.map((e) => inspect(e, { depth: 10 })));
    expect(errors).toHaveLength(1);
    for (const text of seen) for (const secret of [SECRET, PREVIOUS, ...tokens]) expect(text).not.toContain(secret);
  });
});
