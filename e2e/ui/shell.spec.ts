import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";

test("the admin signs in through the form and sees the shell and the demo experiment", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill(E2E.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/experiments$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Traces", "Labeling", "Review", "Evaluation", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(page.getByTestId("current-user")).toContainText("Admin");
  await expect(page.getByTestId("current-role")).toHaveText("Admin");
  await expect(page.getByLabel("Experiment", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: /Demo: Acme support assistant/ }).click();
  await expect(page).toHaveURL(/\/experiments\/\d+\/traces/);
  await expect(page.getByTestId("trace-row").first()).toBeVisible();
  expect(await page.getByTestId("trace-row").count()).toBeGreaterThanOrEqual(10);
  await expect(page.getByText("How do I rotate the access keys").first()).toBeVisible();
});

test("wrong credentials are refused with a message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill("definitely-wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("the login form asks for missing fields before sending anything", async ({ page }) => {
  await page.goto("/login");
  let sent = 0;
  page.on("request", (r) => {
    if (r.url().includes("/api/auth/callback/credentials")) sent++;
  });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email.")).toHaveCount(0);
  await expect(page.getByLabel("Password")).toBeFocused();
  expect(sent).toBe(0);
});

test("a signed-out visitor of a shared link comes back to it after signing in", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings/);
  await page.getByLabel("Email").fill(E2E.reviewer.email);
  await page.getByLabel("Password").fill(E2E.reviewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByTestId("current-role")).toHaveText("Reviewer");
  // Reviewers see only what they may use.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Review" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Traces" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
});
