export {
  parseTracesJson,
  normalizeTracesJsonDocument,
  decodeTracesJsonDocument,
  decodeTracesJsonSpan,
  TracesJsonError,
  type TracesJsonOptions,
} from "./parse";
export {
  renderTracesJsonV3,
  renderOtelProtoJsonSpan,
  renderOtelProtoJsonSpans,
  exportAttributes,
  type ProtoJsonSpan,
  type ProtoJsonKeyValue,
} from "./render";
