/**
 * The MLflow REST surface around search: filters through SearchTracesV3 (tags AND status,
 * feedback, run links), paging, tags set/delete in both spellings, delete-traces, the v2
 * fallbacks, the /ajax-api twin, error shapes and the ENDPOINT_NOT_FOUND 404 for unknown routes.
 */
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { E2E, storageState } from "../support/env";
import { createExperiment, mlflowApi } from "./mlflow-client";

const hex = (n: number) => randomBytes(n).toString("hex");

/** Sends one root span over OTLP JSON; `error` makes it a failed trace. */
async function sendTrace(
  api: APIRequestContext,
  experimentId: string,
  name: string,
  error: boolean,
  startSec: number,
): Promise<string> {
  const traceHex = hex(16);
  const span = {
    traceId: traceHex,
    spanId: hex(8),
    name,
    startTimeUnixNano: `${startSec}000000000`,
    endTimeUnixNano: `${startSec}250000000`,
    status: { code: error ? 2 : 1, message: error ? "boom" : "" },
  };
  const res = await api.post("/v1/traces", {
    data: { resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] },
    headers: { "x-mlflow-experiment-id": experimentId },
  });
  expect(res.status(), await res.text()).toBe(200);
  return `tr-${traceHex}`;
}

const search = async (
  api: APIRequestContext,
  experimentId: string,
  body: Record<string, unknown> = {},
  prefix = "/api",
) =>
  api.post(`${prefix}/3.0/mlflow/traces/search`, {
    data: { locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } }], ...body },
  });
const ids = async (res: Awaited<ReturnType<typeof search>>) =>
  ((await res.json()).traces ?? []).map((t: { trace_id: string }) => t.trace_id);

test("filters, ordering, paging and tag edits through the MLflow REST", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "search");
  const prodErr = await sendTrace(api, exp, "a", true, 1_700_000_001);
  const prodOk = await sendTrace(api, exp, "b", false, 1_700_000_002);
  const devErr = await sendTrace(api, exp, "c", true, 1_700_000_003);
  for (const [id, env] of [
    [prodErr, "prod"],
    [prodOk, "prod"],
    [devErr, "dev"],
  ]) {
    const res = await api.patch(`/api/2.0/mlflow/traces/${id}/tags`, { data: { key: "env", value: env } });
    expect(res.status(), await res.text()).toBe(200);
  }

  expect(await ids(await search(api, exp, { filter: "tags.env = 'prod' AND attributes.status = 'ERROR'" }))).toEqual([
    prodErr,
  ]);
  expect(await ids(await search(api, exp, { filter: "tags.env = 'prod'", order_by: ["timestamp_ms ASC"] }))).toEqual([
    prodErr,
    prodOk,
  ]);
  expect(await ids(await search(api, exp, { filter: "status = 'OK'" }))).toEqual([prodOk]);
  expect(await ids(await search(api, exp, { filter: "trace.name = 'c'" }))).toEqual([devErr]);

  // Paging: a full page carries next_page_token; following it reaches the rest.
  const page1 = await (await search(api, exp, { max_results: 2 })).json();
  expect(page1.traces.map((t: { trace_id: string }) => t.trace_id)).toEqual([devErr, prodOk]);
  const page2 = await (await search(api, exp, { max_results: 2, page_token: page1.next_page_token })).json();
  expect(page2.traces.map((t: { trace_id: string }) => t.trace_id)).toEqual([prodErr]);
  expect(page2.next_page_token).toBeUndefined();

  // feedback.<name> sees only valid assessments.
  await api.post(`/api/3.0/mlflow/traces/${prodOk}/assessments`, {
    data: {
      assessment: {
        assessment_name: "user_feedback",
        source: { source_type: "HUMAN", source_id: "u" },
        feedback: { value: false },
      },
    },
  });
  expect(await ids(await search(api, exp, { filter: "feedback.user_feedback = false" }))).toEqual([prodOk]);

  // Tag delete: the UI's ?key= on 3.0, and the Python client's JSON body on 2.0.
  expect((await api.delete(`/api/3.0/mlflow/traces/${devErr}/tags?key=env`)).status()).toBe(200);
  expect((await api.delete(`/api/2.0/mlflow/traces/${prodOk}/tags`, { data: { key: "env" } })).status()).toBe(200);
  expect(await ids(await search(api, exp, { filter: "tags.env IS NULL", order_by: ["timestamp_ms ASC"] }))).toEqual([
    prodOk,
    devErr,
  ]);
  const missingTag = await api.delete(`/api/3.0/mlflow/traces/${devErr}/tags?key=env`);
  expect(missingTag.status()).toBe(404);

  // Runs: create, link traces, then run_id finds them.
  const run = (
    await (
      await api.post("/api/2.0/mlflow/runs/create", {
        data: { experiment_id: exp, run_name: "eval-1", tags: [{ key: "mlflow.runType", value: "genai_evaluate" }] },
      })
    ).json()
  ).run;
  expect(run.info.run_name).toBe("eval-1");
  expect(
    (
      await api.post("/api/2.0/mlflow/traces/link-to-run", {
        data: { trace_ids: [prodErr, devErr], run_id: run.info.run_id },
      })
    ).status(),
  ).toBe(200);
  expect(
    await ids(await search(api, exp, { filter: `run_id = '${run.info.run_id}'`, order_by: ["timestamp_ms ASC"] })),
  ).toEqual([prodErr, devErr]);
  await api.post("/api/2.0/mlflow/runs/log-batch", {
    data: {
      run_id: run.info.run_id,
      metrics: [{ key: "correctness/mean", value: 0.5, timestamp: 1, step: 0 }],
      params: [{ key: "judge", value: "gpt" }],
    },
  });
  await api.post("/api/2.0/mlflow/runs/update", { data: { run_id: run.info.run_id, status: "FINISHED", end_time: 5 } });
  const gotRun = (await (await api.get(`/api/2.0/mlflow/runs/get?run_id=${run.info.run_id}`)).json()).run;
  expect(gotRun.info.status).toBe("FINISHED");
  expect(gotRun.data.metrics).toEqual([{ key: "correctness/mean", value: 0.5, timestamp: 1, step: 0 }]);

  // The v2 fallback search and the /ajax-api twin answer too.
  const v2 = await (
    await api.get(
      `/api/2.0/mlflow/traces?experiment_ids=${exp}&filter=${encodeURIComponent("status = 'ERROR'")}&order_by=timestamp_ms%20ASC`,
    )
  ).json();
  expect(v2.traces.map((t: { request_id: string; status: string }) => [t.request_id, t.status])).toEqual([
    [prodErr, "ERROR"],
    [devErr, "ERROR"],
  ]);
  expect(
    await ids(await search(api, exp, { filter: "status = 'ERROR'", order_by: ["timestamp_ms ASC"] }, "/ajax-api")),
  ).toEqual([prodErr, devErr]);

  // delete-traces by id.
  const del = await api.post("/api/2.0/mlflow/traces/delete-traces", {
    data: { experiment_id: exp, request_ids: [devErr] },
  });
  expect(await del.json()).toEqual({ traces_deleted: 1 });
  expect((await api.get(`/api/3.0/mlflow/traces/${devErr}`)).status()).toBe(404);
  await api.dispose();
});

