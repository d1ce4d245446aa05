// One order item: its action, then the specification and live service it names, then what the
// catalogue says of its characteristics, features, parties and bolt-on target.
import { show } from "../../core/internal/show.js";
import type { Service, ServiceOrderItemCreate } from "../types.js";
import { checkCharacteristics } from "./check-characteristics.js";
import { checkFeatures } from "./check-features.js";
import { compileSpecification, type CompiledSpecification } from "./compile.js";
import type { OrderIssue } from "./issues.js";
import type { Lookup } from "./lookup.js";
import { isId, isRecord, listOr, nonBlank, readCharacteristics, type Held } from "./read-order.js";
import { CATALOGUE, list, ORDER, reporter, type Report } from "./report.js";
import { valueTypeProblem } from "./values.js";

/** @internal What checking an item needs from the whole order's context. */
export interface Sources {
  lookup: Lookup;
  /** The live services, by id. */
  services: Map<string, Service>;
}

/** @internal What an item orders or changes, as far as the context holds it. */
export interface CheckedItem {
  action: "add" | "modify" | "delete";
  /** The characteristics the item sets. */
  ordered: Map<string, Held>;
  spec: CompiledSpecification | undefined;
  live: Service | undefined;
  /** The characteristics after the change: the live service's with the order's on top. */
  state: Map<string, Held>;
  converting: boolean;
}

type Target = Omit<CheckedItem, "action" | "ordered">;

interface Checks extends Sources {
  order: Report;
  catalogue: Report;
}

type Raw = Record<string, unknown>;

const isLive = (service: Service) => service.state !== "terminated";
const versionOf = (ref: { version?: unknown }) => (ref.version === undefined ? undefined : show(ref.version));
const specRefOf = (service: Raw) => (isRecord(service.serviceSpecification) ? service.serviceSpecification : undefined);
const nothing = (live?: Service): Target => ({ spec: undefined, live, state: new Map(), converting: false });

/**
 * @internal Checks `item` (at `path`) into `found`. Undefined when the item is too malformed
 * to say what it orders (an unknown action, no service): supplier rules have nothing to judge.
 */
export function checkItem(item: ServiceOrderItemCreate, path: string, sources: Sources, found: OrderIssue[]): CheckedItem | undefined {
  const at: Checks = { ...sources, order: reporter(ORDER, found), catalogue: reporter(CATALOGUE, found) };
  const action = checkAction(item.action, `${path}.action`, at.order);
  if (!action) return undefined;
  const service = item.service as unknown;
  if (!isRecord(service)) return void at.order("MISSING_SERVICE", "error", `${path}.service`, `an "${action}" item needs a service`);
  const sPath = `${path}.service`;
  const ordered = readCharacteristics(service.serviceCharacteristic, `${sPath}.serviceCharacteristic`, at.order);
  const target = targetOf(action, service, sPath, ordered, at);
  const spec = target.spec;
  if (spec) {
    checkCharacteristics(spec, ordered, target.state, `${sPath}.serviceCharacteristic`, action === "add" || target.converting, at.catalogue);
    checkFeatures(spec, service.feature, `${sPath}.feature`, target.live, at.catalogue);
    if (action === "add") {
      checkParties(spec, service.relatedParty, `${sPath}.relatedParty`, at.catalogue);
      checkBoltOn(spec, service.serviceRelationship, `${sPath}.serviceRelationship`, at);
    }
  }
  return { action, ordered, ...target };
}

function checkAction(action: unknown, path: string, report: Report): CheckedItem["action"] | undefined {
  if (action === "add" || action === "modify" || action === "delete") return action;
  if (action === "noChange") report("UNSUPPORTED_ACTION", "warning", path, 'Giacom documents add, modify and delete; "noChange" items do nothing');
  else report("UNSUPPORTED_ACTION", "error", path, `action ${show(action)} is not one of add, modify, delete`);
  return undefined;
}

function targetOf(action: CheckedItem["action"], service: Raw, sPath: string, ordered: Map<string, Held>, at: Checks): Target {
  if (action === "add") return addTarget(service, sPath, ordered, at);
  if (!isId(service.id)) {
    at.order("MISSING_SERVICE_ID", "error", `${sPath}.id`, `a "${action}" item needs the id of the live service`);
    return nothing();
  }
  return action === "delete" ? deleteTarget(service, service.id, sPath, at) : modifyTarget(service, service.id, sPath, ordered, at);
}

