import { describe, expect, it } from "vitest";
import { summarizeAgreement, type SubmittedLabel } from "@/lib/labeling/agreement/summary";
import type { TLabelSchemaDefinition } from "@/lib/labeling/schemas";

const cat: TLabelSchemaDefinition = {
  name: "acc",
  type: "feedback",
  title: "Accurate?",
  enableComment: false,
  input: { type: "categorical", options: ["bad", "ok", "good"] },
};
const num: TLabelSchemaDefinition = {
  name: "score",
  type: "feedback",
  title: "Score",
  enableComment: false,
  input: { type: "numeric" },
};
const text: TLabelSchemaDefinition = {
  name: "ideal",
  type: "expectation",
  title: "Ideal",
  enableComment: false,
  input: { type: "text" },
};

const label = (itemId: string, userId: string, acc: string, score: number): SubmittedLabel => ({
  itemId,
  userId,
  answers: { acc: { value: acc }, score: { value: score }, ideal: { value: "x" } },
});

describe("summarizeAgreement", () => {
  it("reports Fleiss, Cohen (two raters) and alpha for categorical questions, and ranks disagreements", () => {
    // Two raters, 4 items: agree on i1, i2, i3; disagree on i4.
    const labels = [
      label("i1", "a", "good", 5),
      label("i1", "b", "good", 5),
      label("i2", "a", "bad", 1),
      label("i2", "b", "bad", 1),
      label("i3", "a", "ok", 3),
      label("i3", "b", "ok", 3),
      label("i4", "a", "good", 5),
      label("i4", "b", "bad", 1),
    ];
    const [acc, score, ideal] = summarizeAgreement([cat, num, text], labels);
    expect(acc.itemsWithMultipleLabels).toBe(4);
    expect(acc.stats.map((s) => s.label)).toEqual([
      "Fleiss' kappa",
      "Cohen's kappa",
      "Krippendorff's alpha (nominal)",
      "Krippendorff's alpha (ordinal, options in listed order)",
    ]);
    // Cohen: p_o = 3/4; marginals a = {good 2, bad 1, ok 1}, b = {good 1, bad 2, ok 1} → p_e = (2·1 + 1·2 + 1·1)/16 = 5/16.
    expect(acc.stats[1].value).toBeCloseTo((0.75 - 5 / 16) / (1 - 5 / 16), 10);
    expect(acc.disagreements).toEqual([{ itemId: "i4", score: 1, ratings: 2, summary: "good / bad" }]);
    expect(score.stats).toEqual([expect.objectContaining({ label: "Krippendorff's alpha (interval)" })]);
    expect(score.stats[0].value).toBeGreaterThan(0);
    expect(score.disagreements[0]).toMatchObject({ itemId: "i4", score: 8 });
    expect(ideal.stats).toEqual([]);
    expect(ideal.note).toMatch(/no standard agreement coefficient/);
  });

  it("explains why there is nothing to compute with one label per item", () => {
    const [acc] = summarizeAgreement([cat], [label("i1", "a", "good", 1), label("i2", "b", "bad", 1)]);
    expect(acc.stats).toEqual([]);
    expect(acc.note).toMatch(/No item has answers from two reviewers/);
  });
});
