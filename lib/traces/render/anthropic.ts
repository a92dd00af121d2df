import type { ChatMessage, ChatNormalizer, ToolCall } from "@/lib/traces/render/types";
import { asString, isRecord, joinContent, makeMessage, nonEmpty, type JsonRecord } from "@/lib/traces/render/util";

/**
 * Anthropic Messages API: request `{system?, messages:[{role, content}]}` and response
 * `{type:"message", role:"assistant", content:[blocks]}`. Content blocks: text, image, tool_use,
 * tool_result, thinking. A user turn that carries tool_result blocks becomes `tool` messages, so
 * the view pairs results with calls the same way it does for OpenAI.
 */

const ANTHROPIC_ONLY_BLOCKS = new Set(["tool_use", "tool_result", "thinking", "redacted_thinking"]);

function blocksOf(content: unknown): JsonRecord[] {
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

/**
 * Plain `{role:"user", content:"hi"}` lists are ambiguous with OpenAI and parse the same either
 * way, so we only claim a request when it shows something Anthropic-specific. That keeps OpenAI
 * messages with `tool_calls` from being read here and losing their calls.
 */
function looksAnthropic(inputs: JsonRecord, messages: unknown[]): boolean {
  for (const raw of messages) {
    if (!isRecord(raw)) return false;
    if (raw.role !== "user" && raw.role !== "assistant") return false;
    if ("tool_calls" in raw || "tool_call_id" in raw) return false;
  }
  if (typeof inputs.system === "string" || Array.isArray(inputs.system)) return true;
  return messages.some(
    (m) => isRecord(m) && blocksOf(m.content).some((b) => ANTHROPIC_ONLY_BLOCKS.has(String(b.type))),
  );
}

/** Converts one Anthropic message into one or more of ours (tool results split out). */
function convertMessage(role: "user" | "assistant", content: unknown): ChatMessage[] {
  if (typeof content === "string") return [makeMessage(role, content)];
  const out: ChatMessage[] = [];
  const text: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of blocksOf(content)) {
    switch (block.type) {
      case "text":
        text.push(asString(block.text) ?? "");
        break;
      case "tool_use":
        toolCalls.push({ id: asString(block.id) ?? "", name: asString(block.name) ?? "", arguments: block.input });
        break;
      case "tool_result": {
        const result = joinContent(block.content);
        out.push(
          makeMessage("tool", block.is_error === true ? `Error: ${result}` : result, {
            toolCallId: asString(block.tool_use_id),
          }),
        );
        break;
      }
      case "image":
        text.push("[image]");
        break;
      case "document":
        text.push("[file]");
        break;
      // thinking / redacted_thinking are the model's scratchpad, not part of the conversation.
      default:
        break;
    }
  }
  if (text.length > 0 || toolCalls.length > 0) out.push(makeMessage(role, text.join("\n"), { toolCalls }));
  return out;
}

export function parseAnthropicInput(inputs: unknown): ChatMessage[] | null {
  if (!isRecord(inputs) || !Array.isArray(inputs.messages) || inputs.messages.length === 0) return null;
  if (!looksAnthropic(inputs, inputs.messages)) return null;
  const messages: ChatMessage[] = [];
  const system = joinContent(inputs.system);
  if (system) messages.push(makeMessage("system", system));
  for (const raw of inputs.messages as JsonRecord[]) {
    messages.push(...convertMessage(raw.role as "user" | "assistant", raw.content));
  }
  return messages;
}

export function parseAnthropicOutput(outputs: unknown): ChatMessage[] | null {
  // `role` distinguishes this from a LangChain AIMessage, which can carry the same blocks.
  if (!isRecord(outputs) || outputs.role !== "assistant" || !Array.isArray(outputs.content)) return null;
  if (outputs.type !== undefined && outputs.type !== "message") return null;
  return convertMessage("assistant", outputs.content);
}

export const anthropicNormalizer: ChatNormalizer = {
  name: "anthropic",
  parseInput: (inputs) => nonEmpty(parseAnthropicInput(inputs)),
  parseOutput: (outputs) => nonEmpty(parseAnthropicOutput(outputs)),
};
