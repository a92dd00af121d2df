/**
 * MLflow 3 logged models, the minimal surface served (create, get, finalize, search): MLflow's
 * LoggedModel shape, PENDING → READY, search order and paging, and MLflow-style 400/404s.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createExperiment, mlflowApi } from "./mlflow-client";

type Wire = Record<string, any>;
const BASE = "/api/3.0/mlflow/logged-models";

async function ok(res: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<Wire> {
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Wire;
}

test("create, get, finalize and search logged models", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "models");
  const run = (await ok(await api.post("/api/2.0/mlflow/runs/create", { data: { experiment_id: exp } }))).run.info
    .run_id as string;
  const created = (
    await ok(
      await api.post(BASE, {
        data: {
          experiment_id: exp,
          name: "agent-v1",
          model_type: "agent",
          source_run_id: run,
          params: [{ key: "temperature", value: "0.2" }],
          tags: [{ key: "team", value: "qa" }],
        },
      }),
    )
  ).model;
  expect(created.info).toMatchObject({
    experiment_id: exp,
    name: "agent-v1",
    model_type: "agent",
    source_run_id: run,
    status: "LOGGED_MODEL_PENDING",
    tags: [{ key: "team", value: "qa" }],
  });
  expect(created.info.model_id).toMatch(/^m-[0-9a-f]{32}$/);
  expect(created.info.artifact_uri).toContain(created.info.model_id);
  expect(created.data.params).toEqual([{ key: "temperature", value: "0.2" }]);
  const id = created.info.model_id as string;

  const done = (await ok(await api.patch(`${BASE}/${id}`, { data: { model_id: id, status: "LOGGED_MODEL_READY" } })))
    .model;
  expect(done.info.status).toBe("LOGGED_MODEL_READY");
  expect((await ok(await api.get(`${BASE}/${id}`))).model.info).toMatchObject({
    model_id: id,
    status: "LOGGED_MODEL_READY",
  });

  const second = (await ok(await api.post(BASE, { data: { experiment_id: exp } }))).model.info;
  expect(second.name).toBe(second.model_id);
  const search = async (data: Wire) =>
    ok(await api.post(`${BASE}/search`, { data: { experiment_ids: [exp], ...data } }));
  expect((await search({})).models.map((m: Wire) => m.info.model_id)).toEqual([second.model_id, id]);
  expect(
    (await search({ order_by: [{ field_name: "creation_timestamp", ascending: true }] })).models.map(
      (m: Wire) => m.info.model_id,
    ),
  ).toEqual([id, second.model_id]);
  const page1 = await search({ max_results: 1 });
  expect(page1.models).toHaveLength(1);
  const page2 = await search({ max_results: 1, page_token: page1.next_page_token });
  expect(page2.models.map((m: Wire) => m.info.model_id)).toEqual([id]);
  await api.dispose();
});

test("bad input: 400 naming the field, 404 for unknown models", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "models-bad");
  const bad = async (res: Awaited<ReturnType<APIRequestContext["get"]>>, field: string) => {
    expect(res.status(), await res.text()).toBe(400);
    const body = (await res.json()) as Wire;
    expect(body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(body.message).toContain(field);
  };
  await bad(await api.post(BASE, { data: { name: "x" } }), "experiment_id");
  await bad(await api.post(BASE, { data: { experiment_id: exp, params: [{ value: "1" }] } }), "params[0].key");
  const id = (await ok(await api.post(BASE, { data: { experiment_id: exp } }))).model.info.model_id as string;
  await bad(await api.patch(`${BASE}/${id}`, { data: {} }), "status");
  await bad(await api.patch(`${BASE}/${id}`, { data: { status: "DONE" } }), "status");
  await bad(await api.patch(`${BASE}/${id}`, { data: { status: "LOGGED_MODEL_PENDING" } }), "status");
  await bad(await api.post(`${BASE}/search`, { data: {} }), "experiment_ids");
  await bad(
    await api.post(`${BASE}/search`, { data: { experiment_ids: [exp], filter: "metrics.acc > 0.5" } }),
    "filter",
  );
  await bad(
    await api.post(`${BASE}/search`, { data: { experiment_ids: [exp], order_by: [{ field_name: "metrics.acc" }] } }),
    "order_by",
  );
  for (const res of [
    await api.get(`${BASE}/m-missing`),
    await api.patch(`${BASE}/m-missing`, { data: { status: "LOGGED_MODEL_READY" } }),
    await api.post(BASE, { data: { experiment_id: "999999999" } }),
    await api.post(BASE, { data: { experiment_id: exp, source_run_id: "f".repeat(32) } }),
  ]) {
    expect(res.status(), await res.text()).toBe(404);
    expect((await res.json()).error_code).toBe("RESOURCE_DOES_NOT_EXIST");
  }
  await api.dispose();
});
