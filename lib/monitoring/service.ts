import "server-only";
/**
 * Monitoring rules per experiment (Developers): create, list, read, edit (a new version when the
 * scoring settings change), delete; the rule page's figures; backfills with progress and cancel.
 * The scoring itself runs in jobs (scan.ts, backfill.ts).
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db, dbProvider } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { pinCustomJudge } from "@/lib/evaluation/custom-judges/service";
import { getExperiment } from "@/lib/experiments/service";
import { newId } from "@/lib/ids";
import { enqueueJob } from "@/lib/jobs/service";
import { MONITORING_BACKFILL_JOB } from "@/lib/monitoring/backfill";
import {
  scorerName,
  ZRouting,
  type TCreateBackfillBody,
  type TMonitoringRuleBody,
  type TRuleStatsQuery,
} from "@/lib/monitoring/schemas";
import type { BackfillDto, MonitoringRuleDto, RuleStatsDto } from "@/lib/monitoring/types";
import { bucketMsFor, utcDayStart } from "@/lib/monitoring/verdict";
import { compileTraceSearch, FilterSyntaxError } from "@/lib/traces/search";

type RuleRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["monitoringRule"]["findUnique"]>>>;
type VersionRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["monitoringRuleVersion"]["findUnique"]>>>;

function assertFilter(experimentId: string, filter: string): void {
  try {
    compileTraceSearch({ provider: dbProvider(), experimentIds: [experimentId], filter, maxResults: 1 });
  } catch (e) {
    if (e instanceof FilterSyntaxError)
      throw new ValidationError(e.message, { issues: [{ path: "body.filter", message: e.message }] });
    throw e;
  }
}

async function assertSession(experimentId: string, body: TMonitoringRuleBody): Promise<void> {
  if (!body.routing) return;
  const s = await db().labelingSession.findUnique({ where: { id: body.routing.sessionId } });
  if (!s || s.experimentId !== experimentId)
    throw new ValidationError("The labeling session to route to is not in this experiment", {
      issues: [{ path: "body.routing.sessionId", message: "no labeling session with this id in the experiment" }],
    });
}

async function toDtos(rows: RuleRow[]): Promise<MonitoringRuleDto[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [versions, counts] = await Promise.all([
    db().monitoringRuleVersion.findMany({
      where: { OR: rows.map((r) => ({ ruleId: r.id, version: r.version })) },
    }),
    db().monitoringResult.groupBy({ by: ["ruleId"], where: { ruleId: { in: ids } }, _count: { _all: true } }),
  ]);
  const byRule = new Map(versions.map((v) => [v.ruleId, v]));
  const routings = versions.map((v) => (v.routing ? ZRouting.parse(JSON.parse(v.routing)) : null));
  const sessionIds = [...new Set(routings.flatMap((r) => (r ? [r.sessionId] : [])))];
  const sessions = new Map(
    (await db().labelingSession.findMany({ where: { id: { in: sessionIds } }, select: { id: true, name: true } })).map(
      (s) => [s.id, s.name],
    ),
  );
  const countBy = new Map(counts.map((c) => [c.ruleId, c._count._all]));
  return rows.map((r) => {
    const v = byRule.get(r.id) as VersionRow;
    const routing = v.routing ? ZRouting.parse(JSON.parse(v.routing)) : null;
    return {
      id: r.id,
      experimentId: r.experimentId,
      name: r.name,
      enabled: r.enabled,
      version: r.version,
      filter: v.filter,
      samplingRate: v.samplingRate,
      scorers: JSON.parse(v.scorers),
      routing,
      routingSessionName: routing ? (sessions.get(routing.sessionId) ?? null) : null,
      createdAt: r.createdAt.getTime(),
      updatedAt: r.updatedAt.getTime(),
      tracesScored: countBy.get(r.id) ?? 0,
    };
  });
}

/**
 * Custom judges are pinned to a version (the current one unless given) and named after the judge
 * unless named, as evaluation runs do: a rule version says exactly which prompt scored a trace,
 * and editing the judge takes effect when the rule is saved again (a new rule version).
 */
