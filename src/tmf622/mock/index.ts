// giacom-sdk/tmf622/mock: a simulator of the TMF622 v4 Product Ordering API for tests, demos and conformance tools.
export { createProductOrderingSimulator } from "./simulator.js";
export { SIMULATOR_CREDENTIALS } from "./options.js";
export type {
  Delivery,
  Fault,
  FaultOptions,
  FaultTarget,
  ListenOptions,
  ProductOrderingNotifications,
  ProductOrderingSimulator,
  ProductOrderingSimulatorOptions,
  ProductOrderingSimulatorTiming,
  ProductOrderOutcome,
  RunOptions,
  SimulatorClient,
  SimulatorFetch,
  SimulatorServer,
} from "./options.js";
