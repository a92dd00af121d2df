/**
 * Content-Security-Policy: pages carry a per-request nonce and no 'unsafe-inline' for scripts;
 * the app still runs (sign-in, a data page) without a single CSP violation, and markup injected
 * into the page cannot run code.
 */
import { expect, test } from "@playwright/test";
import { E2E, storageState } from "../support/env";

const scriptSrc = (csp: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src"))!;

test("pages have a nonce-based script-src without unsafe-inline, fresh per request", async ({ request }) => {
  const a = (await request.get("/login")).headers()["content-security-policy"]!;
  const b = (await request.get("/login")).headers()["content-security-policy"]!;
  for (const csp of [a, b]) {
    expect(scriptSrc(csp)).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scriptSrc(csp)).not.toContain("unsafe-inline");
    expect(scriptSrc(csp)).not.toContain("unsafe-eval");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  }
  expect(scriptSrc(a)).not.toBe(scriptSrc(b));
  // API answers are data: nothing may load in them.
  expect((await request.get("/api/health")).headers()["content-security-policy"]).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );
});

test.describe("in the browser", () => {
  test("sign-in and the experiments page work with no CSP violation; injected markup cannot run code", async ({
    browser,
  }) => {
    const context = await browser.newContext({ baseURL: E2E.baseURL });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto("/login");
    const nonce = /'nonce-([^']+)'/.exec(res!.headers()["content-security-policy"]!)![1];
    // Next.js put the nonce on its own scripts.
    const nonces = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
    expect(nonces.length).toBeGreaterThan(0);
    expect(nonces.every((n) => n === nonce)).toBe(true);
    await page.getByLabel("Email").fill(E2E.developer.email);
    await page.getByLabel("Password").fill(E2E.developer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/experiments$/);
    await expect(page.getByRole("heading", { name: "Experiments" })).toBeVisible();
    expect(violations).toEqual([]);
    // Markup that slips into the page (as a stored XSS would) cannot run code: an inline event
    // handler is exactly what 'unsafe-inline' would allow.
    await page.evaluate(() => {
      const div = document.createElement("div");
      div.innerHTML = '<img src="/no-such-image.png" onerror="window.__injected = true">';
      document.body.append(div);
    });
    await expect.poll(() => violations.length).toBe(1);
    expect(violations[0]).toMatch(/script-src/);
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
    await context.close();
  });
});

test.describe("signed in", () => {
  test.use({ storageState: storageState("admin") });
  test("settings (client-rendered panels) load without CSP violations", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Allowed internal hosts" })).toBeVisible();
    await expect(page.getByLabel("Allowed internal hosts")).toHaveValue(/127\.0\.0\.1/);
    expect(violations).toEqual([]);
  });
});
