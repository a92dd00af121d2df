import { describe, expect, it } from "vitest";
import { validateAnswers } from "@/lib/labeling/label-input";
import { formStateFrom, toAnswers, toDefinitions, type TFormSchema } from "@/lib/labeling/form-values";

const schemas: TFormSchema[] = [
  {
    name: "accuracy",
    type: "feedback",
    title: "Accurate?",
    instruction: null,
    enableComment: true,
    input: { type: "categorical", options: ["Accurate", "Inaccurate"] },
  },
  {
    name: "score",
    type: "feedback",
    title: "Score",
    instruction: null,
    enableComment: false,
    input: { type: "numeric", minValue: 1, maxValue: 5 },
  },
  {
    name: "facts",
    type: "expectation",
    title: "Facts",
    instruction: null,
    enableComment: false,
    input: { type: "text_list", maxCount: 2 },
  },
  {
    name: "tags",
    type: "feedback",
    title: "Tags",
    instruction: null,
    enableComment: false,
    input: { type: "categorical_list", options: ["a", "b"] },
  },
];

describe("review form values", () => {
  it("turns typed input into answers of the schema's types and leaves blanks out", () => {
    const state = formStateFrom(schemas, null);
    state.accuracy = { value: "Inaccurate", comment: " wrong " };
    state.score = { value: " 4 ", comment: "" };
    state.facts = { value: "first\n\n second \n", comment: "" };
    const answers = toAnswers(schemas, state);
    expect(answers).toEqual({
      accuracy: { value: "Inaccurate", comment: " wrong " },
      score: { value: 4 },
      facts: { value: ["first", "second"] },
    });
    expect(validateAnswers(toDefinitions(schemas), answers)).toEqual({
      ok: true,
      answers: {
        accuracy: { value: "Inaccurate", comment: "wrong" },
        score: { value: 4 },
        facts: { value: ["first", "second"] },
      },
    });
  });

  it("passes invalid input on so validation names the field", () => {
    const state = formStateFrom(schemas, null);
    state.score = { value: "9", comment: "" };
    state.facts = { value: "a\nb\nc", comment: "" };
    const result = validateAnswers(toDefinitions(schemas), toAnswers(schemas, state));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(["answers.score.value", "answers.facts.value"]);
  });

  it("restores a saved draft or submission into form state", () => {
    const state = formStateFrom(schemas, {
      facts: { value: ["x", "y"] },
      tags: { value: ["b"] },
      score: { value: 3 },
      nope: { value: 1 },
    });
    expect(state.facts.value).toBe("x\ny");
    expect(state.tags.value).toEqual(["b"]);
    expect(state.score.value).toBe("3");
    expect(state).not.toHaveProperty("nope");
  });
});
