import "server-only";
/**
 * Backfills: a rule over the complete traces of a time range (trace start time), as a job in
 * slices. Progress (doneTraces of totalTraces) and a cursor are stored after every page, so a
 * backfill resumes where it stopped after a restart or on another server, and a cancelled one
 * stops before its next trace. Traces the rule already scored are skipped.
 */
import { db } from "@/lib/db/client";
import type { JobContext, JobOutcome } from "@/lib/jobs/service";
import { loadRuleVersion, scoreTraceForRule } from "@/lib/monitoring/score-trace";
import { ruleTraceWhere, scorerContext } from "@/lib/monitoring/scan";
import { isSampled } from "@/lib/monitoring/verdict";
import { z } from "zod";

export const MONITORING_BACKFILL_JOB = "monitoring.backfill";
const PAGE = 100;
const ZPayload = z.object({ backfillId: z.string() });

const parseCursor = (c: string | null) => {
  if (!c) return null;
  const i = c.indexOf(":");
  return { ts: BigInt(c.slice(0, i)), id: c.slice(i + 1) };
};

export async function runBackfillSlice(raw: unknown, ctx: JobContext): Promise<JobOutcome> {
  const { backfillId } = ZPayload.parse(raw);
  const b = await db().monitoringBackfill.findUnique({ where: { id: backfillId } });
  if (!b || b.status === "COMPLETED" || b.status === "CANCELLED" || b.status === "FAILED") return "done";
  const rule = await loadRuleVersion(b.ruleId);
  if (!rule) return "done";
  const range = { AND: [ruleTraceWhere(rule), { timestampMs: { gte: b.fromMs, lt: b.toMs } }] };
  if (b.status === "QUEUED") {
    const totalTraces = await db().trace.count({ where: range });
    await db().monitoringBackfill.updateMany({
      where: { id: b.id, status: "QUEUED" },
      data: { status: "RUNNING", startedAt: new Date(), totalTraces },
    });
  }
  const scorerCtx = await scorerContext();
  let cursor = parseCursor(b.cursor);
  for (;;) {
    const page = await db().trace.findMany({
      where: cursor
        ? {
            AND: [
              range,
              { OR: [{ timestampMs: { gt: cursor.ts } }, { timestampMs: cursor.ts, id: { gt: cursor.id } }] },
            ],
          }
        : range,
      orderBy: [{ timestampMs: "asc" }, { id: "asc" }],
      take: PAGE,
      select: { id: true, timestampMs: true },
    });
    if (!page.length) break;
    for (const t of page) {
      const current = await db().monitoringBackfill.findUnique({ where: { id: b.id }, select: { status: true } });
      if (current?.status === "CANCELLED") return "done";
      if (isSampled(rule.ruleId, t.id, rule.samplingRate)) await scoreTraceForRule(rule, t.id, scorerCtx, b.id);
      cursor = { ts: t.timestampMs, id: t.id };
      if (ctx.shouldYield()) break;
    }
    // Progress is where the cursor stands and what is stored (not running sums): a slice redone after a
    // crash neither counts twice nor misses the traces the crashed server scored before it could say so.
    const scored = await db().monitoringResult.count({ where: { backfillId: b.id } });
    const doneTraces = await db().trace.count({
      where: {
        AND: [
          range,
          { OR: [{ timestampMs: { lt: cursor!.ts } }, { timestampMs: cursor!.ts, id: { lte: cursor!.id } }] },
        ],
      },
    });
    await db().monitoringBackfill.update({
      where: { id: b.id },
      data: { doneTraces, scored, cursor: `${cursor!.ts}:${cursor!.id}` },
    });
    if (ctx.shouldYield()) return "continue";
    if (page.length < PAGE) break;
  }
  await db().monitoringBackfill.updateMany({
    where: { id: b.id, status: "RUNNING" },
    data: { status: "COMPLETED", finishedAt: new Date() },
  });
  return "done";
}
