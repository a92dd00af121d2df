/**
 * MLflow's chat shapes, which every convention's messages are converted to:
 * - LLM inputs: `{ messages: [{ role, content, tool_calls?, tool_call_id? }] }` (OpenAI chat
 *   request, what MLflow's UI chat view reads for inputs).
 * - LLM outputs: OpenAI chat completion `{ choices: [{ index, message, finish_reason }] }`. We pick
 *   this over `{ messages }` because MLflow's ChatCompletionResponse and the real clients' LLM
 *   span outputs (see the fixtures) use it, and the UI renders it as the assistant's turn.
 * - Retriever outputs: MLflow Documents `[{ page_content, metadata: { doc_uri, chunk_id, score... }, id }]`.
 */

export interface ChatToolCall {
  id?: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: string;
  content: unknown;
  name?: string;
  tool_calls?: ChatToolCall[];
  tool_call_id?: string;
}

export interface ChatChoice {
  index: number;
  message: ChatMessage;
  finish_reason: string | null;
}

export interface MlflowDocument {
  page_content: string;
  metadata: Record<string, unknown>;
  id: string | null;
}

export function chatInputs(messages: ChatMessage[]): { messages: ChatMessage[] } {
  return { messages };
}

export function chatOutputs(
  messages: ChatMessage[],
  finishReasons: (string | null | undefined)[] = [],
): { choices: ChatChoice[] } {
  return {
    choices: messages.map((message, index) => ({ index, message, finish_reason: finishReasons[index] ?? null })),
  };
}

/** Tool call arguments are a JSON string in OpenAI's shape; objects are serialised. */
export function toolArguments(args: unknown): string {
  if (typeof args === "string") return args;
  return args === undefined ? "{}" : JSON.stringify(args);
}

/** A document in MLflow's shape; metadata keeps what the source had plus doc_uri/chunk_id/score. */
export function mlflowDocument(fields: {
  content: unknown;
  id?: unknown;
  score?: unknown;
  metadata?: unknown;
}): MlflowDocument {
  const metadata: Record<string, unknown> =
    fields.metadata && typeof fields.metadata === "object" && !Array.isArray(fields.metadata)
      ? { ...(fields.metadata as object) }
      : {};
  if (metadata.doc_uri === undefined) {
    // Loaders name the origin differently (LlamaIndex file_path, LangChain source); MLflow's UI links doc_uri.
    const uri = [metadata.source, metadata.url, metadata.file_path, metadata.uri].find((v) => typeof v === "string");
    if (uri !== undefined) metadata.doc_uri = uri;
  }
  if (fields.score !== undefined && metadata.score === undefined) metadata.score = fields.score;
  if (fields.id !== undefined && metadata.chunk_id === undefined) metadata.chunk_id = String(fields.id);
  return {
    page_content:
      typeof fields.content === "string"
        ? fields.content
        : fields.content === undefined
          ? ""
          : JSON.stringify(fields.content),
    metadata,
    id: fields.id === undefined || fields.id === null ? null : String(fields.id),
  };
}
