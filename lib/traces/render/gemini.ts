import type { ChatMessage, ChatNormalizer, ToolCall } from "@/lib/traces/render/types";
import {
  asString,
  isRecord,
  joinContent,
  makeMessage,
  nonEmpty,
  normalizeRole,
  type JsonRecord,
} from "@/lib/traces/render/util";

/**
 * Google Gemini (`google-genai` `generate_content`): request `{model, contents, config}` where
 * `contents` is a string, a Content, or a list of Contents `{role:"user"|"model", parts:[…]}`;
 * response `{candidates:[{content:{role:"model", parts}}]}`. Parts are `{text}`,
 * `{function_call:{name,args}}`, `{function_response:{name,response}}`; the Python SDK logs
 * snake_case, the REST API and JS SDK camelCase, so both are read.
 */

function pick(part: JsonRecord, snake: string, camel: string): JsonRecord | undefined {
  const value = part[snake] ?? part[camel];
  return isRecord(value) ? value : undefined;
}

/** Converts one Content into messages; function responses become `tool` messages. */
function convertContent(content: JsonRecord): ChatMessage[] | null {
  const role = normalizeRole(content.role ?? "user");
  if (!role || !Array.isArray(content.parts)) return null;
  const out: ChatMessage[] = [];
  const text: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const part of content.parts) {
    if (typeof part === "string") {
      text.push(part);
      continue;
    }
    if (!isRecord(part)) continue;
    const call = pick(part, "function_call", "functionCall");
    const response = pick(part, "function_response", "functionResponse");
    if (typeof part.text === "string") {
      // Thought summaries are flagged `thought: true`; they are not part of the reply.
      if (part.thought !== true) text.push(part.text);
    } else if (call) {
      // Gemini call ids are optional and often absent; pairing then falls back to the name.
      toolCalls.push({ id: asString(call.id) ?? "", name: asString(call.name) ?? "", arguments: call.args ?? {} });
    } else if (response) {
      out.push(
        makeMessage("tool", JSON.stringify(response.response ?? null), {
          toolCallId: asString(response.id),
          name: asString(response.name),
        }),
      );
    } else if (part.inline_data || part.inlineData || part.file_data || part.fileData) {
      text.push("[file]");
    }
  }
  if (text.length > 0 || toolCalls.length > 0) out.push(makeMessage(role, text.join("\n"), { toolCalls }));
  return out;
}

function convertContents(contents: unknown): ChatMessage[] | null {
  if (typeof contents === "string") return [makeMessage("user", contents)];
  const list = Array.isArray(contents) ? contents : [contents];
  if (list.length === 0) return null;
  const messages: ChatMessage[] = [];
  for (const item of list) {
    // `contents=["a", "b"]` is shorthand for one user turn per string.
    if (typeof item === "string") messages.push(makeMessage("user", item));
    else if (isRecord(item)) {
      const converted = convertContent(item);
      if (!converted) return null;
      messages.push(...converted);
    } else return null;
  }
  return messages;
}

export function parseGeminiInput(inputs: unknown): ChatMessage[] | null {
  if (!isRecord(inputs) || inputs.contents === undefined) return null;
  // A bare `{contents: "…"}` is also any function with a `contents` kwarg; want a Gemini field too.
  if (typeof inputs.contents === "string" && typeof inputs.model !== "string" && !isRecord(inputs.config)) return null;
  const messages = convertContents(inputs.contents);
  if (!messages) return null;
  const config = isRecord(inputs.config) ? inputs.config : inputs;
  const system = config.system_instruction ?? config.systemInstruction;
  const systemText = isRecord(system) && Array.isArray(system.parts) ? joinContent(system.parts) : joinContent(system);
  return systemText ? [makeMessage("system", systemText), ...messages] : messages;
}

export function parseGeminiOutput(outputs: unknown): ChatMessage[] | null {
  if (!isRecord(outputs) || !Array.isArray(outputs.candidates) || outputs.candidates.length === 0) return null;
  const candidate = outputs.candidates[0];
  if (!isRecord(candidate) || !isRecord(candidate.content)) return null;
  return convertContent({ role: "model", ...candidate.content });
}

export const geminiNormalizer: ChatNormalizer = {
  name: "gemini",
  parseInput: (inputs) => nonEmpty(parseGeminiInput(inputs)),
  parseOutput: (outputs) => nonEmpty(parseGeminiOutput(outputs)),
};
