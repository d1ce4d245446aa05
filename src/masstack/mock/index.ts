// giacom-sdk/masstack/mock: a simulator of the MasStack Partners API V3 (services, barrings, billing, promotions, callbacks) for tests, demos and conformance tools.
export { createMasStackSimulator } from "./simulator.js";
export { BARRING_MASK_CODES, defaultServices } from "./seed.js";
export type {
  AsyncOperationId,
  CallbackAttempt,
  CallbackFault,
  Fault,
  FaultOptions,
  FaultTarget,
  ListenOptions,
  MasStackFaultTarget,
  MasStackOperationId,
  MasStackSimulator,
  MasStackSimulatorOptions,
  RunOptions,
  ServiceAccountKey,
  SimulatedDevice,
  SimulatedMovement,
  SimulatedPromotion,
  SimulatedRefund,
  SimulatedService,
  SimulatedServiceSeed,
  SimulatorFetch,
  SimulatorServer,
  SimulatorServiceAccount,
  SimulatorWorkflow,
} from "./options.js";
// The shapes the simulator's answers and callbacks are made of, so a test needs no second entry.
export type {
  BarringCallback,
  BarringsDetail,
  BarringUpdate,
  ErrorBody,
  MovementCreated,
  Promotion,
  PromotionCreated,
  RefundCreated,
  ServiceCallback,
  ServiceType,
} from "../generated/types.js";
export type { CallbackBodies } from "../generated/callbacks.js";
