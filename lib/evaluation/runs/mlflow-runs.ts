import "server-only";
/**
 * Runs made by MLflow's own `mlflow.genai.evaluate` (tagged `mlflow.runType=genai_evaluate`),
 * listed in the Evaluation tab beside the app's runs: their metrics, how many traces they link
 * and how many assessments their scorers wrote (`mlflow.assessment.sourceRunId` → Assessment.runId).
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { getExperiment } from "@/lib/experiments/service";
import type { MlflowEvaluateRunDto } from "./types";
export type { MlflowEvaluateRunDto } from "./types";

export const GENAI_EVALUATE_TAG = { key: "mlflow.runType", value: "genai_evaluate" } as const;

/** The experiment's genai_evaluate runs, newest first (at most `take`). */
export async function listMlflowEvaluateRuns(
  actor: Actor,
  experimentId: string,
  take = 50,
): Promise<MlflowEvaluateRunDto[]> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, experimentId);
  const rows = await db().run.findMany({
    where: { experimentId, lifecycleStage: "active", tags: { some: GENAI_EVALUATE_TAG } },
    orderBy: [{ startTimeMs: "desc" }, { id: "asc" }],
    take,
    include: {
      metrics: { orderBy: [{ timestampMs: "asc" }, { step: "asc" }] },
      tags: { where: { key: "mlflow.runName" } },
      _count: { select: { traceLinks: true } },
    },
  });
  if (!rows.length) return [];
  const counts = await db().assessment.groupBy({
    by: ["runId"],
    where: { runId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const assessments = new Map(counts.map((c) => [c.runId, c._count._all]));
  return rows.map((r) => {
    const latest = new Map<string, number>();
    for (const m of r.metrics) latest.set(m.key, m.value);
    return {
      runId: r.id,
      name: r.tags[0]?.value ?? r.name,
      status: r.status,
      startTimeMs: Number(r.startTimeMs),
      endTimeMs: r.endTimeMs == null ? null : Number(r.endTimeMs),
      metrics: [...latest].map(([key, value]) => ({ key, value })).sort((a, b) => a.key.localeCompare(b.key)),
      traceCount: r._count.traceLinks,
      assessmentCount: assessments.get(r.id) ?? 0,
    };
  });
}
