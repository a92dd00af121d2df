/**
 * Issue 9: a Reviewer reads only the traces of their labeling sessions (with spans and end-user
 * feedback) and never another reviewer's labels, through the app API and with an API key on the
 * MLflow routes; a Developer's access is unchanged.
 */
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { E2E, storageState } from "../support/env";
import { demoExperimentId, reviewSessionFor } from "../support/review-session";
import { signIn } from "../support/sign-in";

const PASSWORD = "granite-willow-signal-42";

test.describe("reviewer data scope", () => {
  let admin: APIRequestContext;
  let reviewer: APIRequestContext;
  let other: APIRequestContext;
  let developer: APIRequestContext;
  let demo: string;
  let mine: string;
  let notMine: string;
  let schema: string;
  let sessionId: string;

  test.beforeAll(async () => {
    admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
    reviewer = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("reviewer") });
    developer = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
    demo = await demoExperimentId(admin);
    const { traces } = await (
      await admin.post("/api/traces/search", { data: { experimentIds: [demo], maxResults: 20 } })
    ).json();
    // Traces in no labeling session yet (other specs may have put some in sessions).
    const ids = (traces as { traceId: string }[]).map((t) => t.traceId).slice(-2);
    [mine, notMine] = ids as [string, string];
    const otherEmail = `second-reviewer-${Date.now()}@e2e.test`;
    expect(
      (await admin.post("/api/users", { data: { email: otherEmail, role: "REVIEWER", password: PASSWORD } })).ok(),
    ).toBe(true);
    other = await request.newContext({ baseURL: E2E.baseURL });
    await signIn(other, otherEmail, PASSWORD);
    ({ id: sessionId, schema } = await reviewSessionFor(admin, {
      experimentId: demo,
      traceIds: [mine],
      reviewers: [E2E.reviewer.email, otherEmail],
      labelsPerItem: 2,
    }));
    // The second reviewer labels the item, with a comment the first must never read.
    const { item } = await (await other.post(`/api/labeling/sessions/${sessionId}/next`, { data: {} })).json();
    const submitted = await other.post(`/api/labeling/sessions/${sessionId}/items/${item.itemId}/submit`, {
      data: { answers: { [schema]: { value: "no", comment: "second reviewer's private note" } } },
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
  });
  test.afterAll(async () => Promise.all([admin, reviewer, other, developer].map((c) => c.dispose())));

  test("traces: only the session's trace, with spans, without the other reviewer's label", async () => {
    const got = await reviewer.get(`/api/traces/${mine}`);
    expect(got.status()).toBe(200);
    const body = await got.json();
    expect(body.spans.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain("private note");
    expect(body.info.assessments.map((a: { name: string }) => a.name)).not.toContain(schema);

    for (const path of [`/api/traces/${notMine}`, `/api/traces/${notMine}/assessments`]) {
      const res = await reviewer.get(path);
      expect(res.status(), path).toBe(404);
    }
    const assessments = await (await reviewer.get(`/api/traces/${mine}/assessments`)).json();
    expect(JSON.stringify(assessments)).not.toContain("private note");

    const search = await (
      await reviewer.post("/api/traces/search", { data: { experimentIds: [demo], maxResults: 500 } })
    ).json();
    const found = (search.traces as { traceId: string }[]).map((t) => t.traceId);
    expect(found).toContain(mine);
    expect(found).not.toContain(notMine);
    expect(JSON.stringify(search)).not.toContain("private note");
  });

  test("the other reviewer's label stays hidden from the API's assessment route", async () => {
    const all = (await (await admin.get(`/api/traces/${mine}/assessments`)).json()).assessments as {
      assessmentId: string;
      name: string;
    }[];
    const id = all.find((a) => a.name === schema)?.assessmentId;
    expect(id).toBeTruthy();
    expect((await reviewer.get(`/api/traces/${mine}/assessments/${id}`)).status()).toBe(404);
    expect((await admin.get(`/api/traces/${mine}/assessments/${id}`)).status()).toBe(200);
  });

  test("no evaluation runs or datasets; a developer still reads everything", async () => {
    for (const path of [`/api/evaluation/experiments/${demo}/runs`, `/api/evaluation/experiments/${demo}/datasets`]) {
      expect((await reviewer.get(path)).status(), path).toBe(403);
      expect((await developer.get(path)).status(), path).toBe(200);
    }
    expect((await developer.get(`/api/traces/${notMine}`)).status()).toBe(200);
    const dev = await (await developer.get(`/api/traces/${mine}`)).json();
    expect(JSON.stringify(dev)).toContain("private note");
  });

  test("with a Reviewer's API key: MLflow routes refuse, the app API stays scoped", async ({ playwright }) => {
    const { key } = await (await reviewer.post("/api/api-keys", { data: { name: "scope e2e" } })).json();
    const api = await playwright.request.newContext({
      baseURL: E2E.baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key}` },
    });
    const mlflow = [
      api.get(`/api/3.0/mlflow/traces/${mine}`),
      api.get(`/api/3.0/mlflow/traces/${notMine}`),
      api.post("/api/3.0/mlflow/traces/search", { data: { locations: [], max_results: 10 } }),
      api.post("/api/2.0/mlflow/experiments/search", { data: { max_results: 10 } }),
      api.get(`/api/2.0/mlflow/traces/${mine}/info`),
    ];
    for (const res of await Promise.all(mlflow)) {
      expect(res.status(), res.url()).toBe(403);
      expect(await res.text()).not.toContain("private note");
    }
    expect((await api.get(`/api/traces/${mine}`)).status()).toBe(200);
    expect((await api.get(`/api/traces/${notMine}`)).status()).toBe(404);
    await api.dispose();
  });
});
