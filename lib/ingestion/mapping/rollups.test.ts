import { describe, expect, it } from "vitest";
import type { NormalizedSpan } from "@/lib/ingestion/types";
import { computeTraceRollups, previewOf } from "./rollups";

function span(over: Partial<NormalizedSpan>): NormalizedSpan {
  return {
    traceId: "tr-5b8efff798038103d269b633813fc60c",
    spanId: "0000000000000001",
    parentSpanId: null,
    name: "s",
    spanType: "UNKNOWN",
    startTimeNs: 10n,
    endTimeNs: 20n,
    statusCode: "OK",
    statusMessage: null,
    inputs: undefined,
    outputs: undefined,
    attributes: {},
    events: [],
    model: null,
    inputTokens: null,
    outputTokens: null,
    sessionId: null,
    userId: null,
    experimentIdHint: null,
    ...over,
  };
}

describe("computeTraceRollups", () => {
  it("previews the root's inputs/outputs as JSON text and sums tokens over spans", () => {
    const root = span({
      spanId: "0000000000000001",
      inputs: { user_question: "What is MLflow?" },
      outputs: "MLflow is a platform.",
    });
    const llm1 = span({
      spanId: "0000000000000002",
      parentSpanId: "0000000000000001",
      inputTokens: 42,
      outputTokens: 12,
      sessionId: "s-1",
    });
    const llm2 = span({
      spanId: "0000000000000003",
      parentSpanId: "0000000000000001",
      inputTokens: 8,
      outputTokens: null,
      userId: "u-1",
    });
    const r = computeTraceRollups([llm1, root, llm2]);
    expect(r.rootSpan?.spanId).toBe("0000000000000001");
    expect(r.requestPreview).toBe('{"user_question":"What is MLflow?"}');
    expect(r.responsePreview).toBe('"MLflow is a platform."');
    expect([r.inputTokens, r.outputTokens, r.totalTokens]).toEqual([50, 12, 62]);
    expect([r.sessionId, r.userId]).toEqual(["s-1", "u-1"]);
  });

  it("has no previews or tokens for a partial trace without its root", () => {
    const r = computeTraceRollups([span({ parentSpanId: "00000000000000ff" })]);
    expect([r.rootSpan, r.requestPreview, r.responsePreview, r.inputTokens, r.totalTokens]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe("previewOf", () => {
  it("truncates to 1000 characters", () => {
    const p = previewOf({ text: "x".repeat(5000) })!;
    expect(p).toHaveLength(1000);
    expect(p.startsWith('{"text":"xxx')).toBe(true);
    expect(previewOf(undefined)).toBeNull();
    expect(previewOf(null)).toBe("null");
  });
});
