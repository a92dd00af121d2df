import "server-only";
/**
 * Conversations: the traces of an experiment grouped by session id (Trace.sessionId, indexed
 * with the experiment and the start time). Listing is one GROUP BY over the matching turns for
 * the page, then a few batched reads for that page's conversations, never one query per row.
 * Used by the Sessions view and (issue 15) conversation review.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { traceScopeWhere } from "@/lib/auth/reviewer-scope";
import { db, type Prisma } from "@/lib/db/client";
import { readDbConfig } from "@/lib/db/config";
import { NotFoundError } from "@/lib/errors";
import { decodePageCursor, encodeKeysetToken, pageTokenMismatch, type KeyValue } from "@/lib/paging/page-token";
import { compileTraceFilter, parseTraceFilter } from "@/lib/traces/search";
import { findTermMatches } from "@/lib/traces/search/term-matches";
import { previewText } from "@/lib/traces/render/preview-text";
import { extractTraceSummary } from "@/lib/traces/render/summary";
import { TRACE_INFO_SELECT, toTraceInfos } from "@/lib/traces/trace-info";
import type {
  ConversationDto,
  ConversationSummaryDto,
  FeedbackCountDto,
  ListConversationsResult,
  TListConversationsQuery,
} from "./schemas";

/** Turns returned by getConversation; longer conversations say `truncated`. */
export const MAX_TURNS = 500;
const DEFAULT_PAGE = 50;
/** Bound on the rows read for a page's feedback, users and tags. */
const DETAIL_ROWS = 5000;
const USER_KEY = "mlflow.trace.user";

async function requireExperiment(experimentId: string): Promise<void> {
  const exp = await db().experiment.findUnique({ where: { id: experimentId }, select: { lifecycleStage: true } });
  if (!exp || exp.lifecycleStage !== "active") throw new NotFoundError(`Experiment '${experimentId}' does not exist`);
}

function scoped(actor: Actor, where: Prisma.TraceWhereInput): Prisma.TraceWhereInput {
  const scope = traceScopeWhere(actor);
  return scope ? { AND: [where, scope] } : where;
}

/**
 * One page of an experiment's conversations, most recently active first. With a filter (the
 * traces search grammar), a conversation is listed when at least one of its turns matches, and
 * ordered by its latest matching turn; its figures always cover all its turns. Any signed-in
 * role; a Reviewer sees only turns of their labeling sessions.
 */
export async function listConversations(
  actor: Actor,
  experimentId: string,
  query: TListConversationsQuery,
): Promise<ListConversationsResult> {
  requireRole(actor, "REVIEWER");
  await requireExperiment(experimentId);
  const filter = parseTraceFilter(query.filter);
  const provider = readDbConfig().provider;
  const filterWhere = compileTraceFilter(filter, {
    provider,
    experimentIds: [experimentId],
    termMatches: await findTermMatches(filter, provider),
  });
  const where = scoped(actor, { AND: [filterWhere, { sessionId: { not: null } }] });
  const take = query.maxResults ?? DEFAULT_PAGE;
  const cursor = decodePageCursor(query.pageToken);
  let ids: string[];
  let next: string | undefined;
  if (cursor && "offset" in cursor) {
    // Offset tokens (issued before keyset paging): one GROUP BY over every matching turn.
    const page = await db().trace.groupBy({
      by: ["sessionId"],
      where,
      _max: { timestampMs: true },
      orderBy: [{ _max: { timestampMs: "desc" } }, { sessionId: "asc" }],
      skip: cursor.offset,
      take: take + 1,
    });
    ids = page.slice(0, take).map((g) => g.sessionId!);
    const last = page[take - 1];
    next =
      page.length > take && last
        ? encodeKeysetToken("after", [String(last._max.timestampMs), last.sessionId!])
        : undefined;
  } else {
    if (cursor && !("after" in cursor)) throw pageTokenMismatch();
    const after = cursor ? parseConversationCursor(cursor.after) : null;
    const page = await conversationPage(where, take, after);
    ids = page.slice(0, take).map((c) => c.sessionId);
    const last = page[take - 1];
    next = page.length > take && last ? encodeKeysetToken("after", [String(last.lastMs), last.sessionId]) : undefined;
  }
  const summaries = await summarize(actor, experimentId, ids);
  return {
    conversations: ids.flatMap((id) => (summaries.has(id) ? [summaries.get(id)!] : [])),
    ...(next ? { nextPageToken: next } : {}),
  };
}

/** Turns read per step while walking the experiment newest first. */
const WALK_CHUNK = 500;

function parseConversationCursor(values: readonly KeyValue[]): { lastMs: bigint; sessionId: string } {
  const [ms, sessionId] = values;
  if (values.length !== 2 || typeof ms !== "string" || !/^-?\d{1,19}$/.test(ms) || typeof sessionId !== "string")
    throw pageTokenMismatch();
  return { lastMs: BigInt(ms), sessionId };
}

