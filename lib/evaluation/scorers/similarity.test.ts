import { describe, expect, it } from "vitest";
import { ZRougeLConfig, ZTokenF1Config } from "@/lib/evaluation/schemas";
import { lcsLength, rougeL, rougeLScorer } from "@/lib/evaluation/scorers/rouge-l";
import { tokenF1, tokenF1Scorer } from "@/lib/evaluation/scorers/token-f1";

describe("token F1 (SQuAD)", () => {
  it("matches hand-computed values", () => {
    // "The cat sat on the mat." → [cat sat on mat]; "A cat sat on a mat" → [cat sat on mat]: F1 = 1.
    expect(tokenF1("The cat sat on the mat.", "A cat sat on a mat")).toBe(1);
    // pred [quick brown fox] (3), ref [quick red fox jumps] (4), common {quick, fox} = 2
    // P = 2/3, R = 2/4, F1 = 2·(2/3)·(1/2) / (2/3 + 1/2) = (2/3)/(7/6) = 4/7 ≈ 0.5714
    expect(tokenF1("the quick brown fox", "a quick red fox jumps")).toBeCloseTo(4 / 7, 10);
    // Multiplicity: pred [paris paris paris], ref [paris france]; common = min(3,1) = 1
    // P = 1/3, R = 1/2, F1 = 2·(1/6)/(5/6) = 2/5
    expect(tokenF1("Paris, Paris, Paris", "Paris France")).toBeCloseTo(0.4, 10);
    expect(tokenF1("dog", "cat")).toBe(0);
    // Both empty after normalisation ("the" and "a" are articles) → 1; one empty → 0.
    expect(tokenF1("the", "a")).toBe(1);
    expect(tokenF1("", "x")).toBe(0);
  });

  it("scorer: raw score, or pass/fail with a threshold", async () => {
    const input = {
      inputs: {},
      outputs: { choices: [{ message: { content: "the quick brown fox" } }] },
      expectations: { expected_response: "a quick red fox jumps" },
    };
    const raw = await tokenF1Scorer(ZTokenF1Config.parse({ type: "token_f1" })).score(input, {});
    expect(raw).toMatchObject({
      value: expect.closeTo(4 / 7, 10),
      rationale: "Token F1 = 0.571.",
      source: { type: "CODE", id: "token_f1" },
    });
    const gated = tokenF1Scorer(ZTokenF1Config.parse({ type: "token_f1", threshold: 0.5 }));
    expect((await gated.score(input, {})).value).toBe(true);
    const strict = tokenF1Scorer(ZTokenF1Config.parse({ type: "token_f1", threshold: 0.6 }));
    expect((await strict.score(input, {})).value).toBe(false);
    expect(await strict.score({ ...input, expectations: {} }, {})).toMatchObject({
      value: null,
      error: "expectations.expected_response is missing",
    });
  });
});

describe("ROUGE-L", () => {
  it("LCS on the textbook example", () => {
    // CLRS: X = ABCBDAB, Y = BDCABA, LCS length 4 (e.g. BCBA).
    expect(lcsLength([..."ABCBDAB"], [..."BDCABA"])).toBe(4);
    expect(lcsLength([], ["a"])).toBe(0);
  });

  it("matches hand-computed values", () => {
    // cand [police kill the gunman], ref [police killed the gunman]: LCS = police the gunman = 3
    // P = 3/4, R = 3/4, F = 0.75
    expect(rougeL("police kill the gunman", "police killed the gunman")).toBeCloseTo(0.75, 10);
    // cand [the gunman police killed] vs ref [police killed the gunman]: LCS = 2 ("police killed")
    // P = R = 2/4, F = 0.5
    expect(rougeL("the gunman police killed", "police killed the gunman")).toBeCloseTo(0.5, 10);
    // cand [a b c d e], ref [a c e]: LCS = 3, P = 3/5, R = 3/3, F = 2·0.6·1/1.6 = 0.75
    expect(rougeL("a b c d e", "a c e")).toBeCloseTo(0.75, 10);
    // Case and punctuation do not matter.
    expect(rougeL("Hello, World!", "hello world")).toBe(1);
    expect(rougeL("", "x")).toBe(0);
  });

  it("scorer with threshold and custom key", async () => {
    const s = rougeLScorer(
      ZRougeLConfig.parse({ type: "rouge_l", threshold: 0.7, expectedKey: "reference", name: "rl" }),
    );
    expect(s.name).toBe("rl");
    const r = await s.score(
      { inputs: {}, outputs: "police kill the gunman", expectations: { reference: "police killed the gunman" } },
      {},
    );
    expect(r).toMatchObject({
      value: true,
      rationale: "ROUGE-L F = 0.75 (threshold 0.7).",
      source: { type: "CODE", id: "rl" },
    });
  });
});
