/**
 * Cost and timeline in the trace view: a trace with token usage of a known model shows its cost
 * (header, summary, span, table), which changes when an admin edits the price table in
 * Settings; the waterfall has a time axis with ticks and marks the critical path; the Summary of
 * a chat trace shows the whole conversation.
 */
import { expect, test } from "@playwright/test";
import { storageState } from "../support/env";
import { createExperiment, seedTrace } from "./traces-seed";

test.use({ storageState: storageState("admin") });
// Several page loads per test: minutes on a loaded shared machine.
test.setTimeout(120_000);

let experimentId = "";
let traceId = "";
let originalPrices: { model: string; inputUsdPerMillion: number; outputUsdPerMillion: number }[] = [];

test.beforeAll(async ({ request }) => {
  const prices = await request.get("/api/costs/prices");
  expect(prices.status()).toBe(200);
  originalPrices = ((await prices.json()) as { prices: typeof originalPrices }).prices.map((p) => ({
    model: p.model,
    inputUsdPerMillion: p.inputUsdPerMillion,
    outputUsdPerMillion: p.outputUsdPerMillion,
  }));
  expect(originalPrices.find((p) => p.model === "gpt-4o-mini")).toMatchObject({
    inputUsdPerMillion: 0.15,
    outputUsdPerMillion: 0.6,
  });
  experimentId = await createExperiment(request, "e2e-cost");
  traceId = await seedTrace({
    experimentId,
    timestampMs: Date.now() - 60_000,
    root: {
      name: "support_chat",
      spanType: "CHAIN",
      startMs: 0,
      durationMs: 1000,
      inputs: {
        messages: [
          { role: "system", content: "You are a terse assistant." },
          { role: "user", content: "What is an access key?" },
          { role: "assistant", content: "A credential for the API." },
          { role: "user", content: "How long does one last?" },
        ],
      },
      outputs: { choices: [{ message: { role: "assistant", content: "Until you rotate it." } }] },
      children: [
        { name: "retrieve", spanType: "RETRIEVER", startMs: 10, durationMs: 190 },
        {
          name: "llm_call",
          spanType: "LLM",
          startMs: 210,
          durationMs: 780,
          model: "gpt-4o-mini-2024-07-18",
          inputTokens: 1000,
          outputTokens: 500,
          children: [{ name: "tokenize", spanType: "PARSER", startMs: 220, durationMs: 20 }],
        },
      ],
    },
  });
});

test.afterAll(async ({ request }) => {
  // Other specs share the server: put the defaults back.
  const res = await request.put("/api/costs/prices", { data: { prices: originalPrices } });
  expect(res.status()).toBe(200);
});

test("the timeline has a time axis with ticks and marks the critical path", async ({ page }) => {
  await page.goto(`/experiments/${experimentId}/traces/${traceId}`);
  const axis = page.getByTestId("timeline-axis");
  await expect(axis).toBeVisible({ timeout: 30_000 });
  const ticks = axis.getByTestId("timeline-tick");
  await expect(ticks.first()).toHaveText("0 s");
  expect(await ticks.count()).toBeGreaterThanOrEqual(3);
  await expect(ticks.nth(1)).toHaveText("0.2 s");
  // Root → the child ending last (llm_call) → its only child.
  const onPath = page.locator('[data-testid="span-row"][data-critical-path="true"]');
  await expect(onPath).toHaveCount(3);
  expect(await onPath.evaluateAll((els) => els.map((e) => e.getAttribute("data-span-name")))).toEqual([
    "support_chat",
    "llm_call",
    "tokenize",
  ]);
  await expect(onPath.nth(1)).toContainText("(on the critical path)");
  await expect(page.locator('[data-testid="span-row"][data-span-name="retrieve"]')).not.toHaveAttribute(
    "data-critical-path",
    "true",
  );
  await expect(axis).toContainText("Critical path (3 spans)");
});

test("the Summary of a chat trace shows every message and the final answer", async ({ page }) => {
  await page.goto(`/experiments/${experimentId}/traces/${traceId}`);
  await expect(page.getByTestId("trace-view")).toBeVisible({ timeout: 30_000 });
  await page.getByRole("tab", { name: "Summary" }).click();
  const summary = page.getByTestId("trace-summary");
  await expect(summary).toContainText("Conversation (5 messages)");
  const messages = summary.getByRole("list", { name: "Conversation" }).getByRole("listitem");
  await expect(messages).toHaveCount(5);
  await expect(messages.nth(0)).toContainText("You are a terse assistant.");
  await expect(messages.nth(2)).toContainText("A credential for the API.");
  await expect(messages.nth(4)).toContainText("Until you rotate it.");
});

test("cost follows the price table edited in Settings", async ({ page }) => {
  // gpt-4o-mini list price: 1000 × $0.15/M + 500 × $0.60/M = $0.00045.
  await page.goto(`/experiments/${experimentId}/traces/${traceId}`);
  await expect(page.getByTestId("trace-cost")).toHaveText("$0.00045", { timeout: 30_000 });
  await page.locator('[data-testid="span-row"][data-span-name="llm_call"]').click();
  await expect(page.getByTestId("span-cost")).toHaveText("cost $0.00045");
  await page.getByRole("tab", { name: "Summary" }).click();
  await expect(page.getByTestId("summary-cost")).toHaveText("$0.00045");

  // The table's cost column, and the cost quick filter leaves this cheap trace out.
  await page.goto(`/experiments/${experimentId}/traces`);
  await expect(page.getByTestId("trace-cost-cell")).toHaveText("$0.00045", { timeout: 30_000 });
  await page.getByRole("combobox", { name: "Cost" }).selectOption("0.001");
  await expect(page).toHaveURL(/cost=0\.001/);
  await expect(page.getByTestId("trace-count")).toHaveText("0 traces");

  // An admin raises the input price of gpt-4o-mini to $1.50/M.
  await page.goto("/settings");
  const table = page.getByRole("table", { name: "Model prices" });
  await expect(table.getByRole("textbox", { name: "Model of row 1", exact: true })).toBeVisible({ timeout: 30_000 });
  const models = await table
    .getByRole("textbox", { name: /^Model of row/ })
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const row = models.indexOf("gpt-4o-mini") + 1;
  expect(row).toBeGreaterThan(0);
  const input = table.getByRole("textbox", { name: `Input price of row ${row}`, exact: true });
  await input.fill("-1");
  await page.getByRole("button", { name: "Save prices" }).click();
  await expect(table.getByText("must be 0 or more")).toBeVisible();
  await input.fill("1.5");
  await page.getByRole("button", { name: "Save prices" }).click();
  await expect(page.getByTestId("prices-saved")).toContainText("Recomputed the cost of");

  // 1000 × $1.50/M + 500 × $0.60/M = $0.0018, everywhere.
  await page.goto(`/experiments/${experimentId}/traces?cost=0.001`);
  await expect(page.getByTestId("trace-count")).toHaveText("1 trace", { timeout: 30_000 });
  await expect(page.getByTestId("trace-cost-cell")).toHaveText("$0.0018");
  await page.goto(`/experiments/${experimentId}/traces/${traceId}`);
  await expect(page.getByTestId("trace-cost")).toHaveText("$0.0018", { timeout: 30_000 });
});
