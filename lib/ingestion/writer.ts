import "server-only";
/**
 * The one place spans and trace info are written: OTLP (`POST /v1/traces`), traces.json uploads,
 * StartTraceV3 and the evaluation runner all end here.
 *
 * Spans of one trace may arrive in many requests, in any order, interleaved with the client's
 * StartTraceV3 (a race in MLflow's Python client, docs/mlflow-compatibility.md §6). Two rules (store/plan.ts) make every order
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
import type { Db } from "@/lib/db/client";
import { requireActiveExperimentId } from "@/lib/experiments/service";
import type { NormalizedSpan } from "@/lib/ingestion/types";
import { storeSpans, storeSpansInTransaction } from "./store";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export {
  META_FINALIZED,
  META_SESSION,
  META_USER,
  META_TOKEN_USAGE,
  META_SCHEMA_VERSION,
  TAG_SPANS_LOCATION,
  TAG_TRACE_NAME,
  TAG_ARTIFACT_LOCATION,
} from "./store/plan";

export interface IngestOptions {
  /** A transaction to write in (the caller's); by default the spans go through the group commit. */
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
  return requireActiveExperimentId(experimentId);
}

/**
 * Stores spans (from any decoder) in `experimentId`: creates unseen traces (IN_PROGRESS until
 * their root span arrives), upserts spans, recomputes each trace's figures from its stored
 * spans and tags it `mlflow.trace.spansLocation=TRACKING_STORE`. Through the group commit
 * (store/): resolves once the spans are committed, sharing the transaction with whatever other
 * requests arrived meanwhile; a statement count per batch that does not grow with its traces.
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
  const request = { experimentId: expId, spans };
  if (opts.tx) await storeSpansInTransaction(opts.tx, request);
  else await storeSpans(request);
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
