import type { TJsonEqualConfig } from "@/lib/evaluation/schemas";
import { codeScorer } from "@/lib/evaluation/scorers/base";
import { extractAssistantText, getExpected } from "@/lib/evaluation/scorers/text";

/** Deep equality of JSON values; object key order is irrelevant, array order matters. */
export function jsonDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonDeepEqual(x, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  // Keys whose value is undefined do not survive JSON serialisation, so they do not count.
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const ak = keys(ao);
  const bk = keys(bo);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && jsonDeepEqual(ao[k], bo[k]));
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses JSON text, tolerating a surrounding ```json fence as models often add one. */
export function parseJsonText(text: string): ParsedJson {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  try {
    return { ok: true, value: JSON.parse(fenced ? fenced[1] : text) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The output is JSON text (plain or inside a chat shape) or an already structured value; the
 * expectation is a structured value or JSON text (a string that is not JSON is compared as a
 * JSON string).
 */
export function jsonEqualScorer(config: TJsonEqualConfig) {
  return codeScorer(config.name ?? "json_equal", ({ outputs, expectations }) => {
    const exp = getExpected(expectations, config.expectedKey);
    if (!exp.ok) return { value: null, error: exp.error };
    let expected = exp.value;
    if (typeof expected === "string") {
      const p = parseJsonText(expected);
      if (p.ok) expected = p.value;
    }
    const text = extractAssistantText(outputs);
    let actual: unknown = outputs;
    if (text !== undefined) {
      const p = parseJsonText(text);
      // Invalid JSON is the app's failure to produce structured output: answer false.
      if (!p.ok) return { value: false, rationale: `Output is not valid JSON: ${p.error}` };
      actual = p.value;
    }
    const equal = jsonDeepEqual(actual, expected);
    return {
      value: equal,
      rationale: equal ? "Output JSON equals the expected JSON." : "Output JSON differs from the expected JSON.",
    };
  });
}
