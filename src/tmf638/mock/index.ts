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
// The shapes the simulator's options and answers are made of, so a test needs no second entry.
export type {
  Service,
  ServiceAttributeValueChangeEvent,
  ServiceCreateEvent,
  ServiceDeleteEvent,
  ServiceState,
  ServiceStateChangeEvent,
} from "../generated/types.js";
export type { ServiceInventoryEvent, ServiceInventoryEventType } from "../generated/events.js";
