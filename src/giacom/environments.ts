// Where Giacom serves its API, its notifications hub and its token endpoint, for the client and
// for the simulator.

/**
 * The Giacom environments and their URLs. The notifications hub is under `/v1` of the same host
 * (`https://api.uat.integrations.giacom.com/v1`), the rest of the API under `/v2`.
 * @group Client
 * @example
 * ```ts
 * console.log(ENVIRONMENTS.uat.baseUrl); // https://api.uat.integrations.giacom.com/v2
 * ```
 */
export const ENVIRONMENTS = Object.freeze({
  production: Object.freeze({ baseUrl: "https://api.integrations.giacom.com/v2", tokenUrl: "https://auth.integrations.giacom.com/oauth2/token" }),
  uat: Object.freeze({ baseUrl: "https://api.uat.integrations.giacom.com/v2", tokenUrl: "https://auth.uat.integrations.giacom.com/oauth2/token" }),
});

/**
 * @internal The root of the notifications hub for an API root: its final `/v2` made `/v1` (the
 * document's hub URL for production's root), or the root itself when it has no `/v2` to replace.
 */
export const hubBaseFor = (baseUrl: string): string => baseUrl.replace(/\/v2$/, "/v1");

/**
 * A Giacom environment: sets the API and token URLs.
 * @group Client
 * @example
 * ```ts
 * const environment: GiacomEnvironment = process.env.NODE_ENV === "production" ? "production" : "uat";
 * ```
 */
export type GiacomEnvironment = keyof typeof ENVIRONMENTS;
