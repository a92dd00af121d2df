import { describe, expect, it } from "vitest";
import { assessmentValueCandidates, literalText, spanAttributeFragments } from "@/lib/traces/search/json-values";

describe("assessmentValueCandidates", () => {
  it("matches raw JSON primitives", () => {
    expect(assessmentValueCandidates({ type: "boolean", value: false })).toEqual(["false"]);
    expect(assessmentValueCandidates({ type: "number", value: 5, text: "5" })).toEqual(["5", "5.0"]);
    expect(assessmentValueCandidates({ type: "number", value: 0.5, text: "0.50" })).toEqual(["0.50", "0.5"]);
  });

  it("matches a quoted word as a JSON string, and an already JSON-quoted string as is", () => {
    expect(assessmentValueCandidates({ type: "string", value: "yes" })).toEqual(['"yes"']);
    expect(assessmentValueCandidates({ type: "string", value: '"yes"' })).toEqual(['"yes"']);
    expect(assessmentValueCandidates({ type: "string", value: 'say "hi"' })).toEqual(['"say \\"hi\\""']);
  });

  it("matches quoted primitives both as the primitive and as a JSON string", () => {
    expect(assessmentValueCandidates({ type: "string", value: "5" })).toEqual(["5", "5.0", '"5"']);
    expect(assessmentValueCandidates({ type: "string", value: "true" })).toEqual(["true", '"true"']);
  });
});

describe("spanAttributeFragments", () => {
  it("matches string values by their closing quote", () => {
    expect(spanAttributeFragments("model", { type: "string", value: "gpt-4" })).toEqual([
      '"model":"gpt-4"',
      '"model": "gpt-4"',
    ]);
  });

  it("matches primitive values followed by a separator, in both forms", () => {
    expect(spanAttributeFragments("t", { type: "number", value: 0.7, text: "0.7" })).toEqual([
      '"t":"0.7"',
      '"t":0.7,',
      '"t":0.7}',
      '"t": "0.7"',
      '"t": 0.7,',
      '"t": 0.7}',
    ]);
  });
});

describe("literalText", () => {
  it("writes literals as text", () => {
    expect(literalText({ type: "number", value: 1, text: "1.0" })).toBe("1.0");
    expect(literalText({ type: "boolean", value: true })).toBe("true");
  });
});
