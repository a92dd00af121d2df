/**
 * Conversations (traces sharing a session id) in the Sessions view: a three-turn conversation is
 * listed with its figures and opens as a chat, each turn's trace one click away; a filter selects
 * the conversations of matching turns.
 */
import { expect, test } from "@playwright/test";
import type { TraceSpec } from "../../lib/seed/factories";
import { storageState } from "../support/env";
import { createExperiment, seedTrace } from "./traces-seed";

test.use({ storageState: storageState("developer") });
// Several page loads per test: minutes on a loaded shared machine.
test.setTimeout(120_000);

let experimentId = "";
const sessionId = `chat e2e ${Date.now().toString(36)}`;
const turnIds: string[] = [];

function turn(question: string, answer: string, minutesAgo: number, env: string, feedback?: boolean): TraceSpec {
  return {
    experimentId,
    timestampMs: Date.now() - minutesAgo * 60_000,
    tags: { env },
    metadata: { "mlflow.trace.session": sessionId, "mlflow.trace.user": "ada" },
    assessments:
      feedback === undefined
        ? []
        : [{ name: "user_feedback", kind: "FEEDBACK", value: feedback, sourceType: "HUMAN", sourceId: "ada" }],
    root: {
      name: "chat",
      spanType: "CHAIN",
      startMs: 0,
      durationMs: 1200,
      inputs: { messages: [{ role: "user", content: question }] },
      outputs: { choices: [{ message: { role: "assistant", content: answer } }] },
    },
  };
}

test.beforeAll(async ({ request }) => {
  experimentId = await createExperiment(request, "e2e-sessions");
  turnIds.push(await seedTrace(turn("How do I rotate a key?", "Open **IAM** and rotate it.", 30, "prod")));
  turnIds.push(await seedTrace(turn("And the old one?", "It stays valid for 24 hours.", 20, "staging", false)));
  turnIds.push(await seedTrace(turn("Thanks, anything else?", "Update your CI secrets.", 10, "prod", true)));
  await seedTrace({
    ...turn("Unrelated question", "Unrelated answer", 5, "prod"),
    metadata: { "mlflow.trace.session": "other-chat" },
  });
});

test("a three-turn conversation is listed, opens as a chat, and each turn's trace opens", async ({ page }) => {
  await page.goto(`/experiments/${experimentId}/traces`);
  await page.getByRole("navigation", { name: "Explorer" }).getByRole("link", { name: "Sessions" }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}/sessions$`));
  const table = page.getByRole("table", { name: "Sessions" });
  await expect(page.getByTestId("session-count")).toHaveText("2 sessions on page 1", { timeout: 30_000 });
  const row = table.getByRole("row").filter({ hasText: sessionId });
  await expect(row.getByTestId("turn-count")).toHaveText("3");
  await expect(row).toContainText("How do I rotate a key?");
  await expect(row).toContainText("ada");
  // The most recently active conversation comes first.
  await expect(table.getByRole("row").nth(1)).toContainText("other-chat");

  await row.getByRole("link", { name: sessionId }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${encodeURIComponent(sessionId)}$`));
  await expect(page.getByTestId("session-turns")).toHaveText("3", { timeout: 30_000 });
  const turns = page.getByTestId("turn");
  await expect(turns).toHaveCount(3);
  await expect(turns.nth(0)).toContainText("How do I rotate a key?");
  // Markdown answers are rendered (bold), as text: nothing from the trace runs.
  await expect(turns.nth(0).locator("strong")).toHaveText("IAM");
  await expect(turns.nth(1)).toContainText("It stays valid for 24 hours.");
  await expect(turns.nth(2)).toContainText("Update your CI secrets.");

  await turns.nth(1).getByRole("button", { name: "Open the trace of turn 2" }).click();
  const drawer = page.getByRole("dialog", { name: "Trace" });
  await expect(drawer.getByTestId("trace-view")).toContainText(turnIds[1]!, { timeout: 30_000 });
  await expect(page).toHaveURL(new RegExp(`trace=${turnIds[1]}`));
  // The URL is shareable: reloading opens the same turn's trace.
  await page.reload();
  await expect(page.getByRole("dialog", { name: "Trace" }).getByTestId("trace-view")).toContainText(turnIds[1]!, {
    timeout: 30_000,
  });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Trace" })).toHaveCount(0);
});

test("the filter selects conversations by their turns and says what is wrong with a bad one", async ({ page }) => {
  await page.goto(`/experiments/${experimentId}/sessions?q=${encodeURIComponent("tags.env = 'staging'")}`);
  await expect(page.getByTestId("session-count")).toHaveText("1 session on page 1", { timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Sessions" })).toContainText(sessionId);

  const box = page.getByRole("textbox", { name: "Filter sessions" });
  await box.fill("tags.env = ");
  await box.press("Enter");
  await expect(page.getByTestId("filter-error")).toBeVisible();
  await expect(page).toHaveURL(/q=tags\.env/);

  const fresh = await createExperiment(page.request, "e2e-sessions-empty");
  await page.goto(`/experiments/${fresh}/sessions`);
  await expect(page.getByRole("heading", { name: "No sessions yet" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("mlflow.trace.session").first()).toBeVisible();
});
