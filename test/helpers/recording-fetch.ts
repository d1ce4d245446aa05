// A fetch for tests: records every request as it would go on the wire and answers through a
// handler. Token requests to the token URL are answered with a fixed bearer token unless the
// handler answers them itself.
import { createGiacomClient, type GiacomClient, type GiacomClientOptions } from "giacom-sdk";

export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  /** The body as text ("" when none). */
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export type Handler = (request: Recorded, index: number) => Response | Promise<Response> | undefined;

export const TEST_BASE_URL = "https://api.test.giacom.example/v2";
export const TEST_TOKEN_URL = "https://auth.test.giacom.example/oauth2/token";
export const TEST_TOKEN = "test-access-token-Zx9";
export const TEST_SECRET = "test-client-secret-Qw7";

export function recordingFetch(handler: Handler) {
  const requests: Recorded[] = [];
  const apiRequests = () => requests.filter((r) => r.url.href !== TEST_TOKEN_URL);
  const tokenRequests = () => requests.filter((r) => r.url.href === TEST_TOKEN_URL);
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    // The request exactly as fetch would put it on the wire.
    const input = new Request(url, init);
    const body = input.body ? await input.text() : "";
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const recorded: Recorded = { method: input.method, url: new URL(input.url), headers: input.headers, body, json };
    requests.push(recorded);
    const answer = await handler(recorded, requests.length - 1);
    if (answer) return answer;
    if (recorded.url.href === TEST_TOKEN_URL) return Response.json({ access_token: TEST_TOKEN, token_type: "Bearer", expires_in: 3600 });
    throw new Error(`recordingFetch: no answer for ${recorded.method} ${recorded.url.href}`);
  };
  return { fetch, requests, apiRequests, tokenRequests };
}

/** A JSON response with the list count headers Giacom sends on every search. */
export function listResponse(items: unknown[], totalCount = items.length): Response {
  return Response.json(items, { headers: { "X-Total-Count": String(totalCount), "X-Result-Count": String(items.length) } });
}

/** A client over a recording fetch, with test URLs and credentials. */
export function testClient(handler: Handler, options: Partial<GiacomClientOptions> = {}): ReturnType<typeof recordingFetch> & { giacom: GiacomClient } {
  const recorder = recordingFetch(handler);
  const giacom = createGiacomClient({
    baseUrl: TEST_BASE_URL,
    tokenUrl: TEST_TOKEN_URL,
    credentials: { clientId: "test-client", clientSecret: TEST_SECRET },
    fetch: recorder.fetch,
    ...options,
  });
  return { ...recorder, giacom };
}
