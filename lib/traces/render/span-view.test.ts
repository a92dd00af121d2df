import { describe, expect, it } from "vitest";
import { mlflowDocuments } from "@/lib/traces/render/fixtures/documents";
import { openaiToolRequest, openaiToolResponse } from "@/lib/traces/render/fixtures/openai";
import { pickSpanView } from "@/lib/traces/render/span-view";

describe("pickSpanView", () => {
  it("shows retriever output as documents with the query string", () => {
    const view = pickSpanView({ spanType: "RETRIEVER", inputs: { query: "tracing" }, outputs: mlflowDocuments });
    expect(view.kind).toBe("documents");
    if (view.kind === "documents") {
      expect(view.query).toBe("tracing");
      expect(view.documents).toHaveLength(2);
    }
  });

  it("shows TOOL spans as a tool call named after the span", () => {
    expect(pickSpanView({ spanType: "TOOL", name: "get_weather", inputs: { city: "Oslo" }, outputs: "rain" })).toEqual({
      kind: "tool",
      call: { name: "get_weather", arguments: { city: "Oslo" }, result: "rain" },
    });
  });

  it("shows chats for LLM and untyped spans alike", () => {
    expect(pickSpanView({ spanType: "CHAT_MODEL", inputs: openaiToolRequest, outputs: openaiToolResponse }).kind).toBe(
      "chat",
    );
    expect(pickSpanView({ inputs: openaiToolRequest, outputs: openaiToolResponse }).kind).toBe("chat");
  });

  it("finds documents on untyped spans and falls back to raw", () => {
    expect(pickSpanView({ spanType: "CHAIN", inputs: "q", outputs: mlflowDocuments }).kind).toBe("documents");
    expect(pickSpanView({ spanType: "RETRIEVER", inputs: "q", outputs: { weird: true } })).toEqual({ kind: "raw" });
    expect(pickSpanView({ spanType: "LLM", inputs: { x: 1 }, outputs: 2 })).toEqual({ kind: "raw" });
  });
});