/**
 * Up to take + 1 conversations in list order (latest matching turn first, then session id)
 * after `after`, without grouping every turn of the experiment: the matching turns are walked
 * newest first through the (experimentId, timestampMs) index, and a conversation's first turn
 * met is its latest. A keyset page starts the walk at the cursor's time; conversations met there
 * that also have a matching turn after the cursor were on an earlier page and are left out.
 */
async function conversationPage(
  where: Prisma.TraceWhereInput,
  take: number,
  after: { lastMs: bigint; sessionId: string } | null,
): Promise<{ sessionId: string; lastMs: bigint }[]> {
  const latest = new Map<string, bigint>();
  const earlier = new Set<string>();
  let walk: { ms: bigint; id: string } | null = null;
  for (;;) {
    const rows: { id: string; sessionId: string | null; timestampMs: bigint }[] = await db().trace.findMany({
      where: {
        AND: [
          where,
          after ? { timestampMs: { lte: after.lastMs } } : {},
          walk
            ? {
                timestampMs: { lte: walk.ms },
                OR: [{ timestampMs: { lt: walk.ms } }, { timestampMs: walk.ms, id: { gt: walk.id } }],
              }
            : {},
        ],
      },
      orderBy: [{ timestampMs: "desc" }, { id: "asc" }],
      take: WALK_CHUNK,
      select: { id: true, sessionId: true, timestampMs: true },
    });
    const met: string[] = [];
    for (const r of rows) {
      const sid = r.sessionId!;
      if (latest.has(sid) || earlier.has(sid)) continue;
      if (after && (r.timestampMs > after.lastMs || (r.timestampMs === after.lastMs && sid <= after.sessionId))) {
        earlier.add(sid);
        continue;
      }
      latest.set(sid, r.timestampMs);
      met.push(sid);
    }
    if (after && met.length) {
      const seenBefore = await db().trace.findMany({
        where: { AND: [where, { sessionId: { in: met }, timestampMs: { gt: after.lastMs } }] },
        distinct: ["sessionId"],
        select: { sessionId: true },
      });
      for (const { sessionId } of seenBefore) {
        latest.delete(sessionId!);
        earlier.add(sessionId!);
      }
    }
    const last: (typeof rows)[number] | undefined = rows.at(-1);
    const sorted = [...latest].map(([sessionId, lastMs]) => ({ sessionId, lastMs })).sort(byListOrder);
    const boundary = sorted[take];
    // Done at the end of the turns, or once the walk is past the (take + 1)-th conversation's
    // time: every conversation tied with it has been met.
    if (rows.length < WALK_CHUNK || !last || (boundary && last.timestampMs < boundary.lastMs))
      return sorted.slice(0, take + 1);
    walk = { ms: last.timestampMs, id: last.id };
  }
}

function byListOrder(a: { sessionId: string; lastMs: bigint }, b: { sessionId: string; lastMs: bigint }): number {
  if (a.lastMs !== b.lastMs) return a.lastMs > b.lastMs ? -1 : 1;
  return a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0;
}

/**
 * One conversation: its turns in time order (at most MAX_TURNS) with previews, tags, metadata
 * and assessments, and its summary. 404 when the experiment has no turn with this session id
 * that the actor may read.
 */
export async function getConversation(actor: Actor, experimentId: string, sessionId: string): Promise<ConversationDto> {
  requireRole(actor, "REVIEWER");
  await requireExperiment(experimentId);
  const rows = await db().trace.findMany({
    where: scoped(actor, { experimentId, sessionId }),
    orderBy: [{ timestampMs: "asc" }, { id: "asc" }],
    take: MAX_TURNS + 1,
    select: TRACE_INFO_SELECT,
  });
  if (!rows.length) throw new NotFoundError(`Conversation '${sessionId}' not found in experiment '${experimentId}'`);
  const shown = rows.slice(0, MAX_TURNS);
  const [infos, summaries, roots] = await Promise.all([
    toTraceInfos(shown, actor),
    summarize(actor, experimentId, [sessionId]),
    // The root spans' full inputs/outputs (previews are cut at 1000 characters).
    db().span.findMany({
      where: { traceId: { in: shown.map((r) => r.id) }, parentSpanId: null },
      orderBy: [{ startTimeNs: "asc" }],
      select: { traceId: true, inputs: true, outputs: true },
    }),
  ]);
  const rootOf = new Map<string, (typeof roots)[number]>();
  for (const r of roots) if (!rootOf.has(r.traceId)) rootOf.set(r.traceId, r);
  const turns = infos.map((trace) => {
    const root = rootOf.get(trace.traceId);
    const summary = root
      ? extractTraceSummary(parseJsonText(root.inputs), parseJsonText(root.outputs))
      : {
          question: previewText(trace.requestPreview, "request"),
          answer: previewText(trace.responsePreview, "response"),
        };
    return { trace, question: clip(summary.question), answer: clip(summary.answer) };
  });
  return { summary: summaries.get(sessionId)!, turns, truncated: rows.length > MAX_TURNS };
}

