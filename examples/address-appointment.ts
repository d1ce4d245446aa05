/**
 * Addresses and appointments: match a customer's address (Giacom's address validation, with
 * alternatives when the match is not exact), create an address that matching cannot find yet
 * (a new build: Giacom creates silver and bronze addresses), then search the free time slots
 * of the coming days and book the first one.
 *
 * The document gives these operations' schemas but no use case: it does not say how an
 * appointment refers to an address, so the search and the booking carry only our own job
 * reference (an external identifier, which Giacom does not process).
 *
 * Prerequisites: none. `npx tsx examples/address-appointment.ts` runs it against a Giacom
 * simulator on 127.0.0.1. With GIACOM_CLIENT_ID and GIACOM_CLIENT_SECRET set it runs against
 * Giacom's UAT (override the URLs with GIACOM_BASE_URL / GIACOM_TOKEN_URL): it creates a real
 * UAT address and books a real UAT appointment.
 */
import type { AppointmentRelatedEntity, GeographicAddress, GiacomClient } from "giacom-sdk";
import { runExample } from "./shared/connect.js";

const DAY_MS = 86_400_000;

const show = (a: GeographicAddress | undefined) =>
  a
    ? `${[a.geographicSubAddress?.buildingName, a.streetNr, a.streetName, a.city, a.postcode].filter(Boolean).join(", ")} (ALK ${a.openreachALK}, ${a.openreachQualifier})`
    : "none";

export async function run(giacom: GiacomClient, log: (line: string) => void = console.log): Promise<void> {
  log("Match the customer's address:");
  const match = await giacom.geographicAddresses.validate({
    provideAlternative: true, // alternatives when there is no exact match
    submittedGeographicAddress: { streetNr: "1", streetName: "High Street", city: "London", postcode: "EC1A 1BB" },
  });
  log(`  ${match.state}: ${show(match.validGeographicAddress)}`);
  for (const alternative of match.alternateGeographicAddress ?? []) log(`  or: ${show(alternative)}`);

  log("\nA new build, not known yet, is created:");
  const created = await giacom.geographicAddresses.create({
    streetNr: "7",
    streetName: "Orchard Rise",
    city: "London",
    postcode: "EC1A 1BC",
    geographicSubAddress: { buildingName: "Plot 7" },
  });
  log(`  ${show(created)}`);

  // Our own reference for the job, so that the appointment can be matched to it later.
  const job: AppointmentRelatedEntity = {
    role: "appointment",
    entity: { externalIdentifier: [{ owner: "ACME Comms", externalIdentifierType: "job_id", id: "JOB-1042" }] },
  };
  const tomorrow = new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS);
  const mornings = [0, 1, 2].map((day) => ({
    validFor: {
      startDateTime: new Date(tomorrow.getTime() + day * DAY_MS + 8 * 3_600_000).toISOString(),
      endDateTime: new Date(tomorrow.getTime() + day * DAY_MS + 13 * 3_600_000).toISOString(),
    },
  }));
  log("\nFree slots over the next three mornings:");
  const search = await giacom.appointments.searchTimeSlots({ relatedEntity: job, requestedTimeSlot: mornings });
  for (const slot of search.availableTimeSlot ?? []) log(`  ${slot.validFor.startDateTime} to ${slot.validFor.endDateTime}`);
  const [first] = search.availableTimeSlot ?? [];
  if (!first) throw new Error("no free time slot in the next three mornings");

  const appointment = await giacom.appointments.book({ relatedEntity: job, validFor: first.validFor });
  log(`\nBooked ${appointment.externalId}: ${appointment.status}, ${appointment.validFor?.startDateTime} to ${appointment.validFor?.endDateTime}`);
}

runExample(import.meta.url, (giacom) => run(giacom));
