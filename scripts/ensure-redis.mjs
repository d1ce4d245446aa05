// Makes sure `redis-server` is on PATH before the tests that start one (test/helpers/redis.ts).
// On a fresh Debian/Ubuntu machine run as root (CI), it installs the package and says so in one
// line; anywhere else it fails at once with the one command that installs it.
import { spawnSync } from "node:child_process";

const onPath = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

function installCommand() {
  if (process.platform === "darwin") return "brew install redis";
  if (onPath("apt-get")) return "sudo apt-get install -y redis-server";
  if (onPath("dnf")) return "sudo dnf install -y redis";
  if (onPath("apk")) return "sudo apk add redis";
  return "install Redis (https://redis.io/docs/latest/operate/oss_and_stack/install/) so that redis-server is on PATH";
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    console.error(`ensure-redis: \`${command} ${args.join(" ")}\` failed; install it yourself with: ${installCommand()}`);
    process.exit(1);
  }
}

if (onPath("redis-server")) process.exit(0);

if (process.getuid?.() === 0 && onPath("apt-get")) {
  console.log("ensure-redis: redis-server is missing; installing the Debian package redis-server with apt-get (needed by the Redis store tests)");
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "redis-server"]);
  if (!onPath("redis-server")) {
    console.error("ensure-redis: apt-get installed redis-server but it is not on PATH");
    process.exit(1);
  }
  process.exit(0);
}

console.error(`ensure-redis: redis-server is not on PATH and the Redis store tests need it. Install it with:\n  ${installCommand()}`);
process.exit(1);
