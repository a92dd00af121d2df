/**
 * What the span writer stores, computed without I/O: a span's row, and a trace's span-derived
 * columns, tags and metadata (a "plan") from its rollup, root span and what is known about it.
 * Pure, so the same rules hold whichever connection writes (batch.ts owns the SQL).
 *
 * Precedence (see writer.ts): figures are recomputed from the stored spans, never accumulated;
 * once the client has finalised the trace info (StartTraceV3, metadata `mlflow.trace.infoFinalized`)
 * its values win and span ingestion only fills what is still missing.
 */
import { parseJsonOrRaw, previewOf, toJsonText } from "@/lib/ingestion/mapping";
import type { NormalizedSpan } from "@/lib/ingestion/types";

export const META_FINALIZED = "mlflow.trace.infoFinalized";
export const META_SESSION = "mlflow.trace.session";
export const META_USER = "mlflow.trace.user";
export const META_TOKEN_USAGE = "mlflow.trace.tokenUsage";
export const META_SCHEMA_VERSION = "mlflow.trace_schema.version";
export const TAG_SPANS_LOCATION = "mlflow.trace.spansLocation";
export const TAG_TRACE_NAME = "mlflow.traceName";
export const TAG_ARTIFACT_LOCATION = "mlflow.artifactLocation";

export interface KeyValueRow {
  traceId: string;
  key: string;
  value: string;
}

export function spanRow(s: NormalizedSpan) {
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
export type SpanRow = ReturnType<typeof spanRow>;

/** What a trace's span-derived figures are computed from: the stored spans, or a new trace's batch. */
export interface Rollup {
  count: number;
  inputTokens: number | null;
  outputTokens: number | null;
  minStartNs: bigint | null;
}
export interface RootFacts {
  name: string;
  startTimeNs: bigint;
  endTimeNs: bigint | null;
  statusCode: string;
  inputs: string | null;
  outputs: string | null;
}
export interface StoredTrace {
  requestPreview: string | null;
  responsePreview: string | null;
  name: string | null;
}

/** The trace columns a plan may set; the first four always are. */
export interface TraceData {
  spanCount: number;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  state?: string;
  timestampMs?: bigint;
  executionTimeMs?: bigint | null;
  name?: string | null;
  requestPreview?: string | null;
  responsePreview?: string | null;
}
export const OPTIONAL_TRACE_COLUMNS = [
  "state",
  "timestampMs",
  "executionTimeMs",
  "name",
  "requestPreview",
  "responsePreview",
] as const;

export interface TracePlan {
  id: string;
  data: TraceData;
  tags: KeyValueRow[];
  meta: KeyValueRow[];
}

const nsToMs = (ns: bigint) => ns / 1_000_000n;

/** The plan of a trace created by this batch: figures from its spans, nothing finalised or stored yet. */
export function planFresh(id: string, rows: SpanRow[], requests: NormalizedSpan[][]): TracePlan {
  const sum = (pick: (r: SpanRow) => number | null) =>
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
  return planTrace(id, rollup, root, new Map(), undefined, true, requests);
}

/**
 * A trace's span-derived columns, tags and metadata; client-finalised values win, span-derived
 * ones only fill gaps. `requests` are the spans of this trace per request, in arrival order
 * (a group commit writes several requests at once): session and user come from the last request
 * naming them, as if the requests had been written one after the other.
 */
export function planTrace(
  id: string,
  r: Rollup,
  root: RootFacts | undefined,
  known: Map<string, string>,
  stored: StoredTrace | undefined,
  fresh: boolean,
  requests: NormalizedSpan[][],
): TracePlan {
  const tags: KeyValueRow[] = [];
  const meta: KeyValueRow[] = [];
  const finalized = known.get(META_FINALIZED) === "true";
  const mayWrite = (key: string) => !finalized || !known.has(key);
  const inTok = r.inputTokens;
  const outTok = r.outputTokens;
  const totalTok = inTok === null && outTok === null ? null : (inTok ?? 0) + (outTok ?? 0);
  const data: TraceData = { spanCount: r.count, inputTokens: inTok, outputTokens: outTok, totalTokens: totalTok };
  if (root) {
    const requestPreview = root.inputs === null ? null : previewOf(parseJsonOrRaw(root.inputs));
    const responsePreview = root.outputs === null ? null : previewOf(parseJsonOrRaw(root.outputs));
    if (!finalized) {
      data.state = root.endTimeNs === null ? "IN_PROGRESS" : root.statusCode === "ERROR" ? "ERROR" : "OK";
      data.timestampMs = nsToMs(root.startTimeNs);
      data.executionTimeMs = root.endTimeNs === null ? null : nsToMs(root.endTimeNs - root.startTimeNs);
      data.name = root.name;
      data.requestPreview = requestPreview;
      data.responsePreview = responsePreview;
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
  // Session and user are trace-wide; take them from a request's spans, the root's first.
  let session: string | undefined;
  let user: string | undefined;
  for (const batch of requests) {
    const ordered = [...batch].sort((a, b) => (a.parentSpanId === null ? -1 : b.parentSpanId === null ? 1 : 0));
    session = ordered.find((x) => x.sessionId)?.sessionId ?? session;
    user = ordered.find((x) => x.userId)?.userId ?? user;
  }
  if (session && mayWrite(META_SESSION)) meta.push({ traceId: id, key: META_SESSION, value: session });
  if (user && mayWrite(META_USER)) meta.push({ traceId: id, key: META_USER, value: user });
  return { id, data, tags, meta };
}
