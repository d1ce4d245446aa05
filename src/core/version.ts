// The package's version, for the User-Agent of every client and for users to log.
// test/tooling/version.test.ts keeps it equal to package.json's.

/**
 * The version of `giacom-sdk` this build was made from.
 *
 * @example
 * ```ts
 * import { VERSION } from "giacom-sdk";
 * console.log(`giacom-sdk ${VERSION}`);
 * ```
 */
export const VERSION = "0.1.0";
