import { describe, expect, it } from "vitest";
import { wilsonInterval, winRates } from "./win-rates";

describe("Wilson interval", () => {
  it("matches the textbook values", () => {
    // 8 of 10: the 95% Wilson interval is about [0.490, 0.943].
    const ci = wilsonInterval(8, 10);
    expect(ci.low).toBeCloseTo(0.4902, 3);
    expect(ci.high).toBeCloseTo(0.9433, 3);
    // 0 of 5 still has a non-zero upper bound (unlike the normal approximation).
    const zero = wilsonInterval(0, 5);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.4345, 3);
    // Symmetric at one half, and narrower with more data.
    const half = wilsonInterval(50, 100);
    expect(half.low + half.high).toBeCloseTo(1, 10);
    expect(wilsonInterval(500, 1000).high - wilsonInterval(500, 1000).low).toBeLessThan(half.high - half.low);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe("win rates", () => {
  it("counts wins, losses and ties (a tie is half a win for each side)", () => {
    const r = winRates(["A", "A", "B", "tie", "A"], { A: "v1", B: "v2" });
    expect(r.comparisons).toBe(5);
    const [a, b] = r.versions;
    expect(a).toMatchObject({ label: "v1", wins: 3, losses: 1, ties: 1, winRate: 0.7 });
    expect(b).toMatchObject({ label: "v2", wins: 1, losses: 3, ties: 1, winRate: 0.3 });
    expect(a.winRate! + b.winRate!).toBeCloseTo(1, 10);
    expect(a.ci!.low).toBeLessThan(0.7);
    expect(a.ci!.high).toBeGreaterThan(0.7);
    // The intervals mirror each other.
    expect(a.ci!.low).toBeCloseTo(1 - b.ci!.high, 10);
  });

  it("says nothing without comparisons", () => {
    const r = winRates([], { A: "x", B: "y" });
    expect(r.versions[0]).toMatchObject({ winRate: null, ci: null });
  });
});
