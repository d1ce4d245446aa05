// The JWT bearer grant (RFC 7523 2.1) of a simulator's token endpoint, for APIs whose machine
// clients hold a service-account key: the client signs an RS256 assertion with its private key
// and trades it for an access token. The simulator holds only public keys (a test's own, or
// pairs it generates and hands out as service-account JSON), checks the assertion as an
// authorization server must (signature, audience, lifetime, replay), on the simulator's clock.
import type { ServiceAccountKey as ClientServiceAccountKey } from "../auth/service-account.js";
import { bytesOf, fromBase64Url, toBase64 } from "../internal/base64.js";
import type { Clock } from "./clock.js";

/** The grant_type of RFC 7523 2.1. */
export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/**
 * A service account a simulator's token endpoint knows: the `client_email` the assertion names
 * as its `iss`, the `private_key_id` it names as its `kid`, and the public half of the key it is
 * signed with (an SPKI PEM `-----BEGIN PUBLIC KEY-----`, a Web Crypto `CryptoKey`, or a JWK).
 * @group Simulator
 * @example
 * ```ts
 * const account: SimulatorServiceAccount = { client_email: "partner@example.com", private_key_id: "key-1", publicKey: publicPem };
 * ```
 */
export interface SimulatorServiceAccount {
  client_email: string;
  private_key_id: string;
  publicKey: string | CryptoKey | JsonWebKey;
}

/**
 * A service-account key file as the simulator hands it out: what a client's service-account
 * authentication reads. It holds a private key: keep it to tests.
 * @group Simulator
 * @example
 * ```ts
 * const key: ServiceAccountKey = await sim.createServiceAccount();
 * console.log(key.client_email, key.token_uri);
 * ```
 */
export interface ServiceAccountKey extends ClientServiceAccountKey {
  // The client's key type (open, like a real key file): the key goes to a client's `serviceAccount` as it is.
  type: "service_account";
  private_key_id: string;
  /** RSA-2048, PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  private_key: string;
  client_email: string;
  /** The simulator's token URL (the one its `fetch` and MSW handlers serve). */
  token_uri: string;
}

/** RS256 in Web Crypto's words. */
const RS256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
/** How far the simulator's clock and the client's may disagree about `iat` and `nbf`. */
const SKEW_S = 60;
/** The longest an assertion may live (`exp` - `iat`), as service-account token endpoints allow. */
const MAX_LIFETIME_S = 3600;

const PEM = /^-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\sA-Za-z0-9+/=]+?)\r?\n?-----END \1-----\s*$/;

function pemBody(pem: string, label: string, where: string): Uint8Array<ArrayBuffer> {
  const m = PEM.exec(pem.trim());
  // The key's text never goes into a message: only what kind of PEM it is.
  if (!m) throw new TypeError(`${where}: publicKey must be a PEM "-----BEGIN ${label}-----" block, a CryptoKey or a JWK`);
  if (m[1] !== label) {
    const hint = m[1]!.includes("PRIVATE") ? "it is a private key: give the public key" : `it is a "${m[1]}" block`;
    throw new TypeError(`${where}: publicKey must be a "${label}" PEM (SPKI); ${hint}`);
  }
  try {
    return bytesOf(atob(m[2]!.replace(/\s+/g, "")));
  } catch {
    throw new TypeError(`${where}: publicKey is not valid base64 inside its PEM block`);
  }
}

const isCryptoKey = (value: unknown): value is CryptoKey => typeof CryptoKey !== "undefined" && value instanceof CryptoKey;

/** The verifying key of `account`, checked as far as can be without awaiting. */
function importPublicKey(publicKey: SimulatorServiceAccount["publicKey"], where: string): Promise<CryptoKey> {
  if (typeof publicKey === "string") return crypto.subtle.importKey("spki", pemBody(publicKey, "PUBLIC KEY", where), RS256, false, ["verify"]);
  if (isCryptoKey(publicKey)) {
    const algorithm = publicKey.algorithm as RsaHashedKeyAlgorithm;
    if (publicKey.type !== "public" || algorithm.name !== RS256.name || algorithm.hash?.name !== RS256.hash || !publicKey.usages.includes("verify")) {
      throw new TypeError(`${where}: publicKey must be a public RSASSA-PKCS1-v1_5 SHA-256 CryptoKey usable to verify`);
    }
    return Promise.resolve(publicKey);
  }
  if (typeof publicKey === "object" && publicKey !== null && publicKey.kty === "RSA" && typeof publicKey.n === "string" && typeof publicKey.e === "string") {
    if (publicKey.alg !== undefined && publicKey.alg !== "RS256") throw new TypeError(`${where}: a JWK publicKey must be for RS256, not ${publicKey.alg}`);
    // Only the public members: a private JWK given by mistake is not kept.
    return crypto.subtle.importKey("jwk", { kty: "RSA", n: publicKey.n, e: publicKey.e }, RS256, false, ["verify"]);
  }
  throw new TypeError(`${where}: publicKey must be an SPKI PEM string, a CryptoKey or an RSA JWK`);
}

