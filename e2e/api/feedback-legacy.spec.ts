/**
 * The legacy end-user feedback request of Databricks' deprecated feedback model, with the exact
 * example payload of its docs, at /api/feedback and the old served-models path; malformed
 * requests are refused with the offending record and field, and store nothing.
 */
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createExperiment, developerKey, mlflowApi } from "./mlflow-client";
import { E2E } from "../support/env";

/** The docs' example, verbatim (request_id is an app's own request id: we match it to client_request_id). */
const DOCS_EXAMPLE = {
  dataframe_records: [
    {
      source: { id: "user@company.com", type: "human" },
      request_id: "573d4a61-4adb-41bd-96db-0ec8cebc3744",
      text_assessments: [
        {
          ratings: { answer_correct: { value: "positive" }, accurate: { value: "positive" } },
          free_text_comment: "The answer used the provided context to talk about Lakeflow Declarative Pipelines",
        },
      ],
      retrieval_assessments: [{ ratings: { groundedness: { value: "positive" } } }],
    },
  ],
};

/** A finished trace (root + retriever) sent the way MLflow clients do; returns its id. */
async function makeTrace(api: APIRequestContext, experimentId: string, clientRequestId?: string): Promise<string> {
  const traceId = `tr-${randomBytes(16).toString("hex")}`;
  const res = await api.post("/api/3.0/mlflow/traces", {
    data: {
      trace: {
        trace_info: {
          trace_id: traceId,
          ...(clientRequestId ? { client_request_id: clientRequestId } : {}),
          trace_location: { type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } },
          request_time: new Date().toISOString(),
          execution_duration: "0.5s",
          state: "OK",
          request_preview: '"What are Lakeflow Declarative Pipelines?"',
          response_preview: '"They are ..."',
          tags: { "mlflow.traceName": "agent" },
        },
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const rootId = randomBytes(8).toString("base64");
  const span = (id: string, parent: string | null, name: string, type: string, start: string, end: string) => ({
    span_id: id,
    parent_span_id: parent,
    name,
    start_time_unix_nano: start,
    end_time_unix_nano: end,
    status: { code: "STATUS_CODE_OK" },
    attributes: { "mlflow.spanType": JSON.stringify(type) },
  });
  const spans = {
    spans: [
      span(rootId, null, "agent", "AGENT", "1700000000000000000", "1700000000500000000"),
      span(
        randomBytes(8).toString("base64"),
        rootId,
        "retrieve",
        "RETRIEVER",
        "1700000000100000000",
        "1700000000200000000",
      ),
    ],
  };
  const put = await api.put(
    `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/traces/${traceId}/artifacts/traces.json`,
    { data: JSON.stringify(spans), headers: { "content-type": "application/json" } },
  );
  expect(put.status(), await put.text()).toBe(200);
  return traceId;
}

async function assessmentsOf(api: APIRequestContext, traceId: string) {
  const res = await api.get(`/api/3.0/mlflow/traces/${traceId}`);
  return (await res.json()).trace.trace_info.assessments as {
    assessment_name: string;
    feedback: { value: unknown };
    rationale?: string;
    source: { source_type: string; source_id: string };
    span_id?: string;
  }[];
}

test("the docs' example payload stores one feedback per rating, positive as true, with the comment as rationale", async () => {
  const api = await mlflowApi();
  const experimentId = await createExperiment(api, "feedback");
  const traceId = await makeTrace(api, experimentId, "573d4a61-4adb-41bd-96db-0ec8cebc3744");
  const res = await api.post("/api/feedback", { data: DOCS_EXAMPLE });
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  expect(body.predictions).toBe("Ok");
  expect(body.records[0].trace_id).toBe(traceId);

  const stored = await assessmentsOf(api, traceId);
  expect(stored.map((a) => a.assessment_name).sort()).toEqual(["accurate", "answer_correct", "groundedness"]);
  for (const a of stored) {
    expect(a.feedback.value).toBe(true);
    expect(a.source).toEqual({ source_type: "HUMAN", source_id: "user@company.com" });
  }
  const byName = Object.fromEntries(stored.map((a) => [a.assessment_name, a]));
  expect(byName.answer_correct!.rationale).toBe(
    "The answer used the provided context to talk about Lakeflow Declarative Pipelines",
  );
  // The retrieval rating sits on the retriever span.
  expect(byName.groundedness!.span_id).toMatch(/^[0-9a-f]{16}$/);
  expect(byName.answer_correct!.span_id).toBeUndefined();
  await api.dispose();
});

test("the old served-models path takes the same request, with the trace id the app got back and HTTP Basic auth", async ({
  playwright,
}) => {
  const api = await mlflowApi();
  const experimentId = await createExperiment(api, "feedback-served");
  const traceId = await makeTrace(api, experimentId);
  // Databricks clients sent `-u token:$TOKEN`.
  const basic = await playwright.request.newContext({
    baseURL: E2E.baseURL,
    extraHTTPHeaders: { authorization: `Basic ${Buffer.from(`token:${await developerKey()}`).toString("base64")}` },
  });
  const payload = {
    dataframe_records: [
      {
        source: { id: "end-user-7", type: "human" },
        request_id: traceId,
        text_assessments: [{ ratings: { answer_correct: { value: "negative" } }, free_text_comment: "Wrong product" }],
      },
    ],
  };
  const res = await basic.post("/serving-endpoints/my-agent/served-models/feedback/invocations", { data: payload });
  expect(res.status(), await res.text()).toBe(200);
  expect(await assessmentsOf(api, traceId)).toMatchObject([
    {
      assessment_name: "answer_correct",
      feedback: { value: false },
      rationale: "Wrong product",
      source: { source_id: "end-user-7" },
    },
  ]);
  await basic.dispose();
  await api.dispose();
});

test("malformed records get 400 naming the record and field, unknown traces 404, and nothing is stored", async () => {
  const api = await mlflowApi();
  const experimentId = await createExperiment(api, "feedback-bad");
  const traceId = await makeTrace(api, experimentId);
  const good = {
    source: { id: "u1", type: "human" },
    request_id: traceId,
    text_assessments: [{ ratings: { helpful: { value: "positive" } } }],
  };
  const cases: [string, unknown, number, RegExp][] = [
    [
      "missing request_id",
      { dataframe_records: [good, { ...good, request_id: undefined }] },
      400,
      /dataframe_records\[1\]\.request_id: Required/,
    ],
    [
      "unknown rating value",
      { dataframe_records: [{ ...good, text_assessments: [{ ratings: { helpful: { value: "meh" } } }] }] },
      400,
      /dataframe_records\[0\]\.text_assessments\[0\]\.ratings\.helpful\.value: must be "positive" or "negative", got "meh"/,
    ],
    ["non-array records", { dataframe_records: { 0: good } }, 400, /dataframe_records: must be an array of records/],
    [
      "missing source",
      { dataframe_records: [{ ...good, source: undefined }] },
      400,
      /dataframe_records\[0\]\.source: Required/,
    ],
    ["not JSON", "{not json", 400, /not valid JSON/],
    [
      "unknown trace",
      { dataframe_records: [good, { ...good, request_id: "tr-00000000000000000000000000000001" }] },
      404,
      /dataframe_records\[1\]\.request_id: trace 'tr-00000000000000000000000000000001' not found/,
    ],
  ];
  for (const [label, data, status, message] of cases) {
    const res = await api.post("/api/feedback", {
      data: Buffer.from(typeof data === "string" ? data : JSON.stringify(data)),
      headers: { "content-type": "application/json" },
    });
    expect(res.status(), label).toBe(status);
    const body = await res.json();
    expect(body.message, label).toMatch(message);
    expect(body.error_code, label).toBe(status === 404 ? "RESOURCE_DOES_NOT_EXIST" : "INVALID_PARAMETER_VALUE");
  }
  // The first record of each refused request was valid, yet nothing was written.
  expect(await assessmentsOf(api, traceId)).toEqual([]);
  // Reviewers (and anonymous callers) cannot write feedback.
  const anon = await request.newContext({ baseURL: E2E.baseURL });
  expect((await anon.post("/api/feedback", { data: { dataframe_records: [good] } })).status()).toBe(401);
  await anon.dispose();
  await api.dispose();
});
