// Where Giacom serves its API and its token endpoint, for the client and for the simulator.

/**
 * The Giacom environments and their URLs.
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
 * A Giacom environment: sets the API and token URLs.
 * @group Client
 * @example
 * ```ts
 * const environment: GiacomEnvironment = process.env.NODE_ENV === "production" ? "production" : "uat";
 * ```
 */
export type GiacomEnvironment = keyof typeof ENVIRONMENTS;
