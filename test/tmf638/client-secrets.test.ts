// The header credentials of the TMF638 client across every failure path: with a fresh random
// client secret per test, it never shows in an error (message, String, stack, JSON,
// util.inspect with hidden members, cause chain), a hook payload, a log line or an inspected
// client, even when the server echoes it back in its `{ errors: [...] }` body; and a redirect,
// which could carry the headers to another host, is never followed (real loopback servers).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createServiceInventoryClient, RedirectError, type ServiceInventoryClientOptions } from "giacom-sdk/tmf638";
import { API_ROOT, json } from "./client-helpers.js";
import { SEED_ERROR_BODIES, service } from "./client-fixtures.js";

/** Every rendering a user can get of `value`: for errors, of the whole cause chain too. */
function renderings(value: unknown, seen = new Set<unknown>()): string[] {
  if (seen.has(value)) return [];
  seen.add(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? "";
  } catch (error) {
    text = `JSON.stringify threw ${String(error)}`;
  }
  const out = [inspect(value, { depth: Infinity, showHidden: true }), text, String(value)];
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? "");
    if (value.cause !== undefined) out.push(...renderings(value.cause, seen));
  }
  return out;
}

/** A client whose credentials are fresh, recording what hooks and the logger are given. */
function setUp(answer: (url: string) => Response | Promise<Response>, options: Partial<ServiceInventoryClientOptions> = {}) {
  const clientSecret = `secret-${randomUUID()}`;
  const seen: unknown[] = [];
  const client = createServiceInventoryClient({
    baseUrl: API_ROOT,
    businessId: "JM",
    clientId: "tmf638-channel",
    clientSecret,
    fetch: async (url) => answer(url),
    retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    hooks: { onRequest: (i) => seen.push(i), onResponse: (i) => seen.push(i), onRetry: (i) => seen.push(i) },
    logger: { debug: (...a) => seen.push(a), info: (...a) => seen.push(a), warn: (...a) => seen.push(a), error: (...a) => seen.push(a) },
    ...options,
  });
  const leaks = (...values: unknown[]) => [...values, ...seen, client].flatMap((v) => renderings(v)).filter((text) => text.includes(clientSecret));
  return { client, clientSecret, seen, leaks };
}

const echo = (secret: string, status: number, body: { errors: { code: number; message: string; description: string }[] }) =>
  json({ errors: body.errors.map((e) => ({ ...e, message: `${e.message} client_secret=${secret}`, description: `${e.description} (${secret})` })) }, status);

describe("the client secret never leaks", () => {
  it.each(SEED_ERROR_BODIES.map((e) => [e.status, e.label, e.body] as const))(
    "%i (%s) echoing the secret: not in the error, hooks, logs or the client",
    async (status, _label, body) => {
      const { client, clientSecret, seen, leaks } = setUp(() => echo(clientSecret, status, body));
      const error = await client.services.get("S-1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(seen.length).toBeGreaterThan(0);
      expect(leaks(error)).toEqual([]);
      // The mask takes its place: the rest of the entry is kept.
      expect(JSON.stringify((error as { errors: unknown }).errors)).toContain("client_secret=");
    },
  );

  it("every other failure: network, timeout, abort, invalid answer, count, redirect, bad argument, bad option", async () => {
    const failures: unknown[] = [];
    const refused = setUp(() => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } })));
    failures.push(await refused.client.services.retrieve("S-1").catch((e: unknown) => e));
    expect(refused.leaks(...failures)).toEqual([]);

    const slow = setUp(() => new Promise<Response>(() => undefined), { timeoutMs: 20 });
    const timeout = await slow.client.services.retrieve("S-1").catch((e: unknown) => e);
    expect(timeout).toMatchObject({ code: "TIMEOUT" });
    const controller = new AbortController();
    const pending = slow.client.services.retrieve("S-1", {}, { signal: controller.signal });
    controller.abort(new Error("stop"));
    const aborted = await pending.catch((e: unknown) => e);
    expect(aborted).toMatchObject({ code: "ABORTED" });
    expect(slow.leaks(timeout, aborted)).toEqual([]);

    const garbled = setUp(() => new Response("not json", { status: 200 }));
    const invalid = await garbled.client.services.retrieve("S-1").catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: "INVALID_RESPONSE" });
    expect(garbled.leaks(invalid)).toEqual([]);

    const none = setUp(() => json([]));
    const count = await none.client.services.get("S-1").catch((e: unknown) => e);
    expect(count).toMatchObject({ code: "NOT_FOUND", count: 0 });
    expect(none.leaks(count)).toEqual([]);

    const moved = setUp((url) => new Response(null, { status: 302, headers: { Location: `https://elsewhere.example/steal?from=${url}` } }));
    const redirect = await moved.client.services.retrieve("S-1").catch((e: unknown) => e);
    expect(redirect).toBeInstanceOf(RedirectError);
    expect(moved.leaks(redirect)).toEqual([]);

    const fine = setUp(() => json([service("S-1")]));
    const argument = await fine.client.services.get("").catch((e: unknown) => e);
    expect(argument).toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(fine.leaks(argument, await fine.client.services.get("S-1"))).toEqual([]);

    for (const bad of [{ businessId: "jm" }, { clientId: "abc" }, { clientSecret: undefined }, { clientSecret: "abc" }, { unknown: true }]) {
      const secret = `secret-${randomUUID()}`;
      let thrown: unknown;
      try {
        createServiceInventoryClient({
          baseUrl: API_ROOT,
          businessId: "JM",
          clientId: "tmf638-channel",
          clientSecret: secret,
          ...bad,
        } as ServiceInventoryClientOptions);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: "CONFIGURATION" });
      expect(renderings(thrown).filter((t) => t.includes(secret))).toEqual([]);
    }
  });

  it("hooks see the credential headers as [REDACTED]", async () => {
    const { client, seen } = setUp(() => json([service("S-1")]));
    await client.services.get("S-1");
    expect((seen[0] as { headers: Record<string, string> }).headers).toMatchObject({ client_id: "[REDACTED]", client_secret: "[REDACTED]" });
  });
});

describe("redirects are never followed", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const listen = async (handler: Parameters<typeof createServer>[1]) => {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it.each([301, 302, 303, 307, 308])("%i to another host: a RedirectError naming its origin; the other host receives nothing", async (status) => {
    const received: IncomingHttpHeaders[] = [];
    const elsewhere = await listen((request, response) => {
      received.push(request.headers);
      response.end("[]");
    });
    const api = await listen((_request, response) => {
      response.writeHead(status, { Location: `${elsewhere}/tmf-api/serviceInventory/v4/JM/service/S-1?stolen=1` }).end();
    });
    const clientSecret = `secret-${randomUUID()}`;
    // The real fetch of the runtime, over loopback.
    const client = createServiceInventoryClient({
      baseUrl: `${api}/tmf-api/serviceInventory/v4`,
      businessId: "JM",
      clientId: "tmf638-channel",
      clientSecret,
      retry: false,
    });
    const error = (await client.services.retrieve("S-1").catch((e: unknown) => e)) as RedirectError;
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status, location: elsewhere, retryable: false });
    expect(received).toEqual([]);
    expect(renderings(error).filter((t) => t.includes(clientSecret))).toEqual([]);
  });
});
