// Public names for the schemas of the Giacom contract (spec/giacom.openapi.yaml).
// The generated types stay internal: this is the only hand-written module that indexes
// into them, so the SDK can rename or refine a type without regenerating anything.
// Wire names ending in _FVO (create) and _MVO (update) are exposed as ...Create / ...Update.
import type { components } from "./generated/giacom.js";

type Schemas = components["schemas"];

// ---------- Service catalogue

/**
 * A service Giacom offers: its characteristics, features, category and lifecycle status.
 * @example
 * ```ts
 * const launched = (spec: ServiceSpecification) => spec.lifecycleStatus === "Launched";
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type ServiceSpecification = Schemas["ServiceSpecification"];

/**
 * How one characteristic of a service is set: cardinality, value type, allowed values and dependencies.
 * @example
 * ```ts
 * const mandatory = (c: CharacteristicSpecification) => (c.minCardinality ?? 0) >= 1 && c.configurable !== false;
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type CharacteristicSpecification = Schemas["CharacteristicSpecification"];

/**
 * An allowed value of a characteristic, or a rule for its values (range, regex).
 * @example
 * ```ts
 * const allowed = (c: CharacteristicSpecification) => c.characteristicValueSpecification?.map((v: CharacteristicValueSpecification) => v.value);
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type CharacteristicValueSpecification = Schemas["CharacteristicValueSpecification"];

/**
 * A dependency between two characteristics (`requires`, `value_eq`).
 * @example
 * ```ts
 * const pacNeedsNumber: CharacteristicSpecificationRelationship = { relationshipType: "requires", characteristicSpecificationId: "SUBSCRIBER_NUMBER" };
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type CharacteristicSpecificationRelationship = Schemas["CharacteristicSpecificationRelationship"];

/**
 * The kinds of dependency between characteristics.
 * @example
 * ```ts
 * const kind: CharacteristicSpecificationRelationshipType = "value_eq";
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type CharacteristicSpecificationRelationshipType = Schemas["CharacteristicSpecificationRelationshipTypeEnum"];

/**
 * A feature (bar, network service, APN) or a bundle of features.
 * @example
 * ```ts
 * const bundles = (spec: ServiceSpecification) => spec.featureSpecification?.filter((f: FeatureSpecification) => f.isBundle);
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type FeatureSpecification = Schemas["FeatureSpecification"];

/**
 * A relationship between features: a bundle `includes` them, or one `excludes` another.
 * @example
 * ```ts
 * const exclusion: FeatureSpecificationRelationship = { relationshipType: "excludes", featureId: "BAR_INWHENROAM" };
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type FeatureSpecificationRelationship = Schemas["FeatureSpecificationRelationship"];

/**
 * The kinds of relationship between features.
 * @example
 * ```ts
 * const kind: FeatureSpecificationRelationshipType = "includes";
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type FeatureSpecificationRelationshipType = Schemas["FeatureSpecificationRelationshipTypeEnum"];

/**
 * A relationship with another specification (`addon_for`, `convertible_to`).
 * @example
 * ```ts
 * const boltOnFor: ServiceSpecificationRelationship = { relationshipType: "addon_for", id: "MOBILE_VOICE_SRV_GIACOM_O2" };
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type ServiceSpecificationRelationship = Schemas["ServiceSpecificationRelationship"];

/**
 * The kinds of relationship between service specifications.
 * @example
 * ```ts
 * const kind: ServiceSpecificationRelationshipType = "convertible_to";
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type ServiceSpecificationRelationshipType = Schemas["ServiceSpecificationRelationshipTypeEnum"];

/**
 * A reference to a service specification; its `version` is a string.
 * @example
 * ```ts
 * const ref: ServiceSpecificationRef = { id: "MOBILE_VOICE_SRV_GIACOM_O2", version: "1" };
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type ServiceSpecificationRef = Schemas["ServiceSpecificationRef"];

/**
 * The categories of mobile services.
 * @example
 * ```ts
 * const category: ServiceCategory = "Mobile Bolt On";
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type ServiceCategory = Schemas["ServiceCategoryEnum"];

/**
 * The lifecycle states of a specification; only `Launched` ones can be ordered.
 * @example
 * ```ts
 * const orderable = (s: CatalogueLifecycleStatus) => s === "Launched";
 * ```
 * @group Service catalogue
 * @useDeclaredType
 */
