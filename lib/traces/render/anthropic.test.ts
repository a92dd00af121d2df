import { describe, expect, it } from "vitest";
import { anthropicNormalizer, parseAnthropicInput, parseAnthropicOutput } from "@/lib/traces/render/anthropic";
import { normalizeConversation } from "@/lib/traces/render/conversation";
import {
  anthropicErrorToolResult,
  anthropicResponse,
  anthropicSystemBlocksRequest,
  anthropicToolRequest,
} from "@/lib/traces/render/fixtures/anthropic";
import { openaiToolRequest } from "@/lib/traces/render/fixtures/openai";

describe("anthropic messages", () => {
  it("reads system, tool_use and tool_result blocks (thinking dropped)", () => {
    expect(parseAnthropicInput(anthropicToolRequest)).toEqual([
      { role: "system", content: "You answer questions about the weather." },
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: "Let me check.",
        toolCalls: [{ id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", arguments: { city: "Paris" } }],
      },
      { role: "tool", content: "15 °C, cloudy", toolCallId: "toolu_01A09q90qw90lq917835lq9" },
      { role: "user", content: "And should I bring an umbrella?" },
    ]);
  });

  it("reads the response message", () => {
    expect(parseAnthropicOutput(anthropicResponse)).toEqual([
      { role: "assistant", content: "It is 15 °C and cloudy; an umbrella is a good idea." },
    ]);
  });

  it("joins system blocks and marks errored tool results", () => {
    expect(parseAnthropicInput(anthropicSystemBlocksRequest)).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
    ]);
    expect(parseAnthropicInput(anthropicErrorToolResult)).toEqual([
      { role: "assistant", content: "", toolCalls: [{ id: "toolu_2", name: "lookup", arguments: {} }] },
      { role: "tool", content: "Error: not found", toolCallId: "toolu_2" },
    ]);
  });

  it("does not claim OpenAI requests", () => {
    expect(anthropicNormalizer.parseInput(openaiToolRequest)).toBeNull();
    expect(anthropicNormalizer.parseInput({ messages: [{ role: "user", content: "hi" }] })).toBeNull();
    // A LangChain AIMessage carries the same blocks but no `role`.
    expect(anthropicNormalizer.parseOutput({ type: "ai", content: [{ type: "text", text: "x" }] })).toBeNull();
  });

  it("is picked by normalizeConversation end to end", () => {
    const chat = normalizeConversation(anthropicToolRequest, anthropicResponse);
    expect(chat?.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "user", "assistant"]);
  });
});
