import type { ScoreResult, Scorer, ScorerContext, ScorerInput } from "@/lib/evaluation/scorers/types";

/**
 * Wraps a synchronous scoring function as a CODE scorer: stamps the MLflow-style source
 * (CODE/<name>) and turns an unexpected exception into an error result, so a bug or odd input
 * in one row never aborts the run.
 */
export function codeScorer(name: string, fn: (input: ScorerInput, ctx: ScorerContext) => ScoreResult): Scorer {
  const source = { type: "CODE" as const, id: name };
  return {
    name,
    kind: "CODE",
    async score(input, ctx) {
      try {
        return { ...fn(input, ctx), source };
      } catch (e) {
        return { value: null, error: `${name} failed: ${e instanceof Error ? e.message : String(e)}`, source };
      }
    },
  };
}

/** Rounds for rationales only; values keep full precision. */
export const fmt = (n: number) => String(Math.round(n * 1000) / 1000);
