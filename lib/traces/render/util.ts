import type { ChatMessage, ChatRole, ToolCall } from "@/lib/traces/render/types";

// Small, dependency-free helpers shared by the provider normalisers.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  // Some SDKs serialise floats as strings (numpy → str); accept them when unambiguous.
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/**
 * Tool arguments usually arrive as a JSON string (`"{\"city\":\"Tokyo\"}"`). Parse it so the UI can
 * pretty-print; keep the raw string when it is not valid JSON (models do emit broken JSON).
 */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

/** Maps the role vocabularies of all providers onto ours; `undefined` when unknown. */
export function normalizeRole(role: unknown): ChatRole | undefined {
  switch (typeof role === "string" ? role.toLowerCase() : "") {
    case "system":
    case "developer": // OpenAI o-series rename of system
      return "system";
    case "user":
    case "human":
      return "user";
    case "assistant":
    case "ai":
    case "model": // Gemini
    case "bot":
      return "assistant";
    case "tool":
    case "function": // legacy OpenAI function-calling result
    case "ipython":
      return "tool";
    default:
      return undefined;
  }
}

/** Placeholder for a non-text content part, so readers see something was there. */
function partPlaceholder(part: JsonRecord): string | undefined {
  const type = asString(part.type) ?? "";
  if (type.includes("image")) return "[image]";
  if (type.includes("audio")) return "[audio]";
  if (type.includes("file") || type === "document") return "[file]";
  return undefined;
}

/**
 * Joins the text of a message `content` that is a string, a list of strings, or a list of parts
 * (`{type:"text", text}`, `{type:"input_text"|"output_text", text}`, `{text}`). Images and other
 * binary parts become placeholders; we never inline base64 payloads into the conversation view.
 */
export function joinContent(content: unknown): string {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  if (isRecord(content)) return joinContent([content]);
  if (!Array.isArray(content)) return String(content);
  const pieces: string[] = [];
  for (const part of content) {
    if (typeof part === "string") pieces.push(part);
    else if (isRecord(part)) {
      const text = asString(part.text) ?? asString(part.content);
      if (text !== undefined) pieces.push(text);
      else {
        const placeholder = partPlaceholder(part);
        if (placeholder) pieces.push(placeholder);
      }
    }
  }
  return pieces.join("\n");
}

/** OpenAI-style `tool_calls` (`{id, type:"function", function:{name, arguments}}`). */
export function parseOpenAIToolCalls(value: unknown): ToolCall[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const calls: ToolCall[] = [];
  for (const call of value) {
    if (!isRecord(call)) continue;
    const fn = isRecord(call.function) ? call.function : call;
    const name = asString(fn.name);
    if (!name) continue;
    calls.push({ id: asString(call.id) ?? "", name, arguments: parseMaybeJson(fn.arguments ?? fn.args) });
  }
  return calls.length > 0 ? calls : undefined;
}

/** Builds a message, omitting empty optional fields so fixtures compare cleanly with toEqual. */
export function makeMessage(
  role: ChatRole,
  content: string,
  extra: { toolCalls?: ToolCall[]; toolCallId?: string; name?: string } = {},
): ChatMessage {
  const message: ChatMessage = { role, content };
  if (extra.toolCalls && extra.toolCalls.length > 0) message.toolCalls = extra.toolCalls;
  if (extra.toolCallId) message.toolCallId = extra.toolCallId;
  if (extra.name) message.name = extra.name;
  return message;
}

/** `[]` is "matched but empty"; callers treat it as no match so another normaliser can try. */
export function nonEmpty<T>(items: T[] | null | undefined): T[] | null {
  return items && items.length > 0 ? items : null;
}
