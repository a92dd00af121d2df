import { describe, expect, it } from "vitest";
import { normalizeConversation } from "@/lib/traces/render/conversation";
import {
  geminiCamelRequest,
  geminiRequest,
  geminiResponse,
  geminiStringRequest,
} from "@/lib/traces/render/fixtures/gemini";
import { geminiNormalizer, parseGeminiInput, parseGeminiOutput } from "@/lib/traces/render/gemini";

describe("gemini", () => {
  it("reads contents with function calls and responses", () => {
    expect(parseGeminiInput(geminiRequest)).toEqual([
      { role: "system", content: "You are a maths tutor." },
      { role: "user", content: "What's 2+2? Use the calculator." },
      { role: "assistant", content: "", toolCalls: [{ id: "", name: "add", arguments: { a: 2, b: 2 } }] },
      { role: "tool", content: '{"result":4}', name: "add" },
    ]);
  });

  it("reads the first candidate and drops thought parts", () => {
    expect(parseGeminiOutput(geminiResponse)).toEqual([{ role: "assistant", content: "2 + 2 = 4." }]);
  });

  it("reads camelCase and string contents", () => {
    expect(parseGeminiInput(geminiCamelRequest)).toEqual([
      { role: "system", content: "Be nice." },
      { role: "user", content: "Hi" },
    ]);
    expect(normalizeConversation(geminiStringRequest, geminiResponse)).toEqual([
      { role: "user", content: "Why is the sky blue?" },
      { role: "assistant", content: "2 + 2 = 4." },
    ]);
  });

  it("ignores a lone `contents` string kwarg", () => {
    expect(geminiNormalizer.parseInput({ contents: "file body" })).toBeNull();
    expect(geminiNormalizer.parseOutput({ candidates: [] })).toBeNull();
  });
});
