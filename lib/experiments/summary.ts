import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { listExperiments, type ExperimentDto } from "./service";

export interface ExperimentSummary extends ExperimentDto {
  traceCount: number;
  lastTraceAt: number | null;
}

/** Experiments with their trace counts, for the experiments overview. */
export async function listExperimentSummaries(actor: Actor, opts: { skip?: number; take?: number } = {}): Promise<ExperimentSummary[]> {
  const experiments = await listExperiments(actor, opts);
  const ids = experiments.map((e) => e.id);
  const [counts, latest] = await Promise.all([
    db().trace.groupBy({ by: ["experimentId"], where: { experimentId: { in: ids } }, _count: { _all: true } }),
    db().trace.groupBy({ by: ["experimentId"], where: { experimentId: { in: ids } }, _max: { timestampMs: true } }),
  ]);
  const countBy = new Map(counts.map((c) => [c.experimentId, c._count._all]));
  const latestBy = new Map(latest.map((c) => [c.experimentId, c._max.timestampMs]));
  return experiments.map((e) => {
    const last = latestBy.get(e.id);
    return { ...e, traceCount: countBy.get(e.id) ?? 0, lastTraceAt: last == null ? null : Number(last) };
  });
}