export type CatalogueLifecycleStatus = Schemas["CatalogueLifeCycleStatusEnum"];

// ---------- Resources

/**
 * A provisionable resource, such as a SIM card or a subscriber number.
 * @example
 * ```ts
 * const isSim = (spec: ResourceSpecification) => spec.category === "Mobile SIM";
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type ResourceSpecification = Schemas["ResourceSpecification"];

/**
 * A relationship with another resource specification.
 * @example
 * ```ts
 * const needsNumber: ResourceSpecificationRelationship = { relationshipType: "requires", id: "Mobile_Subscriber_number" };
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type ResourceSpecificationRelationship = Schemas["ResourceSpecificationRelationship"];

/**
 * A reference to a resource specification.
 * @example
 * ```ts
 * const ref: ResourceSpecificationRef = { id: "Mobile_Subscriber_number" };
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type ResourceSpecificationRef = Schemas["ResourceSpecificationRef"];

/**
 * A stock unit: a subscriber number, a SIM card, and its states.
 * @example
 * ```ts
 * const available = (unit: Resource) => unit.resourceStatus === "available";
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type Resource = Schemas["Resource"];

/**
 * A stock unit to create.
 * @example
 * ```ts
 * const unit: ResourceCreate = { resourceSpecification: { id: "Mobile_Subscriber_number" }, resourceCharacteristic: [{ id: "SUBSCRIBER_NUMBER", value: [{ value: "07571234567" }] }] };
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type ResourceCreate = Schemas["Resource_FVO"];

/**
 * The fields of a stock unit to change.
 * @example
 * ```ts
 * const patch: ResourceUpdate = { resourceStatus: "available" };
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type ResourceUpdate = Schemas["Resource_MVO"];

/**
 * A relationship with another resource.
 * @example
 * ```ts
 * const rel: ResourceRelationship = { id: "1", relationshipType: "requires" };
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type ResourceRelationship = Schemas["ResourceRelationship"];

/**
 * The kinds of relationship between resources.
 * @example
 * ```ts
 * const kind: ResourceRelationshipType = "requires";
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type ResourceRelationshipType = Schemas["ResourceRelationshipTypeEnum"];

/**
 * Administrative state of a resource (ITU X.731).
 * @example
 * ```ts
 * const state: ResourceAdministrativeState = "locked";
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type ResourceAdministrativeState = Schemas["ResourceAdministrativeStateType"];

/**
 * Operational state of a resource (ITU X.731); Giacom spells it `enable`/`disable`.
 * @example
 * ```ts
 * const state: ResourceOperationalState = "disable";
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type ResourceOperationalState = Schemas["ResourceOperationalStateType"];

/**
 * Status of a resource.
 * @example
 * ```ts
 * const status: ResourceStatus = "planned";
 * ```
 * @group Resources
 * @useDeclaredType
 */
export type ResourceStatus = Schemas["ResourceStatusType"];

// ---------- Services

/**
 * A live service instance, with its states, characteristics and features.
 * @example
 * ```ts
 * const running = (line: Service) => line.operatingStatus === "running";
 * ```
 * @group Services
 * @useDeclaredType
 */
export type Service = Schemas["Service"];

/**
 * A reference to a service.
 * @example
 * ```ts
 * const target: ServiceRef = { id: "dd5244e1-13e3-45a5-b2f0-47b111a65142" };
 * ```
 * @group Services
 * @useDeclaredType
 */
export type ServiceRef = Schemas["ServiceRef"];

/**
 * A relationship with another service, e.g. a bolt-on `addon_for` its line.
 * @example
 * ```ts
 * const rel: ServiceRelationship = { relationshipType: "addon_for", service: { id: "dd5244e1-13e3-45a5-b2f0-47b111a65142" } };
 * ```
 * @group Services
 * @useDeclaredType
 */
export type ServiceRelationship = Schemas["ServiceRelationship"];

/**
 * The kinds of relationship between services.
 * @example
 * ```ts
 * const kind: ServiceRelationshipType = "addon_for";
 * ```
 * @group Services
 * @useDeclaredType
 */
