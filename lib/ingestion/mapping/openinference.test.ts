import { describe, expect, it } from "vitest";
import chain from "./fixtures/openinference-chain.json";
import llm from "./fixtures/openinference-llm.json";
import retriever from "./fixtures/openinference-retriever.json";
import tool from "./fixtures/openinference-tool.json";
import { mapOpenInferenceAttributes } from "./openinference";

describe("mapOpenInferenceAttributes", () => {
  it("turns flattened LLM messages into MLflow's chat shapes", () => {
    const m = mapOpenInferenceAttributes(llm.attributes);
    expect(m.spanType).toBe("LLM");
    expect(m.inputs).toEqual({
      messages: [
        { role: "system", content: "You are a weather bot." },
        { role: "user", content: "Weather in Paris?" },
      ],
    });
    expect(m.outputs).toEqual({
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            tool_calls: [
              { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris"}' } },
            ],
          },
          finish_reason: null,
        },
      ],
    });
    expect([m.model, m.inputTokens, m.outputTokens]).toEqual(["gpt-4o-mini-2024-07-18", 31, 12]);
    // Ids stay strings exactly as sent.
    expect([m.sessionId, m.userId]).toEqual(["sess-42", "007"]);
  });

  it("decodes input.value / output.value per mime type", () => {
    const m = mapOpenInferenceAttributes(chain.attributes);
    expect(m.spanType).toBe("CHAIN");
    expect(m.inputs).toEqual({ question: "What is MLflow?" });
    expect(m.outputs).toBe("MLflow is an open source platform.");
  });

  it("prefers retrieval documents, shaped as MLflow Documents", () => {
    const m = mapOpenInferenceAttributes(retriever.attributes);
    expect(m.spanType).toBe("RETRIEVER");
    expect(m.inputs).toBe("What is MLflow?");
    expect(m.outputs).toEqual([
      {
        page_content: "MLflow is an open source platform for the ML lifecycle.",
        metadata: { file_path: "/docs/index.md", page: 1, doc_uri: "/docs/index.md", score: 0.83, chunk_id: "node-1" },
        id: "node-1",
      },
      {
        page_content: "MLflow Tracing records GenAI apps.",
        metadata: { score: 0.71, chunk_id: "node-2" },
        id: "node-2",
      },
    ]);
  });

  it("uses tool.parameters as tool inputs", () => {
    const m = mapOpenInferenceAttributes(tool.attributes);
    expect([m.spanType, m.inputs, m.outputs]).toEqual(["TOOL", { city: "Paris" }, { temp_c: 18 }]);
  });

  it("contributes nothing for spans of other conventions", () => {
    expect(mapOpenInferenceAttributes({ "gen_ai.operation.name": "chat", "http.method": "GET" })).toEqual({});
    expect(mapOpenInferenceAttributes({ "openinference.span.kind": "SOMETHING_NEW" }).spanType).toBeUndefined();
  });
});
