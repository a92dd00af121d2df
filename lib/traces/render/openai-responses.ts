import type { ChatMessage, ChatNormalizer } from "@/lib/traces/render/types";
import {
  asString,
  isRecord,
  joinContent,
  makeMessage,
  nonEmpty,
  normalizeRole,
  parseMaybeJson,
  type JsonRecord,
} from "@/lib/traces/render/util";

/**
 * OpenAI Responses API (`client.responses.create`): request `{input, instructions?}` and
 * response `{object:"response", output:[items]}`. The same item lists are what MLflow's
 * `ResponsesAgent` and the OpenAI Agents SDK log (sometimes as bare arrays).
 */

// Items that carry no conversation content; skipping them must not reject the list.
const SKIPPED_ITEMS = new Set(["reasoning", "item_reference"]);

/**
 * Converts a list of Responses items. Returns null when an item is not recognisable, so that an
 * arbitrary `{output:[…]}` from user code is not mistaken for a conversation.
 */
export function parseResponsesItems(items: unknown): ChatMessage[] | null {
  if (!Array.isArray(items) || items.length === 0) return null;
  const messages: ChatMessage[] = [];
  let sawResponsesType = false;
  for (const item of items) {
    if (!isRecord(item)) return null;
    const type = asString(item.type);
    if (type === "message" || (type === undefined && item.role !== undefined)) {
      const role = normalizeRole(item.role);
      if (!role) return null;
      if (type === "message") sawResponsesType = true;
      messages.push(makeMessage(role, joinContent(item.content)));
    } else if (type === "function_call" || (type?.endsWith("_call") ?? false)) {
      sawResponsesType = true;
      const call = {
        id: asString(item.call_id) ?? asString(item.id) ?? "",
        // Built-in tools (web_search_call, file_search_call…) have no name; the type names them.
        name: asString(item.name) ?? String(type),
        arguments: parseMaybeJson(item.arguments ?? item.action ?? item.queries),
      };
      appendToolCall(messages, call);
    } else if (type === "function_call_output" || (type?.endsWith("_call_output") ?? false)) {
      sawResponsesType = true;
      const output = typeof item.output === "string" ? item.output : JSON.stringify(item.output ?? null);
      messages.push(makeMessage("tool", output, { toolCallId: asString(item.call_id) }));
    } else if (type && SKIPPED_ITEMS.has(type)) {
      sawResponsesType = true;
    } else {
      return null;
    }
  }
  // A role-only list is plain Chat Completions; leave it to that normaliser.
  const usesResponsesParts = items.some(
    (i) =>
      isRecord(i) &&
      Array.isArray(i.content) &&
      i.content.some((p) => isRecord(p) && /^(input|output)_/.test(String(p.type))),
  );
  return sawResponsesType || usesResponsesParts ? messages : null;
}

/** Responses has no single message per turn: text and function calls are sibling items. */
function appendToolCall(messages: ChatMessage[], call: { id: string; name: string; arguments: unknown }) {
  const last = messages[messages.length - 1];
  if (last && last.role === "assistant") {
    last.toolCalls = [...(last.toolCalls ?? []), call];
  } else {
    messages.push(makeMessage("assistant", "", { toolCalls: [call] }));
  }
}

export function parseResponsesInput(inputs: unknown): ChatMessage[] | null {
  if (Array.isArray(inputs)) return parseResponsesItems(inputs);
  if (!isRecord(inputs)) return null;
  const instructions = asString(inputs.instructions);
  let messages: ChatMessage[] | null = null;
  if (typeof inputs.input === "string") {
    // `{input: "…"}` alone is also what any `def f(input)` logs; require a Responses-only field.
    if (instructions === undefined && typeof inputs.model !== "string") return null;
    messages = [makeMessage("user", inputs.input)];
  } else {
    messages = parseResponsesItems(inputs.input);
  }
  if (!messages) return null;
  return instructions ? [makeMessage("system", instructions), ...messages] : messages;
}

export function parseResponsesOutput(outputs: unknown): ChatMessage[] | null {
  if (Array.isArray(outputs)) return parseResponsesItems(outputs);
  if (!isRecord(outputs)) return null;
  const parsed = parseResponsesItems(outputs.output);
  if (parsed) return parsed;
  // Some wrappers log only the SDK's `output_text` convenience property.
  const response = outputs as JsonRecord;
  if (response.object === "response" && typeof response.output_text === "string") {
    return [makeMessage("assistant", response.output_text)];
  }
  return null;
}

export const openaiResponsesNormalizer: ChatNormalizer = {
  name: "openai-responses",
  parseInput: (inputs) => nonEmpty(parseResponsesInput(inputs)),
  parseOutput: (outputs) => nonEmpty(parseResponsesOutput(outputs)),
};
