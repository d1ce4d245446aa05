// JSON.parse, except that the numbers of the named members are kept as the digits they were
// written with: an API that types an identifier as a string but sends `8934011411551283000` (a
// 19-digit ICCID) or `8.903302331217e+31` would otherwise lose it to a float. The text is
// rewritten before parsing (numbers of those members quoted), so the cost is one scan.

/** Whether a character may continue a JSON number literal. */
const NUMBER_CHAR = /[0-9eE+\-.]/;
/** RFC 8259 6: only a well-formed number is quoted; anything else is left for JSON.parse to refuse. */
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * Parses `text` as JSON; a number that is the value of a member named in `keys` (at any depth)
 * comes back as a string of its source text. Throws `SyntaxError` as `JSON.parse` does.
 */
export function parseJsonExact(text: string, keys: ReadonlySet<string>): unknown {
  // Fast path: most bodies carry no number where an identifier goes.
  if (keys.size === 0 || !/[0-9]/.test(text)) return JSON.parse(text);
  let out = "";
  let copied = 0;
  let lastString = "";
  let afterColonOf: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      lastString = text.slice(start, i + 1);
      afterColonOf = undefined;
      continue;
    }
    if (c === ":") {
      try {
        afterColonOf = JSON.parse(lastString) as string;
      } catch {
        afterColonOf = undefined;
      }
      continue;
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      const start = i;
      while (i + 1 < text.length && NUMBER_CHAR.test(text[i + 1]!)) i++;
      if (afterColonOf !== undefined && keys.has(afterColonOf) && JSON_NUMBER.test(text.slice(start, i + 1))) {
        out += `${text.slice(copied, start)}"${text.slice(start, i + 1)}"`;
        copied = i + 1;
      }
      afterColonOf = undefined;
      continue;
    }
    if (c === "," || c === "[" || c === "{" || c === "}" || c === "]") afterColonOf = undefined;
  }
  return JSON.parse(copied === 0 ? text : out + text.slice(copied));
}
