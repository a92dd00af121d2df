import { describe, expect, it } from "vitest";
import encoded from "./fixtures/mlflow-python-encoded.json";
import { decodeAttributeStrings } from "./json-values";
import { mapMlflowAttributes } from "./mlflow";

describe("decodeAttributeStrings", () => {
  it("decodes every value of a span written in MLflow's JSON-encoded style", () => {
    const attrs = decodeAttributeStrings(encoded.attributes);
    expect(attrs["mlflow.spanType"]).toBe("CHAT_MODEL");
    expect(attrs.user_tag).toBe("007");
    expect(attrs.temperature).toBe(0.2);
    expect(attrs["mlflow.chat.tokenUsage"]).toEqual({ input_tokens: 8, output_tokens: 2, total_tokens: 10 });
  });

  it("leaves plain-style values alone except JSON text in mlflow.* keys", () => {
    const attrs = decodeAttributeStrings({
      "mlflow.spanType": "LLM",
      "mlflow.spanInputs": '{"q": "hi"}',
      "mlflow.spanOutputs": "42",
      "user.id": "007",
      "input.value": '{"a": 1}',
      bad: "{not json",
    });
    expect(attrs).toEqual({
      "mlflow.spanType": "LLM",
      "mlflow.spanInputs": { q: "hi" },
      "mlflow.spanOutputs": "42",
      "user.id": "007",
      "input.value": '{"a": 1}',
      bad: "{not json",
    });
  });
});

describe("mapMlflowAttributes", () => {
  it("reads type, inputs, outputs, token usage and model", () => {
    const m = mapMlflowAttributes(decodeAttributeStrings(encoded.attributes));
    expect(m.spanType).toBe("CHAT_MODEL");
    expect(m.inputs).toEqual({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    expect((m.outputs as { choices: unknown[] }).choices).toHaveLength(1);
    expect([m.inputTokens, m.outputTokens, m.model]).toEqual([8, 2, "gpt-4o-mini"]);
  });

  it("falls back to the provider response's usage and model for LLM spans only", () => {
    const outputs = { model: "gpt-4o", usage: { prompt_tokens: 42, completion_tokens: 12 } };
    expect(mapMlflowAttributes({ "mlflow.spanType": "LLM", "mlflow.spanOutputs": outputs })).toMatchObject({
      inputTokens: 42,
      outputTokens: 12,
      model: "gpt-4o",
    });
    const chainSpan = mapMlflowAttributes({ "mlflow.spanType": "CHAIN", "mlflow.spanOutputs": outputs });
    expect([chainSpan.inputTokens, chainSpan.model]).toEqual([undefined, undefined]);
  });

  it("keeps falsy inputs/outputs and contributes nothing without MLflow keys", () => {
    expect(
      mapMlflowAttributes({ "mlflow.spanType": "TOOL", "mlflow.spanOutputs": 0, "mlflow.spanInputs": null }),
    ).toEqual({
      spanType: "TOOL",
      inputs: null,
      outputs: 0,
    });
    expect(mapMlflowAttributes({ "openinference.span.kind": "LLM" })).toEqual({});
  });
});
