import { parseOpenAIMessage } from "@/lib/traces/render/openai";
import type { ChatMessage, ChatNormalizer } from "@/lib/traces/render/types";
import { isRecord, nonEmpty, type JsonRecord } from "@/lib/traces/render/util";

/**
 * OpenInference (Arize/Phoenix instrumentors) flattens messages into span attributes such as
 * `llm.input_messages.0.message.role`, `…message.contents.0.message_content.text` and
 * `…message.tool_calls.0.tool_call.function.arguments`. Once the ingestion side unflattens them we
 * get `{messages|input_messages|output_messages: [{message:{…}}]}`; this module strips the
 * `message` / `message_content` / `tool_call` wrappers and reuses the OpenAI message reader.
 * Lists without any wrapper are plain OpenAI messages and are left to `openai.ts`.
 */

function unwrapMessage(entry: unknown): { message: unknown; wrapped: boolean } {
  if (!isRecord(entry)) return { message: entry, wrapped: false };
  const inner = isRecord(entry.message) && entry.role === undefined ? entry.message : entry;
  let wrapped = inner !== entry;
  const message: JsonRecord = { ...inner };
  if (message.content === undefined && Array.isArray(message.contents)) {
    wrapped = true;
    message.content = message.contents.map((c) => (isRecord(c) && isRecord(c.message_content) ? c.message_content : c));
  }
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls = message.tool_calls.map((c) => {
      if (isRecord(c) && isRecord(c.tool_call)) {
        wrapped = true;
        return c.tool_call;
      }
      return c;
    });
  }
  return { message, wrapped };
}

export function parseOpenInferenceMessages(list: unknown): ChatMessage[] | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  let sawWrapper = false;
  const messages: ChatMessage[] = [];
  for (const entry of list) {
    const { message, wrapped } = unwrapMessage(entry);
    sawWrapper ||= wrapped;
    const parsed = parseOpenAIMessage(message);
    if (!parsed) return null;
    messages.push(parsed);
  }
  return sawWrapper ? messages : null;
}

function listFrom(value: unknown, keys: string[]): unknown {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return undefined;
  for (const key of keys) if (Array.isArray(value[key])) return value[key];
  return undefined;
}

export const openinferenceNormalizer: ChatNormalizer = {
  name: "openinference",
  parseInput: (inputs) => nonEmpty(parseOpenInferenceMessages(listFrom(inputs, ["messages", "input_messages"]))),
  parseOutput: (outputs) => nonEmpty(parseOpenInferenceMessages(listFrom(outputs, ["output_messages", "messages"]))),
};
