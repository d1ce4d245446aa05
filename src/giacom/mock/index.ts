// giacom-sdk/mock: a simulator of the Giacom Integrations API for tests and demos.
export { createGiacomSimulator } from "./simulator.js";
export { SIMULATOR_CREDENTIALS } from "./options.js";
export type {
  Delivery,
  Fault,
  FaultOptions,
  FaultTarget,
  GiacomSimulator,
  RunOptions,
  SimulatorClient,
  SimulatorEvent,
  SimulatorFetch,
  SimulatorNotifications,
  SimulatorOptions,
  SimulatorServer,
  SimulatorTiming,
} from "./options.js";
export { defaultSeed } from "./seed.js";
export type { SimulatorSeed } from "./seed.js";
