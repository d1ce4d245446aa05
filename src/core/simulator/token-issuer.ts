// An OAuth 2.0 token endpoint: the client credentials grant (RFC 6749 4.4), where the client
// authenticates with HTTP Basic or with client_id/client_secret in the form body, and, for an API
// whose profile has service accounts, the JWT bearer grant (RFC 7523 2.1), where a signed
// assertion is the credential. Either may narrow the scopes with `scope`; the token is an opaque
// bearer token that expires on the simulator's clock.
import type { Clock } from "./clock.js";
import { HttpError } from "./http.js";
import { JWT_BEARER, type JwtBearerVerifier } from "./jwt-bearer.js";
import type { SimulatorClient } from "./types.js";

/** @internal What a token endpoint serves beyond its clients: the API's scopes and its Basic realm. */
export interface TokenIssuerProfile {
  /** Every scope of the API: what a client without its own `scopes` is granted. */
  scopes: readonly string[];
  /** The realm of the `WWW-Authenticate: Basic` challenge to a client that failed Basic authentication. */
  realm: string;
  /** Whether the client credentials grant is served. Default true. */
  clientCredentials?: boolean;
  /** The JWT bearer grant's checks, when the API's clients authenticate with service accounts. */
  jwtBearer?: JwtBearerVerifier;
}

/** @internal */
export interface Grant {
  clientId: string;
  scopes: ReadonlySet<string>;
  expiresAt: number;
}

const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ error, error_description: description }), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
  });

function basicCredentials(header: string | null): { id: string; secret: string } | undefined {
  const encoded = /^Basic\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  if (!encoded) return undefined;
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return { id: "", secret: "" };
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return { id: "", secret: "" };
  // RFC 6749 2.3.1: both parts are form-urlencoded before the Basic encoding.
  const form = (s: string) => {
    try {
      return decodeURIComponent(s.replaceAll("+", " "));
    } catch {
      return s;
    }
  };
  return { id: form(decoded.slice(0, colon)), secret: form(decoded.slice(colon + 1)) };
}

/** @internal */
export class TokenIssuer {
  private grants = new Map<string, Grant>();

  constructor(
    private readonly clients: Record<string, SimulatorClient>,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
    private readonly profile: TokenIssuerProfile,
  ) {}

  revokeAll(): void {
    this.grants.clear();
    this.profile.jwtBearer?.forget();
  }

  /** The token endpoint: POST, form-encoded. */
  async issue(request: Request): Promise<Response> {
    if (request.method !== "POST") return oauthError(405, "invalid_request", "The token endpoint only accepts POST", { Allow: "POST" });
    const form = new URLSearchParams(await request.text());
    const basic = basicCredentials(request.headers.get("Authorization"));
    const bodyId = form.get("client_id");
    if (basic && (bodyId !== null || form.get("client_secret") !== null)) {
      return oauthError(400, "invalid_request", "Use one client authentication method: HTTP Basic or client_id/client_secret in the body, not both");
    }
    const grantType = form.get("grant_type");
    const { jwtBearer, clientCredentials = true } = this.profile;
    if (grantType === JWT_BEARER && jwtBearer) {
      // RFC 7523 3.1: client authentication is optional with this grant; when sent, it must hold.
      if (basic || bodyId !== null) {
        const refused = this.authenticate(basic, bodyId, form);
        if (typeof refused !== "string") return refused;
      }
      const url = new URL(request.url);
      const asserted = await jwtBearer.verify(form.get("assertion"), `${url.origin}${url.pathname}`);
      if ("error" in asserted) return oauthError(asserted.status, asserted.error, asserted.description);
      // The form's scope, else the assertion's (as Google-style service accounts carry it).
      return this.grant(asserted.subject, this.profile.scopes, form.get("scope") ?? asserted.scopes.join(" "), false);
    }
    const supported = [...(clientCredentials ? ["client_credentials"] : []), ...(jwtBearer ? [JWT_BEARER] : [])].join(" or ");
    if (!clientCredentials) {
      return oauthError(400, "unsupported_grant_type", `grant_type must be ${supported}${grantType === null ? "" : `, not ${grantType}`}`);
    }
    const id = this.authenticate(basic, bodyId, form);
    if (typeof id !== "string") return id;
    if (grantType !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", `grant_type must be ${supported}${grantType === null ? "" : `, not ${grantType}`}`);
    }
    return this.grant(id, this.clients[id]!.scopes ?? this.profile.scopes, form.get("scope"), true);
  }

  /** The id of the client the request authenticates, or the 401 refusing it. */
  private authenticate(basic: { id: string; secret: string } | undefined, bodyId: string | null, form: URLSearchParams): string | Response {
    const id = basic?.id ?? bodyId ?? undefined;
    const secret = basic?.secret ?? form.get("client_secret") ?? undefined;
    const client = id === undefined ? undefined : Object.hasOwn(this.clients, id) ? this.clients[id] : undefined;
    if (!client || secret !== client.secret) {
      const challenge: Record<string, string> = basic ? { "WWW-Authenticate": `Basic realm="${this.profile.realm}"` } : {};
      return oauthError(401, "invalid_client", id === undefined ? "No client credentials were sent" : "Unknown client or wrong secret", challenge);
    }
    return id!;
  }

  /** A token for `clientId` with the requested scopes (space-separated), or every granted one; `scope` answered even when empty if `alwaysScope`. */
  private grant(clientId: string, granted: readonly string[], asked: string | null, alwaysScope: boolean): Response {
    const requested = (asked ?? "").split(" ").filter((s) => s !== "");
    const outside = requested.filter((s) => !granted.includes(s));
    if (outside.length > 0) return oauthError(400, "invalid_scope", `Scopes not granted to this client: ${outside.join(" ")}`);
    const scopes = requested.length > 0 ? [...new Set(requested)] : [...granted];
    const token = `sim_${crypto.randomUUID().replaceAll("-", "")}`;
    this.grants.set(token, { clientId, scopes: new Set(scopes), expiresAt: this.clock.now() + this.ttlSeconds * 1000 });
    const answer = {
      access_token: token,
      token_type: "Bearer",
      expires_in: this.ttlSeconds,
      ...(scopes.length > 0 || alwaysScope ? { scope: scopes.join(" ") } : {}),
    };
    return new Response(JSON.stringify(answer), {
      status: 200,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    });
  }

  /**
   * The grant behind the request's bearer token, checked against the operation's security: any
   * one of `alternatives` must be covered (an empty alternative needs only a valid token).
   */
  authorize(request: Request, alternatives: readonly (readonly string[])[]): Grant {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("Authorization") ?? "")?.[1];
    const grant = token === undefined ? undefined : this.grants.get(token);
    if (!grant || grant.expiresAt <= this.clock.now()) {
      if (grant) this.grants.delete(token!);
      const problem = token === undefined ? "No bearer access token was sent" : grant ? "The access token has expired" : "The access token is not valid";
      throw new HttpError(401, problem, { headers: { "WWW-Authenticate": `Bearer error="invalid_token"` } });
    }
    if (!alternatives.some((scopes) => scopes.every((s) => grant.scopes.has(s)))) {
      const needed = alternatives.map((scopes) => scopes.join(" + ")).join(" or ");
      throw new HttpError(403, `The access token lacks the scope this operation needs: ${needed}`, {
        headers: { "WWW-Authenticate": `Bearer error="insufficient_scope"` },
      });
    }
    return grant;
  }
}
