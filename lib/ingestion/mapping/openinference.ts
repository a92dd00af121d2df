/**
 * OpenInference semantic conventions (Arize; used by Phoenix, LlamaIndex, many instrumentors):
 * `openinference.span.kind`, `input.value`/`output.value` with `*.mime_type`, flattened
 * `llm.input_messages.{i}.message.*`, `retrieval.documents.{i}.document.*`, token counts.
 */
import { compact, firstOf, indexedGroups, isRecord, jsonish, num, str, type MappedFields } from "./attr-utils";
import { chatInputs, chatOutputs, mlflowDocument, toolArguments, type ChatMessage, type ChatToolCall } from "./chat";
import { parseJsonOrRaw } from "./json-values";

/** OpenInference kinds and MLflow span types share names; anything else is left to others. */
const KINDS = new Set([
  "LLM",
  "CHAIN",
  "RETRIEVER",
  "TOOL",
  "AGENT",
  "EMBEDDING",
  "RERANKER",
  "GUARDRAIL",
  "EVALUATOR",
  "UNKNOWN",
]);

const MODEL_KEYS = ["llm.response.model_name", "llm.model_name", "llm.request.model_name", "embedding.model_name"];

export function mapOpenInferenceAttributes(attrs: Record<string, unknown>): MappedFields {
  const kind = str(attrs["openinference.span.kind"])?.toUpperCase();
  const spanType = kind && KINDS.has(kind) ? kind : undefined;

  let inputs = valueWithMime(attrs, "input");
  const inputMessages = openInferenceMessages(attrs, "llm.input_messages");
  if (inputs === undefined && inputMessages.length) inputs = chatInputs(inputMessages);
  if (inputs === undefined && attrs["tool.parameters"] !== undefined) inputs = jsonish(attrs["tool.parameters"]);

  let outputs: unknown;
  const documents = openInferenceDocuments(attrs, "retrieval.documents");
  const reranked = openInferenceDocuments(attrs, "reranker.output_documents");
  // Retrieved documents are what MLflow's retriever view needs, so they beat the raw output.value.
  if (documents.length) outputs = documents;
  else if (reranked.length) outputs = reranked;
  else outputs = valueWithMime(attrs, "output");
  if (outputs === undefined) {
    const outputMessages = openInferenceMessages(attrs, "llm.output_messages");
    if (outputMessages.length) outputs = chatOutputs(outputMessages);
  }

  return compact({
    spanType,
    inputs,
    outputs,
    model: str(firstOf(attrs, MODEL_KEYS)),
    inputTokens: num(attrs["llm.token_count.prompt"]),
    outputTokens: num(attrs["llm.token_count.completion"]),
    sessionId: str(attrs["session.id"]),
    userId: str(attrs["user.id"]),
  });
}

/** `input.value` decoded per `input.mime_type`: JSON is parsed, text kept, unknown sniffed. */
function valueWithMime(attrs: Record<string, unknown>, prefix: "input" | "output"): unknown {
  const value = attrs[`${prefix}.value`];
  if (value === undefined || value === null) return undefined;
  const mime = str(attrs[`${prefix}.mime_type`])?.toLowerCase();
  if (typeof value !== "string") return value;
  if (mime === "application/json") return parseJsonOrRaw(value);
  if (mime === "text/plain") return value;
  return jsonish(value);
}

/** Flattened `{prefix}.{i}.message.*` attributes as chat messages. */
export function openInferenceMessages(attrs: Record<string, unknown>, prefix: string): ChatMessage[] {
  return indexedGroups(attrs, prefix).map((g) => {
    const message: ChatMessage = { role: str(g["message.role"]) ?? "user", content: messageContent(g) };
    const name = str(g["message.name"]);
    if (name) message.name = name;
    const toolCallId = str(g["message.tool_call_id"]);
    if (toolCallId) message.tool_call_id = toolCallId;
    const toolCalls = toolCallsOf(g);
    if (toolCalls.length) message.tool_calls = toolCalls;
    return message;
  });
}

/** `message.content`, else `message.contents.{j}.message_content.*` as OpenAI content parts. */
function messageContent(g: Record<string, unknown>): unknown {
  if (g["message.content"] !== undefined) return g["message.content"];
  const parts = indexedGroups(g, "message.contents").map((p) => {
    const type = str(p["message_content.type"]) ?? "text";
    if (type === "image")
      return { type: "image_url", image_url: { url: str(p["message_content.image.image.url"]) ?? "" } };
    return { type: "text", text: str(p["message_content.text"]) ?? "" };
  });
  if (!parts.length) return null;
  // A single text part reads better as a plain string, which is also valid OpenAI content.
  return parts.length === 1 && parts[0].type === "text" ? (parts[0] as { text: string }).text : parts;
}

function toolCallsOf(g: Record<string, unknown>): ChatToolCall[] {
  return indexedGroups(g, "message.tool_calls").map((t) => {
    const call: ChatToolCall = {
      type: "function",
      function: {
        name: str(t["tool_call.function.name"]) ?? "",
        arguments: toolArguments(t["tool_call.function.arguments"]),
      },
    };
    const id = str(t["tool_call.id"]);
    if (id) call.id = id;
    return call;
  });
}

/** Flattened `{prefix}.{i}.document.*` attributes as MLflow Documents. */
export function openInferenceDocuments(attrs: Record<string, unknown>, prefix: string) {
  return indexedGroups(attrs, prefix).map((d) =>
    mlflowDocument({
      content: d["document.content"],
      id: d["document.id"],
      score: num(d["document.score"]),
      metadata: parseMetadata(d["document.metadata"]),
    }),
  );
}

function parseMetadata(v: unknown): Record<string, unknown> | undefined {
  const parsed = jsonish(v);
  return isRecord(parsed) ? parsed : undefined;
}
