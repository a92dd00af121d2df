import { describe, expect, it } from "vitest";
import { agreementBeforeAfter, allAgree, answersAgree, disagreedQuestions } from "./compare";
import { goldAccuracy } from "../gold/accuracy";
import { capHeartbeat, MAX_HEARTBEAT_MS, median, summarizeThroughput } from "../throughput/active-time";

const cat = { type: "categorical" as const, options: ["good", "bad"] };
const multi = { type: "categorical_list" as const, options: ["a", "b", "c"] };
const num = { type: "numeric" as const };
const text = { type: "text" as const };

describe("answersAgree / allAgree", () => {
  it("compares categories exactly, multi-selects as sets, numbers within the tolerance", () => {
    expect(answersAgree(cat, "good", "good")).toBe(true);
    expect(answersAgree(cat, "good", "bad")).toBe(false);
    expect(answersAgree(multi, ["a", "b"], ["b", "a"])).toBe(true);
    expect(answersAgree(multi, ["a"], ["a", "b"])).toBe(false);
    expect(answersAgree(num, 3, 4, 1)).toBe(true);
    expect(answersAgree(num, 3, 4.5, 1)).toBe(false);
    expect(answersAgree(num, 0.1 + 0.2, 0.3)).toBe(true);
    expect(answersAgree(cat, undefined, "good")).toBe(false);
    // The spread of all numbers counts, not neighbours: 1, 2, 3 with tolerance 1 disagree.
    expect(allAgree(num, [1, 2, 3], 1)).toBe(false);
    expect(allAgree(num, [1, 2], 1)).toBe(true);
  });
});

describe("disagreedQuestions", () => {
  const qs = [
    { name: "v", input: cat },
    { name: "n", input: num },
    { name: "t", input: text },
  ];
  it("names the comparable questions two or more reviewers answered differently", () => {
    const labels = [
      { answers: { v: { value: "good" }, n: { value: 1 }, t: { value: "x" } } },
      { answers: { v: { value: "bad" }, n: { value: 2 }, t: { value: "y" } } },
    ];
    expect(disagreedQuestions(qs, labels, 1)).toEqual(["v"]);
    expect(disagreedQuestions(qs, labels, 0)).toEqual(["v", "n"]);
    // One answer is not a disagreement; free text never is.
    expect(disagreedQuestions(qs, [labels[0]!, { answers: {} }])).toEqual([]);
  });
});

describe("agreementBeforeAfter", () => {
  const l = (raterId: string, value: string) => ({ raterId, answers: { v: { value } } });
  const items = [
    { itemId: "1", labels: [l("a", "good"), l("b", "good")] },
    { itemId: "2", labels: [l("a", "good"), l("b", "bad")] },
    { itemId: "3", labels: [l("a", "bad"), l("b", "good")] },
    { itemId: "4", labels: [l("a", "bad")] },
  ];
  it("counts settled disagreements as agreed after adjudication", () => {
    const [row] = agreementBeforeAfter([{ name: "v", input: cat }], items, new Map([["2", { v: "good" }]]));
    expect(row).toMatchObject({
      schema: "v",
      items: 3,
      agreedBefore: 1,
      adjudicated: 1,
      percentBefore: 1 / 3,
      percentAfter: 2 / 3,
    });
    expect(agreementBeforeAfter([{ name: "v", input: cat }], [], new Map())[0]!.percentBefore).toBeNull();
  });

  it("recomputes Cohen's kappa and Krippendorff's alpha with settled items read as their final answer", () => {
    const [row] = agreementBeforeAfter([{ name: "v", input: cat }], items, new Map([["2", { v: "good" }]]));
    const kappa = row!.stats.find((s) => s.label === "Cohen's kappa")!;
    // Before: a = good good bad, b = good bad good → p_o 1/3, p_e 5/9, κ = -0.5.
    expect(kappa.before).toBeCloseTo(-0.5, 10);
    // After: item 2 reads good/good → p_o 2/3, p_e 2/3, κ = 0.
    expect(kappa.after).toBeCloseTo(0, 10);
    const alpha = row!.stats.find((s) => s.label === "Krippendorff's alpha (nominal)")!;
    expect(alpha.before).not.toBeNull();
    expect(alpha.after!).toBeGreaterThan(alpha.before!);
    // Nothing settled: after equals before.
    const [same] = agreementBeforeAfter([{ name: "v", input: cat }], items, new Map());
    expect(same!.stats.map((s) => s.after)).toEqual(same!.stats.map((s) => s.before));
  });

  it("uses the interval alpha for numbers and no statistic for multi-select answers", () => {
    const num = { type: "numeric" as const };
    const list = { type: "categorical_list" as const, options: ["x", "y"] };
    const n = (raterId: string, value: number) => ({ raterId, answers: { v: { value } } });
    const [row] = agreementBeforeAfter(
      [{ name: "v", input: num }],
      [
        { itemId: "1", labels: [n("a", 1), n("b", 5)] },
        { itemId: "2", labels: [n("a", 3), n("b", 3)] },
      ],
      new Map([["1", { v: 2 }]]),
    );
    expect(row!.stats.map((s) => s.label)).toEqual(["Krippendorff's alpha (interval)"]);
    expect(row!.stats[0]!.after).toBe(1);
    expect(agreementBeforeAfter([{ name: "v", input: list }], [], new Map())[0]!.stats).toEqual([]);
  });
});

describe("goldAccuracy", () => {
  it("scores each reviewer per question against the known answers only", () => {
    const gold = new Map([["g1", { v: "good", t: "Paris" }]]);
    const rows = goldAccuracy(
      [
        { name: "v", input: cat },
        { name: "t", input: text },
      ],
      gold,
      [
        { itemId: "g1", userId: "u1", email: "a@x", answers: { v: { value: "good" }, t: { value: " paris " } } },
        { itemId: "g1", userId: "u2", email: "b@x", answers: { v: { value: "bad" } } },
        { itemId: "other", userId: "u2", email: "b@x", answers: { v: { value: "bad" } } },
      ],
    );
    expect(rows).toEqual([
      { userId: "u1", email: "a@x", schema: "t", answered: 1, correct: 1, accuracy: 1 },
      { userId: "u1", email: "a@x", schema: "v", answered: 1, correct: 1, accuracy: 1 },
      { userId: "u2", email: "b@x", schema: "v", answered: 1, correct: 0, accuracy: 0 },
    ]);
  });
});

describe("active time", () => {
  it("caps each heartbeat and ignores nonsense", () => {
    expect(capHeartbeat(1500.4)).toBe(1500);
    expect(capHeartbeat(10 * MAX_HEARTBEAT_MS)).toBe(MAX_HEARTBEAT_MS);
    expect(capHeartbeat(-5)).toBe(0);
    expect(capHeartbeat(Number.NaN)).toBe(0);
  });
  it("summarises items per hour and the median from measured items only", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    const [a, b] = summarizeThroughput([
      { userId: "a", email: "a@x", activeMs: 30_000, completed: true },
      { userId: "a", email: "a@x", activeMs: 90_000, completed: true },
      { userId: "a", email: "a@x", activeMs: 0, completed: true },
      { userId: "b", email: "b@x", activeMs: 0, completed: true },
    ]);
    expect(a).toEqual({
      userId: "a",
      email: "a@x",
      completed: 3,
      activeMs: 120_000,
      itemsPerHour: 60,
      medianMs: 60_000,
    });
    expect(b).toMatchObject({ completed: 1, itemsPerHour: null, medianMs: null });
  });
});
