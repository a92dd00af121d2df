import { describe, expect, it } from "vitest";
import { loadCapture } from "@/lib/ingestion/mapping/fixtures/captures";
import { parseJsonLossless } from "@/lib/ingestion/mapping/json-values";
import { decodeOtlpSpans } from "@/lib/ingestion/decode-otlp";
import type { NormalizedSpan } from "@/lib/ingestion/types";
import { exportAttributes, parseTracesJson, renderOtelProtoJsonSpans, renderTracesJsonV3 } from "./index";

describe("renderOtelProtoJsonSpans", () => {
  it("reproduces exactly the spans MLflow's server returned from GetTrace for the same OTLP upload", () => {
    const capture = loadCapture("mlflow-python-client", "capture-async.jsonl");
    const otlp = capture.find((r) => r.path === "/v1/traces")!;
    const spans = decodeOtlpSpans({ body: otlp.bodyBytes, contentType: "application/x-protobuf" });
    const getTrace = capture.find((r) => r.path === "/api/3.0/mlflow/traces/get")!;
    const expected = (getTrace.responseJson as { trace: { spans: unknown[] } }).trace.spans;
    expect(expected).toHaveLength(3);
    expect(renderOtelProtoJsonSpans(spans)).toEqual(expected);
  });

  it("renders typed values, errors, events and MLflow keys for spans of other conventions", () => {
    const span: NormalizedSpan = {
      traceId: "tr-5b8efff798038103d269b633813fc60c",
      spanId: "0102030405060708",
      parentSpanId: "eee19b7ec3c1b174",
      name: "search",
      spanType: "RETRIEVER",
      startTimeNs: 1795468678057000001n,
      endTimeNs: null,
      statusCode: "ERROR",
      statusMessage: "timeout",
      inputs: { query: "q", k: 2 },
      outputs: undefined,
      attributes: { "openinference.span.kind": "RETRIEVER", score: 0.5, ok: true },
      events: [
        { name: "exception", timeUnixNano: "1795468678057000002", attributes: { "exception.message": "timeout" } },
      ],
      model: null,
      inputTokens: null,
      outputTokens: null,
      sessionId: null,
      userId: null,
      experimentIdHint: null,
    };
    const [out] = renderOtelProtoJsonSpans([span]);
    expect(out).toEqual({
      trace_id: Buffer.from("5b8efff798038103d269b633813fc60c", "hex").toString("base64"),
      span_id: "AQIDBAUGBwg=",
      parent_span_id: Buffer.from("eee19b7ec3c1b174", "hex").toString("base64"),
      name: "search",
      start_time_unix_nano: "1795468678057000001",
      attributes: [
        { key: "openinference.span.kind", value: { string_value: "RETRIEVER" } },
        { key: "score", value: { double_value: 0.5 } },
        { key: "ok", value: { bool_value: true } },
        { key: "mlflow.traceRequestId", value: { string_value: "tr-5b8efff798038103d269b633813fc60c" } },
        { key: "mlflow.spanType", value: { string_value: "RETRIEVER" } },
        {
          key: "mlflow.spanInputs",
          value: {
            kvlist_value: {
              values: [
                { key: "query", value: { string_value: "q" } },
                { key: "k", value: { int_value: "2" } },
              ],
            },
          },
        },
      ],
      events: [
        {
          time_unix_nano: "1795468678057000002",
          name: "exception",
          attributes: [{ key: "exception.message", value: { string_value: "timeout" } }],
        },
      ],
      status: { code: "STATUS_CODE_ERROR", message: "timeout" },
    });
    expect(exportAttributes({ ...span, inputTokens: 3, outputTokens: 4 })["mlflow.chat.tokenUsage"]).toEqual({
      input_tokens: 3,
      output_tokens: 4,
      total_tokens: 7,
    });
  });
});

describe("renderTracesJsonV3", () => {
  const upload = loadCapture("mlflow-ts-client", "capture.jsonl").find((r) =>
    r.path.includes("tr-e40aff265d37f98a51f851d13a357e6d/artifacts"),
  )!;
  const traceId = "tr-e40aff265d37f98a51f851d13a357e6d";
  const spans = parseTracesJson(upload.rawBodyText!, { traceId });

  it("writes bare 64-bit times, base64 ids, null root parent and JSON-encoded attributes", () => {
    const text = renderTracesJsonV3(spans);
    expect(text).toContain('"start_time_unix_nano": 1795468678057000000, "end_time_unix_nano": 1795468678077058559');
    expect(text).toContain(
      `"trace_id": "${Buffer.from("e40aff265d37f98a51f851d13a357e6d", "hex").toString("base64")}"`,
    );
    expect(text).toContain('"parent_span_id": null');
    const doc = JSON.parse(text) as { spans: { attributes: Record<string, string>; span_id: string }[] };
    expect(doc.spans[0].span_id).toBe("C0kzj3xBkQ0=");
    expect(doc.spans[0].attributes["mlflow.spanType"]).toBe('"CHAIN"');
    expect(doc.spans[0].attributes["mlflow.spanInputs"]).toBe('{"question":"What is MLflow?"}');
  });

  it("round-trips through parseTracesJson without losing anything", () => {
    const again = parseTracesJson(renderTracesJsonV3(spans), { traceId });
    expect(again).toEqual(spans);
  });

  it("matches the Python client's own traces.json for the same spans", () => {
    const py = loadCapture("mlflow-python-client", "capture-spans-late.jsonl").find((r) =>
      r.path.endsWith("traces.json"),
    )!;
    const pySpans = parseTracesJson(py.rawBodyText!, { traceId: "tr-ea67a6a04158b99c07414baafe9745bd" });
    const decodeAttrs = (doc: { spans: { attributes: Record<string, string> }[] }) =>
      doc.spans.map((s) => ({
        ...s,
        attributes: Object.fromEntries(Object.entries(s.attributes).map(([k, v]) => [k, JSON.parse(v)])),
      }));
    const ours = decodeAttrs(parseJsonLossless(renderTracesJsonV3(pySpans)) as never);
    const theirs = decodeAttrs(py.bodyJson as never);
    expect(ours).toEqual(theirs);
  });
});
