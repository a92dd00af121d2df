import { expect, request, test, type Page } from "@playwright/test";
import { E2E, storageState } from "../support/env";
import { demoExperimentId, reviewSessionFor } from "../support/review-session";
import { createExperiment, ragSpec, seedTrace } from "./traces-seed";

test.use({ storageState: storageState("developer") });

const row = (page: Page, traceId: string) => page.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`);
const panel = (page: Page) => page.getByTestId("assessments-panel");

test("end-user feedback user_feedback=false shows in the table column and in the panel with rationale and source", async ({
  page,
  request,
}) => {
  const experiments = (await (await request.get("/api/experiments")).json()).experiments as {
    id: string;
    name: string;
  }[];
  const demo = experiments.find((e) => e.name === "Demo: Acme support assistant")!;
  expect(demo).toBeTruthy();
  // The expected values come from the API, so the test checks what is really stored.
  const search = await (
    await request.post("/api/traces/search", {
      data: { experimentIds: [demo.id], filter: "feedback.user_feedback = false", maxResults: 100 },
    })
  ).json();
  expect(search.traces.length).toBeGreaterThan(0);
  const trace = search.traces[0];
  const feedback = trace.assessments.find((a: { name: string }) => a.name === "user_feedback");
  expect(feedback.value).toBe(false);

  await page.goto(`/experiments/${demo.id}/traces`);
  await expect(page.locator('th[data-column="assessment:feedback:user_feedback"]')).toBeVisible();
  const cell = row(page, trace.traceId).locator('td[data-column="assessment:feedback:user_feedback"]');
  await expect(cell).toContainText("false");

  await row(page, trace.traceId).click();
  await expect(page).toHaveURL(new RegExp(`trace=${trace.traceId}`));
  const group = panel(page).locator('[data-testid="assessment-group"][data-name="user_feedback"]');
  await expect(group.getByTestId("assessment-value")).toHaveText("false");
  await expect(group.getByTestId("assessment-rationale")).toHaveText(feedback.rationale);
  await expect(group.getByTestId("assessment-source")).toHaveText(`End user ${feedback.source.sourceId}`);
  // The summary tab reads the conversation (the demo's inputs are a chat): question and answer.
  await page.getByRole("tab", { name: "Summary" }).click();
  await expect(page.getByTestId("trace-summary")).toContainText(/Conversation \(\d+ messages\)/);
});

test("a developer adds accuracy_score feedback on a child span; the span shows it and the table gains the column", async ({
  page,
  request,
}) => {
  const experimentId = await createExperiment(request, "e2e-traces-span");
  const traceId = await seedTrace(
    ragSpec(experimentId, { question: "How do I rotate keys?", answer: "Use IAM.", minutesAgo: 1 }),
  );
  await page.goto(`/experiments/${experimentId}/traces`);
  await expect(row(page, traceId)).toBeVisible();
  await expect(page.locator('th[data-column="assessment:feedback:accuracy_score"]')).toHaveCount(0);

  await row(page, traceId).click();
  await page.locator('[data-testid="span-row"][data-span-name="retrieve_docs"]').click();
  await expect(page).toHaveURL(/span=[0-9a-f]{16}/);
  await expect(page.getByTestId("span-detail")).toContainText("retrieve_docs");
  await panel(page).getByRole("button", { name: "Add new assessment" }).click();
  const form = page.getByRole("form", { name: "Add assessment" });
  await form.getByLabel("Name").fill("accuracy_score");
  await form.getByLabel("Attach to").selectOption({ label: "Span: retrieve_docs" });
  await form.getByLabel("Value type").selectOption("number");
  await form.getByLabel("Value", { exact: true }).fill("abc");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(form.getByText("'abc' is not a number")).toBeVisible();
  await form.getByLabel("Value", { exact: true }).fill("0.8");
  await form.getByLabel("Rationale").fill("Retrieved the right IAM page");
  await form.getByRole("button", { name: "Add" }).click();

  const group = panel(page).locator('[data-testid="assessment-group"][data-name="accuracy_score"]');
  await expect(group.getByTestId("assessment-value")).toContainText("0.8");
  await expect(group).toContainText("Span: retrieve_docs");
  await expect(group.getByTestId("assessment-rationale")).toHaveText("Retrieved the right IAM page");
  await expect(
    page.locator('[data-testid="span-row"][data-span-name="retrieve_docs"]').getByTestId("span-assessment-count"),
  ).toHaveText("1");

  await page.getByRole("button", { name: "Close trace" }).click();
  await expect(page.locator('th[data-column="assessment:feedback:accuracy_score"]')).toBeVisible();
  await expect(row(page, traceId).locator('td[data-column="assessment:feedback:accuracy_score"]')).toHaveText("0.8");
  const stored = await (await request.get(`/api/traces/${traceId}/assessments`)).json();
  const spans = (await (await request.get(`/api/traces/${traceId}`)).json()).spans as {
    spanId: string;
    name: string;
  }[];
  expect(stored.assessments).toEqual([
    expect.objectContaining({
      name: "accuracy_score",
      value: 0.8,
      spanId: spans.find((s) => s.name === "retrieve_docs")!.spanId,
      rationale: "Retrieved the right IAM page",
    }),
  ]);
});

test("an expectation on the root span, overridden, keeps the old one as history", async ({ page, request }) => {
  const experimentId = await createExperiment(request, "e2e-traces-override");
  const traceId = await seedTrace(
    ragSpec(experimentId, { question: "Where are access keys?", answer: "Settings.", minutesAgo: 2 }),
  );
  await page.goto(`/experiments/${experimentId}/traces?trace=${traceId}`);
  await page.locator('[data-testid="span-row"][data-span-name="rag_pipeline"]').click();
  await panel(page).getByRole("button", { name: "Add new assessment" }).click();
  const form = page.getByRole("form", { name: "Add assessment" });
  await form.getByLabel("Expectation").check();
  await form.getByLabel("Name").fill("expected_response");
  await form.getByLabel("Value type").selectOption("text");
  await form.getByLabel("Value", { exact: true }).fill("Access keys are under Settings");
  await form.getByRole("button", { name: "Add" }).click();
  const group = panel(page).locator('[data-testid="assessment-group"][data-name="expected_response"]');
  await expect(group.getByTestId("assessment-value")).toHaveText("Access keys are under Settings");
  await expect(group).toContainText("Span: rag_pipeline");

  await group.getByRole("button", { name: "Override" }).click();
  const override = page.getByRole("form", { name: "Override assessment" });
  await override.getByLabel("Value", { exact: true }).fill("Access keys are under IAM > Access keys");
  await override.getByLabel("Rationale").fill("The docs moved");
  await override.getByRole("button", { name: "Override" }).click();

  const card = group.getByTestId("assessment-card");
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId("assessment-value").first()).toHaveText("Access keys are under IAM > Access keys");
  const history = card.getByTestId("assessment-history");
  await expect(history).toHaveCount(1);
  await expect(history.getByTestId("assessment-value")).toHaveText("Access keys are under Settings");
  await expect(history.getByTestId("assessment-value")).toHaveClass(/line-through/);
  const stored = (await (await request.get(`/api/traces/${traceId}/assessments`)).json()).assessments as {
    assessmentId: string;
    valid: boolean;
    overrides: string | null;
  }[];
  const old = stored.find((a) => !a.valid)!;
  expect(stored.find((a) => a.valid)!.overrides).toBe(old.assessmentId);
});

test("filtering by an assessment value and by state narrows the table and survives a reload", async ({
  page,
  request,
}) => {
  const experimentId = await createExperiment(request, "e2e-traces-filter");
  const good = await seedTrace(
    ragSpec(experimentId, { question: "q good", answer: "a", minutesAgo: 5, feedback: true }),
  );
  const badOk = await seedTrace(
    ragSpec(experimentId, { question: "q bad ok", answer: "a", minutesAgo: 4, feedback: false }),
  );
  const badError = await seedTrace(
    ragSpec(experimentId, { question: "q bad error", answer: "a", minutesAgo: 3, feedback: false, error: true }),
  );
  const plainError = await seedTrace(
    ragSpec(experimentId, { question: "q error", answer: "a", minutesAgo: 2, error: true }),
  );
  const ids = async () =>
    page.getByTestId("trace-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-trace-id")));

  await page.goto(`/experiments/${experimentId}/traces`);
  await expect(page.getByTestId("trace-row")).toHaveCount(4);
  await page.getByLabel("Filter traces").fill("feedback.user_feedback = false");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("trace-row")).toHaveCount(2);
  expect(await ids()).toEqual([badError, badOk]);
  await page.getByRole("group", { name: "State" }).getByRole("button", { name: "ERROR" }).click();
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  expect(await ids()).toEqual([badError]);
  await expect(page).toHaveURL(/state=ERROR/);
  await expect(page).toHaveURL(/q=feedback\.user_feedback/);

  await page.reload();
  await expect(page.getByLabel("Filter traces")).toHaveValue("feedback.user_feedback = false");
  await expect(page.getByRole("group", { name: "State" }).getByRole("button", { name: "ERROR" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  expect(await ids()).toEqual([badError]);

  // Errors in the filter are shown inline with their position.
  await page.getByLabel("Filter traces").fill("feedback.user_feedback = ");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("filter-error")).toContainText("Invalid filter at position");
  expect([good, plainError]).not.toContain(badError);
});

test("new traces are announced without a reload", async ({ page, request }) => {
  const experimentId = await createExperiment(request, "e2e-traces-live");
  await seedTrace(ragSpec(experimentId, { question: "first", answer: "a", minutesAgo: 10 }));
  await page.goto(`/experiments/${experimentId}/traces`);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  const fresh = await seedTrace(ragSpec(experimentId, { question: "second", answer: "a", minutesAgo: 0 }));
  await expect(page.getByTestId("new-traces")).toHaveText(/1 new trace/, { timeout: 12_000 });
  await page.getByTestId("new-traces").click();
  await expect(page.getByTestId("trace-row")).toHaveCount(2);
  await expect(page.getByTestId("trace-row").first()).toHaveAttribute("data-trace-id", fresh);
});

test.describe("as a reviewer", () => {
  test.use({ storageState: storageState("reviewer") });
  test("the trace view of a trace in their session is read-only; other traces are not shown", async ({ page }) => {
    const admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
    const demo = await demoExperimentId(admin);
    const search = await (
      await admin.post("/api/traces/search", {
        data: { experimentIds: [demo], filter: "feedback.user_feedback IS NOT NULL", maxResults: 20 },
      })
    ).json();
    const ids: string[] = search.traces.map((t: { traceId: string }) => t.traceId);
    // Other specs put demo traces into this reviewer's sessions: "other" must be one they cannot see.
    const asReviewer = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("reviewer") });
    const hidden: string[] = [];
    for (const id of ids) if ((await asReviewer.get(`/api/traces/${id}`)).status() === 404) hidden.push(id);
    await asReviewer.dispose();
    expect(hidden.length, "demo traces outside the reviewer's sessions").toBeGreaterThanOrEqual(2);
    const [mine, other] = hidden as [string, string];
    await reviewSessionFor(admin, { experimentId: demo, traceIds: [mine], reviewers: [E2E.reviewer.email] });
    await admin.dispose();

    await page.goto(`/experiments/${demo}/traces/${mine}`);
    await expect(panel(page).getByTestId("assessment-card").first()).toBeVisible();
    await expect(panel(page).getByRole("button", { name: "Add new assessment" })).toHaveCount(0);
    await expect(panel(page).getByRole("button", { name: "Delete" })).toHaveCount(0);

    // A trace outside the reviewer's sessions: its page shows nothing of it.
    const res = await page.goto(`/experiments/${demo}/traces/${other}`);
    expect(res!.status()).toBeGreaterThanOrEqual(400);
    await expect(panel(page).getByTestId("assessment-card")).toHaveCount(0);
    await expect(page.getByTestId("trace-row")).toHaveCount(0);
  });
});
