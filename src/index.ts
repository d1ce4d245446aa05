// The public entry point of giacom-sdk. Every export is named here on purpose: what is not
// listed is internal. Contract types come from src/giacom/types.ts, never from a generated/ folder.

export { VERSION } from "./core/version.js";

export { createGiacomClient, ENVIRONMENTS } from "./giacom/client.js";
export type { GiacomClient, GiacomClientOptions, GiacomEnvironment } from "./giacom/client.js";
export { clientCredentials } from "./core/auth/client-credentials.js";
export type { ClientCredentialsOptions, Credentials, GiacomScope } from "./giacom/credentials.js";
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
} from "./core/types.js";
export type { RetryOptions } from "./core/retry.js";
export type { ApiPromise, Sent } from "./core/transport.js";
export type { ListQuery, ListResult } from "./tmf/list.js";
export { jsonPath } from "./tmf/json-path.js";
export { characteristicValue, characteristicValues } from "./giacom/characteristics.js";
export type { HasCharacteristics } from "./giacom/characteristics.js";
export {
  AbortError,
  ApiError,
  AuthError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  GiacomError,
  InvalidArgumentError,
  InvalidResponseError,
  isGiacomError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ServerError,
  TimeoutError,
} from "./giacom/errors.js";
export type { ApiErrorDetails, GiacomErrorCode } from "./giacom/errors.js";
export { TmfApiError } from "./tmf/errors.js";
export type { TmfErrorBody } from "./tmf/errors.js";
export type {
  GetSpecificationOptions,
  ResourceSpecificationQuery,
  ResourceSpecifications,
  ServiceSpecificationQuery,
  ServiceSpecifications,
} from "./giacom/namespaces/catalogue.js";
export type { ResourceQuery, Resources } from "./giacom/namespaces/resources.js";
export type { GetServiceOptions, ServiceQuery, Services } from "./giacom/namespaces/services.js";
export type { CancellationQuery, Cancellations, ServiceOrderQuery, ServiceOrders } from "./giacom/orders/service-orders.js";
export type { HubApi, Subscription } from "./giacom/namespaces/hub.js";
export type { Appointments, GeographicAddresses } from "./giacom/namespaces/addresses-appointments.js";
export type { CreateOrderOptions } from "./giacom/orders/service-orders.js";
export { validateOrder } from "./giacom/validation/validate-order.js";
export type { SpecificationLookup, ValidationContext } from "./giacom/validation/validate-order.js";
export { formatIssues } from "./giacom/validation/issues.js";
export type { OrderIssue, OrderIssueCode, ValidationResult } from "./giacom/validation/issues.js";
export { giacomSupplierRules } from "./giacom/validation/rules.js";
export type { ItemView, SupplierRule, SupplierRuleSet } from "./giacom/validation/rules.js";
export { OrderValidationError } from "./giacom/validation/order-validation-error.js";
export { SUBMISSION_REFERENCE } from "./giacom/orders/service-orders.js";
export type { SubmitOptions } from "./giacom/orders/service-orders.js";
export type {
  CancelOrderOptions,
  OrderEventSource,
  OrderOperation,
  OrderOperationToken,
  PollingOptions,
  WaitOptions,
} from "./giacom/orders/order-operation.js";
export { OrderCancellationError, OrderFailedError, OrderWaitTimeoutError, SubmissionUnknownError } from "./giacom/orders/errors.js";
export type { ItemOutcome } from "./giacom/orders/errors.js";

export type {
  ServiceSpecification,
  CharacteristicSpecification,
  CharacteristicValueSpecification,
  CharacteristicSpecificationRelationship,
  CharacteristicSpecificationRelationshipType,
  FeatureSpecification,
  FeatureSpecificationRelationship,
  FeatureSpecificationRelationshipType,
  ServiceSpecificationRelationship,
  ServiceSpecificationRelationshipType,
  ServiceSpecificationRef,
  ServiceCategory,
  CatalogueLifecycleStatus,
  ResourceSpecification,
  ResourceSpecificationRelationship,
  ResourceSpecificationRef,
  Resource,
  ResourceCreate,
  ResourceUpdate,
  ResourceRelationship,
  ResourceRelationshipType,
  ResourceAdministrativeState,
  ResourceOperationalState,
  ResourceStatus,
  Service,
  ServiceRef,
  ServiceRelationship,
  ServiceRelationshipType,
  RelatedServiceOrderItem,
  ServiceState,
  ServiceOperatingStatus,
  Characteristic,
  CharacteristicValue,
  CharacteristicCreate,
  CharacteristicUpdate,
  CharacteristicValueCreate,
  Feature,
  FeatureCreate,
  Intent,
  IntentCreate,
  ServiceOrder,
  ServiceOrderCreate,
  ServiceOrderUpdate,
  ServiceOrderItem,
  ServiceOrderItemCreate,
  ServiceRefOrValue,
  ServiceRefOrValueCreate,
  ExternalReference,
  ExternalReferenceCreate,
  ServiceOrderState,
  ServiceOrderItemState,
  ItemAction,
  CancelServiceOrder,
  CancelServiceOrderCreate,
  ServiceOrderRef,
  TaskState,
  RelatedParty,
  PartyRef,
  ExternalIdentifier,
  ExternalIdentifierCreate,
  ExternalIdentifierUpdate,
  EntityRef,
  TimePeriod,
  ErrorBody,
  Hub,
  HubCreate,
  HubCredentials,
  HubCredentialsCreate,
  EventEnvelope,
  ServiceOrderCreateEvent,
  ServiceOrderStateChangeEvent,
  ServiceOrderAttributeValueChangeEvent,
  ServiceOrderDeleteEvent,
  ServiceOrderInformationRequiredEvent,
  ServiceOrderJeopardyEvent,
  ServiceOrderMilestoneEvent,
  CancelServiceOrderCreateEvent,
  CancelServiceOrderStateChangeEvent,
  CancelServiceOrderInformationRequiredEvent,
  ServiceCreateEvent,
  ServiceStateChangeEvent,
  ServiceAttributeValueChangeEvent,
  ServiceOperatingStatusChangeEvent,
  ServiceDeleteEvent,
  JsonPatch,
  GeographicAddress,
  GeographicAddressCreate,
  GeographicAddressValidation,
  GeographicAddressValidationCreate,
  GeographicSite,
  GeographicSubAddress,
  OpenreachQualifier,
  Appointment,
  AppointmentCreate,
  AppointmentState,
  AppointmentRelatedEntity,
  SearchTimeSlot,
  SearchTimeSlotCreate,
  SearchTimeSlotState,
  TimeSlot,
} from "./giacom/types.js";

// Service order builders: immutable sugar over ServiceOrderCreate.
export { addBoltOn, addService, ceaseBoltOn, ceaseService, modifyService, serviceOrder } from "./giacom/builders/service-order.js";
export type {
  AddServiceBuilder,
  CeaseServiceBuilder,
  ModifyServiceBuilder,
  ServiceConfigurationBuilder,
  ServiceOrderBuilder,
  ServiceOrderItemBuilder,
  SimSwapOptions,
  SimType,
} from "./giacom/builders/service-order.js";
