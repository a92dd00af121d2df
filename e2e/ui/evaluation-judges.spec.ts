/**
 * Evaluation runs people can read, and custom judges (issue 11 items 6 and 7), in Chromium:
 * - chat inputs render as messages (raw JSON one click away); comparing two runs lists the rows
 *   that got worse, with counts and a filter;
 * - a judge defined in the UI (its own endpoint: a real OpenAI-compatible server on 127.0.0.1)
 *   scores a run like a built-in, and its agreement with the experts' labels is shown on the
 *   run page and the judge's page.
 */
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { startFakeChatServer, type FakeChatServer } from "../../lib/evaluation/judges/testing/fake-chat-server";
import { E2E, storageState } from "../support/env";
import { createExperiment, ragSpec, seedTrace } from "./traces-seed";

test.use({ storageState: storageState("developer") });
// Each test starts runs and waits for them to finish; on a busy shared machine that exceeds the default minute.
test.describe.configure({ timeout: 180_000 });

let fake: FakeChatServer;
test.beforeAll(async () => {
  fake = await startFakeChatServer();
});
test.afterAll(async () => {
  await fake?.close();
});

async function finished(api: APIRequestContext, runId: string) {
  await expect
    .poll(async () => (await (await api.get(`/api/evaluation/runs/${runId}`)).json()).status, { timeout: 30_000 })
    .toBe("COMPLETED");
}

