// The simulator engine: one web-standard handler, `(Request) => Promise<Response>`, that every
// face serves (MSW, node:http). It tells the token endpoint from the API, lets armed faults act
// first, routes API requests over the profile's table, and turns what an operation throws into
// the API's error body. What the API is (routes, operations, error body, token endpoint) is
// given by its profile; a network failure is `Response.error()`, which each face renders.
import type { Faults, Target } from "./faults.js";
import { errorResponse, HttpError, type ErrorBodyStrategy } from "./http.js";
import type { RouteDefinition, Router } from "./router.js";
import type { SimulatorHandle, SimulatorUrls } from "./types.js";

/** @internal A request that matched one route of the table. */
export interface RouteCall<R extends RouteDefinition> {
  request: Request;
  route: R;
  /** The route's path parameters, decoded. */
  params: Record<string, string>;
  /** Where the face that received the request serves the API (for links in answers). */
  at: SimulatorUrls;
}

/** @internal What an API's simulator gives the engine. */
export interface EngineProfile<R extends RouteDefinition> {
  router: Router<R>;
  /** Answers a routed request; an HttpError it throws becomes an error body, anything else a 500. */
  serve: (call: RouteCall<R>) => Promise<Response> | Response;
  /** Answers the token endpoint. */
  token: (request: Request) => Promise<Response>;
  errorBody: ErrorBodyStrategy;
  faults: Faults;
  /** Request headers every API answer carries back (a correlation id). */
  echoHeaders?: readonly string[];
}

/** @internal The URL without its trailing slashes, as the engine compares them. */
export const trimUrl = (url: string) => url.replace(/\/+$/, "");

/** @internal The one handler of a simulator, over its profile. */
export function createEngine<R extends RouteDefinition>(profile: EngineProfile<R>): SimulatorHandle {
  const { router, serve, token, errorBody, faults, echoHeaders = [] } = profile;

  async function serveApi(request: Request, path: string, root: string, at: SimulatorUrls): Promise<Response> {
    let response: Response;
    try {
      const matched = router(request.method, path);
      if (!matched) throw new HttpError(404, `There is no operation at ${request.method} ${path}`);
      if ("allowed" in matched) throw new HttpError(405, `${request.method} is not allowed on ${path}`, { headers: { Allow: matched.allowed.join(", ") } });
      // A path is served only under its own root: the API's base URL or the one its route names.
      const own = (matched.route.base === undefined ? undefined : at.bases?.[matched.route.base]) ?? at.baseUrl;
      if (own !== root) throw new HttpError(404, `${request.method} ${path} is served under ${own}, not ${root}`);
      response = await serve({ request, route: matched.route, params: matched.params, at });
    } catch (error) {
      const failure =
        error instanceof HttpError ? error : new HttpError(500, `The simulator failed: ${error instanceof Error ? error.message : String(error)}`);
      response = errorResponse(failure, errorBody);
    }
    for (const name of echoHeaders) {
      const value = request.headers.get(name);
      if (value !== null) response.headers.set(name, value);
    }
    return response;
  }

  return async (request, at) => {
    const url = new URL(request.url);
    const where = trimUrl(`${url.origin}${url.pathname}`);
    // The root the URL is under (the longest, should one root be under another).
    let root: string | undefined;
    for (const r of [at.baseUrl, ...Object.values(at.bases ?? {})]) {
      if ((where === r || where.startsWith(`${r}/`)) && (root === undefined || r.length > root.length)) root = r;
    }
    let target: Target;
    if (where === at.tokenUrl) target = { kind: "token", method: request.method, path: "" };
    else if (root !== undefined) target = { kind: "api", method: request.method, path: where.slice(root.length) || "/" };
    else return errorResponse(new HttpError(404, `${url.pathname} is not served by the simulator`), errorBody);
    const act = () => (target.kind === "token" ? token(request) : serveApi(request, target.path, root!, at));
    const fault = faults.take(target);
    return fault ? faults.apply(fault, act) : act();
  };
}
