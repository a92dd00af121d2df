/**
 * A stored span (SpanDto) in the shape the ingestion renderers take, for the MLflow GetTrace
 * answers and the traces.json artifact. Pure and client-safe.
 */
import type { RenderableSpan } from "@/lib/ingestion/types";
import type { SpanDto } from "./schemas";

/** A stored span (SpanDto) in the shape the ingestion renderers take. */
export function spanDtoToRenderable(traceId: string, s: SpanDto): RenderableSpan {
  return {
    traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    startTimeNs: BigInt(s.startTimeNs),
    endTimeNs: s.endTimeNs == null ? null : BigInt(s.endTimeNs),
    statusCode: (s.statusCode as RenderableSpan["statusCode"]) ?? "UNSET",
    statusMessage: s.statusMessage,
    attributes: s.attributes,
    events: s.events.map((e) => ({
      name: e.name,
      timeUnixNano: e.timeUnixNano ?? "0",
      attributes: e.attributes ?? {},
    })),
    spanType: s.spanType,
    inputs: s.inputs ?? undefined,
    outputs: s.outputs ?? undefined,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
  };
}
