import "server-only";
/**
 * Routing a scored trace into a labeling session, through labeling's own service (so the item
 * is added once: the session never holds a trace twice). The daily cap holds across servers and
 * concurrent scans: the cap is counted and the slot taken in one transaction that first locks
 * the rule's row (PostgreSQL `FOR UPDATE`; SQLite has one writer at a time).
 */
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db, dbProvider, Prisma } from "@/lib/db/client";
import { addSessionItems } from "@/lib/labeling/items/service";
import type { TRouting } from "@/lib/monitoring/schemas";
import { shouldRoute, utcDayStart, type ScoredValue } from "@/lib/monitoring/verdict";

async function hasUserFeedbackFalse(traceId: string): Promise<boolean> {
  const rows = await db().assessment.findMany({
    where: { traceId, name: "user_feedback", kind: "FEEDBACK", valid: true },
    select: { value: true },
  });
  return rows.some((r) => r.value === "false" || r.value === '"no"');
}

/** Takes one of today's routing slots for this result; false when the cap is reached. */
async function takeSlot(ruleId: string, resultId: string, cap: number): Promise<boolean> {
  const now = new Date();
  return db().$transaction(async (tx) => {
    if (dbProvider() === "postgresql")
      await tx.$queryRaw(Prisma.sql`SELECT "id" FROM "MonitoringRule" WHERE "id" = ${ruleId} FOR UPDATE`);
    const today = await tx.monitoringResult.count({ where: { ruleId, routedAt: { gte: utcDayStart(now) } } });
    if (today >= cap) return false;
    await tx.monitoringResult.update({ where: { id: resultId }, data: { routedAt: now } });
    return true;
  });
}

export async function routeTrace(
  rule: { ruleId: string; experimentId: string },
  routing: TRouting,
  resultId: string,
  traceId: string,
  results: ScoredValue[],
): Promise<void> {
  const feedbackFalse = routing.when.kind === "user_feedback_false" ? await hasUserFeedbackFalse(traceId) : false;
  if (!shouldRoute(routing.when, results, feedbackFalse)) return;
  const session = await db().labelingSession.findUnique({
    where: { id: routing.sessionId },
    select: { experimentId: true },
  });
  // A deleted session, or one moved out of reach, stops routing quietly (the rule page shows no items).
  if (!session || session.experimentId !== rule.experimentId) return;
  if (!(await takeSlot(rule.ruleId, resultId, routing.dailyCap))) return;
  const added = await addSessionItems(SYSTEM_ACTOR, routing.sessionId, { traceIds: [traceId] });
  const item = await db().labelingItem.findUnique({
    where: { sessionId_traceId: { sessionId: routing.sessionId, traceId } },
    select: { id: true },
  });
  // Already in the session (added by hand or by another rule): not ours, and not counted.
  await db().monitoringResult.update({
    where: { id: resultId },
    data: added.added ? { routedItemId: item?.id ?? null } : { routedAt: null },
  });
}
