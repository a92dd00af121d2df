import { describe, expect, it } from "vitest";
import { ZJudgeEndpointConfig, ZScorerConfig, type TScorerConfigInput } from "@/lib/evaluation/schemas";
import { createScorer } from "@/lib/evaluation/scorer-registry";
import { isClose, parseNumber } from "@/lib/evaluation/scorers/numeric-tolerance";
import { jsonDeepEqual } from "@/lib/evaluation/scorers/json-equal";
import type { ScorerInput, ScorerTrace } from "@/lib/evaluation/scorers/types";

const scorer = (config: TScorerConfigInput) => createScorer(ZScorerConfig.parse(config));
const run = (
  config: TScorerConfigInput,
  outputs: unknown,
  expectations: Record<string, unknown> = {},
  trace?: ScorerTrace,
) => scorer(config).score({ inputs: { q: "?" }, outputs, expectations, trace } satisfies ScorerInput, {});

describe("exact_match", () => {
  it("compares trimmed text, optionally case-insensitively", async () => {
    expect(await run({ type: "exact_match" }, "  Paris\n", { expected_response: "Paris" })).toMatchObject({
      value: true,
      source: { type: "CODE", id: "exact_match" },
    });
    expect((await run({ type: "exact_match" }, "paris", { expected_response: "Paris" })).value).toBe(false);
    expect((await run({ type: "exact_match", ignoreCase: true }, "paris", { expected_response: "Paris" })).value).toBe(
      true,
    );
    const chat = {
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: "42" },
      ],
    };
    expect((await run({ type: "exact_match", expectedKey: "answer" }, chat, { answer: 42 })).value).toBe(true);
    expect(await run({ type: "exact_match" }, "x")).toEqual({
      value: null,
      error: "expectations.expected_response is missing",
      source: { type: "CODE", id: "exact_match" },
    });
  });
});

describe("contains", () => {
  it("checks one or several expected substrings", async () => {
    expect((await run({ type: "contains" }, "Paris is in France", { expected_response: "France" })).value).toBe(true);
    const some = await run({ type: "contains" }, "Paris is lovely", { expected_response: ["Paris", "France"] });
    expect(some).toMatchObject({ value: false, rationale: 'Found 1 of 2; missing: "France".' });
    expect(
      (await run({ type: "contains", mode: "any" }, "Paris is lovely", { expected_response: ["Paris", "France"] }))
        .value,
    ).toBe(true);
    expect((await run({ type: "contains" }, "PARIS", { expected_response: "paris" })).value).toBe(false);
    expect((await run({ type: "contains", ignoreCase: true }, "PARIS", { expected_response: "paris" })).value).toBe(
      true,
    );
    expect((await run({ type: "contains" }, "x", { expected_response: [""] })).error).toMatch(/no non-empty strings/);
  });
});

describe("numeric_tolerance", () => {
  it("parses numbers out of text, rejecting ambiguity", () => {
    expect(parseNumber(" 3.5 ")).toEqual({ ok: true, value: 3.5 });
    expect(parseNumber("The total is $1,234.50.")).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber("-2e3")).toEqual({ ok: true, value: -2000 });
    expect(parseNumber({ answer: 42 })).toEqual({ ok: true, value: 42 });
    expect(parseNumber("between 3 and 5")).toEqual({ ok: false, error: "ambiguous: 2 numbers found" });
    expect(parseNumber("none")).toEqual({ ok: false, error: "no number found" });
  });

  it("isClose follows math.isclose", () => {
    expect(isClose(1, 1, 0, 0)).toBe(true);
    expect(isClose(101, 100, 0, 0.01)).toBe(true); // |1| ≤ 0.01·101 = 1.01
    expect(isClose(102, 100, 0, 0.01)).toBe(false); // |2| > 0.01·102 = 1.02
    expect(isClose(0.5, 0, 0.5, 0)).toBe(true);
  });

  it("scores with absolute and relative tolerance", async () => {
    expect(
      (await run({ type: "numeric_tolerance", absTol: 0.01 }, "3.14", { expected_response: "3.14159" })).value,
    ).toBe(true); // |0.00159| ≤ 0.01
    expect(
      (await run({ type: "numeric_tolerance", absTol: 0.001 }, "3.14", { expected_response: 3.14159 })).value,
    ).toBe(false);
    expect(
      (await run({ type: "numeric_tolerance", relTol: 0.01 }, "about 101 units", { expected_response: 100 })).value,
    ).toBe(true);
    expect((await run({ type: "numeric_tolerance" }, "1,234.50", { expected_response: 1234.5 })).value).toBe(true);
    expect(await run({ type: "numeric_tolerance" }, "3 or 5", { expected_response: 3 })).toMatchObject({
      value: false,
      rationale: expect.stringMatching(/ambiguous/),
    });
    expect(await run({ type: "numeric_tolerance" }, "3", { expected_response: "n/a" })).toMatchObject({
      value: null,
      error: "expectations.expected_response: no number found",
    });
  });
});

