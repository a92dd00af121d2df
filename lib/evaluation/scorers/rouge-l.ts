import type { TRougeLConfig } from "@/lib/evaluation/schemas";
import { codeScorer, fmt } from "@/lib/evaluation/scorers/base";
import { getExpected, outputToText, rougeTokens, valueToText } from "@/lib/evaluation/scorers/text";

/** Length of the longest common subsequence, O(n·m) time and O(m) memory (two DP rows). */
export function lcsLength(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * ROUGE-L F-measure (β = 1) over tokens: P = LCS/|prediction|, R = LCS/|reference|,
 * F = 2PR/(P+R). Empty on either side scores 0, as `rouge_score` does.
 */
export function rougeL(prediction: string, reference: string): number {
  const pred = rougeTokens(prediction);
  const ref = rougeTokens(reference);
  if (pred.length === 0 || ref.length === 0) return 0;
  const lcs = lcsLength(pred, ref);
  if (lcs === 0) return 0;
  const p = lcs / pred.length;
  const r = lcs / ref.length;
  return (2 * p * r) / (p + r);
}

/** ROUGE-L F as a number, or pass/fail (F ≥ threshold) when a threshold is configured. */
export function rougeLScorer(config: TRougeLConfig) {
  return codeScorer(config.name ?? "rouge_l", ({ outputs, expectations }) => {
    const exp = getExpected(expectations, config.expectedKey);
    if (!exp.ok) return { value: null, error: exp.error };
    const f = rougeL(outputToText(outputs), valueToText(exp.value));
    if (config.threshold === undefined) return { value: f, rationale: `ROUGE-L F = ${fmt(f)}.` };
    return { value: f >= config.threshold, rationale: `ROUGE-L F = ${fmt(f)} (threshold ${config.threshold}).` };
  });
}