export type ServiceRelationshipType = Schemas["ServiceRelationshipTypeEnum"];

/**
 * The order item that created, changed or terminated a service.
 * @example
 * ```ts
 * const createdBy = (line: Service) => line.serviceOrderItem?.find((i: RelatedServiceOrderItem) => i.itemAction === "add")?.serviceOrderId;
 * ```
 * @group Services
 * @useDeclaredType
 */
export type RelatedServiceOrderItem = Schemas["RelatedServiceOrderItem"];

/**
 * Lifecycle state of a service (network activations in progress).
 * @example
 * ```ts
 * const busy = (s: ServiceState) => s === "inactive";
 * ```
 * @group Services
 * @useDeclaredType
 */
export type ServiceState = Schemas["ServiceStateType"];

/**
 * Operating status of a service, its primary state.
 * @example
 * ```ts
 * const live = (s: ServiceOperatingStatus) => s === "running";
 * ```
 * @group Services
 * @useDeclaredType
 */
export type ServiceOperatingStatus = Schemas["ServiceOperatingStatusType"];

// ---------- Characteristics and features

/**
 * A characteristic of a service or resource as returned, with its values.
 * @example
 * ```ts
 * const msisdn = (line: Service) => line.serviceCharacteristic?.find((c: Characteristic) => c.id === "SUBSCRIBER_NUMBER")?.value?.[0]?.value;
 * ```
 * @group Characteristics and features
 * @useDeclaredType
 */
export type Characteristic = Schemas["Characteristic"];

/**
 * One value of a returned characteristic; `value` is always a string.
 * @example
 * ```ts
 * const first = (c: Characteristic): CharacteristicValue | undefined => c.value?.[0];
 * ```
 * @group Characteristics and features
 * @useDeclaredType
 */
export type CharacteristicValue = Schemas["CharacteristicValue"];

/**
 * A characteristic to set in an order or a new resource.
 * @example
 * ```ts
 * const tariff: CharacteristicCreate = { id: "TARIFF", value: [{ value: "62231" }] };
 * ```
 * @group Characteristics and features
 * @useDeclaredType
 */
export type CharacteristicCreate = Schemas["Characteristic_FVO"];

/**
 * A characteristic to change on a resource.
 * @example
 * ```ts
 * const change: CharacteristicUpdate = { id: "SN_SPID", value: [{ value: "GS901234" }] };
 * ```
 * @group Characteristics and features
 * @useDeclaredType
 */
export type CharacteristicUpdate = Schemas["Characteristic_MVO"];

/**
 * One value to set.
 * @example
 * ```ts
 * const value: CharacteristicValueCreate = { value: "100" };
 * ```
 * @group Characteristics and features
 * @useDeclaredType
 */
export type CharacteristicValueCreate = Schemas["CharacteristicValue_FVO"];

/**
 * A feature of a service as returned, and whether it is enabled.
 * @example
 * ```ts
 * const roamingBarred = (line: Service) => line.feature?.some((f: Feature) => f.id === "BAR_ROAMING" && f.isEnabled);
 * ```
 * @group Characteristics and features
 * @useDeclaredType
 */
export type Feature = Schemas["Feature"];

/**
 * A feature to enable or disable in an order.
 * @example
 * ```ts
 * const bar: FeatureCreate = { id: "BAR_PREMIUM", isEnabled: true };
 * ```
 * @group Characteristics and features
 * @useDeclaredType
 */
export type FeatureCreate = Schemas["Feature_FVO"];

/**
 * The intent of a service, as characteristics.
 * @example
 * ```ts
 * const intent: Intent = { characteristic: [] };
 * ```
 * @group Characteristics and features
 * @useDeclaredType
 */
export type Intent = Schemas["Intent"];

/**
 * The intent of a service to create, as characteristics.
 * @example
 * ```ts
 * const intent: IntentCreate = { characteristic: [] };
 * ```
 * @group Characteristics and features
 * @useDeclaredType
 */
export type IntentCreate = Schemas["Intent_FVO"];

// ---------- Service orders

