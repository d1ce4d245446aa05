// A route table matched against a method and a path under the API's base URL. Paths are
// templates whose `{name}` segments capture one path segment each, as OpenAPI writes them.

/** @internal The fields the router and the engine read; a table's other fields come back with the match. */
export interface RouteDefinition {
  readonly method: string;
  readonly path: string;
  /** The root the path is under when it is not the base URL: a name of the simulator's `bases`. */
  readonly base?: string;
}

/** @internal */
export type RouteMatch<R extends RouteDefinition> = { route: R; params: Record<string, string> } | { allowed: string[] } | undefined;

/** @internal */
export type Router<R extends RouteDefinition> = (method: string, path: string) => RouteMatch<R>;

const PARAM = /\{([^}]+)\}/g;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A bad escape is still a value the operation can answer (with a 404 for an unknown id).
    return segment;
  }
}

/**
 * @internal A router over `routes`: the first route whose method and path match, with its path
 * parameters decoded; `{ allowed }` lists the methods of the routes whose path alone matched
 * (a 405); undefined when no path matched (a 404).
 */
export function createRouter<const R extends RouteDefinition>(routes: readonly R[]): Router<R> {
  const compiled = routes.map((route) => {
    const names = [...route.path.matchAll(PARAM)].map((m) => m[1]!);
    const source = route.path
      .split(PARAM)
      .map((part, i) => (i % 2 === 1 ? "([^/]+)" : escape(part)))
      .join("");
    return { route, names, pattern: new RegExp(`^${source}$`) };
  });
  return (method, path) => {
    const wanted = method.toUpperCase();
    const allowed: string[] = [];
    for (const { route, names, pattern } of compiled) {
      const m = pattern.exec(path);
      if (!m) continue;
      if (route.method.toUpperCase() !== wanted) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = decode(m[i + 1]!)));
      return { route, params };
    }
    return allowed.length > 0 ? { allowed } : undefined;
  };
}
