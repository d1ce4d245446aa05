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

/** The item being checked: its service, where that is, what it sets, and where issues go. */
interface Item extends Sources {
  service: Raw;
  /** Path of the service, e.g. `serviceOrderItem[0].service`. */
  at: string;
  ordered: Map<string, Held>;
  order: Report;
  catalogue: Report;
}

type Raw = Record<string, unknown>;

const isLive = (service: Service) => service.state !== "terminated";
const versionOf = (ref: { version?: unknown }) => (ref.version === undefined ? undefined : show(ref.version));
const specRefOf = ({ service }: Item) => (isRecord(service.serviceSpecification) ? service.serviceSpecification : undefined);
const nothing = (live?: Service): Target => ({ spec: undefined, live, state: new Map(), converting: false });

/**
 * @internal Checks `item` (at `path`) into `found`. Undefined when the item is too malformed
 * to say what it orders (an unknown action, no service): supplier rules have nothing to judge.
 */
export function checkItem(item: ServiceOrderItemCreate, path: string, sources: Sources, found: OrderIssue[]): CheckedItem | undefined {
  const order = reporter(ORDER, found);
  const action = checkAction(item.action, `${path}.action`, order);
  if (!action) return undefined;
  const service = item.service as unknown;
  const at = `${path}.service`;
  if (!isRecord(service)) return void order("MISSING_SERVICE", at, `an "${action}" item needs a service`);
  const ordered = readCharacteristics(service.serviceCharacteristic, `${at}.serviceCharacteristic`, order);
  const x: Item = { ...sources, service, at, ordered, order, catalogue: reporter(CATALOGUE, found) };
  const target = targetOf(x, action);
  const spec = target.spec;
  if (spec) {
    checkCharacteristics(spec, ordered, target.state, `${at}.serviceCharacteristic`, action === "add" || target.converting, x.catalogue);
    checkFeatures(spec, service.feature, `${at}.feature`, target.live, x.catalogue);
    if (action === "add") {
      checkParties(x, spec);
      checkBoltOn(x, spec);
    }
  }
  return { action, ordered, ...target };
}

function checkAction(action: unknown, path: string, report: Report): CheckedItem["action"] | undefined {
  if (action === "add" || action === "modify" || action === "delete") return action;
  if (action === "noChange") report("UNSUPPORTED_ACTION", path, '"noChange" items do nothing', undefined, "warning");
  else report("UNSUPPORTED_ACTION", path, `action ${show(action)} is not one of add, modify, delete`);
  return undefined;
}

function targetOf(x: Item, action: CheckedItem["action"]): Target {
  if (action === "add") return addTarget(x);
  const id = x.service.id;
  if (!isId(id)) {
    x.order("MISSING_SERVICE_ID", `${x.at}.id`, `a "${action}" item needs the id of the live service`);
    return nothing();
  }
  return action === "delete" ? deleteTarget(x, id) : modifyTarget(x, id);
}

function addTarget(x: Item): Target {
  const specPath = `${x.at}.serviceSpecification`;
  if (x.service.id !== undefined) x.order("IGNORED_FIELD", `${x.at}.id`, "service.id is ignored on add", undefined, "warning");
  const ref = specRefOf(x);
  let spec: CompiledSpecification | undefined;
  if (typeof ref?.id !== "string") x.order("MISSING_SPECIFICATION", specPath, "an add item needs serviceSpecification { id, version }");
  else spec = resolve(x, ref.id, versionOf(ref), specPath, true);
  return { ...nothing(), spec, state: new Map(x.ordered) };
}

function deleteTarget(x: Item, id: string): Target {
  const { service, at } = x;
  for (const field of ["serviceCharacteristic", "feature", "serviceSpecification"] as const) {
    if (service[field] !== undefined) x.order("IGNORED_FIELD", `${at}.${field}`, `a delete item ignores ${field}`, undefined, "warning");
  }
  if (service.endDate !== undefined && (typeof service.endDate !== "string" || valueTypeProblem("date-time", service.endDate))) {
    x.order("INVALID_VALUE_TYPE", `${at}.endDate`, "endDate must be an RFC 3339 date-time");
  }
  const live = findLive(x, id, `${at}.id`, "SERVICE_NOT_FOUND");
  if (live && !isLive(live)) x.catalogue("SERVICE_NOT_LIVE", `${at}.id`, `service ${live.id} is already ${live.state}`, live.id);
  return nothing(live);
}

function modifyTarget(x: Item, id: string): Target {
  const idPath = `${x.at}.id`;
  const specPath = `${x.at}.serviceSpecification`;
  const live = findLive(x, id, idPath, "SERVICE_NOT_FOUND");
  if (!live) return nothing();
  if (!isLive(live)) x.catalogue("SERVICE_NOT_LIVE", idPath, `service ${live.id} is ${live.state}: it cannot be changed`, live.id);
  const current = live.serviceSpecification;
  const ref = specRefOf(x);
  const named = typeof ref?.id === "string" ? ref : undefined;
  const converting = named !== undefined && named.id !== current?.id;
  const targetId = named ? (named.id as string) : current?.id;
  let spec: CompiledSpecification | undefined;
  if (!targetId) x.catalogue("SPECIFICATION_NOT_FOUND", idPath, `service ${live.id} names no specification`, live.id);
  else spec = resolve(x, targetId, named ? versionOf(named) : current?.version, converting ? specPath : idPath, converting);
  if (!spec) return { ...nothing(live), converting };
  if (converting) checkConversion(x, live, spec, specPath);
  return { spec, live, state: resultingState(x, live, spec, converting), converting };
}

