/**
 * MLflow runs calls real clients make beyond create/get/update/log-batch: runs/search (filters,
 * order, paging), runs/log-parameter (immutable), runs/log-metric and metrics/get-history.
 */
import { expect, test } from "@playwright/test";
import { createExperiment, mlflowApi } from "./mlflow-client";

type Wire = Record<string, any>;

test("runs/search, log-parameter, log-metric and metrics/get-history", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "runs");
  const create = async (name: string, start: number, tags: { key: string; value: string }[] = []) =>
    (
      await (
        await api.post("/api/2.0/mlflow/runs/create", {
          data: { experiment_id: exp, run_name: name, start_time: start, tags },
        })
      ).json()
    ).run.info.run_id as string;
  const evalRun = await create("eval", 1_700_000_000_000, [{ key: "mlflow.runType", value: "genai_evaluate" }]);
  const other = await create("other", 1_700_000_001_000);

  for (const [value, ts, step] of [
    [0.5, 1, 0],
    [0.75, 2, 1],
  ] as const) {
    const res = await api.post("/api/2.0/mlflow/runs/log-metric", {
      data: { run_id: evalRun, key: "correctness/mean", value, timestamp: ts, step },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  expect(
    (
      await api.post("/api/2.0/mlflow/runs/log-parameter", { data: { run_id: evalRun, key: "model", value: "m1" } })
    ).status(),
  ).toBe(200);
  const changed = await api.post("/api/2.0/mlflow/runs/log-parameter", {
    data: { run_id: evalRun, key: "model", value: "m2" },
  });
  expect(changed.status()).toBe(400);
  expect((await changed.json()).error_code).toBe("INVALID_PARAMETER_VALUE");

  const history = await (
    await api.get(
      `/api/2.0/mlflow/metrics/get-history?run_id=${evalRun}&metric_key=${encodeURIComponent("correctness/mean")}`,
    )
  ).json();
  expect(history.metrics).toEqual([
    { key: "correctness/mean", value: 0.5, timestamp: 1, step: 0 },
    { key: "correctness/mean", value: 0.75, timestamp: 2, step: 1 },
  ]);

  const search = async (data: Record<string, unknown>) => {
    const res = await api.post("/api/2.0/mlflow/runs/search", { data: { experiment_ids: [exp], ...data } });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as { runs?: { info: { run_id: string }; data: Wire }[]; next_page_token?: string };
  };
  expect((await search({})).runs!.map((r) => r.info.run_id)).toEqual([other, evalRun]);
  expect((await search({ order_by: ["start_time ASC"] })).runs!.map((r) => r.info.run_id)).toEqual([evalRun, other]);
  const tagged = await search({ filter: "tags.`mlflow.runType` = 'genai_evaluate'" });
  expect(tagged.runs!.map((r) => r.info.run_id)).toEqual([evalRun]);
  expect(tagged.runs![0]!.data.metrics).toEqual([{ key: "correctness/mean", value: 0.75, timestamp: 2, step: 1 }]);
  expect(tagged.runs![0]!.data.params).toEqual([{ key: "model", value: "m1" }]);
  expect((await search({ filter: "params.model = 'm1' AND attributes.run_name = 'eval'" })).runs!.length).toBe(1);
  const page1 = await search({ max_results: 1 });
  expect(page1.runs).toHaveLength(1);
  const page2 = await search({ max_results: 1, page_token: page1.next_page_token });
  expect(page2.runs!.map((r) => r.info.run_id)).toEqual([evalRun]);

  const bad = await api.post("/api/2.0/mlflow/runs/search", {
    data: { experiment_ids: [exp], filter: "metrics.x > 1" },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).message).toMatch(/filter/);
  const missing = await api.get(`/api/2.0/mlflow/metrics/get-history?run_id=${evalRun}`);
  expect(missing.status()).toBe(400);
  expect((await missing.json()).message).toContain("metric_key");
  await api.dispose();
});
