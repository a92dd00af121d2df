import { describe, expect, it } from "vitest";
import { parseJsonLossless, parseJsonOrRaw } from "./json-values";

describe("parseJsonLossless", () => {
  it("keeps integers beyond 2^53 exact as strings and leaves other numbers alone", () => {
    expect(
      parseJsonLossless(
        '{"t": 1795468678057000001, "n": -9223372036854775807, "s": 9007199254740991, "f": 1.5e300, "d": 12345678901234567.5}',
      ),
    ).toEqual({
      t: "1795468678057000001",
      n: "-9223372036854775807",
      s: 9007199254740991,
      f: 1.5e300,
      d: 12345678901234567.5,
    });
  });

  it("does not touch digits inside strings, including escaped quotes", () => {
    expect(parseJsonLossless('["a \\" 1795468678057000001 \\\\", 1795468678057000001]')).toEqual([
      'a " 1795468678057000001 \\',
      "1795468678057000001",
    ]);
  });

  it("still rejects invalid JSON", () => {
    expect(() => parseJsonLossless("{1795468678057000001}")).toThrow(SyntaxError);
    expect(() => parseJsonLossless('"unterminated')).toThrow(SyntaxError);
  });
});

describe("parseJsonOrRaw", () => {
  it("is MLflow's json.loads-or-raw", () => {
    expect(parseJsonOrRaw('"LLM"')).toBe("LLM");
    expect(parseJsonOrRaw("LLM")).toBe("LLM");
    expect(parseJsonOrRaw("[1, 2]")).toEqual([1, 2]);
  });
});
