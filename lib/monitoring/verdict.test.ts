import { describe, expect, it } from "vitest";
import { bucketMsFor, isSampled, overallPass, shouldRoute, utcDayStart, verdictOf } from "@/lib/monitoring/verdict";

describe("isSampled", () => {
  it("keeps all at 1, none at 0, and is stable per (rule, trace)", () => {
    expect(isSampled("r", "t", 1)).toBe(true);
    expect(isSampled("r", "t", 0)).toBe(false);
    expect(isSampled("r1", "tr-abc", 0.5)).toBe(isSampled("r1", "tr-abc", 0.5));
  });
  it("samples close to the rate", () => {
    let kept = 0;
    for (let i = 0; i < 4000; i++) if (isSampled("rule-x", `tr-${i}`, 0.25)) kept++;
    expect(kept / 4000).toBeGreaterThan(0.21);
    expect(kept / 4000).toBeLessThan(0.29);
  });
});

describe("verdicts", () => {
  it("reads booleans and yes/no", () => {
    expect([verdictOf(true), verdictOf("yes"), verdictOf(false), verdictOf("no"), verdictOf(0.4)]).toEqual([
      true,
      true,
      false,
      false,
      null,
    ]);
  });
  it("fails when any scorer fails, ignores errors and numbers", () => {
    expect(
      overallPass([
        { name: "a", value: "yes" },
        { name: "b", value: false },
      ]),
    ).toBe(false);
    expect(
      overallPass([
        { name: "a", value: "yes" },
        { name: "b", value: 0.2 },
      ]),
    ).toBe(true);
    expect(overallPass([{ name: "a", value: null, error: "boom" }])).toBeNull();
  });
});

describe("shouldRoute", () => {
  const results = [
    { name: "safety", value: "no" },
    { name: "f1", value: 0.3 },
    { name: "broken", value: null, error: "judge timed out" },
  ];
  it("routes on a judge's no, a low score, or user feedback", () => {
    expect(shouldRoute({ kind: "judge_no", scorer: "safety" }, results, false)).toBe(true);
    expect(shouldRoute({ kind: "score_below", scorer: "f1", threshold: 0.5 }, results, false)).toBe(true);
    expect(shouldRoute({ kind: "score_below", scorer: "f1", threshold: 0.3 }, results, false)).toBe(false);
    expect(shouldRoute({ kind: "user_feedback_false" }, results, true)).toBe(true);
    expect(shouldRoute({ kind: "user_feedback_false" }, results, false)).toBe(false);
  });
  it("does not route on an error or an unknown scorer", () => {
    expect(shouldRoute({ kind: "judge_no", scorer: "broken" }, results, false)).toBe(false);
    expect(shouldRoute({ kind: "judge_no", scorer: "missing" }, results, false)).toBe(false);
  });
});

describe("time windows", () => {
  it("cuts days in UTC and picks hourly buckets for short ranges", () => {
    expect(utcDayStart(new Date("2026-03-04T23:59:59.000Z")).toISOString()).toBe("2026-03-04T00:00:00.000Z");
    expect(bucketMsFor(1)).toBe(3600_000);
    expect(bucketMsFor(7)).toBe(86_400_000);
  });
});
