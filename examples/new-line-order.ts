/**
 * Prerequisites: none (no network). Run after `npm run build` with
 * `node --experimental-strip-types examples/new-line-order.ts` on Node 22+, or read it as
 * a type-checked sample: `npm run typecheck` checks it against the published types.
 *
 * The Giacom document's first use case, a new O2 line on a triple SIM, written as the
 * typed request body the API takes. A typo in a field name, an unknown action or a
 * characteristic without its value is a compile error.
 */
import type { ServiceOrderCreate } from "giacom-sdk";

const distributor = { role: "distributor", partyOrPartyRole: { id: "ACME Comms" } };

export const newLine: ServiceOrderCreate = {
  externalReference: [{ id: "5001", externalReferenceType: "order_id", name: "ACME Comms" }],
  relatedParty: [distributor],
  serviceOrderItem: [
    {
      id: "1",
      action: "add",
      service: {
        serviceSpecification: { id: "MOBILE_VOICE_SRV_GIACOM_O2", version: "1" },
        externalIdentifier: [{ owner: "ACME Comms", externalIdentifierType: "service_id", id: "123" }],
        relatedParty: [distributor],
        serviceCharacteristic: [
          { id: "BILL_LIMIT", value: [{ value: "100" }] },
          { id: "TARIFF", value: [{ value: "62231" }] },
          { id: "SIM_TYPE", value: [{ value: "triple" }] },
          { id: "SIM_SERIAL", value: [{ value: "8944201122334455667" }] },
        ],
        feature: ["BAR_PREMIUM", "BAR_ROAMING", "NET_CONF_CALL", "NET_SRV_MMS", "NET_SRV_WIFI_CALL", "APN_INTERNET", "APN_IPHONE_985"].map((id) => ({
          id,
          isEnabled: true,
        })),
      },
    },
  ],
};

// Print only when run as a script, not when imported (the test suite imports it).
if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(newLine, null, 2));
