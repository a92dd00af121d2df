/**
 * Issue 15 item 1, one public URL: the share link on the session page is built on the server's
 * public URL (here NEXTAUTH_URL, http://127.0.0.1:<port>), whatever host name the admin opened the
 * page on; an invited expert who opens it is asked to sign in and lands on the session.
 */
import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";
import { demoExperimentId, reviewSessionFor } from "../support/review-session";
import { signIn } from "../support/sign-in";

test("a link copied from the session page, opened by an invited expert on another host name, signs them in and lands on the session", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // The admin works on http://localhost:<port>: the same server under another host name.
  const otherHost = E2E.baseURL.replace("127.0.0.1", "localhost");
  const adminCtx = await browser.newContext({ baseURL: otherHost });
  await signIn(adminCtx.request, E2E.admin.email, E2E.admin.password);
  const admin = adminCtx.request;
  const experimentId = await demoExperimentId(admin);
  const { traces } = await (
    await admin.post("/api/traces/search", { data: { experimentIds: [experimentId], maxResults: 1 } })
  ).json();
  const expert = `expert-${Date.now()}@e2e.test`;
  const password = "granite-willow-signal-42";
  expect((await admin.post("/api/users", { data: { email: expert, role: "REVIEWER", password } })).ok()).toBe(true);
  const { id } = await reviewSessionFor(admin, {
    experimentId,
    traceIds: [traces[0].traceId],
    reviewers: [expert],
  });

  const page = await adminCtx.newPage();
  await page.goto(`/experiments/${experimentId}/labeling/sessions/${id}`);
  const shared = page.getByText(`/review/${id}`, { exact: false }).first();
  await expect(shared).toHaveText(`${E2E.baseURL}/review/${id}`);
  const link = (await shared.textContent())!.trim();
  // The session's API answer carries the same absolute link (the Python client's session.url).
  expect((await (await admin.get(`/api/labeling/sessions/${id}`)).json()).reviewUrl).toBe(link);

  // The expert, signed out, in their own browser: the link asks them to sign in, then opens the session.
  const expertCtx = await browser.newContext();
  const expertPage = await expertCtx.newPage();
  await expertPage.goto(link);
  await expect(expertPage).toHaveURL(/\/login/);
  await expertPage.getByLabel("Email").fill(expert);
  await expertPage.getByLabel("Password").fill(password);
  await expertPage.getByRole("button", { name: "Sign in" }).click();
  await expect(expertPage).toHaveURL(new RegExp(`/review/${id}`));
  await expect(expertPage.getByTestId("review-form")).toBeVisible();
  await Promise.all([adminCtx.close(), expertCtx.close()]);
});
