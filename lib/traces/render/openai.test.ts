import { describe, expect, it } from "vitest";
import { normalizeConversation } from "@/lib/traces/render/conversation";
import {
  mlflowChatCompletionRequest,
  mlflowChatCompletionResponse,
  openaiToolCallResponse,
  openaiToolRequest,
  openaiToolResponse,
} from "@/lib/traces/render/fixtures/openai";
import { openaiChatNormalizer, parseOpenAIChatInput, parseOpenAIChatOutput } from "@/lib/traces/render/openai";

describe("openai chat completions", () => {
  it("reads a request with parts, tool calls and tool results", () => {
    expect(parseOpenAIChatInput(openaiToolRequest)).toEqual([
      { role: "system", content: "You are a helpful weather assistant." },
      { role: "user", content: "What's the weather in Tokyo?\n[image]" },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "call_bRNQ2ZycSlQAOKWomPbtaub4", name: "get_weather", arguments: { city: "Tokyo" } }],
      },
      { role: "tool", content: '{"temp_c": 21, "sky": "sunny"}', toolCallId: "call_bRNQ2ZycSlQAOKWomPbtaub4" },
    ]);
  });

  it("reads the first choice of a response", () => {
    expect(parseOpenAIChatOutput(openaiToolResponse)).toEqual([
      { role: "assistant", content: "It is sunny in Tokyo, 21 °C." },
    ]);
  });

  it("keeps unparsable tool arguments as the raw string", () => {
    expect(parseOpenAIChatOutput(openaiToolCallResponse)).toEqual([
      { role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "search_docs", arguments: "{not json" }] },
    ]);
  });

  it("reads MLflow ChatCompletion request/response", () => {
    expect(normalizeConversation(mlflowChatCompletionRequest, mlflowChatCompletionResponse)).toEqual([
      { role: "user", content: "Summarise MLflow in one line." },
      { role: "assistant", content: "MLflow manages the ML lifecycle." },
    ]);
  });

  it("maps developer → system and legacy function_call", () => {
    expect(
      parseOpenAIChatInput({
        messages: [
          { role: "developer", content: "Rules." },
          { role: "assistant", content: null, function_call: { name: "f", arguments: '{"x":1}' } },
          { role: "function", name: "f", content: "ok" },
        ],
      }),
    ).toEqual([
      { role: "system", content: "Rules." },
      { role: "assistant", content: "", toolCalls: [{ id: "", name: "f", arguments: { x: 1 } }] },
      { role: "tool", content: "ok", name: "f" },
    ]);
  });

  it("reads legacy completions text choices", () => {
    expect(parseOpenAIChatOutput({ choices: [{ text: "done" }] })).toEqual([{ role: "assistant", content: "done" }]);
  });

  it("rejects non-chat values", () => {
    expect(openaiChatNormalizer.parseInput({ messages: [] })).toBeNull();
    expect(openaiChatNormalizer.parseInput({ messages: [{ foo: 1 }] })).toBeNull();
    expect(openaiChatNormalizer.parseInput({ messages: [{ role: "wizard", content: "x" }] })).toBeNull();
    expect(openaiChatNormalizer.parseInput("hello")).toBeNull();
    expect(openaiChatNormalizer.parseOutput({ choices: [] })).toBeNull();
    expect(openaiChatNormalizer.parseOutput({ answer: "x" })).toBeNull();
  });
});
