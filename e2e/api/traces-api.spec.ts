import { expect, test } from "@playwright/test";
import zlib from "node:zlib";
import { storageState } from "../support/env";

test.use({ storageState: storageState("developer") });

async function demoTrace(request: import("@playwright/test").APIRequestContext) {
  const experiments = (await (await request.get("/api/experiments")).json()).experiments as {
    id: string;
    name: string;
  }[];
  const demo = experiments.find((e) => e.name === "Demo: Acme support assistant")!;
  const res = await request.post("/api/traces/search", { data: { experimentIds: [demo.id], maxResults: 2 } });
  expect(res.status()).toBe(200);
  return { demo, body: await res.json() };
}

test("search pages with a token and reports filter errors with a position", async ({ request }) => {
  const { demo, body } = await demoTrace(request);
  expect(body.traces).toHaveLength(2);
  expect(body.nextPageToken).toBeTruthy();
  const big = await request.post("/api/traces/search", { data: { experimentIds: [demo.id], maxResults: 100 } });
  expect((await big.body()).length).toBeGreaterThan(8 * 1024);
  expect(big.headers()["content-encoding"]).toBe("gzip");
  const next = await (
    await request.post("/api/traces/search", {
      data: { experimentIds: [demo.id], maxResults: 2, pageToken: body.nextPageToken },
    })
  ).json();
  expect(next.traces[0].traceId).not.toBe(body.traces[0].traceId);
  const bad = await request.post("/api/traces/search", {
    data: { experimentIds: [demo.id], filter: "tags.env = 'prod' AND", maxResults: 10 },
  });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({
    error_code: "INVALID_PARAMETER_VALUE",
    details: { position: expect.any(Number) },
  });
});

test("assessments: create, patch with a mask, delete; reviewers outside the trace's sessions neither read nor write", async ({
  request,
  playwright,
}) => {
  const { body } = await demoTrace(request);
  const traceId = body.traces[0].traceId as string;
  const created = await request.post(`/api/traces/${traceId}/assessments`, {
    data: { name: "api_check", kind: "FEEDBACK", value: 3, rationale: "ok" },
  });
  expect(created.status()).toBe(200);
  // A small answer is not gzipped per request (lib/http/json-response.ts); a big one is.
  expect(created.headers()["content-encoding"]).toBeUndefined();
  expect(created.headers()["cache-control"]).toBe("no-store, no-transform");
  const a = (await created.json()).assessment;
  expect(a).toMatchObject({ name: "api_check", value: 3, valid: true, source: { sourceType: "HUMAN" } });
  const bad = await request.post(`/api/traces/${traceId}/assessments`, {
    data: { name: "a.b", kind: "FEEDBACK", value: 1 },
  });
  expect(bad.status()).toBe(400);
  const patched = await (
    await request.patch(`/api/traces/${traceId}/assessments/${a.assessmentId}`, {
      data: { value: 4, rationale: "changed", mask: ["feedback"] },
    })
  ).json();
  expect(patched.assessment).toMatchObject({ value: 4, rationale: "ok" });

  const reviewer = await playwright.request.newContext({
    baseURL: new URL(created.url()).origin,
    storageState: storageState("reviewer"),
  });
  // The trace is in none of the reviewer's labeling sessions: it does not exist for them.
  expect((await reviewer.get(`/api/traces/${traceId}/assessments/${a.assessmentId}`)).status()).toBe(404);
  expect(
    (
      await reviewer.post(`/api/traces/${traceId}/assessments`, { data: { name: "x", kind: "FEEDBACK", value: 1 } })
    ).status(),
  ).toBe(403);
  expect((await reviewer.delete(`/api/traces/${traceId}/assessments/${a.assessmentId}`)).status()).toBe(403);
  await reviewer.dispose();

  expect((await request.delete(`/api/traces/${traceId}/assessments/${a.assessmentId}`)).status()).toBe(200);
  expect((await request.get(`/api/traces/${traceId}/assessments/${a.assessmentId}`)).status()).toBe(404);
});

test("the trace tree as a gzip file (its tree part compressed ahead, for the trace view) is the plain answer's JSON", async ({
  request,
}) => {
  const { body } = await demoTrace(request);
  const traceId = body.traces[0].traceId as string;
  const gz = await request.get(`/api/traces/${traceId}/tree?encoding=gzip`);
  expect(gz.status()).toBe(200);
  expect(gz.headers()["content-type"]).toBe("application/gzip");
  expect(gz.headers()["content-encoding"]).toBeUndefined();
  // The framework left it alone: one gzip layer, not compressed again.
  const bytes = await gz.body();
  expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
  const fromGzip = JSON.parse(zlib.gunzipSync(bytes).toString("utf8"));
  const plain = await request.get(`/api/traces/${traceId}/tree`);
  expect(plain.headers()["content-type"]).toBe("application/json");
  expect(await plain.json()).toEqual(fromGzip);
  expect(fromGzip.info.traceId).toBe(traceId);
  expect(fromGzip.tree.spanIds.length).toBeGreaterThan(0);
  const bad = await request.get(`/api/traces/${traceId}/tree?encoding=br`);
  expect(bad.status()).toBe(400);
});
