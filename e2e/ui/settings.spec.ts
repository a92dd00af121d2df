import { expect, test } from "@playwright/test";
import { E2E, storageState } from "../support/env";
import { signIn } from "../support/sign-in";

test.describe("settings as an admin", () => {
  test.use({ storageState: storageState("admin") });

  test("creates a user who can then sign in, changes their role, and makes an invitation link that works", async ({
    page,
    playwright,
  }) => {
    const email = `settings-${Date.now()}@e2e.test`;
    await page.goto("/settings");
    const users = page.locator("section", { has: page.getByRole("heading", { name: "Users" }) });
    await users.getByLabel("Email").fill(email);
    await users.getByLabel("Role", { exact: true }).selectOption("REVIEWER");
    await users.getByRole("button", { name: "Create user" }).click();
    const message = page.getByTestId("users-message");
    await expect(message).toContainText(`Created ${email}. Their password (shown once):`);
    const password = (await message.textContent())!.split(": ").at(-1)!.trim();
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);

    await users.getByLabel(`Role of ${email}`).selectOption("DEVELOPER");
    await expect(message).toHaveText(`${email} is now Developer`);
    const ctx = await playwright.request.newContext({ baseURL: E2E.baseURL });
    await signIn(ctx, email, password);
    expect((await ctx.get("/api/experiments")).status()).toBe(200);
    expect((await ctx.get("/api/users")).status()).toBe(403);
    await ctx.dispose();

    const invitee = `invitee-${Date.now()}@e2e.test`;
    await users.getByLabel("Email").fill(invitee);
    await users.getByRole("button", { name: "Create invitation link" }).click();
    await expect(message).toContainText(`Invitation link for ${invitee}:`);
    const link = (await message.textContent())!.match(/https?:\/\/\S+\/invite\/\S+/)![0];

    const guest = await page.context().browser()!.newContext({ baseURL: E2E.baseURL });
    const invitePage = await guest.newPage();
    await invitePage.goto(new URL(link).pathname);
    await expect(invitePage.getByText(`You are joining as ${invitee}`)).toBeVisible();
    await invitePage.getByLabel("Your name").fill("Invited Reviewer");
    await invitePage.getByLabel(/Choose a password/).fill("invited-password-1");
    await invitePage.getByRole("button", { name: "Create account" }).click();
    await expect(invitePage).toHaveURL(/\/login/);
    await invitePage.getByLabel("Email").fill(invitee);
    await invitePage.getByLabel("Password").fill("invited-password-1");
    await invitePage.getByRole("button", { name: "Sign in" }).click();
    await expect(invitePage.getByTestId("current-role")).toHaveText("Reviewer");
    await guest.close();
  });
});

test.describe("settings as a reviewer", () => {
  test.use({ storageState: storageState("reviewer") });

  test("creates an API key shown once, sees it listed by prefix, and revokes it", async ({ page, playwright }) => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
    await page.getByLabel("Key name").fill("notebook");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!.trim();
    expect(key).toMatch(/^tl_/);
    const row = page.locator("tr", { hasText: "notebook" }).first();
    await expect(row).toContainText(`${key.slice(0, 10)}…`);
    await expect(row).not.toContainText(key);

    const api = await playwright.request.newContext({
      baseURL: E2E.baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key}` },
    });
    expect((await api.get("/api/api-keys")).status()).toBe(200);
    await row.getByRole("button", { name: "Revoke" }).click();
    const confirm = page.getByRole("alertdialog", { name: 'Revoke the key "notebook"?' });
    // The confirmation takes focus, on its safe choice.
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await expect(row).toContainText("revoked");
    expect((await api.get("/api/api-keys")).status()).toBe(401);
    await api.dispose();
  });
});

test.describe("audit log in Settings", () => {
  test.use({ storageState: storageState("admin") });

  test("an admin filters the audit log by action and actor and sees a failed sign-in from its address", async ({
    page,
    playwright,
  }) => {
    const email = `audited-${Date.now()}@e2e.test`;
    const anon = await playwright.request.newContext({ baseURL: E2E.baseURL });
    const csrf = await (await anon.get("/api/auth/csrf")).json();
    await anon.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, email, password: "not-it-at-all-1", json: "true" },
      maxRedirects: 0,
    });
    await anon.dispose();

    await page.goto("/settings");
    const audit = page.getByRole("region", { name: "Audit log" });
    await audit.getByLabel("Action").selectOption("auth.sign_in_failed");
    await audit.getByLabel("Actor").fill(email);
    await audit.getByRole("button", { name: "Filter" }).click();
    const rows = audit.getByTestId("audit-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(email);
    await expect(rows.first()).toContainText("auth.sign_in_failed");
    await expect(rows.first()).toContainText("failure");
    await expect(rows.first()).toContainText("127.0.0.1");
  });
});