/** The specification `id` names, checked to be orderable when `ordering`. */
function resolve(x: Item, id: string, version: string | undefined, path: string, ordering: boolean): CompiledSpecification | undefined {
  const { spec: found, other } = x.lookup(id, version);
  if (!found) {
    if (other)
      x.catalogue("SPECIFICATION_VERSION_MISMATCH", path, `${id} version ${version} is not available; the catalogue has version ${show(other.version)}`, id);
    else
      x.catalogue(
        "SPECIFICATION_NOT_FOUND",
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
    x.catalogue("SPECIFICATION_NOT_ORDERABLE", path, `${compiled.id} is ${status}: ${why}`, compiled.id);
  }
  return compiled;
}

function findLive(x: Item, id: string, path: string, code: "SERVICE_NOT_FOUND" | "BOLT_ON_TARGET_NOT_FOUND"): Service | undefined {
  const s = x.services.get(id);
  if (!s) x.catalogue(code, path, `service ${id} is not among the live services given to the validator`, id);
  return s;
}

function checkConversion(x: Item, live: Service, spec: CompiledSpecification, specPath: string): void {
  const current = live.serviceSpecification;
  const from = current?.id ? x.lookup(current.id, current.version).spec : undefined;
  const fromCompiled = from ? compileSpecification(from) : undefined;
  if (!fromCompiled) {
    x.catalogue(
      "SPECIFICATION_NOT_FOUND",
      specPath,
      `specification ${current?.id} of service ${live.id} is not in the catalogue given to the validator`,
      current?.id,
    );
  } else if (!fromCompiled.convertibleTo.has(spec.id) && !spec.convertibleTo.has(fromCompiled.id)) {
    const why = "neither is convertible_to the other";
    x.catalogue("CONVERSION_NOT_ALLOWED", specPath, `${fromCompiled.id} cannot be converted to ${spec.id}: ${why}`, spec.id);
  }
}

/**
 * The live service's values, overridden by the order's. On a conversion the system carries
 * over what the new specification knows.
 */
function resultingState(x: Item, live: Service, spec: CompiledSpecification, converting: boolean): Map<string, Held> {
  const state = new Map<string, Held>();
  for (const c of live.serviceCharacteristic ?? []) {
    if (!c?.id || (converting && !spec.characteristics.has(c.id))) continue;
    state.set(c.id, { values: (c.value ?? []).flatMap((v) => (typeof v?.value === "string" ? [v.value] : [])), path: undefined });
  }
  // A blank value in a change keeps the current one ("leave blank to reuse").
  for (const [id, held] of x.ordered) if (nonBlank(held) || !state.has(id)) state.set(id, held);
  return state;
}

function checkParties(x: Item, spec: CompiledSpecification): void {
  for (const p of listOr(x.service.relatedParty)) {
    const defined = typeof p?.role === "string" ? spec.parties.get(p.role) : undefined;
    if (defined === undefined || p.partyOrPartyRole?.id === undefined || p.partyOrPartyRole.id === defined) continue;
    const role = show(p.role);
    const message = `${spec.id} defines the ${role} as ${defined}, not ${show(p.partyOrPartyRole.id)}`;
    x.catalogue("RELATED_PARTY_CONFLICT", `${x.at}.relatedParty`, message, role);
  }
}

function checkBoltOn(x: Item, spec: CompiledSpecification): void {
  const path = `${x.at}.serviceRelationship`;
  const targets = listOr(x.service.serviceRelationship).filter((r) => r?.relationshipType === "addon_for");
  if (!spec.isBoltOn) {
    if (targets.length > 0) x.catalogue("NOT_A_BOLT_ON", path, `${spec.id} is not a bolt-on: it cannot be "addon_for" a service`, spec.id);
    return;
  }
  if (targets.length === 0) {
    const how = 'name its live service with an "addon_for" serviceRelationship';
    x.catalogue("BOLT_ON_TARGET_MISSING", path, `${spec.id} is a bolt-on: ${how}`, spec.id);
  }
  targets.forEach((r, k) => {
    const targetPath = `${path}[${k}].service.id`;
    const target = typeof r.service?.id === "string" ? findLive(x, r.service.id, targetPath, "BOLT_ON_TARGET_NOT_FOUND") : undefined;
    if (target) checkBoltOnTarget(x.catalogue, spec, target, targetPath);
  });
}

function checkBoltOnTarget(report: Report, spec: CompiledSpecification, target: Service, path: string): void {
  if (!isLive(target)) report("BOLT_ON_TARGET_NOT_LIVE", path, `service ${target.id} is ${target.state}: bolt-ons need a live service`, target.id);
  const targetSpec = target.serviceSpecification?.id;
  if (targetSpec && !spec.addonFor.has(targetSpec)) {
    const forWhat = list(spec.addonFor) || "no specification";
    report("BOLT_ON_NOT_COMPATIBLE", path, `${spec.id} is a bolt-on for ${forWhat}, not for ${targetSpec} (of service ${target.id})`, spec.id);
  }
}
