// The simulator's default services and its (assumed) barring mask codes. The ids and values come
// from MasStack's documents: the multisim service of the seed's callback example (004:L468-472,
// service 600000000) with the SIM of its device example (004:L501-509, the ICCID and EID
// written as the digits of their numbers), the mobile line of the public pages' curl lines
// (`.../v3/mobile/612123456/barrings`), barred for debt as the seed's barring detail example
// shows (004:L362-367, DEBT_MOBILE_LP), and the device insurance of the Subscription page's
// curl (`.../v3/deviceinsurance/3500038700026229/terminate`).
import type { BarringUpdate } from "../generated/types.js";
import type { SimulatedServiceSeed } from "./options.js";

/** The seed's ICCID and EID (004:L504-505), their numbers written out as digits. */
const ICCID = "8934011411551283000";
const EID = "89033023312170000000000000000000";

/**
 * The barring mask code each `barring_name` shows up as in a service's barring detail
 * (`appliedBarringsMaskCodes`). MasStack documents neither the codes nor the mapping: the
 * simulator's rule, the name and `_MOBILE_LP` after the one code the seed shows
 * (`DEBT_MOBILE_LP`), is an assumption.
 * @group Simulator
 * @example
 * ```ts
 * const detail = await (await sim.fetch(`${sim.baseUrl}/mobile/612123456/barrings`, { headers })).json();
 * const roamingBarred = detail.appliedBarringsMaskCodes.includes(BARRING_MASK_CODES.ROAMING); // "ROAMING_MOBILE_LP"
 * ```
 */
export const BARRING_MASK_CODES: Readonly<Record<BarringUpdate["barring_name"], string>> = Object.freeze({
  ROAMING: "ROAMING_MOBILE_LP",
  INTERNATIONAL_DESTINATIONS: "INTERNATIONAL_DESTINATIONS_MOBILE_LP",
  OUTGOING_VOICE: "OUTGOING_VOICE_MOBILE_LP",
  OUTGOING_SMS: "OUTGOING_SMS_MOBILE_LP",
  INCOMING_VOICE: "INCOMING_VOICE_MOBILE_LP",
  INCOMING_SMS: "INCOMING_SMS_MOBILE_LP",
  INTERNET: "INTERNET_MOBILE_LP",
  VOICE_PREMIUM_ENTERTAINMENT: "VOICE_PREMIUM_ENTERTAINMENT_MOBILE_LP",
  VOICE_PREMIUM_INFORMATION: "VOICE_PREMIUM_INFORMATION_MOBILE_LP",
  SMS_PREMIUM: "SMS_PREMIUM_MOBILE_LP",
  SUBSCRIPTION_PREMIUM: "SUBSCRIPTION_PREMIUM_MOBILE_LP",
});

/**
 * The services a simulator holds at the start unless its `services` option says otherwise:
 * - `multisim` `600000000` (the seed's callback example), `service_details` with the secondary
 *   SIM of the seed's device example, and that eSIM as its device `1`;
 * - `mobile` `612123456` (the public pages' curl lines), an eSIM as device `1`, barred for debt
 *   by the operator: its barring detail shows `DEBT_MOBILE_LP` (the seed's example), which no
 *   `barring_name` sets or unsets;
 * - `tv` `600000002`, a set-top box as device `1`;
 * - `deviceinsurance` `3500038700026229` (the public Subscription page's curl), to terminate.
 *
 * A new copy at each call.
 * @group Simulator
 * @example
 * ```ts
 * const sim = createMasStackSimulator({ services: [...defaultServices(), { service_type: "security", service_id: "700000001" }] });
 * ```
 */
export function defaultServices(): SimulatedServiceSeed[] {
  return [
    {
      service_type: "multisim",
      service_id: "600000000",
      service_details: { secondary_eid: EID, secondary_iccid: ICCID },
      devices: { "1": { category: "eSIM", details: { iccid: ICCID, eid: EID } } },
    },
    {
      service_type: "mobile",
      service_id: "612123456",
      devices: { "1": { category: "eSIM", details: { iccid: "8934011411551283001", eid: "89033023312170000000000000000001" } } },
      maskCodes: ["DEBT_MOBILE_LP"],
    },
    { service_type: "tv", service_id: "600000002", devices: { "1": { category: "STB", details: { serial_number: "STB-0001" } } } },
    { service_type: "deviceinsurance", service_id: "3500038700026229" },
  ];
}
