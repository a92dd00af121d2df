import "server-only";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { roleAtLeast } from "@/lib/auth/roles";
import { loadSession, type LoadedSession } from "@/lib/labeling/sessions/access";

/** The session's adjudication option; off when never set. */
export async function loadReviewOptions(sessionId: string) {
  const row = await db().labelingReviewOptions.findUnique({ where: { sessionId } });
  return { adjudicationEnabled: row?.adjudicationEnabled ?? false, numericTolerance: row?.numericTolerance ?? 0 };
}

/**
 * The session if the actor may settle its disagreements: developers and admins, and the
 * session's adjudicators. Others get a 404, as for sessions they may not review.
 */
export async function loadSessionForAdjudicator(actor: Actor, sessionId: string): Promise<LoadedSession> {
  const session = await loadSession(sessionId);
  if (roleAtLeast(actor.role, "DEVELOPER")) return session;
  const mine = await db().labelingAdjudicator.findUnique({
    where: { sessionId_userId: { sessionId, userId: actor.userId } },
  });
  if (!mine) throw new NotFoundError(`Labeling session '${sessionId}' does not exist`);
  return session;
}
