// `giacom-sdk/masstack`: a client of the MasStack Partners V3 API (spec/masstack.openapi.yaml:
// services of seven types created and changed asynchronously, with callbacks; barrings; billing
// movements and refunds; promotions; device insurance). Every export is named here on purpose:
// what is not exported here is not public.
export { createMasStackClient } from "./client.js";
export type { MasStackClient, MasStackClientOptions, MasStackOperations } from "./client.js";
export { serviceAccount } from "../core/auth/service-account.js";
export type { ServiceAccountKey, ServiceAccountOptions } from "../core/auth/service-account.js";
export type {
  CallOptions,
  FetchFunction,
  Hooks,
  Logger,
  RequestHookInfo,
  ResponseHookInfo,
  RetryHookInfo,
  TokenProvider,
  TokenRefreshInfo,
} from "../core/types.js";
export type { RetryOptions } from "../core/retry.js";
export type { ApiPromise, Sent } from "../core/transport.js";
export type { WaitOptions } from "../core/operation.js";
export type { ServiceCreateBody, ServiceDeviceUpdateBody, Services, ServicesOfType } from "./namespaces/services.js";
export type { DeviceDetailsByCategory, ServiceDetailsByType } from "./generated/variants.js";
export type { Barrings } from "./namespaces/barrings.js";
export type { Billing, Movements, Refunds } from "./namespaces/billing.js";
export type { DeviceInsurance, Promotions } from "./namespaces/promotions.js";
export type { WorkflowCallOptions } from "./namespaces/send.js";
export type { MasStackOperation, MasStackOperationKind, MasStackOperationResult, MasStackOperationState, MasStackOperationToken } from "./operation.js";
export type { CallbackDelivery, CallbackOutcome, CallbackRouter } from "./callbacks/types.js";
export {
  AbortError,
  ApiError,
  AuthError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  DuplicateWorkflowError,
  InvalidArgumentError,
  InvalidResponseError,
  isSdkError,
  MasStackApiError,
  MasStackCallbackError,
  MasStackCallbackTimeoutError,
  MasStackValidationError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RedirectError,
  SdkError,
  ServerError,
  TimeoutError,
} from "./errors.js";
export type { MasStackValidationIssue } from "./errors.js";
export type * from "./generated/types.js";
