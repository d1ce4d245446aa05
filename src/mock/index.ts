// giacom-sdk/mock: a simulator of the Giacom Integrations API for tests and demos.
export { defaultSeed } from "./seed.js";
export type { SimulatorSeed } from "./seed.js";