test("errors use MLflow's shape; unknown routes are ENDPOINT_NOT_FOUND; reads and writes need a developer", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "errors");
  const bad = await search(api, exp, { filter: "tags.env = 'prod' OR status = 'OK'" });
  expect(bad.status()).toBe(400);
  const badBody = await bad.json();
  expect(badBody.error_code).toBe("INVALID_PARAMETER_VALUE");
  expect(badBody.message).toMatch(/position|column|OR/i);

  const unknownExp = await api.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=no-such-experiment-xyz");
  expect(unknownExp.status()).toBe(404);
  expect(await unknownExp.json()).toMatchObject({ error_code: "RESOURCE_DOES_NOT_EXIST" });
  const unknownTrace = await api.get(`/api/3.0/mlflow/traces/tr-${hex(16)}`);
  expect(unknownTrace.status()).toBe(404);
  expect((await unknownTrace.json()).error_code).toBe("RESOURCE_DOES_NOT_EXIST");

  for (const path of [
    "/api/2.0/mlflow/no-such-endpoint",
    "/api/3.0/mlflow/traces/x/y/z/w",
    "/api/4.0/mlflow/traces/search",
    "/ajax-api/2.0/mlflow/nothing",
  ]) {
    const res = await api.post(path, { data: {} });
    expect(res.status(), path).toBe(404);
    const body = await res.json();
    expect(body.error_code, path).toBe("ENDPOINT_NOT_FOUND");
    expect(body.message, path).toContain(new URL(path, "http://x").pathname);
  }
  // Our own /api routes are still ours.
  expect((await api.get("/api/experiments")).status()).toBe(200);

  const reviewer = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("reviewer") });
  expect((await search(reviewer, exp)).status()).toBe(403);
  await reviewer.dispose();
  const anon = await request.newContext({ baseURL: E2E.baseURL });
  expect((await search(anon, exp)).status()).toBe(401);
  await anon.dispose();

  // /version and /health, as MLflow clients probe them.
  expect(await (await api.get("/version")).text()).toMatch(/^3\.(\d{2,}|[4-9])\.\d+$/);
  expect(await (await api.get("/health")).text()).toBe("OK");
  await api.dispose();
});