test("a run shows chat inputs as messages, and compare lists the rows that got worse", async ({ page }) => {
  const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  const experimentId = await createExperiment(dev, "eval-read");
  const chat = (content: string) => ({ messages: [{ role: "user", content }] });
  const ds = await dev.post(`/api/evaluation/experiments/${experimentId}/datasets`, {
    data: {
      name: "capitals chat",
      records: [
        {
          inputs: chat("What is the capital of France?"),
          outputs: "Paris",
          expectations: { expected_response: "Paris" },
        },
        { inputs: chat("And the capital of Italy?"), outputs: "Rome", expectations: { expected_response: "Milan" } },
      ],
    },
  });
  expect(ds.status()).toBe(200);
  const datasetId = (await ds.json()).dataset.id as string;
  const startRun = async (name: string) => {
    const res = await dev.post(`/api/evaluation/experiments/${experimentId}/runs`, {
      data: { name, datasetId, scorers: [{ type: "exact_match" }] },
    });
    expect(res.status()).toBe(200);
    const run = await res.json();
    await finished(dev, run.id);
    return run as { id: string };
  };
  const baseline = await startRun("nightly");
  // The expectations change: France's row now fails, Italy's now passes.
  const records = (await (await dev.get(`/api/evaluation/datasets/${datasetId}/records?page=1&pageSize=10`)).json())
    .records as { id: string; inputs: { messages: { content: string }[] } }[];
  const france = records.find((r) => r.inputs.messages[0]!.content.includes("France"))!;
  expect(
    (
      await dev.patch(`/api/evaluation/datasets/${datasetId}/records/${france.id}`, {
        data: { expectations: { expected_response: "Lyon" } },
      })
    ).status(),
  ).toBe(200);
  const records2 = (await (await dev.get(`/api/evaluation/datasets/${datasetId}/records?page=1&pageSize=10`)).json())
    .records as { id: string; inputs: { messages: { content: string }[] } }[];
  const italy = records2.find((r) => r.inputs.messages[0]!.content.includes("Italy"))!;
  expect(
    (
      await dev.patch(`/api/evaluation/datasets/${datasetId}/records/${italy.id}`, {
        data: { expectations: { expected_response: "Rome" } },
      })
    ).status(),
  ).toBe(200);
  const current = await startRun("nightly");
  await dev.dispose();

  await page.goto(`/experiments/${experimentId}/evaluation/runs/${current.id}`);
  await expect(page.getByTestId("run-identity")).toContainText(`nightly · started`);
  await expect(page.getByTestId("run-identity")).toContainText(current.id.slice(0, 8));
  const first = page.getByTestId("result-row").first();
  const inputs = first.getByTestId("eval-inputs");
  await expect(inputs).toContainText("User");
  await expect(inputs).toContainText("What is the capital of France?");
  await expect(inputs).not.toContainText('"messages"');
  await first.getByRole("button", { name: "Raw JSON" }).click();
  await expect(inputs).toContainText('"messages"');

  // Two runs named "nightly" are told apart by time and id in the picker.
  const picker = page.getByLabel("Compare with baseline");
  await expect(picker.locator("option", { hasText: baseline.id.slice(0, 8) })).toHaveCount(1);
  await picker.selectOption(baseline.id);
  await expect(page).toHaveURL(new RegExp(`compare=${baseline.id}`));
  await expect(page.getByTestId("compare-row")).toHaveCount(2);
  await expect(page.getByTestId("count-regression")).toHaveText("1");
  await expect(page.getByTestId("count-improvement")).toHaveText("1");
  await page.getByRole("button", { name: /^Regressions/ }).click();
  await expect(page).toHaveURL(/change=regression/);
  const worse = page.getByTestId("compare-row");
  await expect(worse).toHaveCount(1);
  await expect(worse).toHaveAttribute("data-change", "regression");
  await expect(worse).toContainText("What is the capital of France?");
  await expect(worse.getByTestId("score-delta")).toHaveText("-1");
  await page.getByRole("button", { name: /^Improvements/ }).click();
  await expect(page.getByTestId("compare-row")).toContainText("And the capital of Italy?");
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/evaluation-compare.png`, fullPage: true });
});

test("a judge defined in the UI scores a run and shows its agreement with the experts", async ({ page }) => {
  const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  const experimentId = await createExperiment(dev, "eval-judge");
  await dev.dispose();
  const human = (value: string) => [
    { name: "helpful", kind: "FEEDBACK" as const, value, sourceType: "HUMAN" as const, sourceId: "expert@example.com" },
  ];
  // The fake judge answers "no" when the answer mentions UNSAFE, else "yes".
  const agreeYes = await seedTrace({
    ...ragSpec(experimentId, { question: "Where are access keys?", answer: "Under IAM.", minutesAgo: 4 }),
    assessments: human("yes"),
  });
  await seedTrace({
    ...ragSpec(experimentId, { question: "Share a key?", answer: "UNSAFE: paste it here", minutesAgo: 3 }),
    assessments: human("no"),
  });
  const disagree = await seedTrace({
    ...ragSpec(experimentId, { question: "Rotate keys?", answer: "UNSAFE shortcut, but works", minutesAgo: 2 }),
    assessments: human("yes"),
  });
  await seedTrace(ragSpec(experimentId, { question: "Unlabelled", answer: "Fine.", minutesAgo: 1 }));
  expect(agreeYes).toMatch(/^tr-/);

  await page.goto(`/experiments/${experimentId}/evaluation`);
  await page.getByRole("link", { name: "Judges" }).click();
  await expect(page.getByText("No custom judges yet")).toBeVisible();
  const form = page.getByRole("form", { name: "New judge" });
  await form.getByLabel("Name (names its scores)").fill("helpful answer");
  await form.getByLabel("Human label to compare with (assessment name)").fill("helpful");
  await form.getByLabel("Prompt").fill("Is this helpful? {{ output }}");
  await form.getByLabel("Base URL").fill(fake.baseUrl);
  await form.getByLabel("Model").fill("custom-e2e");
  await form.getByLabel("API key").fill("sk-custom-e2e");
  await form.getByRole("button", { name: "Create judge" }).click();
  await expect(form.getByRole("alert")).toContainText("Unknown variable {{ output }}");
  await form
    .getByLabel("Prompt")
    .fill("Is the answer to {{ inputs }} helpful?\n<response>\n{{ outputs }}\n</response>");
  await form.getByRole("button", { name: "Create judge" }).click();
  await expect(page).toHaveURL(/\/evaluation\/judges\/[0-9a-f]+$/);
  await expect(page.getByTestId("judge-versions")).toContainText("v1");
  await expect(page.getByTestId("judge-versions")).toContainText("custom-e2e");
  await expect(page.getByText("sk-custom-e2e")).toHaveCount(0);

  await page.goto(`/experiments/${experimentId}/evaluation/new`);
  await page.getByLabel("Traces matching a filter").check();
  await page.getByLabel("Trace filter").fill("tags.env = 'prod'");
  await page.getByLabel("Correctness", { exact: true }).uncheck();
  await page.getByLabel("helpful answer", { exact: true }).check();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/evaluation\/runs\/[0-9a-f]+$/);
  await expect(page.getByTestId("run-status")).toHaveText("COMPLETED", { timeout: 30_000 });
  await expect(page.getByTestId("result-row")).toHaveCount(4);
  const judged = fake.requests.filter((r) => r.body.model === "custom-e2e");
  expect(judged).toHaveLength(4);
  expect(judged[0]!.headers.authorization).toBe("Bearer sk-custom-e2e");

  const agreement = page.getByTestId("judge-agreement");
  await expect(agreement).toContainText("helpful answer v1");
  await expect(agreement).toContainText("0.400"); // Cohen's κ over 3 labelled traces
  await expect(agreement).toContainText("66.7%");
  await expect(agreement).toContainText("2 of 3 traces");
  await expect(agreement.getByTestId("confusion-matrix")).toBeVisible();
  await expect(agreement.getByTestId("disagreements").getByRole("link")).toHaveText([disagree]);

  await page.goto(`/experiments/${experimentId}/evaluation/judges`);
  await page.getByRole("link", { name: "helpful answer" }).click();
  await expect(page.getByTestId("judge-agreement").first()).toContainText("0.400");
  await page.getByTestId("disagreements").first().getByRole("link", { name: disagree }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}/traces/${disagree}`));
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/evaluation-judge.png`, fullPage: true });
});
