import { anthropicNormalizer } from "@/lib/traces/render/anthropic";
import { geminiNormalizer } from "@/lib/traces/render/gemini";
import { langchainNormalizer } from "@/lib/traces/render/langchain";
import { mlflowChatNormalizer } from "@/lib/traces/render/mlflow";
import { openaiChatNormalizer } from "@/lib/traces/render/openai";
import { openaiResponsesNormalizer } from "@/lib/traces/render/openai-responses";
import { openinferenceNormalizer } from "@/lib/traces/render/openinference";
import type { ChatMessage, ChatNormalizer } from "@/lib/traces/render/types";
import { makeMessage } from "@/lib/traces/render/util";

/**
 * Order matters: the modules that need positive evidence of their format (Anthropic blocks,
 * Responses items, Gemini `contents`, LangChain `type`, OpenInference wrappers) go before the
 * permissive OpenAI reader, which accepts any role-tagged list.
 */
export const CHAT_NORMALIZERS: readonly ChatNormalizer[] = [
  anthropicNormalizer,
  openaiResponsesNormalizer,
  geminiNormalizer,
  langchainNormalizer,
  openinferenceNormalizer,
  openaiChatNormalizer,
  mlflowChatNormalizer,
];

export interface NormalizeConversationOptions {
  /** The span's `mlflow.message.format` hint (e.g. "openai", "anthropic"); tried first when set. */
  format?: string | null;
}

function ordered(format: string | null | undefined): readonly ChatNormalizer[] {
  if (!format) return CHAT_NORMALIZERS;
  const hint = format.toLowerCase();
  const preferred = CHAT_NORMALIZERS.filter((n) => hint.startsWith(n.name) || n.name.startsWith(hint));
  return [...preferred, ...CHAT_NORMALIZERS.filter((n) => !preferred.includes(n))];
}

function sameMessage(a: ChatMessage, b: ChatMessage): boolean {
  return a.role === b.role && a.content.trim() === b.content.trim();
}

/**
 * Agents such as LangGraph return the whole history (`{messages:[…]}`) as output; appending it to
 * the input would show every input message twice. If the output repeats the input as a prefix,
 * the output alone is the conversation.
 */
function mergeHistory(input: ChatMessage[], output: ChatMessage[]): ChatMessage[] {
  const repeatsInput =
    input.length > 0 && output.length >= input.length && input.every((message, i) => sameMessage(message, output[i]));
  return repeatsInput ? output : [...input, ...output];
}

/**
 * Turns a span's decoded inputs/outputs into a conversation, trying each provider normaliser.
 * Input and output are matched independently (a ChatAgent takes OpenAI-shaped requests but
 * answers in its own shape), preferring the provider that matched the input.
 *
 * Returns null when the input is not a recognisable conversation, unless the output alone is a
 * full history (contains a user turn); a lone assistant reply without its prompt is better shown
 * as plain inputs/outputs.
 */
export function normalizeConversation(
  inputs: unknown,
  outputs: unknown,
  options: NormalizeConversationOptions = {},
): ChatMessage[] | null {
  const normalizers = ordered(options.format);
  let inputMessages: ChatMessage[] | null = null;
  let inputNormalizer: ChatNormalizer | null = null;
  for (const normalizer of normalizers) {
    inputMessages = normalizer.parseInput(inputs);
    if (inputMessages) {
      inputNormalizer = normalizer;
      break;
    }
  }

  let outputMessages = inputNormalizer?.parseOutput(outputs) ?? null;
  for (const normalizer of normalizers) {
    if (outputMessages) break;
    outputMessages = normalizer.parseOutput(outputs);
  }
  // Plenty of wrappers (`@mlflow.trace def chat(messages) -> str`) return the reply as a string.
  if (!outputMessages && inputMessages && typeof outputs === "string" && outputs.trim() !== "") {
    outputMessages = [makeMessage("assistant", outputs)];
  }

  if (!inputMessages) {
    return outputMessages && outputMessages.some((m) => m.role === "user") ? outputMessages : null;
  }
  return mergeHistory(inputMessages, outputMessages ?? []);
}
