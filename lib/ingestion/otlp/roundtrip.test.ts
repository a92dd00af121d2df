import { context, SpanStatusCode, trace } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { decodeOtlpSpans } from "@/lib/ingestion/decode-otlp";
import { decodeOtlpTraceRequest, encodeExportTraceServiceResponse, exportTraceServiceResponseJson } from "./index";
import { ExportTraceServiceResponse } from "./proto";

/** Two spans from the real OTel SDK: an OpenInference LLM span under a GenAI agent span. */
function makeSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("roundtrip", "1.0.0");
  const root = tracer.startSpan("agent", {
    startTime: [1_700_000_000, 123_456_789],
    attributes: { "gen_ai.operation.name": "invoke_agent", "session.id": "s-1" },
  });
  const child = tracer.startSpan(
    "llm",
    {
      startTime: [1_700_000_000, 200_000_001],
      attributes: {
        "openinference.span.kind": "LLM",
        "llm.model_name": "gpt-4o-mini",
        "llm.input_messages.0.message.role": "user",
        "llm.input_messages.0.message.content": "hi",
        "llm.token_count.prompt": 5,
        "llm.token_count.completion": 7,
        ratio: 0.25,
        flags: [true, false],
      },
    },
    trace.setSpan(context.active(), root),
  );
  child.addEvent("exception", { "exception.message": "boom" }, [1_700_000_000, 300_000_000]);
  child.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
  child.end([1_700_000_000, 400_000_009]);
  root.end([1_700_000_001, 0]);
  return exporter.getFinishedSpans();
}

describe("round trip through the OpenTelemetry JS serializers", () => {
  const spans = makeSpans();
  // The serializer is typed against @opentelemetry/sdk-trace's ReadableSpan; the shapes are the same.
  const serializerInput = spans as unknown as Parameters<typeof ProtobufTraceSerializer.serializeRequest>[0];
  const bodies = [
    ["application/x-protobuf", ProtobufTraceSerializer.serializeRequest(serializerInput)!],
    ["application/json", JsonTraceSerializer.serializeRequest(serializerInput)!],
  ] as const;

  it.each(bodies)("decodes %s with the SDK's ids, times, attributes and status", (contentType, body) => {
    const decoded = decodeOtlpTraceRequest({ body, contentType });
    const byName = Object.fromEntries(decoded.map((s) => [s.name, s]));
    const [llmSdk, agentSdk] = spans;
    expect(byName.llm.spanId).toBe(llmSdk.spanContext().spanId);
    expect(byName.llm.otelTraceIdHex).toBe(agentSdk.spanContext().traceId);
    expect(byName.llm.parentSpanId).toBe(agentSdk.spanContext().spanId);
    expect(byName.agent.parentSpanId).toBeNull();
    expect(byName.llm.startTimeNs).toBe(1_700_000_000_200_000_001n);
    expect(byName.llm.endTimeNs).toBe(1_700_000_000_400_000_009n);
    expect(byName.agent.startTimeNs).toBe(1_700_000_000_123_456_789n);
    expect(byName.llm.kind).toBe(1);
    expect(byName.llm.statusCode).toBe("ERROR");
    expect(byName.llm.statusMessage).toBe("boom");
    expect(byName.llm.attributes).toMatchObject({ ratio: 0.25, flags: [true, false], "llm.token_count.prompt": 5 });
    expect(byName.llm.events).toEqual([
      { name: "exception", timeUnixNano: "1700000000300000000", attributes: { "exception.message": "boom" } },
    ]);
    expect(byName.llm.resourceAttributes["telemetry.sdk.language"]).toBe("nodejs");
  });

  it.each(bodies)("normalizes %s with the conventions mapped", (contentType, body) => {
    const normalized = decodeOtlpSpans({ body, contentType });
    const llm = normalized.find((s) => s.name === "llm")!;
    const agent = normalized.find((s) => s.name === "agent")!;
    expect(llm.traceId).toBe(`tr-${spans[0].spanContext().traceId}`);
    expect(llm.spanType).toBe("LLM");
    expect(llm.inputs).toEqual({ messages: [{ role: "user", content: "hi" }] });
    expect([llm.model, llm.inputTokens, llm.outputTokens]).toEqual(["gpt-4o-mini", 5, 7]);
    expect(agent.spanType).toBe("AGENT");
    expect(agent.sessionId).toBe("s-1");
  });
});

describe("ExportTraceServiceResponse", () => {
  it("encodes the empty protobuf response and decodes back to an empty message", () => {
    const bytes = encodeExportTraceServiceResponse();
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(0);
    expect(ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(bytes))).toEqual({});
    expect(exportTraceServiceResponseJson()).toEqual({});
  });
});
