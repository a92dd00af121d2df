import "server-only";
import { db, dbProvider } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { TRACE_SESSION_METADATA_KEY } from "@/lib/assessments/schemas";
import { prepareTraceSearch } from "@/lib/traces/search/term-matches";
import { loadSession } from "@/lib/labeling/sessions/access";
import type { TAddConversationsBody } from "./schemas";

/**
 * Conversations: the traces of an experiment that share MLflow's `mlflow.trace.session` metadata,
 * in time order. (The smallest query the review needs; the trace explorer's conversation list
 * lives apart from labeling.)
 */

const FILTER_BATCH = 500;
/** Most conversations one add takes, and most turns the review screen loads of one conversation. */
export const MAX_CONVERSATIONS_PER_ADD = 2000;
export const MAX_TURNS = 50;

/** The conversation ids of the traces matching a filter, in order of their first match. */
async function conversationIdsForFilter(experimentId: string, filter: string): Promise<string[]> {
  const ids = new Set<string>();
  const search = await prepareTraceSearch({
    provider: dbProvider(),
    experimentIds: [experimentId],
    filter,
    orderBy: ["timestamp_ms ASC", "request_id ASC"],
    maxResults: FILTER_BATCH,
  });
  for (let offset = 0; ids.size < MAX_CONVERSATIONS_PER_ADD; offset += FILTER_BATCH) {
    const rows = await db().trace.findMany({
      where: { AND: [search.where, { metadata: { some: { key: TRACE_SESSION_METADATA_KEY } } }] },
      orderBy: search.orderBy,
      skip: offset,
      take: FILTER_BATCH,
      select: { metadata: { where: { key: TRACE_SESSION_METADATA_KEY }, select: { value: true } } },
    });
    for (const r of rows) if (r.metadata[0]) ids.add(r.metadata[0].value);
    if (rows.length < FILTER_BATCH) break;
  }
  return [...ids].slice(0, MAX_CONVERSATIONS_PER_ADD);
}

/** Each conversation's first trace (MLflow attaches session-level assessments there). */
async function firstTraces(experimentId: string, conversationIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < conversationIds.length; i += FILTER_BATCH) {
    const batch = conversationIds.slice(i, i + FILTER_BATCH);
    const rows = await db().traceMetadata.findMany({
      where: { key: TRACE_SESSION_METADATA_KEY, value: { in: batch }, trace: { experimentId } },
      select: { value: true, trace: { select: { id: true, timestampMs: true } } },
    });
    const best = new Map<string, { id: string; ts: bigint }>();
    for (const r of rows) {
      const cur = best.get(r.value);
      if (!cur || r.trace.timestampMs < cur.ts || (r.trace.timestampMs === cur.ts && r.trace.id < cur.id))
        best.set(r.value, { id: r.trace.id, ts: r.trace.timestampMs });
    }
    for (const [c, t] of best) out.set(c, t.id);
  }
  return out;
}

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
    ? await conversationIdsForFilter(session.experimentId, body.filter)
    : [...new Set(body.conversationIds!)];
  const first = await firstTraces(session.experimentId, ids);
  const found = ids.filter((c) => first.has(c));
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
    const turns = await tx.traceMetadata.findMany({
      where: { key: TRACE_SESSION_METADATA_KEY, value: { in: fresh }, trace: { experimentId: session.experimentId } },
      select: { traceId: true },
    });
    const linked = new Set(
      (
        await tx.traceRunLink.findMany({
          where: { runId: session.runId, traceId: { in: turns.map((t) => t.traceId) } },
          select: { traceId: true },
        })
      ).map((l) => l.traceId),
    );
    const toLink = [...new Set(turns.map((t) => t.traceId))].filter((t) => !linked.has(t));
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
export async function conversationTurnIds(
  experimentId: string,
  conversationId: string,
): Promise<{ traceIds: string[]; truncated: boolean }> {
  const traces = await db().trace.findMany({
    where: { experimentId, metadata: { some: { key: TRACE_SESSION_METADATA_KEY, value: conversationId } } },
    orderBy: [{ timestampMs: "asc" }, { id: "asc" }],
    take: MAX_TURNS + 1,
    select: { id: true },
  });
  return { traceIds: traces.slice(0, MAX_TURNS).map((t) => t.id), truncated: traces.length > MAX_TURNS };
}
