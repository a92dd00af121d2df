/**
 * Runs once the server is up: creates a developer and a reviewer through the admin API, and
 * signs each role in once, saving the session cookies for the specs (`storageState`).
 */
import fs from "node:fs";
import { request, type APIRequestContext } from "@playwright/test";
import { E2E, storageState, type E2ERole } from "./env";
import { signIn } from "./sign-in";

async function ensureUser(admin: APIRequestContext, email: string, password: string, role: string) {
  const res = await admin.post("/api/users", { data: { email, password, role } });
  if (!res.ok() && res.status() !== 409)
    throw new Error(`creating ${email} failed: ${res.status()} ${await res.text()}`);
}

export default async function globalSetup() {
  fs.mkdirSync(E2E.authDir, { recursive: true });
  const admin = await request.newContext({ baseURL: E2E.baseURL });
  await signIn(admin, E2E.admin.email, E2E.admin.password);
  await admin.storageState({ path: storageState("admin") });
  await ensureUser(admin, E2E.developer.email, E2E.developer.password, "DEVELOPER");
  await ensureUser(admin, E2E.reviewer.email, E2E.reviewer.password, "REVIEWER");
  // The specs' fake judge and app servers listen on 127.0.0.1, which the server-side request
  // guard refuses unless an admin allows it: allowed here through the real setting.
  const allowed = await admin.put("/api/security/allowed-hosts", { data: { hosts: ["127.0.0.1"] } });
  if (!allowed.ok()) throw new Error(`allowing 127.0.0.1 failed: ${allowed.status()} ${await allowed.text()}`);
  await admin.dispose();
  for (const role of ["developer", "reviewer"] as E2ERole[]) {
    const ctx = await request.newContext({ baseURL: E2E.baseURL });
    await signIn(ctx, E2E[role].email, E2E[role].password);
    await ctx.storageState({ path: storageState(role) });
    await ctx.dispose();
  }
}
