import { describe, expect, it } from "vitest";
import { toPrettyJson } from "@/lib/traces/render/pretty-json";
import { safeUrl } from "@/lib/traces/render/safe-url";

describe("safeUrl", () => {
  it("allows http(s) and mailto", () => {
    expect(safeUrl("https://mlflow.org/docs")).toBe("https://mlflow.org/docs");
    expect(safeUrl(" http://example.com ")).toBe("http://example.com/");
    expect(safeUrl("mailto:a@example.com")).toBe("mailto:a@example.com");
  });

  it("drops script-capable, data and relative URLs", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      "  javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "/api/admin",
      "//evil.example/x",
      "#top",
      "",
      null,
      undefined,
    ]) {
      expect(safeUrl(url), String(url)).toBeNull();
    }
  });
});

describe("toPrettyJson", () => {
  it("pretty-prints, passes strings through and survives cycles and bigint", () => {
    expect(toPrettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(toPrettyJson("plain text")).toBe("plain text");
    expect(toPrettyJson(undefined)).toBe("undefined");
    const cyclic: Record<string, unknown> = { n: BigInt(5) };
    cyclic.self = cyclic;
    expect(toPrettyJson(cyclic)).toBe('{\n  "n": "5",\n  "self": "[Circular]"\n}');
  });
});