/** Longest question or answer text sent per turn; the trace view has the rest. */
const MAX_TEXT = 20_000;
const clip = (text: string | null) => (text && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text || null);

function parseJsonText(text: string | null): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Summaries of these conversations, in batched queries (aggregates, first/last turns, feedback, users, tags). */
async function summarize(
  actor: Actor,
  experimentId: string,
  sessionIds: string[],
): Promise<Map<string, ConversationSummaryDto>> {
  const out = new Map<string, ConversationSummaryDto>();
  if (!sessionIds.length) return out;
  const inSessions = scoped(actor, { experimentId, sessionId: { in: sessionIds } });
  const stats = await db().trace.groupBy({
    by: ["sessionId"],
    where: inSessions,
    _count: { _all: true },
    _min: { timestampMs: true },
    _max: { timestampMs: true },
    _sum: { totalTokens: true, costUsd: true },
  });
  // The first and the last turn of each conversation, found by their start times (indexed).
  const edges = stats.flatMap((s) => [
    { sessionId: s.sessionId, timestampMs: s._min.timestampMs! },
    { sessionId: s.sessionId, timestampMs: s._max.timestampMs! },
  ]);
  const traceWhere = { trace: inSessions };
  const [edgeRows, feedback, users, tags] = await Promise.all([
    db().trace.findMany({
      // No ORDER BY (sorted below) and the session ids spelled out: with either missing, SQLite
      // reads every trace of the experiment through the timestamp index and filters the pairs.
      where: scoped(actor, { experimentId, sessionId: { in: sessionIds }, OR: edges }),
      select: {
        id: true,
        sessionId: true,
        timestampMs: true,
        executionTimeMs: true,
        requestPreview: true,
        responsePreview: true,
      },
    }),
    // Production feedback only: assessments of evaluation and labeling runs carry a run id.
    // Filtered here, not in SQL: `runId IS NULL` makes SQLite read every production
    // assessment of the database through the runId index instead of these traces' rows.
    db().assessment.findMany({
      where: { ...traceWhere, kind: "FEEDBACK", valid: true },
      select: { name: true, value: true, runId: true, trace: { select: { sessionId: true } } },
      take: DETAIL_ROWS,
    }),
    db().traceMetadata.findMany({
      where: { ...traceWhere, key: USER_KEY },
      select: { value: true, trace: { select: { sessionId: true } } },
      take: DETAIL_ROWS,
    }),
    db().traceTag.findMany({
      where: { ...traceWhere, NOT: { key: { startsWith: "mlflow." } } },
      select: { key: true, value: true, trace: { select: { sessionId: true } } },
      take: DETAIL_ROWS,
    }),
  ]);

  edgeRows.sort((a, b) =>
    a.timestampMs !== b.timestampMs ? (a.timestampMs < b.timestampMs ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  for (const s of stats) {
    const id = s.sessionId!;
    const mine = edgeRows.filter((r) => r.sessionId === id);
    const first = mine[0]!;
    const last = mine[mine.length - 1]!;
    const lastEnd = last.executionTimeMs == null ? null : last.timestampMs + last.executionTimeMs;
    out.set(id, {
      sessionId: id,
      experimentId,
      turnCount: s._count._all,
      firstTimestampMs: Number(s._min.timestampMs),
      lastTimestampMs: Number(s._max.timestampMs),
      durationMs: lastEnd == null ? null : Number(lastEnd - first.timestampMs),
      firstTraceId: first.id,
      firstQuestion: previewText(first.requestPreview, "request"),
      lastAnswer: previewText(last.responsePreview, "response"),
      totalTokens: s._sum.totalTokens,
      costUsd: s._sum.costUsd,
      feedback: countFeedback(feedback.filter((f) => f.runId == null && f.trace.sessionId === id)),
      users: [...new Set(users.filter((u) => u.trace.sessionId === id).map((u) => u.value))].sort(),
      tags: collectTags(tags.filter((t) => t.trace.sessionId === id)),
    });
  }
  return out;
}

function countFeedback(rows: { name: string; value: string | null }[]): FeedbackCountDto[] {
  const counts = new Map<string, FeedbackCountDto>();
  for (const r of rows) {
    if (r.value == null) continue;
    const key = `${r.name}\u0000${r.value}`;
    const c = counts.get(key) ?? { name: r.name, value: r.value, count: 0 };
    c.count += 1;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => a.name.localeCompare(b.name) || b.count - a.count);
}

function collectTags(rows: { key: string; value: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of rows) {
    const list = (out[r.key] ??= []);
    if (!list.includes(r.value)) list.push(r.value);
  }
  return out;
}