interface Registered {
  email: string;
  keyId: string;
  key: Promise<CryptoKey>;
}

/** @internal The service accounts a token endpoint knows, by key id. Only public keys are held. */
export class ServiceAccounts {
  private byKeyId = new Map<string, Registered>();
  private generated = 0;

  constructor(
    accounts: readonly SimulatorServiceAccount[] = [],
    private readonly where = "serviceAccounts",
  ) {
    if (!Array.isArray(accounts)) throw new TypeError(`${where} must be a list of { client_email, private_key_id, publicKey }`);
    accounts.forEach((account, i) => this.register(account, `${where}[${i}]`));
  }

  /** Adds `account`; its key is imported now, its failure reported when the account is first used. */
  register(account: SimulatorServiceAccount, where = this.where): void {
    if (typeof account !== "object" || account === null) throw new TypeError(`${where} must be { client_email, private_key_id, publicKey }`);
    const { client_email: email, private_key_id: keyId } = account;
    if (typeof email !== "string" || email === "") throw new TypeError(`${where}: client_email must be a non-empty string`);
    if (typeof keyId !== "string" || keyId === "") throw new TypeError(`${where}: private_key_id must be a non-empty string`);
    if (this.byKeyId.has(keyId)) throw new TypeError(`${where}: private_key_id ${JSON.stringify(keyId)} is already registered`);
    const key = importPublicKey(account.publicKey, where);
    // Awaited when used; until then a failed import must not be an unhandled rejection.
    key.catch(() => undefined);
    this.byKeyId.set(keyId, { email, keyId, key });
  }

  /** The account named by the assertion: by `kid` when it has one, else the one key of `iss`. */
  find(kid: string | undefined, iss: string): Registered | undefined {
    if (kid !== undefined) return this.byKeyId.get(kid);
    const keys = [...this.byKeyId.values()].filter((r) => r.email === iss);
    return keys.length === 1 ? keys[0] : undefined;
  }

