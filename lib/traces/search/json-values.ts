import type { Literal } from "@/lib/traces/search/ast";

/**
 * Assessment values and span attributes are stored as JSON text, while a filter value is typed
 * loosely (`= false`, `= 5`, `= 'yes'`, `= '"yes"'`). These helpers list the JSON spellings a
 * filter value may be stored as, so `=` can compare text with text on both databases.
 */

/** The filter value as plain text: strings as is, numbers as written, booleans as true/false. */
export function literalText(literal: Literal): string {
  switch (literal.type) {
    case "string":
      return literal.value;
    case "number":
      return literal.text;
    case "boolean":
      return String(literal.value);
  }
}

/**
 * JSON texts an assessment value may be stored as for this filter value.
 * - `false` → `false`; `5` → `5` and `5.0` (Python clients serialise floats as `5.0`).
 * - `'yes'` → `"yes"`: a bare quoted word means the JSON string.
 * - `'"yes"'` → `"yes"`: already JSON-quoted (MLflow's documented spelling) is taken as is.
 * - `'5'`, `'true'` → the primitive (`5`, `5.0`, `true`) and the JSON string (`"5"`, `"true"`),
 *   because MLflow clients write numbers and booleans in quotes too.
 */
export function assessmentValueCandidates(literal: Literal): string[] {
  if (literal.type === "boolean") return [String(literal.value)];
  if (literal.type === "number") return unique([literal.text, ...numberSpellings(literal.value)]);
  const text = literal.value;
  const parsed = tryParseJson(text.trim());
  if (parsed === undefined) return [JSON.stringify(text)];
  if (typeof parsed.value === "string") return unique([text.trim(), JSON.stringify(parsed.value)]);
  const primitive = typeof parsed.value === "number" ? numberSpellings(parsed.value) : [JSON.stringify(parsed.value)];
  return unique([text.trim(), ...primitive, JSON.stringify(text)]);
}

/**
 * Substrings that appear in a span's `attributes` JSON object when attribute `key` has the
 * filter value. Values are matched in both string and primitive form, as MLflow does
 * (`span.attributes.temperature = '0.7'` matches the number 0.7). Both compact (`"k":v`, JSON.stringify)
 * and Python-style (`"k": v`) separators are covered. A non-string value is followed by `,` or
 * `}` so that `0.7` does not match `0.75`; a JSON string ends at its own closing quote.
 */
export function spanAttributeFragments(key: string, literal: Literal): string[] {
  const text = literalText(literal);
  const encodings = [JSON.stringify(text)];
  const parsed = tryParseJson(text.trim());
  if (
    parsed !== undefined &&
    typeof parsed.value !== "string" &&
    (parsed.value === null || typeof parsed.value !== "object")
  ) {
    encodings.push(JSON.stringify(parsed.value));
  }
  const fragments: string[] = [];
  for (const sep of [":", ": "]) {
    for (const encoded of encodings) {
      const head = `${JSON.stringify(key)}${sep}${encoded}`;
      if (encoded.startsWith('"')) fragments.push(head);
      else fragments.push(`${head},`, `${head}}`);
    }
  }
  return unique(fragments);
}

function numberSpellings(value: number): string[] {
  const json = JSON.stringify(value);
  return Number.isSafeInteger(value) ? [json, `${json}.0`] : [json];
}

function tryParseJson(text: string): { value: unknown } | undefined {
  if (text === "") return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
