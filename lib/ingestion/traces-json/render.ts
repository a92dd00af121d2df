/**
 * Stored spans back out in MLflow's two span JSON shapes:
 * - traces.json v3 (artifact download), as the Python client writes it: base64 ids, root
 *   `parent_span_id` null, attribute values JSON-encoded strings, times bare integers;
 * - OTel proto JSON (GetTrace / BatchGetTraces `spans`), as MLflow's server answered in the
 *   captured sessions: snake_case, base64 ids, typed attribute values, int64 as decimal strings,
 *   no parent for the root, empty lists omitted.
 * Spans ingested under another convention get MLflow's keys (type, inputs, outputs, token
 * usage) filled from the normalized fields, as MLflow 3.11's translation does, so MLflow clients
 * and UIs see them.
 */
import type { RenderableSpan } from "@/lib/ingestion/types";
import { toJsonText } from "@/lib/ingestion/mapping/json-values";
import { jsonToProtoJsonAnyValue, type ProtoJsonAnyValue } from "@/lib/ingestion/otlp/any-value";
import { hexFromMlflowTraceId, hexToBase64 } from "@/lib/ids";

const STATUS = { OK: "STATUS_CODE_OK", ERROR: "STATUS_CODE_ERROR", UNSET: "STATUS_CODE_UNSET" } as const;

/** The span's attributes plus, for spans from other conventions, MLflow's keys derived from its normalized fields. */
export function exportAttributes(span: RenderableSpan): Record<string, unknown> {
  const out: Record<string, unknown> = { ...span.attributes };
  const fill = (key: string, value: unknown) => {
    if (out[key] === undefined && value !== undefined) out[key] = value;
  };
  fill("mlflow.traceRequestId", span.traceId);
  // Spans from MLflow clients already carry their own keys; derived values (e.g. tokens read from
  // a raw provider response) are ours, not theirs, so we leave those spans as the client sent them.
  if (span.attributes["mlflow.spanType"] !== undefined) return out;
  fill("mlflow.spanType", span.spanType);
  fill("mlflow.spanInputs", span.inputs);
  fill("mlflow.spanOutputs", span.outputs);
  if (span.inputTokens != null || span.outputTokens != null) {
    const input = span.inputTokens ?? 0;
    const output = span.outputTokens ?? 0;
    fill("mlflow.chat.tokenUsage", { input_tokens: input, output_tokens: output, total_tokens: input + output });
  }
  return out;
}

function traceIdBase64(span: RenderableSpan): string {
  return hexToBase64(hexFromMlflowTraceId(span.traceId));
}

/**
 * traces.json v3 text. Built by hand around JSON.stringify because the nanosecond times must be
 * bare 64-bit integers, which JSON.stringify cannot write.
 */
export function renderTracesJsonV3(spans: RenderableSpan[]): string {
  return `{"spans": [${spans.map(renderTracesJsonSpan).join(", ")}]}`;
}

function renderTracesJsonSpan(span: RenderableSpan): string {
  const attributes = Object.fromEntries(Object.entries(exportAttributes(span)).map(([k, v]) => [k, toJsonText(v)]));
  const events = span.events.map(
    (e) =>
      `{"name": ${JSON.stringify(e.name)}, "time_unix_nano": ${BigInt(e.timeUnixNano).toString()}, "attributes": ${toJsonText(e.attributes)}}`,
  );
  const fields = [
    `"trace_id": ${JSON.stringify(traceIdBase64(span))}`,
    `"span_id": ${JSON.stringify(hexToBase64(span.spanId))}`,
    `"parent_span_id": ${span.parentSpanId ? JSON.stringify(hexToBase64(span.parentSpanId)) : "null"}`,
    `"name": ${JSON.stringify(span.name)}`,
    `"start_time_unix_nano": ${span.startTimeNs.toString()}`,
    `"end_time_unix_nano": ${span.endTimeNs === null ? "null" : span.endTimeNs.toString()}`,
    `"events": [${events.join(", ")}]`,
    `"status": ${JSON.stringify({ code: STATUS[span.statusCode], message: span.statusMessage ?? "" })}`,
    `"attributes": ${JSON.stringify(attributes)}`,
  ];
  return `{${fields.join(", ")}}`;
}

export interface ProtoJsonKeyValue {
  key: string;
  value: ProtoJsonAnyValue;
}

export interface ProtoJsonSpan {
  trace_id: string;
  span_id: string;
  parent_span_id?: string;
  name: string;
  start_time_unix_nano: string;
  end_time_unix_nano?: string;
  attributes: ProtoJsonKeyValue[];
  events?: { time_unix_nano: string; name: string; attributes?: ProtoJsonKeyValue[] }[];
  status: { code: string; message?: string };
}

function keyValues(record: Record<string, unknown>): ProtoJsonKeyValue[] {
  return Object.entries(record).map(([key, value]) => ({ key, value: jsonToProtoJsonAnyValue(value) }));
}

/** One span as OTel proto JSON (snake_case), the shape of GetTrace's `trace.spans[]`. */
export function renderOtelProtoJsonSpan(span: RenderableSpan): ProtoJsonSpan {
  const out: ProtoJsonSpan = {
    trace_id: traceIdBase64(span),
    span_id: hexToBase64(span.spanId),
    name: span.name,
    start_time_unix_nano: span.startTimeNs.toString(),
    attributes: keyValues(exportAttributes(span)),
    status: { code: STATUS[span.statusCode] },
  };
  if (span.parentSpanId) out.parent_span_id = hexToBase64(span.parentSpanId);
  if (span.endTimeNs !== null) out.end_time_unix_nano = span.endTimeNs.toString();
  if (span.statusMessage) out.status.message = span.statusMessage;
  if (span.events.length) {
    out.events = span.events.map((e) => {
      const ev: NonNullable<ProtoJsonSpan["events"]>[number] = { time_unix_nano: e.timeUnixNano, name: e.name };
      if (Object.keys(e.attributes).length) ev.attributes = keyValues(e.attributes);
      return ev;
    });
  }
  return out;
}

export function renderOtelProtoJsonSpans(spans: RenderableSpan[]): ProtoJsonSpan[] {
  return spans.map(renderOtelProtoJsonSpan);
}
