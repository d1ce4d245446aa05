// The MSW face: a simulator's handler as MSW request handlers, one for the token endpoint and one
// for everything under the base URL. The only module of the core that imports msw, so msw stays
// an optional peer that only the simulator entries need.
import { http, HttpResponse, type HttpHandler } from "msw";
import type { SimulatorHandle, SimulatorUrls } from "./types.js";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// A network failure is `Response.error()` in the engine; MSW wants its own error response to
// fail the fetch.
const toMsw = (response: Response): Response => (response.type === "error" ? HttpResponse.error() : response);

/** @internal MSW handlers serving `handle` at `urls` (all without a trailing slash). */
export function mswHandlers(handle: SimulatorHandle, urls: SimulatorUrls): HttpHandler[] {
  const roots = [...new Set([urls.baseUrl, ...Object.values(urls.bases ?? {})])];
  return [
    http.all(new RegExp(`^${escape(urls.tokenUrl)}/?$`), async ({ request }) => toMsw(await handle(request, urls))),
    ...roots.map((root) => http.all(new RegExp(`^${escape(root)}(?:/.*)?$`), async ({ request }) => toMsw(await handle(request, urls)))),
  ];
}
