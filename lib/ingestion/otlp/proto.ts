/**
 * The OTLP protobuf types, from the OpenTelemetry project's own .proto files as compiled by
 * protobufjs (static code shipped in @opentelemetry/otlp-transformer 0.215, installed under the
 * alias `otlp-transformer-protobufjs`; later releases dropped protobufjs for hand-written
 * encoders without decoders). We only type the few members we call.
 */
import otlpRoot from "otlp-transformer-protobufjs/build/src/generated/root.js";

export interface ProtoMessageType<T = unknown> {
  decode(reader: Uint8Array): T;
  encode(message: T): { finish(): Uint8Array };
  fromObject(object: Record<string, unknown>): T;
  toObject(message: T, options?: Record<string, unknown>): Record<string, unknown>;
  create(properties?: Record<string, unknown>): T;
}

interface OtlpRoot {
  opentelemetry: {
    proto: {
      collector: {
        trace: {
          v1: {
            ExportTraceServiceRequest: ProtoMessageType;
            ExportTraceServiceResponse: ProtoMessageType;
          };
        };
      };
    };
  };
}

const traceService = (otlpRoot as unknown as OtlpRoot).opentelemetry.proto.collector.trace.v1;

export const ExportTraceServiceRequest = traceService.ExportTraceServiceRequest;
export const ExportTraceServiceResponse = traceService.ExportTraceServiceResponse;

/**
 * toObject options that turn a decoded message into plain JSON-safe data: 64-bit integers as
 * decimal strings (nanosecond times exceed 2^53), bytes as base64, enums as numbers.
 */
export const PLAIN_OBJECT_OPTIONS = {
  longs: String,
  bytes: String,
  enums: Number,
  defaults: false,
  arrays: true,
} as const;
