import { describe, expect, it } from "vitest";
import { buildAnswerValidator, isEditCompatible, validateAnswers } from "@/lib/labeling/label-input";
import type { TLabelSchemaDefinition, TLabelSchemaInput } from "@/lib/labeling/schemas";

const schema = (
  name: string,
  input: TLabelSchemaInput,
  extra: Partial<TLabelSchemaDefinition> = {},
): TLabelSchemaDefinition => ({
  name,
  type: "feedback",
  title: name,
  enableComment: false,
  input,
  ...extra,
});

const accuracy = schema(
  "accuracy",
  { type: "categorical", options: ["Accurate", "Partially Accurate", "Inaccurate"] },
  { enableComment: true },
);
const tags = schema("tags", { type: "categorical_list", options: ["math", "code", "chat"] });
const summary = schema("summary", { type: "text", maxLength: 5 });
const facts = schema("expected_facts", { type: "text_list", maxLengthEach: 10, maxCount: 2 }, { type: "expectation" });
const score = schema("score", { type: "numeric", minValue: 1, maxValue: 5 });
const all = [accuracy, tags, summary, facts, score];

const issuesOf = (answers: Record<string, unknown>, opts?: { requireAll?: boolean }) => {
  const r = validateAnswers(all, answers, opts);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe("validateAnswers", () => {
  it("returns typed values for valid answers, trimming text and dropping blank comments", () => {
    const r = validateAnswers(all, {
      accuracy: { value: "Accurate", comment: " fine " },
      tags: { value: ["math", "code"] },
      summary: { value: "  ok  " },
      expected_facts: { value: ["a", "b"] },
      score: { value: 4.5, comment: "" },
    });
    expect(r).toEqual({
      ok: true,
      answers: {
        accuracy: { value: "Accurate", comment: "fine" },
        tags: { value: ["math", "code"] },
        summary: { value: "ok" },
        expected_facts: { value: ["a", "b"] },
        score: { value: 4.5 },
      },
    });
  });

  it("categorical: names the unknown option and lists the allowed ones", () => {
    expect(issuesOf({ accuracy: { value: "Great" } })).toEqual([
      "answers.accuracy.value: 'Great' is not one of: Accurate, Partially Accurate, Inaccurate",
    ]);
    expect(issuesOf({ accuracy: { value: 3 } })).toEqual([
      "answers.accuracy.value: must be one of: Accurate, Partially Accurate, Inaccurate",
    ]);
  });

  it("categorical_list: unknown, repeated and empty selections", () => {
    expect(issuesOf({ tags: { value: ["math", "poetry"] } })).toEqual([
      "answers.tags.value[1]: 'poetry' is not one of: math, code, chat",
    ]);
    expect(issuesOf({ tags: { value: ["math", "math"] } })).toEqual([
      "answers.tags.value[1]: 'math' is selected more than once",
    ]);
    expect(issuesOf({ tags: { value: [] } })).toEqual(["answers.tags.value: must select at least one option"]);
  });

  it("text: over maxLength and blank", () => {
    expect(issuesOf({ summary: { value: "too long" } })).toEqual([
      "answers.summary.value: must be at most 5 characters",
    ]);
    expect(issuesOf({ summary: { value: "   " } })).toEqual(["answers.summary.value: must not be empty"]);
  });

  it("text_list: too many entries and an entry over maxLengthEach", () => {
    expect(issuesOf({ expected_facts: { value: ["a", "b", "c"] } })).toEqual([
      "answers.expected_facts.value: must have at most 2 entries",
    ]);
    expect(issuesOf({ expected_facts: { value: ["a", "x".repeat(11)] } })).toEqual([
      "answers.expected_facts.value[1]: must be at most 10 characters",
    ]);
  });

  it("numeric: out of range, not a number, not finite", () => {
    expect(issuesOf({ score: { value: 6 } })).toEqual(["answers.score.value: must be at most 5"]);
    expect(issuesOf({ score: { value: 0 } })).toEqual(["answers.score.value: must be at least 1"]);
    expect(issuesOf({ score: { value: "3" } })).toEqual(["answers.score.value: must be a number"]);
    expect(issuesOf({ score: { value: Number.POSITIVE_INFINITY } })).toContain(
      "answers.score.value: must be a finite number",
    );
  });

  it("rejects comments where they are disabled, unknown questions, and (optionally) missing ones", () => {
    expect(issuesOf({ score: { value: 3, comment: "hmm" } })).toEqual([
      "answers.score.comment: comments are not enabled for this question",
    ]);
    expect(issuesOf({ accuracyy: { value: "Accurate" } })[0]).toMatch(
      /^answers\.accuracyy: is not a question of this session/,
    );
    expect(issuesOf({ score: { value: 3 } }, { requireAll: true })).toEqual([
      "answers.accuracy: is required",
      "answers.tags: is required",
      "answers.summary: is required",
      "answers.expected_facts: is required",
    ]);
    expect(issuesOf({ score: {} })).toEqual(["answers.score.value: must be a number"]);
  });

  it("buildAnswerValidator works on its own (for forms)", () => {
    expect(buildAnswerValidator(score).safeParse({ value: 2 }).success).toBe(true);
    expect(buildAnswerValidator(score).safeParse({ value: 9 }).success).toBe(false);
  });
});

describe("isEditCompatible", () => {
  it("allows free changes to title, instruction and enableComment, and widening edits", () => {
    expect(
      isEditCompatible(accuracy, { ...accuracy, title: "New", instruction: "**Read**", enableComment: false }),
    ).toEqual({ ok: true });
    expect(
      isEditCompatible(accuracy, {
        ...accuracy,
        input: { type: "categorical", options: ["Inaccurate", "Accurate", "Partially Accurate", "N/A"] },
      }),
    ).toEqual({ ok: true });
    expect(isEditCompatible(summary, { ...summary, input: { type: "text" } })).toEqual({ ok: true });
    expect(isEditCompatible(score, { ...score, input: { type: "numeric", minValue: 0, maxValue: 10 } })).toEqual({
      ok: true,
    });
  });

  it("refuses narrowing edits with one clear sentence each", () => {
    expect(
      isEditCompatible(accuracy, { ...accuracy, input: { type: "categorical", options: ["Accurate", "Wrong"] } }),
    ).toEqual({
      ok: false,
      reasons: ["Options can be added but not removed or renamed: 'Partially Accurate', 'Inaccurate' are missing."],
    });
    expect(isEditCompatible(summary, { ...summary, input: { type: "text", maxLength: 3 } })).toEqual({
      ok: false,
      reasons: ["The maximum length can grow but not shrink (from 5 characters to 3 characters)."],
    });
    const r = isEditCompatible(facts, { ...facts, input: { type: "text_list", maxLengthEach: 5, maxCount: 1 } });
    expect(r.ok ? [] : r.reasons).toHaveLength(2);
    expect(isEditCompatible(score, { ...score, input: { type: "numeric", minValue: 2 } })).toEqual({
      ok: false,
      reasons: ["The minimum can be lowered but not raised (from 1 to 2)."],
    });
    const unbounded = schema("n", { type: "numeric" });
    expect(isEditCompatible(unbounded, { ...unbounded, input: { type: "numeric", maxValue: 10 } })).toEqual({
      ok: false,
      reasons: ["The maximum can be raised but not lowered (from no maximum to 10)."],
    });
  });

  it("never allows a change of name, schema type or input type", () => {
    const r = isEditCompatible(score, { ...score, name: "rating", type: "expectation", input: { type: "text" } });
    expect(r.ok ? [] : r.reasons).toEqual([
      "The name can't change from 'score' to 'rating': it is the name of the labels already recorded.",
      "The schema type can't change from feedback to expectation: existing labels were recorded as feedback.",
      "The input type can't change from numeric to text: existing labels would no longer fit it.",
    ]);
  });

  it("with existing values, allows any edit that keeps those values valid", () => {
    const narrower = { ...accuracy, input: { type: "categorical" as const, options: ["Accurate", "Inaccurate"] } };
    expect(isEditCompatible(accuracy, narrower, { existingValues: ["Accurate", "Inaccurate"] })).toEqual({ ok: true });
    expect(isEditCompatible(accuracy, narrower, { existingValues: ["Accurate", "Partially Accurate"] })).toEqual({
      ok: false,
      reasons: ['1 existing label is not valid under the new input: "Partially Accurate".'],
    });
  });
});
