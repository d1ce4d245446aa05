export interface DocExample {
  line: number;
  parse: "strict" | "lenient";
  value: unknown;
}
export interface DocFragment {
  line: number;
  text: string;
}
export function extractDocExamples(doc: string): { examples: DocExample[]; fragments: DocFragment[] };
