/**
 * Reading one trace (info, or info plus spans), several at once, deleting traces and editing
 * trace tags. One implementation for the MLflow REST and the trace view.
 */
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/service";
import { requireRole } from "@/lib/auth/guard";
import { db, pgDriverPool, sqliteDriverConnection } from "@/lib/db/client";
import { readDbConfig } from "@/lib/db/config";
import { NotFoundError } from "@/lib/errors";
import { nextPageToken, decodePageToken } from "@/lib/paging/page-token";
import type { TPageTokenQuery } from "@/lib/paging/schemas";
import type {
  SpanDto,
  TDeleteTracesBody,
  TraceInfoDto,
  TraceSpansPageDto,
  TraceTreeDto,
  TraceWithSpansDto,
} from "./schemas";
import { encodeSpanTree, type TreeOffsetRow } from "./tree-wire";
import { TRACE_INFO_SELECT, toTraceInfos } from "./trace-info";
import { usageCost, type PriceLookup } from "@/lib/costs/match-price";
import { loadPriceLookup } from "@/lib/costs/trace-costs";
import { assertTraceReadable, readableTraceIds } from "@/lib/auth/reviewer-scope";

const notFound = (traceId: string) => new NotFoundError(`Trace with ID '${traceId}' not found`);

function parseJson(text: string | null, fallback: unknown): unknown {
  if (text == null) return fallback;
  try {
    return JSON.parse(text);
  } catch {
    // Stored content is whatever the client sent; show it as a string rather than failing.
    return text;
  }
}

type SpanRow = Awaited<ReturnType<ReturnType<typeof db>["span"]["findMany"]>>[number];

export function toSpanDto(s: SpanRow, prices: PriceLookup | null = null): SpanDto {
  const attributes = parseJson(s.attributes, {});
  const events = parseJson(s.events, []);
  return {
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    spanType: s.spanType,
    startTimeNs: s.startTimeNs.toString(),
    endTimeNs: s.endTimeNs == null ? null : s.endTimeNs.toString(),
    statusCode: s.statusCode,
    statusMessage: s.statusMessage,
    inputs: parseJson(s.inputs, null),
    outputs: parseJson(s.outputs, null),
    attributes:
      attributes && typeof attributes === "object" && !Array.isArray(attributes)
        ? (attributes as Record<string, unknown>)
        : {},
    events: Array.isArray(events) ? (events as SpanDto["events"]) : [],
    model: s.model,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    costUsd:
      prices && s.model && (s.inputTokens != null || s.outputTokens != null)
        ? usageCost({ model: s.model, inputTokens: s.inputTokens ?? 0, outputTokens: s.outputTokens ?? 0 }, prices)
        : null,
  };
}

/**
 * The trace's info (tags, metadata, assessments), no spans. Any signed-in role; a Reviewer only
 * for traces of their labeling sessions (others answer 404, as unknown ones).
 */
export async function getTraceInfo(actor: Actor, traceId: string): Promise<TraceInfoDto> {
  requireRole(actor, "REVIEWER");
  const row = await db().trace.findUnique({ where: { id: traceId }, select: TRACE_INFO_SELECT });
  if (!row) throw notFound(traceId);
  await assertTraceReadable(actor, traceId);
  return (await toTraceInfos([row], actor))[0]!;
}

/** The trace with all its spans, ordered by start time (parents before children at equal times). */
export async function getTraceWithSpans(actor: Actor, traceId: string): Promise<TraceWithSpansDto> {
  const info = await getTraceInfo(actor, traceId);
  const [spans, prices] = await Promise.all([
    db().span.findMany({ where: { traceId }, orderBy: [{ startTimeNs: "asc" }, { spanId: "asc" }] }),
    loadPriceLookup(db()),
  ]);
  return { info, spans: spans.map((s) => toSpanDto(s, prices)) };
}

/** Spans per page of the app's full-trace API at most (and by default): span content is unbounded, a page is not. */
export const SPAN_PAGE_MAX = 500;

