// The reader of the `filter` search parameter. It evaluates nothing: request text becomes a
// small tree of member names, comparisons and literal values, and the tree is walked over each
// entity. The simulator used to hand the text to a JSONPath library that runs filter scripts as
// JavaScript in a sandbox of its own, and that sandbox was escaped release after release
// (jsonpath-plus 10.x); a reader that cannot run code cannot be escaped.
//
// It reads the forms the Giacom document shows and the SDK writes (`jsonPath` helpers, the
// idempotency lookup), in the TMF630 Part 6 bracket style, with RFC 9535 literals and equality:
//
//   query      = "$" 1*step
//   step       = "." name / "[?(" S or S ")]"
//   or         = and *(S "||" S and)
//   and        = comparison *(S "&&" S comparison)
//   comparison = "@" 1*("." name) S ("==" / "!=") S literal
//   literal    = string / number / "true" / "false" / "null"
//   string     = "..." or '...' with JSON escapes (\' inside '...'), no raw control characters
//   number     = a JSON number
//   name       = (ALPHA / "_") *(ALPHA / DIGIT / "_")
//   S          = *(SP / HTAB / LF / CR)
//
// Anything else is a 400, so a query never means something other than what it says.
import { isObject } from "../../core/internal/show.js";
import { badRequest } from "../../core/simulator/http.js";

type Literal = string | number | boolean | null;

interface Comparison {
  readonly path: readonly string[];
  readonly negated: boolean;
  readonly value: Literal;
}

/** Alternatives (`||`) of conjunctions (`&&`): `&&` binds tighter. */
type Condition = readonly (readonly Comparison[])[];

type Step = { readonly name: string } | { readonly where: Condition };

const FILTER_FORMS =
  'a filter is "$" followed by ".name" and "[?(...)]" steps; a condition compares "@.name" paths with == or != to a string, a number, true, false or null, joined by && and ||';

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const BLANK = /[ \t\n\r]*/y;
const HEX4 = /^[0-9A-Fa-f]{4}$/;
const ESCAPES = new Map([
  ["b", "\b"],
  ["f", "\f"],
  ["n", "\n"],
  ["r", "\r"],
  ["t", "\t"],
  ["/", "/"],
  ["\\", "\\"],
]);
const KEYWORDS = new Map<string, Literal>([
  ["true", true],
  ["false", false],
  ["null", null],
]);

class Parser {
  private at = 0;

  constructor(private readonly text: string) {}

  query(): Step[] {
    this.expect("$", '"$"');
    const steps: Step[] = [];
    do steps.push(this.step());
    while (this.at < this.text.length);
    return steps;
  }

  private step(): Step {
    if (this.eat(".")) return { name: this.name() };
    if (!this.eat("[?(")) return this.fail('".name" or "[?("');
    this.blank();
    const where = this.or();
    this.blank();
    this.expect(")]", '"&&", "||" or ")]"');
    return { where };
  }

  private or(): Comparison[][] {
    const alternatives = [this.and()];
    while (this.operator("||")) alternatives.push(this.and());
    return alternatives;
  }

  private and(): Comparison[] {
    const all = [this.comparison()];
    while (this.operator("&&")) all.push(this.comparison());
    return all;
  }

  /** Reads `token` with the blanks around it, or nothing (but blanks) when it is not next. */
  private operator(token: string): boolean {
    this.blank();
    if (!this.eat(token)) return false;
    this.blank();
    return true;
  }

  private comparison(): Comparison {
    this.expect("@", '"@"');
    const path: string[] = [];
    do {
      this.expect(".", '"." and a name');
      path.push(this.name());
    } while (this.text.startsWith(".", this.at));
    this.blank();
    const negated = this.eat("!=");
    if (!negated) this.expect("==", '"==" or "!="');
    this.blank();
    return { path, negated, value: this.literal() };
  }

  private literal(): Literal {
    const quote = this.text[this.at];
    if (quote === '"' || quote === "'") return this.string(quote);
    const number = this.match(NUMBER);
    if (number !== undefined) return Number(number);
    const start = this.at;
    const word = this.match(NAME);
    if (word !== undefined && KEYWORDS.has(word)) return KEYWORDS.get(word)!;
    this.at = start;
    return this.fail("a string, a number, true, false or null");
  }

  private string(quote: string): string {
    this.at++;
    let value = "";
    for (;;) {
      const ch = this.text[this.at];
      if (ch === undefined) return this.fail(`the closing ${quote}`);
      if (ch === quote) {
        this.at++;
        return value;
      }
      if (ch < " ") return this.fail("an escape (\\n, \\u0000...) instead of a control character");
      if (ch !== "\\") {
        value += ch;
        this.at++;
        continue;
      }
      const next = this.text[this.at + 1] ?? "";
      if (next === quote) value += quote;
      else if (next === "u" && HEX4.test(this.text.slice(this.at + 2, this.at + 6))) {
        value += String.fromCharCode(Number.parseInt(this.text.slice(this.at + 2, this.at + 6), 16));
        this.at += 4;
      } else if (ESCAPES.has(next)) value += ESCAPES.get(next)!;
      else return this.fail(`an escape: \\${quote}, \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hex digits`);
      this.at += 2;
    }
  }

  private name(): string {
    return this.match(NAME) ?? this.fail("a name (letters, digits and _, not starting with a digit)");
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text)?.[0];
    if (!found) return undefined;
    this.at += found.length;
    return found;
  }

  private blank(): void {
    this.match(BLANK);
  }

  private eat(token: string): boolean {
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }

  private expect(token: string, what: string): void {
    if (!this.eat(token)) this.fail(what);
  }

  private fail(what: string): never {
    const found = this.at < this.text.length ? `found ${JSON.stringify(this.text.slice(this.at, this.at + 12))}` : "found the end";
    throw badRequest(`filter is not one the API reads: expected ${what} at character ${this.at + 1} (${found}); ${FILTER_FORMS}`);
  }
}

// Own data properties only: a name never reaches the prototype (constructor, __proto__...) and
// never calls a getter.
function member(value: unknown, name: string): unknown {
  return isObject(value) ? Object.getOwnPropertyDescriptor(value, name)?.value : undefined;
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return isObject(value) ? Object.keys(value).map((key) => member(value, key)) : [];
}

// RFC 9535 equality: no conversion between types ("1" is not 1), and `!=` is the negation of
// `==`, so a missing field is != any literal.
function holds(condition: Condition, node: unknown): boolean {
  return condition.some((all) => all.every(({ path, negated, value }) => (path.reduce<unknown>((at, name) => member(at, name), node) === value) !== negated));
}

/**
 * Reads a `filter` parameter: the predicate "the query selects at least one node of the
 * entity". Throws a 400 for any text outside the grammar above.
 */
export function readFilter(text: string): (entity: unknown) => boolean {
  const steps = new Parser(text).query();
  return (entity) => {
    let nodes: unknown[] = [entity];
    for (const step of steps) {
      nodes =
        "name" in step
          ? nodes.map((node) => member(node, step.name)).filter((value) => value !== undefined)
          : nodes.flatMap(children).filter((child) => holds(step.where, child));
      if (nodes.length === 0) return false;
    }
    return true;
  };
}
