import { describe, expect, it } from "vitest";
import { anthropicResponse, anthropicToolRequest } from "@/lib/traces/render/fixtures/anthropic";
import { langgraphInput, langgraphOutput } from "@/lib/traces/render/fixtures/langchain";
import { openaiToolRequest } from "@/lib/traces/render/fixtures/openai";
import { extractTraceSummary } from "@/lib/traces/render/summary";

describe("trace summary", () => {
  it("uses the last user message and the final assistant reply", () => {
    expect(extractTraceSummary(anthropicToolRequest, anthropicResponse)).toEqual({
      question: "And should I bring an umbrella?",
      answer: "It is 15 °C and cloudy; an umbrella is a good idea.",
    });
    expect(extractTraceSummary(langgraphInput, langgraphOutput)).toEqual({
      question: "What is 6 * 7?",
      answer: "6 * 7 = 42.",
    });
  });

  it("does not treat an assistant turn before the question as its answer", () => {
    expect(
      extractTraceSummary(
        {
          messages: [
            { role: "assistant", content: "Hi!" },
            { role: "user", content: "Bye?" },
          ],
        },
        null,
      ),
    ).toEqual({
      question: "Bye?",
      answer: null,
    });
  });

  it("falls back to field names", () => {
    expect(extractTraceSummary({ query: "What is MLflow?", k: 3 }, { answer: "A platform." })).toEqual({
      question: "What is MLflow?",
      answer: "A platform.",
    });
    expect(
      extractTraceSummary({ inputs: { question: "Nested?" } }, { output: { response: { content: "Deep." } } }),
    ).toEqual({
      question: null,
      answer: "Deep.",
    });
    expect(
      extractTraceSummary(
        { prompt: "Haiku please" },
        { choices: [{ message: { role: "assistant", content: "Leaves fall." } }] },
      ),
    ).toEqual({
      question: "Haiku please",
      answer: "Leaves fall.",
    });
  });

  it("reads bare strings and single-field inputs", () => {
    expect(extractTraceSummary("hello", "world")).toEqual({ question: "hello", answer: "world" });
    expect(extractTraceSummary({ q: "hi" }, { text: "  " })).toEqual({ question: "hi", answer: null });
  });

  it("uses a given chat and the outputs when the chat has no reply", () => {
    const chat = [{ role: "user" as const, content: "Given?" }];
    expect(extractTraceSummary(openaiToolRequest, { result: "From fields." }, chat)).toEqual({
      question: "Given?",
      answer: "From fields.",
    });
  });

  it("returns nulls when nothing is readable", () => {
    expect(extractTraceSummary({ a: 1, b: 2 }, [1, 2, 3])).toEqual({ question: null, answer: null });
    expect(extractTraceSummary(undefined, undefined)).toEqual({ question: null, answer: null });
  });

  it("reads the answer from an agent's output-only message list", () => {
    // The outputs alone are one assistant message: no user turn to anchor the answer to.
    expect(
      extractTraceSummary(null, { messages: [{ role: "assistant", content: "Order ACM-1 is in transit." }] }),
    ).toEqual({
      question: null,
      answer: "Order ACM-1 is in transit.",
    });
  });
});
