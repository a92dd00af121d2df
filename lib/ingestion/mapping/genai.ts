/**
 * OpenTelemetry GenAI semantic conventions: `gen_ai.operation.name`, request/response model,
 * usage tokens (current `input_tokens`/`output_tokens` and the older `prompt_tokens`/
 * `completion_tokens`), messages as `gen_ai.input.messages`/`gen_ai.output.messages` (JSON,
 * parts-based), the older flattened `gen_ai.prompt.{i}.*`/`gen_ai.completion.{i}.*` (also used by
 * Traceloop/OpenLLMetry) or the deprecated message events, tool call arguments/results.
 */
import type { NormalizedSpanEvent } from "@/lib/ingestion/types";
import { compact, firstOf, indexedGroups, isRecord, jsonish, num, str, type MappedFields } from "./attr-utils";
import { chatInputs, chatOutputs, toolArguments, type ChatMessage, type ChatToolCall } from "./chat";

/** Same table as MLflow's GenAiTranslator. */
const OPERATION_TO_TYPE: Record<string, string> = {
  chat: "CHAT_MODEL",
  text_completion: "LLM",
  generate_content: "LLM",
  response: "LLM",
  embeddings: "EMBEDDING",
  execute_tool: "TOOL",
  invoke_agent: "AGENT",
  create_agent: "AGENT",
};

export function mapGenAiAttributes(attrs: Record<string, unknown>, events: NormalizedSpanEvent[] = []): MappedFields {
  const op = str(attrs["gen_ai.operation.name"])?.toLowerCase();

  let inputs: unknown;
  const inputMessages = genAiMessages(attrs["gen_ai.input.messages"]);
  const systemInstructions = partsToContent(jsonish(attrs["gen_ai.system_instructions"]));
  if (inputMessages) {
    if (systemInstructions !== undefined) inputMessages.unshift({ role: "system", content: systemInstructions });
    inputs = chatInputs(inputMessages);
  } else {
    const flattened = flattenedMessages(attrs, "gen_ai.prompt");
    const fromEvents = eventMessages(events);
    if (flattened.length) inputs = chatInputs(flattened);
    else if (fromEvents.length) inputs = chatInputs(fromEvents);
    else if (attrs["gen_ai.tool.call.arguments"] !== undefined) inputs = jsonish(attrs["gen_ai.tool.call.arguments"]);
  }

  let outputs: unknown;
  const outputMessages = genAiMessages(attrs["gen_ai.output.messages"]);
  if (outputMessages) {
    outputs = chatOutputs(outputMessages, finishReasons(attrs["gen_ai.output.messages"]));
  } else {
    const completions = indexedGroups(attrs, "gen_ai.completion");
    const choiceEvents = events.filter((e) => e.name === "gen_ai.choice");
    if (completions.length) {
      outputs = chatOutputs(
        completions.map(flatMessage),
        completions.map((c) => str(c.finish_reason)),
      );
    } else if (choiceEvents.length) {
      outputs = chatOutputs(
        choiceEvents.map((e) => {
          // The choice event carries either role/content or a `message` body {role, content}.
          const body = jsonish(e.attributes.message);
          const m = isRecord(body) ? body : {};
          return {
            role: str(e.attributes.role) ?? str(m.role) ?? "assistant",
            content: jsonish(e.attributes.content) ?? m.content ?? null,
          };
        }),
        choiceEvents.map((e) => str(e.attributes.finish_reason)),
      );
    } else if (attrs["gen_ai.tool.call.result"] !== undefined) {
      outputs = jsonish(attrs["gen_ai.tool.call.result"]);
    }
  }

  return compact({
    spanType: op ? OPERATION_TO_TYPE[op] : undefined,
    inputs,
    outputs,
    model: str(firstOf(attrs, ["gen_ai.response.model", "gen_ai.request.model"])),
    inputTokens: num(firstOf(attrs, ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"])),
    outputTokens: num(firstOf(attrs, ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"])),
    sessionId: str(attrs["gen_ai.conversation.id"]),
  });
}

/**
 * `gen_ai.input.messages` / `gen_ai.output.messages`: a JSON array of `{role, parts:[...]}` (or,
 * from older instrumentations, already OpenAI-style `{role, content}`).
 */
function genAiMessages(raw: unknown): ChatMessage[] | undefined {
  const list = jsonish(raw);
  if (!Array.isArray(list)) return undefined;
  return list.filter(isRecord).map((m) => {
    const role = str(m.role) ?? "user";
    if (!Array.isArray(m.parts)) return { role, content: m.content ?? null };
    const message: ChatMessage = { role, content: partsToContent(m.parts.filter((p) => !isToolPart(p))) ?? null };
    const calls: ChatToolCall[] = m.parts
      .filter((p) => isRecord(p) && p.type === "tool_call")
      .map((p) => {
        const part = p as Record<string, unknown>;
        const call: ChatToolCall = {
          type: "function",
          function: { name: str(part.name) ?? "", arguments: toolArguments(part.arguments) },
        };
        if (str(part.id)) call.id = str(part.id);
        return call;
      });
    if (calls.length) message.tool_calls = calls;
    const response = m.parts.find((p) => isRecord(p) && p.type === "tool_call_response") as
      Record<string, unknown> | undefined;
    if (response) {
      message.role = role === "user" ? "tool" : role;
      message.content =
        typeof response.response === "string" ? response.response : JSON.stringify(response.response ?? null);
      if (str(response.id)) message.tool_call_id = str(response.id);
    }
    return message;
  });
}

function isToolPart(p: unknown): boolean {
  return isRecord(p) && (p.type === "tool_call" || p.type === "tool_call_response");
}

/** Text-only parts collapse to one string; mixed parts become OpenAI-style content parts. */
function partsToContent(parts: unknown): unknown {
  if (!Array.isArray(parts)) return parts ?? undefined;
  if (parts.length === 0) return undefined;
  if (parts.every((p) => isRecord(p) && p.type === "text"))
    return parts.map((p) => str((p as Record<string, unknown>).content) ?? "").join("");
  return parts.map((p) => (isRecord(p) && p.type === "text" ? { type: "text", text: str(p.content) ?? "" } : p));
}

function finishReasons(raw: unknown): (string | undefined)[] {
  const list = jsonish(raw);
  return Array.isArray(list) ? list.map((m) => (isRecord(m) ? str(m.finish_reason) : undefined)) : [];
}

function flattenedMessages(attrs: Record<string, unknown>, prefix: string): ChatMessage[] {
  return indexedGroups(attrs, prefix).map(flatMessage);
}

function flatMessage(g: Record<string, unknown>): ChatMessage {
  const message: ChatMessage = { role: str(g.role) ?? "user", content: g.content ?? null };
  const calls = indexedGroups(g, "tool_calls").map((t) => {
    const call: ChatToolCall = {
      type: "function",
      function: { name: str(t.name) ?? "", arguments: toolArguments(t.arguments) },
    };
    if (str(t.id)) call.id = str(t.id);
    return call;
  });
  if (calls.length) message.tool_calls = calls;
  return message;
}

const EVENT_ROLES: Record<string, string> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

function eventMessages(events: NormalizedSpanEvent[]): ChatMessage[] {
  return events
    .filter((e) => EVENT_ROLES[e.name] !== undefined)
    .map((e) => ({
      role: str(e.attributes.role) ?? EVENT_ROLES[e.name],
      content: jsonish(e.attributes.content) ?? null,
    }));
}
