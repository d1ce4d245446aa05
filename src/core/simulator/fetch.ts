// The in-process face: a simulator's handler as a `fetch` function, for a client's `fetch`
// option. No MSW and no socket, so nothing global changes and nothing has to be closed. A dropped
// connection rejects as fetch does, with a TypeError; an aborted request with the signal's reason.
import { raceAbort } from "../internal/abort.js";
import type { SimulatorHandle, SimulatorUrls } from "./types.js";

/**
 * A `fetch` answered by a simulator, in the process: what a client's `fetch` option takes.
 * @group Simulator
 * @example
 * ```ts
 * const giacom = createGiacomClient({ environment: "uat", credentials: SIMULATOR_CREDENTIALS, fetch: sim.fetch });
 * ```
 */
export type SimulatorFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** @internal `handle` serving `urls` as a fetch function. */
export function fetchFace(handle: SimulatorHandle, urls: SimulatorUrls): SimulatorFetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await raceAbort(handle(request, urls), request.signal);
    if (response.type === "error") throw new TypeError("fetch failed", { cause: new Error("the simulator dropped the connection") });
    return response;
  };
}
