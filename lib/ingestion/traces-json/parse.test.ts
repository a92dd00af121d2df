import { describe, expect, it } from "vitest";
import { loadCapture } from "@/lib/ingestion/mapping/fixtures/captures";
import { parseTracesJson, TracesJsonError } from "./index";

const uploads = (client: "mlflow-ts-client" | "mlflow-python-client", file: string) =>
  loadCapture(client, file)
    .filter((r) => r.method === "PUT" && r.path.endsWith("/traces.json"))
    .map((r) => ({ traceId: /traces\/(tr-[0-9a-f]{32})\//.exec(r.path)![1], text: r.rawBodyText! }));

function byName(spans: ReturnType<typeof parseTracesJson>) {
  return Object.fromEntries(spans.map((s) => [s.name, s]));
}

describe("parseTracesJson on the TS SDK's uploads (plain attribute values)", () => {
  const ts = uploads("mlflow-ts-client", "capture.jsonl");

  it("reads the RAG trace with the upload path's trace id, exact times and typed fields", () => {
    const upload = ts.find((u) => u.traceId === "tr-e40aff265d37f98a51f851d13a357e6d")!;
    const spans = parseTracesJson(upload.text, { traceId: upload.traceId });
    expect(spans.map((s) => s.name)).toEqual(["rag_pipeline", "retrieve_docs", "chat_completion"]);
    // The span trace_id field is garbage in this SDK; every span gets the path's id.
    expect(spans.every((s) => s.traceId === "tr-e40aff265d37f98a51f851d13a357e6d")).toBe(true);
    const { rag_pipeline: root, retrieve_docs: retriever, chat_completion: llm } = byName(spans);
    expect(root.spanId).toBe(Buffer.from("C0kzj3xBkQ0=", "base64").toString("hex"));
    expect(root.parentSpanId).toBeNull(); // written as ""
    expect(root.startTimeNs).toBe(1795468678057000000n);
    expect(root.endTimeNs).toBe(1795468678077058559n);
    expect(root.spanType).toBe("CHAIN");
    expect(root.inputs).toEqual({ question: "What is MLflow?" });
    expect(root.outputs).toBe("MLflow is an open source platform for the ML lifecycle, including GenAI tracing.");
    expect(root.attributes.pipeline).toBe("rag");

    expect(retriever.parentSpanId).toBe(root.spanId);
    expect(retriever.spanType).toBe("RETRIEVER");
    expect(
      (retriever.outputs as { id: string; metadata: { chunk_id: string } }[]).map((d) => [d.id, d.metadata.chunk_id]),
    ).toEqual([
      ["doc-1", "1"],
      ["doc-2", "7"],
    ]);

    expect(llm.spanType).toBe("LLM");
    expect([llm.inputTokens, llm.outputTokens, llm.model]).toEqual([42, 17, "gpt-4o-mini"]);
    expect(llm.attributes.max_tokens).toBe(256);
    expect(llm.endTimeNs).toBe(1795468678076703238n);
  });

  it("keeps a failed tool span's status and exception event", () => {
    const upload = ts.find((u) => u.traceId === "tr-777e6c8831c949299d85b9b61ac9b96d")!;
    const { weather_agent: agent, get_weather: tool } = byName(
      parseTracesJson(upload.text, { traceId: upload.traceId }),
    );
    expect(agent.spanType).toBe("AGENT");
    expect(agent.statusCode).toBe("OK");
    expect(tool.statusCode).toBe("ERROR");
    expect(tool.statusMessage).toBe("tool failed: weather API unavailable");
    expect(tool.outputs).toBeUndefined();
    expect(tool.events).toHaveLength(1);
    expect(tool.events[0].name).toBe("exception");
    expect(tool.events[0].timeUnixNano).toBe("1795468678130665526");
    expect(tool.events[0].attributes["exception.type"]).toBe("Error");
  });

  it("reads the auth capture's single tool span", () => {
    const [upload] = uploads("mlflow-ts-client", "capture-auth.jsonl");
    const [span] = parseTracesJson(new TextEncoder().encode(upload.text), { traceId: upload.traceId });
    expect([span.name, span.spanType, span.outputs, span.startTimeNs]).toEqual([
      "add",
      "TOOL",
      5,
      1795468678805000000n,
    ]);
    expect(span.inputs).toEqual({ a: 2, b: 3 });
  });
});

describe("parseTracesJson on the Python client's upload (JSON-encoded attribute strings)", () => {
  it("decodes the encoded attributes and null parent", () => {
    const [upload] = uploads("mlflow-python-client", "capture-spans-late.jsonl");
    const spans = parseTracesJson(upload.text, { traceId: upload.traceId });
    const { my_chatbot: root, retrieve_context: retriever, fake_llm: llm } = byName(spans);
    expect(root.traceId).toBe("tr-ea67a6a04158b99c07414baafe9745bd");
    expect(root.parentSpanId).toBeNull();
    expect(root.startTimeNs).toBe(1795468942109204457n);
    expect(root.endTimeNs).toBe(1795468942253942641n);
    expect(root.attributes["mlflow.spanType"]).toBe("UNKNOWN");
    expect(root.inputs).toEqual({ user_question: "What is MLflow?" });
    expect(retriever.parentSpanId).toBe(root.spanId);
    expect(retriever.outputs).toEqual([
      {
        page_content: "MLflow is an open-source platform for managing the ML lifecycle.",
        metadata: { doc_uri: "https://mlflow.org/docs/latest/index.html" },
      },
    ]);
    expect(llm.spanType).toBe("LLM");
    expect(llm.inputTokens).toBe(42);
  });
});

describe("legacy traces.json shapes", () => {
  it("reads MLflow 2 spans: context ids in 0x hex, parent_id, start_time, status_code", () => {
    const text = `{"spans": [
      {"name": "predict", "context": {"trace_id": "0x5b8efff798038103d269b633813fc60c", "span_id": "0xeee19b7ec3c1b174"},
       "parent_id": null, "start_time": 1718000000123456789, "end_time": 1718000000923456789,
       "status_code": "OK", "status_message": "",
       "attributes": {"mlflow.traceRequestId": "\\"5b8efff798038103d269b633813fc60c\\"", "mlflow.spanType": "\\"CHAIN\\"", "mlflow.spanInputs": "{\\"x\\": 1}"},
       "events": []},
      {"name": "tool", "context": {"trace_id": "0x5b8efff798038103d269b633813fc60c", "span_id": "0x0102030405060708"},
       "parent_id": "0xeee19b7ec3c1b174", "start_time": 1718000000200000000, "end_time": null,
       "status_code": "ERROR", "status_message": "bad", "attributes": {},
       "events": [{"name": "exception", "timestamp": 1718000000300000001, "attributes": {"exception.message": "bad"}}]}
    ]}`;
    const [root, child] = parseTracesJson(text, { traceId: "5b8efff798038103d269b633813fc60c" });
    expect(root.traceId).toBe("tr-5b8efff798038103d269b633813fc60c");
    expect([root.spanId, root.parentSpanId, root.spanType, root.inputs]).toEqual([
      "eee19b7ec3c1b174",
      null,
      "CHAIN",
      { x: 1 },
    ]);
    expect(root.startTimeNs).toBe(1718000000123456789n);
    expect(child.parentSpanId).toBe("eee19b7ec3c1b174");
    expect([child.statusCode, child.statusMessage, child.endTimeNs]).toEqual(["ERROR", "bad", null]);
    expect(child.events[0].timeUnixNano).toBe("1718000000300000001");
  });

  it("reads MLflow 3.5 spans with hex / tr- ids and short status codes", () => {
    const text = `{"spans": [{"trace_id": "tr-5b8efff798038103d269b633813fc60c", "span_id": "eee19b7ec3c1b174", "parent_span_id": "0102030405060708",
      "name": "s", "start_time_unix_nano": 1, "end_time_unix_nano": 2, "status": {"code": "OK", "message": ""},
      "attributes": {"mlflow.spanType": "\\"TOOL\\""}, "events": []}]}`;
    const [span] = parseTracesJson(text, { traceId: "tr-5b8efff798038103d269b633813fc60c" });
    expect([span.spanId, span.parentSpanId, span.statusCode, span.spanType, span.startTimeNs]).toEqual([
      "eee19b7ec3c1b174",
      "0102030405060708",
      "OK",
      "TOOL",
      1n,
    ]);
  });
});

describe("parseTracesJson errors", () => {
  const id = { traceId: "tr-5b8efff798038103d269b633813fc60c" };
  const fail = (body: string, opts = id) => {
    try {
      parseTracesJson(body, opts);
    } catch (err) {
      expect(err).toBeInstanceOf(TracesJsonError);
      expect((err as TracesJsonError).status).toBe(400);
      return (err as Error).message;
    }
    throw new Error("expected a TracesJsonError");
  };

  it("names what is wrong", () => {
    expect(fail("{not json")).toMatch(/^traces.json is not valid JSON/);
    expect(fail('{"data": []}')).toBe('traces.json must be an object with a "spans" array');
    expect(fail('{"spans": [{"name": "x", "start_time_unix_nano": 1}]}')).toBe("spans[0].span_id is missing");
    expect(fail('{"spans": [{"span_id": "zz", "start_time_unix_nano": 1}]}')).toBe(
      "spans[0].span_id 'zz' is not an 8-byte id in base64 or hex",
    );
    expect(fail('{"spans": [{"span_id": "eee19b7ec3c1b174"}]}')).toBe("spans[0].start_time_unix_nano is missing");
    expect(fail('{"spans": []}', { traceId: "nope" })).toMatch(/trace id 'nope' is not an MLflow trace id/);
  });
});
