// Extracts the JSON examples from the captured Giacom documentation page
// (../shared/seeds/000_*.txt). The page is a Redoc rendering flattened to text:
// its reference samples carry list markers ("{- ", "}, - {", "], - \"key\"") and
// often run straight into the following prose ("}]This operation ..."), while the
// use-case snippets elide parts with "..." or "{...}". This module undoes exactly
// those renderings so that a test can check every documented example against
// the hand-written spec, and so that the spec's examples can be reproduced from
// the document instead of being typed again.

/**
 * @typedef {object} DocExample
 * @property {number} line     1-based line of the document where the block starts
 * @property {"strict" | "lenient"} parse  strict: valid JSON once the Redoc markers
 *   are removed; lenient: only after removing documented elisions ("...", "{...}"),
 *   trailing commas, or closing a block the capture cut off at the end of the page
 * @property {unknown} value
 */

/**
 * @typedef {object} DocFragment
 * @property {number} line
 * @property {string} text  a block that is not JSON even leniently (it starts or
 *   stops in the middle of an object); its complete inner blocks are extracted too
 */

/** @param {string} line */
function stripRedocMarkers(line) {
  // "- " list markers appear at the start of a line or right after an opening
  // bracket or a comma; inside a JSON string they are always preceded by a word.
  return line.replace(/^(\s*)- /, "$1").replace(/([[{,])\s*- /g, "$1");
}

/** JSON-ish lines: what may follow inside a block before it closes. */
const JSONISH = /^\s*(?:["{}[\]]|\.\.\.|-?\d|true|false|null)/;

/**
 * Scans from `start` (an opening bracket) to its matching closer, string-aware.
 * Returns the end index (exclusive), or -1 when the block is abandoned because a
 * line of prose begins before it closes, or -2 when the text ends first.
 * @param {string} text @param {number} start
 */
function scanBlock(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === "\n") {
      const next = text.slice(i + 1, text.indexOf("\n", i + 1) >>> 0);
      if (next.trim() !== "" && !JSONISH.test(next)) return -1;
    }
  }
  return -2;
}

/** @param {string} raw */
function lenientParse(raw) {
  let s = raw
    // elided members: "key": {...} / "key": [...]
    .replace(/"[^"]*"\s*:\s*(\{\.\.\.\}|\[\.\.\.\])\s*,?/g, "")
    // placeholder strings such as "... Remaining entity properties ..."
    .replace(/"\.\.\.[^"]*"\s*,?/g, "")
    // bare elision lines ("...", "....")
    .replace(/^\s*\.{3,}\s*,?\s*$/gm, "")
    // trailing commas left by the capture or by the removals above
    .replace(/,(\s*[}\]])/g, "$1");
  return JSON.parse(s);
}

/** @param {string} raw */
function closeTruncated(raw) {
  const stack = [];
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") stack.push("}");
    else if (c === "[") stack.push("]");
    else if (c === "}" || c === "]") stack.pop();
  }
  return raw + stack.reverse().join("");
}

/**
 * Every JSON block of the document, in document order.
 * @param {string} doc the text of seeds/000_*.txt
 * @returns {{ examples: DocExample[], fragments: DocFragment[] }}
 */
export function extractDocExamples(doc) {
  const text = doc.split("\n").map(stripRedocMarkers).join("\n");
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const lineOf = (/** @type {number} */ pos) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  /** @type {DocExample[]} */ const examples = [];
  /** @type {DocFragment[]} */ const fragments = [];
  let pos = 0;
  while (pos < text.length) {
    const lineEnd = text.indexOf("\n", pos) === -1 ? text.length : text.indexOf("\n", pos);
    // A block starts at the beginning of a line, as the body of a curl command
    // (--data '{), or right after a block that closed on the same line (Redoc
    // prints request and response samples as "}{").
    const m = /^(?:\s*|--data ')([{[])/.exec(text.slice(pos, lineEnd));
    if (!m) {
      pos = lineEnd + 1;
      continue;
    }
    let start = pos + m[0].length - 1;
    while (start !== -1) {
      const end = scanBlock(text, start);
      const line = lineOf(start);
      if (end === -1) {
        // Only this line is abandoned: the fragment's inner blocks start on later lines.
        fragments.push({ line, text: text.slice(start, lineEnd) });
        break;
      }
      const raw = end === -2 ? closeTruncated(text.slice(start).trimEnd()) : text.slice(start, end);
      try {
        if (end === -2) throw new Error("truncated by the capture");
        examples.push({ line, parse: "strict", value: JSON.parse(raw) });
      } catch {
        try {
          examples.push({ line, parse: "lenient", value: lenientParse(raw) });
        } catch {
          fragments.push({ line, text: raw });
        }
      }
      if (end === -2) return { examples, fragments };
      pos = end;
      start = text[end] === "{" || text[end] === "[" ? end : -1;
    }
    const next = text.indexOf("\n", pos);
    pos = next === -1 ? text.length : next + 1;
  }
  return { examples, fragments };
}
