import { describe, expect, it } from "vitest";
import { normalizeConversation } from "@/lib/traces/render/conversation";
import { anthropicToolRequest } from "@/lib/traces/render/fixtures/anthropic";
import { openaiToolRequest, openaiToolResponse } from "@/lib/traces/render/fixtures/openai";

describe("normalizeConversation", () => {
  it("returns null when nothing matches", () => {
    expect(normalizeConversation({ query: "hi" }, { answer: "there" })).toBeNull();
    expect(normalizeConversation("hi", "there")).toBeNull();
    expect(normalizeConversation(null, undefined)).toBeNull();
    expect(normalizeConversation([1, 2], { choices: "nope" })).toBeNull();
  });

  it("does not show a lone reply without its prompt", () => {
    expect(normalizeConversation({ question: "hi" }, openaiToolResponse)).toBeNull();
  });

  it("accepts an output-only full history", () => {
    expect(
      normalizeConversation(
        { thread_id: "t1" },
        {
          messages: [
            { role: "user", content: "a" },
            { role: "assistant", content: "b" },
          ],
        },
      ),
    ).toEqual([
      { role: "user", content: "a" },
      { role: "assistant", content: "b" },
    ]);
  });

  it("combines input and output from the same provider", () => {
    const chat = normalizeConversation(openaiToolRequest, openaiToolResponse);
    expect(chat?.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "assistant"]);
    expect(chat?.at(-1)).toEqual({ role: "assistant", content: "It is sunny in Tokyo, 21 °C." });
  });

  it("honours the mlflow.message.format hint without breaking other formats", () => {
    expect(normalizeConversation(anthropicToolRequest, null, { format: "anthropic" })?.[0]).toEqual({
      role: "system",
      content: "You answer questions about the weather.",
    });
    expect(normalizeConversation(openaiToolRequest, null, { format: "gemini" })?.length).toBe(4);
  });
});