/**
 * A service order as returned: its state, items and, when rejected or failed, `errorMessage`.
 * @example
 * ```ts
 * const why = (order: ServiceOrder) => (order.state === "rejected" ? order.errorMessage?.message : undefined);
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ServiceOrder = Schemas["ServiceOrder"];

/**
 * A service order to submit: one or more items, each adding, modifying or deleting a service.
 * @example
 * ```ts
 * const order: ServiceOrderCreate = { serviceOrderItem: [{ id: "1", action: "delete", service: { id: "7" } }] };
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ServiceOrderCreate = Schemas["ServiceOrder_FVO"];

/**
 * The fields of a service order to change.
 * @example
 * ```ts
 * const patch: ServiceOrderUpdate = { priority: "1" };
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ServiceOrderUpdate = Schemas["ServiceOrder_MVO"];

/**
 * An item of a returned order, with its state.
 * @example
 * ```ts
 * const pending = (order: ServiceOrder) => order.serviceOrderItem?.filter((i: ServiceOrderItem) => i.state !== "completed");
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ServiceOrderItem = Schemas["ServiceOrderItem"];

/**
 * An item of an order to submit: one action on one service.
 * @example
 * ```ts
 * const cease: ServiceOrderItemCreate = { id: "1", action: "delete", service: { id: "dd5244e1-13e3-45a5-b2f0-47b111a65142", endDate: "2025-09-01T00:00:00.000Z" } };
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ServiceOrderItemCreate = Schemas["ServiceOrderItem_FVO"];

/**
 * The service an item of a returned order acts on, as requested.
 * @example
 * ```ts
 * const serviceId = (item: ServiceOrderItem) => (item.service as ServiceRefOrValue | undefined)?.id;
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ServiceRefOrValue = Schemas["ServiceRefOrValue"];

/**
 * The service an item of an order to submit creates, changes or ceases.
 * @example
 * ```ts
 * const service: ServiceRefOrValueCreate = { id: "dd5244e1-13e3-45a5-b2f0-47b111a65142", feature: [{ id: "BAR_ROAMING", isEnabled: false }] };
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ServiceRefOrValueCreate = Schemas["ServiceRefOrValue_FVO"];

/**
 * A reference the client keeps on an order, e.g. its own order id.
 * @example
 * ```ts
 * const mine = (order: ServiceOrder) => order.externalReference?.find((r: ExternalReference) => r.externalReferenceType === "order_id")?.id;
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ExternalReference = Schemas["ExternalReference"];

/**
 * A reference to keep on an order to submit.
 * @example
 * ```ts
 * const ref: ExternalReferenceCreate = { id: "5001", externalReferenceType: "order_id", name: "ACME Comms" };
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ExternalReferenceCreate = Schemas["ExternalReference_FVO"];

/**
 * The states of a service order.
 * @example
 * ```ts
 * const finished = (s: ServiceOrderState) => ["completed", "failed", "rejected", "cancelled", "partial"].includes(s);
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ServiceOrderState = Schemas["ServiceOrderStateType"];

/**
 * The states of a service order item.
 * @example
 * ```ts
 * const done = (s: ServiceOrderItemState) => s === "completed";
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ServiceOrderItemState = Schemas["ServiceOrderItemStateType"];

/**
 * The action of an order item.
 * @example
 * ```ts
 * const action: ItemAction = "modify";
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ItemAction = Schemas["ItemActionType"];

/**
 * A task cancelling a service order, with its state.
 * @example
 * ```ts
 * const cancelled = (task: CancelServiceOrder) => task.state === "done";
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type CancelServiceOrder = Schemas["CancelServiceOrder"];

/**
 * A request to cancel a service order.
 * @example
 * ```ts
 * const request: CancelServiceOrderCreate = { serviceOrder: { id: "72" }, cancellationReason: "customer request" };
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type CancelServiceOrderCreate = Schemas["CancelServiceOrder_FVO"];

/**
 * A reference to a service order.
 * @example
 * ```ts
 * const ref: ServiceOrderRef = { id: "72" };
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type ServiceOrderRef = Schemas["ServiceOrderRef"];

/**
 * The states of a task (cancellation, address validation).
 * @example
 * ```ts
 * const settled = (s: TaskState) => s === "done" || s === "terminatedWithError";
 * ```
 * @group Service orders
 * @useDeclaredType
 */
