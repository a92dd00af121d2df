import { normalizeConversation } from "@/lib/traces/render/conversation";
import { normalizeDocuments } from "@/lib/traces/render/documents";
import { normalizeToolSpan } from "@/lib/traces/render/tool-calls";
import type { ChatMessage, RetrievedDocument, ToolInvocation } from "@/lib/traces/render/types";
import { isRecord } from "@/lib/traces/render/util";

/** What the span detail pane should show in its "Formatted" mode. */
export type SpanView =
  | { kind: "chat"; messages: ChatMessage[] }
  | { kind: "documents"; query: unknown; documents: RetrievedDocument[] }
  | { kind: "tool"; call: ToolInvocation }
  | { kind: "raw" };

export interface SpanViewInput {
  /** `mlflow.spanType` (LLM, CHAT_MODEL, RETRIEVER, TOOL, …); any case, may be missing. */
  spanType?: string | null;
  name?: string | null;
  inputs: unknown;
  outputs: unknown;
  /** `mlflow.message.format`, a hint for which chat normaliser to try first. */
  messageFormat?: string | null;
}

/** Retrievers are usually called as `retrieve(query)`; show the query string itself when it is one. */
function retrieverQuery(inputs: unknown): unknown {
  if (isRecord(inputs)) {
    for (const key of ["query", "question", "input", "input_str", "text"]) {
      if (typeof inputs[key] === "string") return inputs[key];
    }
  }
  return inputs;
}

/**
 * Picks the formatted view for a span. The span type decides first (RETRIEVER → documents,
 * TOOL → tool call); otherwise any span whose payload reads as a conversation is a chat, since
 * AGENT/CHAIN spans often carry the same messages as their LLM children. Falls back to "raw".
 */
export function pickSpanView(span: SpanViewInput): SpanView {
  const type = (span.spanType ?? "").toUpperCase();
  if (type === "RETRIEVER" || type === "RERANKER") {
    const documents = normalizeDocuments(span.outputs);
    if (documents) return { kind: "documents", query: retrieverQuery(span.inputs), documents };
  }
  if (type === "TOOL") {
    return { kind: "tool", call: normalizeToolSpan(span.inputs, span.outputs, span.name) };
  }
  const messages = normalizeConversation(span.inputs, span.outputs, { format: span.messageFormat });
  if (messages) return { kind: "chat", messages };
  // Untyped retrieval helpers (`@mlflow.trace def search(...)`) still deserve the document list.
  const documents = normalizeDocuments(span.outputs);
  if (documents) return { kind: "documents", query: retrieverQuery(span.inputs), documents };
  return { kind: "raw" };
}