/**
 * A page of the trace's spans with their content, in the order of getTraceWithSpans (the app's
 * GET /api/traces/<id>: no endpoint of the app's own API returns a trace's content unbounded).
 */
export async function getTraceSpansPage(
  actor: Actor,
  traceId: string,
  q: TPageTokenQuery = {},
): Promise<TraceSpansPageDto> {
  const info = await getTraceInfo(actor, traceId);
  const offset = decodePageToken(q.pageToken);
  const take = Math.min(q.maxResults ?? SPAN_PAGE_MAX, SPAN_PAGE_MAX);
  const [spans, prices] = await Promise.all([
    db().span.findMany({
      where: { traceId },
      orderBy: [{ startTimeNs: "asc" }, { spanId: "asc" }],
      skip: offset,
      take,
    }),
    loadPriceLookup(db()),
  ]);
  const token = nextPageToken(offset, take, spans.length);
  return { info, spans: spans.map((s) => toSpanDto(s, prices)), ...(token ? { nextPageToken: token } : {}) };
}

/**
 * What the trace view loads first: the info and the compact tree (ids, parents, names, types,
 * times, status; no content), so a 50,000-span trace opens with a few megabytes.
 */
export async function getTraceTree(actor: Actor, traceId: string): Promise<TraceTreeDto> {
  const info = await getTraceInfo(actor, traceId);
  const { baseNs, rows } = await treeRows(traceId);
  return { info, tree: encodeSpanTree(baseNs, rows) };
}

/**
 * The tree's rows straight from the driver, times made relative in SQL: 50,000 rows through
 * Prisma's result mapping and BigInt arithmetic cost seconds of the server's one thread.
 * In index order (traceId, startTimeNs): no sort; the view orders siblings itself.
 */
async function treeRows(traceId: string): Promise<{ baseNs: string; rows: TreeOffsetRow[] }> {
  const config = readDbConfig();
  type Raw = [string, string | null, string, string, number, number | null, string, string];
  const pg = config.provider === "postgresql";
  const num = (e: string) => (pg ? `(${e})::double precision` : e);
  const sql = `WITH b AS (SELECT min("startTimeNs") AS m FROM "Span" WHERE "traceId" = $1)
    SELECT "spanId", "parentSpanId", "name", "spanType", ${num(`"startTimeNs" - b.m`)}, ${num(`"endTimeNs" - "startTimeNs"`)}, "statusCode", CAST(b.m AS TEXT)
    FROM "Span", b WHERE "traceId" = $1 ORDER BY "startTimeNs"`;
  let raw: Raw[];
  if (pg) {
    raw = (
      await pgDriverPool(config.url).query<Raw>({ name: "trace_tree", text: sql, values: [traceId], rowMode: "array" })
    ).rows;
  } else {
    const conn = await sqliteDriverConnection(db());
    if (!conn) throw new Error("the SQLite connection of the Prisma adapter is not reachable");
    // Offsets and durations fit a double exactly (traces shorter than 104 days): plain numbers, no BigInt.
    raw = conn.prepare(sql.replaceAll("$1", "?")).safeIntegers(false).raw(true).all(traceId, traceId) as Raw[];
  }
  return {
    baseNs: raw[0]?.[7] ?? "0",
    rows: raw.map(([spanId, parentSpanId, name, spanType, startOffsetNs, durationNs, statusCode]) => ({
      ...{ spanId, parentSpanId, name, spanType, startOffsetNs, durationNs, statusCode },
    })),
  };
}

/** One span with its content (the trace view's detail, loaded on selection). */
export async function getTraceSpan(actor: Actor, traceId: string, spanId: string): Promise<SpanDto> {
  await getTraceInfo(actor, traceId);
  const [span, prices] = await Promise.all([
    db().span.findUnique({ where: { traceId_spanId: { traceId, spanId } } }),
    loadPriceLookup(db()),
  ]);
  if (!span) throw new NotFoundError(`Span '${spanId}' not found in trace '${traceId}'`);
  return toSpanDto(span, prices);
}

