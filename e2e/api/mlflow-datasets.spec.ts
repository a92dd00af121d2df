/**
 * MLflow 3 evaluation-dataset REST (datasets.proto, what mlflow.genai.datasets sends) over our
 * versioned datasets: create, get, search (name filters, times, order, paging), upsert records by
 * inputs hash, read records back as MLflow's JSON string, experiment ids, delete; and bad input
 * answered as MLflow does (400 INVALID_PARAMETER_VALUE naming the field, 404 for unknown ids).
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createExperiment, mlflowApi } from "./mlflow-client";

type Wire = Record<string, any>;
const BASE = "/api/3.0/mlflow/datasets";

async function ok(res: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<Wire> {
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Wire;
}

test("create, get, search, merge and read records, experiment ids, delete", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "datasets");
  const name = `ds-${Date.now()}`;
  const created = (await ok(await api.post(`${BASE}/create`, { data: { name, experiment_ids: [exp] } }))).dataset;
  expect(created).toMatchObject({ name, experiment_ids: [exp] });
  expect(typeof created.dataset_id).toBe("string");
  expect(typeof created.created_time).toBe("number");
  const id = created.dataset_id as string;

  const dup = await api.post(`${BASE}/create`, { data: { name, experiment_ids: [exp] } });
  expect(dup.status()).toBe(409);
  expect((await dup.json()).error_code).toBe("RESOURCE_ALREADY_EXISTS");

  const records = [
    { inputs: { q: "a" }, expectations: { expected_response: "A" }, tags: { "mlflow.user": "dev" } },
    { inputs: { q: "b" }, outputs: "B?", source: { source_type: "HUMAN", source_data: {} } },
  ];
  const first = await ok(await api.post(`${BASE}/${id}/records`, { data: { records: JSON.stringify(records) } }));
  expect(first).toEqual({ inserted_count: 2, updated_count: 0 });
  // Same inputs (keys in another order is the same hash): an update that merges expectations.
  const again = await ok(
    await api.post(`${BASE}/${id}/records`, {
      data: { records: JSON.stringify([{ inputs: { q: "a" }, expectations: { expected_facts: ["x"] } }]) },
    }),
  );
  expect(again).toEqual({ inserted_count: 0, updated_count: 1 });

  const got = (await ok(await api.get(`${BASE}/${id}`))).dataset;
  expect(got).toMatchObject({ dataset_id: id, name, experiment_ids: [exp] });
  expect(got.digest).not.toBe(created.digest);

  const page1 = await ok(await api.get(`${BASE}/${id}/records?max_results=1`));
  expect(typeof page1.records).toBe("string");
  const [r1] = JSON.parse(page1.records) as Wire[];
  expect(r1).toMatchObject({
    dataset_id: id,
    inputs: { q: "a" },
    expectations: { expected_response: "A", expected_facts: ["x"] },
    tags: { "mlflow.user": "dev" },
  });
  for (const k of ["dataset_record_id", "created_time", "last_update_time"]) expect(r1).toHaveProperty(k);
  expect(page1.next_page_token).toBeTruthy();
  const page2 = await ok(await api.get(`${BASE}/${id}/records?max_results=1&page_token=${page1.next_page_token}`));
  expect(JSON.parse(page2.records)).toEqual([expect.objectContaining({ inputs: { q: "b" }, outputs: "B?" })]);
  expect(page2.next_page_token).toBeUndefined();

  expect(await ok(await api.get(`${BASE}/${id}/experiment-ids`))).toEqual({ experiment_ids: [exp] });

  // Search as get_dataset(name=) and search_datasets() send it.
  const other = (await ok(await api.post(`${BASE}/create`, { data: { name: `${name}-2`, experiment_ids: [exp] } })))
    .dataset;
  const search = async (data: Wire) =>
    ((await ok(await api.post(`${BASE}/search`, { data: { experiment_ids: [exp], ...data } }))).datasets ?? []).map(
      (d: Wire) => d.dataset_id,
    );
  expect(await search({ filter_string: `name = "${name}"`, max_results: 2, order_by: ["created_time DESC"] })).toEqual([
    id,
  ]);
  expect(await search({ filter_string: `name LIKE '${name}%'`, order_by: ["name ASC"] })).toEqual([
    id,
    other.dataset_id,
  ]);
  expect(await search({ filter_string: `created_time >= ${created.created_time}` })).toEqual([other.dataset_id, id]);
  expect(await search({ filter_string: `name != '${name}'` })).toEqual([other.dataset_id]);
  const paged = await ok(await api.post(`${BASE}/search`, { data: { experiment_ids: [exp], max_results: 1 } }));
  expect(paged.datasets).toHaveLength(1);
  const rest = await ok(
    await api.post(`${BASE}/search`, {
      data: { experiment_ids: [exp], max_results: 1, page_token: paged.next_page_token },
    }),
  );
  expect(rest.datasets.map((d: Wire) => d.dataset_id)).not.toContain(paged.datasets[0].dataset_id);
  // GET search (service.proto maps it too) is not mistaken for a dataset id.
  const viaGet = await ok(
    await api.get(`${BASE}/search?experiment_ids=${exp}&filter_string=${encodeURIComponent(`name = '${name}'`)}`),
  );
  expect(viaGet.datasets.map((d: Wire) => d.dataset_id)).toEqual([id]);

  expect(await ok(await api.delete(`${BASE}/${id}`))).toEqual({});
  const gone = await api.get(`${BASE}/${id}`);
  expect(gone.status()).toBe(404);
  expect((await gone.json()).error_code).toBe("RESOURCE_DOES_NOT_EXIST");
  expect(await search({})).toEqual([other.dataset_id]);
  await api.dispose();
});

test("bad input: MLflow-style 400s naming the field, 404 for unknown datasets", async () => {
  const api = await mlflowApi();
  const exp = await createExperiment(api, "datasets-bad");
  const bad = async (res: Awaited<ReturnType<APIRequestContext["get"]>>, field: string) => {
    expect(res.status(), await res.text()).toBe(400);
    const body = (await res.json()) as Wire;
    expect(body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(body.message).toContain(field);
  };
  await bad(await api.post(`${BASE}/create`, { data: { experiment_ids: [exp] } }), "name");
  await bad(await api.post(`${BASE}/create`, { data: { name: "x" } }), "experiment_ids");
  await bad(await api.post(`${BASE}/create`, { data: { name: "x", experiment_ids: [exp, exp] } }), "experiment_ids");
  await bad(
    await api.post(`${BASE}/create`, { data: { name: "x", experiment_ids: [exp], tags: '{"a":"b"}' } }),
    "tags",
  );
  const id = (await ok(await api.post(`${BASE}/create`, { data: { name: "bad", experiment_ids: [exp] } }))).dataset
    .dataset_id;
  await bad(await api.post(`${BASE}/${id}/records`, { data: {} }), "records");
  await bad(await api.post(`${BASE}/${id}/records`, { data: { records: "not json" } }), "records");
  await bad(await api.post(`${BASE}/${id}/records`, { data: { records: '{"inputs":{}}' } }), "records");
  await bad(
    await api.post(`${BASE}/${id}/records`, {
      data: { records: JSON.stringify([{ inputs: { q: 1 } }, { inputs: {} }]) },
    }),
    "records[1].inputs",
  );
  await bad(
    await api.post(`${BASE}/${id}/records`, {
      data: { records: JSON.stringify([{ inputs: { q: 1 }, tags: { n: 1 } }]) },
    }),
    "records[0].tags.n",
  );
  await bad(await api.post(`${BASE}/search`, { data: { filter_string: "tags.env = 'prod'" } }), "filter_string");
  await bad(await api.post(`${BASE}/search`, { data: { filter_string: "name > 'a'" } }), "filter_string");
  await bad(await api.post(`${BASE}/search`, { data: { order_by: ["digest"] } }), "order_by");
  await bad(await api.post(`${BASE}/search`, { data: { max_results: 0 } }), "max_results");
  await bad(await api.get(`${BASE}/${id}/records?page_token=!!!`), "page_token");
  for (const res of [
    await api.get(`${BASE}/d-missing`),
    await api.delete(`${BASE}/d-missing`),
    await api.post(`${BASE}/d-missing/records`, { data: { records: JSON.stringify([{ inputs: { q: 1 } }]) } }),
  ]) {
    expect(res.status()).toBe(404);
    expect((await res.json()).error_code).toBe("RESOURCE_DOES_NOT_EXIST");
  }
  await api.dispose();
});
