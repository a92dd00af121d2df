import "server-only";
/**
 * Items of an MLflow review queue = items of the labeling session, keyed by trace id. MLflow's
 * status is one shared value per (queue, item); ours is per reviewer (claims), so the status is
 * derived (docs/mlflow-labeling.md):
 *   COMPLETE  once `labels_per_item` reviewers completed it (1 for queues made through MLflow),
 *   DECLINED  when reviewers only skipped it (nobody completed it or is working on it),
 *   PENDING   otherwise.
 * Setting COMPLETE / DECLINED records the named reviewer's claim; PENDING reopens the item for
 * everyone (its claims go; the labels already written stay on the trace as assessments).
 */
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { roleAtLeast } from "@/lib/auth/roles";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import { lockItem } from "@/lib/labeling/review/claims";
import { addSessionItems, removeSessionItems } from "@/lib/labeling/items/service";
import { resolveUsers } from "@/lib/labeling/sessions/service";
import { asField, getReviewQueue } from "@/lib/labeling/review-queues/service";
import { queueChanged } from "@/lib/labeling/session-cache/queue-start";

export type ReviewStatus = "PENDING" | "COMPLETE" | "DECLINED";

export interface ReviewQueueItemDto {
  queue_id: string;
  trace_id: string;
  status: ReviewStatus;
  completed_by: string | null;
  completed_at: number | null;
  created_at: number;
  updated_at: number;
}

const ITEM_INCLUDE = {
  claims: { select: { status: true, claimedAt: true, completedAt: true, user: { select: { email: true } } } },
} as const;
type ItemRow = Awaited<ReturnType<typeof findItems>>[number];
const findItems = (sessionId: string, traceIds?: string[]) =>
  db().labelingItem.findMany({
    where: { sessionId, ...(traceIds ? { traceId: { in: traceIds } } : {}) },
    orderBy: [{ position: "desc" }],
    include: ITEM_INCLUDE,
  });

function toItemDto(queueId: string, labelsPerItem: number, r: ItemRow): ReviewQueueItemDto {
  const when = (c: ItemRow["claims"][number]) => (c.completedAt ?? c.claimedAt).getTime();
  const latest = (status: string) => r.claims.filter((c) => c.status === status).sort((a, b) => when(b) - when(a))[0];
  const completed = r.claims.filter((c) => c.status === "COMPLETED").length;
  const inProgress = r.claims.some((c) => c.status === "IN_PROGRESS");
  let status: ReviewStatus = "PENDING";
  let by: ItemRow["claims"][number] | undefined;
  if (completed >= labelsPerItem) [status, by] = ["COMPLETE", latest("COMPLETED")];
  else if (!completed && !inProgress && r.claims.some((c) => c.status === "SKIPPED"))
    [status, by] = ["DECLINED", latest("SKIPPED")];
  return {
    queue_id: queueId,
    trace_id: r.traceId,
    status,
    completed_by: by?.user.email ?? null,
    completed_at: by ? when(by) : null,
    created_at: r.createdAt.getTime(),
    updated_at: Math.max(r.createdAt.getTime(), ...r.claims.map(when)),
  };
}

async function labelsPerItem(sessionId: string): Promise<number> {
  return (await db().labelingSession.findUniqueOrThrow({ where: { id: sessionId }, select: { labelsPerItem: true } }))
    .labelsPerItem;
}

/** Attaches traces (idempotent: an attached item keeps its status); answers every requested id in request order. */
export async function addReviewQueueItems(
  actor: Actor,
  queueId: string,
  traceIds: string[],
): Promise<ReviewQueueItemDto[]> {
  requireRole(actor, "DEVELOPER");
  await getReviewQueue(actor, queueId);
  if (!traceIds.length) return [];
  await asField("item_ids", addSessionItems(actor, queueId, { traceIds }));
  const per = await labelsPerItem(queueId);
  const byTrace = new Map((await findItems(queueId, traceIds)).map((r) => [r.traceId, toItemDto(queueId, per, r)]));
  return traceIds.map((t) => byTrace.get(t)!);
}

