import { describe, expect, it } from "vitest";
import { normalizeConversation } from "@/lib/traces/render/conversation";
import {
  langchainChatModelInput,
  langchainDumpdInput,
  langchainLegacyToolCallOutput,
  langchainLLMResult,
  langgraphInput,
  langgraphOutput,
} from "@/lib/traces/render/fixtures/langchain";
import { langchainNormalizer, parseLangChainInput, parseLangChainOutput } from "@/lib/traces/render/langchain";

describe("langchain", () => {
  it("reads chat-model [[messages]] input and LLMResult output", () => {
    expect(normalizeConversation(langchainChatModelInput, langchainLLMResult)).toEqual([
      { role: "system", content: "You are a pirate." },
      { role: "user", content: "Where is the treasure?" },
      { role: "assistant", content: "Arr, beneath the old oak!" },
    ]);
  });

  it("reads LangGraph history and does not duplicate the input", () => {
    expect(normalizeConversation(langgraphInput, langgraphOutput)).toEqual([
      { role: "user", content: "What is 6 * 7?" },
      { role: "assistant", content: "", toolCalls: [{ id: "call_m1", name: "multiply", arguments: { a: 6, b: 7 } }] },
      { role: "tool", content: "42", toolCallId: "call_m1", name: "multiply" },
      { role: "assistant", content: "6 * 7 = 42." },
    ]);
  });

  it("reads the dumpd constructor form", () => {
    expect(parseLangChainInput(langchainDumpdInput)).toEqual([{ role: "user", content: "Hello" }]);
  });

  it("falls back to additional_kwargs.tool_calls", () => {
    expect(parseLangChainOutput(langchainLegacyToolCallOutput)).toEqual([
      { role: "assistant", content: "", toolCalls: [{ id: "call_x", name: "get_time", arguments: { tz: "UTC" } }] },
    ]);
  });

  it("reads non-chat Generation text and AIMessageChunk", () => {
    expect(parseLangChainOutput({ generations: [[{ text: "plain", type: "Generation" }]] })).toEqual([
      { role: "assistant", content: "plain" },
    ]);
    expect(parseLangChainOutput({ type: "AIMessageChunk", content: "streamed" })).toEqual([
      { role: "assistant", content: "streamed" },
    ]);
  });

  it("needs at least one LangChain-typed message", () => {
    expect(langchainNormalizer.parseInput({ messages: [{ role: "user", content: "hi" }] })).toBeNull();
    expect(langchainNormalizer.parseInput([{ type: "function", function: { name: "f" } }])).toBeNull();
  });
});
