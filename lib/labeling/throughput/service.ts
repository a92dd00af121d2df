import "server-only";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { loadSession, loadSessionForReviewer } from "@/lib/labeling/sessions/access";
import { capHeartbeat, summarizeThroughput, type ReviewerThroughputDto } from "./active-time";
import type { TActiveTimeBody } from "./schemas";

const BATCH = 2000;

/**
 * Adds a heartbeat's active time to the reviewer's total on an item (any reviewer of the
 * session, for themselves). One report adds at most MAX_HEARTBEAT_MS.
 */
export async function recordActiveTime(
  actor: Actor,
  sessionId: string,
  itemId: string,
  body: TActiveTimeBody,
): Promise<{ itemId: string; activeMs: number }> {
  await loadSessionForReviewer(actor, sessionId);
  const item = await db().labelingItem.findFirst({ where: { id: itemId, sessionId }, select: { id: true } });
  if (!item) throw new NotFoundError(`Item '${itemId}' is not in labeling session '${sessionId}'`);
  const add = capHeartbeat(body.activeMs);
  const row = await db().labelingActiveTime.upsert({
    where: { itemId_userId: { itemId, userId: actor.userId } },
    create: { itemId, userId: actor.userId, activeMs: add },
    update: { activeMs: { increment: add } },
  });
  return { itemId, activeMs: row.activeMs };
}

export interface SlowItemDto {
  itemId: string;
  traceId: string;
  position: number;
  /** Mean active time of the reviewers who worked on it. */
  meanMs: number;
  maxMs: number;
  reviewers: number;
}

/** Items per hour and median time per item per reviewer, and the slowest items (developers and admins). */
export async function getThroughput(
  actor: Actor,
  sessionId: string,
  slowest = 10,
): Promise<{ reviewers: ReviewerThroughputDto[]; slowest: SlowItemDto[] }> {
  requireRole(actor, "DEVELOPER");
  await loadSession(sessionId);
  const rows: { userId: string; email: string; activeMs: number; completed: boolean }[] = [];
  const emails = new Map<string, string>();
  for (let skip = 0; ; skip += BATCH) {
    const claims = await db().labelingClaim.findMany({
      where: { item: { sessionId }, status: "COMPLETED" },
      orderBy: { id: "asc" },
      skip,
      take: BATCH,
      select: { itemId: true, userId: true, user: { select: { email: true } } },
    });
    const times = await db().labelingActiveTime.findMany({
      where: { OR: claims.map((c) => ({ itemId: c.itemId, userId: c.userId })) },
      select: { itemId: true, userId: true, activeMs: true },
    });
    const timeOf = new Map(times.map((t) => [`${t.itemId}\u0000${t.userId}`, t.activeMs]));
    for (const c of claims) {
      emails.set(c.userId, c.user.email);
      rows.push({
        userId: c.userId,
        email: c.user.email,
        activeMs: timeOf.get(`${c.itemId}\u0000${c.userId}`) ?? 0,
        completed: true,
      });
    }
    if (claims.length < BATCH) break;
  }
  const grouped = await db().labelingActiveTime.groupBy({
    by: ["itemId"],
    where: { item: { sessionId }, activeMs: { gt: 0 } },
    _avg: { activeMs: true },
    _max: { activeMs: true },
    _count: { _all: true },
    orderBy: { _avg: { activeMs: "desc" } },
    take: slowest,
  });
  const items = await db().labelingItem.findMany({
    where: { id: { in: grouped.map((g) => g.itemId) } },
    select: { id: true, traceId: true, position: true },
  });
  const itemOf = new Map(items.map((i) => [i.id, i]));
  return {
    reviewers: summarizeThroughput(rows),
    slowest: grouped.map((g) => ({
      itemId: g.itemId,
      traceId: itemOf.get(g.itemId)?.traceId ?? "",
      position: itemOf.get(g.itemId)?.position ?? 0,
      meanMs: Math.round(g._avg.activeMs ?? 0),
      maxMs: g._max.activeMs ?? 0,
      reviewers: g._count._all,
    })),
  };
}