export type TaskState = Schemas["TaskStateType"];

// ---------- Parties and identifiers

/**
 * A party and the role it plays (`supplier`, `network`, `distributor`); on the wire `RelatedPartyRefOrPartyRoleRef`.
 * @example
 * ```ts
 * const distributor: RelatedParty = { role: "distributor", partyOrPartyRole: { id: "ACME Comms" } };
 * ```
 * @group Parties and identifiers
 * @useDeclaredType
 */
export type RelatedParty = Schemas["RelatedPartyRefOrPartyRoleRef"];

/**
 * A reference to a party or party role.
 * @example
 * ```ts
 * const party: PartyRef = { id: "GIACOM" };
 * ```
 * @group Parties and identifiers
 * @useDeclaredType
 */
export type PartyRef = Schemas["PartyRefOrPartyRoleRef"];

/**
 * An identification of an entity in another system, as returned.
 * @example
 * ```ts
 * const ours = (line: Service) => line.externalIdentifier?.find((e: ExternalIdentifier) => e.owner === "ACME Comms")?.id;
 * ```
 * @group Parties and identifiers
 * @useDeclaredType
 */
export type ExternalIdentifier = Schemas["ExternalIdentifier"];

/**
 * An identification of the entity in the client's system, to set on creation.
 * @example
 * ```ts
 * const id: ExternalIdentifierCreate = { owner: "ACME Comms", externalIdentifierType: "service_id", id: "123" };
 * ```
 * @group Parties and identifiers
 * @useDeclaredType
 */
export type ExternalIdentifierCreate = Schemas["ExternalIdentifier_FVO"];

/**
 * An identification of the entity in the client's system, to change.
 * @example
 * ```ts
 * const id: ExternalIdentifierUpdate = { id: "124" };
 * ```
 * @group Parties and identifiers
 * @useDeclaredType
 */
export type ExternalIdentifierUpdate = Schemas["ExternalIdentifier_MVO"];

/**
 * A reference to an entity.
 * @example
 * ```ts
 * const source: EntityRef = { id: "c9d8c1f1-7523-476a-b89f-774bfd390f46" };
 * ```
 * @group Parties and identifiers
 * @useDeclaredType
 */
export type EntityRef = Schemas["EntityRef"];

/**
 * A period of time; either end may be open.
 * @example
 * ```ts
 * const slot: TimePeriod = { startDateTime: "2025-03-01T08:00:00Z", endDateTime: "2025-03-01T13:00:00Z" };
 * ```
 * @group Parties and identifiers
 * @useDeclaredType
 */
export type TimePeriod = Schemas["TimePeriod"];

/**
 * The body of every error response (TMF `Error`).
 * @example
 * ```ts
 * const body: ErrorBody = { code: "ERR_000001", reason: "ERR_000001: Request body validation error at field level", message: "Error parsing field 'name'", status: "Error" };
 * ```
 * @group Parties and identifiers
 * @useDeclaredType
 */
export type ErrorBody = Schemas["Error"];

// ---------- Notifications

