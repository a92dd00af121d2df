import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadCapture } from "@/lib/ingestion/mapping/fixtures/captures";
import { decodeOtlpSpans } from "@/lib/ingestion/decode-otlp";
import { decodeOtlpTraceRequest, OtlpDecodeError } from "./index";
import { ExportTraceServiceRequest } from "./proto";

const PROTO = "application/x-protobuf";
const otlpBodies = (file: string) =>
  loadCapture("mlflow-python-client", file)
    .filter((r) => r.path === "/v1/traces")
    .map((r) => r.bodyBytes);

function decodeError(fn: () => unknown): OtlpDecodeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(OtlpDecodeError);
    return err as OtlpDecodeError;
  }
  throw new Error("expected an OtlpDecodeError");
}

describe("decodeOtlpTraceRequest on the Python client's captured bodies", () => {
  it("decodes the three one-span requests of the sync capture with exact ids and times", () => {
    const bodies = otlpBodies("capture-sync.jsonl");
    expect(bodies).toHaveLength(3);
    const spans = bodies.flatMap((body) => decodeOtlpSpans({ body, contentType: PROTO }));
    expect(spans.map((s) => s.name)).toEqual(["retrieve_context", "fake_llm", "my_chatbot"]);
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set(["tr-a04249585d9025c02bea84a195aa9cd8"]));

    const [retrieve, llm, root] = spans;
    expect(retrieve.spanId).toBe("1bcc1aa14a80783d");
    expect(retrieve.parentSpanId).toBe("3ee4d57553425aef");
    expect(retrieve.startTimeNs).toBe(1795468937947190403n);
    expect(retrieve.endTimeNs).toBe(1795468937947391892n);
    expect(retrieve.spanType).toBe("RETRIEVER");
    expect(retrieve.inputs).toEqual({ query: "What is MLflow?" });
    expect(retrieve.outputs).toEqual([
      {
        page_content: "MLflow is an open-source platform for managing the ML lifecycle.",
        metadata: { doc_uri: "https://mlflow.org/docs/latest/index.html" },
      },
    ]);
    expect(retrieve.statusCode).toBe("OK");

    expect(llm.spanType).toBe("LLM");
    expect(llm.model).toBe("gpt-4o-mini");
    expect(llm.inputTokens).toBe(42);
    expect(llm.outputTokens).toBe(12);
    expect((llm.inputs as { messages: { role: string }[] }).messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(llm.attributes["mlflow.spanFunctionName"]).toBe("fake_llm");

    expect(root.spanId).toBe("3ee4d57553425aef");
    expect(root.parentSpanId).toBeNull();
    expect(root.spanType).toBe("UNKNOWN");
    expect(root.startTimeNs).toBe(1795468937844559505n);
    expect(root.outputs).toBe("MLflow is an open-source platform for managing the ML lifecycle.");
  });

  it("decodes the batched async capture (three spans in one request) and its resource", () => {
    const [body] = otlpBodies("capture-async.jsonl");
    const decoded = decodeOtlpTraceRequest({ body, contentType: "application/x-protobuf; charset=binary" });
    expect(decoded.map((s) => [s.name, s.spanId, s.parentSpanId])).toEqual([
      ["retrieve_context", "45bf6af76746007b", "e9089004f5bb4943"],
      ["fake_llm", "066c298efbd0413c", "e9089004f5bb4943"],
      ["my_chatbot", "e9089004f5bb4943", null],
    ]);
    expect(decoded[2].otelTraceIdHex).toBe("85480471d746105d23f7c9cd3280ae1b");
    expect(decoded[2].endTimeNs).toBe(1795468932519156420n);
    expect(decoded[0].resourceAttributes).toEqual({
      "telemetry.sdk.language": "python",
      "telemetry.sdk.name": "mlflow",
      "telemetry.sdk.version": "3.11.2.dev0",
    });
    // int64 AnyValues inside kvlists come back as numbers.
    expect((decoded[1].attributes["mlflow.spanOutputs"] as { created: number }).created).toBe(1700000000);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["deflate", deflateRawSync],
  ] as const)("undoes Content-Encoding %s", (encoding, compress) => {
    const [body] = otlpBodies("capture-async.jsonl");
    const spans = decodeOtlpTraceRequest({ body: compress(body), contentType: PROTO, contentEncoding: encoding });
    expect(spans.map((s) => s.name)).toEqual(["retrieve_context", "fake_llm", "my_chatbot"]);
  });
});

