import type { NormalizedSpan } from "@/lib/ingestion/types";
import { normalizeSpan } from "@/lib/ingestion/mapping/normalize-span";
import { decodeOtlpTraceRequest, type OtlpTraceRequestInput } from "./decode";

/**
 * Decodes an OTLP/HTTP trace export and maps every span: what POST /v1/traces needs. Trace ids
 * are "tr-" + hex of the OTel trace id, as in MLflow. Throws OtlpDecodeError.
 */
export function normalizeOtlpTraceRequest(input: OtlpTraceRequestInput): NormalizedSpan[] {
  return decodeOtlpTraceRequest(input).map((span) => normalizeSpan(span));
}