function addTarget(service: Raw, sPath: string, ordered: Map<string, Held>, at: Checks): Target {
  const specPath = `${sPath}.serviceSpecification`;
  if (service.id !== undefined) at.order("IGNORED_FIELD", "warning", `${sPath}.id`, "a new service gets its id from Giacom; service.id is ignored on add");
  const ref = specRefOf(service);
  let spec: CompiledSpecification | undefined;
  if (typeof ref?.id !== "string") at.order("MISSING_SPECIFICATION", "error", specPath, "an add item needs serviceSpecification { id, version }");
  else spec = resolve(ref.id, versionOf(ref), specPath, true, at);
  return { ...nothing(), spec, state: new Map(ordered) };
}

function deleteTarget(service: Raw, id: string, sPath: string, at: Checks): Target {
  for (const field of ["serviceCharacteristic", "feature", "serviceSpecification"] as const) {
    if (service[field] !== undefined)
      at.order("IGNORED_FIELD", "warning", `${sPath}.${field}`, `a delete item only needs the service id (and endDate); ${field} is ignored`);
  }
  if (service.endDate !== undefined && (typeof service.endDate !== "string" || valueTypeProblem("date-time", service.endDate))) {
    at.order("INVALID_VALUE_TYPE", "error", `${sPath}.endDate`, "endDate must be an RFC 3339 date-time such as 2025-09-01T00:00:00.000Z");
  }
  const idPath = `${sPath}.id`;
  const live = findLive(id, idPath, "SERVICE_NOT_FOUND", at);
  if (live && !isLive(live)) at.catalogue("SERVICE_NOT_LIVE", "error", idPath, `service ${live.id} is already ${live.state}`, live.id);
  return nothing(live);
}

function modifyTarget(service: Raw, id: string, sPath: string, ordered: Map<string, Held>, at: Checks): Target {
  const idPath = `${sPath}.id`;
  const specPath = `${sPath}.serviceSpecification`;
  const live = findLive(id, idPath, "SERVICE_NOT_FOUND", at);
  if (!live) return nothing();
  if (!isLive(live)) at.catalogue("SERVICE_NOT_LIVE", "error", idPath, `service ${live.id} is ${live.state}: it cannot be changed`, live.id);
  const current = live.serviceSpecification;
  const ref = specRefOf(service);
  const named = typeof ref?.id === "string" ? ref : undefined;
  const converting = named !== undefined && named.id !== current?.id;
  const targetId = named ? (named.id as string) : current?.id;
  let spec: CompiledSpecification | undefined;
  if (!targetId) at.catalogue("SPECIFICATION_NOT_FOUND", "error", idPath, `service ${live.id} names no specification; it cannot be checked`, live.id);
  else spec = resolve(targetId, named ? versionOf(named) : current?.version, converting ? specPath : idPath, converting, at);
  if (!spec) return { ...nothing(live), converting };
  if (converting) checkConversion(live, spec, specPath, at);
  return { spec, live, state: resultingState(live, ordered, spec, converting), converting };
}

/** The specification `id` names, checked to be orderable when `ordering`. */
function resolve(id: string, version: string | undefined, path: string, ordering: boolean, at: Checks): CompiledSpecification | undefined {
  const { spec: found, other } = at.lookup(id, version);
  if (!found) {
    if (other)
      at.catalogue(
        "SPECIFICATION_VERSION_MISMATCH",
        "error",
        path,
        `${id} version ${version} is not available; the catalogue has version ${show(other.version)}`,
        id,
      );
    else
      at.catalogue(
        "SPECIFICATION_NOT_FOUND",
        "error",
        path,
        `specification ${id}${version ? ` version ${version}` : ""} is not in the catalogue given to the validator`,
        id,
      );
    return undefined;
  }
  const compiled = compileSpecification(found);
  const status = found.lifecycleStatus;
  if (ordering && status !== undefined && status !== "Launched") {
    const why =
      status === "Retired" ? "still visible for services using it, but no longer available for ordering" : "only Launched specifications can be ordered";
    at.catalogue("SPECIFICATION_NOT_ORDERABLE", "error", path, `${compiled.id} is ${status}: ${why}`, compiled.id);
  }
  return compiled;
}