/**
 * A registered listener; the API key is never returned.
 * @example
 * ```ts
 * const protectedByKey = (hub: Hub) => hub.credentials?.type === "apikey";
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type Hub = Schemas["Hub"];

/**
 * A listener to register, optionally protected by an API key.
 * @example
 * ```ts
 * const hub: HubCreate = { callback: "https://yourportal.com/webhook", credentials: { type: "apikey", value: process.env.WEBHOOK_API_KEY! } };
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type HubCreate = Schemas["Hub_FVO"];

/**
 * The kind of credentials stored for a listener.
 * @example
 * ```ts
 * const kind: HubCredentials["type"] = "apikey";
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type HubCredentials = Schemas["HubCredentials"];

/**
 * The API key Giacom sends back as `Authorization: Basic <apiKey>` on every delivery.
 * @example
 * ```ts
 * const credentials: HubCredentialsCreate = { type: "apikey", value: process.env.WEBHOOK_API_KEY! };
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type HubCredentialsCreate = Schemas["HubCredentials_FVO"];

/**
 * The envelope of every notification; `event` holds the entity that raised it.
 * @example
 * ```ts
 * const isOrderEvent = (e: EventEnvelope) => e.eventType.startsWith("ServiceOrder");
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type EventEnvelope = Schemas["Event"];

/**
 * Notification: a service order was created.
 * @example
 * ```ts
 * const order = (e: ServiceOrderCreateEvent) => e.event.ServiceOrder;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceOrderCreateEvent = Schemas["ServiceOrderCreateEvent"];

/**
 * Notification: a service order's state changed.
 * @example
 * ```ts
 * const state = (e: ServiceOrderStateChangeEvent) => e.event.ServiceOrder?.state;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceOrderStateChangeEvent = Schemas["ServiceOrderStateChangeEvent"];

/**
 * Notification: attributes of a service order changed.
 * @example
 * ```ts
 * const order = (e: ServiceOrderAttributeValueChangeEvent) => e.event.ServiceOrder;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceOrderAttributeValueChangeEvent = Schemas["ServiceOrderAttributeValueChangeEvent"];

/**
 * Notification: a service order was deleted.
 * @example
 * ```ts
 * const order = (e: ServiceOrderDeleteEvent) => e.event.ServiceOrder;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceOrderDeleteEvent = Schemas["ServiceOrderDeleteEvent"];

/**
 * Notification: a service order needs more information.
 * @example
 * ```ts
 * const order = (e: ServiceOrderInformationRequiredEvent) => e.event.ServiceOrder;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceOrderInformationRequiredEvent = Schemas["ServiceOrderInformationRequiredEvent"];

/**
 * Notification: a service order is in jeopardy.
 * @example
 * ```ts
 * const order = (e: ServiceOrderJeopardyEvent) => e.event.ServiceOrder;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceOrderJeopardyEvent = Schemas["ServiceOrderJeopardyEvent"];

/**
 * Notification: a service order reached a milestone.
 * @example
 * ```ts
 * const order = (e: ServiceOrderMilestoneEvent) => e.event.ServiceOrder;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceOrderMilestoneEvent = Schemas["ServiceOrderMilestoneEvent"];

/**
 * Notification: a cancellation task was created.
 * @example
 * ```ts
 * const task = (e: CancelServiceOrderCreateEvent) => e.event.CancelServiceOrder;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type CancelServiceOrderCreateEvent = Schemas["CancelServiceOrderCreateEvent"];

/**
 * Notification: a cancellation task's state changed.
 * @example
 * ```ts
 * const state = (e: CancelServiceOrderStateChangeEvent) => e.event.CancelServiceOrder?.state;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type CancelServiceOrderStateChangeEvent = Schemas["CancelServiceOrderStateChangeEvent"];

/**
 * Notification: a cancellation task needs more information.
 * @example
 * ```ts
 * const task = (e: CancelServiceOrderInformationRequiredEvent) => e.event.CancelServiceOrder;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type CancelServiceOrderInformationRequiredEvent = Schemas["CancelServiceOrderInformationRequiredEvent"];

/**
 * Notification: a service was created.
 * @example
 * ```ts
 * const service = (e: ServiceCreateEvent) => e.event.service;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceCreateEvent = Schemas["ServiceCreateEvent"];

/**
 * Notification: a service's state changed.
 * @example
 * ```ts
 * const state = (e: ServiceStateChangeEvent) => e.event.service?.state;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceStateChangeEvent = Schemas["ServiceStateChangeEvent"];

/**
 * Notification: attributes of a service changed.
 * @example
 * ```ts
 * const service = (e: ServiceAttributeValueChangeEvent) => e.event.service;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceAttributeValueChangeEvent = Schemas["ServiceAttributeValueChangeEvent"];

/**
 * Notification: a service's operating status changed.
 * @example
 * ```ts
 * const status = (e: ServiceOperatingStatusChangeEvent) => e.event.service?.operatingStatus;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceOperatingStatusChangeEvent = Schemas["ServiceOperatingStatusChangeEvent"];

/**
 * Notification: a service was deleted.
 * @example
 * ```ts
 * const service = (e: ServiceDeleteEvent) => e.event.service;
 * ```
 * @group Notifications
 * @useDeclaredType
 */
