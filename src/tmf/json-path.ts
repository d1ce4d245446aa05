// JSONPath filters (TMF630 Part 6) in the exact form the Giacom document shows. Every value
// is written as a JSON string literal (RFC 9535), so quotes, backslashes, brackets or "&&"
// cannot end the literal. Some engines do not read string literals before splitting a path
// (jsonpath-plus among them): inside a literal they still take ")]" or ")'" as the end of the
// filter and rewrite "@." as the current node. Values with those sequences, or with control
// characters, are refused rather than sent with a meaning that depends on the server's engine.
import { InvalidArgumentError, requireString } from "../core/errors.js";

// Control characters are what this pattern looks for.
// eslint-disable-next-line no-control-regex
const AMBIGUOUS = /[\u0000-\u001f\u007f\u2028\u2029]|\)[\]']|@[.[)\s]/u;

/** A value written as a JSONPath string literal. */
function literal(argument: string, value: unknown): string {
  const text = requireString(argument, value);
  if (AMBIGUOUS.test(text)) {
    throw new InvalidArgumentError(argument, 'contains a control character, ")]", ")\'" or "@" before ".", "[", ")" or a space');
  }
  return JSON.stringify(text);
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
