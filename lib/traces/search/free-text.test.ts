import { describe, expect, it } from "vitest";
import { FilterSyntaxError } from "@/lib/traces/search/errors";
import { isConditionSegment, splitAtAnd } from "@/lib/traces/search/free-text";
import { parseTraceFilter } from "@/lib/traces/search/parser";

const terms = (filter: string) => parseTraceFilter(filter).terms;

describe("free text in the filter", () => {
  it("reads words, quoted phrases and their positions", () => {
    expect(terms("GPU")).toEqual([{ text: "GPU", position: 0 }]);
    expect(terms('"refund policy"')).toEqual([{ text: "refund policy", position: 0 }]);
    expect(terms("GPU  'out of memory' gpt-4o café?")).toEqual([
      { text: "GPU", position: 0 },
      { text: "out of memory", position: 5 },
      { text: "gpt-4o", position: 21 },
      { text: "café?", position: 28 },
    ]);
  });

  it("combines words and conditions with AND, either way round", () => {
    const f = parseTraceFilter("GPU AND tags.env = 'prod'");
    expect(f.terms).toEqual([{ text: "GPU", position: 0 }]);
    expect(f.conditions).toMatchObject([{ key: { entity: "tag", key: "env" }, position: 8 }]);
    const g = parseTraceFilter("tags.env = 'prod' and \"a AND b\"");
    expect(g.terms).toEqual([{ text: "a AND b", position: 22 }]);
    expect(g.conditions).toHaveLength(1);
  });

  it("reads natural words that are also keywords as words", () => {
    expect(terms("GPU is slow")).toHaveLength(3);
    expect(terms("memory in GPU")).toHaveLength(3);
    expect(terms("android")).toEqual([{ text: "android", position: 0 }]);
  });

  it("classifies parts: a comparator symbol, an attribute with a keyword or a prefixed key make a condition", () => {
    expect(isConditionSegment("foo = 'a'")).toBe(true);
    expect(isConditionSegment("status IN ('OK')")).toBe(true);
    expect(isConditionSegment("name like 'x%'")).toBe(true);
    expect(isConditionSegment("tags.env")).toBe(true);
    expect(isConditionSegment("feedback.score > 0.5")).toBe(true);
    expect(isConditionSegment("GPU")).toBe(false);
    expect(isConditionSegment("status report")).toBe(false);
    expect(isConditionSegment('"status = OK"')).toBe(false);
  });

  it("splits at AND outside quotes and backticks only", () => {
    expect(splitAtAnd("a AND b").map((s) => s.text)).toEqual(["a ", "b"]);
    expect(splitAtAnd("tags.`x AND y` = 'p AND q' AND c").map((s) => s.text)).toEqual([
      "tags.`x AND y` = 'p AND q' ",
      "c",
    ]);
    expect(splitAtAnd("brand new").map((s) => s.text)).toEqual(["brand new"]);
  });

  it("refuses OR, unterminated and empty phrases, and an empty part", () => {
    const err = (filter: string) => {
      try {
        parseTraceFilter(filter);
      } catch (e) {
        expect(e).toBeInstanceOf(FilterSyntaxError);
        return e as FilterSyntaxError;
      }
      throw new Error("expected an error");
    };
    expect(err("GPU OR CPU")).toMatchObject({ position: 4, message: expect.stringMatching(/OR is not supported/) });
    expect(err('GPU "out of')).toMatchObject({ position: 4, message: expect.stringMatching(/unterminated string/) });
    expect(err('""').message).toMatch(/empty quoted phrase/);
    expect(err("GPU AND AND x").message).toMatch(/expected a key such as tags.env or status, or words/);
  });

  it("parses numeric comparisons on feedback and expectations", () => {
    expect(parseTraceFilter("feedback.score > 0.5").conditions[0]).toMatchObject({
      comparator: ">",
      value: { type: "number", value: 0.5 },
    });
    expect(parseTraceFilter("expectation.len <= '10'").conditions[0]).toMatchObject({
      comparator: "<=",
      value: { type: "number", value: 10 },
    });
    expect(() => parseTraceFilter("feedback.score > true")).toThrow(/expected a number/);
    expect(() => parseTraceFilter("tags.x > 1")).toThrow(/comparator '>' is not supported/);
  });
});
