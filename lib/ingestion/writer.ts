import "server-only";
/**
 * The one place spans and trace info are written: OTLP (`POST /v1/traces`), traces.json uploads,
 * StartTraceV3 and the evaluation runner all end here.
 *
 * Spans of one trace may arrive in many requests, in any order, interleaved with the client's
 * StartTraceV3 (a race in MLflow's Python client, docs/mlflow-compatibility.md §6). Two rules make every order
 * converge on the same stored trace:
 * - spans are upserted by (traceId, spanId) and trace figures are recomputed from the stored
 *   spans, never accumulated (a trace this request creates has no stored spans but its own,
 *   so its figures come from the request without reading them back);
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
import { refreshTraceCosts } from "@/lib/costs/trace-costs";
import {
  SESSION_METADATA_KEY,
  insertRowsIfAbsent,
  setTraceKeyValues,
  upsertRows,
  withWriteRetry,
  type KeyValueRow,
} from "./write-helpers";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const META_FINALIZED = "mlflow.trace.infoFinalized";
export const META_SESSION = SESSION_METADATA_KEY;
export const META_USER = "mlflow.trace.user";
export const META_TOKEN_USAGE = "mlflow.trace.tokenUsage";
export const META_SCHEMA_VERSION = "mlflow.trace_schema.version";
export const TAG_SPANS_LOCATION = "mlflow.trace.spansLocation";
export const TAG_TRACE_NAME = "mlflow.traceName";
export const TAG_ARTIFACT_LOCATION = "mlflow.artifactLocation";

export interface IngestOptions {
  /** A transaction to write in (the caller's); by default the writer opens its own. */
  tx?: Tx;
  /** The caller has just checked `experimentId` with resolveIngestExperiment (saves a query). */
  experimentResolved?: boolean;
}

export interface IngestResult {
  /** The traces touched, in first-seen order. */
  traceIds: string[];
  spanCount: number;
}

/** Experiment id -> checked id; the default experiment "0" is created on first use, as MLflow's server has it. */
export async function resolveIngestExperiment(experimentId: string): Promise<string> {
  if (experimentId === DEFAULT_EXPERIMENT_ID) return (await ensureDefaultExperiment()).id;
  const row = await db().experiment.findUnique({
    where: { id: experimentId },
    select: { id: true, lifecycleStage: true },
  });
  if (!row || row.lifecycleStage !== "active") throw new NotFoundError(`Experiment '${experimentId}' does not exist`);
  return row.id;
}

/**
 * Stores spans (from any decoder) in `experimentId`: creates unseen traces (IN_PROGRESS until
 * their root span arrives), upserts spans, recomputes each trace's figures from its stored
 * spans and tags it `mlflow.trace.spansLocation=TRACKING_STORE`. One transaction per call,
 * batched: a request whose traces are all new costs four statements whatever its size.
 */
