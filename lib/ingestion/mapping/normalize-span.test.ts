import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import type { DecodedSpan } from "@/lib/ingestion/types";
import { normalizeSpan } from "./normalize-span";

const base: DecodedSpan = {
  otelTraceIdHex: "5b8efff798038103d269b633813fc60c",
  spanId: "eee19b7ec3c1b174",
  parentSpanId: null,
  name: "span",
  kind: 1,
  startTimeNs: 1n,
  endTimeNs: 2n,
  statusCode: "OK",
  statusMessage: null,
  attributes: {},
  events: [],
  resourceAttributes: {},
};

describe("normalizeSpan", () => {
  it("lets MLflow's keys win and fills the rest from OpenInference and GenAI", () => {
    const span = normalizeSpan({
      ...base,
      attributes: {
        "mlflow.spanType": "CHAT_MODEL",
        "mlflow.spanInputs": { messages: [{ role: "user", content: "hi" }] },
        "openinference.span.kind": "LLM",
        "output.value": "hello",
        "llm.model_name": "gpt-4o",
        "gen_ai.usage.input_tokens": 3,
        "gen_ai.usage.output_tokens": 4,
        "gen_ai.conversation.id": "conv-1",
        "user.id": "u-1",
        "mlflow.experimentId": "17",
      },
    });
    expect(span).toMatchObject({
      traceId: "tr-5b8efff798038103d269b633813fc60c",
      spanType: "CHAT_MODEL",
      inputs: { messages: [{ role: "user", content: "hi" }] },
      outputs: "hello",
      model: "gpt-4o",
      inputTokens: 3,
      outputTokens: 4,
      sessionId: "conv-1",
      userId: "u-1",
      experimentIdHint: "17",
    });
  });

  it("defaults to UNKNOWN with nulls, and inputs/outputs undefined", () => {
    const span = normalizeSpan({ ...base, attributes: { "http.method": "GET" } });
    expect([span.spanType, span.model, span.inputTokens, span.sessionId, span.experimentIdHint]).toEqual([
      "UNKNOWN",
      null,
      null,
      null,
      null,
    ]);
    expect(span.inputs).toBeUndefined();
    expect(span.outputs).toBeUndefined();
    expect(span.attributes).toEqual({ "http.method": "GET" });
  });

  it("takes an explicit trace id over the span's, accepting MLflow 2's bare hex", () => {
    expect(normalizeSpan(base, { traceId: "tr-0123456789ABCDEF0123456789ABCDEF" }).traceId).toBe(
      "tr-0123456789abcdef0123456789abcdef",
    );
    expect(
      normalizeSpan({ ...base, otelTraceIdHex: null }, { traceId: "0123456789abcdef0123456789abcdef" }).traceId,
    ).toBe("tr-0123456789abcdef0123456789abcdef");
    expect(() => normalizeSpan(base, { traceId: "tr-123" })).toThrow(ValidationError);
  });

  it("falls back to mlflow.traceRequestId when the span has no OTel trace id", () => {
    const span = normalizeSpan({
      ...base,
      otelTraceIdHex: null,
      attributes: { "mlflow.traceRequestId": "tr-0123456789abcdef0123456789abcdef" },
    });
    expect(span.traceId).toBe("tr-0123456789abcdef0123456789abcdef");
    expect(() => normalizeSpan({ ...base, otelTraceIdHex: null })).toThrow(
      "span eee19b7ec3c1b174 has no usable trace id",
    );
  });
});
