import { describe, expect, it } from "vitest";
import { normalizeConversation } from "@/lib/traces/render/conversation";
import { geminiRequest } from "@/lib/traces/render/fixtures/gemini";
import { openaiToolRequest } from "@/lib/traces/render/fixtures/openai";
import { extractToolCalls, normalizeToolSpan } from "@/lib/traces/render/tool-calls";

describe("tool calls", () => {
  it("pairs calls with results by id", () => {
    const chat = normalizeConversation(openaiToolRequest, undefined) ?? [];
    expect(extractToolCalls(chat)).toEqual([
      {
        id: "call_bRNQ2ZycSlQAOKWomPbtaub4",
        name: "get_weather",
        arguments: { city: "Tokyo" },
        result: { temp_c: 21, sky: "sunny" },
      },
    ]);
  });

  it("pairs id-less Gemini calls by name", () => {
    const chat = normalizeConversation(geminiRequest, undefined) ?? [];
    expect(extractToolCalls(chat)).toEqual([{ name: "add", arguments: { a: 2, b: 2 }, result: { result: 4 } }]);
  });

  it("reads a TOOL span whose inputs are the kwargs", () => {
    expect(normalizeToolSpan({ city: "Tokyo", unit: "c" }, { temp: 21 }, "get_weather")).toEqual({
      name: "get_weather",
      arguments: { city: "Tokyo", unit: "c" },
      result: { temp: 21 },
    });
  });

  it("reads wrapped tool calls and LangChain ToolMessage outputs", () => {
    expect(
      normalizeToolSpan(
        { tool_call: { name: "multiply", args: { a: 6, b: 7 }, id: "call_m1", type: "tool_call" } },
        { type: "tool", content: "42", tool_call_id: "call_m1" },
        "multiply_tool",
      ),
    ).toEqual({ id: "call_m1", name: "multiply", arguments: { a: 6, b: 7 }, result: "42" });
    expect(
      normalizeToolSpan(
        { id: "call_1", type: "function", function: { name: "f", arguments: '{"x": 1}' } },
        null,
        "span",
      ),
    ).toEqual({ id: "call_1", name: "f", arguments: { x: 1 } });
  });

  it("keeps a kwarg called `name` as an argument when nothing else wraps it", () => {
    expect(normalizeToolSpan({ name: "Ada" }, "Hello Ada", "greet")).toEqual({
      name: "greet",
      arguments: { name: "Ada" },
      result: "Hello Ada",
    });
  });
});
