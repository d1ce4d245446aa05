// A TMF622 client over a recording fetch (test/helpers/recording-fetch.ts): every request as it
// goes on the wire, answered by a handler; token requests to the test token URL get a token.
import { createProductOrderingClient, type ProductOrderingClientOptions } from "giacom-sdk/tmf622";
import { recordingFetch, TEST_SECRET, TEST_TOKEN_URL, type Handler, type Recorded } from "../helpers/recording-fetch.js";
import { TMF622_API_KEY } from "../helpers/secrets.js";
import { API_ROOT } from "./fixtures.js";

export { API_ROOT };

/** The path of a request under the API root, with its query. */
export const pathOf = (request: Recorded): string => `${request.url.pathname.slice(new URL(API_ROOT).pathname.length)}${request.url.search}`;

/** The three ways to authenticate, as client options. */
export const AUTH = {
  credentials: { tokenUrl: TEST_TOKEN_URL, credentials: { clientId: "tmf622-client", clientSecret: TEST_SECRET } },
  tokenProvider: { tokenProvider: { getToken: async () => "provided-token-1" } },
  headers: { headers: { "X-API-Key": TMF622_API_KEY } },
} as const;

/** A client of API_ROOT over a recording fetch, with header credentials unless told otherwise; no retries, fast polling. */
export function tmf622Client(handler: Handler, options: Partial<ProductOrderingClientOptions> = {}) {
  const recorder = recordingFetch(handler);
  const auth = options.credentials || options.tokenProvider || options.headers ? {} : AUTH.headers;
  const client = createProductOrderingClient({
    baseUrl: API_ROOT,
    fetch: recorder.fetch,
    retry: false,
    polling: { initialDelayMs: 1, maxDelayMs: 1 },
    ...auth,
    ...options,
  } as ProductOrderingClientOptions);
  return { ...recorder, client };
}

/** An answer of `status` with a JSON body (the vendor's media type). */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json;charset=utf-8", ...headers } });
