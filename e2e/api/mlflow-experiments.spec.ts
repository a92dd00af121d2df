import { expect, test } from "@playwright/test";
import { createExperiment, mlflowApi } from "./mlflow-client";

test("MLflow experiment lifecycle: create, get by name, delete (soft), unknown name is RESOURCE_DOES_NOT_EXIST", async () => {
  const api = await mlflowApi();
  const id = await createExperiment(api, "lifecycle");
  const got = await (await api.get(`/api/2.0/mlflow/experiments/get?experiment_id=${id}`)).json();
  expect(got.experiment).toMatchObject({
    experiment_id: id,
    artifact_location: `mlflow-artifacts:/${id}`,
    lifecycle_stage: "active",
  });
  const byName = await (
    await api.get(`/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(got.experiment.name)}`)
  ).json();
  expect(byName.experiment.experiment_id).toBe(id);

  expect((await api.post("/api/2.0/mlflow/experiments/delete", { data: { experiment_id: id } })).status()).toBe(200);
  const after = await (await api.get(`/api/2.0/mlflow/experiments/get?experiment_id=${id}`)).json();
  expect(after.experiment.lifecycle_stage).toBe("deleted");
  const search = await (await api.post("/api/2.0/mlflow/experiments/search", { data: { max_results: 1000 } })).json();
  expect(search.experiments.map((e: { experiment_id: string }) => e.experiment_id)).not.toContain(id);

  const unknown = await api.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=no-such-experiment-anywhere");
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ error_code: "RESOURCE_DOES_NOT_EXIST" });
  const missing = await api.post("/api/2.0/mlflow/experiments/delete", { data: {} });
  expect(missing.status()).toBe(400);
  expect((await missing.json()).message).toMatch(/experiment_id/);
  await api.dispose();
});
