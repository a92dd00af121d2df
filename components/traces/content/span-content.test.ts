import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChatView } from "@/components/traces/content/chat-view";
import { DocumentList } from "@/components/traces/content/document-list";
import { JsonView } from "@/components/traces/content/json-view";
import { SpanContent, type SpanContentProps } from "@/components/traces/content/span-content";
import { mlflowDocuments } from "@/lib/traces/render/fixtures/documents";
import { openaiToolRequest, openaiToolResponse } from "@/lib/traces/render/fixtures/openai";

const renderSpan = (props: SpanContentProps) => renderToStaticMarkup(createElement(SpanContent, props));

describe("SpanContent", () => {
  it("renders an LLM span as a chat with pretty tool arguments", () => {
    const html = renderSpan({ spanType: "CHAT_MODEL", inputs: openaiToolRequest, outputs: openaiToolResponse });
    expect(html).toContain('aria-label="Conversation"');
    expect(html).toContain("It is sunny in Tokyo, 21 °C.");
    expect(html).toContain("get_weather");
    expect(html).toContain("{\n  &quot;city&quot;: &quot;Tokyo&quot;\n}");
    expect(html).toMatch(/aria-pressed="true"[^>]*>Formatted/);
  });

  it("renders a retriever span as documents with scores and sources", () => {
    const html = renderSpan({ spanType: "RETRIEVER", inputs: { query: "tracing" }, outputs: mlflowDocuments });
    expect(html).toContain("Documents (2)");
    expect(html).toContain("score 0.710");
    expect(html).toContain('href="https://mlflow.org/docs/latest/tracing"');
    expect(html).toContain("tracing");
  });

  it("renders a TOOL span as a tool call card", () => {
    const html = renderSpan({ spanType: "TOOL", spanName: "get_weather", inputs: { city: "Oslo" }, outputs: "rain" });
    expect(html).toContain("Tool call");
    expect(html).toContain("get_weather");
    expect(html).toContain("rain");
  });

  it("shows exact JSON in raw mode", () => {
    const html = renderSpan({ inputs: "hi", outputs: { a: 1 }, defaultMode: "raw" });
    expect(html).toContain("&quot;hi&quot;");
    expect(html).toMatch(/aria-pressed="true"[^>]*>Raw JSON/);
  });
});

describe("content components", () => {
  it("keeps hostile chat content and document sources inert", () => {
    const chat = renderToStaticMarkup(
      createElement(ChatView, {
        messages: [{ role: "assistant", content: "<img src=x onerror=alert(1)> [x](javascript:alert(1))" }],
      }),
    );
    expect(chat).not.toContain("onerror=");
    expect(chat).not.toContain("javascript:");
    const docs = renderToStaticMarkup(
      createElement(DocumentList, { documents: [{ content: "c", source: "javascript:alert(1)", metadata: {} }] }),
    );
    expect(docs).not.toContain("href=");
  });

  it("collapses long JSON", () => {
    const value = Array.from({ length: 50 }, (_, i) => i);
    const html = renderToStaticMarkup(createElement(JsonView, { value, collapsedLines: 5 }));
    expect(html).toContain("Show all (52 lines");
    expect(html).not.toContain("  49");
  });
});
