import type { WriteAssessmentData } from "@/lib/assessments/internal";
import type { JsonValue } from "@/lib/assessments/schemas";
import type { ScoreResult, Scorer, ScorerContext } from "@/lib/evaluation/scorers/types";

/** Runs a scorer; an unexpected exception becomes that scorer's error instead of escaping. */
export async function safeScore(
  s: Scorer,
  input: Parameters<Scorer["score"]>[0],
  ctx: ScorerContext,
): Promise<ScoreResult> {
  try {
    return await s.score(input, ctx);
  } catch (e) {
    return { value: null, error: `${s.name} failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The FEEDBACK assessment one scorer's result becomes on a trace's root span: the same for an
 * evaluation run's row and a monitoring rule's trace (callers add their run id or metadata).
 * A failed scorer is stored as an assessment with an error and no value; the source is what
 * the scorer reported, else the code scorer's name or the judge's model.
 */
export function scoreAssessment(args: {
  traceId: string;
  spanId: string | null;
  scorer: Pick<Scorer, "name" | "kind">;
  result: ScoreResult;
  judgeModel: string | undefined;
}): WriteAssessmentData {
  const { scorer, result } = args;
  const source = result.source ?? {
    type: scorer.kind,
    id: scorer.kind === "CODE" ? scorer.name : (args.judgeModel ?? "default"),
  };
  return {
    traceId: args.traceId,
    spanId: args.spanId,
    name: scorer.name,
    kind: "FEEDBACK",
    value: result.error ? undefined : (result.value as JsonValue),
    error: result.error
      ? {
          errorCode: scorer.kind === "LLM_JUDGE" ? "JUDGE_ERROR" : "SCORER_ERROR",
          errorMessage: result.error,
          stackTrace: null,
        }
      : null,
    rationale: result.rationale ?? null,
    source: { sourceType: source.type, sourceId: source.id },
  };
}
