import "server-only";
/**
 * The one place spans and trace info are written: OTLP (`POST /v1/traces`), traces.json uploads,
 * StartTraceV3 and the evaluation runner all end here.
 *
 * Spans of one trace may arrive in many requests, in any order, interleaved with the client's
 * StartTraceV3 (a race in MLflow's Python client, mlflow-api.md §9). Two rules make every order
 * converge on the same stored trace:
 * - spans are upserted by (traceId, spanId) and trace figures are recomputed from the stored
 *   spans, never accumulated;
 * - once the client has finalised the trace info (StartTraceV3, marked by metadata
 *   `mlflow.trace.infoFinalized`), its values (state, times, previews, token usage, session,
 *   user) win: span ingestion only fills what is still missing.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db, type Db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { DEFAULT_EXPERIMENT_ID, ensureDefaultExperiment } from "@/lib/experiments/service";
import { parseJsonOrRaw, previewOf, toJsonText } from "@/lib/ingestion/mapping";
import type { NormalizedSpan } from "@/lib/ingestion/types";
import { setTraceKeyValues, withWriteRetry, type KeyValueRow } from "./write-helpers";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const META_FINALIZED = "mlflow.trace.infoFinalized";
export const META_SESSION = "mlflow.trace.session";
export const META_USER = "mlflow.trace.user";
export const META_TOKEN_USAGE = "mlflow.trace.tokenUsage";
export const META_SCHEMA_VERSION = "mlflow.trace_schema.version";
export const TAG_SPANS_LOCATION = "mlflow.trace.spansLocation";
export const TAG_TRACE_NAME = "mlflow.traceName";
export const TAG_ARTIFACT_LOCATION = "mlflow.artifactLocation";

export interface IngestOptions {
  /** A transaction to write in (the caller's); by default the writer opens its own. */
  tx?: Tx;
}

export interface IngestResult {
  /** The traces touched, in first-seen order. */
  traceIds: string[];
  spanCount: number;
}

/** Experiment id -> checked id; the default experiment "0" is created on first use, as MLflow's server has it. */
export async function resolveIngestExperiment(experimentId: string): Promise<string> {
  if (experimentId === DEFAULT_EXPERIMENT_ID) return (await ensureDefaultExperiment()).id;
  const row = await db().experiment.findUnique({ where: { id: experimentId }, select: { id: true, lifecycleStage: true } });
  if (!row || row.lifecycleStage !== "active") throw new NotFoundError(`Experiment '${experimentId}' does not exist`);
  return row.id;
}

/**
 * Stores spans (from any decoder) in `experimentId`: creates unseen traces (IN_PROGRESS until
 * their root span arrives), upserts spans, recomputes each trace's figures from its stored
 * spans and tags it `mlflow.trace.spansLocation=TRACKING_STORE`. One transaction per call,
 * batched: one createMany for new spans, per-row updates only for re-sent ones.
 */
export async function ingestSpans(actor: Actor, experimentId: string, spans: NormalizedSpan[], opts: IngestOptions = {}): Promise<IngestResult> {
  requireRole(actor, "DEVELOPER");
  const expId = await resolveIngestExperiment(experimentId);
  const groups = groupByTrace(spans);
  const traceIds = [...groups.keys()];
  if (!traceIds.length) return { traceIds, spanCount: 0 };
  const write = (tx: Tx) => writeSpans(tx, expId, groups);
  if (opts.tx) await write(opts.tx);
  else await withWriteRetry(() => db().$transaction(write, { maxWait: 30_000, timeout: 60_000 }));
  return { traceIds, spanCount: [...groups.values()].reduce((n, g) => n + g.size, 0) };
}

/** Spans by trace, then by span id; a span sent twice in one request keeps its last copy. */
function groupByTrace(spans: NormalizedSpan[]): Map<string, Map<string, NormalizedSpan>> {
  const groups = new Map<string, Map<string, NormalizedSpan>>();
  for (const s of spans) {
    let g = groups.get(s.traceId);
    if (!g) groups.set(s.traceId, (g = new Map()));
    g.set(s.spanId, s);
  }
  return groups;
}

