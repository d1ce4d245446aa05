// The token in each callback URL: base64url (no padding) of HMAC-SHA256 over
// `${outcome}:${workflowId}`, keyed by the receiver's secret. MasStack documents no signature on
// callbacks, so the URL itself is the credential: only who holds the secret can make one.
import { fromBase64Url, toBase64Url } from "../../core/internal/base64.js";

const encoder = new TextEncoder();
/** 32 bytes of HMAC-SHA256 in base64url without padding. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Makes and checks callback tokens; the first secret signs, any of them verifies (rotation). */
export interface CallbackSigner {
  sign(outcome: string, workflowId: string): Promise<string>;
  verify(outcome: string, workflowId: string, token: string): Promise<boolean>;
}

export function createCallbackSigner(secrets: readonly string[]): CallbackSigner {
  // Imported once, not extractable: the secret's bytes stay inside Web Crypto from then on.
  let keys: Promise<CryptoKey[]> | undefined;
  const load = () =>
    (keys ??= Promise.all(secrets.map((secret) => crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]))));
  const mac = async (key: CryptoKey, outcome: string, workflowId: string) =>
    new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`${outcome}:${workflowId}`)));

  return {
    async sign(outcome, workflowId) {
      const [key] = await load();
      return toBase64Url(await mac(key!, outcome, workflowId));
    },
    async verify(outcome, workflowId, token) {
      if (!TOKEN.test(token)) return false;
      // TOKEN has already checked the alphabet and length: it decodes.
      const given = fromBase64Url(token)!;
      const expected = await Promise.all((await load()).map((key) => mac(key, outcome, workflowId)));
      // Compares every byte against every secret's token without stopping at a difference or a
      // match, so the time taken says nothing about how much of a forged token was right.
      let match = 0;
      for (const bytes of expected) {
        let difference = 0;
        for (let i = 0; i < bytes.length; i++) difference |= (bytes[i] ?? 0) ^ (given[i] ?? 0);
        match |= difference === 0 ? 1 : 0;
      }
      return match === 1;
    },
  };
}
