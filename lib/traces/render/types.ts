/**
 * Display-oriented shapes produced by the normalisers in this folder.
 * They are deliberately provider-neutral so the components in
 * `components/traces/content/` only ever deal with one vocabulary.
 */

export type ChatRole = "system" | "user" | "assistant" | "tool";

export interface ToolCall {
  /** Provider call id (`call_…`, `toolu_…`); empty string when the provider has none (Gemini). */
  id: string;
  name: string;
  /** Parsed JSON when the provider sent a JSON string, otherwise the value as sent. */
  arguments: unknown;
}

export interface ChatMessage {
  role: ChatRole;
  /** Text parts joined with newlines; non-text parts become short placeholders such as `[image]`. */
  content: string;
  toolCalls?: ToolCall[];
  /** For `tool` messages: the id of the call this message answers. */
  toolCallId?: string;
  name?: string;
}

export interface RetrievedDocument {
  id?: string;
  content: string;
  score?: number;
  /** doc_uri / url / source, whichever the retriever provided. */
  source?: string;
  metadata: Record<string, unknown>;
}

/** A tool invocation as shown in the UI: from a chat message or from a TOOL span. */
export interface ToolInvocation {
  id?: string;
  name: string | null;
  arguments: unknown;
  /** The tool's result when known (tool message content or TOOL span outputs). */
  result?: unknown;
}

export interface TraceSummary {
  question: string | null;
  answer: string | null;
}

/** Every provider module exposes this pair; `null` means "not my format". */
export interface ChatNormalizer {
  name: string;
  parseInput(inputs: unknown): ChatMessage[] | null;
  parseOutput(outputs: unknown): ChatMessage[] | null;
}
