/**
 * Issue 11 (search, orientation, production views) in Chromium: free text and the filter
 * builder, counts and page size, j/k/Enter in the table, previous/next in the drawer and on the
 * trace page, and evaluation scores kept out of the default columns.
 */
import { expect, test, type Page } from "@playwright/test";
import { newAssessmentId, newId, newRunId } from "../../lib/ids";
import { storageState } from "../support/env";
import { createExperiment, ragSpec, seedDb, seedTrace } from "./traces-seed";

test.use({ storageState: storageState("developer") });

const rows = (page: Page) => page.getByTestId("trace-row");
const row = (page: Page, id: string) => page.locator(`[data-testid="trace-row"][data-trace-id="${id}"]`);

async function seedSearchable(experimentId: string) {
  const ids = {
    gpuProd: await seedTrace(
      ragSpec(experimentId, { question: "Why is my GPU out of memory?", answer: "Lower the batch.", minutesAgo: 4 }),
    ),
    gpuStaging: await seedTrace({
      ...ragSpec(experimentId, { question: "Faster training?", answer: "Buy a bigger gpu.", minutesAgo: 3 }),
      tags: { env: "staging" },
    }),
    refund: await seedTrace(
      ragSpec(experimentId, { question: "What is the refund policy?", answer: "30 days.", minutesAgo: 2 }),
    ),
  };
  return ids;
}

test("free text GPU finds the traces that mention it, alone and with tags.env = 'prod'; the builder writes the same filter", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const experimentId = await createExperiment(page.request, "e2e-search");
  const ids = await seedSearchable(experimentId);
  await page.goto(`/experiments/${experimentId}/traces`);
  await expect(rows(page)).toHaveCount(3);

  await page.getByLabel("Filter traces").fill("GPU");
  await page.getByLabel("Filter traces").press("Enter");
  await expect(rows(page)).toHaveCount(2);
  await expect(row(page, ids.gpuProd)).toBeVisible();
  await expect(row(page, ids.gpuStaging)).toBeVisible();
  await expect(page.getByTestId("trace-count")).toHaveText("2 traces");

  await page.getByLabel("Filter traces").fill("GPU AND tags.env = 'prod'");
  await page.getByLabel("Filter traces").press("Enter");
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, ids.gpuProd)).toBeVisible();
  const typedUrl = page.url();

  // The same filter through the builder: word first, then the tag with its suggested key and value.
  await page.goto(`/experiments/${experimentId}/traces`);
  await expect(rows(page)).toHaveCount(3);
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Value").fill("GPU");
  await page.getByRole("button", { name: "Add to filter" }).click();
  await expect(rows(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Field").selectOption("tag");
  // Autocomplete lists the tag keys and values that exist.
  await expect(page.getByTestId("key-suggestions").locator('option[value="env"]')).toHaveCount(1);
  await page.getByLabel("Key").fill("env");
  await expect(page.getByTestId("value-suggestions").locator("option")).toHaveCount(2);
  await page.getByLabel("Value").fill("prod");
  await expect(page.getByTestId("builder-preview")).toHaveText("tags.env = 'prod'");
  await page.getByRole("button", { name: "Add to filter" }).click();
  await expect(page.getByLabel("Filter traces")).toHaveValue("GPU AND tags.env = 'prod'");
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, ids.gpuProd)).toBeVisible();
  expect(new URL(page.url()).search).toBe(new URL(typedUrl).search);
});