/** Detaches traces; ids not attached are ignored. */
export async function removeReviewQueueItems(actor: Actor, queueId: string, traceIds: string[]): Promise<void> {
  requireRole(actor, "DEVELOPER");
  await getReviewQueue(actor, queueId);
  if (traceIds.length) await removeSessionItems(actor, queueId, { traceIds });
}

/**
 * A queue's items, newest-attached first, optionally of one status. The status is derived from
 * the claims, so the filter runs over the queue's items in memory (a session holds at most
 * 20,000 items, see MAX_ITEMS_PER_FILTER).
 */
export async function listReviewQueueItems(
  actor: Actor,
  queueId: string,
  query: { status?: ReviewStatus; max_results?: number; page_token?: string },
): Promise<{ items: ReviewQueueItemDto[]; next_page_token?: string }> {
  await getReviewQueue(actor, queueId);
  const per = await labelsPerItem(queueId);
  const skip = decodePageToken(query.page_token);
  const take = query.max_results ?? 100;
  const all = (await findItems(queueId))
    .map((r) => toItemDto(queueId, per, r))
    .filter((i) => !query.status || i.status === query.status);
  const page = all.slice(skip, skip + take);
  return { items: page, next_page_token: skip + take < all.length ? nextPageToken(skip, take, take) : undefined };
}

/**
 * Sets an item's status. COMPLETE / DECLINED need `completed_by` (the reviewer; reviewers may
 * only name themselves) and record that reviewer's claim; PENDING must not name anyone and
 * reopens the item. One transaction, with the item row locked on PostgreSQL.
 */
export async function setReviewQueueItemStatus(
  actor: Actor,
  queueId: string,
  traceId: string,
  status: ReviewStatus,
  completedBy: string | undefined,
): Promise<ReviewQueueItemDto> {
  await getReviewQueue(actor, queueId);
  if (status !== "PENDING" && !completedBy)
    throw new ValidationError(`Invalid completed_by: required when status is ${status}`, {
      issues: [{ path: "body.completed_by", message: "required" }],
    });
  if (status === "PENDING" && completedBy)
    throw new ValidationError("Invalid completed_by: must be absent when status is PENDING (reopening clears it)", {
      issues: [{ path: "body.completed_by", message: "must be absent" }],
    });
  const item = await db().labelingItem.findUnique({
    where: { sessionId_traceId: { sessionId: queueId, traceId } },
    select: { id: true },
  });
  if (!item) throw new NotFoundError(`Item '${traceId}' is not attached to review queue 'rq-${queueId}'`);
  let userId: string | undefined;
  if (completedBy) {
    [userId] = await resolveUsers([completedBy]).catch(() => {
      throw new ValidationError(`Invalid completed_by: unknown or disabled user '${completedBy}'`);
    });
    if (userId !== actor.userId && !roleAtLeast(actor.role, "DEVELOPER"))
      throw new ForbiddenError("Reviewers can set an item's status only in their own name");
  } else if (!roleAtLeast(actor.role, "DEVELOPER")) {
    // Reopening takes the item from every reviewer, so it is a queue manager's decision.
    requireRole(actor, "DEVELOPER");
  }
  await db().$transaction(async (tx) => {
    await lockItem(tx, item.id);
    if (status === "PENDING") {
      await tx.labelingClaim.deleteMany({ where: { itemId: item.id } });
      return;
    }
    const claim = status === "COMPLETE" ? "COMPLETED" : "SKIPPED";
    await tx.labelingClaim.upsert({
      where: { itemId_userId: { itemId: item.id, userId: userId! } },
      create: { id: newId(), itemId: item.id, userId: userId!, status: claim, completedAt: new Date() },
      update: { status: claim, completedAt: new Date() },
    });
  });
  // After the commit: a recompute of the queue's start between the delete and the commit would
  // not see the reopened item's slots.
  if (status === "PENDING") queueChanged(queueId);
  const [row] = await findItems(queueId, [traceId]);
  return toItemDto(queueId, await labelsPerItem(queueId), row!);
}
