/**
 * Our DTOs <-> MLflow's JSON wire shapes (docs/mlflow-compatibility.md §4): snake_case fields,
 * enum names as strings, Timestamps as RFC 3339 strings, Durations as "<seconds>s", 64-bit ints
 * as JSON numbers. Pure functions, no database.
 */
import type { AssessmentDto, JsonValue, TCreateAssessmentInput } from "@/lib/assessments/schemas";
import { ValidationError } from "@/lib/errors";
import type { ExperimentDto } from "@/lib/experiments/service";
import type { SpanDto, TraceInfoDto } from "@/lib/traces/schemas";
import { renderOtelProtoJsonSpans } from "@/lib/ingestion/traces-json";
import { spanDtoToRenderable } from "@/lib/traces/renderable-span";
import { parseJsonWithLimits } from "@/lib/security/json-depth";

export const isoTime = (ms: number) => new Date(ms).toISOString();

/** "0.115s" from milliseconds (MLflow's google.protobuf.Duration JSON). */
export function durationString(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, "") || "0"}s`;
}

/** RFC 3339 timestamp (or epoch ms as number/string) -> ms; throws ValidationError naming the field. */
export function parseTimestamp(value: unknown, field: string): number | null {
  if (value == null || value === "") return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  const ms = typeof value === "string" ? Date.parse(value) : NaN;
  if (Number.isNaN(ms))
    throw new ValidationError(`${field} must be an RFC 3339 timestamp, got ${JSON.stringify(value)}`);
  return ms;
}

/** "1.234s" -> 1234 ms; also accepts {seconds, nanos} and plain numbers of ms. */
export function parseDuration(value: unknown, field: string): number | null {
  if (value == null || value === "") return null;
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const m = /^(-?\d+(?:\.\d+)?)s$/.exec(value.trim());
    if (m) return Math.round(Number(m[1]) * 1000);
  }
  if (value && typeof value === "object") {
    const o = value as { seconds?: unknown; nanos?: unknown };
    return Number(o.seconds ?? 0) * 1000 + Math.round(Number(o.nanos ?? 0) / 1e6);
  }
  throw new ValidationError(`${field} must be a duration like "1.5s", got ${JSON.stringify(value)}`);
}

// ------------------------------------------------------------------ experiments

export function experimentToWire(e: ExperimentDto) {
  return {
    experiment_id: e.id,
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.updatedAt,
    creation_time: e.createdAt,
    tags: e.tags,
  };
}

// ------------------------------------------------------------------ assessments

export function assessmentToWire(a: AssessmentDto) {
  const out: Record<string, unknown> = {
    assessment_id: a.assessmentId,
    assessment_name: a.name,
    trace_id: a.traceId,
    source: { source_type: a.source.sourceType, source_id: a.source.sourceId },
    create_time: isoTime(a.createTimeMs),
    last_update_time: isoTime(a.lastUpdateTimeMs),
  };
  if (a.spanId) out.span_id = a.spanId;
  if (a.kind === "FEEDBACK") {
    const feedback: Record<string, unknown> = { value: a.value };
    if (a.error) {
      feedback.error = {
        error_code: a.error.errorCode,
        ...(a.error.errorMessage ? { error_message: a.error.errorMessage } : {}),
        ...(a.error.stackTrace ? { stack_trace: a.error.stackTrace } : {}),
      };
    }
    out.feedback = feedback;
  } else {
    const v = a.value;
    // MLflow: primitives go in `value`, anything else JSON-serialised in `serialized_value`.
    out.expectation =
      v !== null && typeof v === "object"
        ? { serialized_value: { serialization_format: "JSON_FORMAT", value: JSON.stringify(v) } }
        : { value: v };
  }
  if (a.rationale != null) out.rationale = a.rationale;
  if (Object.keys(a.metadata).length) out.metadata = a.metadata;
  if (a.overrides) out.overrides = a.overrides;
  out.valid = a.valid;
  return out;
}

type WireObj = Record<string, unknown>;
const obj = (v: unknown): WireObj | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as WireObj) : undefined;

function expectationValue(e: WireObj): JsonValue | undefined {
  const sv = obj(e.serialized_value);
  if (sv) {
    return parseJsonWithLimits(
      String(sv.value ?? "null"),
      "assessment.expectation.serialized_value.value",
    ) as JsonValue;
  }
  return e.value as JsonValue | undefined;
}

function sourceFromWire(v: unknown): TCreateAssessmentInput["source"] {
  const s = obj(v);
  if (!s) return undefined;
  const type = String(s.source_type ?? "SOURCE_TYPE_UNSPECIFIED");
  return {
    sourceType: (type === "AI_JUDGE" ? "LLM_JUDGE" : type) as "HUMAN",
    sourceId: s.source_id == null ? "default" : String(s.source_id),
  };
}

/** An MLflow `assessment` object -> our create input (validation happens in the service). */
export function assessmentFromWire(a: WireObj): TCreateAssessmentInput {
  const feedback = obj(a.feedback);
  const expectation = obj(a.expectation);
  if (feedback && expectation)
    throw new ValidationError("assessment must have either feedback or expectation, not both");
  if (!feedback && !expectation) throw new ValidationError("assessment must have a feedback or an expectation value");
  const err = obj(feedback?.error) ?? obj(a.error);
  return {
    name: String(a.assessment_name ?? ""),
    kind: feedback ? "FEEDBACK" : "EXPECTATION",
    value: feedback
      ? ((feedback.value ?? (err ? undefined : null)) as JsonValue | undefined)
      : expectationValue(expectation!),
    error: err
      ? {
          errorCode: String(err.error_code ?? "ERROR"),
          errorMessage: (err.error_message as string) ?? null,
          stackTrace: (err.stack_trace as string) ?? null,
        }
      : undefined,
    rationale: (a.rationale as string | undefined) ?? undefined,
    source: sourceFromWire(a.source),
    spanId: (a.span_id as string | undefined) || undefined,
    metadata: obj(a.metadata) as Record<string, string> | undefined,
    overrides: (a.overrides as string | undefined) || undefined,
  };
}

// ------------------------------------------------------------------ traces

export function traceLocation(experimentId: string) {
  return { type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } };
}

/** TraceInfoV3 JSON. */
export function traceInfoToV3(t: TraceInfoDto) {
  const out: Record<string, unknown> = {
    trace_id: t.traceId,
    trace_location: traceLocation(t.experimentId),
    request_time: isoTime(t.timestampMs),
    state: t.state,
    trace_metadata: t.metadata,
    tags: t.tags,
    assessments: t.assessments.map(assessmentToWire),
  };
  if (t.clientRequestId) out.client_request_id = t.clientRequestId;
  if (t.executionTimeMs != null) out.execution_duration = durationString(t.executionTimeMs);
  if (t.requestPreview != null) out.request_preview = t.requestPreview;
  if (t.responsePreview != null) out.response_preview = t.responsePreview;
  return out;
}

const pairs = (m: Record<string, string>) => Object.entries(m).map(([key, value]) => ({ key, value }));

/** The legacy v2 TraceInfo (fallback clients). */
export function traceInfoToV2(t: TraceInfoDto) {
  return {
    request_id: t.traceId,
    experiment_id: t.experimentId,
    timestamp_ms: t.timestampMs,
    execution_time_ms: t.executionTimeMs ?? 0,
    status: t.state === "STATE_UNSPECIFIED" ? "TRACE_STATUS_UNSPECIFIED" : t.state,
    request_metadata: pairs(t.metadata),
    tags: pairs(t.tags),
  };
}

/** `{trace_info, spans}` as GetTrace/BatchGetTraces answer (spans in OTel proto JSON). */
/** A trace as MLflow's GetTrace returns it ({trace_info, spans}), as JSON text in parts: the info, then the spans a page at a time (streamed responses). */
export async function* traceToWireJsonParts(
  info: TraceInfoDto,
  pages: AsyncIterable<SpanDto[]>,
): AsyncGenerator<string> {
  yield `{"trace_info":${JSON.stringify(traceInfoToV3(info))},"spans":[`;
  let first = true;
  for await (const page of pages) {
    if (!page.length) continue;
    const spans = renderOtelProtoJsonSpans(page.map((s) => spanDtoToRenderable(info.traceId, s)));
    yield (first ? "" : ",") + spans.map((s) => JSON.stringify(s)).join(",");
    first = false;
  }
  yield "]}";
}
