import { normalizeConversation } from "@/lib/traces/render/conversation";
import type { ChatMessage, TraceSummary } from "@/lib/traces/render/types";
import { isRecord, joinContent } from "@/lib/traces/render/util";

/**
 * "What was asked, what was answered" for a trace, from the root span's inputs/outputs. Used by
 * the trace summary header and the review queue, where reviewers want the exchange at a glance.
 */

const QUESTION_KEYS = ["query", "question", "input", "prompt", "user_input", "messages"];
const ANSWER_KEYS = ["answer", "output", "response", "content", "text", "output_text", "result", "choices", "messages"];
const MAX_DEPTH = 3;

function clean(text: string | undefined | null): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

function lastWithText(messages: ChatMessage[], role: ChatMessage["role"]): ChatMessage | undefined {
  return [...messages].reverse().find((m) => m.role === role && m.content.trim() !== "");
}

/** Text under the first matching key, descending into nested objects (`{output:{answer}}`). */
function textFromFields(value: unknown, keys: string[], kind: "question" | "answer", depth = 0): string | null {
  if (typeof value === "string") return clean(value);
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    // Content-part arrays (`[{type:"text", text}]`) and lists of strings.
    return clean(joinContent(value));
  }
  if (!isRecord(value)) return null;
  for (const key of keys) {
    const field = value[key];
    if (field === undefined || field === null) continue;
    if (key === "messages" && Array.isArray(field)) {
      const chat = normalizeConversation({ messages: field }, undefined);
      const found = chat && lastWithText(chat, kind === "question" ? "user" : "assistant");
      if (found) return clean(found.content);
      continue;
    }
    if (key === "choices" && Array.isArray(field) && isRecord(field[0])) {
      const choice = field[0];
      const text = isRecord(choice.message) ? joinContent(choice.message.content) : joinContent(choice.text);
      if (clean(text)) return clean(text);
      continue;
    }
    const found = textFromFields(field, keys, kind, depth + 1);
    if (found) return found;
  }
  // `def handler(q: str)` logs `{"q": "…"}`; with a single string field that field is the question.
  const entries = Object.values(value);
  if (entries.length === 1 && typeof entries[0] === "string") return clean(entries[0]);
  return null;
}

/**
 * Extracts `{question, answer}`. With a conversation (given, or parsed from inputs/outputs) the
 * question is the last user message and the answer the final assistant reply after it; otherwise
 * common field names are tried. Either side is null when nothing readable is found.
 */
export function extractTraceSummary(inputs: unknown, outputs: unknown, chat?: ChatMessage[] | null): TraceSummary {
  const conversation = chat === undefined ? normalizeConversation(inputs, outputs) : chat;
  let question: string | null = null;
  let answer: string | null = null;
  if (conversation && conversation.length > 0) {
    const lastUser = lastWithText(conversation, "user");
    question = clean(lastUser?.content);
    // Only an assistant turn after the last question answers it; an earlier one is history.
    const after = lastUser ? conversation.slice(conversation.lastIndexOf(lastUser) + 1) : conversation;
    answer = clean(lastWithText(after, "assistant")?.content);
  }
  return {
    question: question ?? textFromFields(inputs, QUESTION_KEYS, "question"),
    answer: answer ?? textFromFields(outputs, ANSWER_KEYS, "answer"),
  };
}
