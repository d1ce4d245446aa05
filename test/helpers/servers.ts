// Real servers for end-to-end tests, all on 127.0.0.1 with a port the system picks:
// - the token endpoint is oauth2-mock-server (a real OAuth2 server issuing signed JWTs), with a
//   plan of per-request answers (short lifetimes, errors, a response held until released);
// - the API is a small node:http server that records every request and answers through a
//   per-test handler, by default 200 with a documented Service when the bearer token is one
//   the token server issued and has not expired, and 401 otherwise.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { OAuth2Server, type MutableResponse, type MutableToken, type TokenRequestIncomingMessage } from "oauth2-mock-server";
import { loadSpec } from "../giacom/spec/spec-helpers.js";

const HOST = "127.0.0.1";
const spec = loadSpec();
/** What the API answers by default: a documented Service. */
export const SERVICE = spec.components.examples.ServiceMobileVoiceO2!.value;
/** What the API answers to a missing or unknown token: the documented error body. */
export const UNAUTHORIZED_BODY = spec.components.examples.ErrorSample!.value;

/** A response held open until the test releases it. */
export class Hold {
  /** Resolves once the held request has reached the server and its answer is ready. */
  readonly arrived: Promise<void>;
  /** Resolves once the test released the answer. */
  readonly released: Promise<void>;
  arrive: () => void = () => undefined;
  release: () => void = () => undefined;
  constructor() {
    this.arrived = new Promise<void>((resolve) => (this.arrive = resolve));
    this.released = new Promise<void>((resolve) => (this.release = resolve));
  }
}

export function hold(): Hold {
  return new Hold();
}

/** How the token server answers one token request. Unset fields keep the server's own answer. */
export interface TokenAnswer {
  /** Lifetime in seconds: both `expires_in` and the JWT's `exp`. The server's default is 3600. */
  expiresIn?: number;
  /** Replaces the HTTP status, e.g. 401 or 500. */
  status?: number;
  /** Replaces the whole JSON body. */
  body?: Record<string, unknown>;
  /** Merged into the server's body, e.g. `{ token_type: "MAC" }`. */
  patch?: Record<string, unknown>;
  /** Holds the response until `release()`. */
  hold?: Hold;
}

export interface TokenRequestRecord {
  headers: IncomingHttpHeaders;
  /** The form body as the server parsed (and decoded) it. */
  form: Record<string, unknown>;
}

export interface TokenServer {
  readonly server: OAuth2Server;
  /** The token endpoint, built from the bound address (the issuer URL says localhost). */
  readonly url: string;
  readonly requests: TokenRequestRecord[];
  /** Every access token the server handed out, in order. */
  readonly issued: string[];
  /** Answers for the next token requests, one each, in order; afterwards the server's defaults. */
  plan(...answers: TokenAnswer[]): void;
  /** Whether the server issued `token` and its `expires_in` has not run out. */
  isValid(token: string): boolean;
  close(): Promise<void>;
}

export async function startTokenServer(): Promise<TokenServer> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  await server.start(0, HOST);
  const { port } = server.address();

  const queue: TokenAnswer[] = [];
  const answers = new WeakMap<object, TokenAnswer>();
  const requests: TokenRequestRecord[] = [];
  const issued: string[] = [];
  const expiry = new Map<string, number>();
  const holds = new Set<Hold>();

  server.service.on("beforeTokenSigning", (token: MutableToken, req: TokenRequestIncomingMessage) => {
    const answer = queue.shift() ?? {};
    answers.set(req, answer);
    if (answer.expiresIn !== undefined) token.payload.exp = token.payload.iat + answer.expiresIn;
    // Without a unique claim, two tokens signed within the same second are byte for byte equal.
    token.payload["jti"] = randomUUID();
  });

  server.service.on("beforeResponse", (response: MutableResponse, req: TokenRequestIncomingMessage) => {
    const answer = answers.get(req) ?? {};
    requests.push({ headers: { ...req.headers }, form: { ...(req.body as unknown as Record<string, unknown>) } });

    const body: Record<string, unknown> = response.body === "" ? {} : response.body;
    if (answer.expiresIn !== undefined) body["expires_in"] = answer.expiresIn;
    if (answer.patch) Object.assign(body, answer.patch);
    const sent = answer.body ?? body;
    response.body = sent;
    if (answer.status !== undefined) response.statusCode = answer.status;

    const token = sent["access_token"];
    if (typeof token === "string") {
      issued.push(token);
      const lifetime = Number(sent["expires_in"]);
      expiry.set(token, Number.isFinite(lifetime) ? Date.now() + lifetime * 1000 : Infinity);
    }

    if (answer.hold) {
      const held = answer.hold;
      holds.add(held);
      // express writes the answer with res.end(); postpone that write until the test releases it.
      const res = (req as unknown as { res: ServerResponse }).res;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      (res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
        void held.released.then(() => end(...args));
        return res;
      };
      held.arrive();
    }
  });

  return {
    server,
    url: `http://${HOST}:${port}/token`,
    requests,
    issued,
    plan: (...next) => void queue.push(...next),
    isValid: (token) => (expiry.get(token) ?? -Infinity) > Date.now(),
    async close() {
      for (const held of holds) held.release();
      if (server.listening) await server.stop();
    },
  };
}

export interface ApiRequestRecord {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The bearer token of the Authorization header, if any. */
  token: string | undefined;
}

export interface ApiAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApiHandler = (request: ApiRequestRecord, context: { authorized: boolean; index: number }) => ApiAnswer | Promise<ApiAnswer>;

/** 200 with the Service to a valid token, 401 with the documented error body otherwise. */
export const defaultApiHandler: ApiHandler = (_request, { authorized }) =>
  authorized ? { status: 200, body: SERVICE } : { status: 401, body: UNAUTHORIZED_BODY };

export interface ApiServer {
  /** The API root, e.g. `http://127.0.0.1:54321/v2`. */
  readonly baseUrl: string;
  readonly requests: ApiRequestRecord[];
  /** Answers the next requests through `handler` (until replaced). */
  handle(handler: ApiHandler): void;
  /** Replaces the check of bearer tokens. */
  accept(isValidToken: (token: string) => boolean): void;
  close(): Promise<void>;
}

export async function startApiServer(options: { isValidToken: (token: string) => boolean }): Promise<ApiServer> {
  let handler: ApiHandler = defaultApiHandler;
  let isValidToken = options.isValidToken;
  const requests: ApiRequestRecord[] = [];

  const server: Server = createServer((req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const record: ApiRequestRecord = { method: req.method ?? "", url: req.url ?? "", headers: { ...req.headers }, token };
    const index = requests.push(record) - 1;
    const authorized = token !== undefined && isValidToken(token);
    req.resume();
    req.on("end", () => {
      Promise.resolve()
        .then(() => handler(record, { authorized, index }))
        .then(
          (answer) => {
            const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
            res.writeHead(answer.status, { ...(text ? { "Content-Type": "application/json" } : {}), ...answer.headers });
            res.end(text);
          },
          () => {
            res.writeHead(500).end();
          },
        );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // A deep backlog: some tests open a thousand connections at once.
    server.listen(0, HOST, 4096, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://${HOST}:${port}/v2`,
    requests,
    handle: (next) => void (handler = next),
    accept: (next) => void (isValidToken = next),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens: a port the system gave out, then closed. */
export async function closedPortUrl(path = "/token"): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://${HOST}:${port}${path}`;
}