/** Several traces with spans; unknown ids are left out (as MLflow's BatchGetTraces). */
export async function batchGetTraces(actor: Actor, traceIds: string[]): Promise<TraceWithSpansDto[]> {
  requireRole(actor, "REVIEWER");
  const readable = await readableTraceIds(actor, [...new Set(traceIds)]);
  const ids = [...new Set(traceIds)].filter((id) => readable.has(id));
  if (ids.length === 0) return [];
  const rows = await db().trace.findMany({ where: { id: { in: ids } }, select: TRACE_INFO_SELECT });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const [infos, spans] = await Promise.all([
    toTraceInfos(ordered, actor),
    db().span.findMany({
      where: { traceId: { in: ordered.map((r) => r.id) } },
      orderBy: [{ traceId: "asc" }, { startTimeNs: "asc" }, { spanId: "asc" }],
    }),
  ]);
  const spansBy = new Map<string, SpanDto[]>();
  for (const s of spans) {
    const list = spansBy.get(s.traceId) ?? [];
    list.push(toSpanDto(s));
    spansBy.set(s.traceId, list);
  }
  return infos.map((info) => ({ info, spans: spansBy.get(info.traceId) ?? [] }));
}

const DELETE_CHUNK = 500;

/**
 * Deletes traces of one experiment, by id or the oldest ones up to a timestamp (at most
 * `maxTraces`); spans, tags and assessments go with them. Returns how many were deleted.
 * Developers and admins.
 */
export async function deleteTraces(actor: Actor, experimentId: string, which: TDeleteTracesBody): Promise<number> {
  requireRole(actor, "DEVELOPER");
  const ids =
    "traceIds" in which
      ? which.traceIds
      : (
          await db().trace.findMany({
            where: { experimentId, timestampMs: { lte: BigInt(which.maxTimestampMs) } },
            orderBy: [{ timestampMs: "asc" }, { id: "asc" }],
            take: which.maxTraces,
            select: { id: true },
          })
        ).map((r) => r.id);
  let deleted = 0;
  for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
    const chunk = ids.slice(i, i + DELETE_CHUNK);
    // Assessments point at spans with NO ACTION; delete them first so the cascade order never matters.
    const res = await db().$transaction(async (tx) => {
      const owned = await tx.trace.findMany({ where: { id: { in: chunk }, experimentId }, select: { id: true } });
      const ownedIds = owned.map((t) => t.id);
      await tx.assessment.deleteMany({ where: { traceId: { in: ownedIds } } });
      return tx.trace.deleteMany({ where: { id: { in: ownedIds } } });
    });
    deleted += res.count;
  }
  await recordAuditEvent({
    actor,
    action: "trace.deleted",
    target: { type: "experiment", id: experimentId },
    details: {
      count: deleted,
      traceIds: ids.slice(0, 100),
      ...("traceIds" in which ? {} : { maxTimestampMs: which.maxTimestampMs }),
    },
  });
  return deleted;
}

/** Sets (or replaces) a trace tag. Developers and admins. */
export async function setTraceTag(actor: Actor, traceId: string, key: string, value: string): Promise<void> {
  requireRole(actor, "DEVELOPER");
  const trace = await db().trace.findUnique({ where: { id: traceId }, select: { id: true } });
  if (!trace) throw notFound(traceId);
  await db().traceTag.upsert({
    where: { traceId_key: { traceId, key } },
    create: { traceId, key, value },
    update: { value },
  });
}

/** Removes a trace tag; 404 when the trace or the tag does not exist (as MLflow). */
export async function deleteTraceTag(actor: Actor, traceId: string, key: string): Promise<void> {
  requireRole(actor, "DEVELOPER");
  const trace = await db().trace.findUnique({ where: { id: traceId }, select: { id: true } });
  if (!trace) throw notFound(traceId);
  const res = await db().traceTag.deleteMany({ where: { traceId, key } });
  if (res.count === 0) throw new NotFoundError(`No trace tag with key '${key}' for trace with ID '${traceId}'`);
}