function findLive(id: string, path: string, code: "SERVICE_NOT_FOUND" | "BOLT_ON_TARGET_NOT_FOUND", at: Checks): Service | undefined {
  const s = at.services.get(id);
  if (!s) at.catalogue(code, "error", path, `service ${id} is not among the live services given to the validator (it does not exist or is not visible)`, id);
  return s;
}

function checkConversion(live: Service, spec: CompiledSpecification, specPath: string, at: Checks): void {
  const current = live.serviceSpecification;
  const from = current?.id ? at.lookup(current.id, current.version).spec : undefined;
  const fromCompiled = from ? compileSpecification(from) : undefined;
  if (!fromCompiled) {
    at.catalogue(
      "SPECIFICATION_NOT_FOUND",
      "error",
      specPath,
      `the current specification of service ${live.id} (${current?.id}) is needed to check the conversion and is not in the catalogue given to the validator`,
      current?.id,
    );
  } else if (!fromCompiled.convertibleTo.has(spec.id) && !spec.convertibleTo.has(fromCompiled.id)) {
    const why = "neither has a convertible_to relationship with the other";
    at.catalogue("CONVERSION_NOT_ALLOWED", "error", specPath, `${fromCompiled.id} cannot be converted to ${spec.id}: ${why}`, spec.id);
  }
}

/**
 * The live service's values, overridden by the order's. On a conversion the system carries
 * over what the new specification knows.
 */
function resultingState(live: Service, ordered: Map<string, Held>, spec: CompiledSpecification, converting: boolean): Map<string, Held> {
  const state = new Map<string, Held>();
  for (const c of live.serviceCharacteristic ?? []) {
    if (!c?.id || (converting && !spec.characteristics.has(c.id))) continue;
    state.set(c.id, { values: (c.value ?? []).flatMap((v) => (typeof v?.value === "string" ? [v.value] : [])), path: undefined });
  }
  // A blank value in a change keeps the current one ("leave blank to reuse").
  for (const [id, held] of ordered) if (nonBlank(held) || !state.has(id)) state.set(id, held);
  return state;
}

function checkParties(spec: CompiledSpecification, raw: unknown, path: string, report: Report): void {
  for (const p of listOr(raw)) {
    const defined = typeof p?.role === "string" ? spec.parties.get(p.role) : undefined;
    if (defined === undefined || p.partyOrPartyRole?.id === undefined || p.partyOrPartyRole.id === defined) continue;
    const role = show(p.role);
    report("RELATED_PARTY_CONFLICT", "error", path, `${spec.id} defines the ${role} as ${defined}, not ${show(p.partyOrPartyRole.id)}`, role);
  }
}

function checkBoltOn(spec: CompiledSpecification, raw: unknown, path: string, at: Checks): void {
  const targets = listOr(raw).filter((r) => r?.relationshipType === "addon_for");
  if (!spec.isBoltOn) {
    if (targets.length > 0)
      at.catalogue("NOT_A_BOLT_ON", "error", path, `${spec.id} is not a bolt-on: it cannot be added "addon_for" another service`, spec.id);
    return;
  }
  if (targets.length === 0) {
    const how = 'name the live service it is for with serviceRelationship { relationshipType: "addon_for", service: { id } }';
    at.catalogue("BOLT_ON_TARGET_MISSING", "error", path, `${spec.id} is a bolt-on: ${how}`, spec.id);
  }
  targets.forEach((r, k) => {
    const targetPath = `${path}[${k}].service.id`;
    const target = typeof r.service?.id === "string" ? findLive(r.service.id, targetPath, "BOLT_ON_TARGET_NOT_FOUND", at) : undefined;
    if (target) checkBoltOnTarget(spec, target, targetPath, at.catalogue);
  });
}

function checkBoltOnTarget(spec: CompiledSpecification, target: Service, path: string, report: Report): void {
  if (!isLive(target))
    report("BOLT_ON_TARGET_NOT_LIVE", "error", path, `service ${target.id} is ${target.state}: bolt-ons can only be added to a live service`, target.id);
  const targetSpec = target.serviceSpecification?.id;
  if (targetSpec && !spec.addonFor.has(targetSpec)) {
    const forWhat = list(spec.addonFor) || "no specification";
    report(
      "BOLT_ON_NOT_COMPATIBLE",
      "error",
      path,
      `${spec.id} is a bolt-on for ${forWhat}, not for ${targetSpec} (the specification of service ${target.id})`,
      spec.id,
    );
  }
}
