import "server-only";
/**
 * The background side of monitoring, as jobs. Ingestion enqueues nothing: every worker's timer
 * queues a "monitoring.scan" job every MONITORING_SCAN_SECONDS (one queued and one running at
 * most across all servers), and the scan reads, per enabled rule, the complete traces (OK or
 * ERROR, not IN_PROGRESS) updated since the rule's watermark. The watermark is re-read with an
 * overlap, so a trace committed late is still seen; MonitoringResult's uniqueness makes the
 * re-read harmless. A trace completed after its first spans arrived has a newer updatedAt and
 * is seen then.
 */
import { db, dbProvider } from "@/lib/db/client";
import { resolveJudgeEndpoint } from "@/lib/evaluation/judge-settings/service";
import { loadNetworkPolicy } from "@/lib/allowed-hosts/service";
import type { JobContext, JobOutcome } from "@/lib/jobs/service";
import { loadRuleVersion, scoreTraceForRule, type RuleVersion } from "@/lib/monitoring/score-trace";
import { isSampled } from "@/lib/monitoring/verdict";
import { compileTraceSearch } from "@/lib/traces/search";
import type { Prisma } from "@/lib/db/client";

export const MONITORING_SCAN_JOB = "monitoring.scan";
/** Traces updated up to this long before the watermark are looked at again. */
const OVERLAP_MS = 30_000;
const PAGE = 100;
const COMPLETE_STATES = ["OK", "ERROR"];

/** How often the scan is queued (MONITORING_SCAN_SECONDS, default 5). */
export function scanIntervalMs(): number {
  const v = Number(process.env.MONITORING_SCAN_SECONDS);
  return (Number.isFinite(v) && v > 0 ? v : 5) * 1000;
}

/** The complete traces of the rule's filter, as Prisma `where` (shared with backfills). */
export function ruleTraceWhere(rule: Pick<RuleVersion, "experimentId" | "filter">): Prisma.TraceWhereInput {
  const q = compileTraceSearch({
    provider: dbProvider(),
    experimentIds: [rule.experimentId],
    filter: rule.filter,
    maxResults: PAGE,
  });
  return { AND: [q.where, { state: { in: COMPLETE_STATES } }] };
}

export async function scorerContext() {
  const judge = await resolveJudgeEndpoint();
  return { judge: judge ?? undefined, network: await loadNetworkPolicy() };
}

/** One rule's new traces since its watermark; false when the slice ran out first. */
async function scanRule(rule: RuleVersion, ctx: JobContext, scorerCtx: Awaited<ReturnType<typeof scorerContext>>) {
  const row = await db().monitoringRule.findUniqueOrThrow({
    where: { id: rule.ruleId },
    select: { watermark: true, createdAt: true },
  });
  // The overlap never reaches before the rule existed: a rule scores traces that complete from
  // its creation on (older ones are a backfill's), even those that arrived seconds before it.
  const since = new Date(Math.max(row.watermark.getTime() - OVERLAP_MS, row.createdAt.getTime()));
  let cursor: { updatedAt: Date; id: string } | null = null;
  let newest = row.watermark;
  for (;;) {
    const page: { id: string; updatedAt: Date }[] = await db().trace.findMany({
      where: {
        AND: [
          ruleTraceWhere(rule),
          cursor
            ? {
                OR: [{ updatedAt: { gt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { gt: cursor.id } }],
              }
            : { updatedAt: { gt: since } },
        ],
      },
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      take: PAGE,
      select: { id: true, updatedAt: true },
    });
    if (!page.length) break;
    const done = new Set(
      (
        await db().monitoringResult.findMany({
          where: { ruleId: rule.ruleId, traceId: { in: page.map((t) => t.id) } },
          select: { traceId: true },
        })
      ).map((r) => r.traceId),
    );
    for (const t of page) {
      if (!done.has(t.id) && isSampled(rule.ruleId, t.id, rule.samplingRate))
        await scoreTraceForRule(rule, t.id, scorerCtx);
      cursor = t;
      if (t.updatedAt > newest) newest = t.updatedAt;
      if (ctx.shouldYield()) {
        await db().monitoringRule.update({ where: { id: rule.ruleId }, data: { watermark: newest } });
        return false;
      }
    }
    if (page.length < PAGE) break;
  }
  if (newest > row.watermark)
    await db().monitoringRule.update({ where: { id: rule.ruleId }, data: { watermark: newest } });
  return true;
}

/** The "monitoring.scan" job handler. */
export async function runMonitoringScan(_payload: unknown, ctx: JobContext): Promise<JobOutcome> {
  const rules = await db().monitoringRule.findMany({
    where: { enabled: true, experiment: { lifecycleStage: "active" } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  if (!rules.length) return "done";
  const scorerCtx = await scorerContext();
  for (const { id } of rules) {
    const rule = await loadRuleVersion(id);
    if (!rule) continue;
    try {
      if (!(await scanRule(rule, ctx, scorerCtx))) return "done"; // the next tick continues
    } catch (e) {
      // A broken rule (e.g. a filter that no longer compiles) must not stop the others.
      console.error(`tracelight: monitoring rule ${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return "done";
}
