export {
  normalizeSpan,
  mapSpanAttributes,
  mergeMappedFields,
  resolveTraceId,
  type NormalizeOptions,
} from "./normalize-span";
export { mapMlflowAttributes } from "./mlflow";
export { mapOpenInferenceAttributes } from "./openinference";
export { mapGenAiAttributes } from "./genai";
export { computeTraceRollups, findRootSpan, previewOf, PREVIEW_MAX_CHARS, type TraceRollups } from "./rollups";
export { decodeAttributeStrings, parseJsonLossless, parseJsonOrRaw, toJsonText } from "./json-values";
export type { MappedFields } from "./attr-utils";
export type { ChatMessage, ChatChoice, MlflowDocument } from "./chat";
