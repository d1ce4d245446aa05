// `giacom-sdk/core`: what every API client of the package is built from, for a fifth API. It
// knows no API: a client gives it its generated `paths` type, its authentication, its error
// decoding and its success rules as values. Every export is named here on purpose.

export { createTransport, failedBeforeSending, repeatedDeleteGone, respond } from "./transport.js";
export type { ApiPromise, Data, Init, Method, Operation, OperationOf, PathsWith, Sent, SuccessRule, Transport, TransportConfig } from "./transport.js";
export { CLIENT_OPTIONS, checkedUrl, checkOptionNames, duration, resolveClientOptions, resolvePolling } from "./options.js";
export type { ClientOptions } from "./options.js";
export type {
  CallOptions,
  Credential,
  FetchFunction,
  Hooks,
  Logger,
  RequestAuth,
  RequestHookInfo,
  ResponseHookInfo,
  RetryHookInfo,
  TokenProvider,
  TokenRefreshInfo,
} from "./types.js";
export type { RetryOptions, RetryPolicy } from "./retry.js";
export { bearer, staticHeaders } from "./auth/strategies.js";
export { clientCredentials } from "./auth/client-credentials.js";
export { resolveTokenProvider } from "./auth/resolve.js";
export type { ClientCredentialsOptions, Credentials } from "./auth/client-credentials.js";
export { serviceAccount } from "./auth/service-account.js";
export type { ServiceAccountKey, ServiceAccountOptions } from "./auth/service-account.js";
export {
  AbortError,
  ApiError,
  apiErrorFamily,
  AuthError,
  ConfigurationError,
  InvalidArgumentError,
  InvalidResponseError,
  isSdkError,
  NetworkError,
  RedirectError,
  SdkError,
  StoreUnavailableError,
  TimeoutError,
} from "./errors.js";
export type { ApiErrorClass, ApiErrorDetails, ApiErrorFamily, DecodedError, SdkErrorCode } from "./errors.js";
export { createOperation } from "./operation.js";
export type { OperationEvents, OperationHandle, OperationStrategy, PollingOptions, WaitOptions } from "./operation.js";
export { createReceiver, createSecretCheck } from "./receiver/receiver.js";
export type { DeliveryMeta, ParsedDelivery, Receiver, ReceiverOptions, ReceiverProfile, Reply, UnknownDeliveryMeta } from "./receiver/receiver.js";
export { createMemoryVersionStore, MemoryDedupeStore } from "./receiver/stores.js";
export type { DedupeStore, MemoryDedupeStoreOptions, VersionStore } from "./receiver/stores.js";
export { toNodeHandler, WebhookBodyConsumedError } from "./receiver/node.js";
export type { NodeHandlerOptions } from "./receiver/node.js";
export {
  createMemoryStores,
  MemoryClaimStore,
  MemoryEntityVersionStore,
  MemoryEventBus,
  MemoryLockStore,
  MemoryResultStore,
  MemoryTokenCache,
} from "./stores/memory.js";
export type { MemoryEventBusOptions, MemoryLockStoreOptions, MemoryStoreOptions } from "./stores/memory.js";
export type {
  AdvanceResult,
  CachedToken,
  ChannelListener,
  ClaimResult,
  ClaimStore,
  EntityVersionStore,
  EventBus,
  Lock,
  LockStore,
  ResultStore,
  StoreClock,
  Stores,
  TokenCache,
} from "./stores/stores.js";
export { VERSION } from "./version.js";
