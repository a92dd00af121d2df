import { describe, expect, it } from "vitest";
import { eventData, parseChunk, splitEvents } from "./sse";

const chunk = (content: string) => JSON.stringify({ model: "m", choices: [{ delta: { content } }] });

describe("agent stream parsing", () => {
  it("splits complete events and keeps the unfinished rest", () => {
    const { events, rest } = splitEvents(`data: ${chunk("He")}\n\ndata: ${chunk("llo")}\r\n\r\ndata: {"cho`);
    expect(events).toHaveLength(2);
    expect(rest).toBe('data: {"cho');
  });

  it("joins multi-line data and ignores comments", () => {
    expect(eventData(": keep-alive")).toBeNull();
    expect(eventData("event: x\ndata: a\ndata: b")).toBe("a\nb");
  });

  it("reads deltas, the end marker, usage and errors", () => {
    expect(parseChunk(chunk("Hi"))).toMatchObject({ delta: "Hi", done: false, model: "m" });
    expect(parseChunk("[DONE]")).toEqual({ delta: "", done: true });
    expect(
      parseChunk(JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 5 } })),
    ).toMatchObject({
      usage: { input: 3, output: 5 },
    });
    expect(parseChunk(JSON.stringify({ error: { message: "overloaded" } }))).toMatchObject({
      error: "overloaded",
      done: true,
    });
    expect(parseChunk("not json").error).toMatch(/not JSON/);
    expect(parseChunk(JSON.stringify({ choices: [{ delta: { role: "assistant" } }] })).delta).toBe("");
  });
});
