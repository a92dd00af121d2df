import "server-only";
/**
 * Scoring one trace by one rule version, exactly once: the scorers run, then one transaction
 * inserts the MonitoringResult (unique per rule and trace: a second scorer of the same trace
 * rolls back) and the scores as ordinary feedback assessments (CODE/<scorer> or LLM_JUDGE/<model>)
 * whose metadata names the rule and its version. Routing to a labeling session comes after,
 * under the rule's daily cap (routing.ts).
 */
import { writeAssessment } from "@/lib/assessments/internal";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { newId } from "@/lib/ids";
import { createScorer } from "@/lib/evaluation/scorer-registry";
import { safeScore, scoreAssessment } from "@/lib/evaluation/scorers/run-scorer";
import type { Scorer, ScorerContext } from "@/lib/evaluation/scorers/types";
import { loadExpectations, loadScorerTrace, loadTraceIo } from "@/lib/evaluation/trace-data";
import { ZScorerConfig } from "@/lib/evaluation/schemas";
import { ZRouting, scorerName, type TRouting } from "@/lib/monitoring/schemas";
import { overallPass } from "@/lib/monitoring/verdict";
import { routeTrace } from "@/lib/monitoring/routing";

export const RULE_ID_METADATA_KEY = "tracelight.monitoring.ruleId";
export const RULE_VERSION_METADATA_KEY = "tracelight.monitoring.ruleVersion";

export interface RuleVersion {
  ruleId: string;
  experimentId: string;
  version: number;
  filter: string;
  samplingRate: number;
  scorers: Scorer[];
  routing: TRouting | null;
}

/** The rule's current version, ready to score (scorers built once per scan). */
export async function loadRuleVersion(ruleId: string): Promise<RuleVersion | null> {
  const rule = await db().monitoringRule.findUnique({ where: { id: ruleId } });
  if (!rule) return null;
  const v = await db().monitoringRuleVersion.findUnique({
    where: { ruleId_version: { ruleId, version: rule.version } },
  });
  if (!v) return null;
  const configs = (JSON.parse(v.scorers) as unknown[]).map((s) => ZScorerConfig.parse(s));
  return {
    ruleId,
    experimentId: rule.experimentId,
    version: v.version,
    filter: v.filter,
    samplingRate: v.samplingRate,
    scorers: configs.map(createScorer),
    routing: v.routing ? ZRouting.parse(JSON.parse(v.routing)) : null,
  };
}

/** Scores the trace unless this rule already did; "scored" when this call stored the result. */
export async function scoreTraceForRule(
  rule: RuleVersion,
  traceId: string,
  ctx: ScorerContext,
  backfillId: string | null = null,
): Promise<"scored" | "skipped"> {
  if (await db().monitoringResult.findUnique({ where: { ruleId_traceId: { ruleId: rule.ruleId, traceId } } }))
    return "skipped";
  const io = (await loadTraceIo([traceId])).get(traceId);
  if (!io) return "skipped";
  const [expectations, trace] = await Promise.all([loadExpectations([traceId]), loadScorerTrace(traceId)]);
  const input = { inputs: io.inputs, outputs: io.outputs, expectations: expectations.get(traceId) ?? {}, trace };
  const results = await Promise.all(
    rule.scorers.map(async (s) => ({ scorer: s, result: await safeScore(s, input, ctx) })),
  );
  const errors = results.filter((r) => r.result.error).map((r) => `${r.scorer.name}: ${r.result.error}`);
  const judged = results.filter((r) => r.scorer.kind === "LLM_JUDGE");
  const metadata = { [RULE_ID_METADATA_KEY]: rule.ruleId, [RULE_VERSION_METADATA_KEY]: String(rule.version) };
  const resultId = newId();
  try {
    await db().$transaction(
      async (tx) => {
        await tx.monitoringResult.create({
          data: {
            id: resultId,
            ruleId: rule.ruleId,
            ruleVersion: rule.version,
            traceId,
            backfillId,
            passed: overallPass(
              results.map((r) => ({ name: r.scorer.name, value: r.result.value, error: r.result.error })),
            ),
            errorCount: errors.length,
            errors: errors.length ? errors.join("\n").slice(0, 5000) : null,
            judgeCalls: judged.length,
            inputTokens: judged.reduce((n, r) => n + (r.result.usage?.inputTokens ?? 0), 0),
            outputTokens: judged.reduce((n, r) => n + (r.result.usage?.outputTokens ?? 0), 0),
          },
        });
        for (const { scorer, result } of results) {
          const assessment = scoreAssessment({
            traceId,
            spanId: io.rootSpanId,
            scorer,
            result,
            judgeModel: ctx.judge?.model,
          });
          await writeAssessment(tx, { ...assessment, metadata });
        }
      },
      { maxWait: 30_000, timeout: 60_000 },
    );
  } catch (e) {
    if (isUniqueViolation(e)) return "skipped";
    throw e;
  }
  if (rule.routing)
    await routeTrace(
      rule,
      rule.routing,
      resultId,
      traceId,
      results.map((r) => ({ name: r.scorer.name, value: r.result.value, error: r.result.error })),
    );
  return "scored";
}

export { scorerName };