async function pinRuleScorers(experimentId: string, body: TMonitoringRuleBody): Promise<TMonitoringRuleBody> {
  const scorers = [];
  for (const s of body.scorers) {
    if (s.type !== "custom_judge") {
      scorers.push(s);
      continue;
    }
    const { judge, version } = await pinCustomJudge(experimentId, s.judgeId, s.version);
    scorers.push({ ...s, name: s.name ?? judge.name, version: version.version });
  }
  const names = scorers.map(scorerName);
  if (new Set(names).size !== names.length)
    throw new ValidationError("body.scorers: scorer names must be unique (set `name` to tell two apart)");
  const when = body.routing?.when;
  if (when && when.kind !== "user_feedback_false" && !names.includes(when.scorer))
    throw new ValidationError(`body.routing.when.scorer: no scorer of this rule is named '${when.scorer}'`, {
      issues: [{ path: "body.routing.when.scorer", message: `no scorer of this rule is named '${when.scorer}'` }],
    });
  return { ...body, scorers };
}

const versionData = (body: TMonitoringRuleBody) => ({
  filter: body.filter,
  samplingRate: body.samplingRate,
  scorers: JSON.stringify(body.scorers),
  routing: body.routing ? JSON.stringify(body.routing) : null,
});

function nameTaken(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === "P2002" || code === "23505" || /unique constraint/i.test(String((e as Error)?.message));
}

/** Creates a rule (version 1). It scores traces that complete from now on; backfill for older ones. */
export async function createMonitoringRule(
  actor: Actor,
  experimentId: string,
  body: TMonitoringRuleBody,
): Promise<MonitoringRuleDto> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, experimentId);
  assertFilter(experimentId, body.filter);
  await assertSession(experimentId, body);
  body = await pinRuleScorers(experimentId, body);
  const id = newId();
  const createdById = actor.via === "system" ? null : actor.userId;
  try {
    await db().$transaction(async (tx) => {
      await tx.monitoringRule.create({
        data: { id, experimentId, name: body.name, enabled: body.enabled, version: 1, createdById },
      });
      await tx.monitoringRuleVersion.create({
        data: { id: newId(), ruleId: id, version: 1, createdById, ...versionData(body) },
      });
    });
  } catch (e) {
    if (nameTaken(e))
      throw new ConflictError(`A monitoring rule named '${body.name}' already exists in this experiment`, {
        issues: [{ path: "body.name", message: "already used by another rule" }],
      });
    throw e;
  }
  return getMonitoringRule(actor, id);
}

