import "server-only";
import { db, Prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import type { TPageTokenQuery } from "@/lib/paging/schemas";
import { countMyItems } from "@/lib/labeling/review/my-items";
import { PAIRWISE_ASSESSMENT, type MyReviewSessionDto } from "@/lib/labeling/types";
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
    include: {
      experiment: { select: { name: true } },
      _count: { select: { items: true } },
      pairwise: { select: { sessionId: true } },
    },
  });
  const ids = rows.map((s) => s.id);
  const [mine, done, open, pairs] = await Promise.all([
    myClaimCounts(actor.userId, ids),
    countDoneItems(ids),
    // What "Continue" would offer, by the queue's own rules (lib/labeling/review/my-items.ts).
    Promise.all(rows.map((s) => countMyItems(s.id, actor.userId, s.labelsPerItem))),
    comparePairCounts(
      actor.userId,
      rows.filter((s) => s.pairwise).map((s) => s.id),
    ),
  ]);
  const sessions = rows.map((s, i): MyReviewSessionDto => {
    const p = s.pairwise ? (pairs.get(s.id) ?? { total: 0, mine: 0, done: 0 }) : null;
    return {
      id: s.id,
      name: s.name,
      experimentId: s.experimentId,
      experimentName: s.experiment.name,
      url: `/review/${s.id}`,
      // A compare session's items are its pairs; a choice is its "label".
      totalItems: p ? p.total : s._count.items,
      completed: p ? p.mine : (mine.get(`${s.id}:COMPLETED`) ?? 0),
      skipped: p ? 0 : (mine.get(`${s.id}:SKIPPED`) ?? 0),
      doneItems: p ? p.done : (done.get(s.id) ?? 0),
      toDo: p ? p.total - p.mine : open[i].todo + open[i].draft,
      compare: p !== null,
      createdAt: s.createdAt.getTime(),
    };
  });
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

/**
 * Per compare session: its pairs ready to compare (both answers recorded), those this reviewer
 * chose on, and those with a choice from as many reviewers as the session asks for. A choice is
 * the reviewer's valid `pairwise_preference` assessment on the pair's A trace in the session's run.
 */
async function comparePairCounts(
  userId: string,
  sessionIds: string[],
): Promise<Map<string, { total: number; mine: number; done: number }>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db().$queryRaw<
    { sessionId: string; total: number | bigint; mine: number | bigint; done: number | bigint }[]
  >(Prisma.sql`
    SELECT p."sessionId" AS "sessionId", COUNT(*) AS "total",
      SUM(CASE WHEN EXISTS (SELECT 1 FROM "Assessment" a WHERE a."traceId" = p."traceIdA" AND a."name" = ${PAIRWISE_ASSESSMENT}
        AND a."runId" = s."runId" AND a."valid" = ${true} AND a."createdById" = ${userId}) THEN 1 ELSE 0 END) AS "mine",
      SUM(CASE WHEN (SELECT COUNT(DISTINCT a."createdById") FROM "Assessment" a WHERE a."traceId" = p."traceIdA"
        AND a."name" = ${PAIRWISE_ASSESSMENT} AND a."runId" = s."runId" AND a."valid" = ${true}) >= s."labelsPerItem" THEN 1 ELSE 0 END) AS "done"
    FROM "PairwisePair" p JOIN "LabelingSession" s ON s."id" = p."sessionId"
    WHERE p."sessionId" IN (${Prisma.join(sessionIds)}) AND p."traceIdA" IS NOT NULL AND p."traceIdB" IS NOT NULL
    GROUP BY p."sessionId"`);
  return new Map(
    rows.map((r) => [r.sessionId, { total: Number(r.total), mine: Number(r.mine ?? 0), done: Number(r.done ?? 0) }]),
  );
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
