import { describe, expect, it } from "vitest";
import { parseJsonLossless } from "@/lib/ingestion/mapping/json-values";
import { jsonDepthExceededAt, MAX_JSON_DEPTH, parseJsonWithLimits } from "./json-depth";

const nested = (n: number) => "[".repeat(n) + "]".repeat(n);

describe("JSON nesting limit", () => {
  it("accepts the limit and refuses one level more, wherever the brackets are", () => {
    expect(jsonDepthExceededAt(nested(MAX_JSON_DEPTH))).toBe(-1);
    expect(jsonDepthExceededAt(nested(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH);
    expect(jsonDepthExceededAt(`{"a":${nested(10_000)}}`)).toBeGreaterThan(0);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(jsonDepthExceededAt(JSON.stringify({ s: nested(10_000) }))).toBe(-1);
    expect(jsonDepthExceededAt(JSON.stringify({ s: `\\"${"[".repeat(5000)}` }))).toBe(-1);
  });

  it("10,000 levels are a 400 ValidationError, not a stack overflow; shallow JSON parses as before", () => {
    expect(() => parseJsonWithLimits(nested(10_000))).toThrow(/nests arrays\/objects deeper than 200 levels/);
    try {
      parseJsonWithLimits(`{"a":${nested(10_000)}}`);
    } catch (e) {
      expect((e as { status: number }).status).toBe(400);
    }
    expect(parseJsonWithLimits('{"a":[1,{"b":"]]]"}]}')).toEqual({ a: [1, { b: "]]]" }] });
    expect(() => parseJsonWithLimits("{oops")).toThrow(/not valid JSON/);
  });

  it("applies to OTLP JSON and traces.json (parseJsonLossless)", () => {
    expect(() => parseJsonLossless(`{"resourceSpans":${nested(10_000)}}`)).toThrow(/deeper than 200 levels/);
    expect(parseJsonLossless('{"t":1700000000000000000123}')).toEqual({ t: "1700000000000000000123" });
  });
});
