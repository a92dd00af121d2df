/**
 * Issue 13, pairwise comparison of two agents: a developer creates a compare session in the
 * browser from two agents of the experiment (served by a real streaming OpenAI-compatible server
 * on 127.0.0.1; the -v2 agent prefixes its answers with "In short: ") and three typed questions,
 * with a label schema asked for each side. The server calls both agents in a background job and
 * records each answer as a trace. The reviewer sees the session in the Review App list counted in
 * pairs, compares the pairs with the keyboard, answering the question for each side, then asks both
 * agents a question of their own and compares those answers too; the session page shows the win
 * rates and the answers per version, and the assessments sit on the right traces.
 */
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { startFakeChatServer, type FakeChatServer } from "../../lib/evaluation/judges/testing/fake-chat-server";
import { E2E, storageState } from "../support/env";

test.setTimeout(240_000);

let fake: FakeChatServer;
let dev: APIRequestContext;
let experimentId = "";
let sessionId = "";
const schema = `helpful_${Date.now().toString(36)}`;
const QUESTIONS = ["Where is Paris?", "Where is Rome?", "Where is Oslo?"];

test.beforeAll(async () => {
  fake = await startFakeChatServer();
  dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  const exp = await dev.post("/api/experiments", { data: { name: `pairwise-agents-e2e-${Date.now()}` } });
  expect(exp.status(), await exp.text()).toBe(200);
  experimentId = (await exp.json()).id;
  const created = await dev.post("/api/labeling/schemas", {
    data: {
      experimentId,
      name: schema,
      type: "feedback",
      title: "Is this answer helpful?",
      enableComment: false,
      input: { type: "categorical", options: ["yes", "no"] },
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  for (const model of ["agent-v1", "agent-v2"]) {
    const res = await dev.post(`/api/experiments/${experimentId}/agents`, {
      data: { name: `bot ${model.slice(-2)}`, baseUrl: fake.baseUrl, model },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
});
test.afterAll(async () => {
  await dev?.dispose();
  await fake?.close();
});

test("a compare session from two agents: the reviewer picks with the keyboard and answers the question per side", async ({
  browser,
}) => {
  // The developer creates it in the browser (Labeling → Compare two versions → Two agents).
  const devContext = await browser.newContext({ storageState: storageState("developer") });
  const devPage = await devContext.newPage();
  await devPage.goto(`/experiments/${experimentId}/labeling`);
  await devPage.getByRole("radio", { name: "Two agents" }).check();
  await devPage.getByLabel("Comparison name").fill("bot v1 vs bot v2");
  await devPage.getByLabel("Comparison reviewers").fill(E2E.reviewer.email);
  await devPage.getByLabel("Version A (agent)").selectOption({ label: "bot v1 (agent-v1)" });
  await devPage.getByLabel("Version B (agent)").selectOption({ label: "bot v1 (agent-v1)" });
  await devPage.getByRole("button", { name: "Create comparison" }).click();
  // Refused in plain words before anything is sent: the same agent twice, no questions.
  await expect(devPage.getByText("must differ from version A")).toBeVisible();
  await expect(devPage.getByText("type at least one question or choose a dataset")).toBeVisible();
  await devPage.getByLabel("Version B (agent)").selectOption({ label: "bot v2 (agent-v2)" });
  await devPage.getByLabel("Questions (one per line)").fill(QUESTIONS.join("\n"));
  await devPage.getByRole("checkbox", { name: new RegExp(schema) }).check();
  await devPage.getByRole("button", { name: "Create comparison" }).click();
  await expect(devPage.getByRole("status").filter({ hasText: "3 inputs sent to both agents." })).toBeVisible({
    timeout: 30_000,
  });
  const href = await devPage.getByRole("link", { name: "Open the comparison" }).getAttribute("href");
  sessionId = href!.split("/").at(-1)!;
  // The job calls both agents: three pairs, six streamed calls.
  await expect
    .poll(async () => (await (await dev.get(`/api/pairwise/sessions/${sessionId}/results`)).json()).generation, {
      timeout: 60_000,
    })
    .toMatchObject({ status: "READY", ready: 3, total: 3 });
  expect(fake.requests.filter((r) => r.body.stream && QUESTIONS.includes(r.prompt))).toHaveLength(6);

  // The reviewer's list counts the session's pairs.
  const context = await browser.newContext({ storageState: storageState("reviewer") });
  const page = await context.newPage();
  await page.goto("/review");
  const entry = page.getByRole("link").filter({ hasText: "bot v1 vs bot v2" });
  await expect(entry.getByTestId("review-session-count")).toHaveText(
    "You compared 0 · 3 of 3 pairs still need a choice",
  );
  await entry.click();

  const picked: { v2Left: boolean; left: string; right: string }[] = [];
  for (let i = 0; i < 3; i++) {
    await expect(page.getByTestId("compare-progress")).toHaveText(`${i} of 3 compared`, { timeout: 30_000 });
    const left = await page.getByTestId("compare-left").getAttribute("data-trace-id");
    const right = await page.getByTestId("compare-right").getAttribute("data-trace-id");
    const leftText = await page.getByTestId("compare-left-answer").innerText();
    const rightText = await page.getByTestId("compare-right-answer").innerText();
    const v2Left = leftText.startsWith("In short: ");
    expect(v2Left ? rightText : leftText).toMatch(/^Turn 1: you said Where is \w+\?$/);
    picked.push({ v2Left, left: left!, right: right! });
    // v2 is helpful, v1 is not, on whichever side each was drawn.
    await page
      .getByTestId(v2Left ? "compare-left-questions" : "compare-right-questions")
      .getByRole("radio", { name: "yes" })
      .check();
    await page
      .getByTestId(v2Left ? "compare-right-questions" : "compare-left-questions")
      .getByRole("radio", { name: "no" })
      .check();
    await page.getByRole("textbox", { name: "Rationale" }).fill(`v2 is shorter (${i})`);
    await page.getByRole("textbox", { name: "Rationale" }).press("Escape");
    await page.keyboard.press(v2Left ? "a" : "b");
  }
  await expect(page.getByText("All pairs compared")).toBeVisible({ timeout: 30_000 });

  // A question of the reviewer's own goes to both agents at once and is compared at once: a tie.
  await page.getByRole("textbox", { name: "Question for both agents" }).fill("Where is Lima?");
  await page.getByRole("button", { name: "Ask both" }).click();
  await expect(page.getByTestId("compare-input")).toHaveText("Where is Lima?", { timeout: 30_000 });
  await expect(page.getByTestId("compare-progress")).toHaveText("3 of 4 compared");
  const answers = [
    await page.getByTestId("compare-left-answer").innerText(),
    await page.getByTestId("compare-right-answer").innerText(),
  ].sort();
  expect(answers).toEqual(["In short: Turn 1: you said Where is Lima?", "Turn 1: you said Where is Lima?"]);
  await expect(page.getByRole("textbox", { name: "Question for both agents" })).toHaveValue("");
  for (const side of ["left", "right"])
    await page.getByTestId(`compare-${side}-questions`).getByRole("radio", { name: "yes" }).check();
  await page.keyboard.press("e");
  await expect(page.getByText("All pairs compared")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("compare-progress")).toHaveText("4 of 4 compared");

  await page.goto("/review");
  await expect(entry.getByTestId("review-session-count")).toHaveText(
    "You compared 4 · 0 of 4 pairs still need a choice",
  );
  await context.close();

  // Stored on the right traces: the choice and each side's answer.
  for (const p of picked) {
    const v2Trace = p.v2Left ? p.left : p.right;
    const v1Trace = p.v2Left ? p.right : p.left;
    const labels = async (id: string) =>
      ((await (await dev.get(`/api/traces/${id}`)).json()).info.assessments as { name: string; value: unknown }[])
        .filter((a) => a.name === schema || a.name === "pairwise_preference")
        .map((a) => [a.name, a.value])
        .sort();
    expect(await labels(v2Trace)).toEqual(
      [
        ["pairwise_preference", "win"],
        [schema, "yes"],
      ].sort(),
    );
    expect(await labels(v1Trace)).toEqual(
      [
        ["pairwise_preference", "loss"],
        [schema, "no"],
      ].sort(),
    );
  }

  // Win rates and the answers per version on the session's page.
  await devPage.goto(`/experiments/${experimentId}/labeling/sessions/${sessionId}`);
  const card = devPage.getByTestId("pairwise-results");
  // bot v2: 3 wins and a tie of 4 (a tie is half a win) → 88%; bot v1 13%.
  const v2Row = card.locator('[data-testid="win-rate"][data-version="B"]');
  await expect(v2Row).toContainText("bot v2", { timeout: 30_000 });
  await expect(v2Row).toContainText("88%");
  await expect(card.locator('[data-testid="win-rate"][data-version="A"]')).toContainText("13%");
  const perVersion = card.getByTestId("pairwise-schema-answers").locator(`[data-schema="${schema}"]`);
  await expect(perVersion.locator('[data-version="A"]')).toContainText("no: 3");
  await expect(perVersion.locator('[data-version="A"]')).toContainText("yes: 1");
  await expect(perVersion.locator('[data-version="B"]')).toHaveText("yes: 4");
  await devContext.close();
});
