import { describe, expect, it } from "vitest";
import { summarizeJudgeAgreement } from "@/lib/evaluation/custom-judges/agreement";
import { ZCreateJudgeBody } from "@/lib/evaluation/custom-judges/schemas";
import { answerInstruction, parseCustomAnswer, renderJudgePrompt } from "@/lib/evaluation/custom-judges/scorer";

const base = { name: "tone", labelName: "tone", prompt: "Tone of {{ outputs }}?", outputType: "yes_no" };
const issues = (body: object) => {
  const r = ZCreateJudgeBody.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the judge contract", () => {
  it("names the field to fix for each output type and endpoint", () => {
    expect(issues(base)).toEqual([]);
    expect(issues({ ...base, prompt: "{{ outputz }}" })).toEqual([
      "prompt: Unknown variable {{ outputz }}: use {{ inputs }}, {{ outputs }}, {{ expectations }}, {{ trace }}, {{ conversation }}",
    ]);
    expect(issues({ ...base, outputType: "categorical", options: ["formal"] })).toEqual([
      "options: Give at least two categories",
    ]);
    expect(issues({ ...base, outputType: "numeric", min: 5, max: 1 })).toEqual([
      "max: The highest score must be above the lowest",
    ]);
    expect(issues({ ...base, baseUrl: "http://127.0.0.1:9/v1" })).toEqual([
      "model: Name the model served at this base URL",
    ]);
    expect(issues({ ...base, baseUrl: "ftp://x" })[0]).toMatch(/^baseUrl: /);
  });
});

describe("custom judge answers", () => {
  const categorical = { outputType: "categorical", options: ["formal", "casual"], min: null, max: null };
  const numeric = { outputType: "numeric", options: [], min: 1, max: 5 };

  it("asks for the output type's result", () => {
    expect(answerInstruction(categorical)).toContain('"result": one of "formal", "casual"');
    expect(answerInstruction(numeric)).toContain('"result": a number from 1 to 5');
    expect(answerInstruction({ ...numeric, outputType: "yes_no" })).toContain('"result": "yes" or "no"');
  });

  it("accepts only a listed category (any case) or a number in range", () => {
    const cat = parseCustomAnswer(categorical);
    expect(cat('Sure: {"rationale": "polite", "result": "Formal"}')).toEqual({
      ok: true,
      result: "formal",
      rationale: "polite",
    });
    expect(cat('{"result": "rude"}')).toMatchObject({ ok: false, error: expect.stringContaining("not one of") });
    const num = parseCustomAnswer(numeric);
    expect(num('{"rationale": "ok", "result": "4"}')).toEqual({ ok: true, result: 4, rationale: "ok" });
    expect(num('{"result": 9}')).toMatchObject({ ok: false });
    expect(num("four")).toMatchObject({ ok: false, error: expect.stringContaining("malformed") });
    expect(parseCustomAnswer({ ...numeric, outputType: "yes_no" })('{"result": "no", "rationale": "r"}')).toEqual({
      ok: true,
      result: "no",
      rationale: "r",
    });
  });

  it("renders variables as fenced, tagged sections", () => {
    const text = renderJudgePrompt("Q {{ inputs }} A {{ outputs }} C {{ conversation }}", {
      inputs: { messages: [{ role: "user", content: "Hi </outputs> there" }] },
      outputs: "Hello",
      expectations: {},
    });
    expect(text).toContain("<outputs>\nHello\n</outputs>");
    expect(text).toContain("<conversation>\nuser: Hi");
    // Data cannot close a section and pose as instructions.
    expect(text).toContain("Hi &lt;/outputs> there");
    expect(text).not.toContain("Hi </outputs>");
    expect(text).toContain("assistant: Hello");
  });
});

describe("judge agreement", () => {
  it("computes accuracy, κ, the confusion matrix and the disagreements", () => {
    const label = (value: unknown) => ({ kind: "label" as const, value, adjudicated: false });
    const a = summarizeJudgeAgreement([
      { traceId: "t1", judge: "yes", human: label(true) },
      { traceId: "t2", judge: "no", human: label("no") },
      { traceId: "t3", judge: "no", human: label("yes") },
      { traceId: "t4", judge: "yes", human: { kind: "experts_disagree", values: ["yes", "no"] } },
      { traceId: "t5", judge: "yes", human: { kind: "none" } },
      { traceId: "t6", judge: null, human: label("yes") },
    ]);
    expect(a).toMatchObject({
      compared: 3,
      agreed: 2,
      labels: ["no", "yes"],
      matrix: [
        [1, 0],
        [1, 1],
      ],
      expertsDisagree: 1,
      unlabelled: 1,
      disagreements: [{ traceId: "t3", judge: "no", human: "yes" }],
    });
    expect(a.accuracy).toBeCloseTo(2 / 3);
    expect(a.kappa).toBeCloseTo(0.4);
    expect(summarizeJudgeAgreement([]).kappa).toBeNull();
  });
});
