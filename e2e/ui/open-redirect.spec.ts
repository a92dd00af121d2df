/**
 * Open redirect after sign-in: every `callbackUrl` that a browser would read as another host
 * (`/\host`, tab or newline variants, `//host`, `https:host`, absolute URLs) leaves the user on
 * this app. The "other host" is a real server on another port that records any visit.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";

test("sign-in with a hostile callbackUrl stays on the app; a same-origin one is followed", async ({ browser }) => {
  // Twelve real sign-ins through the form (each with its password KDF) on a shared machine.
  test.setTimeout(240_000);
  const visits: string[] = [];
  const evil = http.createServer((req, res) => {
    visits.push(req.url ?? "");
    res.end("evil");
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(evil.address() as AddressInfo).port}`;
  try {
    const variants = [
      `/\\${host}/`,
      `/\\/${host}/`,
      `/\t/${host}/`,
      `/\n/${host}/`,
      `\t//${host}/`,
      `//${host}/`,
      `///${host}/`,
      `https:${host}/`,
      `http:${host}/`,
      `http://${host}/`,
      ` //${host}/`,
    ];
    const signInWith = async (callbackUrl: string) => {
      const context = await browser.newContext({ baseURL: E2E.baseURL });
      const page = await context.newPage();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel("Email").fill(E2E.developer.email);
      await page.getByLabel("Password").fill(E2E.developer.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });
      await page.waitForLoadState("load");
      const url = page.url();
      await context.close();
      return url;
    };
    for (const v of variants) {
      const landed = await signInWith(v);
      expect(new URL(landed).origin, JSON.stringify(v)).toBe(E2E.baseURL);
    }
    expect(visits).toEqual([]);
    const ok = await signInWith("/settings?tab=keys");
    expect(ok).toBe(`${E2E.baseURL}/settings?tab=keys`);
  } finally {
    await new Promise((resolve) => evil.close(resolve));
  }
});
