import "server-only";
import { db, Prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import type { TPageTokenQuery } from "@/lib/paging/schemas";
import type { MyReviewSessionDto } from "@/lib/labeling/types";
export type { MyReviewSessionDto } from "@/lib/labeling/types";

/**
 * The Review App's start screen: sessions the reviewer is assigned to or that are open to all
 * reviewers, in every experiment, newest first, with their own progress. This list is by
 * assignment for every role (an admin sees the sessions they were asked to label, too).
 */
export async function listMyReviewSessions(
  actor: Actor,
  query: TPageTokenQuery,
): Promise<{ sessions: MyReviewSessionDto[]; nextPageToken?: string }> {
  const skip = decodePageToken(query.pageToken);
  const take = query.maxResults ?? 50;
  const rows = await db().labelingSession.findMany({
    where: {
      experiment: { lifecycleStage: "active" },
      OR: [{ openToAllReviewers: true }, { reviewers: { some: { userId: actor.userId } } }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip,
    take,
    include: { experiment: { select: { name: true } }, _count: { select: { items: true } } },
  });
  const ids = rows.map((s) => s.id);
  const [mine, done] = await Promise.all([myClaimCounts(actor.userId, ids), countDoneItems(ids)]);
  const sessions = rows.map((s): MyReviewSessionDto => ({
    id: s.id,
    name: s.name,
    experimentId: s.experimentId,
    experimentName: s.experiment.name,
    url: `/review/${s.id}`,
    totalItems: s._count.items,
    completed: mine.get(`${s.id}:COMPLETED`) ?? 0,
    skipped: mine.get(`${s.id}:SKIPPED`) ?? 0,
    doneItems: done.get(s.id) ?? 0,
    createdAt: s.createdAt.getTime(),
  }));
  return { sessions, nextPageToken: nextPageToken(skip, take, rows.length) };
}

/** Items with at least `labelsPerItem` submitted labels. */
type CountRow = { sessionId: string; status?: string; n: number | bigint };

/** This reviewer's claims per session and status ("<sessionId>:<status>" → count), in one query. */
async function myClaimCounts(userId: string, sessionIds: string[]): Promise<Map<string, number>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db().$queryRaw<CountRow[]>(Prisma.sql`
    SELECT i."sessionId" AS "sessionId", c."status" AS "status", COUNT(*) AS "n"
    FROM "LabelingClaim" c JOIN "LabelingItem" i ON i."id" = c."itemId"
    WHERE c."userId" = ${userId} AND i."sessionId" IN (${Prisma.join(sessionIds)})
    GROUP BY i."sessionId", c."status"`);
  return new Map(rows.map((r) => [`${r.sessionId}:${r.status}`, Number(r.n)]));
}

/** Items that have all the labels their session asks for, per session, in one query. */
export async function countDoneItems(sessionIds: string[]): Promise<Map<string, number>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db().$queryRaw<CountRow[]>(Prisma.sql`
    SELECT i."sessionId" AS "sessionId", COUNT(*) AS "n"
    FROM "LabelingItem" i JOIN "LabelingSession" s ON s."id" = i."sessionId"
    WHERE i."sessionId" IN (${Prisma.join(sessionIds)})
      AND (SELECT COUNT(*) FROM "LabelingClaim" c WHERE c."itemId" = i."id" AND c."status" = 'COMPLETED') >= s."labelsPerItem"
    GROUP BY i."sessionId"`);
  return new Map(rows.map((r) => [r.sessionId, Number(r.n)]));
}
