import { describe, expect, it } from "vitest";
import {
  ZAddSessionItemsBody,
  ZCreateLabelSchemaBody,
  ZCreateLabelSchemaBodyCompat,
  ZCreateLabelingSessionBody,
  ZSubmitLabelsBody,
  ZUpdateLabelSchemaBody,
  fromStoredInput,
  toStoredInput,
} from "@/lib/labeling/schemas";

const base = { name: "accuracy", type: "feedback", title: "Is the answer accurate?" };
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("ZCreateLabelSchemaBody", () => {
  it("accepts each input type and fills defaults", () => {
    for (const input of [
      { type: "categorical", options: ["Accurate", "Inaccurate"] },
      { type: "categorical_list", options: ["a", "b"] },
      { type: "text", maxLength: 200 },
      { type: "text_list", maxLengthEach: 50, maxCount: 5 },
      { type: "numeric", minValue: 1, maxValue: 5 },
      { type: "numeric" },
    ]) {
      const r = ZCreateLabelSchemaBody.safeParse({ ...base, input });
      expect(r.success, JSON.stringify(messages(r))).toBe(true);
      expect(r.data).toMatchObject({ enableComment: false, overwrite: false });
    }
  });

  it("rejects '.' in names (MLflow assessment names) and over-long names", () => {
    expect(messages(ZCreateLabelSchemaBody.safeParse({ ...base, name: "a.b", input: { type: "text" } }))[0]).toMatch(
      /^name: .*'\.'/,
    );
    expect(ZCreateLabelSchemaBody.safeParse({ ...base, name: "x".repeat(151), input: { type: "text" } }).success).toBe(
      false,
    );
    expect(ZCreateLabelSchemaBody.safeParse({ ...base, name: "relevance-v2_1", input: { type: "text" } }).success).toBe(
      true,
    );
  });

  it("rejects empty, duplicate and too many options", () => {
    const opts = (options: string[]) =>
      messages(ZCreateLabelSchemaBody.safeParse({ ...base, input: { type: "categorical", options } }));
    expect(opts([])).toEqual(["input.options: must have at least one option"]);
    expect(opts(["a", " "])).toEqual(["input.options.1: must not be empty"]);
    expect(opts(["a", "b", "a"])).toEqual(["input.options.2: 'a' is listed more than once"]);
    expect(opts(Array.from({ length: 51 }, (_, i) => `o${i}`))).toEqual([
      "input.options: must have at most 50 options",
    ]);
  });

  it("rejects minValue above maxValue, unknown input types and a bad schema type", () => {
    expect(
      messages(ZCreateLabelSchemaBody.safeParse({ ...base, input: { type: "numeric", minValue: 5, maxValue: 1 } })),
    ).toEqual(["input.minValue: must not be greater than maxValue"]);
    expect(ZCreateLabelSchemaBody.safeParse({ ...base, input: { type: "slider" } }).success).toBe(false);
    expect(messages(ZCreateLabelSchemaBody.safeParse({ ...base, type: "issue", input: { type: "text" } }))[0]).toMatch(
      /^type: /,
    );
  });
});

describe("ZCreateLabelSchemaBodyCompat (MLflow / Databricks JSON)", () => {
  it("accepts the Databricks review-app shape with the input keyed at the top level", () => {
    const r = ZCreateLabelSchemaBodyCompat.safeParse({
      ...base,
      type: "FEEDBACK",
      categorical: { options: ["Yes", "No"] },
    });
    expect(r.success).toBe(true);
    expect(r.data?.input).toEqual({ type: "categorical", options: ["Yes", "No"] });
    expect(r.data?.type).toBe("feedback");
  });
  it("accepts a keyed input object", () => {
    const r = ZCreateLabelSchemaBodyCompat.safeParse({
      ...base,
      type: "EXPECTATION",
      input: { text_list: { maxCount: 3 } },
    });
    expect(r.data?.input).toEqual({ type: "text_list", maxCount: 3 });
  });
});

describe("ZUpdateLabelSchemaBody", () => {
  it("refuses to change the name or type and needs at least one field", () => {
    expect(ZUpdateLabelSchemaBody.safeParse({ type: "expectation" }).success).toBe(false);
    expect(ZUpdateLabelSchemaBody.safeParse({ name: "other" }).success).toBe(false);
    expect(messages(ZUpdateLabelSchemaBody.safeParse({}))).toEqual([": must change at least one field"]);
    expect(ZUpdateLabelSchemaBody.safeParse({ instruction: null }).success).toBe(true);
  });
});

describe("storage mapping", () => {
  it("round-trips every input through inputType/inputConfig", () => {
    const input = { type: "text_list", maxLengthEach: 10, maxCount: 2 } as const;
    const stored = toStoredInput(input);
    expect(stored).toEqual({ inputType: "TEXT_LIST", inputConfig: '{"max_length_each":10,"max_count":2}' });
    expect(fromStoredInput(stored.inputType, stored.inputConfig)).toEqual(input);
  });
});

describe("session contracts", () => {
  it("fills labeling session defaults", () => {
    const r = ZCreateLabelingSessionBody.parse({ name: "Week 12", labelSchemas: ["accuracy"] });
    expect(r).toEqual({
      name: "Week 12",
      labelSchemas: ["accuracy"],
      assignedUsers: [],
      labelsPerItem: 1,
      openToAllReviewers: false,
    });
    expect(ZCreateLabelingSessionBody.safeParse({ name: "x", labelSchemas: ["a"], labelsPerItem: 0 }).success).toBe(
      false,
    );
  });

  it("takes traceIds or a filter, exactly one", () => {
    expect(ZAddSessionItemsBody.safeParse({ traceIds: ["tr-1"] }).success).toBe(true);
    expect(ZAddSessionItemsBody.safeParse({ filter: "tags.env = 'prod'" }).success).toBe(true);
    expect(ZAddSessionItemsBody.safeParse({}).success).toBe(false);
    expect(ZAddSessionItemsBody.safeParse({ traceIds: ["tr-1"], filter: "x" }).success).toBe(false);
    expect(ZAddSessionItemsBody.safeParse({ traceIds: [] }).success).toBe(false);
  });

  it("accepts answers keyed by schema name", () => {
    expect(ZSubmitLabelsBody.safeParse({ answers: { accuracy: { value: "Accurate", comment: "ok" } } }).success).toBe(
      true,
    );
    expect(ZSubmitLabelsBody.safeParse({ answers: { accuracy: "Accurate" } }).success).toBe(false);
  });
});
