// The client tests' bodies, from the spec helper's fixtures (test/tmf638/fixtures.ts: the seed's
// seven error bodies and 200 example checked against seeds/002 line by line, and bodies valid
// against spec/tmf638.openapi.yaml with closed schemas), in the shapes these tests use.
import type { Service } from "../../src/tmf638/generated/types.js";
import { API_ROOT } from "./client-helpers.js";
import { documentedErrors } from "./fixtures.js";

export { documentedServices, errorBody, fullService, hub, hubCreate, serviceCreate, serviceUpdate } from "./fixtures.js";

interface SeedError {
  status: 400 | 401 | 404 | 405 | 500 | 501;
  /** Where seeds/002 documents it. */
  label: string;
  body: { errors: [{ code: number; message: string; description: string }] };
}

/** The seed's seven error bodies (seeds/002 L713-747), each with its status. */
export const SEED_ERROR_BODIES: readonly SeedError[] = documentedErrors().map(({ line, status, body }) => ({ status, label: `L${line}`, body }) as SeedError);

/** A service of business unit JM with the fields most code reads. */
export function service(id: string): Service {
  return {
    id,
    href: `${API_ROOT}/JM/service/${id}`,
    name: "Postpaid Mobile 20GB",
    category: "CFS",
    serviceType: "MobilePostpaid",
    state: "active",
    startDate: "2025-03-01T09:00:00Z",
    serviceCharacteristic: [{ id: `${id}-C1`, name: "msisdn", valueType: "string", value: "18765550101" }],
    relatedParty: [{ id: "ACC-1001", role: "customer", "@referredType": "Customer" }],
    serviceSpecification: { id: "SS-MOBILE", name: "Mobile postpaid", version: "1.0" },
  };
}
