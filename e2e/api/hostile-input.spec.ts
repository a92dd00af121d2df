/**
 * Hostile input on every route family that parses JSON: 10,000-level nesting is a 400 JSON
 * error (it was a stack overflow and a 500), and a trace search with 5,000 AND terms is a 400
 * naming the 100-condition limit (it hit the database parameter limit).
 */
import { expect, request, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { E2E, storageState } from "../support/env";
import { createExperiment, mlflowApi } from "./mlflow-client";

const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
const deepObject = (n: number) => `{"resourceSpans":${deep(n)}}`;

test("10,000-level nesting gets a 400 JSON error on every JSON route", async () => {
  const api = await mlflowApi();
  const cookie = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  const experimentId = await createExperiment(api, "hostile");
  const traceId = `tr-${randomBytes(16).toString("hex")}`;
  const json = { "content-type": "application/json" };
  const cases: [string, () => Promise<import("@playwright/test").APIResponse>][] = [
    [
      "route wrapper (/api/experiments)",
      () => cookie.post("/api/experiments", { data: `{"name":${deep(10_000)}}`, headers: json }),
    ],
    [
      "MLflow router",
      () => api.post("/api/2.0/mlflow/experiments/create", { data: `{"name":${deep(10_000)}}`, headers: json }),
    ],
    [
      "MLflow assessment serialized value",
      () =>
        api.post(`/api/3.0/mlflow/traces/${traceId}/assessments`, {
          data: { assessment: { assessment_name: "x", expectation: { serialized_value: { value: deep(10_000) } } } },
        }),
    ],
    [
      "OTLP JSON",
      () =>
        api.post("/v1/traces", {
          data: deepObject(10_000),
          headers: { ...json, "x-mlflow-experiment-id": experimentId },
        }),
    ],
    [
      "traces.json upload",
      () =>
        api.put(`/api/2.0/mlflow-artifacts/artifacts/${experimentId}/traces/${traceId}/artifacts/traces.json`, {
          data: `{"spans":${deep(10_000)}}`,
          headers: json,
        }),
    ],
    [
      "legacy feedback",
      () => api.post("/api/feedback", { data: `{"dataframe_records":${deep(10_000)}}`, headers: json }),
    ],
    [
      "dataset upload (JSONL inside JSON)",
      () =>
        cookie.post(`/api/evaluation/experiments/${experimentId}/datasets`, {
          data: { name: "deep", upload: { format: "jsonl", content: `{"inputs":{"q":${deep(10_000)}}}` } },
        }),
    ],
  ];
  for (const [name, send] of cases) {
    const res = await send();
    expect(res.status(), `${name}: ${await res.text()}`).toBe(400);
    const body = await res.json();
    expect(body.error_code, name).toBe("INVALID_PARAMETER_VALUE");
    expect(body.message, name).toMatch(/deeper than 200 levels/);
  }
  await Promise.all([api.dispose(), cookie.dispose()]);
});

test("5,000 AND terms in a trace search are a 400 that names the limit; 100 terms still work", async () => {
  const api = await mlflowApi();
  const experimentId = await createExperiment(api, "many-terms");
  const terms = (n: number) => Array.from({ length: n }, (_, i) => `tags.k${i} = 'v'`).join(" AND ");
  const v3 = (filter: string) =>
    api.post("/api/3.0/mlflow/traces/search", {
      data: { locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } }], filter },
    });
  const many = await v3(terms(5000));
  expect(many.status()).toBe(400);
  expect((await many.json()).message).toMatch(/a filter has at most 100 conditions joined by AND/);
  // The v2 GET carries the filter in the URL (Node caps headers at 16 KB), so 150 terms there.
  const v2 = await api.get("/api/2.0/mlflow/traces", {
    params: { experiment_ids: experimentId, filter: terms(150) },
  });
  expect(v2.status()).toBe(400);
  const hundred = await v3(terms(100));
  expect(hundred.status(), await hundred.text()).toBe(200);
  await api.dispose();
});
