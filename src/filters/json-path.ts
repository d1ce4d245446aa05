// JSONPath filters (TMF630 Part 6) in the exact form the Giacom document shows. Every value
// is written as a JSON string literal, so no value - quotes, backslashes, brackets, "&&" -
// can end the literal and change what the expression means.
import { InvalidArgumentError, requireString } from "../errors.js";

/** A value written as a JSONPath string literal. */
function literal(argument: string, value: unknown): string {
  return JSON.stringify(requireString(argument, value));
}

/**
 * Builders for the documented JSONPath `filter` expressions. Pass the result as the `filter`
 * of any list method; the SDK URL-encodes it.
 * @group Queries
 * @example
 * ```ts
 * const giacomSpecs = await giacom.serviceSpecifications.list({ filter: jsonPath.relatedParty({ role: "supplier", id: "GIACOM" }) });
 * ```
 */
export const jsonPath = {
  /**
   * Entities with a related party in `role` whose party id is `id`:
   * `$.relatedParty[?(@.role=="supplier" && @.partyOrPartyRole.id=="GIACOM")]`.
   */
  relatedParty(party: { role: string; id: string }): string {
    const role = literal("jsonPath.relatedParty.role", party?.role);
    const id = literal("jsonPath.relatedParty.id", party?.id);
    return `$.relatedParty[?(@.role==${role} && @.partyOrPartyRole.id==${id})]`;
  },

  /**
   * Entities with a characteristic `id` holding `value`:
   * `$.serviceCharacteristic[?(@.id=="SUBSCRIBER_NUMBER")].value[?(@.value=="07800987654")]`.
   * `on` picks the list: `serviceCharacteristic` (services, default) or `resourceCharacteristic` (resources).
   */
  characteristicValue(id: string, value: string, options: { on?: "serviceCharacteristic" | "resourceCharacteristic" } = {}): string {
    const list = options.on ?? "serviceCharacteristic";
    if (list !== "serviceCharacteristic" && list !== "resourceCharacteristic") {
      throw new InvalidArgumentError("jsonPath.characteristicValue.on", 'must be "serviceCharacteristic" or "resourceCharacteristic"');
    }
    return `$.${list}[?(@.id==${literal("jsonPath.characteristicValue.id", id)})].value[?(@.value==${literal("jsonPath.characteristicValue.value", value)})]`;
  },

  /** Any string as a JSONPath string literal, for writing other filters safely. */
  quote(value: string): string {
    return literal("jsonPath.quote", value);
  },
};
