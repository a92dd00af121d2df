/**
 * Replays, as raw HTTP, what MLflow's Python client (3.11) and TypeScript SDK sent for a traced
 * function plus feedback (test/fixtures/mlflow-captures), against the running app. The Python client's span
 * export and trace create race, so both orders are replayed; each must end in the same trace.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { mlflowApi } from "./mlflow-client";
import { IdMap, loadCapture, replay, type CapturedRequest } from "./mlflow-replay";

const hex = (n: number) => randomBytes(n).toString("hex");
const isOtlp = (r: CapturedRequest) => r.path === "/v1/traces";
const isCreate = (r: CapturedRequest) => r.method === "POST" && r.path === "/api/3.0/mlflow/traces";

async function replayPython(api: APIRequestContext, spansFirst: boolean) {
  const capture = loadCapture("mlflow-python-client", "capture-async.jsonl");
  const ids = new IdMap();
  const capturedTrace = /tr-[0-9a-f]{32}/.exec(capture.find(isCreate)!.bodyText!)![0];
  const traceId = `tr-${hex(16)}`;
  ids.set(capturedTrace, traceId);
  const expName = `docs-demo-${hex(4)}`;
  ids.set("docs-demo", expName);

  // Requests in capture order, except that the span export and the trace create are put in the order under test.
  const otlp = capture.filter(isOtlp);
  const create = capture.find(isCreate)!;
  const rest = capture.filter((r) => !isOtlp(r) && r !== create);
  const idx = rest.findIndex((r) => r.path.includes("/assessments"));
  const ordered = [...rest.slice(0, idx), ...(spansFirst ? [...otlp, create] : [create, ...otlp]), ...rest.slice(idx)];

  const answers: { req: CapturedRequest; status: number; body: unknown }[] = [];
  for (const req of ordered) {
    const res = await replay(api, req, ids, { headers: isOtlp(req) ? { "x-mlflow-experiment-id": experimentId } : {} });
    const text = await res.text();
    const body = text && (res.headers()["content-type"] ?? "").includes("json") ? JSON.parse(text) : text;
    answers.push({ req, status: res.status(), body });
    expect(res.status(), `${req.method} ${req.path}: ${text.slice(0, 300)}`).toBe(req.response?.status ?? 200);
    // Learn the ids our server generated in place of the captured ones.
    const captured = req.response?.body_json as Record<string, Record<string, string>> | undefined;
    if (req.path.endsWith("/experiments/create")) {
      const ours = (body as { experiment_id: string }).experiment_id;
      ids.set("experiment_id=1", `experiment_id=${ours}`);
      ids.set('"experiment_id": "1"', `"experiment_id": "${ours}"`);
      ids.set("mlflow-artifacts:/1/", `mlflow-artifacts:/${ours}/`);
      experimentId = ours;
    }
    if (captured?.assessment?.assessment_id)
      ids.set(
        captured.assessment.assessment_id,
        (body as { assessment: { assessment_id: string } }).assessment.assessment_id,
      );
  }
  return { traceId, answers };
}

let experimentId = "";

for (const spansFirst of [true, false]) {
  test(`Python client sequence (${spansFirst ? "spans, then trace create" : "trace create, then spans"}) ends in one trace with its feedback`, async () => {
    const api = await mlflowApi();
    const { traceId, answers } = await replayPython(api, spansFirst);
    // The experiment lookup answered 404 RESOURCE_DOES_NOT_EXIST, so the client created it.
    expect((answers[0]!.body as { error_code: string }).error_code).toBe("RESOURCE_DOES_NOT_EXIST");
    // /version is >= 3.4 (or the client would never use OTLP).
    const version = answers.find((a) => a.req.path === "/version")!.body as string;
    const [major, minor] = version.split(".").map(Number);
    expect(major! > 3 || (major === 3 && minor! >= 4), version).toBe(true);
    // StartTraceV3 answered with both server tags.
    const created = answers.find((a) => isCreate(a.req))!.body as {
      trace: { trace_info: { tags: Record<string, string> } };
    };
    expect(created.trace.trace_info.tags["mlflow.trace.spansLocation"]).toBe("TRACKING_STORE");
    expect(created.trace.trace_info.tags["mlflow.artifactLocation"]).toBe(
      `mlflow-artifacts:/${experimentId}/traces/${traceId}/artifacts`,
    );

    // search_traces: the trace, the client's info, all three spans, and its assessments.
    const search = await api.post("/api/3.0/mlflow/traces/search", {
      data: { locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } }] },
    });
    const [info] = (await search.json()).traces;
    expect(info.trace_id).toBe(traceId);
    expect(info.state).toBe("OK");
    expect(info.request_preview).toBe('{"user_question": "What is MLflow?"}');
    expect(info.execution_duration).toBe("0.115s");
    expect(info.request_time).toBe("2026-11-23T21:22:12.404Z");
    expect(info.tags["mlflow.traceName"]).toBe("my_chatbot");
    const byName = Object.fromEntries(info.assessments.map((a: { assessment_name: string }) => [a.assessment_name, a]));
    // The override was deleted, so the end user's original feedback is valid again.
    expect(byName.user_feedback).toMatchObject({
      feedback: { value: false },
      source: { source_type: "HUMAN", source_id: "enduser_123" },
      valid: true,
    });
    expect(byName.user_feedback.rationale).toContain("Missing details");
    expect(byName.expected_response.expectation.value).toBe(
      "MLflow is an open-source MLOps platform (Tracking, Projects, Models, Registry).",
    );
    expect(info.assessments).toHaveLength(2);
    const batch = await (await api.get(`/api/3.0/mlflow/traces/batchGet?trace_ids=${traceId}`)).json();
    expect(batch.traces[0].spans.map((s: { name: string }) => s.name).sort()).toEqual([
      "fake_llm",
      "my_chatbot",
      "retrieve_context",
    ]);

    // The feedback is searchable: feedback.user_feedback = false finds it, = true does not.
    const byFeedback = async (value: string) =>
      (
        await (
          await api.post("/api/3.0/mlflow/traces/search", {
            data: {
              locations: [{ mlflow_experiment: { experiment_id: experimentId } }],
              filter: `feedback.user_feedback = ${value}`,
            },
          })
        ).json()
      ).traces ?? [];
    expect((await byFeedback("false")).map((t: { trace_id: string }) => t.trace_id)).toEqual([traceId]);
    expect(await byFeedback("true")).toEqual([]);
    await api.dispose();
  });
}

test("TypeScript SDK sequence (trace create, then traces.json upload built from the reply's artifact location) stores the spans", async () => {
  const api = await mlflowApi();
  const capture = loadCapture("mlflow-ts-client", "capture.jsonl");
  const ids = new IdMap();
  const expRes = await api.post("/api/2.0/mlflow/experiments/create", { data: { name: `ts-sdk-${hex(4)}` } });
  const experimentId = (await expRes.json()).experiment_id as string;
  ids.set('"experiment_id":"1"', `"experiment_id":"${experimentId}"`);
  const creates = capture.filter(isCreate);
  const traceIds: string[] = [];
  for (const create of creates) {
    const captured = /tr-[0-9a-f]{32}/.exec(create.bodyText!)![0];
    const ours = `tr-${hex(16)}`;
    ids.set(captured, ours);
    traceIds.push(ours);
    const res = await replay(api, create, ids);
    expect(res.status(), await res.text()).toBe(200);
    const location = (await res.json()).trace.trace_info.tags["mlflow.artifactLocation"] as string;
    // The SDK builds its upload URL only from this tag.
    expect(location).toBe(`mlflow-artifacts:/${experimentId}/traces/${ours}/artifacts`);
    const upload = capture.find((r) => r.method === "PUT" && r.path.includes(captured))!;
    const put = await replay(api, upload, ids, {
      path: `/api/2.0/mlflow-artifacts/artifacts/${location.slice("mlflow-artifacts:/".length)}/traces.json`,
    });
    expect(put.status(), await put.text()).toBe(200);
  }

  const first = traceIds[0]!;
  await api.post(`/api/3.0/mlflow/traces/${first}/assessments`, {
    data: {
      assessment: {
        assessment_name: "user_feedback",
        trace_id: first,
        source: { source_type: "HUMAN", source_id: "user-ts-42" },
        feedback: { value: true },
        rationale: "Helpful",
      },
    },
  });
  const search = await api.post("/api/3.0/mlflow/traces/search", {
    data: {
      locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } }],
      order_by: ["timestamp_ms ASC"],
    },
  });
  const traces = (await search.json()).traces as {
    trace_id: string;
    client_request_id: string;
    request_preview: string;
    state: string;
    assessments: { assessment_name: string; feedback: { value: unknown } }[];
    trace_metadata: Record<string, string>;
  }[];
  expect(traces.map((t) => t.trace_id).sort()).toEqual([...traceIds].sort());
  const t1 = traces.find((t) => t.trace_id === first)!;
  expect(t1.client_request_id).toBe("req-ts-0001");
  expect((t1 as unknown as { tags: Record<string, string> }).tags).toMatchObject({
    env: "capture",
    "app.version": "1.2.3",
    "mlflow.trace.spansLocation": "TRACKING_STORE",
  });
  expect(t1.request_preview).toBe('{"question":"What is MLflow?"}');
  expect(t1.trace_metadata["mlflow.trace.session"]).toBe("session-ts-001");
  expect(t1.assessments.map((a) => [a.assessment_name, a.feedback.value])).toEqual([["user_feedback", true]]);

  // Spans came in through traces.json: GetTrace has them, with the SDK's plain attribute values.
  const got = await (await api.get(`/api/3.0/mlflow/traces/get?trace_id=${first}`)).json();
  const names = got.trace.spans.map((s: { name: string }) => s.name).sort();
  expect(names).toEqual(["chat_completion", "rag_pipeline", "retrieve_docs"]);
  // And the artifact download renders them back as traces.json (64-bit times exact).
  const download = await api.get(
    `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/traces/${first}/artifacts/traces.json`,
  );
  const text = await download.text();
  expect(download.status()).toBe(200);
  expect(text).toContain('"start_time_unix_nano": 1795468678057000000');
  // Attribute values are JSON-encoded strings there, as the Python client writes them.
  expect(text).toContain('"mlflow.spanType":"\\"CHAIN\\""');
  await api.dispose();
});
