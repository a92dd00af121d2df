import "server-only";
/**
 * The conversation queries other features build on (labeling's conversation items): which
 * conversations match a filter, each one's first turn, its turns in time order. One definition
 * of "a conversation": the traces of an experiment sharing `Trace.sessionId` (the indexed mirror
 * of MLflow's `mlflow.trace.session` metadata), as the Sessions view lists them. No access
 * checks here: callers check the actor first.
 */
import { db } from "@/lib/db/client";
import { readDbConfig } from "@/lib/db/config";
import { compileTraceFilter, parseTraceFilter } from "@/lib/traces/search";
import { findTermMatches } from "@/lib/traces/search/term-matches";

const BATCH = 500;

/**
 * Conversations with at least one turn matching a trace search filter (the traces search
 * grammar, as in the Sessions view), in order of their first matching turn, at most `limit`.
 */
export async function conversationIdsMatching(experimentId: string, filter: string, limit: number): Promise<string[]> {
  const parsed = parseTraceFilter(filter);
  const provider = readDbConfig().provider;
  const where = compileTraceFilter(parsed, {
    provider,
    experimentIds: [experimentId],
    termMatches: await findTermMatches(parsed, provider),
  });
  const groups = await db().trace.groupBy({
    by: ["sessionId"],
    where: { AND: [where, { sessionId: { not: null } }] },
    _min: { timestampMs: true },
    orderBy: [{ _min: { timestampMs: "asc" } }, { sessionId: "asc" }],
    take: limit,
  });
  return groups.map((g) => g.sessionId!);
}

/** Each conversation's first turn (earliest start, then smallest id): conversation id → trace id. */
export async function firstTurnIds(
  experimentId: string,
  conversationIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < conversationIds.length; i += BATCH) {
    const batch = conversationIds.slice(i, i + BATCH);
    const starts = await db().trace.groupBy({
      by: ["sessionId"],
      where: { experimentId, sessionId: { in: batch } },
      _min: { timestampMs: true },
    });
    if (!starts.length) continue;
    const rows = await db().trace.findMany({
      where: { experimentId, OR: starts.map((s) => ({ sessionId: s.sessionId, timestampMs: s._min.timestampMs! })) },
      orderBy: [{ timestampMs: "asc" }, { id: "asc" }],
      select: { id: true, sessionId: true },
    });
    for (const r of rows) if (!out.has(r.sessionId!)) out.set(r.sessionId!, r.id);
  }
  return out;
}

/** Every turn of these conversations (any order), with the conversation it belongs to. */
export async function turnsOf(
  experimentId: string,
  conversationIds: readonly string[],
): Promise<{ traceId: string; conversationId: string }[]> {
  const out: { traceId: string; conversationId: string }[] = [];
  for (let i = 0; i < conversationIds.length; i += BATCH) {
    const rows = await db().trace.findMany({
      where: { experimentId, sessionId: { in: conversationIds.slice(i, i + BATCH) } },
      select: { id: true, sessionId: true },
    });
    out.push(...rows.map((r) => ({ traceId: r.id, conversationId: r.sessionId! })));
  }
  return out;
}

/** One conversation's turns in time order (at most `max`), and whether there are more. */
export async function orderedTurnIds(
  experimentId: string,
  conversationId: string,
  max: number,
): Promise<{ traceIds: string[]; truncated: boolean }> {
  const rows = await db().trace.findMany({
    where: { experimentId, sessionId: conversationId },
    orderBy: [{ timestampMs: "asc" }, { id: "asc" }],
    take: max + 1,
    select: { id: true },
  });
  return { traceIds: rows.slice(0, max).map((r) => r.id), truncated: rows.length > max };
}
