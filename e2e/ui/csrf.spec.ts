/**
 * Cross-site request forgery with a real second origin: a page served from another port of
 * 127.0.0.1 (same *site* as the app, so the admin's SameSite=Lax cookie travels) auto-submits a
 * `text/plain` form whose text is a JSON body, and fires a `no-cors` fetch, at /api/users while an
 * admin is signed in in the same browser. Nothing is created; the same change made from the
 * app's own pages works.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { E2E, storageState } from "../support/env";

function attackerPage(formEmail: string, fetchEmail: string): string {
  const target = `${E2E.baseURL}/api/users`;
  const json = (email: string) => JSON.stringify({ email, role: "ADMIN" });
  // The classic trick: a text/plain form sends "name=value"; with name = '{..., "pad":"' and
  // value = '"}' the text is the JSON object {..., "pad":"="}.
  const formJson = json(formEmail).slice(0, -1) + ',"pad":"';
  return `<!doctype html><html><body>
<form id="f" method="POST" action="${target}" enctype="text/plain">
  <input type="hidden" name='${formJson}' value='"}'>
</form>
<script>
  fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", credentials: "include",
    headers: { "content-type": "text/plain" }, body: ${JSON.stringify(json(fetchEmail))} })
    .finally(() => { document.title = "fetched"; document.getElementById("f").submit(); });
</script></body></html>`;
}

test.describe("cross-site requests", () => {
  test.use({ storageState: storageState("admin") });

  test("a text/plain form post and a no-cors fetch from another port create nothing; the app's own page can", async ({
    page,
    playwright,
  }) => {
    const stamp = Date.now();
    const formEmail = `csrf-form-${stamp}@e2e.test`;
    const fetchEmail = `csrf-fetch-${stamp}@e2e.test`;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(attackerPage(formEmail, fetchEmail));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const evil = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const posts: { status: number; body: string }[] = [];
      page.on("response", async (r) => {
        if (r.url() === `${E2E.baseURL}/api/users` && r.request().method() === "POST")
          posts.push({ status: r.status(), body: await r.text().catch(() => "") });
      });
      const formAnswer = page.waitForResponse(
        (r) => r.url() === `${E2E.baseURL}/api/users` && r.request().resourceType() === "document",
      );
      await page.goto(`${evil}/`);
      const answer = await formAnswer;
      // The forged form arrived with the session cookie and was refused for its origin.
      expect((await answer.request().allHeaders())["cookie"]).toContain("next-auth.session-token");
      expect(answer.status()).toBe(403);
      const refusal = await answer.json();
      expect(refusal.error_code).toBe("CROSS_SITE_REQUEST_REFUSED");
      expect(refusal.message).toContain("only from this app's own");
      await expect.poll(() => posts.length).toBeGreaterThanOrEqual(2);
      expect(posts.every((p) => p.status === 403)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    const admin = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
    const listed = await (await admin.get("/api/users?pageSize=200")).json();
    const emails = (listed.users as { email: string }[]).map((u) => u.email);
    expect(emails).not.toContain(formEmail);
    expect(emails).not.toContain(fetchEmail);

    // The same change from the app's own origin (Origin and Sec-Fetch-Site: same-origin) works.
    await page.goto("/settings");
    const ownEmail = `csrf-own-${stamp}@e2e.test`;
    const own = await page.evaluate(async (email) => {
      const r = await fetch("/api/users", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, role: "REVIEWER" }),
      });
      return r.status;
    }, ownEmail);
    expect(own).toBe(200);
    // Even same-origin, a cookie request with a non-JSON body is refused (415), so a form can never pass.
    const plain = await page.evaluate(async () => {
      const r = await fetch("/api/users", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ email: "plain@e2e.test", role: "ADMIN" }),
      });
      return { status: r.status, body: await r.json() };
    });
    expect(plain.status).toBe(415);
    expect(plain.body.error_code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const after = (await (await admin.get("/api/users?pageSize=200")).json()).users as { email: string }[];
    expect(after.map((u) => u.email)).toContain(ownEmail);
    expect(after.map((u) => u.email)).not.toContain("plain@e2e.test");
    // Each refused attempt is in the audit log, with where it came from.
    const refused = (
      await (await admin.get("/api/audit?action=request.cross_site_refused&outcome=DENIED&pageSize=200")).json()
    ).events as { action: string; clientAddress: string | null }[];
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused[0]!.clientAddress).toBe("127.0.0.1");
    await admin.dispose();
  });
});
