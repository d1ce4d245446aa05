// giacom-sdk/masstack/callbacks: the receiver for MasStack's operation callbacks. No Node-only
// API at run time (toNodeHandler only uses the objects it is given), so it loads in workers too.
export { MASSTACK_WORKFLOWS_CHANNEL, createCallbackReceiver } from "./receiver.js";
export type { BarringCallbackBody, CallbackReceiver, CallbackReceiverOptions, ReceivedCallback, ServiceCallbackBody } from "./receiver.js";
export { MemoryCallbackResultStore } from "./store.js";
export type { CallbackResultStore, MemoryCallbackResultStoreOptions } from "./store.js";
export type { CallbackDelivery, CallbackOutcome, CallbackRouter } from "./types.js";
export { MemoryDedupeStore } from "../../core/receiver/stores.js";
export type { DedupeStore, MemoryDedupeStoreOptions } from "../../core/receiver/stores.js";
export { WebhookBodyConsumedError, toNodeHandler } from "../../core/receiver/node.js";
export type { NodeHandlerOptions } from "../../core/receiver/node.js";
