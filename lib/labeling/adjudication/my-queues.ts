import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { MyAdjudicationQueueDto } from "./types";

/**
 * The sessions the actor is an adjudicator of (in active experiments, newest first, at most
 * `limit`), with how many items wait for them: the Review App's start screen points there,
 * since an adjudicator is not necessarily one of the session's reviewers.
 */
export async function listMyAdjudicationQueues(actor: Actor, limit = 50): Promise<MyAdjudicationQueueDto[]> {
  const rows = await db().labelingAdjudicator.findMany({
    where: { userId: actor.userId, session: { experiment: { lifecycleStage: "active" } } },
    orderBy: [{ session: { createdAt: "desc" } }, { sessionId: "asc" }],
    take: limit,
    select: { session: { select: { id: true, name: true, experiment: { select: { name: true } } } } },
  });
  if (!rows.length) return [];
  const open = await db().labelingAdjudication.groupBy({
    by: ["sessionId"],
    where: { sessionId: { in: rows.map((r) => r.session.id) }, status: "OPEN" },
    _count: { _all: true },
  });
  const openOf = new Map(open.map((o) => [o.sessionId, o._count._all]));
  return rows.map(({ session }) => ({
    sessionId: session.id,
    sessionName: session.name,
    experimentName: session.experiment.name,
    open: openOf.get(session.id) ?? 0,
    url: `/review/adjudicate/${session.id}`,
  }));
}
