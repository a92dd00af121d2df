import { expect, request, test } from "@playwright/test";
import { E2E, storageState } from "../support/env";

test("evaluation REST: roles, upload errors with line numbers, versions and JSONL export", async () => {
  const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  const reviewer = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("reviewer") });
  const exp = await (await dev.post("/api/experiments", { data: { name: `eval-api-${Date.now()}` } })).json();
  const base = `/api/evaluation/experiments/${exp.id}`;

  expect((await reviewer.get(`${base}/datasets`)).status()).toBe(403);
  expect(
    (
      await dev.put("/api/evaluation/judge-settings", { data: { baseUrl: "http://127.0.0.1:9/v1", model: "m" } })
    ).status(),
  ).toBe(403);

  const bad = await dev.post(`${base}/datasets`, {
    data: { name: "bad", upload: { format: "jsonl", content: '{"inputs":{"q":"a"}}\n{oops\n{"inputs":{}}' } },
  });
  expect(bad.status()).toBe(400);
  const err = await bad.json();
  expect(err.message).toMatch(/line 2: not valid JSON.*line 3: inputs: must have at least one key/);
  expect(err.details.problems.map((p: { line: number }) => p.line)).toEqual([2, 3]);

  const created = await (
    await dev.post(`${base}/datasets`, {
      data: { name: "qa", upload: { format: "csv", content: "question,expected_response\nA?,a\nB?,b\n" } },
    })
  ).json();
  const id = created.dataset.id;
  const merged = await (
    await dev.post(`/api/evaluation/datasets/${id}/records`, {
      data: { records: [{ inputs: { question: "B?" }, expectations: { expected_response: "bee" } }] },
    })
  ).json();
  expect(merged).toMatchObject({ version: 2, inserted: 0, updated: 1 });
  const v1 = await (await dev.get(`/api/evaluation/datasets/${id}/records?version=1`)).json();
  expect(v1.records[1].expectations).toEqual({ expected_response: "b" });
  const exported = await dev.get(`/api/evaluation/datasets/${id}/export`);
  expect(exported.headers()["content-disposition"]).toContain("qa-v2.jsonl");
  expect(
    (await exported.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).expectations.expected_response),
  ).toEqual(["a", "bee"]);

  const noScorers = await dev.post(`${base}/runs`, { data: { datasetId: id, scorers: [] } });
  expect(noScorers.status()).toBe(400);
  await Promise.all([dev.dispose(), reviewer.dispose()]);
});
