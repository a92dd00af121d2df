import "server-only";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { recordAuditEvent } from "@/lib/audit/service";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import type { TPageTokenQuery } from "@/lib/paging/schemas";
import { takeSlot } from "@/lib/labeling/review/claims";
import { loadSession } from "@/lib/labeling/sessions/access";
import { resolveUsers } from "@/lib/labeling/sessions/service";
import type { TReassignClaimBody, TReleaseClaimBody } from "./schemas";
import type { ItemStatusDto } from "./types";
import { queueChanged } from "@/lib/labeling/session-cache/queue-start";

/**
 * The admin's table of a session's items, a page at a time in queue order: each reviewer's
 * status on the item, labels in vs required, and whether it is gold, under adjudication or a
 * conversation (developers and admins).
 */
export async function listItemStatuses(
  actor: Actor,
  sessionId: string,
  query: TPageTokenQuery,
): Promise<{ labelsPerItem: number; items: ItemStatusDto[]; nextPageToken?: string }> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const skip = decodePageToken(query.pageToken);
  const take = query.maxResults ?? 100;
  const rows = await db().labelingItem.findMany({
    where: { sessionId },
    orderBy: { position: "asc" },
    skip,
    take,
    include: {
      trace: { select: { requestPreview: true } },
      claims: { include: { user: { select: { email: true } } }, orderBy: { claimedAt: "asc" } },
      adjudication: { select: { status: true } },
      conversation: { select: { conversationId: true } },
      _count: { select: { goldAnswers: true } },
    },
  });
  return {
    labelsPerItem: session.labelsPerItem,
    items: rows.map((r) => ({
      itemId: r.id,
      traceId: r.traceId,
      position: r.position,
      requestPreview: r.trace.requestPreview,
      labels: r.claims.filter((c) => c.status === "COMPLETED").length,
      required: session.labelsPerItem,
      reviewers: r.claims.map((c) => ({
        userId: c.userId,
        email: c.user.email,
        status: c.status as ItemStatusDto["reviewers"][number]["status"],
        claimedAt: c.claimedAt.getTime(),
      })),
      gold: r._count.goldAnswers > 0,
      adjudication: (r.adjudication?.status as ItemStatusDto["adjudication"]) ?? null,
      conversationId: r.conversation?.conversationId ?? null,
    })),
    nextPageToken: nextPageToken(skip, take, rows.length),
  };
}

async function itemOf(sessionId: string, itemId: string) {
  const item = await db().labelingItem.findFirst({ where: { id: itemId, sessionId }, select: { id: true } });
  if (!item) throw new NotFoundError(`Item '${itemId}' is not in labeling session '${sessionId}'`);
  return item;
}

/**
 * Frees an item from a reviewer's unfinished or skipped claim, so the queue offers it again
 * (developers and admins). A submitted label is not a claim to release: that is a 409.
 */
export async function releaseClaim(
  actor: Actor,
  sessionId: string,
  itemId: string,
  body: TReleaseClaimBody,
): Promise<{ itemId: string; released: boolean }> {
  requireRole(actor, "DEVELOPER");
  await loadSession(sessionId);
  await itemOf(sessionId, itemId);
  const [userId] = await resolveUsers([body.userId]);
  const claim = await db().labelingClaim.findUnique({ where: { itemId_userId: { itemId, userId: userId! } } });
  if (!claim) return { itemId, released: false };
  if (claim.status === "COMPLETED")
    throw new ConflictError("This reviewer already submitted labels for the item; there is no claim to release.");
  await db().labelingClaim.delete({ where: { id: claim.id } });
  queueChanged(sessionId);
  await recordAuditEvent({
    actor,
    action: "labeling_item.claim_released",
    target: { type: "labeling_item", id: itemId },
    details: { sessionId, userId, status: claim.status },
  });
  return { itemId, released: true };
}

/**
 * Gives an item to another reviewer: releases `fromUserId`'s unfinished claim (when given) and
 * claims the item for `toUser` in one transaction, so it is their next item (developers and
 * admins). 409 when the item has no free slot or the reviewer already has it.
 */
export async function reassignClaim(
  actor: Actor,
  sessionId: string,
  itemId: string,
  body: TReassignClaimBody,
): Promise<{ itemId: string; userId: string }> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  await itemOf(sessionId, itemId);
  const [toId] = await resolveUsers([body.toUser]);
  const [fromId] = body.fromUserId ? await resolveUsers([body.fromUserId]) : [];
  await db().$transaction(async (tx) => {
    if (fromId) {
      const from = await tx.labelingClaim.findUnique({ where: { itemId_userId: { itemId, userId: fromId } } });
      if (from?.status === "COMPLETED")
        throw new ConflictError("That reviewer already submitted labels for the item; nothing to reassign.");
      if (from) await tx.labelingClaim.delete({ where: { id: from.id } });
    }
    const mine = await tx.labelingClaim.findUnique({ where: { itemId_userId: { itemId, userId: toId! } } });
    // A skip by the new reviewer is undone: the admin decided they should label it after all.
    if (mine?.status === "SKIPPED") await tx.labelingClaim.delete({ where: { id: mine.id } });
    else if (mine) throw new ConflictError("That reviewer already has this item.");
    const got = await takeSlot(tx, itemId, toId!, session.labelsPerItem);
    if (!got)
      throw new ConflictError("The item has no free slot: enough reviewers hold or finished it. Release one first.");
  });
  if (fromId) queueChanged(sessionId);
  await recordAuditEvent({
    actor,
    action: "labeling_item.claim_reassigned",
    target: { type: "labeling_item", id: itemId },
    details: { sessionId, from: fromId ?? null, to: toId },
  });
  return { itemId, userId: toId! };
}