export async function ingestSpans(
  actor: Actor,
  experimentId: string,
  spans: NormalizedSpan[],
  opts: IngestOptions = {},
): Promise<IngestResult> {
  requireRole(actor, "DEVELOPER");
  const expId = opts.experimentResolved ? experimentId : await resolveIngestExperiment(experimentId);
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

type SpanColumn = keyof ReturnType<typeof spanRow>;
const SPAN_COLUMNS: SpanColumn[] = [
  ...(["traceId", "spanId", "parentSpanId", "name", "spanType", "startTimeNs", "endTimeNs", "statusCode"] as const),
  ...(["statusMessage", "inputs", "outputs", "attributes", "events", "model", "inputTokens", "outputTokens"] as const),
];
const SPAN_KEY: SpanColumn[] = ["traceId", "spanId"];
const TRACE_COLUMNS = [
  "id",
  "experimentId",
  "timestampMs",
  "state",
  "executionTimeMs",
  "name",
  "requestPreview",
  "responsePreview",
].concat(["spanCount", "inputTokens", "outputTokens", "totalTokens", "createdAt", "updatedAt"]);

/** What a trace's span-derived figures are computed from: the stored spans, or a new trace's batch. */
interface Rollup {
  count: number;
  inputTokens: number | null;
  outputTokens: number | null;
  minStartNs: bigint | null;
}
interface RootFacts {
  name: string;
  startTimeNs: bigint;
  endTimeNs: bigint | null;
  statusCode: string;
  inputs: string | null;
  outputs: string | null;
}
interface StoredTrace {
  requestPreview: string | null;
  responsePreview: string | null;
  name: string | null;
}
interface TracePlan {
  data: Record<string, unknown>;
  tags: KeyValueRow[];
  meta: KeyValueRow[];
}

async function writeSpans(
  tx: Tx,
  experimentId: string,
  groups: Map<string, Map<string, NormalizedSpan>>,
): Promise<void> {
  // Sorted so concurrent requests lock trace rows in the same order (no deadlocks on PostgreSQL).
  const traceIds = [...groups.keys()].sort();
  const now = new Date();
  // A trace nobody has stored yet has no spans, tags or metadata but this batch's, so its
  // figures are known before writing: insert it complete, and skip the recompute reads. The
  // insert skips traces that exist (their precomputed row is discarded) and, on PostgreSQL,
  // waits for a concurrent transaction creating the same trace, which then counts as existing.
  const rowsOf = new Map(traceIds.map((id) => [id, [...groups.get(id)!.values()].map(spanRow)]));
  const freshPlans = new Map(traceIds.map((id) => [id, planFresh(id, [...groups.get(id)!.values()], rowsOf.get(id)!)]));
  const fresh = await insertRowsIfAbsent(
    tx,
    "Trace",
    TRACE_COLUMNS,
    traceIds.map((id) => ({
      ...{
        id,
        experimentId,
        state: "IN_PROGRESS",
        executionTimeMs: null,
        name: null,
        requestPreview: null,
        responsePreview: null,
      },
      ...(freshPlans.get(id)!.data as Record<string, string | number | bigint | null>),
      createdAt: now,
      updatedAt: now,
    })),
  );
  const old = traceIds.filter((id) => !fresh.has(id));
  // Lock existing traces' rows before touching their spans (an UPDATE takes row locks on
  // PostgreSQL; SQLite serialises writers anyway), so a concurrent request for the same trace
  // waits and then recomputes from our committed spans instead of from a snapshot without them.
  if (old.length) await tx.trace.updateMany({ where: { id: { in: old } }, data: { updatedAt: now } });

  // Re-sent spans replace the stored copy (every column but the key).
  const spans = traceIds.flatMap((id) => rowsOf.get(id)!);
  await upsertRows(
    tx,
    "Span",
    SPAN_COLUMNS,
    SPAN_KEY,
    SPAN_COLUMNS.filter((c) => !SPAN_KEY.includes(c)),
    spans,
  );

  const plans = [...traceIds.filter((id) => fresh.has(id)).map((id) => freshPlans.get(id)!)];
  if (old.length) plans.push(...(await recomputeTraces(tx, old, groups)));
  await setTraceKeyValues(
    tx,
    "tag",
    plans.flatMap((p) => p.tags),
  );
  await setTraceKeyValues(
    tx,
    "metadata",
    plans.flatMap((p) => p.meta),
  );
  // Token usage per model and the cost it comes to, from the spans stored now.
  await refreshTraceCosts(tx, traceIds);
}

/** The plan of a trace created by this batch: figures from its spans, nothing finalised or stored yet. */
function planFresh(id: string, batch: NormalizedSpan[], rows: ReturnType<typeof spanRow>[]): TracePlan {
  const sum = (pick: (r: (typeof rows)[number]) => number | null) =>
    rows.reduce<number | null>((acc, r) => (pick(r) === null ? acc : (acc ?? 0) + pick(r)!), null);
  const rollup: Rollup = {
    count: rows.length,
    inputTokens: sum((r) => r.inputTokens),
    outputTokens: sum((r) => r.outputTokens),
    minStartNs: rows.reduce<bigint | null>((a, r) => (a === null || r.startTimeNs < a ? r.startTimeNs : a), null),
  };
  // The earliest root, as the recompute's `ORDER BY startTimeNs` picks it.
  let root: RootFacts | undefined;
  for (const r of rows) if (r.parentSpanId === null && (!root || r.startTimeNs < root.startTimeNs)) root = r;
  return planTrace(id, rollup, root, new Map(), undefined, true, batch);
}

/** Recomputes existing traces' span-derived figures from what is stored now and writes them; see the file comment for precedence. */
async function recomputeTraces(
  tx: Tx,
  traceIds: string[],
  groups: Map<string, Map<string, NormalizedSpan>>,
): Promise<TracePlan[]> {
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
      select: {
        traceId: true,
        name: true,
        startTimeNs: true,
        endTimeNs: true,
        statusCode: true,
        inputs: true,
        outputs: true,
      },
    }),
    tx.traceMetadata.findMany({
      where: { traceId: { in: traceIds }, key: { in: [META_FINALIZED, META_SESSION, META_USER, META_TOKEN_USAGE] } },
    }),
    tx.trace.findMany({
      where: { id: { in: traceIds } },
      select: { id: true, requestPreview: true, responsePreview: true, name: true },
    }),
  ]);
  const sumOf = new Map(sums.map((s) => [s.traceId, s]));
  const rootOf = new Map<string, RootFacts>();
  for (const r of roots) if (!rootOf.has(r.traceId)) rootOf.set(r.traceId, r);
  const metaOf = new Map<string, Map<string, string>>();
  for (const m of meta) {
    if (!metaOf.has(m.traceId)) metaOf.set(m.traceId, new Map());
    metaOf.get(m.traceId)!.set(m.key, m.value);
  }
  const traceOf = new Map(traces.map((t) => [t.id, t]));

  const plans: TracePlan[] = [];
  for (const id of traceIds) {
    const s = sumOf.get(id);
    const rollup: Rollup = {
      count: s?._count._all ?? 0,
      inputTokens: s?._sum.inputTokens ?? null,
      outputTokens: s?._sum.outputTokens ?? null,
      minStartNs: s?._min.startTimeNs ?? null,
    };
    const plan = planTrace(id, rollup, rootOf.get(id), metaOf.get(id) ?? new Map(), traceOf.get(id), false, [
      ...groups.get(id)!.values(),
    ]);
    await tx.trace.update({ where: { id }, data: plan.data });
    plans.push(plan);
  }
  return plans;
}

