// `giacom-sdk/tmf638`: a client of TMF638 v4 Service Inventory APIs (the vendor's "Service
// Inventory Biz" profile of spec/tmf638.openapi.yaml: a business unit in every path, header
// credentials, the vendor's error body). Every export is named here on purpose: what is not
// exported here is not public.
export { createServiceInventoryClient } from "./client.js";
export type { ServiceInventoryClient, ServiceInventoryClientOptions } from "./client.js";
export type { CallOptions, FetchFunction, Hooks, Logger, RequestHookInfo, ResponseHookInfo, RetryHookInfo } from "../core/types.js";
export type { RetryOptions } from "../core/retry.js";
export type { ApiPromise, Sent } from "../core/transport.js";
export type { ListResult, PagedQuery } from "../tmf/list.js";
export type {
  GetServiceOptions,
  ListAllOptions,
  RetrieveServiceQuery,
  SelectedService,
  ServiceField,
  ServiceFilter,
  ServiceProjection,
  ServiceQuery,
  Services,
} from "./namespaces/services.js";
export type { ServiceInventoryHub } from "./namespaces/hub.js";
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  InvalidArgumentError,
  InvalidResponseError,
  isSdkError,
  NetworkError,
  NotFoundError,
  NotImplementedForBusinessError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  SdkError,
  ServerError,
  ServiceCountError,
  ServiceInventoryError,
  TimeoutError,
} from "./errors.js";
export type * from "./generated/types.js";
export type { ServiceInventoryEvent, ServiceInventoryEventType } from "./generated/events.js";
