import { describe, expect, it } from "vitest";
import type { NormalizedSpanEvent } from "@/lib/ingestion/types";
import chat from "./fixtures/genai-chat.json";
import events from "./fixtures/genai-events.json";
import legacy from "./fixtures/genai-legacy.json";
import tool from "./fixtures/genai-tool.json";
import { mapGenAiAttributes } from "./genai";

describe("mapGenAiAttributes", () => {
  it("reads parts-based input/output messages, system instructions and tool calls", () => {
    const m = mapGenAiAttributes(chat.attributes);
    expect(m.spanType).toBe("CHAT_MODEL");
    expect(m.inputs).toEqual({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Weather in Paris?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          ],
        },
        { role: "tool", content: "18C", tool_call_id: "call_1" },
      ],
    });
    expect(m.outputs).toEqual({
      choices: [{ index: 0, message: { role: "assistant", content: "It is 18C in Paris." }, finish_reason: "stop" }],
    });
    // The response model (what actually ran) wins over the requested alias.
    expect([m.model, m.inputTokens, m.outputTokens, m.sessionId]).toEqual(["gpt-4o-2024-08-06", 57, 9, "conv-9"]);
  });

  it("reads the older flattened prompt/completion attributes and token names", () => {
    const m = mapGenAiAttributes(legacy.attributes);
    expect(m.spanType).toBe("LLM");
    expect(m.inputs).toEqual({ messages: [{ role: "user", content: "Say hi" }] });
    expect(m.outputs).toEqual({
      choices: [{ index: 0, message: { role: "assistant", content: "Hi!" }, finish_reason: "stop" }],
    });
    expect([m.model, m.inputTokens, m.outputTokens]).toEqual(["gpt-3.5-turbo-instruct", 3, 2]);
  });

  it("reads messages from span events", () => {
    const m = mapGenAiAttributes(events.attributes, events.events as NormalizedSpanEvent[]);
    expect(m.spanType).toBeUndefined();
    expect(m.inputs).toEqual({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
    });
    expect(m.outputs).toEqual({
      choices: [{ index: 0, message: { role: "assistant", content: "Hello" }, finish_reason: "end_turn" }],
    });
    expect(m.model).toBe("claude-3-5-sonnet");
  });

  it("maps execute_tool spans with call arguments and result", () => {
    const m = mapGenAiAttributes(tool.attributes);
    expect([m.spanType, m.inputs, m.outputs]).toEqual(["TOOL", { city: "Paris" }, "18C"]);
  });

  it.each([
    ["invoke_agent", "AGENT"],
    ["create_agent", "AGENT"],
    ["embeddings", "EMBEDDING"],
    ["generate_content", "LLM"],
  ])("maps operation %s to %s", (op, type) => {
    expect(mapGenAiAttributes({ "gen_ai.operation.name": op }).spanType).toBe(type);
  });
});