describe("json_equal", () => {
  it("deep equality ignores key order, not array order", () => {
    expect(jsonDeepEqual({ a: 1, b: { c: [1, { d: null }] } }, { b: { c: [1, { d: null }] }, a: 1 })).toBe(true);
    expect(jsonDeepEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonDeepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonDeepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonDeepEqual({ a: [] }, { a: {} })).toBe(false);
    expect(jsonDeepEqual(1, "1")).toBe(false);
  });

  it("accepts JSON text, fenced JSON, chat shapes and structured outputs", async () => {
    const expected = { expected_response: { a: { x: "s", y: null }, b: [1, 2] } };
    expect((await run({ type: "json_equal" }, '{"b":[1,2],"a":{"y":null,"x":"s"}}', expected)).value).toBe(true);
    expect(
      (await run({ type: "json_equal" }, '```json\n{"b":[1,2],"a":{"x":"s","y":null}}\n```', expected)).value,
    ).toBe(true);
    const chat = { choices: [{ message: { content: '{"a":{"x":"s","y":null},"b":[1,2]}' } }] };
    expect((await run({ type: "json_equal" }, chat, expected)).value).toBe(true);
    expect((await run({ type: "json_equal" }, '{"b":[2,1],"a":{"x":"s","y":null}}', expected)).value).toBe(false);
    expect((await run({ type: "json_equal" }, { b: 2, a: 1 }, { expected_response: '{"a":1,"b":2}' })).value).toBe(
      true,
    );
    expect(await run({ type: "json_equal" }, "not json", expected)).toMatchObject({
      value: false,
      rationale: expect.stringMatching(/^Output is not valid JSON/),
    });
  });
});

describe("trace scorers", () => {
  const trace = (latencyMs: number | null, state = "OK"): ScorerTrace => ({ latencyMs, state });
  it("latency ≤ maxMs", async () => {
    expect(await run({ type: "latency", maxMs: 1500 }, "", {}, trace(1500))).toMatchObject({
      value: true,
      rationale: "Latency 1500 ms ≤ 1500 ms.",
    });
    expect((await run({ type: "latency", maxMs: 1500 }, "", {}, trace(2000))).value).toBe(false);
    expect((await run({ type: "latency", maxMs: 1500 }, "", {}, trace(null))).error).toMatch(/no latency/);
    expect((await run({ type: "latency", maxMs: 1500 }, "")).error).toBe("latency needs the trace");
  });
  it("no_error", async () => {
    expect((await run({ type: "no_error" }, "", {}, trace(1, "OK"))).value).toBe(true);
    expect(await run({ type: "no_error" }, "", {}, trace(1, "ERROR"))).toMatchObject({
      value: false,
      rationale: "Trace ended in ERROR.",
    });
    expect((await run({ type: "no_error" }, "")).error).toBe("no_error needs the trace");
  });
});

describe("schemas and registry", () => {
  it("applies defaults and rejects bad configs", () => {
    expect(ZScorerConfig.parse({ type: "token_f1" })).toEqual({ type: "token_f1", expectedKey: "expected_response" });
    expect(ZScorerConfig.safeParse({ type: "token_f1", threshold: 2 }).success).toBe(false);
    expect(ZScorerConfig.safeParse({ type: "guidelines", guidelines: [] }).success).toBe(false);
    expect(ZScorerConfig.safeParse({ type: "latency" }).success).toBe(false);
    expect(ZScorerConfig.safeParse({ type: "bleu" }).success).toBe(false);
    expect(ZJudgeEndpointConfig.parse({ baseUrl: "http://localhost:11434/v1", model: "llama3" })).toEqual({
      baseUrl: "http://localhost:11434/v1",
      model: "llama3",
      timeoutMs: 30_000,
      maxRetries: 3,
    });
    expect(ZJudgeEndpointConfig.safeParse({ baseUrl: "file:///etc/passwd", model: "m" }).success).toBe(false);
  });

  it("builds the right kind of scorer", () => {
    expect(scorer({ type: "rouge_l" })).toMatchObject({ name: "rouge_l", kind: "CODE" });
    expect(scorer({ type: "safety", name: "harmless" })).toMatchObject({ name: "harmless", kind: "LLM_JUDGE" });
  });
});
