import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { listExperiments, type ExperimentDto } from "./service";

export interface ExperimentSummary extends ExperimentDto {
  traceCount: number;
  lastTraceAt: number | null;
}

/** Experiments with their trace counts, for the experiments overview. */
export async function listExperimentSummaries(
  actor: Actor,
  opts: { skip?: number; take?: number } = {},
): Promise<ExperimentSummary[]> {
  const experiments = await listExperiments(actor, opts);
  const ids = experiments.map((e) => e.id);
  const stats = await db().trace.groupBy({
    by: ["experimentId"],
    where: { experimentId: { in: ids } },
    _count: { _all: true },
    _max: { timestampMs: true },
  });
  const byId = new Map(stats.map((c) => [c.experimentId, c]));
  return experiments.map((e) => {
    const s = byId.get(e.id);
    return {
      ...e,
      traceCount: s?._count._all ?? 0,
      lastTraceAt: s?._max.timestampMs == null ? null : Number(s._max.timestampMs),
    };
  });
}
