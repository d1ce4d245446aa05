// Geographic addresses (TMF673) and appointments (TMF646).
import type { CallOptions } from "../../core/types.js";
import { respond, type ApiPromise } from "../../core/transport.js";
import type { GiacomTransport } from "../http.js";
import * as operations from "../generated/operations.js";
import type {
  Appointment,
  AppointmentCreate,
  GeographicAddress,
  GeographicAddressCreate,
  GeographicAddressValidation,
  GeographicAddressValidationCreate,
  SearchTimeSlot,
  SearchTimeSlotCreate,
} from "../types.js";

/**
 * Address matching and creation.
 * @group Namespaces
 * @example
 * ```ts
 * const result = await giacom.geographicAddresses.validate({ provideAlternative: true, submittedGeographicAddress: { postcode: "EC1A 1BB", streetNr: "1" } });
 * ```
 */
export interface GeographicAddresses {
  /** Matches an address: `POST /geographicAddressValidation`. A query, so it is retried like a GET. */
  validate(validation: GeographicAddressValidationCreate, options?: CallOptions): ApiPromise<GeographicAddressValidation>;
  /** Creates a (silver or bronze) address: `POST /geographicAddress`. */
  create(address: GeographicAddressCreate, options?: CallOptions): ApiPromise<GeographicAddress>;
}

/**
 * Time slot search and appointment booking.
 * @group Namespaces
 * @example
 * ```ts
 * const { availableTimeSlot } = await giacom.appointments.searchTimeSlots({ requestedTimeSlot: [{ validFor: { startDateTime: "2025-03-01T00:00:00Z" } }] });
 * ```
 */
export interface Appointments {
  /** Searches free time slots: `POST /searchTimeSlot`. A query, so it is retried like a GET. */
  searchTimeSlots(search: SearchTimeSlotCreate, options?: CallOptions): ApiPromise<SearchTimeSlot>;
  /** Books an appointment: `POST /appointment`. */
  book(appointment: AppointmentCreate, options?: CallOptions): ApiPromise<Appointment>;
}

/** @internal */
export function createGeographicAddresses(http: GiacomTransport): GeographicAddresses {
  return {
    validate: (validation, options) => respond(() => http.send(operations.createGeographicAddressValidation, { body: validation }, options)),
    create: (address, options) => respond(() => http.send(operations.createGeographicAddress, { body: address }, options)),
  };
}

/** @internal */
export function createAppointments(http: GiacomTransport): Appointments {
  return {
    searchTimeSlots: (search, options) => respond(() => http.send(operations.createSearchTimeSlot, { body: search }, options)),
    book: (appointment, options) => respond(() => http.send(operations.createAppointment, { body: appointment }, options)),
  };
}
