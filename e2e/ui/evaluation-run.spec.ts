import { expect, request, test } from "@playwright/test";
import { startFakeChatServer, type FakeChatServer } from "../../lib/evaluation/judges/testing/fake-chat-server";
import { E2E, storageState } from "../support/env";

test.use({ storageState: storageState("developer") });

let fake: FakeChatServer;
test.beforeAll(async () => {
  // A real OpenAI-compatible server on 127.0.0.1: the judge ("judge-e2e") and the app under test ("app-e2e").
  fake = await startFakeChatServer();
  const admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
  const res = await admin.put("/api/evaluation/judge-settings", {
    data: { baseUrl: fake.baseUrl, model: "judge-e2e", apiKey: "sk-e2e-judge-key", timeoutMs: 5000, maxRetries: 1 },
  });
  expect(res.status()).toBe(200);
  expect(JSON.stringify(await res.json())).not.toContain("sk-e2e-judge-key");
  await admin.dispose();
});
test.afterAll(async () => {
  await fake?.close();
});

test("a developer starts a judged run in the browser, watches it finish and opens a row's trace", async ({ page }) => {
  const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  const experiment = await (await dev.post("/api/experiments", { data: { name: `eval-e2e-${Date.now()}` } })).json();
  const ds = await dev.post(`/api/evaluation/experiments/${experiment.id}/datasets`, {
    data: {
      name: "capitals",
      records: [
        { inputs: { question: "Paris" }, expectations: { expected_response: "Paris" } },
        { inputs: { question: "Rome" }, expectations: { expected_response: "Milan" } },
        { inputs: { question: "Oslo" }, expectations: { expected_response: "Oslo" } },
      ],
    },
  });
  expect(ds.status()).toBe(200);
  const datasetId = (await ds.json()).dataset.id;
  await dev.dispose();

  await page.goto(`/experiments/${experiment.id}/evaluation/new?dataset=${datasetId}`);
  await expect(page.getByLabel("Dataset", { exact: true })).toHaveValue(datasetId);
  await expect(page.getByLabel("Correctness", { exact: true })).toBeChecked();
  await page.getByLabel("Contains", { exact: true }).check();
  await expect(page.getByTestId("judge-info")).toContainText("judge-e2e");
  await page.getByLabel("Output source").selectOption("openai_chat");
  await page.getByLabel("App base URL").fill(fake.baseUrl);
  await page.getByLabel("App model").fill("app-e2e");
  await page.getByLabel("Input key").fill("question");
  await page.getByRole("button", { name: "Start run" }).click();

  await expect(page).toHaveURL(/\/evaluation\/runs\/[0-9a-f]+$/);
  await expect(page.getByTestId("run-status")).toHaveText("COMPLETED", { timeout: 30_000 });
  await expect(page.getByTestId("run-progress")).toHaveText("3 / 3 rows");
  const correctness = page.getByTestId("scorer-summary").filter({ hasText: "correctness" });
  await expect(correctness).toContainText("2 pass · 1 fail");
  await expect(page.getByTestId("result-row")).toHaveCount(3);
  const rome = page.getByTestId("result-row").filter({ hasText: "The answer is Rome" });
  await expect(rome.getByTestId("score-value").first()).toHaveText("no");
  await expect(rome).toContainText("The response lacks the expected response.");

  // The app was called once per row and the judge once per row.
  expect(fake.requests.filter((r) => r.body.model === "app-e2e")).toHaveLength(3);
  expect(fake.requests.filter((r) => r.body.model === "judge-e2e")).toHaveLength(3);

  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/evaluation-run.png`, fullPage: true });
  const link = page.getByTestId("result-row").first().getByTestId("row-trace-link");
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${experiment.id}/traces/tr-[0-9a-f]{32}`));
  await expect(page.getByText("The answer is Paris").first()).toBeVisible();
  if (process.env.E2E_SCREENSHOTS) {
    await page.goto(`/experiments/${experiment.id}/evaluation`);
    await expect(page.getByTestId("run-row")).toHaveCount(1);
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/evaluation-home.png`, fullPage: true });
  }
});
