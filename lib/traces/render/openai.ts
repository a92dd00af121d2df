import type { ChatMessage, ChatNormalizer } from "@/lib/traces/render/types";
import {
  asString,
  isRecord,
  joinContent,
  makeMessage,
  nonEmpty,
  normalizeRole,
  parseMaybeJson,
  parseOpenAIToolCalls,
} from "@/lib/traces/render/util";

/**
 * OpenAI Chat Completions. Also covers the shapes that copy it verbatim: MLflow's
 * `ChatCompletionRequest`/`ChatCompletionResponse`, Databricks/vLLM/LiteLLM/Groq servers, and
 * OpenInference messages once unflattened to `{messages:[{role, content}]}`.
 */

/** One `messages[]` entry. Returns null for anything that is not role-tagged. */
export function parseOpenAIMessage(raw: unknown): ChatMessage | null {
  if (!isRecord(raw)) return null;
  const role = normalizeRole(raw.role);
  if (!role) return null;
  let toolCalls = parseOpenAIToolCalls(raw.tool_calls);
  // Legacy (pre-tools) function calling: a single `function_call` on the assistant message.
  if (!toolCalls && isRecord(raw.function_call) && asString(raw.function_call.name)) {
    toolCalls = [
      { id: "", name: String(raw.function_call.name), arguments: parseMaybeJson(raw.function_call.arguments) },
    ];
  }
  // Refusals replace content on safety-filtered answers; show them rather than an empty bubble.
  const content = joinContent(raw.content) || asString(raw.refusal) || "";
  return makeMessage(role, content, {
    toolCalls,
    toolCallId: asString(raw.tool_call_id),
    name: asString(raw.name),
  });
}

/** Parses a whole list; one unparseable entry means this is not a chat list at all. */
export function parseOpenAIMessageList(list: unknown): ChatMessage[] | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  const messages: ChatMessage[] = [];
  for (const raw of list) {
    const message = parseOpenAIMessage(raw);
    if (!message) return null;
    messages.push(message);
  }
  return messages;
}

export function parseOpenAIChatInput(inputs: unknown): ChatMessage[] | null {
  if (Array.isArray(inputs)) return parseOpenAIMessageList(inputs);
  if (!isRecord(inputs)) return null;
  return parseOpenAIMessageList(inputs.messages);
}

export function parseOpenAIChatOutput(outputs: unknown): ChatMessage[] | null {
  if (!isRecord(outputs) || !Array.isArray(outputs.choices) || outputs.choices.length === 0) return null;
  // n>1 sampling is rare in traced apps; the first choice is what the application used.
  const choice = outputs.choices[0];
  if (!isRecord(choice)) return null;
  if (isRecord(choice.message)) {
    const message = parseOpenAIMessage({ role: "assistant", ...choice.message });
    return message ? [message] : null;
  }
  // Legacy completions endpoint: `{choices:[{text}]}`.
  const text = asString(choice.text);
  return text !== undefined ? [makeMessage("assistant", text)] : null;
}

export const openaiChatNormalizer: ChatNormalizer = {
  name: "openai",
  parseInput: (inputs) => nonEmpty(parseOpenAIChatInput(inputs)),
  parseOutput: (outputs) => nonEmpty(parseOpenAIChatOutput(outputs)),
};
