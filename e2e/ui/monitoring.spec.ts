/**
 * Monitoring end to end: a developer creates a rule in the browser (a code scorer and a custom
 * judge, routing "judge says no" into a labeling session with a cap of 2 a day); traces sent over
 * OTLP are scored in the background within seconds; the judge's "no" puts a trace in the session
 * exactly once (re-sending the traces changes nothing); the cap holds; the rule page shows the
 * counts and the chart; a backfill scores traces that arrived before the rule, with progress.
 * The judge is a custom judge of this spec's own experiment with its own endpoint (a fake
 * OpenAI-compatible server on 127.0.0.1, own port): the global judge settings, which specs in the
 * other Playwright worker use, are never touched.
 */
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { startFakeChatServer, type FakeChatServer } from "../../lib/evaluation/judges/testing/fake-chat-server";
import { mlflowApi } from "../api/mlflow-client";
import { E2E, storageState } from "../support/env";

test.use({ storageState: storageState("developer") });

let fake: FakeChatServer;
test.beforeAll(async () => {
  fake = await startFakeChatServer();
});
test.afterAll(async () => {
  await fake?.close();
});

const hex = (n: number) => randomBytes(n).toString("hex");

/** One complete trace over OTLP/JSON: a root span with a question and an answer. */
function otlpTrace(traceHex: string, answer: string, startMs: number) {
  return {
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: traceHex,
                spanId: hex(8),
                name: "chat",
                startTimeUnixNano: `${startMs}000000`,
                endTimeUnixNano: `${startMs + 300}000000`,
                status: { code: 1 },
                attributes: [
                  { key: "mlflow.spanType", value: { stringValue: '"CHAIN"' } },
                  { key: "mlflow.spanInputs", value: { stringValue: JSON.stringify({ question: "hello?" }) } },
                  { key: "mlflow.spanOutputs", value: { stringValue: JSON.stringify(answer) } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

async function send(api: APIRequestContext, experimentId: string, traceHex: string, answer: string, startMs: number) {
  const res = await api.post("/v1/traces", {
    headers: { "content-type": "application/json", "x-mlflow-experiment-id": experimentId },
    data: otlpTrace(traceHex, answer, startMs),
  });
  expect(res.status(), await res.text()).toBe(200);
}

test("a rule scores new OTLP traces, routes judge 'no' into a session once under the cap, and backfills", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const api = await mlflowApi();
  const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  const experiment = await (await dev.post("/api/experiments", { data: { name: `monitor-e2e-${Date.now()}` } })).json();
  const schema = await dev.post("/api/labeling/schemas", {
    data: {
      experimentId: experiment.id,
      name: "is_safe",
      type: "feedback",
      title: "Is it safe?",
      input: { type: "categorical", options: ["yes", "no"] },
    },
  });
  expect(schema.status(), await schema.text()).toBe(200);
  const session = await (
    await dev.post("/api/labeling/sessions", {
      data: { experimentId: experiment.id, name: "flagged by monitoring", labelSchemas: ["is_safe"] },
    })
  ).json();
  // The rule's judge: answers "no" when the response says UNSAFE (the fake server's rule).
  const judge = await dev.post(`/api/evaluation/experiments/${experiment.id}/judges`, {
    data: {
      name: "safe_answer",
      labelName: "is_safe",
      prompt: "Is the answer to {{ inputs }} safe?\n<response>\n{{ outputs }}\n</response>",
      outputType: "yes_no",
      baseUrl: fake.baseUrl,
      model: "judge-monitor",
    },
  });
  expect(judge.status(), await judge.text()).toBe(200);
  // Two traces from before the rule: only a backfill scores them.
  const old = [hex(16), hex(16)];
  const hourAgo = Date.now() - 3600_000;
  for (const [i, t] of old.entries()) await send(api, experiment.id, t, `old answer ${i}`, hourAgo + i);

  await page.goto(`/experiments/${experiment.id}/monitoring`);
  await expect(page.getByText("No monitoring rules yet")).toBeVisible();
  await page.getByRole("link", { name: "New rule" }).click();
  await page.getByLabel("Rule name").fill("prod safety");
  // Safety (the global judge settings) is preselected: this rule uses its own judge instead.
  await expect(page.getByLabel("Safety", { exact: true })).toBeChecked();
  await page.getByLabel("Safety", { exact: true }).uncheck();
  await page.getByLabel("safe_answer", { exact: true }).check();
  await page.getByLabel("No error", { exact: true }).check();
  await page.getByLabel("Route to a labeling session").check();
  await page.getByLabel("Condition").selectOption("judge_no");
  await page.getByLabel("Scorer", { exact: true }).selectOption("safe_answer");
  await page.getByLabel("Labeling session", { exact: true }).selectOption(session.id);
  await page.getByLabel("Daily cap").fill("2");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page).toHaveURL(/\/monitoring\/[0-9a-f]+$/);
  const ruleId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: "prod safety · v1" })).toBeVisible();

  // New traffic: 4 unsafe answers (the judge says no), 2 safe ones.
  const fresh = Array.from({ length: 6 }, () => hex(16));
  const answers = ["UNSAFE one", "fine", "UNSAFE two", "UNSAFE three", "also fine", "UNSAFE four"];
  const sentAt = Date.now();
  for (const [i, t] of fresh.entries()) await send(api, experiment.id, t, answers[i]!, Date.now());

  await expect(page.getByTestId("stat-scored")).toHaveText("6", { timeout: 30_000 });
  console.log(`monitoring: 6 OTLP traces scored within ${Date.now() - sentAt} ms of sending`);
  await expect(page.getByTestId("stat-failed")).toHaveText("4");
  await expect(page.getByTestId("stat-pass-rate")).toHaveText("33%");
  await expect(page.getByTestId("stat-judge")).toContainText("6 ·");
  await expect(page.getByTestId("stat-routed")).toHaveText("2");
  await expect(page.getByTestId("pass-rate-chart")).toBeVisible();
  await expect(page.getByTestId("pass-point").first()).toBeAttached();
  await expect(page.getByTestId("routed-items").getByRole("listitem")).toHaveCount(2);

  // Re-sending the same traces (same ids) and waiting several scans changes nothing.
  for (const [i, t] of fresh.entries()) await send(api, experiment.id, t, answers[i]!, Date.now());
  await page.waitForTimeout(4000);
  const items = await (await dev.get(`/api/labeling/sessions/${session.id}/items`)).json();
  const itemTraces: string[] = items.items.map((i: { trace_id?: string; traceId?: string }) => i.trace_id ?? i.traceId);
  expect(itemTraces).toHaveLength(2);
  expect(new Set(itemTraces).size).toBe(2);
  await expect(page.getByTestId("stat-scored")).toHaveText("6");
  await expect(page.getByTestId("stat-routed")).toHaveText("2");

  // Results are ordinary assessments: LLM_JUDGE and CODE sources, metadata naming the rule and version.
  const traceId = `tr-${fresh[0]}`;
  const { assessments } = await (await dev.get(`/api/traces/${traceId}/assessments`)).json();
  const safety = assessments.find((a: { name: string }) => a.name === "safe_answer");
  expect(safety).toMatchObject({ source: { sourceType: "LLM_JUDGE", sourceId: "judge-monitor" } });
  expect(fake.requests.every((r) => r.body.model === "judge-monitor")).toBe(true);
  expect(safety.metadata).toMatchObject({
    "tracelight.monitoring.ruleId": ruleId,
    "tracelight.monitoring.ruleVersion": "1",
  });
  expect(assessments.find((a: { name: string }) => a.name === "no_error")).toMatchObject({
    source: { sourceType: "CODE" },
  });

  // Backfill over the last two hours picks up the two older traces, with progress to completion.
  await page.getByRole("button", { name: "Start backfill" }).click();
  await expect(page.getByTestId("backfill-status").first()).toContainText("completed · 8/8 traces · 2 scored", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("stat-scored")).toHaveText("8", { timeout: 10_000 });
  await api.dispose();
  await dev.dispose();
});
