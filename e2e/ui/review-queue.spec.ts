/**
 * Issue 15 for the reviewer, in the browser with several people: the item list beside the item
 * (skip → list → come back → submit, with "Continue" and the counts agreeing at every step),
 * blind review that reveals the others' answers only after one's own submit, and one source of
 * truth (an expert's assessment edited in the trace view changes results, agreement and export).
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { storageState } from "../support/env";
import { demoExperimentId, reviewSessionFor } from "../support/review-session";
import { signIn } from "../support/sign-in";

const PASSWORD = "granite-willow-signal-42";

/** A new reviewer signed in in their own browser context. */
async function newReviewer(browser: Browser, admin: APIRequestContext, tag: string) {
  const email = `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e4)}@e2e.test`;
  const created = await admin.post("/api/users", { data: { email, role: "REVIEWER", password: PASSWORD } });
  expect(created.ok(), await created.text()).toBe(true);
  const ctx = await browser.newContext();
  await signIn(ctx.request, email, PASSWORD);
  return { email, ctx, page: await ctx.newPage() };
}

async function demoTraces(admin: APIRequestContext, n: number): Promise<{ experimentId: string; traceIds: string[] }> {
  const experimentId = await demoExperimentId(admin);
  const { traces } = await (
    await admin.post("/api/traces/search", { data: { experimentIds: [experimentId], maxResults: 20 } })
  ).json();
  return { experimentId, traceIds: (traces as { traceId: string }[]).slice(0, n).map((t) => t.traceId) };
}

/** The header's counts, and "Continue" offered exactly when something is left to do. */
async function expectCounts(page: Page, c: { todo: number; skipped: number; submitted: number }) {
  await expect(page.getByTestId("count-todo")).toHaveText(String(c.todo));
  await expect(page.getByTestId("count-skipped")).toHaveText(String(c.skipped));
  await expect(page.getByTestId("count-submitted")).toHaveText(String(c.submitted));
  const filters = page.getByTestId("my-items").getByRole("group", { name: "Show items" });
  await expect(filters.getByRole("button", { name: `To do (${c.todo})` })).toBeVisible();
  await expect(filters.getByRole("button", { name: `Skipped (${c.skipped})` })).toBeVisible();
  await expect(filters.getByRole("button", { name: `Submitted (${c.submitted})` })).toBeVisible();
}

const shownItem = (page: Page) => new URL(page.url()).searchParams.get("item");

test("skip → item list → come back → submit: Continue and the counts agree at every step", async ({ browser }) => {
  test.setTimeout(180_000);
  const adminCtx = await browser.newContext({ storageState: storageState("admin") });
  const admin = adminCtx.request;
  const { experimentId, traceIds } = await demoTraces(admin, 3);
  const r = await newReviewer(browser, admin, "queue");
  const { id } = await reviewSessionFor(admin, { experimentId, traceIds, reviewers: [r.email] });
  const page = r.page;
  const form = page.getByTestId("review-form");

  await page.goto(`/review/${id}`);
  await expect(form).toBeVisible();
  const first = shownItem(page);
  await expectCounts(page, { todo: 3, skipped: 0, submitted: 0 });

  // Skip the first item: it leaves "to do" for its own bucket.
  await form.getByRole("button", { name: "Skip" }).click();
  await expect.poll(() => shownItem(page)).not.toBe(first);
  const second = shownItem(page);
  await expectCounts(page, { todo: 2, skipped: 1, submitted: 0 });

  // Back to it through the item list's skipped bucket.
  const list = page.getByTestId("my-items");
  await list.getByRole("button", { name: "Skipped (1)" }).click();
  await expect(list.getByTestId("my-item")).toHaveCount(1);
  await expect(list.getByTestId("my-item")).toHaveAttribute("data-status", "skipped");
  await list.getByTestId("my-item").click();
  await expect.poll(() => shownItem(page)).toBe(first);
  // Something is left to do, and "Continue" says so.
  await expect(page.getByRole("button", { name: "Continue with the next item" })).toBeVisible();
  await expectCounts(page, { todo: 2, skipped: 1, submitted: 0 });

  // Label it after all: the queue goes on with the item claimed before.
  await form.getByRole("radio", { name: "yes" }).check();
  await form.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Submitted.")).toBeVisible();
  await expect.poll(() => shownItem(page)).toBe(second);
  await expectCounts(page, { todo: 2, skipped: 0, submitted: 1 });
  await list.getByRole("button", { name: "Submitted (1)" }).click();
  await expect(list.getByTestId("my-item")).toHaveAttribute("data-status", "submitted");

  await form.getByRole("radio", { name: "yes" }).check();
  await form.getByRole("button", { name: "Submit" }).click();
  await expectCounts(page, { todo: 1, skipped: 0, submitted: 2 });

  // Skipping the last one: no "All done" while a skipped item waits; the way back is offered.
  await form.getByRole("button", { name: "Skip" }).click();
  await expect(page.getByText("Nothing new to label")).toBeVisible();
  await expectCounts(page, { todo: 0, skipped: 1, submitted: 2 });
  await expect(page.getByRole("button", { name: "Continue with the next item" })).toHaveCount(0);
  await page.getByRole("button", { name: "Show the 1 skipped item" }).click();
  await list.getByTestId("my-item").click();
  await form.getByRole("radio", { name: "no" }).check();
  await form.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("All done")).toBeVisible();
  await expectCounts(page, { todo: 0, skipped: 0, submitted: 3 });

  // The session list agrees: nothing left to continue.
  await page.goto("/review");
  await expect(
    page
      .getByTestId("review-sessions")
      .getByRole("link", { name: new RegExp(`scope `) })
      .first(),
  ).toBeVisible();
  const row = page.getByTestId("review-sessions").locator("li", { hasText: "You labeled 3" });
  await expect(row).toContainText("Done");
  await Promise.all([adminCtx.close(), r.ctx.close()]);
});

