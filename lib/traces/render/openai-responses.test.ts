import { describe, expect, it } from "vitest";
import { normalizeConversation } from "@/lib/traces/render/conversation";
import {
  agentsSdkOutput,
  responsesRequest,
  responsesResponse,
  responsesStringInput,
} from "@/lib/traces/render/fixtures/openai-responses";
import {
  openaiResponsesNormalizer,
  parseResponsesInput,
  parseResponsesOutput,
} from "@/lib/traces/render/openai-responses";

describe("openai responses api", () => {
  it("reads instructions, messages, function calls and outputs", () => {
    expect(parseResponsesInput(responsesRequest)).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "What is the weather like in Tokyo today?" },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "call_bRNQ", name: "get_weather", arguments: { city: "Tokyo" } }],
      },
      { role: "tool", content: "The weather in Tokyo is sunny.", toolCallId: "call_bRNQ" },
    ]);
  });

  it("reads output items and skips reasoning", () => {
    expect(parseResponsesOutput(responsesResponse)).toEqual([
      { role: "assistant", content: "The weather in Tokyo is currently sunny." },
    ]);
  });

  it("reads a string input when the request names a model", () => {
    expect(parseResponsesInput(responsesStringInput)).toEqual([{ role: "user", content: "Tell me a joke." }]);
    expect(openaiResponsesNormalizer.parseInput({ input: "not a responses call" })).toBeNull();
  });

  it("groups consecutive function calls from bare Agents SDK arrays", () => {
    expect(parseResponsesOutput(agentsSdkOutput)).toEqual([
      {
        role: "assistant",
        content: "",
        toolCalls: [
          { id: "call_a", name: "lookup_order", arguments: { order_id: 42 } },
          { id: "call_b", name: "lookup_customer", arguments: { id: 7 } },
        ],
      },
    ]);
  });

  it("leaves plain role lists and foreign output lists alone", () => {
    expect(openaiResponsesNormalizer.parseInput([{ role: "user", content: "hi" }])).toBeNull();
    expect(openaiResponsesNormalizer.parseOutput({ output: [{ score: 1 }] })).toBeNull();
  });

  it("works through normalizeConversation", () => {
    expect(normalizeConversation(responsesRequest, responsesResponse)?.map((m) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "assistant",
    ]);
  });
});
