// Every secret value the test suite uses, in one place so that the secret guard
// (test/helpers/secret-guard.ts) can look for them in all output. A test that needs a webhook
// API key takes it from here, so that the guard cannot miss a new one.
import { SIMULATOR_CREDENTIALS } from "giacom-sdk/mock";
import { TEST_SECRET, TEST_TOKEN } from "./recording-fetch.js";

/** The webhook API keys of the tests, by the test that uses them. */
export const WEBHOOK_API_KEYS: Readonly<Record<"webhooks" | "webhooksPrevious" | "mockEvents" | "endToEnd" | "examples", string>> = Object.freeze({
  webhooks: "whk_live_Zq8v1TnLr2pS",
  webhooksPrevious: "whk_live_oLdK3y9XwQ4m",
  mockEvents: "k3y-for-the-webhook",
  endToEnd: "listener-key-Kd8",
  examples: "example-key",
});

/** The header credential of the core's toy API (test/core). */
export const TOY_CLIENT_SECRET = "toy-secret-9f3Kq";

/** The static header credential of the TMF622 client tests (test/tmf622). */
export const TMF622_API_KEY = "tmf622-api-key-Rw5n";

/** The MasStack callback receiver secrets of the tests (test/masstack): the one in use and a former one. */
export const MASSTACK_CALLBACK_SECRETS = Object.freeze({
  current: "ms-callback-secret-Jf82kQ0pLx7vN3cR9tYw",
  previous: "ms-callback-secret-old-Zt5mB1qH8sKd4uVe",
});

const basic = (id: string, secret: string) => Buffer.from(`${id}:${secret}`).toString("base64");

/** The header credentials of the TMF638 client tests (test/tmf638): the secret, and the id it goes with. */
export const TMF638_CREDENTIALS = Object.freeze({ clientId: "tmf638-channel", clientSecret: "tmf638-secret-Hv3p" });

/** The password of the Redis store tests (test/redis), as it would appear in a connection URL. */
export const REDIS_PASSWORD = "redis-pass-Tq7w";

/** Known secret strings, each with the name a failure may show instead of the value. */
export const KNOWN_SECRETS: readonly { kind: string; value: string }[] = [
  { kind: "client secret TEST_SECRET", value: TEST_SECRET },
  { kind: "client secret TEST_SECRET (Basic header)", value: basic("test-client", TEST_SECRET) },
  { kind: "access token TEST_TOKEN", value: TEST_TOKEN },
  { kind: "client secret SIMULATOR_CREDENTIALS.clientSecret", value: SIMULATOR_CREDENTIALS.clientSecret },
  { kind: "client secret SIMULATOR_CREDENTIALS.clientSecret (Basic header)", value: basic(SIMULATOR_CREDENTIALS.clientId, SIMULATOR_CREDENTIALS.clientSecret) },
  { kind: "toy API client secret TOY_CLIENT_SECRET", value: TOY_CLIENT_SECRET },
  { kind: "TMF622 API key TMF622_API_KEY", value: TMF622_API_KEY },
  { kind: "TMF638 client secret TMF638_CREDENTIALS.clientSecret", value: TMF638_CREDENTIALS.clientSecret },
  ...Object.entries(MASSTACK_CALLBACK_SECRETS).map(([name, value]) => ({ kind: `MasStack callback secret MASSTACK_CALLBACK_SECRETS.${name}`, value })),
  { kind: "Redis password REDIS_PASSWORD", value: REDIS_PASSWORD },
  ...Object.entries(WEBHOOK_API_KEYS).map(([name, value]) => ({ kind: `webhook API key WEBHOOK_API_KEYS.${name}`, value })),
];

/** Secrets whose value is not known in advance, by shape. */
export const SECRET_PATTERNS: readonly { kind: string; pattern: RegExp }[] = [
  { kind: "simulator access token (sim_…)", pattern: /\bsim_[0-9a-f]{32}\b/ },
  // Service-account keys are generated at test time: any PEM private key in the output is one.
  { kind: "PEM private key", pattern: /-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----/ },
];
