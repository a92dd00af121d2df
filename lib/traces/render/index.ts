// Public surface of the trace renderers: pure functions from decoded span payloads to display shapes.
export type {
  ChatMessage,
  ChatRole,
  RetrievedDocument,
  ToolCall,
  ToolInvocation,
  TraceSummary,
} from "@/lib/traces/render/types";
export {
  CHAT_NORMALIZERS,
  normalizeConversation,
  type NormalizeConversationOptions,
} from "@/lib/traces/render/conversation";
export { normalizeDocuments, parseDocument } from "@/lib/traces/render/documents";
export { extractToolCalls, normalizeToolSpan } from "@/lib/traces/render/tool-calls";
export { extractTraceSummary } from "@/lib/traces/render/summary";
export { pickSpanView, type SpanView, type SpanViewInput } from "@/lib/traces/render/span-view";
export { safeUrl } from "@/lib/traces/render/safe-url";
export { toPrettyJson } from "@/lib/traces/render/pretty-json";
