/**
 * DecodedSpan -> NormalizedSpan: picks the trace id and merges what each attribute convention
 * says. MLflow's own attributes win (its clients are the primary senders and they are the most
 * specific), then OpenInference, then OTel GenAI; each field is taken from the first convention
 * that has it, so a span mixing conventions (e.g. MLflow autolog over an OpenInference
 * instrumentor) loses nothing.
 */
import { ValidationError } from "@/lib/errors";
import type { DecodedSpan, NormalizedSpan } from "@/lib/ingestion/types";
import { canonicalTraceId, mlflowTraceIdFromHex } from "@/lib/ids";
import { str, type MappedFields } from "./attr-utils";
import { mapGenAiAttributes } from "./genai";
import { mapMlflowAttributes } from "./mlflow";
import { mapOpenInferenceAttributes } from "./openinference";

export interface NormalizeOptions {
  /**
   * The MLflow trace id to use ("tr-<32 hex>"), e.g. from the traces.json upload path. Without it
   * the id is "tr-" + hex of the span's OTel trace id, as MLflow's OTLP endpoint does.
   */
  traceId?: string;
}

/** Merges convention mappings, earlier ones winning field by field. */
export function mergeMappedFields(...layers: MappedFields[]): MappedFields {
  const out: MappedFields = {};
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer) as [keyof MappedFields, unknown][]) {
      if (out[k] === undefined && v !== undefined) (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/** Maps every known convention of a span's attributes. */
export function mapSpanAttributes(span: Pick<DecodedSpan, "attributes" | "events">): MappedFields {
  return mergeMappedFields(
    mapMlflowAttributes(span.attributes),
    mapOpenInferenceAttributes(span.attributes),
    mapGenAiAttributes(span.attributes, span.events),
  );
}

/** Resolves the MLflow trace id of a span; throws a ValidationError (400) when there is none. */
export function resolveTraceId(span: DecodedSpan, explicit?: string): string {
  if (explicit !== undefined) {
    const id = canonicalTraceId(explicit);
    if (!id)
      throw new ValidationError(`trace id '${explicit}' is not an MLflow trace id (tr- followed by 32 hex chars)`);
    return id;
  }
  if (span.otelTraceIdHex) return mlflowTraceIdFromHex(span.otelTraceIdHex);
  const fromAttr = str(span.attributes["mlflow.traceRequestId"]);
  const id = fromAttr ? canonicalTraceId(fromAttr) : null;
  if (!id) throw new ValidationError(`span ${span.spanId} has no usable trace id`);
  return id;
}

export function normalizeSpan(span: DecodedSpan, options: NormalizeOptions = {}): NormalizedSpan {
  const mapped = mapSpanAttributes(span);
  return {
    traceId: resolveTraceId(span, options.traceId),
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    spanType: mapped.spanType ?? "UNKNOWN",
    startTimeNs: span.startTimeNs,
    endTimeNs: span.endTimeNs,
    statusCode: span.statusCode,
    statusMessage: span.statusMessage,
    inputs: mapped.inputs,
    outputs: mapped.outputs,
    attributes: span.attributes,
    events: span.events,
    model: mapped.model ?? null,
    inputTokens: mapped.inputTokens ?? null,
    outputTokens: mapped.outputTokens ?? null,
    sessionId: mapped.sessionId ?? null,
    userId: mapped.userId ?? null,
    experimentIdHint: str(span.attributes["mlflow.experimentId"]) ?? null,
  };
}