test("blind, then reveal: another reviewer's answer shows only after one's own submit", async ({ browser }) => {
  test.setTimeout(180_000);
  const adminCtx = await browser.newContext({ storageState: storageState("admin") });
  const admin = adminCtx.request;
  const { experimentId, traceIds } = await demoTraces(admin, 1);
  const a = await newReviewer(browser, admin, "first");
  const b = await newReviewer(browser, admin, "second");
  const { id } = await reviewSessionFor(admin, {
    experimentId,
    traceIds,
    reviewers: [a.email, b.email],
    labelsPerItem: 2,
    reveal: true,
  });

  await a.page.goto(`/review/${id}`);
  const formA = a.page.getByTestId("review-form");
  await formA.getByRole("radio", { name: "no" }).check();
  await formA.getByLabel("Comment on Correct?").fill("first reviewer's reason");
  await formA.getByRole("button", { name: "Submit" }).click();
  await expect(a.page.getByText("All done")).toBeVisible();

  // The second reviewer works blind: the first one's answer is nowhere on the page.
  await b.page.goto(`/review/${id}`);
  const formB = b.page.getByTestId("review-form");
  await expect(formB).toBeVisible();
  await expect(b.page.getByText(a.email)).toHaveCount(0);
  await expect(b.page.getByText("first reviewer's reason")).toHaveCount(0);
  await formB.getByRole("radio", { name: "yes" }).check();
  await formB.getByRole("button", { name: "Submit" }).click();
  await expect(b.page.getByText("All done")).toBeVisible();

  // Once submitted, the item (from the item list) shows the other reviewer's answer.
  const list = b.page.getByTestId("my-items");
  await list.getByRole("button", { name: "Submitted (1)" }).click();
  await list.getByTestId("my-item").click();
  const existing = b.page.getByTestId("review-existing-feedback");
  await expect(existing).toContainText(a.email);
  await expect(existing).toContainText("first reviewer's reason");
  await Promise.all([adminCtx.close(), a.ctx.close(), b.ctx.close()]);
});

test("an expert's assessment edited in the trace view changes the results, the agreement and the export", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const adminCtx = await browser.newContext({ storageState: storageState("admin") });
  const admin = adminCtx.request;
  const { experimentId, traceIds } = await demoTraces(admin, 1);
  const a = await newReviewer(browser, admin, "expert-a");
  const b = await newReviewer(browser, admin, "expert-b");
  const { id, schema } = await reviewSessionFor(admin, {
    experimentId,
    traceIds,
    reviewers: [a.email, b.email],
    labelsPerItem: 2,
  });
  for (const [who, value] of [
    [a, "yes"],
    [b, "no"],
  ] as const) {
    const { item } = await (await who.ctx.request.post(`/api/labeling/sessions/${id}/next`, { data: {} })).json();
    const res = await who.ctx.request.post(`/api/labeling/sessions/${id}/items/${item.itemId}/submit`, {
      data: { answers: { [schema]: { value } } },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  const results = async () => (await (await admin.get(`/api/labeling/sessions/${id}/results`)).json()).rows[0].labels;
  const agreement = async () => (await (await admin.get(`/api/labeling/sessions/${id}/agreement`)).json()).schemas[0];
  const exported = async () => (await admin.get(`/api/labeling/sessions/${id}/export?format=csv`)).text();
  const answerOf = (labels: { email: string; answers: Record<string, { value: unknown }> }[], email: string) =>
    labels.find((l) => l.email === email)?.answers[schema]?.value;
  expect(answerOf(await results(), b.email)).toBe("no");
  expect((await agreement()).disagreements).toHaveLength(1);
  expect(await exported()).toContain(`${b.email},${schema},feedback,no`);

  // The admin corrects the second expert's label on the trace page.
  const page = await adminCtx.newPage();
  await page.goto(`/experiments/${experimentId}/traces/${traceIds[0]}`);
  const card = page
    .locator(`[data-testid="assessment-group"][data-name="${schema}"]`)
    .getByTestId("assessment-card")
    .filter({ hasText: b.email });
  await card.getByRole("button", { name: "Edit" }).click();
  // The card turns into the form (its text, the email included, gives way), so find the one open form.
  const edit = page.getByRole("form", { name: "Edit assessment" });
  const value = edit.getByLabel("Value", { exact: true });
  // A categorical select when the form knows the schema's options, else free text.
  if ((await value.evaluate((e) => e.tagName)) === "SELECT") await value.selectOption("yes");
  else await value.fill("yes");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("form", { name: "Edit assessment" })).toHaveCount(0);

  await expect.poll(async () => answerOf(await results(), b.email)).toBe("yes");
  expect((await agreement()).disagreements).toHaveLength(0);
  const csv = await exported();
  expect(csv).toContain(`${b.email},${schema},feedback,yes`);
  expect(csv).not.toContain(`${b.email},${schema},feedback,no`);
  await Promise.all([adminCtx.close(), a.ctx.close(), b.ctx.close()]);
});
