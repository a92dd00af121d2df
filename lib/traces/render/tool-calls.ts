import type { ChatMessage, ToolInvocation } from "@/lib/traces/render/types";
import { asString, isRecord, parseMaybeJson } from "@/lib/traces/render/util";

/**
 * Tool calls for display: from a conversation (assistant `toolCalls` paired with the `tool`
 * message that answers them) and from TOOL spans (name + arguments from the span inputs).
 */

/**
 * Every tool call in a conversation, in order, with its result when a tool message answers it.
 * Pairing is by call id; providers without ids (Gemini) fall back to the next unanswered result
 * with the same tool name.
 */
export function extractToolCalls(messages: ChatMessage[]): ToolInvocation[] {
  const results = messages.filter((m) => m.role === "tool");
  const used = new Set<ChatMessage>();
  const calls: ToolInvocation[] = [];
  for (const message of messages) {
    for (const call of message.toolCalls ?? []) {
      const match =
        results.find((r) => !used.has(r) && call.id !== "" && r.toolCallId === call.id) ??
        results.find((r) => !used.has(r) && !r.toolCallId && call.id === "" && r.name === call.name);
      const invocation: ToolInvocation = { name: call.name, arguments: call.arguments };
      if (call.id) invocation.id = call.id;
      if (match) {
        used.add(match);
        invocation.result = parseMaybeJson(match.content);
      }
      calls.push(invocation);
    }
  }
  return calls;
}

/** Reads `{name, arguments}`-like wrappers that frameworks put around a tool's arguments. */
function unwrapCall(inputs: Record<string, unknown>): { id?: string; name?: string; arguments: unknown } | null {
  const call = isRecord(inputs.tool_call) ? inputs.tool_call : inputs;
  const fn = isRecord(call.function) ? call.function : call;
  const name = asString(fn.name) ?? asString(call.tool_name) ?? asString(call.tool);
  const args = fn.arguments ?? fn.args ?? call.tool_input ?? call.input;
  // Only a wrapper when it names the tool *and* carries arguments; otherwise the inputs are the kwargs.
  if (!name || args === undefined) return null;
  return { id: asString(call.id) ?? asString(call.call_id), name, arguments: parseMaybeJson(args) };
}

/**
 * A TOOL span as one invocation. MLflow's `@mlflow.trace(span_type="TOOL")` logs the function's
 * kwargs as inputs, so by default the span name is the tool name and the inputs are the arguments.
 */
export function normalizeToolSpan(inputs: unknown, outputs: unknown, spanName?: string | null): ToolInvocation {
  const wrapped = isRecord(inputs) ? unwrapCall(inputs) : null;
  const invocation: ToolInvocation = wrapped
    ? { name: wrapped.name ?? null, arguments: wrapped.arguments }
    : { name: spanName ?? null, arguments: parseMaybeJson(inputs) };
  if (wrapped?.id) invocation.id = wrapped.id;
  if (outputs !== undefined && outputs !== null) {
    // LangChain tools return a ToolMessage; its content is the result people care about.
    const isToolMessage = isRecord(outputs) && outputs.type === "tool" && "content" in outputs;
    invocation.result = isToolMessage ? parseMaybeJson((outputs as Record<string, unknown>).content) : outputs;
  }
  return invocation;
}
