/**
 * OTLP/HTTP export body -> stored span shape: decodes protobuf or JSON (see otlp/decode.ts) and
 * maps every span with the attribute conventions (mapping/). This is the one path POST /v1/traces
 * takes (ingest-otlp.ts), and the one the decoder's tests run. Pure; throws OtlpDecodeError
 * (a 400) naming the span that could not be converted.
 */
import { AppError } from "@/lib/errors";
import { normalizeSpan } from "@/lib/ingestion/mapping";
import { OtlpDecodeError, decodeOtlpTraceRequest, type OtlpTraceRequestInput } from "@/lib/ingestion/otlp";
import type { NormalizedSpan } from "@/lib/ingestion/types";

export function decodeOtlpSpans(input: OtlpTraceRequestInput): NormalizedSpan[] {
  return decodeOtlpTraceRequest(input).map((span, i) => {
    try {
      return normalizeSpan(span);
    } catch (err) {
      if (err instanceof AppError) throw new OtlpDecodeError(`span ${i} (${span.spanId}): ${err.message}`);
      throw new OtlpDecodeError(
        `span ${i} (${span.spanId}) cannot be converted: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  });
}
