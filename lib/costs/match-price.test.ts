import { describe, expect, it } from "vitest";
import { formatUsd, normalizeModelName, priceLookup, totalCost, usageByModel, usageCost } from "./match-price";

const prices = [
  { model: "gpt-4o", inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 },
  { model: "gpt-4o-mini", inputUsdPerMillion: 0.15, outputUsdPerMillion: 0.6 },
  { model: "claude-3-5-sonnet", inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
];

describe("price matching", () => {
  const lookup = priceLookup(prices);

  it("normalises provider paths, vendor prefixes and case", () => {
    expect(normalizeModelName(" OpenAI/GPT-4o ")).toBe("gpt-4o");
    expect(normalizeModelName("anthropic.claude-3-5-sonnet-20241022-v2:0")).toBe("claude-3-5-sonnet-20241022-v2:0");
  });

  it("takes the exact row, else the longest prefix followed by a separator", () => {
    expect(lookup("gpt-4o")?.model).toBe("gpt-4o");
    expect(lookup("gpt-4o-2024-08-06")?.model).toBe("gpt-4o");
    expect(lookup("gpt-4o-mini-2024-07-18")?.model).toBe("gpt-4o-mini");
    expect(lookup("anthropic.claude-3-5-sonnet-20241022-v2:0")?.model).toBe("claude-3-5-sonnet");
    // "gpt-4omni" is not a version of gpt-4o; unknown models have no price.
    expect(lookup("gpt-4omni")).toBeNull();
    expect(lookup("my-local-model")).toBeNull();
  });

  it("costs usage per million tokens and sums only priced models", () => {
    expect(usageCost({ model: "gpt-4o", inputTokens: 1000, outputTokens: 500 }, lookup)).toBeCloseTo(0.0075, 10);
    expect(usageCost({ model: "unknown", inputTokens: 1000, outputTokens: 500 }, lookup)).toBeNull();
    const total = totalCost(
      [
        { model: "gpt-4o-mini", inputTokens: 1_000_000, outputTokens: 0 },
        { model: "claude-3-5-sonnet", inputTokens: 0, outputTokens: 1_000_000 },
        { model: "unknown", inputTokens: 5, outputTokens: 5 },
      ],
      lookup,
    );
    expect(total).toBeCloseTo(15.15, 10);
    expect(totalCost([{ model: "unknown", inputTokens: 1, outputTokens: 1 }], lookup)).toBeNull();
  });

  it("formats dollars readably", () => {
    expect(formatUsd(0)).toBe("$0");
    expect(formatUsd(12.345)).toBe("$12.35");
    expect(formatUsd(0.0234)).toBe("$0.0234");
    expect(formatUsd(0.0000423)).toBe("$0.000042");
  });
});

describe("usageByModel", () => {
  it("sums tokens per normalised model and leaves out rows without a model or tokens", () => {
    expect(
      usageByModel([
        { model: "GPT-4o", inputTokens: 10, outputTokens: 5 },
        { model: "openai/gpt-4o", inputTokens: 1, outputTokens: null },
        { model: "claude-3", inputTokens: null, outputTokens: 7 },
        { model: null, inputTokens: 100, outputTokens: 100 },
        { model: "gpt-4o-mini", inputTokens: null, outputTokens: null },
      ]),
    ).toEqual([
      { model: "gpt-4o", inputTokens: 11, outputTokens: 5 },
      { model: "claude-3", inputTokens: 0, outputTokens: 7 },
    ]);
  });
});
