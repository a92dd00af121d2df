import type { TExactMatchConfig } from "@/lib/evaluation/schemas";
import { codeScorer } from "@/lib/evaluation/scorers/base";
import { getExpected, outputToText, valueToText } from "@/lib/evaluation/scorers/text";

/** true when the output text equals the expected value, ignoring surrounding whitespace. */
export function exactMatchScorer(config: TExactMatchConfig) {
  return codeScorer(config.name ?? "exact_match", ({ outputs, expectations }) => {
    const exp = getExpected(expectations, config.expectedKey);
    if (!exp.ok) return { value: null, error: exp.error };
    const fold = (s: string) => (config.ignoreCase ? s.trim().toLowerCase() : s.trim());
    const match = fold(outputToText(outputs)) === fold(valueToText(exp.value));
    return {
      value: match,
      rationale: match ? "Output equals the expected value." : "Output differs from the expected value.",
    };
  });
}
