/**
 * Trace contracts (client-safe): the DTOs every trace service returns, and the zod bodies of
 * the app's own trace JSON API (the MLflow-compatible REST maps its shapes onto the services).
 */
import { z } from "zod";
import type { AssessmentDto } from "@/lib/assessments/schemas";
import type { SpanTreeWire } from "./tree-wire";

export const TRACE_STATES = ["OK", "ERROR", "IN_PROGRESS", "STATE_UNSPECIFIED"] as const;

export interface TraceInfoDto {
  traceId: string;
  experimentId: string;
  clientRequestId: string | null;
  timestampMs: number;
  executionTimeMs: number | null;
  state: string;
  requestPreview: string | null;
  responsePreview: string | null;
  name: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  spanCount: number;
  /** The conversation (metadata mlflow.trace.session) the trace is a turn of. */
  sessionId: string | null;
  /** Estimated USD from token usage and the price table (lib/costs); null when nothing is priced. */
  costUsd: number | null;
  tags: Record<string, string>;
  metadata: Record<string, string>;
  /** All assessments on the trace, overridden (valid=false) ones included, as MLflow embeds them. */
  assessments: AssessmentDto[];
}

export interface SpanDto {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  spanType: string;
  /** Nanoseconds since the epoch as decimal strings (they exceed 2^53). */
  startTimeNs: string;
  endTimeNs: string | null;
  statusCode: string;
  statusMessage: string | null;
  inputs: unknown;
  outputs: unknown;
  attributes: Record<string, unknown>;
  events: { name: string; timeUnixNano?: string; attributes?: Record<string, unknown> }[];
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Estimated USD of this span's own token usage (LLM spans with a priced model), else null. */
  costUsd: number | null;
}

export interface TraceWithSpansDto {
  info: TraceInfoDto;
  spans: SpanDto[];
}

/** A page of a trace's spans with their content (GET /api/traces/<id>); `nextPageToken` while there are more. */
export interface TraceSpansPageDto extends TraceWithSpansDto {
  nextPageToken?: string;
}

/** What the trace view loads first (GET /api/traces/<id>/tree): the info and the compact span tree (tree-wire.ts). */
export interface TraceTreeDto {
  info: TraceInfoDto;
  tree: SpanTreeWire;
  /** The root span with its content, when it is small (up to 256 KiB of JSON); else load it by id. */
  root?: SpanDto;
}

export interface SearchTracesResult {
  traces: TraceInfoDto[];
  /** Keyset tokens: the page after this one while there is one; the one before, but on the first page. */
  nextPageToken?: string;
  prevPageToken?: string;
}

export interface CountTracesResult {
  /** Exact when `capped` is false; otherwise the bound (there are more). */
  count: number;
  capped: boolean;
}

/** MLflow: default 100, at most 500 per page. */
export const ZMaxResults = z.coerce.number().int().min(1).max(500).default(100);

/** Body of the app's `POST /api/traces/search` (the traces table). */
export const ZSearchTracesBody = z.object({
  experimentIds: z.array(z.string().min(1)).min(1).max(100),
  filter: z.string().max(10_000).nullish(),
  orderBy: z.array(z.string().max(200)).max(10).nullish(),
  pageToken: z.string().max(1000).nullish(),
  maxResults: ZMaxResults,
});
export type TSearchTracesBody = z.infer<typeof ZSearchTracesBody>;

/** Body of `POST /api/traces/count` (the table's "1–50 of 1,234"). */
export const ZCountTracesBody = ZSearchTracesBody.pick({ experimentIds: true, filter: true });
export type TCountTracesBody = z.infer<typeof ZCountTracesBody>;

/** Delete by ids, or the oldest traces up to a timestamp (MLflow's two forms). */
export const ZDeleteTracesBody = z.union([
  z.object({ traceIds: z.array(z.string().min(1)).min(1).max(1000) }),
  z.object({
    maxTimestampMs: z.coerce.number().int().nonnegative(),
    maxTraces: z.coerce.number().int().min(1).max(100_000),
  }),
]);
export type TDeleteTracesBody = z.infer<typeof ZDeleteTracesBody>;

export const ZSetTraceTagBody = z.object({ key: z.string().min(1).max(250), value: z.string().max(8000) });
export type TSetTraceTagBody = z.infer<typeof ZSetTraceTagBody>;

/** `GET /api/traces/filter-suggestions`: keys, or values of a key, seen in an experiment's recent traces. */
export const ZFilterSuggestionsQuery = z.object({
  experimentId: z.string().min(1).max(100),
  field: z.enum(["tag", "metadata", "feedback", "expectation", "span.name", "span.type", "span.model"]),
  /** For tag/metadata/feedback/expectation: list this key's values instead of the keys. */
  key: z.string().max(250).optional(),
  prefix: z.string().max(250).default(""),
  page: z.coerce.number().int().min(1).max(100).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TFilterSuggestionsQuery = z.infer<typeof ZFilterSuggestionsQuery>;

export interface FilterSuggestionsResult {
  items: string[];
  hasMore: boolean;
}
