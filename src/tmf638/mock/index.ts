// giacom-sdk/tmf638/mock: a simulator of the TMF638 v4 Service Inventory API (the seed's business-unit gateway) for tests, demos and conformance tools.
export { createServiceInventorySimulator } from "./simulator.js";
export { defaultInventory } from "./seed.js";
export { SIMULATOR_CREDENTIALS } from "./options.js";
export type {
  Delivery,
  Fault,
  FaultOptions,
  FaultTarget,
  ListenOptions,
  RunOptions,
  ServiceInventoryNotifications,
  ServiceInventoryServer,
  ServiceInventorySimulator,
  ServiceInventorySimulatorOptions,
  SimulatorFetch,
} from "./options.js";
