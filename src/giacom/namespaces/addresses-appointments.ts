// Geographic addresses (TMF673) and appointments (TMF646).
import type { CallOptions } from "../../core/types.js";
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
  validate(validation: GeographicAddressValidationCreate, options?: CallOptions): Promise<GeographicAddressValidation>;
  /** Creates a (silver or bronze) address: `POST /geographicAddress`. */
  create(address: GeographicAddressCreate, options?: CallOptions): Promise<GeographicAddress>;
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
  searchTimeSlots(search: SearchTimeSlotCreate, options?: CallOptions): Promise<SearchTimeSlot>;
  /** Books an appointment: `POST /appointment`. */
  book(appointment: AppointmentCreate, options?: CallOptions): Promise<Appointment>;
}

/** @internal */
export function createGeographicAddresses(http: GiacomTransport): GeographicAddresses {
  return {
    async validate(validation, options) {
      return (await http.send(operations.createGeographicAddressValidation, { body: validation }, options)).data;
    },
    async create(address, options) {
      return (await http.send(operations.createGeographicAddress, { body: address }, options)).data;
    },
  };
}

/** @internal */
export function createAppointments(http: GiacomTransport): Appointments {
  return {
    async searchTimeSlots(search, options) {
      return (await http.send(operations.createSearchTimeSlot, { body: search }, options)).data;
    },
    async book(appointment, options) {
      return (await http.send(operations.createAppointment, { body: appointment }, options)).data;
    },
  };
}
