// The token engine with a shared token cache (`stores` of clientCredentials), on the memory
// stores: providers standing for replicas send one token request between them, a refresh made by
// one is taken by the others, a refused token leaves the shared cache, and a cache that fails is
// bypassed (each fetches its own), reported once, never showing a token.
import { inspect } from "node:util";
import { afterEach, describe, expect, test, vi } from "vitest";
import { clientCredentials, createMemoryStores, type Logger, type TokenCache } from "giacom-sdk/core";

const TOKEN_URL = "https://auth.example.com/oauth2/token";

/** A token endpoint behind an injected fetch: issues `shared-token-<n>`, counting, after a turn of the event loop. */
function endpoint(expiresIn = 3600) {
  let issued = 0;
  const fetch = async () => {
    issued++;
    const token = `shared-token-${issued}`;
    await new Promise((wake) => setTimeout(wake, 5));
    return Response.json({ access_token: token, token_type: "Bearer", expires_in: expiresIn });
  };
  return {
    fetch,
    get issued() {
      return issued;
    },
  };
}

const provider = (fetch: () => Promise<Response>, stores: object, extra: { logger?: Logger; clientId?: string } = {}) =>
  clientCredentials({
    tokenUrl: TOKEN_URL,
    clientId: extra.clientId ?? "client-1",
    clientSecret: "secret-1",
    fetch,
    stores,
    ...(extra.logger ? { logger: extra.logger } : {}),
  });

afterEach(() => {
  vi.useRealTimers();
});

describe("a token shared through the stores", () => {
  test("replicas starting together send one request; without the lock each would send its own", async () => {
    const server = endpoint();
    const stores = createMemoryStores();
    const replicas = [1, 2, 3, 4].map(() => provider(server.fetch, stores));
    expect(new Set(await Promise.all(replicas.map((p) => p.getToken())))).toEqual(new Set(["shared-token-1"]));
    expect(server.issued).toBe(1);

    const unlocked = endpoint();
    const cacheOnly = { tokens: createMemoryStores().tokens };
    await Promise.all([1, 2, 3, 4].map(() => provider(unlocked.fetch, cacheOnly).getToken()));
    expect(unlocked.issued).toBe(4);
  });

  test("a refresh one replica makes is taken by the others, without a request of their own", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const server = endpoint(3600);
    const stores = createMemoryStores();
    const [a, b] = [provider(server.fetch, stores), provider(server.fetch, stores)];
    expect(await a.getToken()).toBe("shared-token-1");
    expect(await b.getToken()).toBe("shared-token-1");
    expect(server.issued).toBe(1);

    // Into the refresh window (the last 2 minutes before the 30 s skew): A refreshes in the background.
    vi.setSystemTime(Date.now() + (3600 - 30 - 60) * 1000);
    expect(await a.getToken()).toBe("shared-token-1");
    await vi.waitFor(() => expect(server.issued).toBe(2));
    await vi.waitFor(async () => expect(await a.getToken()).toBe("shared-token-2"));
    // B, in its window too, finds A's newer token in the cache.
    expect(await b.getToken()).toBe("shared-token-1");
    await vi.waitFor(async () => expect(await b.getToken()).toBe("shared-token-2"));
    expect(server.issued).toBe(2);
  });

  test("a token the API refused is not taken again from the cache", async () => {
    const server = endpoint();
    const stores = createMemoryStores();
    const [a, b] = [provider(server.fetch, stores), provider(server.fetch, stores)];
    const refused = await a.getToken();
    expect(await b.getToken()).toBe(refused);
    a.invalidate?.(refused);
    expect(await a.getToken()).toBe("shared-token-2");
    b.invalidate?.(refused);
    expect(await b.getToken()).toBe("shared-token-2");
    expect(server.issued).toBe(2);
  });

  test("the key names the client: another client id gets a token of its own", async () => {
    const server = endpoint();
    const stores = createMemoryStores();
    expect(await provider(server.fetch, stores).getToken()).toBe("shared-token-1");
    expect(await provider(server.fetch, stores, { clientId: "client-2" }).getToken()).toBe("shared-token-2");
  });

  test("a failing cache is bypassed: the replica fetches its own token, the failure is reported once and never shows a token", async () => {
    const server = endpoint();
    const lines: unknown[] = [];
    const logger: Logger = { warn: (...args) => lines.push(args), info: (...args) => lines.push(args) };
    const broken: TokenCache = {
      get: () => Promise.reject(new Error("cache down")),
      set: () => Promise.reject(new Error("cache down")),
      delete: () => Promise.reject(new Error("cache down")),
    };
    const p = provider(server.fetch, { tokens: broken, locks: createMemoryStores().locks }, { logger });
    expect(await p.getToken()).toBe("shared-token-1");
    p.invalidate?.("shared-token-1");
    expect(await p.getToken()).toBe("shared-token-2");
    expect(lines).toHaveLength(1);
    expect(inspect(lines, { depth: 5 })).not.toMatch(/shared-token/);
    expect(inspect(p, { depth: 5 })).not.toMatch(/shared-token/);
  });

  test("the cache holds the token under a digest: no client id in its key", async () => {
    const server = endpoint();
    const keys: string[] = [];
    const stores = createMemoryStores();
    const spying: TokenCache = {
      get: (key) => (keys.push(key), stores.tokens.get(key)),
      set: (key, value) => (keys.push(key), stores.tokens.set(key, value)),
      delete: (key) => stores.tokens.delete(key),
    };
    await provider(server.fetch, { tokens: spying }).getToken();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^oauth:[0-9a-f]{64}$/);
  });
});
