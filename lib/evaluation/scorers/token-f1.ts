import type { TTokenF1Config } from "@/lib/evaluation/schemas";
import { codeScorer, fmt } from "@/lib/evaluation/scorers/base";
import { getExpected, outputToText, squadTokens, valueToText } from "@/lib/evaluation/scorers/text";

/**
 * SQuAD token F1 between a prediction and a reference (both normalised: lowercase, no punctuation,
 * no articles). Overlap counts tokens with multiplicity (bag of words). Two empty strings score 1,
 * one empty string scores 0, as in the SQuAD v2 evaluation script.
 */
export function tokenF1(prediction: string, reference: string): number {
  const pred = squadTokens(prediction);
  const ref = squadTokens(reference);
  if (pred.length === 0 || ref.length === 0) return pred.length === ref.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of ref) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of pred) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / pred.length;
  const recall = common / ref.length;
  return (2 * precision * recall) / (precision + recall);
}

/** F1 as a number, or pass/fail (F1 ≥ threshold) when a threshold is configured. */
export function tokenF1Scorer(config: TTokenF1Config) {
  return codeScorer(config.name ?? "token_f1", ({ outputs, expectations }) => {
    const exp = getExpected(expectations, config.expectedKey);
    if (!exp.ok) return { value: null, error: exp.error };
    const f1 = tokenF1(outputToText(outputs), valueToText(exp.value));
    if (config.threshold === undefined) return { value: f1, rationale: `Token F1 = ${fmt(f1)}.` };
    return { value: f1 >= config.threshold, rationale: `Token F1 = ${fmt(f1)} (threshold ${config.threshold}).` };
  });
}
