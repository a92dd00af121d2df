import { describe, expect, it } from "vitest";
import { summarizeAlignment, summarizeScores, verdictOf } from "@/lib/evaluation/runs/summary";

describe("run summary", () => {
  it("pass rate for yes/no and boolean scorers, mean for numeric ones, errors apart", () => {
    const s = summarizeScores(
      ["correctness", "exact", "f1", "unused"],
      [
        { scorerName: "correctness", value: "yes", error: null },
        { scorerName: "correctness", value: "no", error: null },
        { scorerName: "correctness", value: "yes", error: null },
        { scorerName: "correctness", value: null, error: "judge timed out" },
        { scorerName: "exact", value: true, error: null },
        { scorerName: "exact", value: false, error: null },
        { scorerName: "f1", value: 0.5, error: null },
        { scorerName: "f1", value: 1, error: null },
      ],
    );
    expect(s).toEqual([
      { name: "correctness", scored: 3, errors: 1, pass: 2, fail: 1, passRate: 2 / 3, mean: null },
      { name: "exact", scored: 2, errors: 0, pass: 1, fail: 1, passRate: 0.5, mean: null },
      { name: "f1", scored: 2, errors: 0, pass: 0, fail: 0, passRate: null, mean: 0.75 },
      { name: "unused", scored: 0, errors: 0, pass: 0, fail: 0, passRate: null, mean: null },
    ]);
  });
  it("reads verdicts", () => {
    expect([verdictOf("Yes"), verdictOf("no"), verdictOf(true), verdictOf("maybe"), verdictOf(1)]).toEqual([
      true,
      false,
      true,
      undefined,
      undefined,
    ]);
  });
  it("judge alignment counts agreeing human/judge pairs per name", () => {
    expect(
      summarizeAlignment([
        { traceId: "t1", name: "correctness", human: "yes", judge: "yes" },
        { traceId: "t2", name: "correctness", human: true, judge: "no" },
        { traceId: "t3", name: "correctness", human: "no", judge: "no" },
        { traceId: "t1", name: "tone", human: "Polite", judge: "polite" },
      ]),
    ).toEqual([
      { name: "correctness", pairs: 3, agree: 2, rate: 2 / 3 },
      { name: "tone", pairs: 1, agree: 1, rate: 1 },
    ]);
  });
});
