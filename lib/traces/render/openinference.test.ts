import { describe, expect, it } from "vitest";
import { normalizeConversation } from "@/lib/traces/render/conversation";
import { openinferenceInput, openinferenceOutput } from "@/lib/traces/render/fixtures/mlflow";
import { openinferenceNormalizer } from "@/lib/traces/render/openinference";

describe("openinference", () => {
  it("unwraps message, message_content and tool_call wrappers", () => {
    expect(normalizeConversation(openinferenceInput, openinferenceOutput)).toEqual([
      { role: "system", content: "Be helpful." },
      { role: "user", content: "Ping?" },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "call_p", name: "ping", arguments: { host: "example.com" } }],
      },
    ]);
  });

  it("already-unflattened plain messages are read (by the OpenAI reader)", () => {
    expect(openinferenceNormalizer.parseInput({ messages: [{ role: "user", content: "x" }] })).toBeNull();
    expect(normalizeConversation({ messages: [{ role: "user", content: "x" }] }, undefined)).toEqual([
      { role: "user", content: "x" },
    ]);
  });
});
