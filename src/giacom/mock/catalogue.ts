// The catalogues (service and resource specifications) with their versions. Read-only clients see
// Launched and Retired service specifications only; `integrations/service.write` sees every
// state. Without `version` a search or a read returns the most current version: the highest
// overall with service.write, else the Launched one, else the Retired one.
import type { ResourceSpecification, ServiceSpecification } from "../types.js";
import { badRequest, notFound } from "../../core/simulator/http.js";
import type { Query } from "../../tmf/simulator/search.js";
import { matcher, searchResponse } from "./search.js";

export const SERVICE_WRITE = "integrations/service.write";

type Versioned = { id: string; version?: number; lifecycleStatus?: string };

const READABLE = new Set(["Launched", "Retired"]);

type VersionChoice = ReadonlySet<number> | "*" | undefined;

/** `version` as the contract allows it: positive integers (repeated, an IN list), or `*` where `allowAll`. */
function readVersion(raw: readonly string[] | undefined, allowAll: boolean): VersionChoice {
  if (raw === undefined) return undefined;
  if (!allowAll && raw.length > 1) throw badRequest("version may be given once");
  if (allowAll && raw.includes("*")) return "*";
  for (const v of raw) if (!/^[1-9]\d*$/.test(v)) throw badRequest(`version must be a positive integer${allowAll ? " or *" : ""}, not ${v}`);
  return new Set(raw.map(Number));
}

function byId<T extends Versioned>(entities: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const e of entities) groups.set(e.id, [...(groups.get(e.id) ?? []), e]);
  for (const versions of groups.values()) versions.sort((a, b) => (b.version ?? 0) - (a.version ?? 0));
  return groups;
}

function current<T extends Versioned>(versions: readonly T[], anyState: boolean): T | undefined {
  if (anyState) return versions[0];
  return versions.find((v) => v.lifecycleStatus === "Launched" || v.lifecycleStatus === undefined) ?? versions.find((v) => v.lifecycleStatus === "Retired");
}

function pickVersions<T extends Versioned>(versions: readonly T[], version: VersionChoice, anyState: boolean): T[] {
  if (version === "*") return [...versions];
  if (version !== undefined) return versions.filter((v) => v.version !== undefined && version.has(v.version));
  const chosen = current(versions, anyState);
  return chosen ? [chosen] : [];
}

export class Catalogue {
  constructor(private readonly source: () => { serviceSpecifications: ServiceSpecification[]; resourceSpecifications: ResourceSpecification[] }) {}

  private serviceSpecs(anyState: boolean): ServiceSpecification[] {
    return this.source().serviceSpecifications.filter((s) => anyState || s.lifecycleStatus === undefined || READABLE.has(s.lifecycleStatus));
  }

  listServiceSpecifications(query: Query, anyState: boolean): Response {
    const version = readVersion(query.get("version"), true);
    const matches = matcher(query, ["version"]);
    const chosen = [...byId(this.serviceSpecs(anyState)).values()].flatMap((versions) => pickVersions(versions, version, anyState));
    return searchResponse(query, chosen.filter(matches));
  }

  getServiceSpecification(id: string, query: Query, anyState: boolean): ServiceSpecification {
    const version = readVersion(query.get("version"), false);
    const [found] = pickVersions(byId(this.serviceSpecs(anyState)).get(id) ?? [], version, anyState);
    if (!found) throw notFound("ServiceSpecification", version === undefined ? id : `${id} version ${[...version].join()}`);
    return found;
  }

  listResourceSpecifications(query: Query): Response {
    const version = readVersion(query.get("version"), true);
    const matches = matcher(query, ["version"]);
    const chosen = [...byId(this.source().resourceSpecifications).values()].flatMap((versions) => pickVersions(versions, version, true));
    return searchResponse(query, chosen.filter(matches));
  }

  getResourceSpecification(id: string, query: Query): ResourceSpecification {
    const version = readVersion(query.get("version"), false);
    const [found] = pickVersions(byId(this.source().resourceSpecifications).get(id) ?? [], version, true);
    if (!found) throw notFound("ResourceSpecification", version === undefined ? id : `${id} version ${[...version].join()}`);
    return found;
  }
}
