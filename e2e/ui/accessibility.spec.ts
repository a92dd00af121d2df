import AxeBuilder from "@axe-core/playwright";
import { expect, request, test, type Page } from "@playwright/test";
import { E2E, storageState } from "../support/env";
import { seedReviewSession } from "./review-seed";

/**
 * axe-core over every main screen, with what it shows once loaded: no serious or critical
 * violation (WCAG 2.1 A/AA rules). A failure lists each rule with the offending elements.
 */
async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(bad, `${screen}:\n${bad.join("\n")}`).toEqual([]);
}

let seed: Awaited<ReturnType<typeof seedReviewSession>>;
let runId: string;
test.beforeAll(async () => {
  const admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
  seed = await seedReviewSession(admin, "a11y");
  const run = await admin.post(`/api/evaluation/experiments/${seed.experimentId}/runs`, {
    data: { filter: "attributes.timestamp_ms > 0", scorers: [{ type: "no_error" }], maxRows: 10 },
  });
  expect(run.status(), await run.text()).toBe(200);
  runId = ((await run.json()) as { id: string }).id;
  await admin.dispose();
});

test.describe("as a developer", () => {
  test.use({ storageState: storageState("admin") });

  test("traces, trace view, labeling, session, evaluation run and settings have no serious violations", async ({
    page,
  }) => {
    // Eight full axe scans: each takes seconds on a loaded machine.
    test.setTimeout(180_000);
    const exp = `/experiments/${seed.experimentId}`;
    await page.goto(`${exp}/traces`);
    await expect(page.getByTestId("trace-count")).toHaveText("3 traces on page 1");
    await expectAccessible(page, "traces");

    await page.goto(`${exp}/traces?trace=${seed.traceIds[0]}`);
    await expect(page.getByRole("dialog", { name: "Trace" }).getByTestId("span-detail")).toBeVisible();
    await expectAccessible(page, "trace drawer");

    await page.goto(`${exp}/traces/${seed.traceIds[0]}`);
    await expect(page.getByTestId("span-detail")).toBeVisible();
    await expectAccessible(page, "trace view");

    await page.goto(`${exp}/labeling`);
    await expect(page.getByTestId("sessions-list")).toContainText("a11y session");
    await expectAccessible(page, "labeling sessions");

    await page.goto(`${exp}/labeling/schemas`);
    await expect(page.getByTestId("schemas-table")).toContainText(seed.schemaName);
    await expectAccessible(page, "label schemas");

    await page.goto(`${exp}/labeling/sessions/${seed.sessionId}`);
    await expect(page.getByTestId("session-results")).toBeVisible();
    await expectAccessible(page, "labeling session");

    await page.goto(`${exp}/evaluation/runs/${runId}`);
    await expect(page.getByTestId("run-status")).toHaveText("COMPLETED", { timeout: 30_000 });
    await expectAccessible(page, "evaluation run");

    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
    await expectAccessible(page, "settings");
  });
});

test.describe("as a reviewer", () => {
  test.use({ storageState: storageState("reviewer") });

  test("the review list and a review item have no serious violations", async ({ page }) => {
    await page.goto("/review");
    await expect(page.getByTestId("review-sessions")).toContainText("a11y session");
    await expectAccessible(page, "review sessions");

    await page.goto(seed.reviewPath);
    await expect(page.getByTestId("review-question")).toBeVisible();
    await expectAccessible(page, "review item");

    await page.keyboard.press("?");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await expectAccessible(page, "review shortcuts dialog");
  });
});