describe("OTLP JSON bodies", () => {
  const hexSpan = {
    traceId: "5b8efff798038103d269b633813fc60c",
    spanId: "eee19b7ec3c1b174",
    parentSpanId: "",
    name: "chat gpt-4o",
    kind: 3,
    startTimeUnixNano: "1544712660000000000",
    endTimeUnixNano: "__END__", // replaced by a bare 64-bit integer below
    attributes: [
      { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
      { key: "gen_ai.usage.input_tokens", value: { intValue: "97" } },
      { key: "gen_ai.usage.output_tokens", value: { intValue: 52 } },
    ],
    status: { code: "STATUS_CODE_ERROR", message: "rate limited" },
  };

  it("reads hex ids, bare 64-bit times exactly, enum names and int values", () => {
    const body = new TextEncoder().encode(
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [hexSpan] }] }] }).replace(
        '"__END__"',
        "1544712661000000123",
      ),
    );
    const [span] = decodeOtlpSpans({ body, contentType: "application/json" });
    expect(span.traceId).toBe("tr-5b8efff798038103d269b633813fc60c");
    expect(span.spanId).toBe("eee19b7ec3c1b174");
    expect(span.parentSpanId).toBeNull();
    expect(span.startTimeNs).toBe(1544712660000000000n);
    expect(span.endTimeNs).toBe(1544712661000000123n);
    expect(span.statusCode).toBe("ERROR");
    expect(span.statusMessage).toBe("rate limited");
    expect(span.spanType).toBe("CHAT_MODEL");
    expect([span.inputTokens, span.outputTokens]).toEqual([97, 52]);
  });

  it("tolerates base64 ids and snake_case keys", () => {
    const doc = {
      resource_spans: [
        {
          scope_spans: [
            {
              spans: [
                {
                  trace_id: Buffer.from(hexSpan.traceId, "hex").toString("base64"),
                  span_id: Buffer.from("0102030405060708", "hex").toString("base64"),
                  parent_span_id: Buffer.from(hexSpan.spanId, "hex").toString("base64"),
                  name: "child",
                  start_time_unix_nano: "10",
                  attributes: [{ key: "openinference.span.kind", value: { string_value: "TOOL" } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const [span] = decodeOtlpSpans({
      body: Buffer.from(JSON.stringify(doc)),
      contentType: "application/json; charset=utf-8",
    });
    expect([span.traceId, span.spanId, span.parentSpanId]).toEqual([
      "tr-5b8efff798038103d269b633813fc60c",
      "0102030405060708",
      "eee19b7ec3c1b174",
    ]);
    expect(span.spanType).toBe("TOOL");
    expect(span.endTimeNs).toBeNull();
  });
});

describe("decode errors", () => {
  const [body] = otlpBodies("capture-async.jsonl");

  it("rejects a truncated protobuf body", () => {
    const err = decodeError(() => decodeOtlpTraceRequest({ body: body.subarray(0, 100), contentType: PROTO }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^body is not a valid OTLP protobuf ExportTraceServiceRequest: index out of range/);
  });

  it("rejects garbage, and gzip of garbage", () => {
    const garbage = Buffer.from("this is definitely not protobuf");
    expect(decodeError(() => decodeOtlpTraceRequest({ body: garbage, contentType: PROTO })).message).toMatch(
      /not a valid OTLP protobuf/,
    );
    const gz = decodeError(() =>
      decodeOtlpTraceRequest({ body: gzipSync(garbage), contentType: PROTO, contentEncoding: "gzip" }),
    );
    expect(gz.message).toMatch(/not a valid OTLP protobuf/);
    expect(
      decodeError(() => decodeOtlpTraceRequest({ body: garbage, contentType: PROTO, contentEncoding: "gzip" })).message,
    ).toMatch(/^body is not valid gzip data/);
  });

  it("rejects invalid JSON and JSON that is not a request", () => {
    expect(
      decodeError(() =>
        decodeOtlpTraceRequest({ body: Buffer.from("{resourceSpans:"), contentType: "application/json" }),
      ).message,
    ).toMatch(/^body is not valid JSON/);
    expect(
      decodeError(() => decodeOtlpTraceRequest({ body: Buffer.from("[1,2]"), contentType: "application/json" }))
        .message,
    ).toMatch(/expected an object with resourceSpans/);
  });

  it("rejects spans with a missing, short or all-zero trace id, naming the span", () => {
    const make = (traceId: string) =>
      Buffer.from(
        JSON.stringify({
          resourceSpans: [{ scopeSpans: [{ spans: [{ traceId, spanId: "eee19b7ec3c1b174", name: "x" }] }] }],
        }),
      );
    expect(decodeError(() => decodeOtlpTraceRequest({ body: make(""), contentType: "application/json" })).message).toBe(
      "resourceSpans[0].scopeSpans[0].spans[0].traceId is empty: every span needs a 16-byte id",
    );
    expect(
      decodeError(() => decodeOtlpTraceRequest({ body: make("abc"), contentType: "application/json" })).message,
    ).toMatch(/traceId must be a 16-byte id in hex \(or base64\), got 'abc'/);
    expect(
      decodeError(() => decodeOtlpTraceRequest({ body: make("0".repeat(32)), contentType: "application/json" }))
        .message,
    ).toMatch(/all zeros/);
    // Same check on the protobuf path.
    const noTraceId = ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject({
        resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: Buffer.from("eee19b7ec3c1b174", "hex"), name: "x" }] }] }],
      }),
    ).finish();
    expect(decodeError(() => decodeOtlpTraceRequest({ body: noTraceId, contentType: PROTO })).message).toMatch(
      /traceId is empty/,
    );
  });

  it("rejects a request without spans", () => {
    expect(decodeError(() => decodeOtlpTraceRequest({ body: new Uint8Array(), contentType: PROTO })).message).toBe(
      "OTLP protobuf ExportTraceServiceRequest contains no spans",
    );
  });

  it("answers 415 for an unknown content type or content encoding", () => {
    const ct = decodeError(() => decodeOtlpTraceRequest({ body, contentType: "text/plain" }));
    expect([ct.status, ct.message]).toEqual([
      415,
      "unsupported Content-Type 'text/plain': send application/x-protobuf or application/json",
    ]);
    const ce = decodeError(() => decodeOtlpTraceRequest({ body, contentType: PROTO, contentEncoding: "br" }));
    expect([ce.status, ce.message]).toEqual([415, "unsupported Content-Encoding 'br': use gzip, deflate or none"]);
  });
});
