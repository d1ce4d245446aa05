// base64 and base64url (RFC 4648 4, 5) over bytes with the web-standard atob/btoa: what JWTs,
// PEM keys and URL tokens need, on every fetch runtime (no Buffer).

/** The bytes of a binary string (one char per byte, as `atob` gives). */
export function bytesOf(binary: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Standard base64, padded. */
export function toBase64(bytes: Uint8Array | ArrayBuffer): string {
  let binary = "";
  for (const byte of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** base64url without padding (RFC 7515 2). */
export const toBase64Url = (bytes: Uint8Array | ArrayBuffer): string => toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** base64url (padding optional) to bytes; undefined when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const bare = text.replace(/=+$/, "");
  if (!/^[A-Za-z0-9_-]*$/.test(bare) || bare.length % 4 === 1) return undefined;
  return bytesOf(atob(bare.replaceAll("-", "+").replaceAll("_", "/") + "=".repeat((4 - (bare.length % 4)) % 4)));
}