  /** A new RSA-2048 key pair: the public half registered, the key file (with the private half) returned. */
  async create(tokenUri: string): Promise<ServiceAccountKey> {
    const pair = await crypto.subtle.generateKey({ ...RS256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ["sign", "verify"]);
    const pkcs8 = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
    const lines = toBase64(pkcs8)
      .match(/.{1,64}/g)!
      .join("\n");
    const keyId = [...crypto.getRandomValues(new Uint8Array(20))].map((b) => b.toString(16).padStart(2, "0")).join("");
    const email = `simulator-${++this.generated}-${keyId.slice(0, 8)}@service-accounts.simulator.example`;
    this.register({ client_email: email, private_key_id: keyId, publicKey: pair.publicKey });
    return {
      type: "service_account",
      private_key_id: keyId,
      private_key: `-----BEGIN PRIVATE KEY-----\n${lines}\n-----END PRIVATE KEY-----\n`,
      client_email: email,
      token_uri: tokenUri,
    };
  }
}

/** @internal A refused assertion, as the token endpoint answers it (RFC 6749 5.2). */
export interface GrantRefusal {
  status: number;
  error: "invalid_grant" | "invalid_request" | "server_error";
  description: string;
}

/** @internal An accepted assertion: whom the token is for and the scopes it asks for. */
export interface AssertedGrant {
  subject: string;
  scopes: string[];
}

const refuse = (description: string): GrantRefusal => ({ status: 400, error: "invalid_grant", description });

function decodeJson(part: string): Record<string, unknown> | undefined {
  const bytes = fromBase64Url(part);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isTime = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** @internal Checks JWT bearer assertions against the known service accounts; remembers the `jti`s it accepted. */
export class JwtBearerVerifier {
  /** Accepted `jti`s (with their issuer) until their assertion expires: a replay is refused. */
  private used = new Map<string, number>();

  constructor(
    readonly accounts: ServiceAccounts,
    private readonly clock: Clock,
  ) {}

  forget(): void {
    this.used.clear();
  }

  /** The grant `assertion` carries when it is valid for `audience` (the token URL it was sent to). */
  async verify(assertion: string | null, audience: string): Promise<AssertedGrant | GrantRefusal> {
    if (assertion === null || assertion === "") return { status: 400, error: "invalid_request", description: "The assertion parameter is missing" };
    const parts = assertion.split(".");
    if (parts.length !== 3) return refuse("The assertion is not a JWS in compact form (three base64url parts)");
    const [head, payload, signature] = parts as [string, string, string];
    const header = decodeJson(head);
    const claims = decodeJson(payload);
    if (!header || !claims) return refuse("The assertion's header and claims must be base64url-encoded JSON objects");
    if (header.alg !== "RS256") return refuse(`The assertion must be signed with RS256, not ${typeof header.alg === "string" ? header.alg : "no algorithm"}`);
    if (header.typ !== undefined && (typeof header.typ !== "string" || header.typ.toUpperCase() !== "JWT")) return refuse("The assertion's typ must be JWT");
    if (header.crit !== undefined) return refuse("The assertion's crit header parameter is not supported");
    if (header.kid !== undefined && typeof header.kid !== "string") return refuse("The assertion's kid must be a string");
    if (typeof claims.iss !== "string") return refuse("The assertion's iss (the service account's client_email) is missing");
    const account = this.accounts.find(header.kid as string | undefined, claims.iss);
    if (!account) {
      return refuse(
        header.kid === undefined ? `No single key of service account ${claims.iss} is known; name it with kid` : `Unknown key id (kid) ${header.kid}`,
      );
    }
    if (account.email !== claims.iss) return refuse(`The key ${account.keyId} belongs to another service account than iss ${claims.iss}`);
    let key: CryptoKey;
    try {
      key = await account.key;
    } catch (error) {
      const reason = error instanceof Error ? error.message : "it cannot be imported";
      return { status: 500, error: "server_error", description: `The simulator cannot use the public key of ${account.keyId}: ${reason}` };
    }
    const sig = fromBase64Url(signature);
    const signed = new TextEncoder().encode(`${head}.${payload}`);
    if (!sig || !(await crypto.subtle.verify(RS256, key, sig, signed)))
      return refuse(`The assertion's signature does not verify with the public key ${account.keyId}`);

    if (claims.sub !== undefined && claims.sub !== claims.iss)
      return refuse("The assertion's sub must be the service account (iss): the simulator acts for no one else");
    const audiences = typeof claims.aud === "string" ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
    const trim = (url: unknown) => (typeof url === "string" ? url.replace(/\/+$/, "") : url);
    if (!audiences.some((aud) => trim(aud) === trim(audience))) return refuse(`The assertion's aud must be the token URL ${audience}`);
    const now = this.clock.now() / 1000;
    const { exp, iat, nbf, jti } = claims;
    if (!isTime(exp) || !isTime(iat)) return refuse("The assertion's exp and iat must be NumericDates (seconds since the epoch)");
    if (exp <= now) return refuse(`The assertion expired at ${new Date(exp * 1000).toISOString()} (the simulator's clock reads ${this.clock.iso()})`);
    if (iat > now + SKEW_S) return refuse(`The assertion's iat is in the future (the simulator's clock reads ${this.clock.iso()})`);
    if (exp <= iat || exp - iat > MAX_LIFETIME_S) return refuse(`The assertion's exp must be after iat by ${MAX_LIFETIME_S} s at most`);
    if (nbf !== undefined && (!isTime(nbf) || nbf > now + SKEW_S)) return refuse("The assertion is not valid yet (nbf)");
    if (typeof jti !== "string" || jti === "") return refuse("The assertion's jti is missing: the simulator needs it to refuse replays");
    for (const [seen, until] of this.used) if (until <= this.clock.now()) this.used.delete(seen);
    const once = `${claims.iss}\n${jti}`;
    if (this.used.has(once)) return refuse("The assertion's jti was already used: a replayed assertion");
    this.used.set(once, exp * 1000);
    const scope = claims.scope;
    return { subject: claims.iss, scopes: typeof scope === "string" ? scope.split(" ").filter((s) => s !== "") : [] };
  }
}
