/**
 * Issue 13: an expert chats with a session's agent in the Review App. A real streaming
 * OpenAI-compatible server on 127.0.0.1 answers "Turn <n>: you said <message>" (n counts the user
 * messages it received, so the history shows). A developer adds the agent and gives it to the
 * session in the browser; the reviewer chats three turns, rates the second down with a comment and
 * the session's question, reloads, continues; the turns are traces of one conversation carrying
 * the labels, listed in the session's results and the Sessions view. With the agent down the
 * message is kept, the chat says so, and an ERROR trace is recorded.
 */
import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import { startFakeChatServer, type FakeChatServer } from "../../lib/evaluation/judges/testing/fake-chat-server";
import { E2E, storageState } from "../support/env";

test.use({ storageState: storageState("reviewer") });
// The chat tests build on the agent the first one adds in the browser: one after the other, and a
// failure skips the rest instead of running them against a fresh session without an agent.
test.describe.configure({ mode: "serial" });
// Several page loads and streamed answers per test: minutes on a loaded shared machine.
test.setTimeout(180_000);

let fake: FakeChatServer;
let dev: APIRequestContext;
let experimentId = "";
let sessionId = "";
let agentId = "";
const schema = `correct_${Date.now().toString(36)}`;

test.beforeAll(async () => {
  fake = await startFakeChatServer();
  dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  const exp = await dev.post("/api/experiments", { data: { name: `chat-e2e-${Date.now()}` } });
  expect(exp.status(), await exp.text()).toBe(200);
  experimentId = (await exp.json()).id;
  const created = await dev.post("/api/labeling/schemas", {
    data: {
      experimentId,
      name: schema,
      type: "feedback",
      title: "Is the answer correct?",
      enableComment: false,
      input: { type: "categorical", options: ["yes", "no"] },
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const session = await dev.post("/api/labeling/sessions", {
    data: { experimentId, name: "Vibe check", labelSchemas: [schema], assignedUsers: [E2E.reviewer.email] },
  });
  expect(session.status(), await session.text()).toBe(200);
  sessionId = (await session.json()).id;
});
test.afterAll(async () => {
  await dev?.dispose();
  await fake?.close();
});

async function send(page: Page, message: string) {
  const box = page.getByRole("textbox", { name: "Message to the agent" });
  await box.fill(message);
  await page.getByRole("button", { name: "Send" }).click();
}

test("a developer adds an agent and gives it to the session; the key never reaches the browser", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageState("developer") });
  const page = await context.newPage();
  const bodies: string[] = [];
  page.on("response", async (r) => {
    if (r.url().includes("/agents")) bodies.push(await r.text().catch(() => ""));
  });
  await page.goto(`/experiments/${experimentId}/agents`);
  await page.getByLabel("Agent name").fill("Support bot");
  await page.getByLabel("Agent base URL").fill(fake.baseUrl);
  await page.getByLabel("Agent model").fill("agent-e2e");
  await page.getByLabel("Agent API key").fill("sk-e2e-agent-secret-7777");
  await page.getByLabel("System prompt").fill("You answer support questions.");
  await page.getByRole("button", { name: "Add agent" }).click();
  const row = page.getByTestId("agent-row").filter({ hasText: "Support bot" });
  await expect(row).toContainText("agent-e2e", { timeout: 30_000 });
  await expect(row).toContainText("key …7777");
  // A second agent of the same name is refused with the field named.
  await page.getByLabel("Agent name").fill("Support bot");
  await page.getByLabel("Agent base URL").fill(fake.baseUrl);
  await page.getByLabel("Agent model").fill("agent-e2e");
  await page.getByRole("button", { name: "Add agent" }).click();
  await expect(page.getByText("is already used by another agent of this experiment")).toBeVisible();
  expect(bodies.join("\n")).not.toContain("sk-e2e-agent-secret");

  await page.goto(`/experiments/${experimentId}/labeling/sessions/${sessionId}`);
  const picker = page.getByLabel("Chat agent");
  await expect(picker).toBeEnabled({ timeout: 30_000 });
  await picker.selectOption({ label: "Support bot (agent-e2e)" });
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const { agents } = await (await dev.get(`/api/experiments/${experimentId}/agents`)).json();
  agentId = agents[0].id;
  await context.close();
});

