import "server-only";
/**
 * The reviewer's own view of a session's queue: every item with *my* status, and the counts the
 * queue's header, its item list, "Continue" and the session list all show. One definition of
 * each status, in SQL, so the counts and what "Continue" (`claimNext`) offers cannot disagree:
 *
 * - `todo`: I have no claim and the item still has a free slot, or I hold it without a draft;
 * - `draft`: I hold it (IN_PROGRESS) with unsent answers;
 * - `submitted` / `skipped`: my claim is COMPLETED / SKIPPED (skipped items stay reachable);
 * - `taken`: I have no claim and enough other reviewers hold it, or it is my own chat that I have
 *   not finished yet (nothing for me to do).
 *
 * "Continue" has work exactly when `todo + draft > 0`.
 */
import { db, Prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import { OWN_CHAT_CLAIM, releaseExpiredClaims } from "@/lib/labeling/review/claims";
import { loadSessionForReviewer } from "@/lib/labeling/sessions/access";
import type { TMyItemsQuery } from "@/lib/labeling/review/schemas";
import type { MyItemCountsDto, MyItemDto, MyItemStatus, MyItemsDto } from "@/lib/labeling/review/types";

/** The SQL of each status, over `i` (the item), `c` (my claim, LEFT JOINed) and `held` (slots taken). */
function statusSql(status: MyItemStatus, labelsPerItem: number): Prisma.Sql {
  switch (status) {
    case "submitted":
      return Prisma.sql`c."status" = 'COMPLETED'`;
    case "skipped":
      return Prisma.sql`c."status" = 'SKIPPED'`;
    case "draft":
      return Prisma.sql`(c."status" = 'IN_PROGRESS' AND c."draft" IS NOT NULL AND NOT ${OWN_CHAT_CLAIM})`;
    case "todo":
      return Prisma.sql`((c."id" IS NULL AND ${HELD} < ${labelsPerItem}) OR (c."status" = 'IN_PROGRESS' AND c."draft" IS NULL AND NOT ${OWN_CHAT_CLAIM}))`;
    case "taken":
      // Also my own chat while I am still chatting: nothing for me to do in the queue.
      return Prisma.sql`((c."id" IS NULL AND ${HELD} >= ${labelsPerItem}) OR (c."status" = 'IN_PROGRESS' AND ${OWN_CHAT_CLAIM}))`;
  }
}
const HELD = Prisma.sql`(SELECT COUNT(*) FROM "LabelingClaim" o WHERE o."itemId" = i."id" AND o."status" IN ('COMPLETED', 'IN_PROGRESS'))`;
const STATUSES: MyItemStatus[] = ["todo", "draft", "submitted", "skipped", "taken"];

const fromItems = (sessionId: string, userId: string) => Prisma.sql`
  FROM "LabelingItem" i
  LEFT JOIN "LabelingClaim" c ON c."itemId" = i."id" AND c."userId" = ${userId}
  WHERE i."sessionId" = ${sessionId}`;

/** My counts per status in one session (one query). */
export async function countMyItems(sessionId: string, userId: string, labelsPerItem: number): Promise<MyItemCountsDto> {
  const sums = STATUSES.map(
    (s) => Prisma.sql`SUM(CASE WHEN ${statusSql(s, labelsPerItem)} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"${s}"`)}`,
  );
  const [row] = await db().$queryRaw<Record<MyItemStatus | "total", number | bigint | null>[]>(Prisma.sql`
    SELECT COUNT(*) AS "total", ${Prisma.join(sums)} ${fromItems(sessionId, userId)}`);
  const n = (k: MyItemStatus | "total") => Number(row?.[k] ?? 0);
  return {
    total: n("total"),
    todo: n("todo"),
    draft: n("draft"),
    submitted: n("submitted"),
    skipped: n("skipped"),
    taken: n("taken"),
  };
}

/**
 * The reviewer's item list for a session, in queue order, a page at a time, optionally only
 * one status; with the counts. Expired claims are released first, as `claimNext` does.
 */
export async function listMyItems(actor: Actor, sessionId: string, query: TMyItemsQuery): Promise<MyItemsDto> {
  const session = await loadSessionForReviewer(actor, sessionId);
  await releaseExpiredClaims(session.id);
  const skip = decodePageToken(query.pageToken);
  const take = query.maxResults ?? 50;
  const lpi = session.labelsPerItem;
  const filter = query.status ? Prisma.sql`AND ${statusSql(query.status, lpi)}` : Prisma.empty;
  const kind = Prisma.sql`CASE
      WHEN ${statusSql("submitted", lpi)} THEN 'submitted'
      WHEN ${statusSql("skipped", lpi)} THEN 'skipped'
      WHEN ${statusSql("draft", lpi)} THEN 'draft'
      WHEN ${statusSql("todo", lpi)} THEN 'todo'
      ELSE 'taken' END`;
  const [rows, counts] = await Promise.all([
    db().$queryRaw<
      { id: string; traceId: string; position: number | bigint; status: MyItemStatus; preview: string | null }[]
    >(
      Prisma.sql`
        SELECT i."id" AS "id", i."traceId" AS "traceId", i."position" AS "position", ${kind} AS "status",
          (SELECT t."requestPreview" FROM "Trace" t WHERE t."id" = i."traceId") AS "preview"
        ${fromItems(session.id, actor.userId)} ${filter}
        ORDER BY i."position" ASC, i."id" ASC
        LIMIT ${take} OFFSET ${skip}`,
    ),
    countMyItems(session.id, actor.userId, lpi),
  ]);
  const items: MyItemDto[] = rows.map((r) => ({
    itemId: r.id,
    traceId: r.traceId,
    position: Number(r.position),
    status: r.status,
    requestPreview: r.preview ? r.preview.slice(0, 160) : null,
  }));
  return { items, counts, nextPageToken: nextPageToken(skip, take, rows.length) };
}
