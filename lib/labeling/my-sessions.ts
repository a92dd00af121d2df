import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { decodePageToken, nextPageToken } from "@/lib/traces/search/page-token";
import type { TPageQuery } from "@/lib/labeling/schemas";

export interface MyReviewSessionDto {
  id: string;
  name: string;
  experiment_id: string;
  experiment_name: string;
  url: string;
  total_items: number;
  /** Items this reviewer submitted. */
  completed: number;
  skipped: number;
  /** Items fully labeled by everyone (the session's own progress). */
  done_items: number;
  created_at: number;
}

/**
 * The Review App's start screen: sessions the reviewer is assigned to or that are open to all
 * reviewers, in every experiment, newest first, with their own progress. This list is by
 * assignment for every role (an admin sees the sessions they were asked to label, too).
 */
export async function listMyReviewSessions(actor: Actor, query: TPageQuery): Promise<{ sessions: MyReviewSessionDto[]; next_page_token?: string }> {
  const skip = decodePageToken(query.page_token);
  const take = query.max_results ?? 50;
  const rows = await db().labelingSession.findMany({
    where: { experiment: { lifecycleStage: "active" }, OR: [{ openToAllReviewers: true }, { reviewers: { some: { userId: actor.userId } } }] },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip,
    take,
    include: { experiment: { select: { name: true } }, _count: { select: { items: true } } },
  });
  const sessions = await Promise.all(
    rows.map(async (s): Promise<MyReviewSessionDto> => {
      const [mine, doneItems] = await Promise.all([
        db().labelingClaim.groupBy({ by: ["status"], where: { userId: actor.userId, item: { sessionId: s.id } }, _count: { _all: true } }),
        countDoneItems(s.id, s.labelsPerItem),
      ]);
      const count = (st: string) => mine.find((g) => g.status === st)?._count._all ?? 0;
      return {
        id: s.id,
        name: s.name,
        experiment_id: s.experimentId,
        experiment_name: s.experiment.name,
        url: `/review/${s.id}`,
        total_items: s._count.items,
        completed: count("COMPLETED"),
        skipped: count("SKIPPED"),
        done_items: doneItems,
        created_at: s.createdAt.getTime(),
      };
    }),
  );
  return { sessions, next_page_token: nextPageToken(skip, take, rows.length) };
}

/** Items with at least `labelsPerItem` submitted labels. */
export async function countDoneItems(sessionId: string, labelsPerItem: number): Promise<number> {
  const grouped = await db().labelingClaim.groupBy({ by: ["itemId"], where: { status: "COMPLETED", item: { sessionId } }, _count: { _all: true } });
  return grouped.filter((g) => g._count._all >= labelsPerItem).length;
}
