import "server-only";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { conversationIdsMatching, firstTurnIds, orderedTurnIds, turnsOf } from "@/lib/conversations/turns";
import { loadSession } from "@/lib/labeling/sessions/access";
import type { TAddConversationsBody } from "./schemas";

/**
 * Conversation items of labeling sessions. What a conversation is (the traces sharing a
 * session id, in time order) is defined once, in lib/conversations, which the Sessions view
 * uses too: a filter finds the same conversations in both places.
 */

/** Most conversations one add takes, and most turns the review screen loads of one conversation. */
export const MAX_CONVERSATIONS_PER_ADD = 2000;
export const MAX_TURNS = 50;

/**
 * Adds whole conversations to a session as items (developers and admins). The item's trace is
 * the conversation's first trace, where MLflow keeps session-level assessments; a conversation
 * already in the session (or whose first trace is already an item) is not added again.
 */
export async function addConversationItems(
  actor: Actor,
  sessionId: string,
  body: TAddConversationsBody,
): Promise<{ added: number; alreadyPresent: number; matched: number; itemCount: number }> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const ids = body.filter
    ? await conversationIdsMatching(session.experimentId, body.filter, MAX_CONVERSATIONS_PER_ADD)
    : [...new Set(body.conversationIds!)];
  // The item's trace is the conversation's first turn, where MLflow keeps session-level assessments.
  const first = await firstTurnIds(session.experimentId, ids);
  const found = ids.filter((c) => first.has(c));
  // Read before the transaction: on SQLite a read outside an open transaction would wait for it.
  const allTurns = await turnsOf(session.experimentId, found);
  const added = await db().$transaction(async (tx) => {
    const present = new Set(
      (
        await tx.labelingItem.findMany({
          where: { sessionId, traceId: { in: found.map((c) => first.get(c)!) } },
          select: { traceId: true },
        })
      ).map((i) => i.traceId),
    );
    const fresh = found.filter((c) => !present.has(first.get(c)!));
    if (!fresh.length) return 0;
    const last = await tx.labelingItem.findFirst({
      where: { sessionId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const start = (last?.position ?? -1) + 1;
    const rows = fresh.map((c, i) => ({ id: newId(), sessionId, traceId: first.get(c)!, position: start + i, c }));
    await tx.labelingItem.createMany({ data: rows.map(({ c: _c, ...r }) => r) });
    await tx.labelingConversationItem.createMany({
      data: rows.map((r) => ({ itemId: r.id, sessionId, conversationId: r.c })),
    });
    // Every turn joins the session's run, so `run_id = '<run>'` finds the whole conversation.
    const freshSet = new Set(fresh);
    const turns = allTurns.filter((t) => freshSet.has(t.conversationId)).map((t) => t.traceId);
    const linked = new Set(
      (
        await tx.traceRunLink.findMany({
          where: { runId: session.runId, traceId: { in: turns } },
          select: { traceId: true },
        })
      ).map((l) => l.traceId),
    );
    const toLink = [...new Set(turns)].filter((t) => !linked.has(t));
    if (toLink.length)
      await tx.traceRunLink.createMany({ data: toLink.map((traceId) => ({ traceId, runId: session.runId })) });
    return fresh.length;
  });
  return {
    added,
    alreadyPresent: found.length - added,
    matched: found.length,
    itemCount: await db().labelingItem.count({ where: { sessionId } }),
  };
}

/** The conversation an item stands for, if it is one. */
export async function conversationOf(itemId: string): Promise<string | null> {
  const row = await db().labelingConversationItem.findUnique({ where: { itemId }, select: { conversationId: true } });
  return row?.conversationId ?? null;
}

/** The trace ids of a conversation's turns in time order (at most MAX_TURNS), and whether there are more. */
export function conversationTurnIds(
  experimentId: string,
  conversationId: string,
): Promise<{ traceIds: string[]; truncated: boolean }> {
  return orderedTurnIds(experimentId, conversationId, MAX_TURNS);
}
