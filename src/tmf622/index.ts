// `giacom-sdk/tmf622`: a client of TMF622 v4 Product Ordering APIs (the vendor's profile of
// spec/tmf622.openapi.yaml), its product order builder and its state table. Every export is
// named here on purpose: what is not exported here is not public.
export { createProductOrderingClient } from "./client.js";
export type { ProductOrderingClient, ProductOrderingClientOptions } from "./client.js";
export { clientCredentials } from "../core/auth/client-credentials.js";
export type { ClientCredentialsOptions, Credentials } from "../core/auth/client-credentials.js";
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
export type { PollingOptions, WaitOptions } from "../core/operation.js";
export type { ApiPromise, Sent } from "../core/transport.js";
export type { ListResult, PagedQuery } from "../tmf/list.js";
export type {
  CancellationQuery,
  GetProductOrderOptions,
  ListAllOptions,
  ProductOrderCancellations,
  ProductOrderField,
  ProductOrderFilter,
  ProductOrderProjection,
  ProductOrderQuery,
  ProductOrders,
  SelectedProductOrder,
} from "./namespaces/product-orders.js";
export type { ProductOrderingHub } from "./namespaces/hub.js";
export type { CancelProductOrderOptions, ProductOrderEventSource, ProductOrderOperation, ProductOrderToken } from "./operation.js";
export { PRODUCT_ORDER_CHANNEL, publishProductOrderChange } from "./operation.js";
export { isFinal, needsAttention, PRODUCT_ORDER_STATES } from "./states.js";
export type { ProductOrderStateInfo } from "./states.js";
export {
  addProduct,
  modifyProduct,
  ORDER_ITEM_ACTIONS,
  productOrder,
  ProductOrderBuilder,
  resumeProduct,
  suspendProduct,
  terminateProduct,
} from "./builder.js";
export type { ProductItemOptions, ProductOrderItemDraft } from "./builder.js";
export {
  AbortError,
  AuthenticationError,
  AuthError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  InvalidArgumentError,
  InvalidResponseError,
  isSdkError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  ProductOrderCancellationError,
  ProductOrderFailedError,
  ProductOrderWaitTimeoutError,
  RedirectError,
  SdkError,
  ServerError,
  TimeoutError,
  TmfApiError,
} from "./errors.js";
export type { ProductOrderFailureState, ProductOrderItemOutcome, TmfErrorBody } from "./errors.js";
export type * from "./generated/types.js";
export type { ProductOrderingEvent, ProductOrderingEventType } from "./generated/events.js";
