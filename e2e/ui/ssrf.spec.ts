/**
 * Server-side request forgery: an app endpoint on an internal address is refused when a run is
 * created (400 naming the field and the setting), the server never calls it; once an admin
 * allows the host in Settings → Allowed internal hosts, the same run calls it and completes.
 * The app here listens on 127.0.0.3 (global setup allows only 127.0.0.1 for the other specs).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, request, test } from "@playwright/test";
import { E2E, storageState } from "../support/env";

test.use({ storageState: storageState("admin") });

test("internal app URLs are refused in every notation until an admin allows the host in Settings", async ({ page }) => {
  let calls = 0;
  const app = http.createServer((req, res) => {
    calls++;
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ answer: "from the local app" }));
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.3", resolve));
  const port = (app.address() as AddressInfo).port;
  const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  const admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
  try {
    const exp = await (await dev.post("/api/experiments", { data: { name: `ssrf-${Date.now()}` } })).json();
    const ds = await dev.post(`/api/evaluation/experiments/${exp.id}/datasets`, {
      data: { name: "one", records: [{ inputs: { question: "q" } }] },
    });
    const datasetId = (await ds.json()).dataset.id;
    const run = (url: string, kind: "json_post" | "openai_chat" = "json_post") =>
      dev.post(`/api/evaluation/experiments/${exp.id}/runs`, {
        data: {
          datasetId: datasetId,
          scorers: [{ type: "no_error" }],
          outputSource:
            kind === "json_post" ? { kind, url, responsePath: "answer" } : { kind, baseUrl: url, model: "m" },
        },
      });

    const notations = [
      `http://127.0.0.3:${port}/answer`,
      `http://2130706435:${port}/answer`,
      `http://0x7f000003:${port}/answer`,
      `http://017700000003:${port}/answer`,
      `http://[::ffff:127.0.0.3]:${port}/answer`,
      // (localhost is 127.0.0.1 here, which global setup allows; the unit and data-layer tests refuse it.)
      `http://0.0.0.0:${port}/answer`,
      `http://[::1]:${port}/answer`,
    ];
    for (const url of notations) {
      const res = await run(url);
      expect(res.status(), url).toBe(400);
      const body = await res.json();
      expect(body.message, url).toMatch(/^body\.outputSource\.url: /);
      expect(body.message, url).toContain("Settings → Allowed internal hosts");
      const chat = await run(url.replace("/answer", "/v1"), "openai_chat");
      expect(chat.status(), url).toBe(400);
      expect((await chat.json()).message, url).toMatch(/^body\.outputSource\.baseUrl: /);
    }
    const judge = await admin.put("/api/evaluation/judge-settings", {
      data: { baseUrl: `http://127.0.0.3:${port}/v1`, model: "m" },
    });
    expect(judge.status()).toBe(400);
    expect((await judge.json()).message).toMatch(
      /^body\.baseUrl: '127\.0\.0\.3:\d+' is 127\.0\.0\.3 \(loopback\).* An admin can allow it in Settings → Allowed internal hosts \(add '127\.0\.0\.3'\)/,
    );
    expect(calls).toBe(0);

    // The admin allows the host in Settings (keeping what is there already).
    await page.goto("/settings");
    const box = page.getByLabel("Allowed internal hosts");
    await expect(box).toHaveValue(/127\.0\.0\.1/);
    await box.fill(`${await box.inputValue()}\n127.0.0.3`);
    await page.getByRole("button", { name: "Save allowed hosts" }).click();
    await expect(page.getByTestId("allowed-hosts-message")).toHaveText("Saved 2 allowed.");
    const bad = page.getByLabel("Allowed internal hosts");
    await bad.fill(`${await bad.inputValue()}\nnot a host`);
    await page.getByRole("button", { name: "Save allowed hosts" }).click();
    await expect(page.getByTestId("allowed-hosts-message")).toContainText("'not a host' is not a host name");
    expect((await (await admin.get("/api/security/allowed-hosts")).json()).hosts).toEqual(["127.0.0.1", "127.0.0.3"]);
    expect((await dev.get("/api/security/allowed-hosts")).status()).toBe(403);

    const ok = await run(`http://127.0.0.3:${port}/answer`);
    expect(ok.status(), await ok.text()).toBe(200);
    const runId = (await ok.json()).id;
    await expect
      .poll(async () => (await (await dev.get(`/api/evaluation/runs/${runId}`)).json()).status, { timeout: 30_000 })
      .toBe("COMPLETED");
    const rows = await (await dev.get(`/api/evaluation/runs/${runId}/rows`)).json();
    expect(rows.rows[0].outputs).toBe("from the local app");
    expect(calls).toBe(1);
    // The refusals and the allow-list change are in the audit log.
    const events = async (action: string) =>
      ((await (await admin.get(`/api/audit?action=${action}&pageSize=200`)).json()).events as unknown[]).length;
    expect(await events("request.url_refused")).toBeGreaterThanOrEqual(notations.length);
    expect(await events("allowed_hosts.changed")).toBeGreaterThanOrEqual(1);
  } finally {
    // Leave the list as global setup made it, for the other specs.
    await admin.put("/api/security/allowed-hosts", { data: { hosts: ["127.0.0.1"] } });
    await Promise.all([dev.dispose(), admin.dispose()]);
    await new Promise((resolve) => app.close(resolve));
  }
});