/** A trace's span-derived columns, tags and metadata; client-finalised values win, span-derived ones only fill gaps. */
function planTrace(
  id: string,
  r: Rollup,
  root: RootFacts | undefined,
  known: Map<string, string>,
  stored: StoredTrace | undefined,
  fresh: boolean,
  batch: NormalizedSpan[],
): TracePlan {
  const tags: KeyValueRow[] = [];
  const meta: KeyValueRow[] = [];
  const finalized = known.get(META_FINALIZED) === "true";
  const mayWrite = (key: string) => !finalized || !known.has(key);
  const inTok = r.inputTokens;
  const outTok = r.outputTokens;
  const totalTok = inTok === null && outTok === null ? null : (inTok ?? 0) + (outTok ?? 0);
  const data: Record<string, unknown> = {
    spanCount: r.count,
    inputTokens: inTok,
    outputTokens: outTok,
    totalTokens: totalTok,
  };
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
      tags.push({ traceId: id, key: TAG_TRACE_NAME, value: root.name });
    } else {
      if (stored?.requestPreview == null) data.requestPreview = requestPreview;
      if (stored?.responsePreview == null) data.responsePreview = responsePreview;
      if (stored?.name == null) data.name = root.name;
    }
  } else if (!finalized && r.minStartNs != null) {
    data.timestampMs = nsToMs(r.minStartNs);
  }

  tags.push({ traceId: id, key: TAG_SPANS_LOCATION, value: "TRACKING_STORE" });
  if (fresh) meta.push({ traceId: id, key: META_SCHEMA_VERSION, value: "3" });
  if (totalTok !== null && mayWrite(META_TOKEN_USAGE)) {
    meta.push({
      traceId: id,
      key: META_TOKEN_USAGE,
      value: JSON.stringify({ input_tokens: inTok ?? 0, output_tokens: outTok ?? 0, total_tokens: totalTok }),
    });
  }
  // Session and user are trace-wide; take them from this request's spans, the root's first.
  const ordered = [...batch].sort((a, b) => (a.parentSpanId === null ? -1 : b.parentSpanId === null ? 1 : 0));
  const session = ordered.find((x) => x.sessionId)?.sessionId;
  const user = ordered.find((x) => x.userId)?.userId;
  if (session && mayWrite(META_SESSION)) meta.push({ traceId: id, key: META_SESSION, value: session });
  if (user && mayWrite(META_USER)) meta.push({ traceId: id, key: META_USER, value: user });
  return { data, tags, meta };
}
