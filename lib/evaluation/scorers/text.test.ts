import { describe, expect, it } from "vitest";
import {
  extractAssistantText,
  getExpected,
  normalizeSquad,
  outputToText,
  rougeTokens,
} from "@/lib/evaluation/scorers/text";

describe("extractAssistantText", () => {
  it("recognises the common output shapes", () => {
    expect(extractAssistantText("plain")).toBe("plain");
    expect(
      extractAssistantText({ choices: [{ index: 0, message: { role: "assistant", content: "from openai" } }] }),
    ).toBe("from openai");
    expect(extractAssistantText({ choices: [{ text: "legacy completion" }] })).toBe("legacy completion");
    expect(
      extractAssistantText({
        messages: [
          { role: "user", content: "q" },
          { role: "assistant", content: "first" },
          {
            role: "assistant",
            content: [
              { type: "text", text: "last " },
              { type: "text", text: "one" },
            ],
          },
          { role: "tool", content: "tool result" },
        ],
      }),
    ).toBe("last one");
    expect(extractAssistantText([{ role: "assistant", content: "bare list" }])).toBe("bare list");
    expect(extractAssistantText({ content: "content field" })).toBe("content field");
    expect(extractAssistantText({ output: "o" })).toBe("o");
    expect(extractAssistantText({ answer: "a" })).toBe("a");
    expect(extractAssistantText({ response: { content: "nested" } })).toBe("nested");
  });

  it("returns undefined for unrecognised shapes; outputToText falls back to JSON", () => {
    expect(extractAssistantText({ foo: 1 })).toBeUndefined();
    expect(extractAssistantText({ answer: 42 })).toBeUndefined();
    expect(outputToText({ foo: 1 })).toBe('{"foo":1}');
    expect(outputToText(42)).toBe("42");
    expect(outputToText(null)).toBe("");
    expect(outputToText({ messages: [{ role: "user", content: "only user" }] })).toBe(
      '{"messages":[{"role":"user","content":"only user"}]}',
    );
  });
});

describe("normalisation", () => {
  it("SQuAD: lowercase, strip punctuation and articles, squeeze whitespace", () => {
    expect(normalizeSquad("  The Cat,   sat on A mat!  ")).toBe("cat sat on mat");
    expect(normalizeSquad("An apple's “theory”")).toBe("apples theory");
  });
  it("ROUGE: lowercase alphanumeric tokens, articles kept", () => {
    expect(rougeTokens("The cat's mat, 2024!")).toEqual(["the", "cat", "s", "mat", "2024"]);
  });
  it("getExpected reports a missing key", () => {
    expect(getExpected({ expected_response: "x" }, "expected_response")).toEqual({ ok: true, value: "x" });
    expect(getExpected({}, "answer")).toEqual({ ok: false, error: "expectations.answer is missing" });
  });
});
