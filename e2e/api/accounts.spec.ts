/**
 * Issue 9, accounts half: sign-in throttling and lockout, session revocation with real cookies,
 * password strength, and the audit log recording each attempt.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { E2E, storageState } from "../support/env";
import { signIn } from "../support/sign-in";

const PASSWORD = "orchid-tunnel-lantern-58";

/** Posts the login form as the browser does; returns next-auth's error text, or null when signed in. */
async function trySignIn(ctx: APIRequestContext, email: string, password: string): Promise<string | null> {
  const csrf = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  const location = res.headers()["location"] ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
  const error = new URL(location, E2E.baseURL).searchParams.get("error");
  return error;
}

async function newUser(admin: APIRequestContext, prefix: string, role = "DEVELOPER") {
  const email = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;
  const res = await admin.post("/api/users", { data: { email, role, password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return { email, id: (await res.json()).user.id as string };
}

async function audit(admin: APIRequestContext, query: Record<string, string>) {
  const res = await admin.get(`/api/audit?${new URLSearchParams({ pageSize: "200", ...query })}`);
  expect(res.status()).toBe(200);
  return (await res.json()).events as { action: string; outcome: string; clientAddress: string | null }[];
}

test.describe("accounts and sessions", () => {
  let admin: APIRequestContext;
  test.beforeAll(async () => {
    admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
  });
  test.afterAll(async () => admin.dispose());

  test("the 6th-10th wrong password is throttled, then the right one is refused until an admin unlocks", async () => {
    test.setTimeout(120_000);
    const { email, id } = await newUser(admin, "throttled");
    const anon = await request.newContext({ baseURL: E2E.baseURL });
    const errors: string[] = [];
    const times: number[] = [];
    for (let i = 1; i <= 10; i++) {
      const t0 = Date.now();
      errors.push((await trySignIn(anon, email, `wrong-guess-${i}-xyz`))!);
      times.push(Date.now() - t0);
    }
    for (const e of errors.slice(0, 5)) expect(e).toBe("Wrong email or password.");
    for (const e of errors.slice(5, 9)) expect(e).toMatch(/Too many failed attempts: sign-in is slowed down/);
    expect(errors[9]).toMatch(/this account is locked for \d+ more minutes/);
    // Slowed means slower: the 9th answer waits well beyond the first ones.
    expect(times[8]!).toBeGreaterThan(Math.min(...times.slice(0, 5)) + 1000);

    expect(await trySignIn(anon, email, PASSWORD)).toMatch(/locked .*An admin can unlock it in Settings → Users/);
    const listed = (await (await admin.get("/api/users?pageSize=200")).json()).users.find(
      (u: { email: string }) => u.email === email,
    );
    expect(listed.lockedUntil).toBeTruthy();

    expect((await admin.post(`/api/users/${id}/unlock`, { data: {} })).status()).toBe(200);
    expect(await trySignIn(anon, email, PASSWORD)).toBeNull();
    expect((await (await anon.get("/api/auth/session")).json()).user.email).toBe(email);
    await anon.dispose();

    const events = await audit(admin, { actor: email });
    const count = (a: string) => events.filter((e) => e.action === a).length;
    expect(count("auth.sign_in_failed")).toBe(10);
    expect(count("auth.locked")).toBe(1);
    expect(count("auth.sign_in_refused_locked")).toBe(1);
    expect(count("auth.signed_in")).toBe(1);
    expect(events.find((e) => e.action === "auth.sign_in_failed")!.clientAddress).toBe("127.0.0.1");
    expect((await audit(admin, { action: "auth.unlocked" })).length).toBeGreaterThanOrEqual(1);
  });

  test("X-Forwarded-For is not trusted by default: the audit shows the socket address", async () => {
    const spoof = await request.newContext({
      baseURL: E2E.baseURL,
      extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" },
    });
    const email = `nobody-${Date.now()}@e2e.test`;
    await trySignIn(spoof, email, "whatever-it-is-123");
    await spoof.dispose();
    const [event] = await audit(admin, { actor: email, action: "auth.sign_in_failed" });
    expect(event!.clientAddress).toBe("127.0.0.1");
  });

  test("an old session cookie is refused after sign-out", async () => {
    const { email } = await newUser(admin, "signout");
    const browser = await request.newContext({ baseURL: E2E.baseURL });
    await signIn(browser, email, PASSWORD);
    // A copy of the cookie, as an attacker who saw it would keep it.
    const stolen = await request.newContext({ baseURL: E2E.baseURL, storageState: await browser.storageState() });
    expect((await stolen.get("/api/experiments")).status()).toBe(200);

    const csrf = await (await browser.get("/api/auth/csrf")).json();
    await browser.post("/api/auth/signout", { form: { csrfToken: csrf.csrfToken, json: "true" }, maxRedirects: 0 });
    const res = await stolen.get("/api/experiments");
    expect(res.status()).toBe(401);
    expect((await (await stolen.get("/api/auth/session")).json())?.user?.email ?? null).not.toBe("x");
    await Promise.all([browser.dispose(), stolen.dispose()]);
    expect((await audit(admin, { action: "auth.signed_out" })).length).toBeGreaterThanOrEqual(1);
  });

  test("an old session cookie is refused after a password reset, and a weak password is refused", async () => {
    const { email, id } = await newUser(admin, "reset");
    const user = await request.newContext({ baseURL: E2E.baseURL });
    await signIn(user, email, PASSWORD);
    expect((await user.get("/api/experiments")).status()).toBe(200);

    const weak = await admin.post(`/api/users/${id}/password`, { data: { password: "password" } });
    expect(weak.status()).toBe(400);
    expect((await weak.json()).message).toMatch(/too easy to guess/);
    expect((await user.get("/api/experiments")).status()).toBe(200);

    const reset = await admin.post(`/api/users/${id}/password`, { data: { password: "quiet-meadow-copper-71" } });
    expect(reset.status()).toBe(200);
    expect((await user.get("/api/experiments")).status()).toBe(401);
    await signIn(user, email, "quiet-meadow-copper-71");
    expect((await user.get("/api/experiments")).status()).toBe(200);
    await user.dispose();
    expect((await audit(admin, { action: "user.password_reset" })).length).toBeGreaterThanOrEqual(1);
  });

  test("user creation refuses `password`; invitation tokens are checked first and audited", async () => {
    const weak = await admin.post("/api/users", {
      data: { email: `weak-${Date.now()}@e2e.test`, role: "REVIEWER", password: "password" },
    });
    expect(weak.status()).toBe(400);
    expect((await weak.json()).message).toMatch(/password: This password is too easy to guess/);

    const anon = await request.newContext({ baseURL: E2E.baseURL });
    const bogus = await anon.post("/api/invitations/accept", {
      data: { token: "bogus-token-0123456789", name: "Mallory", password: "password" },
    });
    // The token is checked before anything else: unknown token, not a password complaint.
    expect(bogus.status()).toBe(404);
    await anon.dispose();
    const rejected = await audit(admin, { action: "invitation.rejected", outcome: "FAILURE" });
    expect(rejected.length).toBeGreaterThanOrEqual(1);
  });

  test("unknown API keys are audited per client address", async () => {
    const wrong = await request.newContext({
      baseURL: E2E.baseURL,
      extraHTTPHeaders: { authorization: "Bearer tl_definitely-not-a-key-e2e" },
    });
    expect((await wrong.get("/api/experiments")).status()).toBe(401);
    await wrong.dispose();
    const events = await audit(admin, { action: "auth.api_key_rejected" });
    expect(events[0]).toMatchObject({ outcome: "FAILURE", clientAddress: "127.0.0.1" });
  });

  test("the server's data folder, database and secret are owner-only", async () => {
    const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);
    expect(mode(E2E.dataDir)).toBe("700");
    expect(mode(path.join(E2E.dataDir, "tracelight.db"))).toBe("600");
    expect(mode(path.join(E2E.dataDir, "auth-secret"))).toBe("600");
  });
});