test("an expert chats three turns, rates the second, reloads and continues; the turns are one labeled conversation", async ({
  page,
}) => {
  expect(agentId).not.toBe("");
  await page.goto(`/review/${sessionId}`);
  // The queue below has settled (the session has no items yet), then the way into the chat.
  await expect(page.getByText("0 to do")).toBeVisible({ timeout: 30_000 });
  await page.getByRole("link", { name: "Chat with the agent" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/${sessionId}/chat$`), { timeout: 60_000 });

  await send(page, "How do I reset my password?");
  const turns = page.getByTestId("chat-turn");
  await expect(turns).toHaveCount(1, { timeout: 30_000 });
  await expect(turns.nth(0).getByTestId("chat-answer")).toHaveText("Turn 1: you said How do I reset my password?");
  await send(page, "And if I lost my phone?");
  await expect(turns.nth(1).getByTestId("chat-answer")).toHaveText("Turn 2: you said And if I lost my phone?", {
    timeout: 30_000,
  });
  await send(page, "Thanks");
  await expect(turns.nth(2).getByTestId("chat-answer")).toHaveText("Turn 3: you said Thanks", { timeout: 30_000 });
  // The sent message leaves the box only once answered.
  await expect(page.getByRole("textbox", { name: "Message to the agent" })).toHaveValue("");

  const second = turns.nth(1).getByTestId("turn-feedback");
  await second.getByRole("button", { name: "Thumbs down for answer 2" }).click();
  await second.getByLabel("Comment on answer 2").fill("Does not say how to recover without the phone");
  await second.getByRole("radio", { name: "no" }).check();
  const saved = page.waitForResponse(
    (r) =>
      r.request().method() === "PUT" &&
      r.url().includes("/chat/turns/") &&
      r.request().postData()?.includes("answers") === true,
  );
  await second.getByRole("button", { name: "Save feedback" }).click();
  expect((await saved).status()).toBe(200);

  await page.reload();
  await expect(turns).toHaveCount(3, { timeout: 30_000 });
  const again = turns.nth(1).getByTestId("turn-feedback");
  await expect(again.getByRole("button", { name: "Thumbs down for answer 2" })).toHaveAttribute("aria-pressed", "true");
  await send(page, "One more thing");
  await expect(turns.nth(3).getByTestId("chat-answer")).toHaveText("Turn 4: you said One more thing", {
    timeout: 30_000,
  });
  // The whole history went to the agent, after the system prompt.
  const last = fake.requests.filter((r) => r.body.model === "agent-e2e").at(-1)!;
  expect(last.body.messages[0]).toEqual({ role: "system", content: "You answer support questions." });
  expect(last.body.messages.filter((m) => m.role === "user")).toHaveLength(4);
  expect(last.headers.authorization).toBe("Bearer sk-e2e-agent-secret-7777");

  // The chat is the expert's item, in progress until they finish it.
  await page.getByRole("button", { name: "Finish chat" }).click();
  await expect(page.getByTestId("chat-finished")).toHaveText("Chat finished");

  // The record: four traces sharing one session id, the expert as user, the labels on the second.
  const chat = await (await page.request.get(`/api/labeling/sessions/${sessionId}/chat`)).json();
  const traceIds: string[] = chat.chat.turns.map((t: { traceId: string }) => t.traceId);
  expect(traceIds).toHaveLength(4);
  expect(chat.chat.finished).toBe(true);
  const infos = await Promise.all(traceIds.map(async (id) => (await (await dev.get(`/api/traces/${id}`)).json()).info));
  for (const info of infos) {
    expect(info.state).toBe("OK");
    expect(info.sessionId).toBe(chat.chat.id);
    expect(info.metadata["mlflow.trace.user"]).toBe(E2E.reviewer.email);
  }
  const labels = infos[1].assessments.filter((a: { valid: boolean }) => a.valid);
  const byName = Object.fromEntries(labels.map((a: { name: string }) => [a.name, a]));
  expect(byName.user_feedback).toMatchObject({
    value: false,
    rationale: "Does not say how to recover without the phone",
  });
  expect(byName[schema]).toMatchObject({ value: "no" });

  // The chat is a conversation item in the session's results and a session in the Sessions view.
  const devPage = await page
    .context()
    .browser()!
    .newPage({ storageState: storageState("developer") });
  await devPage.goto(`/experiments/${experimentId}/labeling/sessions/${sessionId}`);
  await expect(devPage.locator(`[data-testid="result-row"][data-trace-id="${traceIds[0]}"]`)).toBeVisible({
    timeout: 30_000,
  });
  await devPage.goto(`/experiments/${experimentId}/sessions`);
  const row = devPage.getByRole("table", { name: "Sessions" }).getByRole("row").filter({ hasText: chat.chat.id });
  await expect(row.getByTestId("turn-count")).toHaveText("4", { timeout: 30_000 });
  await devPage.close();
});

test("with the agent down the message is kept, the chat says so and an ERROR trace is recorded", async ({ page }) => {
  expect(agentId).not.toBe("");
  // Nothing listens on port 9 of 127.0.0.1.
  const moved = await dev.patch(`/api/agents/${agentId}`, { data: { baseUrl: "http://127.0.0.1:9/v1" } });
  expect(moved.status(), await moved.text()).toBe(200);
  await page.goto(`/review/${sessionId}/chat`);
  const box = page.getByRole("textbox", { name: "Message to the agent" });
  await expect(box).toBeVisible({ timeout: 30_000 });
  const before = await page.getByTestId("chat-turn").count();
  await send(page, "Are you there? I typed this carefully.");
  await expect(page.getByTestId("chat-error")).toContainText("could not be reached", { timeout: 30_000 });
  await expect(box).toHaveValue("Are you there? I typed this carefully.");
  const failed = page.getByTestId("chat-turn").nth(before);
  await expect(failed).toHaveAttribute("data-status", "ERROR");
  // Still there after a reload (kept in the browser until an answer arrives).
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Message to the agent" })).toHaveValue(
    "Are you there? I typed this carefully.",
    { timeout: 30_000 },
  );
  const chat = await (await page.request.get(`/api/labeling/sessions/${sessionId}/chat`)).json();
  const turn = chat.chat.turns.at(-1);
  expect(turn).toMatchObject({ status: "ERROR", message: "Are you there? I typed this carefully." });
  const info = (await (await dev.get(`/api/traces/${turn.traceId}`)).json()).info;
  expect(info.state).toBe("ERROR");
  expect(info.sessionId).toBe(chat.chat.id);

  // Back up: the same message goes through.
  await dev.patch(`/api/agents/${agentId}`, { data: { baseUrl: fake.baseUrl } });
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("chat-turn").last().getByTestId("chat-answer")).toContainText(
    "you said Are you there?",
    { timeout: 30_000 },
  );
  await expect(page.getByRole("textbox", { name: "Message to the agent" })).toHaveValue("");
});
