import { expect, request, test } from "@playwright/test";
import { E2E, storageState } from "../support/env";

test.describe("access control on the API", () => {
  test("an unauthenticated request to a non-public route gets 401 with a JSON error", async ({ playwright }) => {
    const anon = await playwright.request.newContext({ baseURL: E2E.baseURL });
    for (const path of ["/api/users", "/api/experiments", "/api/api-keys"]) {
      const res = await anon.get(path);
      expect(res.status(), path).toBe(401);
      expect((await res.json()).error_code).toBe("UNAUTHENTICATED");
    }
    expect((await anon.get("/api/health")).status()).toBe(200);
    await anon.dispose();
  });

  test("a reviewer's session is refused (403) by an admin-only route, an admin's is not", async () => {
    const reviewer = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("reviewer") });
    const refused = await reviewer.get("/api/users");
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error_code).toBe("PERMISSION_DENIED");
    const create = await reviewer.post("/api/users", { data: { email: "sneaky@e2e.test", role: "ADMIN" } });
    expect(create.status()).toBe(403);
    await reviewer.dispose();

    const admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
    const ok = await admin.get("/api/users");
    expect(ok.status()).toBe(200);
    const emails = (await ok.json()).users.map((u: { email: string }) => u.email);
    expect(emails).toContain(E2E.reviewer.email);
    expect(emails).not.toContain("sneaky@e2e.test");
    await admin.dispose();
  });

  test("a developer may create experiments but not users", async () => {
    const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
    expect((await dev.post("/api/users", { data: { email: "x@e2e.test", role: "REVIEWER" } })).status()).toBe(403);
    const created = await dev.post("/api/experiments", { data: { name: `dev-exp-${Date.now()}` } });
    expect(created.status()).toBe(200);
    expect((await created.json()).id).toMatch(/^\d+$/);
    await dev.dispose();
  });

  test("API keys work as Bearer and as HTTP Basic password, and stop working when revoked", async ({ playwright }) => {
    const dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
    const { key, apiKey } = await (await dev.post("/api/api-keys", { data: { name: "e2e key" } })).json();
    expect(key).toMatch(/^tl_/);

    const bearer = await playwright.request.newContext({
      baseURL: E2E.baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key}` },
    });
    expect((await bearer.get("/api/experiments")).status()).toBe(200);
    // The key carries its owner's role: a developer's key cannot reach admin routes either.
    expect((await bearer.get("/api/users")).status()).toBe(403);

    const basic = await playwright.request.newContext({
      baseURL: E2E.baseURL,
      extraHTTPHeaders: { authorization: `Basic ${Buffer.from(`anyone:${key}`).toString("base64")}` },
    });
    expect((await basic.get("/api/experiments")).status()).toBe(200);

    const listed = (await (await dev.get("/api/api-keys")).json()).apiKeys.find(
      (k: { id: string }) => k.id === apiKey.id,
    );
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(key);

    expect((await dev.delete(`/api/api-keys/${apiKey.id}`)).status()).toBe(200);
    expect((await bearer.get("/api/experiments")).status()).toBe(401);
    const wrong = await playwright.request.newContext({
      baseURL: E2E.baseURL,
      extraHTTPHeaders: { authorization: "Bearer tl_not-a-real-key" },
    });
    expect((await wrong.get("/api/experiments")).status()).toBe(401);
    await Promise.all([dev.dispose(), bearer.dispose(), basic.dispose(), wrong.dispose()]);
  });

  test("bad input gets a 400 naming the field, oversized bodies a 413", async () => {
    const admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
    const bad = await admin.post("/api/users", { data: { email: "not-an-email", role: "KING" } });
    expect(bad.status()).toBe(400);
    const body = await bad.json();
    expect(body.error_code).toBe("INVALID_PARAMETER_VALUE");
    const paths = body.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["body.email", "body.role"]));

    const invalidJson = await admin.post("/api/experiments", {
      headers: { "content-type": "application/json" },
      data: Buffer.from("{nope"),
    });
    expect(invalidJson.status()).toBe(400);
    expect((await invalidJson.json()).message).toMatch(/not valid JSON/);

    const huge = await admin.post("/api/experiments", {
      headers: { "content-type": "application/json" },
      data: JSON.stringify({ name: "x".repeat(11 * 1024 * 1024) }),
    });
    expect(huge.status()).toBe(413);
    await admin.dispose();
  });
});
