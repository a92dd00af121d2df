import { expect, test } from "@playwright/test";
import { E2E, storageState } from "../support/env";

/**
 * The human-feedback workflow end to end in the browser: an admin builds the questions and a
 * session of the traces end users disliked, a reviewer labels two of them with the keyboard,
 * and the admin finds the labels on the traces and in the session results.
 */
test("admin builds a labeling session, a reviewer labels two items by keyboard, the admin sees the labels", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const accuracy = `accuracy_${run}`;
  const ideal = `ideal_response_${run}`;

  // ---------------------------------------------------------------- admin: schemas
  const adminCtx = await browser.newContext({ storageState: storageState("admin") });
  const admin = await adminCtx.newPage();
  const { experiments } = await (await admin.request.get("/api/experiments")).json();
  const experimentId: string = experiments.find((e: { name: string }) => e.name === "Demo: Acme support assistant").id;

  await admin.goto(`/experiments/${experimentId}/labeling/schemas`);
  await admin
    .getByRole("button", { name: /New schema|Create the first schema/ })
    .first()
    .click();
  let form = admin.getByRole("form", { name: "New label schema" });
  await form.getByLabel("Name (also the assessment name)").fill(accuracy);
  await form.getByLabel("Question shown to reviewers").fill("Is the response factually accurate?");
  await form.getByLabel("Instruction").fill("Compare the answer with the **retrieved documents**.");
  await expect(form.getByLabel("Preview").locator("strong")).toHaveText("retrieved documents");
  await form.getByLabel("Let reviewers add a comment").check();
  await form.getByLabel("Options").fill("Accurate\nPartially Accurate\nInaccurate");
  // The preview lists the options as reviewers will see them, with their number keys.
  await expect(form.getByLabel("Options preview").getByRole("listitem")).toHaveText([
    "1Accurate",
    "2Partially Accurate",
    "3Inaccurate",
  ]);
  await form.getByRole("button", { name: "Create schema" }).click();
  await expect(admin.getByTestId("schemas-table")).toContainText(accuracy);

  // The same name again: the form says so under Name and offers to replace the existing schema.
  await admin.getByRole("button", { name: "New schema" }).click();
  form = admin.getByRole("form", { name: "New label schema" });
  await form.getByLabel("Name (also the assessment name)").fill(accuracy);
  await form.getByLabel("Question shown to reviewers").fill("Is the response factually accurate?");
  await form.getByLabel("Let reviewers add a comment").check();
  await form.getByLabel("Options").fill("Accurate\nPartially Accurate\nInaccurate");
  await form.getByRole("button", { name: "Create schema" }).click();
  await expect(form.getByText(`'${accuracy}' is taken`)).toBeVisible();
  await expect(form.getByText(/overwrite/)).toHaveCount(0);
  await form.getByRole("button", { name: "Replace the existing schema" }).click();
  await expect(form).toBeHidden();
  await expect(admin.getByTestId("schemas-table").getByText(accuracy, { exact: true })).toHaveCount(1);

  await admin.getByRole("button", { name: "New schema" }).click();
  form = admin.getByRole("form", { name: "New label schema" });
  await form.getByLabel("Name (also the assessment name)").fill(ideal);
  await form.getByLabel("Type", { exact: true }).selectOption("expectation");
  await form.getByLabel("Question shown to reviewers").fill("What would be the ideal response?");
  await form.getByLabel("Input type").selectOption("text");
  await form.getByRole("button", { name: "Create schema" }).click();
  await expect(admin.getByTestId("schemas-table")).toContainText(ideal);

  // ---------------------------------------------------------------- admin: session
  await admin.getByRole("navigation", { name: "Labeling" }).getByRole("link", { name: "Sessions" }).click();
  await admin
    .getByRole("button", { name: /New session|Create a session/ })
    .first()
    .click();
  const sessionForm = admin.getByRole("form", { name: "New labeling session" });
  await sessionForm.getByLabel("Session name").fill(`Negative feedback ${run}`);
  await sessionForm.getByRole("checkbox", { name: new RegExp(accuracy) }).check();
  await sessionForm.getByRole("checkbox", { name: new RegExp(ideal) }).check();
  await sessionForm.getByLabel("Instructions for reviewers (optional)").fill("Read the **documents** first.");
  // Reviewers are picked, as in the edit dialog, not typed.
  await sessionForm.getByRole("button", { name: "Reviewers: choose" }).click();
  await admin.getByRole("combobox", { name: "Search people by name or email" }).fill(E2E.reviewer.email);
  await admin.getByRole("option", { name: new RegExp(E2E.reviewer.email) }).click();
  await admin.keyboard.press("Escape");
  await expect(sessionForm.getByText(E2E.reviewer.email)).toBeVisible();
  await sessionForm.getByRole("button", { name: "Create session" }).click();
  await expect(admin).toHaveURL(/\/labeling\/sessions\/[0-9a-f]+$/);

  await admin.getByLabel("Trace filter").fill("feedback.user_feedback = false");
  await admin.getByRole("button", { name: "Add traces" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Added 4 traces" })).toBeVisible();
  await expect(admin.getByTestId("session-progress")).toContainText("4 left of 4 items");
  const shareUrl = (await admin.getByTestId("share-url").textContent())!;
  expect(shareUrl).toMatch(new RegExp(`^${E2E.baseURL}/review/[0-9a-f]+$`));

  // ---------------------------------------------------------------- reviewer: label two items
  const reviewerCtx = await browser.newContext({ storageState: storageState("reviewer") });
  const reviewer = await reviewerCtx.newPage();
  await reviewer.goto("/review");
  await expect(reviewer.getByTestId("review-sessions")).toContainText(`Negative feedback ${run}`);
  await reviewer.goto(shareUrl);
  await expect(reviewer.getByTestId("review-question")).toBeVisible();
  await expect(reviewer.getByTestId("review-existing-feedback")).toContainText("user_feedback");
  await expect(reviewer.getByTestId("review-progress")).toContainText("0 of 4 labeled by you");
  // The session's instructions sit above the questions, rendered as markdown.
  await expect(reviewer.getByTestId("session-instructions").locator("strong")).toHaveText("documents");

  // The shortcuts overlay opens with ? and closes with Escape.
  await reviewer.keyboard.press("?");
  await expect(reviewer.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await reviewer.keyboard.press("Escape");
  await expect(reviewer.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();

  // Item 1: "3" picks Inaccurate and moves to the ideal-response box; Ctrl+Enter submits.
  const firstTrace = (await reviewer.getByTestId("review-trace-id").textContent())!;
  await reviewer.keyboard.press("3");
  await expect(reviewer.getByRole("radio", { name: /Inaccurate/ })).toBeChecked();
  await expect(reviewer.getByLabel("What would be the ideal response?")).toBeFocused();
  await reviewer.keyboard.type("The maximum object size is 5 TiB.");
  await reviewer.keyboard.press("Control+Enter");
  await expect(reviewer.getByTestId("review-trace-id")).not.toHaveText(firstTrace);
  await expect(reviewer.getByTestId("review-progress")).toContainText("1 of 4 labeled by you");

  // Item 2: the draft survives a reload, then Escape leaves the text box and Enter submits.
  const secondTrace = (await reviewer.getByTestId("review-trace-id").textContent())!;
  await reviewer.keyboard.press("2");
  await expect(reviewer.getByText("Draft saved")).toBeVisible();
  await reviewer.reload();
  await expect(reviewer.getByTestId("review-trace-id")).toHaveText(secondTrace);
  await expect(reviewer.getByRole("radio", { name: /Partially Accurate/ })).toBeChecked();
  await reviewer.keyboard.press("Escape");
  await reviewer.keyboard.press("Enter");
  await expect(reviewer.getByTestId("review-progress")).toContainText("2 of 4 labeled by you");
  await expect(reviewer.getByTestId("review-trace-id")).not.toHaveText(secondTrace);
  // The next item starts clean (no draft status); an error belongs to its item, so going back to
  // the previous one shows none.
  await expect(reviewer.getByText("Draft saved")).toHaveCount(0);
  await reviewer.keyboard.press("Enter");
  await expect(reviewer.getByText("Answer at least one question, or skip the item (S).")).toBeVisible();
  await reviewer.keyboard.press("k");
  await expect(reviewer.getByTestId("review-trace-id")).toHaveText(secondTrace);
  await expect(reviewer).toHaveURL(/[?&]item=/);
  await expect(reviewer.getByText("Answer at least one question")).toHaveCount(0);

  // ---------------------------------------------------------------- admin: the labels are there
  const labelOf = async (traceId: string) => {
    const trace = await (await admin.request.get(`/api/traces/${traceId}`)).json();
    return (trace.info?.assessments ?? trace.assessments ?? []).filter(
      (a: { name: string; valid: boolean }) => a.valid && (a.name === accuracy || a.name === ideal),
    );
  };
  const first = await labelOf(firstTrace);
  expect(first).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        name: accuracy,
        kind: "FEEDBACK",
        value: "Inaccurate",
        source: { sourceType: "HUMAN", sourceId: E2E.reviewer.email },
      }),
      expect.objectContaining({ name: ideal, kind: "EXPECTATION", value: "The maximum object size is 5 TiB." }),
    ]),
  );
  expect(await labelOf(secondTrace)).toEqual([
    expect.objectContaining({ name: accuracy, value: "Partially Accurate" }),
  ]);

  // On the trace's assessments panel.
  await admin.goto(`/experiments/${experimentId}/traces/${firstTrace}`);
  const group = admin.locator(`[data-testid="assessment-group"][data-name="${accuracy}"]`);
  await expect(group).toContainText("Inaccurate");
  await expect(group).toContainText(E2E.reviewer.email);

  // In the session results and progress.
  await admin.goto(new URL(shareUrl).pathname.replace("/review/", `/experiments/${experimentId}/labeling/sessions/`));
  const results = admin.getByTestId("session-results");
  await expect(results.locator(`[data-trace-id="${firstTrace}"]`)).toContainText("Inaccurate");
  await expect(results.locator(`[data-trace-id="${firstTrace}"]`)).toContainText("The maximum object size is 5 TiB.");
  await expect(results.locator(`[data-trace-id="${secondTrace}"]`)).toContainText("Partially Accurate");
  await expect(results.locator(`[data-trace-id="${secondTrace}"]`)).toContainText(E2E.reviewer.email);
  await expect(admin.getByTestId("session-progress")).toContainText("2 done");

  // The expectation label becomes ground truth: sync the session into an evaluation dataset.
  await admin.getByLabel("Dataset name").fill(`golden-${Date.now()}`);
  await admin.getByRole("button", { name: "Sync expectations" }).click();
  await expect(admin.getByTestId("sync-result")).toContainText(
    /Created golden-\d+ version 1: 1 new, 0 updated, 3 items without expectations skipped\./,
  );

  await Promise.all([adminCtx.close(), reviewerCtx.close()]);
});