export type ServiceDeleteEvent = Schemas["ServiceDeleteEvent"];

// ---------- Addresses and appointments

/**
 * An address with its Openreach identification.
 * @example
 * ```ts
 * const alk = (a: GeographicAddress) => a.openreachALK;
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type GeographicAddress = Schemas["GeographicAddress"];

/**
 * An address to create or to validate.
 * @example
 * ```ts
 * const address: GeographicAddressCreate = { streetNr: "1", streetName: "High Street", city: "London", postcode: "EC1A 1BB" };
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type GeographicAddressCreate = Schemas["GeographicAddress_FVO"];

/**
 * The result of matching an address: the exact match and alternatives.
 * @example
 * ```ts
 * const match = (v: GeographicAddressValidation) => v.validGeographicAddress ?? v.alternateGeographicAddress?.[0];
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type GeographicAddressValidation = Schemas["GeographicAddressValidation"];

/**
 * An address to match.
 * @example
 * ```ts
 * const request: GeographicAddressValidationCreate = { provideAlternative: true, submittedGeographicAddress: { postcode: "EC1A 1BB" } };
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type GeographicAddressValidationCreate = Schemas["GeographicAddressValidation_FVO"];

/**
 * The site an address belongs to.
 * @example
 * ```ts
 * const code = (s: GeographicSite) => s.code;
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type GeographicSite = Schemas["GeographicSiteRefOrValue"];

/**
 * Addressing within a property (building, floor).
 * @example
 * ```ts
 * const flat: GeographicSubAddress = { buildingName: "Giacom House", levelType: "floor", levelNumber: "2" };
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type GeographicSubAddress = Schemas["GeographicSubAddress"];

/**
 * Openreach address quality: gold, silver or bronze.
 * @example
 * ```ts
 * const gold = (q: OpenreachQualifier) => q === "GOLD";
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type OpenreachQualifier = Schemas["OpenreachQualifierEnum"];

/**
 * A booked appointment.
 * @example
 * ```ts
 * const when = (a: Appointment) => a.validFor?.startDateTime;
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type Appointment = Schemas["Appointment"];

/**
 * An appointment to book in a time slot.
 * @example
 * ```ts
 * const booking: AppointmentCreate = { validFor: { startDateTime: "2025-03-01T08:00:00Z", endDateTime: "2025-03-01T13:00:00Z" } };
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type AppointmentCreate = Schemas["Appointment_FVO"];

/**
 * The states of an appointment.
 * @example
 * ```ts
 * const confirmed = (s: AppointmentState) => s === "confirmed";
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type AppointmentState = Schemas["AppointmentStateType"];

/**
 * The service an appointment or a time slot search is for; on the wire `RelatedSrvCfgValue`.
 * @example
 * ```ts
 * const entity: AppointmentRelatedEntity = { role: "appointment", entity: { id: "dd5244e1-13e3-45a5-b2f0-47b111a65142" } };
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type AppointmentRelatedEntity = Schemas["RelatedSrvCfgValue"];

/**
 * The result of a time slot search.
 * @example
 * ```ts
 * const slots = (s: SearchTimeSlot) => s.availableTimeSlot ?? [];
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type SearchTimeSlot = Schemas["SearchTimeSlot"];

/**
 * A search for available time slots.
 * @example
 * ```ts
 * const search: SearchTimeSlotCreate = { requestedTimeSlot: [{ validFor: { startDateTime: "2025-03-01T00:00:00Z" } }] };
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type SearchTimeSlotCreate = Schemas["SearchTimeSlot_FVO"];

/**
 * The states of a time slot search.
 * @example
 * ```ts
 * const done = (s: SearchTimeSlotState) => s === "done";
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type SearchTimeSlotState = Schemas["SearchTimeSlotStateType"];

/**
 * A time slot.
 * @example
 * ```ts
 * const slot: TimeSlot = { validFor: { startDateTime: "2025-03-01T08:00:00Z" } };
 * ```
 * @group Addresses and appointments
 * @useDeclaredType
 */
export type TimeSlot = Schemas["TimeSlot"];
