import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/evaluation/datasets/csv";
import { inputsHash, pythonJsonDumps } from "@/lib/evaluation/datasets/inputs-hash";
import { parseCsvRecords, parseJsonl } from "@/lib/evaluation/datasets/parse-upload";

describe("inputs hash (MLflow's sha256 of json.dumps(inputs, sort_keys=True))", () => {
  it("serialises like Python: sorted keys, ', ' and ': ' separators, non-ASCII escaped", () => {
    expect(pythonJsonDumps({ b: 1, a: [true, null, "x"], c: { z: 1.5, y: "é" } })).toBe(
      '{"a": [true, null, "x"], "b": 1, "c": {"y": "\\u00e9", "z": 1.5}}',
    );
  });
  it("is the same for the same inputs in any key order, different otherwise", () => {
    // sha256('{"question": "hi"}'), computed with Python's hashlib.
    expect(inputsHash({ question: "hi" })).toBe("573c68a405e781e2fa435b98227e14943d67d5f88acbdfe3edf9f22c3ecdf6b0");
    expect(inputsHash({ a: 1, b: 2 })).toBe(inputsHash({ b: 2, a: 1 }));
    expect(inputsHash({ a: 1 })).not.toBe(inputsHash({ a: "1" }));
  });
});

describe("CSV reader", () => {
  it("handles quotes, doubled quotes, commas and line breaks inside cells, CRLF and a BOM", () => {
    const rows = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n');
    expect(rows).toEqual([
      { row: 1, cells: ["a", "b"] },
      { row: 2, cells: ["x, y", 'say "hi"'] },
      { row: 3, cells: ["multi\nline", "2"] },
    ]);
  });
  it("reports an unclosed quote", () => {
    expect(() => parseCsv('a\n"open')).toThrow(/row 2 .*never closed/);
  });
});

describe("uploads", () => {
  it("parses JSONL and names the bad lines", () => {
    expect(parseJsonl('{"inputs":{"q":"a"},"expectations":{"expected_response":"A"}}\n\n{"inputs":{"q":"b"}}')).toEqual(
      [
        { inputs: { q: "a" }, expectations: { expected_response: "A" }, tags: {} },
        { inputs: { q: "b" }, expectations: {}, tags: {} },
      ],
    );
    expect(() => parseJsonl('{"inputs":{"q":"a"}}\n{nope\n{"inputs":{}}\n{"expectations":{}}')).toThrow(
      /3 invalid lines: line 2: not valid JSON.*\| line 3: inputs: must have at least one key \| line 4: inputs:/,
    );
  });
  it("maps CSV columns to inputs and expectations and names the bad rows", () => {
    const recs = parseCsvRecords(
      "question,expected_response,expectations.max,inputs.n,sourceTraceId\nWhy?,Because,3,7,tr-0123456789abcdef0123456789abcdef\n",
    );
    expect(recs).toEqual([
      {
        inputs: { question: "Why?", n: 7 },
        expectations: { expected_response: "Because", max: 3 },
        tags: {},
        sourceTraceId: "tr-0123456789abcdef0123456789abcdef",
      },
    ]);
    expect(() => parseCsvRecords("question,expected_response\nok,fine\nonly-one-cell\n,missing-input\n")).toThrow(
      /row 3: has 1 cells, the header has 2 \| row 4: inputs: must have at least one key/,
    );
    expect(() => parseCsvRecords("inputs\nnot json\n")).toThrow(/row 2: column 'inputs' must hold JSON/);
  });
});
