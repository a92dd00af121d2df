/**
 * Real error pages: unknown trace / experiment / session / dataset / run pages answer HTTP 404
 * with a page that says so and where to go; Developer and Admin pages opened by a Reviewer
 * answer 403 with a page that says why. The JSON API keeps its error bodies.
 */
import { expect, request, test } from "@playwright/test";
import { E2E, storageState } from "../support/env";

const MISSING_EXP = "999999999999";

test.describe("as a developer", () => {
  test.use({ storageState: storageState("developer") });

  test("unknown ids get a 404 page that says what happened and links onwards", async ({ page }) => {
    const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
    const exp = await (await dev.post("/api/experiments", { data: { name: `errors-${Date.now()}` } })).json();
    const paths = [
      `/experiments/${MISSING_EXP}/traces`,
      `/experiments/${MISSING_EXP}/evaluation`,
      `/experiments/${MISSING_EXP}/labeling`,
      `/experiments/${exp.id}/traces/tr-${"0".repeat(32)}`,
      `/experiments/${exp.id}/labeling/sessions/no-such-session`,
      `/experiments/${exp.id}/evaluation/datasets/no-such-dataset`,
      `/experiments/${exp.id}/evaluation/runs/no-such-run`,
      `/review/no-such-session`,
      `/no/such/page`,
    ];
    for (const path of paths) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "This page does not exist" }), path).toBeVisible();
      await expect(page.getByRole("link", { name: "Go to your start page" })).toBeVisible();
    }
    // Inside the app the navigation is still there, and the link leads somewhere real.
    await page.goto(`/experiments/${MISSING_EXP}/traces`);
    await page.getByRole("link", { name: "Go to your start page" }).click();
    await expect(page).toHaveURL(/\/experiments$/);

    // The API's JSON errors are unchanged.
    const api = await dev.get(`/api/traces/tr-${"0".repeat(32)}`);
    expect(api.status()).toBe(404);
    expect((await api.json()).error_code).toBe("RESOURCE_DOES_NOT_EXIST");
    await dev.dispose();
  });
});

test.describe("as a reviewer", () => {
  test.use({ storageState: storageState("reviewer") });

  test("developer and admin pages get a 403 page that says why; the reviewer's own pages work", async ({ page }) => {
    const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
    const exp = await (await dev.post("/api/experiments", { data: { name: `forbidden-${Date.now()}` } })).json();
    await dev.dispose();
    for (const path of [
      "/experiments",
      `/experiments/${exp.id}/evaluation`,
      `/experiments/${exp.id}/evaluation/new`,
      `/experiments/${exp.id}/labeling`,
      `/experiments/${exp.id}/labeling/schemas`,
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" }), path).toBeVisible();
      await expect(page.getByText("ask an admin to change your role")).toBeVisible();
    }
    await page.getByRole("link", { name: "Go to your review queue" }).click();
    await expect(page).toHaveURL(/\/review$/);
    expect((await page.goto("/settings"))?.status()).toBe(200);
    const api = await page.request.get("/api/users");
    expect(api.status()).toBe(403);
    expect((await api.json()).error_code).toBe("PERMISSION_DENIED");
  });
});
