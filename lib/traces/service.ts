/**
 * Reading one trace (info, or info plus spans), several at once, deleting traces and editing
 * trace tags. One implementation for the MLflow REST and the trace view.
 */
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/service";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
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
import { encodeSpanTree } from "./tree-wire";
import { treeRows } from "./tree-rows";
import { sharedTree } from "./tree-cache";
import { plainJoin, type DeflatedPart } from "@/lib/http/gzip-join";
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
  return (await readTraceInfo(actor, traceId)).info;
}

/** getTraceInfo's work, with the trace's version (span count and last write: every write changes it). */
async function readTraceInfo(actor: Actor, traceId: string): Promise<{ info: TraceInfoDto; version: string }> {
  requireRole(actor, "REVIEWER");
  const row = await db().trace.findUnique({
    where: { id: traceId },
    select: { ...TRACE_INFO_SELECT, updatedAt: true },
  });
  if (!row) throw notFound(traceId);
  await assertTraceReadable(actor, traceId);
  const [info] = await toTraceInfos([row], actor);
  return { info: info!, version: `${row.spanCount}:${row.updatedAt.getTime()}` };
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
 * All of a trace's spans with their content, `pageSize` at a time in getTraceWithSpans' order
 * (keyset on start time and span id): for responses that stream a whole trace (MLflow's
 * traces/get) without holding it in memory. The caller checks access (getTraceInfo) first.
 */
export async function* traceSpanPages(traceId: string, pageSize = SPAN_PAGE_MAX): AsyncGenerator<SpanDto[]> {
  const prices = await loadPriceLookup(db());
  let after: { startTimeNs: bigint; spanId: string } | null = null;
  for (;;) {
    const rows: SpanRow[] = await db().span.findMany({
      where: {
        traceId,
        ...(after && {
          OR: [
            { startTimeNs: { gt: after.startTimeNs } },
            { startTimeNs: after.startTimeNs, spanId: { gt: after.spanId } },
          ],
        }),
      },
      orderBy: [{ startTimeNs: "asc" }, { spanId: "asc" }],
      take: pageSize,
    });
    if (rows.length) yield rows.map((s) => toSpanDto(s, prices));
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    after = { startTimeNs: last.startTimeNs, spanId: last.spanId };
  }
}

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
  return JSON.parse(await getTraceTreeJson(actor, traceId)) as TraceTreeDto;
}

/**
 * Root span content up to this size travels with the tree, so the view shows the root's inputs
 * and outputs without a second round trip; a bigger root loads on demand like any span.
 */
const ROOT_INLINE_MAX_CHARS = 256 * 1024;

/**
 * getTraceTree's JSON text in parts, as the route sends them (lib/http/gzip-join.ts): the tree
 * part is built and compressed once per trace version and shared by concurrent and repeated
 * opens (tree-cache.ts); the info (assessments, tags) and the root span's content (when small)
 * are read for every request, after the reader's access is checked.
 */
export async function getTraceTreeParts(actor: Actor, traceId: string): Promise<[string, DeflatedPart, string]> {
  const { info, version } = await readTraceInfo(actor, traceId);
  const tree = await sharedTree(traceId, version, async () => {
    const { baseNs, rows } = await treeRows(traceId);
    const wire = encodeSpanTree(baseNs, rows);
    const rootIndex = wire.parents.indexOf(-1);
    return { json: JSON.stringify(wire), rootSpanId: rootIndex < 0 ? null : wire.spanIds[rootIndex]! };
  });
  const root = tree.rootSpanId ? await rootSpanJson(traceId, tree.rootSpanId) : null;
  return [`{"info":${JSON.stringify(info)},"tree":`, tree, root ? `,"root":${root}}` : "}"];
}

async function rootSpanJson(traceId: string, spanId: string): Promise<string | null> {
  const span = await readSpan(traceId, spanId);
  const json = span ? JSON.stringify(span) : "";
  return json && json.length <= ROOT_INLINE_MAX_CHARS ? json : null;
}

/** One span with its content and cost, null if the trace has no such span (no access check). */
async function readSpan(traceId: string, spanId: string): Promise<SpanDto | null> {
  const [span, prices] = await Promise.all([
    db().span.findUnique({ where: { traceId_spanId: { traceId, spanId } } }),
    loadPriceLookup(db()),
  ]);
  return span ? toSpanDto(span, prices) : null;
}

/** getTraceTree's JSON text. */
export async function getTraceTreeJson(actor: Actor, traceId: string): Promise<string> {
  return plainJoin(await getTraceTreeParts(actor, traceId)).toString("utf8");
}

/** One span with its content (the trace view's detail, loaded on selection). */
export async function getTraceSpan(actor: Actor, traceId: string, spanId: string): Promise<SpanDto> {
  await getTraceInfo(actor, traceId);
  const span = await readSpan(traceId, spanId);
  if (!span) throw new NotFoundError(`Span '${spanId}' not found in trace '${traceId}'`);
  return span;
}

/** Several traces' infos in the asked order; unknown and unreadable ids are left out (MLflow's BatchGetTraceInfos). */
export async function batchGetTraceInfos(actor: Actor, traceIds: string[]): Promise<TraceInfoDto[]> {
  requireRole(actor, "REVIEWER");
  const unique = [...new Set(traceIds)];
  const readable = await readableTraceIds(actor, unique);
  const ids = unique.filter((id) => readable.has(id));
  if (ids.length === 0) return [];
  const rows = await db().trace.findMany({ where: { id: { in: ids } }, select: TRACE_INFO_SELECT });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return toTraceInfos(
    ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    actor,
  );
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