function spanRow(s: NormalizedSpan) {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    spanType: s.spanType,
    startTimeNs: s.startTimeNs,
    endTimeNs: s.endTimeNs,
    statusCode: s.statusCode,
    statusMessage: s.statusMessage,
    inputs: s.inputs === undefined ? null : toJsonText(s.inputs),
    outputs: s.outputs === undefined ? null : toJsonText(s.outputs),
    attributes: toJsonText(s.attributes),
    events: toJsonText(s.events),
    model: s.model,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
  };
}

const nsToMs = (ns: bigint) => ns / 1_000_000n;

async function writeSpans(tx: Tx, experimentId: string, groups: Map<string, Map<string, NormalizedSpan>>): Promise<void> {
  // Sorted so concurrent requests lock trace rows in the same order (no deadlocks on PostgreSQL).
  const traceIds = [...groups.keys()].sort();
  // Lock the traces' rows first (an UPDATE takes row locks on PostgreSQL; SQLite serialises
  // writers anyway), so a concurrent request for the same trace waits and then recomputes
  // from our committed spans instead of from a snapshot without them.
  await tx.trace.updateMany({ where: { id: { in: traceIds } }, data: { updatedAt: new Date() } });
  const existing = new Set((await tx.trace.findMany({ where: { id: { in: traceIds } }, select: { id: true } })).map((t) => t.id));
  const fresh = traceIds.filter((id) => !existing.has(id));
  if (fresh.length) {
    await tx.trace.createMany({
      data: fresh.map((id) => {
        const starts = [...groups.get(id)!.values()].map((s) => s.startTimeNs);
        return { id, experimentId, timestampMs: nsToMs(starts.reduce((a, b) => (b < a ? b : a))), state: "IN_PROGRESS" };
      }),
    });
  }

  // Which of the incoming spans are already stored (only traces that existed can have any).
  const storedKeys = new Set<string>();
  const oldTraces = traceIds.filter((id) => existing.has(id));
  if (oldTraces.length) {
    const spanIds = [...new Set(oldTraces.flatMap((id) => [...groups.get(id)!.keys()]))];
    const rows = await tx.span.findMany({ where: { traceId: { in: oldTraces }, spanId: { in: spanIds } }, select: { traceId: true, spanId: true } });
    for (const r of rows) storedKeys.add(`${r.traceId}/${r.spanId}`);
  }
  const all = traceIds.flatMap((id) => [...groups.get(id)!.values()]);
  const toCreate = all.filter((s) => !storedKeys.has(`${s.traceId}/${s.spanId}`));
  const toUpdate = all.filter((s) => storedKeys.has(`${s.traceId}/${s.spanId}`));
  if (toCreate.length) await tx.span.createMany({ data: toCreate.map(spanRow) });
  for (const s of toUpdate) {
    const { traceId, spanId, ...data } = spanRow(s);
    await tx.span.update({ where: { traceId_spanId: { traceId, spanId } }, data });
  }
  await recomputeTraces(tx, traceIds, groups, new Set(fresh));
}

