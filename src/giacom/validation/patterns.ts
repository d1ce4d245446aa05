// Whether a catalogue pattern is cheap to run. JavaScript regular expressions backtrack: on a
// value that almost matches, (\d+)+ tries every way of splitting it, and one such pattern in a
// catalogue froze the process for seconds (issue 11). A running regular expression cannot be
// interrupted, so a pattern is judged before it is ever run, from its text alone, and
// conservatively: a harmless pattern may be refused, which only costs a warning.
//
// The judgement bounds the work of a backtracking match on a value of at most
// MAX_PATTERN_VALUE_LENGTH characters:
// - ways: in how many ways a part can match from one position (a quantifier's span of counts,
//   the alternatives of an alternation), and so how often what follows it is retried;
// - steps: the work of trying every one of those ways once.
// A part repeated by a quantifier must match in one way only, or the ways multiply with every
// repetition (exponential): hence no quantifier inside a repetition, and no alternatives in one
// unless each starts with a plain character of its own ((ab|cd)+ runs; (ab|ac)+ does not, nor
// ([a-c]|[d-f])+: a class or an escape is taken to start like anything). Everything else is
// polynomial and bounded by BUDGET.
//
// The pattern is read the same way whether it was compiled with the u flag or without: an
// escape is a backslash and one character (\u{12} is read as any character, then the quantifier
// {12}; \u0041 as any character, then the characters 0041). That reading only ever finds more
// ways than either real one, except where it leaves a quantifier with nothing to repeat
// (\u{41}+ with the u flag), which is refused.

/** @internal The longest value a catalogue pattern is tested against; the bounds below assume it. */
export const MAX_PATTERN_VALUE_LENGTH = 1_024;
// The documented patterns have a few dozen characters; a longer one costs time to judge and compile.
const MAX_PATTERN_LENGTH = 1_024;

// Estimated steps. The costliest patterns within it, measured on Node 20 against a value built to
// defeat them, take about 2 ms, 15 ms on the very first run of a pattern (interpreted before it
// is compiled). \d*\d* (about 2.1 million on 1,024 digits and an X) is refused: conservative.
const BUDGET = 1_000_000;
// Keeps the arithmetic finite: anything above the budget is as bad.
const cap = (n: number) => Math.min(n, BUDGET + 1);

interface Cost {
  ways: number;
  steps: number;
  /** The character a part starts with (a UTF-16 code unit), or ANY when it may start with several. */
  first: number;
}
const ANY = -1;

const NESTED = "a repetition of nested quantifiers or overlapping alternatives";
const UNBALANCED = "an unbalanced group";
const UNKNOWN = "too complex to judge";
// *, +, ? or {n}, {n,}, {n,m}
const QUANTIFIER = /([*+?])|\{(\d+)(?:,(\d*))?\}/y;
// (, (?:, a lookaround (?= (?! (?<= (?<! (group 1), or a named group (?<name>
const GROUP = /\((?:\?(?:(<?[=!])|:|<[^>]*>))?/y;
// A character class, read as a whole.
const CLASS = /\[(?:\\.|[^\]\\])*\]/y;

/**
 * @internal Why testing values against `source` could take long, or undefined when it takes
 * milliseconds at most on values up to MAX_PATTERN_VALUE_LENGTH.
 */
export function patternRisk(source: string): string | undefined {
  if (source.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  let i = 0;
  const at = (text: string) => source.startsWith(text, i);
  let refused: string | undefined;
  const refuse = (why: string): never => {
    refused = why;
    throw new Error(why);
  };
  /** Whether the sticky `pattern` matches at `i`; then `i` moves past the match. */
  const read = (pattern: RegExp) => {
    pattern.lastIndex = i;
    const found = pattern.exec(source);
    if (found) i = pattern.lastIndex;
    return found;
  };

  function alternation(): Cost {
    const branches = [sequence()];
    while (at("|")) {
      i++;
      branches.push(sequence());
    }
    // Alternatives that start with distinct characters cannot both match at one position.
    const firsts = branches.map((b) => b.first);
    const exclusive = !firsts.includes(ANY) && new Set(firsts).size === firsts.length;
    return {
      ways: cap(branches.reduce((n, b) => (exclusive ? Math.max(n, b.ways) : n + b.ways), 0)),
      steps: cap(branches.reduce((n, b) => n + b.steps, 0)),
      first: branches.length > 1 ? ANY : firsts[0]!,
    };
  }

  function sequence(): Cost {
    let ways = 1;
    let steps = 0;
    let first: number | undefined;
    while (i < source.length && !at("|") && !at(")")) {
      const part = quantified(atom());
      // Every way of matching what precedes a part retries the part.
      steps = cap(steps + ways * part.steps);
      ways = cap(ways * part.ways);
      first ??= part.first;
    }
    return { ways, steps, first: first ?? ANY };
  }

  function quantified(part: Cost): Cost {
    const q = read(QUANTIFIER);
    if (!q) return part;
    if (at("?")) i++; // lazy: tries the same ways in another order
    const [, sign, from, to] = q;
    const min = sign ? Number(sign === "+") : Number(from);
    const max = sign ? (sign === "?" ? 1 : Infinity) : to === undefined ? min : to ? Number(to) : Infinity;
    const first = min === 0 ? ANY : part.first;
    if (max <= 1) return { ways: cap((min === 0 ? 1 : 0) + max * part.ways), steps: max * part.steps, first };
    if (part.ways > 1) refuse(NESTED);
    const count = Math.min(max, MAX_PATTERN_VALUE_LENGTH);
    return { ways: Math.max(1, count - min + 1), steps: cap(count * part.steps), first };
  }

  function atom(): Cost {
    // A quantifier with nothing to repeat: the pattern was misread (see above).
    if (read(QUANTIFIER)) refuse(UNKNOWN);
    if (!at("(")) return { ways: 1, steps: 1, first: char() };
    const look = read(GROUP)![1];
    if (at("?")) refuse(UNKNOWN); // (? of a kind not listed in GROUP
    const inner = alternation();
    if (!at(")")) refuse(UNBALANCED);
    i++;
    // A lookaround is atomic: once it holds, it is not retried in another way.
    return look ? { ways: 1, steps: inner.steps, first: ANY } : inner;
  }

  /** The character, escape or class at `i`: the character it stands for, or ANY (an escape, a class, . ^ $). */
  function char(): number {
    if (at("[")) return read(CLASS) ? ANY : refuse(UNBALANCED);
    const c = source[i++]!;
    if (c !== "\\") return ".^$".includes(c) ? ANY : c.charCodeAt(0);
    if (/[1-9k]/.test(source[i++] ?? "")) refuse("a back-reference");
    return ANY;
  }

  try {
    const whole = alternation();
    if (i < source.length) refuse(UNBALANCED);
    return whole.steps + whole.ways <= BUDGET ? undefined : "too many ways to try on a long value";
  } catch {
    // Refused, or something this reading did not expect (a pattern nested too deep): not run either way.
    return refused ?? UNKNOWN;
  }
}
