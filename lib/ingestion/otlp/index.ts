export { OtlpDecodeError } from "./errors";
export { decodeOtlpTraceRequest, decodeOtlpTraceBytes, type OtlpTraceRequestInput } from "./decode";
export { decompressBody, otlpFormatFromContentType, DEFAULT_MAX_DECOMPRESSED_BYTES, type OtlpBodyFormat } from "./body";
export { encodeExportTraceServiceResponse, exportTraceServiceResponseJson } from "./response";
export { anyValueToJson, keyValuesToRecord, jsonToProtoJsonAnyValue, type ProtoJsonAnyValue } from "./any-value";
