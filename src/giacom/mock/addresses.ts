// Address and appointment operations: the document only shows their schemas, so the simulator
// answers with plausible data of those shapes. A created address is a SILVER one (the API
// creates silver or bronze addresses); a validated address matches GOLD; a slot search offers
// the requested slots; a booking is confirmed.
import type { Appointment, GeographicAddress, GeographicAddressValidation, SearchTimeSlot, TimeSlot } from "../types.js";
import type { Clock } from "../../core/simulator/clock.js";
import { defined, parties } from "./enrich.js";
import { isRecord } from "../../core/simulator/http.js";
import { bodyError } from "./http.js";

const ADDRESS_FIELDS = ["city", "locality", "postcode", "stateOrProvince", "streetName", "streetNr", "openreachALK"] as const;
const SUB_ADDRESS_FIELDS = ["buildingName", "levelNumber", "levelType"] as const;

function strings<K extends string>(raw: Record<string, unknown>, keys: readonly K[]): Partial<Record<K, string>> {
  return Object.fromEntries(keys.flatMap((k) => (typeof raw[k] === "string" ? [[k, raw[k]]] : []))) as Partial<Record<K, string>>;
}

function address(raw: unknown, where: string): GeographicAddress {
  if (!isRecord(raw)) throw bodyError(`${where} must be an address object`);
  const site = isRecord(raw.geographicSite) ? defined({ relatedParty: parties(raw.geographicSite.relatedParty) }) : undefined;
  const sub = isRecord(raw.geographicSubAddress) ? strings(raw.geographicSubAddress, SUB_ADDRESS_FIELDS) : undefined;
  return defined({ ...strings(raw, ADDRESS_FIELDS), geographicSite: site, geographicSubAddress: sub });
}

function timePeriod(raw: unknown, where: string): { startDateTime?: string; endDateTime?: string } {
  if (!isRecord(raw)) throw bodyError(`${where} must be { startDateTime?, endDateTime? }`);
  for (const key of ["startDateTime", "endDateTime"]) {
    if (raw[key] !== undefined && (typeof raw[key] !== "string" || Number.isNaN(Date.parse(raw[key])))) throw bodyError(`${where}.${key} must be a date-time`);
  }
  return strings(raw, ["startDateTime", "endDateTime"]);
}

/** The relatedEntity of an appointment as sent; its schema is the order item's service. */
function relatedEntity(raw: unknown): Appointment["relatedEntity"] {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) throw bodyError("relatedEntity must be { role, entity }");
  return structuredClone(
    defined({
      role: typeof raw.role === "string" ? raw.role : undefined,
      entity: isRecord(raw.entity) ? (raw.entity as NonNullable<Appointment["relatedEntity"]>["entity"]) : undefined,
    }),
  );
}

export class Addresses {
  private alk = 0;

  constructor(private readonly clock: Clock) {}

  create(body: Record<string, unknown>): GeographicAddress {
    const created = address(body, "the address");
    return { ...created, openreachALK: created.openreachALK ?? this.nextAlk(), openreachQualifier: "SILVER" };
  }

  validate(body: Record<string, unknown>): GeographicAddressValidation {
    if (typeof body.provideAlternative !== "boolean") throw bodyError("provideAlternative is required (true or false)");
    const submitted = address(body.submittedGeographicAddress, "submittedGeographicAddress");
    const valid: GeographicAddress = { ...submitted, openreachALK: submitted.openreachALK ?? this.nextAlk(), openreachQualifier: "GOLD" };
    const alternate: GeographicAddress[] = body.provideAlternative ? [{ ...valid, streetNr: `${valid.streetNr ?? "1"}A`, openreachALK: this.nextAlk() }] : [];
    return {
      provideAlternative: body.provideAlternative,
      state: "done",
      submittedGeographicAddress: submitted,
      validGeographicAddress: valid,
      alternateGeographicAddress: alternate,
    };
  }

  searchTimeSlots(body: Record<string, unknown>): SearchTimeSlot {
    if (!Array.isArray(body.requestedTimeSlot) || body.requestedTimeSlot.length === 0) throw bodyError("requestedTimeSlot must list at least one { validFor }");
    const requested: TimeSlot[] = body.requestedTimeSlot.map((s: unknown, i) => ({
      validFor: timePeriod(isRecord(s) ? s.validFor : undefined, `requestedTimeSlot[${i}].validFor`),
    }));
    return defined({
      searchDate: this.clock.iso(),
      availableTimeSlot: structuredClone(requested),
      relatedEntity: relatedEntity(body.relatedEntity),
      requestedTimeSlot: requested,
      status: "done" as const,
    });
  }

  book(body: Record<string, unknown>): Appointment {
    const validFor = timePeriod(body.validFor, "validFor");
    return defined({
      creationDate: this.clock.iso(),
      externalId: `APT-${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
      relatedEntity: relatedEntity(body.relatedEntity),
      status: "confirmed" as const,
      validFor,
    });
  }

  private nextAlk(): string {
    return `A${String(++this.alk).padStart(11, "0")}`;
  }
}
