import { expect, request, test, type Locator, type Page } from "@playwright/test";
import { E2E, storageState } from "../support/env";
import { seedReviewSession } from "./review-seed";

/** Presses Tab until `target` has the focus (keyboard only; fails after `max` presses). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

let seed: Awaited<ReturnType<typeof seedReviewSession>>;
test.beforeAll(async () => {
  const admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
  seed = await seedReviewSession(admin, "keyboard");
  await admin.dispose();
});

test.describe("a developer, keyboard only", () => {
  test.use({ storageState: storageState("developer") });

  test("adds an assessment on a child span", async ({ page }) => {
    const traceId = seed.traceIds[0]!;
    await page.goto(`/experiments/${seed.experimentId}/traces?trace=${traceId}`);
    const drawer = page.getByRole("dialog", { name: "Trace" });
    await expect(drawer.getByTestId("span-detail")).toContainText("rag_pipeline");

    // Into the span tree, then down to the first child.
    await tabTo(page, drawer.getByRole("tree"));
    await page.keyboard.press("j");
    await expect(drawer.getByTestId("span-detail")).toContainText("retrieve_docs");

    await tabTo(page, drawer.getByRole("button", { name: "Add new assessment" }));
    await page.keyboard.press("Enter");
    const form = drawer.getByRole("form", { name: "Add assessment" });
    // The form takes the focus on its first field.
    await expect(form.getByLabel("Name")).toBeFocused();
    await page.keyboard.type("kb_helpful");
    await tabTo(page, form.getByLabel("Attach to"));
    await expect(form.getByLabel("Attach to")).toHaveValue(/.+/);
    await tabTo(page, form.getByLabel("Rationale"));
    await page.keyboard.type("Found the right page");
    await tabTo(page, form.getByRole("button", { name: "Add" }));
    await page.keyboard.press("Enter");

    const group = drawer.locator('[data-testid="assessment-group"][data-name="kb_helpful"]');
    await expect(group).toContainText("Span: retrieve_docs");
    await expect(group.getByTestId("assessment-rationale")).toHaveText("Found the right page");

    // Escape closes the drawer and gives the focus back to the page.
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(page).not.toHaveURL(/trace=/);

    const stored = await (await page.request.get(`/api/traces/${traceId}`)).json();
    const retrieve = stored.spans.find((s: { name: string }) => s.name === "retrieve_docs");
    expect(stored.info.assessments).toEqual([
      expect.objectContaining({ name: "kb_helpful", value: true, spanId: retrieve.spanId }),
    ]);
  });
});

test.describe("a reviewer, keyboard only", () => {
  test.use({ storageState: storageState("reviewer") });

  test("labels three items", async ({ page }) => {
    await page.goto("/review");
    await tabTo(page, page.getByRole("link", { name: /keyboard session/ }));
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("review-progress")).toContainText("0 of 3 labeled by you");

    const seen = new Set<string>();
    for (let i = 1; i <= 3; i++) {
      const traceId = (await page.getByTestId("review-trace-id").textContent())!;
      expect(seen.has(traceId)).toBe(false);
      seen.add(traceId);
      // Option keys pick an answer; Enter submits and opens the next item.
      await page.keyboard.press(i === 2 ? "2" : "1");
      await expect(page.getByRole("radio", { name: i === 2 ? /Bad/ : /Good/ })).toBeChecked();
      await page.keyboard.press("Enter");
      // The count moves at once (optimistic); the next item follows the server's answer.
      await expect(page.getByTestId("review-progress")).toContainText(`${i} of 3 labeled by you`);
      if (i < 3) await expect(page.getByTestId("review-trace-id")).not.toHaveText(traceId);
    }
    await expect(page.getByRole("heading", { name: "All done" })).toBeVisible();

    const admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
    const values = await Promise.all(
      seed.traceIds.map(async (id) => {
        const t = await (await admin.get(`/api/traces/${id}`)).json();
        return (t.info.assessments as { name: string; value: string }[]).find((a) => a.name === seed.schemaName)?.value;
      }),
    );
    await admin.dispose();
    expect(values.sort()).toEqual(["Bad", "Good", "Good"]);
  });
});
