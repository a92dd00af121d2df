import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { getExperiment } from "@/lib/experiments/service";

export interface TraceRowDto {
  traceId: string;
  requestPreview: string | null;
  responsePreview: string | null;
  timestampMs: number;
  executionTimeMs: number | null;
  state: string;
  name: string | null;
  totalTokens: number | null;
}

/** The newest traces of an experiment, a page at a time (the trace explorer grows this). */
export async function listRecentTraces(actor: Actor, experimentId: string, page: { skip: number; take: number }): Promise<{ rows: TraceRowDto[]; total: number }> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, experimentId);
  const where = { experimentId };
  const [rows, total] = await Promise.all([
    db().trace.findMany({ where, orderBy: [{ timestampMs: "desc" }, { id: "asc" }], skip: page.skip, take: Math.min(page.take, 200) }),
    db().trace.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((t) => ({
      traceId: t.id,
      requestPreview: t.requestPreview,
      responsePreview: t.responsePreview,
      timestampMs: Number(t.timestampMs),
      executionTimeMs: t.executionTimeMs == null ? null : Number(t.executionTimeMs),
      state: t.state,
      name: t.name,
      totalTokens: t.totalTokens,
    })),
  };
}
