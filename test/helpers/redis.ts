// A real redis-server for the Redis tests: on 127.0.0.1, a free port, no persistence, a temporary
// directory; stopped after. It runs under a small sh wrapper that kills it when the wrapper's
// stdin closes, i.e. when this process ends for any reason (a crashed or killed test worker
// leaves no orphan). When the server cannot be started the tests fail with what to do; they
// never skip.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HOST = "127.0.0.1";
const READY_WITHIN_MS = 15_000;
// redis-server in the background, and a watcher that stops it once stdin reaches its end (fd 3:
// sh gives a background job /dev/null as its stdin).
const WRAPPER = 'exec 3<&0; redis-server "$@" & pid=$!; (cat <&3 >/dev/null; kill "$pid" 2>/dev/null) & exec 3<&-; wait "$pid"';

/** A redis-server started for a test file. */
export interface RedisServer {
  readonly host: string;
  readonly port: number;
  /** `redis://host:port`, with the password when the server has one: a secret, never to print. */
  readonly url: string;
  /** Whether the server is running. */
  readonly running: boolean;
  /** Stops the server (its data is lost: there is no persistence). */
  stop(): Promise<void>;
  /** Starts it again on the same port (for "Redis restarted mid-run"). */
  start(): Promise<void>;
  /** stop() then start(). */
  restart(): Promise<void>;
  /** Stops the server for good and removes its directory: call it in afterAll. */
  dispose(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Whether PING answers PONG on the port (after AUTH when the server has a password).
function pings(port: number, password: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    const lines = password === undefined ? 1 : 2;
    socket.once("connect", () => socket.write(`${password === undefined ? "" : `AUTH ${password}\r\n`}PING\r\n`));
    socket.on("data", (chunk) => {
      reply += chunk.toString("latin1");
      if (reply.split("\r\n").length > lines) done(reply.includes("+PONG"));
    });
  });
}

function requireRedisServer(): void {
  if (spawnSync("sh", ["-c", "command -v redis-server"], { stdio: "ignore" }).status === 0) return;
  throw new Error(
    "redis-server is not on PATH, and the Redis store tests need a real server. Run `npm run redis:ensure` " +
      "(it installs the Debian package as root) or install it yourself: `sudo apt-get install -y redis-server`.",
  );
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /**
   * Keep the data across stop/start with an append-only file synced on every write, as a
   * production Redis that must not forget processed ids would. Default false: no persistence.
   */
  persistent?: boolean;
  /** Require this password (`requirepass`); clients then connect with `redis://:<password>@host:port`. */
  password?: string;
}

/** Starts a redis-server on a free port of 127.0.0.1; dispose of it in afterAll. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  requireRedisServer();
  const dir = mkdtempSync(join(tmpdir(), "giacom-sdk-redis-"));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let port = 0;
  let output = "";

  // One attempt on `candidate`: resolves when PING answers, rejects with the server's output.
  async function launch(candidate: number): Promise<void> {
    output = "";
    const persistence = options.persistent ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"];
    const auth = options.password === undefined ? [] : ["--requirepass", options.password];
    const args = [
      "--port",
      String(candidate),
      "--bind",
      HOST,
      "--save",
      "",
      ...persistence,
      ...auth,
      "--daemonize",
      "no",
      "--dir",
      dir,
      "--loglevel",
      "warning",
    ];
    const started = spawn("sh", ["-c", WRAPPER, "sh", ...args], { stdio: ["pipe", "pipe", "pipe"] });
    child = started;
    let gone = false;
    exited = new Promise((resolve) => started.once("exit", () => resolve()));
    void exited.then(() => {
      gone = true;
      started.stdin?.end(); // lets the watcher end
    });
    started.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
    started.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
    const until = Date.now() + READY_WITHIN_MS;
    while (Date.now() < until) {
      if (gone) throw new Error(`redis-server exited at start on port ${candidate}:\n${output.trim()}`);
      if (await pings(candidate, options.password)) return;
      await new Promise((wake) => setTimeout(wake, 50));
    }
    await halt();
    throw new Error(`redis-server did not answer PING on port ${candidate} within ${READY_WITHIN_MS} ms:\n${output.trim()}`);
  }

  async function halt(): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end();
    const killer = setTimeout(() => child?.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  }

  // A port taken between freePort() and the server's bind is tried again; so is the same port
  // after a restart (it may linger a moment).
  async function startOn(chosen: number | undefined): Promise<void> {
    let last: unknown;
    for (let attempt = 0; attempt < 8; attempt++) {
      const candidate = chosen ?? (await freePort());
      try {
        await launch(candidate);
        port = candidate;
        return;
      } catch (error) {
        last = error;
        if (!/in use|Could not create server TCP listening socket/i.test(output)) break;
        await new Promise((wake) => setTimeout(wake, 100 * (attempt + 1)));
      }
    }
    throw new Error(`Could not start redis-server for the Redis store tests: ${last instanceof Error ? last.message : String(last)}`);
  }

  const onExit = () => child?.kill("SIGKILL");
  process.once("exit", onExit);
  await startOn(undefined);

  return {
    host: HOST,
    get port() {
      return port;
    },
    get url() {
      return `redis://${options.password === undefined ? "" : `:${encodeURIComponent(options.password)}@`}${HOST}:${port}`;
    },
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    stop: async () => {
      await halt();
    },
    start: () => startOn(port),
    restart: async () => {
      await halt();
      await startOn(port);
    },
    dispose: async () => {
      await halt();
      process.removeListener("exit", onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
