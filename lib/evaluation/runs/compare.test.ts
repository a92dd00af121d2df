import { describe, expect, it } from "vitest";
import { countChanges, rowChange, scoreDeltas } from "@/lib/evaluation/runs/compare";

const s = (scorerName: string, value: unknown, error: string | null = null) => ({ scorerName, value, error });

describe("comparing two runs row by row", () => {
  it("scores verdicts as 1/0 and numbers as themselves", () => {
    const d = scoreDeltas(
      ["correct", "f1", "tone", "latency"],
      [s("correct", "no"), s("f1", 0.9), s("tone", "formal"), s("latency", null, "timeout")],
      [s("correct", "yes"), s("f1", 0.5), s("tone", "casual"), s("latency", true)],
    );
    expect(d.map((x) => [x.scorerName, x.change, x.delta])).toEqual([
      ["correct", "worse", -1],
      ["f1", "better", 0.4],
      ["tone", "changed", null],
      ["latency", "n/a", null],
    ]);
  });

  it("calls a row a regression when any scorer got worse, an improvement when only better", () => {
    expect(rowChange(scoreDeltas(["a", "b"], [s("a", 0), s("b", 1)], [s("a", 1), s("b", 0)]))).toBe("regression");
    expect(rowChange(scoreDeltas(["a", "b"], [s("a", 1), s("b", 1)], [s("a", 1), s("b", 0)]))).toBe("improvement");
    expect(rowChange(scoreDeltas(["a"], [s("a", true)], [s("a", "yes")]))).toBe("unchanged");
    expect(rowChange(null)).toBe("unmatched");
  });

  it("counts each kind", () => {
    expect(countChanges(["regression", "regression", "improvement", "unmatched"])).toEqual({
      regression: 2,
      improvement: 1,
      unchanged: 0,
      unmatched: 1,
    });
  });
});