/** Recomputes span-derived trace figures from what is stored now; see the file comment for precedence. */
async function recomputeTraces(tx: Tx, traceIds: string[], groups: Map<string, Map<string, NormalizedSpan>>, fresh: Set<string>): Promise<void> {
  const [sums, roots, meta, traces] = await Promise.all([
    tx.span.groupBy({
      by: ["traceId"],
      where: { traceId: { in: traceIds } },
      _sum: { inputTokens: true, outputTokens: true },
      _count: { _all: true },
      _min: { startTimeNs: true },
    }),
    tx.span.findMany({
      where: { traceId: { in: traceIds }, parentSpanId: null },
      orderBy: [{ startTimeNs: "asc" }],
      select: { traceId: true, name: true, startTimeNs: true, endTimeNs: true, statusCode: true, inputs: true, outputs: true },
    }),
    tx.traceMetadata.findMany({ where: { traceId: { in: traceIds }, key: { in: [META_FINALIZED, META_SESSION, META_USER, META_TOKEN_USAGE] } } }),
    tx.trace.findMany({ where: { id: { in: traceIds } }, select: { id: true, requestPreview: true, responsePreview: true, name: true } }),
  ]);
  const sumOf = new Map(sums.map((s) => [s.traceId, s]));
  const rootOf = new Map<string, (typeof roots)[number]>();
  for (const r of roots) if (!rootOf.has(r.traceId)) rootOf.set(r.traceId, r);
  const metaOf = new Map<string, Map<string, string>>();
  for (const m of meta) {
    if (!metaOf.has(m.traceId)) metaOf.set(m.traceId, new Map());
    metaOf.get(m.traceId)!.set(m.key, m.value);
  }
  const traceOf = new Map(traces.map((t) => [t.id, t]));

  const tagRows: KeyValueRow[] = [];
  const metaRows: KeyValueRow[] = [];
  for (const id of traceIds) {
    const s = sumOf.get(id);
    const root = rootOf.get(id);
    const known = metaOf.get(id) ?? new Map<string, string>();
    const stored = traceOf.get(id);
    const finalized = known.get(META_FINALIZED) === "true";
    // Client-finalised values win; span-derived ones only fill gaps.
    const mayWrite = (key: string) => !finalized || !known.has(key);
    const inTok = s?._sum.inputTokens ?? null;
    const outTok = s?._sum.outputTokens ?? null;
    const totalTok = inTok === null && outTok === null ? null : (inTok ?? 0) + (outTok ?? 0);
    const data: Record<string, unknown> = { spanCount: s?._count._all ?? 0, inputTokens: inTok, outputTokens: outTok, totalTokens: totalTok };
    if (root) {
      const requestPreview = root.inputs === null ? null : previewOf(parseJsonOrRaw(root.inputs));
      const responsePreview = root.outputs === null ? null : previewOf(parseJsonOrRaw(root.outputs));
      if (!finalized) {
        const state = root.endTimeNs === null ? "IN_PROGRESS" : root.statusCode === "ERROR" ? "ERROR" : "OK";
        Object.assign(data, {
          state,
          timestampMs: nsToMs(root.startTimeNs),
          executionTimeMs: root.endTimeNs === null ? null : nsToMs(root.endTimeNs - root.startTimeNs),
          name: root.name,
          requestPreview,
          responsePreview,
        });
        tagRows.push({ traceId: id, key: TAG_TRACE_NAME, value: root.name });
      } else {
        if (stored?.requestPreview == null) data.requestPreview = requestPreview;
        if (stored?.responsePreview == null) data.responsePreview = responsePreview;
        if (stored?.name == null) data.name = root.name;
      }
    } else if (!finalized && s?._min.startTimeNs != null) {
      data.timestampMs = nsToMs(s._min.startTimeNs);
    }
    await tx.trace.update({ where: { id }, data });

    tagRows.push({ traceId: id, key: TAG_SPANS_LOCATION, value: "TRACKING_STORE" });
    if (fresh.has(id)) metaRows.push({ traceId: id, key: META_SCHEMA_VERSION, value: "3" });
    if (totalTok !== null && mayWrite(META_TOKEN_USAGE)) {
      metaRows.push({ traceId: id, key: META_TOKEN_USAGE, value: JSON.stringify({ input_tokens: inTok ?? 0, output_tokens: outTok ?? 0, total_tokens: totalTok }) });
    }
    // Session and user are trace-wide; take them from this request's spans, the root's first.
    const batch = [...groups.get(id)!.values()].sort((a, b) => (a.parentSpanId === null ? -1 : b.parentSpanId === null ? 1 : 0));
    const session = batch.find((x) => x.sessionId)?.sessionId;
    const user = batch.find((x) => x.userId)?.userId;
    if (session && mayWrite(META_SESSION)) metaRows.push({ traceId: id, key: META_SESSION, value: session });
    if (user && mayWrite(META_USER)) metaRows.push({ traceId: id, key: META_USER, value: user });
  }
  await setTraceKeyValues(tx, "tag", tagRows);
  await setTraceKeyValues(tx, "metadata", metaRows);
}