export async function listMonitoringRules(actor: Actor, experimentId: string): Promise<{ rules: MonitoringRuleDto[] }> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, experimentId);
  const rows = await db().monitoringRule.findMany({
    where: { experimentId },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  return { rules: await toDtos(rows) };
}

async function loadRule(actor: Actor, ruleId: string): Promise<RuleRow> {
  requireRole(actor, "DEVELOPER");
  const r = await db().monitoringRule.findUnique({ where: { id: ruleId } });
  if (!r) throw new NotFoundError(`Monitoring rule '${ruleId}' not found`);
  await getExperiment(actor, r.experimentId);
  return r;
}

export async function getMonitoringRule(actor: Actor, ruleId: string): Promise<MonitoringRuleDto> {
  return (await toDtos([await loadRule(actor, ruleId)]))[0]!;
}

/**
 * Edits a rule. A change to what it scores (filter, sampling, scorers, routing) adds a version,
 * so earlier assessments keep naming the version that made them; name and on/off do not.
 */
export async function updateMonitoringRule(
  actor: Actor,
  ruleId: string,
  body: TMonitoringRuleBody,
): Promise<MonitoringRuleDto> {
  const rule = await loadRule(actor, ruleId);
  assertFilter(rule.experimentId, body.filter);
  await assertSession(rule.experimentId, body);
  body = await pinRuleScorers(rule.experimentId, body);
  const current = await db().monitoringRuleVersion.findUniqueOrThrow({
    where: { ruleId_version: { ruleId, version: rule.version } },
  });
  const next = versionData(body);
  const changed =
    next.filter !== current.filter ||
    next.samplingRate !== current.samplingRate ||
    next.scorers !== current.scorers ||
    next.routing !== current.routing;
  try {
    await db().$transaction(async (tx) => {
      const version = changed ? rule.version + 1 : rule.version;
      if (changed)
        await tx.monitoringRuleVersion.create({
          data: { id: newId(), ruleId, version, createdById: actor.via === "system" ? null : actor.userId, ...next },
        });
      await tx.monitoringRule.update({
        where: { id: ruleId },
        data: { name: body.name, enabled: body.enabled, version },
      });
    });
  } catch (e) {
    if (nameTaken(e))
      throw new ConflictError(`A monitoring rule named '${body.name}' already exists in this experiment`, {
        issues: [{ path: "body.name", message: "already used by another rule" }],
      });
    throw e;
  }
  return getMonitoringRule(actor, ruleId);
}

/** Deletes the rule, its versions, results and backfills; its assessments stay on the traces. */
export async function deleteMonitoringRule(actor: Actor, ruleId: string): Promise<{ deleted: true }> {
  await loadRule(actor, ruleId);
  await db().monitoringRule.delete({ where: { id: ruleId } });
  return { deleted: true };
}

/** USD per million tokens from the environment; null when no price is configured. */
function judgeCost(inputTokens: number, outputTokens: number): number | null {
  const pin = Number(process.env.JUDGE_PRICE_INPUT_PER_MTOK);
  const pout = Number(process.env.JUDGE_PRICE_OUTPUT_PER_MTOK);
  if (!Number.isFinite(pin) && !Number.isFinite(pout)) return null;
  return ((Number.isFinite(pin) ? pin : 0) * inputTokens + (Number.isFinite(pout) ? pout : 0) * outputTokens) / 1e6;
}

/** The rule page: totals, pass rate per hour/day, judge calls and cost, recent errors and routed items. */
export async function getRuleStats(actor: Actor, ruleId: string, query: TRuleStatsQuery): Promise<RuleStatsDto> {
  await loadRule(actor, ruleId);
  const now = Date.now();
  const bucketMs = bucketMsFor(query.days);
  const from = new Date(Math.floor((now - query.days * 86_400_000) / bucketMs) * bucketMs);
  const where = { ruleId, scoredAt: { gte: from } };
  const [totals, passed, failed, withErrors, routed, routedToday, recentErrors, recentItems, points] =
    await Promise.all([
      db().monitoringResult.aggregate({
        where,
        _count: { _all: true },
        _sum: { judgeCalls: true, inputTokens: true, outputTokens: true },
      }),
      db().monitoringResult.count({ where: { ...where, passed: true } }),
      db().monitoringResult.count({ where: { ...where, passed: false } }),
      db().monitoringResult.count({ where: { ...where, errorCount: { gt: 0 } } }),
      db().monitoringResult.count({ where: { ruleId, routedAt: { gte: from }, routedItemId: { not: null } } }),
      db().monitoringResult.count({ where: { ruleId, routedAt: { gte: utcDayStart(new Date(now)) } } }),
      db().monitoringResult.findMany({
        where: { ...where, errorCount: { gt: 0 } },
        orderBy: { scoredAt: "desc" },
        take: 20,
        select: { traceId: true, scoredAt: true, errors: true },
      }),
      db().monitoringResult.findMany({
        where: { ruleId, routedAt: { not: null }, routedItemId: { not: null } },
        orderBy: { routedAt: "desc" },
        take: 50,
        select: { traceId: true, routedItemId: true, routedAt: true },
      }),
      // Only two small columns per result, bucketed here: one query that works on both databases.
      db().monitoringResult.findMany({ where, select: { scoredAt: true, passed: true }, take: 200_000 }),
    ]);
  const buckets = new Map<number, { scored: number; passed: number; failed: number }>();
  for (let t = from.getTime(); t <= now; t += bucketMs) buckets.set(t, { scored: 0, passed: 0, failed: 0 });
  for (const p of points) {
    const start = Math.floor(p.scoredAt.getTime() / bucketMs) * bucketMs;
    const b = buckets.get(start) ?? { scored: 0, passed: 0, failed: 0 };
    b.scored++;
    if (p.passed === true) b.passed++;
    if (p.passed === false) b.failed++;
    buckets.set(start, b);
  }
  const inputTokens = totals._sum.inputTokens ?? 0;
  const outputTokens = totals._sum.outputTokens ?? 0;
  return {
    ruleId,
    days: query.days,
    bucketMs,
    tracesScored: totals._count._all,
    passed,
    failed,
    withErrors,
    judgeCalls: totals._sum.judgeCalls ?? 0,
    inputTokens,
    outputTokens,
    costUsd: judgeCost(inputTokens, outputTokens),
    itemsRouted: routed,
    itemsRoutedToday: routedToday,
    buckets: [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([start, b]) => ({
        start,
        ...b,
        passRate: b.passed + b.failed ? b.passed / (b.passed + b.failed) : null,
      })),
    recentErrors: recentErrors.map((e) => ({ traceId: e.traceId, at: e.scoredAt.getTime(), error: e.errors ?? "" })),
    recentItems: recentItems.map((i) => ({ traceId: i.traceId, itemId: i.routedItemId, at: i.routedAt!.getTime() })),
  };
}

async function toBackfillDto(
  b: NonNullable<Awaited<ReturnType<ReturnType<typeof db>["monitoringBackfill"]["findUnique"]>>>,
): Promise<BackfillDto> {
  return {
    id: b.id,
    ruleId: b.ruleId,
    fromMs: Number(b.fromMs),
    toMs: Number(b.toMs),
    status: b.status,
    totalTraces: b.totalTraces,
    doneTraces: b.doneTraces,
    // Counted from the results, so a resumed slice never counts a trace twice.
    scored: await db().monitoringResult.count({ where: { backfillId: b.id } }),
    error: b.error,
    createdAt: b.createdAt.getTime(),
    finishedAt: b.finishedAt?.getTime() ?? null,
  };
}

/** Starts a backfill of the rule's current version over traces that started in [fromMs, toMs). */
export async function createBackfill(actor: Actor, ruleId: string, body: TCreateBackfillBody): Promise<BackfillDto> {
  await loadRule(actor, ruleId);
  const id = newId();
  await db().monitoringBackfill.create({
    data: {
      id,
      ruleId,
      fromMs: BigInt(body.fromMs),
      toMs: BigInt(body.toMs),
      createdById: actor.via === "system" ? null : actor.userId,
    },
  });
  await enqueueJob(MONITORING_BACKFILL_JOB, { backfillId: id }, { maxAttempts: 5 });
  return getBackfill(actor, id);
}

export async function listBackfills(actor: Actor, ruleId: string): Promise<{ backfills: BackfillDto[] }> {
  await loadRule(actor, ruleId);
  const rows = await db().monitoringBackfill.findMany({ where: { ruleId }, orderBy: { createdAt: "desc" }, take: 20 });
  return { backfills: await Promise.all(rows.map(toBackfillDto)) };
}

export async function getBackfill(actor: Actor, backfillId: string): Promise<BackfillDto> {
  const b = await db().monitoringBackfill.findUnique({ where: { id: backfillId } });
  if (!b) throw new NotFoundError(`Backfill '${backfillId}' not found`);
  await loadRule(actor, b.ruleId);
  return toBackfillDto(b);
}

/** Stops a queued or running backfill before its next trace; traces already scored keep their results. */
export async function cancelBackfill(actor: Actor, backfillId: string): Promise<BackfillDto> {
  const b = await getBackfill(actor, backfillId);
  const { count } = await db().monitoringBackfill.updateMany({
    where: { id: backfillId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "CANCELLED", finishedAt: new Date() },
  });
  if (!count)
    throw new ConflictError(`The backfill is ${b.status.toLowerCase()}: only a queued or running one can be cancelled`);
  return getBackfill(actor, backfillId);
}
