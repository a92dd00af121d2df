import type { TContainsConfig } from "@/lib/evaluation/schemas";
import { codeScorer } from "@/lib/evaluation/scorers/base";
import { getExpected, outputToText, valueToText } from "@/lib/evaluation/scorers/text";

/**
 * true when the expected substring(s) occur in the output. The expectation may be one string or
 * a list (e.g. key facts); `mode` says whether all or any of them must appear.
 */
export function containsScorer(config: TContainsConfig) {
  return codeScorer(config.name ?? "contains", ({ outputs, expectations }) => {
    const exp = getExpected(expectations, config.expectedKey);
    if (!exp.ok) return { value: null, error: exp.error };
    const needles = (Array.isArray(exp.value) ? exp.value : [exp.value]).map(valueToText).filter((s) => s.length > 0);
    if (needles.length === 0)
      return { value: null, error: `expectations.${config.expectedKey} has no non-empty strings` };

    const fold = (s: string) => (config.ignoreCase ? s.toLowerCase() : s);
    const haystack = fold(outputToText(outputs));
    const missing = needles.filter((n) => !haystack.includes(fold(n)));
    const found = needles.length - missing.length;
    const value = config.mode === "all" ? missing.length === 0 : found > 0;
    const rationale =
      missing.length === 0
        ? `All ${needles.length} expected substring(s) found.`
        : `Found ${found} of ${needles.length}; missing: ${missing.map((m) => JSON.stringify(m)).join(", ")}.`;
    return { value, rationale };
  });
}