test("count, rows per page, j/k/Enter in the table and previous/next in the drawer and on the trace page", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const experimentId = await createExperiment(page.request, "e2e-orient");
  const ids: string[] = [];
  // 30 traces, newest first in the table: ids[0] is the newest.
  for (let i = 0; i < 30; i++)
    ids.push(await seedTrace(ragSpec(experimentId, { question: `question ${i}`, answer: "a", minutesAgo: i + 1 })));
  await page.goto(`/experiments/${experimentId}/traces?size=25`);
  await expect(rows(page)).toHaveCount(25);
  await expect(page.getByTestId("trace-count")).toHaveText("30 traces");
  await expect(page.getByTestId("page-range")).toHaveText("1–25 of 30");
  // 50 is the default page size, which the URL leaves out; 100 is written to it.
  await page.getByLabel("Rows per page").selectOption("100");
  await expect(rows(page)).toHaveCount(30);
  await expect(page).toHaveURL(/size=100/);
  await page.getByLabel("Rows per page").selectOption("25");
  await expect(page).not.toHaveURL(/size=100/);
  await expect(rows(page)).toHaveCount(25);

  // j/k move the focus between rows, Enter opens the focused one.
  await page.locator("body").press("j");
  await expect(row(page, ids[0]!)).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(row(page, ids[1]!)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`trace=${ids[1]}`));
  await expect(page.getByTestId("trace-position")).toHaveText("2 of 30");

  // In the drawer: ] / j next, [ / k previous, and the buttons.
  await page.keyboard.press("]");
  await expect(page).toHaveURL(new RegExp(`trace=${ids[2]}`));
  await page.keyboard.press("[");
  await expect(page).toHaveURL(new RegExp(`trace=${ids[1]}`));
  await page.getByRole("button", { name: "Previous trace" }).click();
  await expect(page).toHaveURL(new RegExp(`trace=${ids[0]}`));
  await expect(page.getByRole("button", { name: "Previous trace" })).toBeDisabled();

  // Across the page edge: the 25th trace's next is the first of page 2.
  await page.goto(`/experiments/${experimentId}/traces?size=25&trace=${ids[24]}`);
  await expect(page.getByTestId("trace-position")).toHaveText("25 of 30");
  await page.getByRole("button", { name: "Next trace" }).click();
  await expect(page).toHaveURL(new RegExp(`trace=${ids[25]}`));
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("trace-position")).toHaveText("26 of 30");

  // The trace page keeps the list and steps through it too.
  await page.getByRole("link", { name: "Open in its own page" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${ids[25]}\\?.*page=2`));
  await expect(page.getByTestId("trace-position")).toHaveText("26");
  await page.getByRole("button", { name: "Next trace" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${ids[26]}`));
  await page.getByRole("button", { name: "Previous trace" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${ids[25]}`));
});

test("after an evaluation run the default table has no new columns; the run's columns appear when chosen", async ({
  page,
}) => {
  const experimentId = await createExperiment(page.request, "e2e-prodview");
  const traceId = await seedTrace({
    ...ragSpec(experimentId, { question: "q", answer: "a", minutesAgo: 1, feedback: true }),
  });
  const db = seedDb();
  const runId = newRunId();
  await db.run.create({ data: { id: runId, experimentId, name: "mlflow run", startTimeMs: BigInt(Date.now()) } });
  await db.evaluationRun.create({
    data: { id: newId(), experimentId, runId, name: "nightly eval", config: "{}", status: "COMPLETED" },
  });
  await db.assessment.create({
    data: {
      id: newAssessmentId(),
      traceId,
      name: "correctness",
      kind: "FEEDBACK",
      value: "0.8",
      sourceType: "LLM_JUDGE",
      sourceId: "judge",
      runId,
    },
  });

  await page.goto(`/experiments/${experimentId}/traces`);
  await expect(row(page, traceId)).toBeVisible();
  await expect(page.locator('th[data-column="assessment:feedback:user_feedback"]')).toBeVisible();
  await expect(page.locator('th[data-column*="correctness"]')).toHaveCount(0);

  await page.getByRole("button", { name: "Columns" }).click();
  const group = page.getByRole("group", { name: "Evaluation · nightly eval" });
  await expect(group).toBeVisible();
  await group.getByLabel("correctness").check();
  await page.keyboard.press("Escape");
  const column = `run:${runId}:assessment:feedback:correctness`;
  await expect(page.locator(`th[data-column="${column}"]`)).toContainText("correctness · nightly eval");
  await expect(row(page, traceId).locator(`td[data-column="${column}"]`)).toContainText("0.8");
});
