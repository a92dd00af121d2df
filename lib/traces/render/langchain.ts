import { parseOpenAIMessage } from "@/lib/traces/render/openai";
import type { ChatMessage, ChatNormalizer, ChatRole, ToolCall } from "@/lib/traces/render/types";
import {
  asString,
  isRecord,
  joinContent,
  makeMessage,
  nonEmpty,
  normalizeRole,
  parseMaybeJson,
  parseOpenAIToolCalls,
  type JsonRecord,
} from "@/lib/traces/render/util";

/**
 * LangChain / LangGraph. Messages are `{type:"human"|"ai"|"system"|"tool", content, …}` (from
 * `message.model_dump()`), or the `dumpd` constructor form `{lc:1, type:"constructor",
 * id:[…,"HumanMessage"], kwargs:{…}}`. Chat-model spans log `[[messages]]` in and an
 * `LLMResult` (`{generations:[[{message}]]}`) out; LangGraph agents log `{messages:[…]}` both ways.
 */

const CLASS_TO_TYPE: Record<string, string> = {
  HumanMessage: "human",
  AIMessage: "ai",
  SystemMessage: "system",
  ToolMessage: "tool",
  FunctionMessage: "function",
  ChatMessage: "chat",
};

/** Unwraps the `dumpd` constructor form into the plain `model_dump` form. */
function unwrapConstructor(raw: JsonRecord): JsonRecord {
  if (raw.lc === 1 && raw.type === "constructor" && Array.isArray(raw.id) && isRecord(raw.kwargs)) {
    const className = String(raw.id[raw.id.length - 1] ?? "").replace(/Chunk$/, "");
    return { ...raw.kwargs, type: CLASS_TO_TYPE[className] ?? raw.kwargs.type };
  }
  return raw;
}

function roleForType(type: string, raw: JsonRecord): ChatRole | undefined {
  // Streaming chunks are typed "AIMessageChunk", "HumanMessageChunk", …
  const base = type.replace(/MessageChunk$/, "").toLowerCase();
  if (base === "chat") return normalizeRole(raw.role);
  return normalizeRole(base);
}

function parseLangChainToolCalls(raw: JsonRecord): ToolCall[] | undefined {
  if (Array.isArray(raw.tool_calls) && raw.tool_calls.length > 0) {
    const calls = raw.tool_calls.filter(isRecord).map((call) => ({
      id: asString(call.id) ?? "",
      name: asString(call.name) ?? "",
      // LangChain already parsed `args`; older versions keep OpenAI's string form.
      arguments: parseMaybeJson(call.args ?? call.arguments),
    }));
    if (calls.length > 0) return calls;
  }
  const kwargs = isRecord(raw.additional_kwargs) ? raw.additional_kwargs : {};
  return parseOpenAIToolCalls(kwargs.tool_calls);
}

/** Parses one LangChain message; returns null when it carries no LangChain `type`. */
export function parseLangChainMessage(value: unknown): ChatMessage | null {
  if (!isRecord(value)) return null;
  const raw = unwrapConstructor(value);
  const type = asString(raw.type);
  // Every LangChain message has `content`; this also rules out `{type:"function", function}` tool specs.
  if (!type || !("content" in raw)) return null;
  const role = roleForType(type, raw);
  if (!role) return null;
  return makeMessage(role, joinContent(raw.content), {
    toolCalls: role === "assistant" ? parseLangChainToolCalls(raw) : undefined,
    toolCallId: asString(raw.tool_call_id),
    name: asString(raw.name) ?? undefined,
  });
}

/**
 * Parses a list where at least one entry is LangChain-typed. LangGraph state often mixes in
 * OpenAI-style dicts (`{role, content}`) that users appended by hand; those are accepted too.
 */
export function parseLangChainMessageList(list: unknown): ChatMessage[] | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  // `[[…]]`: one inner list per prompt in a batch; traced apps send one prompt.
  if (Array.isArray(list[0])) return parseLangChainMessageList(list[0]);
  let sawLangChain = false;
  const messages: ChatMessage[] = [];
  for (const raw of list) {
    const lc = parseLangChainMessage(raw);
    if (lc) sawLangChain = true;
    const message = lc ?? parseOpenAIMessage(raw);
    if (!message) return null;
    messages.push(message);
  }
  return sawLangChain ? messages : null;
}

export function parseLangChainInput(inputs: unknown): ChatMessage[] | null {
  if (Array.isArray(inputs)) return parseLangChainMessageList(inputs);
  if (!isRecord(inputs)) return null;
  return parseLangChainMessageList(inputs.messages);
}

export function parseLangChainOutput(outputs: unknown): ChatMessage[] | null {
  if (Array.isArray(outputs)) return parseLangChainMessageList(outputs);
  if (!isRecord(outputs)) return null;
  if (Array.isArray(outputs.generations)) {
    const first = Array.isArray(outputs.generations[0]) ? outputs.generations[0][0] : outputs.generations[0];
    if (!isRecord(first)) return null;
    const message = parseLangChainMessage(first.message);
    if (message) return [message];
    // Non-chat LLMs produce `Generation` objects that only carry text.
    const text = asString(first.text);
    return text !== undefined ? [makeMessage("assistant", text)] : null;
  }
  if (Array.isArray(outputs.messages)) return parseLangChainMessageList(outputs.messages);
  // A chat model invoked directly returns a single AIMessage.
  const single = parseLangChainMessage(outputs);
  return single ? [single] : null;
}

export const langchainNormalizer: ChatNormalizer = {
  name: "langchain",
  parseInput: (inputs) => nonEmpty(parseLangChainInput(inputs)),
  parseOutput: (outputs) => nonEmpty(parseLangChainOutput(outputs)),
};
