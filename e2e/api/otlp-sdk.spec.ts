/**
 * A tiny RAG app instrumented with the real OpenTelemetry Node SDK and OpenInference attributes
 * exports to the running app over OTLP (protobuf, then JSON); the trace is read back through
 * MLflow's search and get endpoints.
 */
import { expect, test } from "@playwright/test";
import { ROOT_CONTEXT, SpanStatusCode, trace, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { E2E } from "../support/env";
import { createExperiment, developerKey, mlflowApi, spanAttributes, type WireSpan } from "./mlflow-client";

const QUESTION = "How do I rotate an API key?";
const ANSWER = "Open Settings, API keys, create a new key and revoke the old one.";
const DOCS = [
  { id: "doc-keys", content: "API keys are managed under Settings > API keys.", score: 0.92 },
  { id: "doc-revoke", content: "Revoking a key stops it from working immediately.", score: 0.81 },
];

/** The instrumented app: one request = CHAIN root > RETRIEVER + LLM, OpenInference attributes. */
function answerQuestion(tracer: Tracer, sessionId: string): string {
  const root = tracer.startSpan("rag_pipeline", {
    attributes: {
      "openinference.span.kind": "CHAIN",
      "input.value": QUESTION,
      "input.mime_type": "text/plain",
      "session.id": sessionId,
      "user.id": "user-42",
    },
  });
  const ctx = trace.setSpan(ROOT_CONTEXT, root);
  const retriever = tracer.startSpan(
    "retrieve_docs",
    { attributes: { "openinference.span.kind": "RETRIEVER", "input.value": QUESTION } },
    ctx,
  );
  DOCS.forEach((d, i) => {
    retriever.setAttribute(`retrieval.documents.${i}.document.id`, d.id);
    retriever.setAttribute(`retrieval.documents.${i}.document.content`, d.content);
    retriever.setAttribute(`retrieval.documents.${i}.document.score`, d.score);
  });
  retriever.setStatus({ code: SpanStatusCode.OK });
  retriever.end();
  const llm = tracer.startSpan(
    "chat_completion",
    {
      attributes: {
        "openinference.span.kind": "LLM",
        "llm.model_name": "gpt-4o-mini",
        "llm.input_messages.0.message.role": "system",
        "llm.input_messages.0.message.content": `Answer from these documents: ${DOCS.map((d) => d.content).join(" ")}`,
        "llm.input_messages.1.message.role": "user",
        "llm.input_messages.1.message.content": QUESTION,
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.content": ANSWER,
        "llm.token_count.prompt": 42,
        "llm.token_count.completion": 17,
        "llm.token_count.total": 59,
      },
    },
    ctx,
  );
  llm.setStatus({ code: SpanStatusCode.OK });
  llm.end();
  root.setAttribute("output.value", ANSWER);
  root.setStatus({ code: SpanStatusCode.OK });
  root.end();
  return root.spanContext().traceId;
}

for (const [label, Exporter] of [
  ["protobuf", ProtoExporter],
  ["JSON", JsonExporter],
] as const) {
  test(`a RAG trace exported with the OTel Node SDK (${label} exporter) reads back through MLflow search and get`, async () => {
    const api = await mlflowApi();
    const experimentId = await createExperiment(api, `otlp-${label}`);
    const exporter = new Exporter({
      url: `${E2E.baseURL}/v1/traces`,
      headers: { authorization: `Bearer ${await developerKey()}`, "x-mlflow-experiment-id": experimentId },
    });
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ "service.name": "rag-demo" }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const sessionId = `session-${label}-${Date.now()}`;
    const otelTraceId = answerQuestion(provider.getTracer("rag-demo"), sessionId);
    await provider.forceFlush();
    await provider.shutdown();
    const traceId = `tr-${otelTraceId}`;

    // Search (what mlflow.search_traces sends), filtered by the session the app set.
    const search = await api.post("/api/3.0/mlflow/traces/search", {
      data: {
        locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } }],
        filter: `metadata.\`mlflow.trace.session\` = '${sessionId}'`,
        max_results: 10,
      },
    });
    expect(search.status(), await search.text()).toBe(200);
    const { traces } = await search.json();
    expect(traces).toHaveLength(1);
    const info = traces[0];
    expect(info.trace_id).toBe(traceId);
    expect(info.state).toBe("OK");
    expect(info.request_preview).toBe(JSON.stringify(QUESTION));
    expect(info.response_preview).toBe(JSON.stringify(ANSWER));
    expect(info.tags["mlflow.traceName"]).toBe("rag_pipeline");
    expect(info.tags["mlflow.trace.spansLocation"]).toBe("TRACKING_STORE");
    expect(info.trace_metadata["mlflow.trace.user"]).toBe("user-42");
    expect(JSON.parse(info.trace_metadata["mlflow.trace.tokenUsage"])).toEqual({
      input_tokens: 42,
      output_tokens: 17,
      total_tokens: 59,
    });
    expect(info.execution_duration).toMatch(/^\d+(\.\d+)?s$/);

    // Get with spans, as the UI and get_trace do (note Python's "False").
    const got = await api.get(`/api/3.0/mlflow/traces/get?trace_id=${traceId}&allow_partial=False`);
    expect(got.status(), await got.text()).toBe(200);
    const spans: WireSpan[] = (await got.json()).trace.spans;
    expect(spans.map((s) => s.name).sort()).toEqual(["chat_completion", "rag_pipeline", "retrieve_docs"]);
    const byName = Object.fromEntries(spans.map((s) => [s.name, spanAttributes(s)]));
    expect(byName.rag_pipeline!["mlflow.spanType"]).toBe("CHAIN");
    expect(byName.retrieve_docs!["mlflow.spanType"]).toBe("RETRIEVER");
    expect(byName.chat_completion!["mlflow.spanType"]).toBe("LLM");
    expect(byName.rag_pipeline!["mlflow.spanInputs"]).toBe(QUESTION);
    expect(byName.rag_pipeline!["mlflow.spanOutputs"]).toBe(ANSWER);
    // Retrieved documents become the retriever's outputs, in MLflow's Document shape.
    const docs = byName.retrieve_docs!["mlflow.spanOutputs"] as { page_content: string; id?: string }[];
    expect(docs.map((d) => d.page_content)).toEqual(DOCS.map((d) => d.content));
    // Chat messages become OpenAI-style inputs and outputs.
    const llmIn = byName.chat_completion!["mlflow.spanInputs"] as { messages: { role: string; content: string }[] };
    expect(llmIn.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(llmIn.messages[1]!.content).toBe(QUESTION);
    const llmOut = byName.chat_completion!["mlflow.spanOutputs"] as { choices: { message: { content: string } }[] };
    expect(llmOut.choices[0]!.message.content).toBe(ANSWER);
    expect(byName.chat_completion!["mlflow.chat.tokenUsage"]).toEqual({
      input_tokens: 42,
      output_tokens: 17,
      total_tokens: 59,
    });
    const root = spans.find((s) => s.name === "rag_pipeline")!;
    expect(root.parent_span_id).toBeUndefined();
    expect(spans.filter((s) => s.parent_span_id === root.span_id)).toHaveLength(2);

    // GetTraceInfoV3 and BatchGetTraces agree.
    const infoRes = await api.get(`/api/3.0/mlflow/traces/${traceId}`);
    expect((await infoRes.json()).trace.trace_info.request_preview).toBe(JSON.stringify(QUESTION));
    const batch = await (await api.get(`/api/3.0/mlflow/traces/batchGet?trace_ids=${traceId}`)).json();
    expect(batch.traces[0].spans).toHaveLength(3);
    await api.dispose();
  });
}
