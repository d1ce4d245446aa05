// Giacom's OAuth2 client credentials: the core's, with the scopes the Giacom documentation names.
import type { ClientCredentialsOptions as CoreClientCredentialsOptions, Credentials as CoreCredentials } from "../core/auth/client-credentials.js";
import type { GiacomScope } from "./generated/scopes.js";

export type { GiacomScope };

/**
 * The client credentials Giacom issued, and how to use them.
 * @group Authentication
 * @example
 * ```ts
 * const credentials: Credentials = { clientId: process.env.GIACOM_CLIENT_ID!, clientSecret: process.env.GIACOM_CLIENT_SECRET! };
 * ```
 */
export type Credentials = CoreCredentials<GiacomScope>;

/**
 * Options of {@link clientCredentials}: the credentials, where to use them, and how.
 * @group Authentication
 * @example
 * ```ts
 * const options: ClientCredentialsOptions = { tokenUrl, clientId, clientSecret, scope: "integrations/serviceOrder.read" };
 * ```
 */
export type ClientCredentialsOptions = CoreClientCredentialsOptions<GiacomScope>;
