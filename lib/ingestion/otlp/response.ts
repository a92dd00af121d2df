/** The success answer of POST /v1/traces, in the encoding the client sent. */
import { ExportTraceServiceResponse } from "./proto";

/** Protobuf bytes of an empty ExportTraceServiceResponse (zero bytes on the wire, but encoded properly). */
export function encodeExportTraceServiceResponse(): Uint8Array {
  return ExportTraceServiceResponse.encode(ExportTraceServiceResponse.create({})).finish();
}

/** OTLP JSON of an empty ExportTraceServiceResponse. */
export function exportTraceServiceResponseJson(): Record<string, never> {
  return {};
}
