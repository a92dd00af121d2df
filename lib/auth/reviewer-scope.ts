import "server-only";
/**
 * What a Reviewer may read. Reviewers see only the traces that are items of labeling sessions
 * assigned to them (or open to all reviewers), with everything those need to be reviewed (spans,
 * documents, end-user feedback, judges' assessments), and never another reviewer's labels:
 * HUMAN assessments written in a labeling session by someone else, unless that session reveals
 * labels after submit and this reviewer has submitted the item. Developers and admins are not
 * limited. Services call these with their explicit actor; handlers never do.
 */
import type { Actor } from "@/lib/auth/actor";
import { roleAtLeast } from "@/lib/auth/roles";
import { db, type Prisma } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";

export const isScoped = (actor: Actor) => !roleAtLeast(actor.role, "DEVELOPER");

/** Sessions a reviewer works on. */
export function reviewerSessionWhere(actor: Actor): Prisma.LabelingSessionWhereInput {
  return { OR: [{ openToAllReviewers: true }, { reviewers: { some: { userId: actor.userId } } }] };
}

/** A trace filter for the actor: null when not limited. */
export function traceScopeWhere(actor: Actor): Prisma.TraceWhereInput | null {
  if (!isScoped(actor)) return null;
  return { labelingItems: { some: { session: reviewerSessionWhere(actor) } } };
}

/** Experiments that hold a session the reviewer works on; null when not limited. */
export function experimentScopeWhere(actor: Actor): Prisma.ExperimentWhereInput | null {
  if (!isScoped(actor)) return null;
  return { labelingSessions: { some: reviewerSessionWhere(actor) } };
}

const traceNotFound = (traceId: string) => new NotFoundError(`Trace with ID '${traceId}' not found`);

/** Throws the same 404 as an unknown trace when the actor may not read it. */
export async function assertTraceReadable(actor: Actor, traceId: string): Promise<void> {
  const scope = traceScopeWhere(actor);
  if (!scope) return;
  const n = await db().trace.count({ where: { id: traceId, ...scope } });
  if (n === 0) throw traceNotFound(traceId);
}

/** Of these trace ids, the ones the actor may read. */
export async function readableTraceIds(actor: Actor, traceIds: string[]): Promise<Set<string>> {
  const scope = traceScopeWhere(actor);
  if (!scope) return new Set(traceIds);
  if (traceIds.length === 0) return new Set();
  const rows = await db().trace.findMany({ where: { id: { in: traceIds }, ...scope }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

export interface AssessmentScopeRow {
  traceId: string;
  runId: string | null;
  sourceType: string;
  createdById: string | null;
}

/**
 * A predicate keeping the assessments the actor may read, for rows of any traces. Two queries:
 * which of the rows' runs are labeling sessions (with their reveal option), and which items of
 * those sessions this reviewer has submitted.
 */
export async function assessmentVisibility(
  actor: Actor,
  rows: AssessmentScopeRow[],
): Promise<(row: AssessmentScopeRow) => boolean> {
  if (!isScoped(actor)) return () => true;
  const others = rows.filter((r) => r.sourceType === "HUMAN" && r.runId && r.createdById !== actor.userId);
  const runIds = [...new Set(others.map((r) => r.runId!))];
  if (runIds.length === 0) return () => true;
  const sessions = await db().labelingSession.findMany({
    where: { runId: { in: runIds } },
    select: { id: true, runId: true, revealLabelsAfterSubmit: true },
  });
  const sessionByRun = new Map(sessions.map((s) => [s.runId, s]));
  const revealing = sessions.filter((s) => s.revealLabelsAfterSubmit).map((s) => s.id);
  const submitted = new Set<string>();
  if (revealing.length) {
    const traceIds = [...new Set(others.map((r) => r.traceId))];
    const claims = await db().labelingClaim.findMany({
      where: {
        userId: actor.userId,
        status: "COMPLETED",
        item: { sessionId: { in: revealing }, traceId: { in: traceIds } },
      },
      select: { item: { select: { sessionId: true, traceId: true } } },
    });
    for (const c of claims) submitted.add(`${c.item.sessionId}|${c.item.traceId}`);
  }
  return (r) => {
    if (r.sourceType !== "HUMAN" || !r.runId || r.createdById === actor.userId) return true;
    const session = sessionByRun.get(r.runId);
    if (!session) return true; // not a labeling session's label (e.g. end-user feedback in a run)
    return session.revealLabelsAfterSubmit && submitted.has(`${session.id}|${r.traceId}`);
  };
}
