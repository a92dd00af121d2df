import { describe, expect, it } from "vitest";
import { labelKey, pickHumanLabel } from "@/lib/assessments/human-label";

const adjudicated = { "tracelight.adjudicated": "true" };

describe("pickHumanLabel", () => {
  it("has no label without values", () => {
    expect(pickHumanLabel([])).toEqual({ kind: "none" });
    expect(pickHumanLabel([{ value: null, createdAt: 1 }])).toEqual({ kind: "none" });
  });

  it("takes one reviewer's label, or several that agree", () => {
    expect(pickHumanLabel([{ value: "yes", createdAt: 1 }])).toEqual({
      kind: "label",
      value: "yes",
      adjudicated: false,
    });
    expect(
      pickHumanLabel([
        { value: true, createdAt: 1 },
        { value: " Yes ", createdAt: 2 },
      ]),
    ).toMatchObject({
      kind: "label",
      adjudicated: false,
    });
  });

  it("calls reviewers who disagree 'experts disagree'", () => {
    expect(
      pickHumanLabel([
        { value: "yes", createdAt: 1 },
        { value: "no", createdAt: 2 },
      ]),
    ).toEqual({
      kind: "experts_disagree",
      values: ["yes", "no"],
    });
  });

  it("prefers the newest adjudicated label over disagreeing reviewers", () => {
    const pick = pickHumanLabel([
      { value: "yes", createdAt: 1 },
      { value: "no", createdAt: 2 },
      { value: "yes", createdAt: 3, metadata: adjudicated },
      { value: "no", createdAt: 4, metadata: { "tracelight.adjudicated": "false" } },
    ]);
    expect(pick).toEqual({ kind: "label", value: "yes", adjudicated: true });
    expect(
      pickHumanLabel([
        { value: "no", createdAt: 5, metadata: adjudicated },
        { value: "yes", createdAt: 3, metadata: adjudicated },
      ]),
    ).toEqual({ kind: "label", value: "no", adjudicated: true });
  });

  it("compares verdicts, numbers and text", () => {
    expect(labelKey(false)).toBe("no");
    expect(labelKey("PASS")).toBe("yes");
    expect(labelKey(3)).toBe("3");
    expect(labelKey(" Billing ")).toBe("billing");
  });
});
