import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { ForbiddenError, ConflictError } from "@/lib/errors";
import { uniqueName } from "@/test/db";
import { authenticateApiKey, authenticateWithPassword, endSessions, loadActor } from "@/lib/auth/credentials";
import { actorFromRequest } from "@/lib/auth/session";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys/service";
import { acceptInvitation, createInvitation } from "./invitations/service";
import { createUser, resetPassword, updateUser } from "./service";
import { unlockUser } from "./locks";
import { listAuditEvents } from "@/lib/audit/service";
import { ValidationError } from "@/lib/errors";

async function makeUser(role: "ADMIN" | "DEVELOPER" | "REVIEWER"): Promise<{ actor: Actor; password: string }> {
  const email = `${uniqueName(role.toLowerCase())}@test.local`;
  const { user } = await createUser(SYSTEM_ACTOR, { email, role, password: "a-long-password-42" });
  return { actor: (await loadActor(user.id, "session"))!, password: "a-long-password-42" };
}

describe("users", () => {
  it("creates users with hashed passwords and authenticates them", async () => {
    const { actor } = await makeUser("DEVELOPER");
    expect(await authenticateWithPassword(actor.email.toUpperCase(), "a-long-password-42")).toMatchObject({
      id: actor.userId,
      role: "DEVELOPER",
    });
    expect(await authenticateWithPassword(actor.email, "wrong-password")).toBeNull();
  });

  it("generates a password when none is given and refuses duplicate emails", async () => {
    const email = `${uniqueName("gen")}@test.local`;
    const { password } = await createUser(SYSTEM_ACTOR, { email, role: "REVIEWER" });
    expect(password).toHaveLength(20);
    expect(await authenticateWithPassword(email, password!)).not.toBeNull();
    await expect(createUser(SYSTEM_ACTOR, { email, role: "REVIEWER" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("lets only admins create users or change roles", async () => {
    const { actor: reviewer } = await makeUser("REVIEWER");
    const { actor: developer } = await makeUser("DEVELOPER");
    await expect(createUser(reviewer, { email: `${uniqueName("x")}@t.local`, role: "ADMIN" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(updateUser(developer, reviewer.userId, { role: "ADMIN" })).rejects.toBeInstanceOf(ForbiddenError);
    const { actor: admin } = await makeUser("ADMIN");
    expect((await updateUser(admin, reviewer.userId, { role: "DEVELOPER" })).role).toBe("DEVELOPER");
    expect((await loadActor(reviewer.userId, "session"))!.role).toBe("DEVELOPER");
  });

  it("disabling a user ends their sessions and keys at once", async () => {
    const { actor: admin } = await makeUser("ADMIN");
    const { actor: user } = await makeUser("DEVELOPER");
    const { key } = await createApiKey(user, "k");
    expect(await authenticateApiKey(key)).not.toBeNull();
    await updateUser(admin, user.userId, { disabled: true });
    expect(await loadActor(user.userId, "session")).toBeNull();
    expect(await authenticateApiKey(key)).toBeNull();
    expect(await authenticateWithPassword(user.email, "a-long-password-42")).toBeNull();
  });
});

describe("API keys", () => {
  it("stores only a hash, shows the key once, records last use and can be revoked", async () => {
    const { actor } = await makeUser("DEVELOPER");
    const { key, apiKey } = await createApiKey(actor, "ci");
    expect(key).toMatch(/^tl_[A-Za-z0-9_-]{32}$/);
    const { db } = await import("@/lib/db/client");
    const row = await db().apiKey.findUnique({ where: { id: apiKey.id } });
    expect(row!.keyHash).not.toContain(key.slice(3));
    expect(row!.lastUsedAt).toBeNull();

    const authed = await authenticateApiKey(key);
    expect(authed).toMatchObject({ userId: actor.userId, role: "DEVELOPER", via: "apiKey" });
    const firstUse = (await listApiKeys(actor))[0]!.lastUsedAt;
    expect(firstUse).not.toBeNull();
    // Within the minute a use is not written again (a read stays a read).
    await new Promise((r) => setTimeout(r, 20));
    expect(await authenticateApiKey(key)).not.toBeNull();
    expect((await listApiKeys(actor))[0]!.lastUsedAt).toBe(firstUse);

    await revokeApiKey(actor, apiKey.id);
    expect(await authenticateApiKey(key)).toBeNull();
    expect(await authenticateApiKey("tl_unknown")).toBeNull();
  });

  it("a request's key is remembered for a moment, but revoking, a new role or disabling apply at once", async () => {
    const { actor: admin } = await makeUser("ADMIN");
    const { actor: user } = await makeUser("DEVELOPER");
    const { key, apiKey } = await createApiKey(user, "remembered");
    const request = () => actorFromRequest(new Headers({ authorization: `Bearer ${key}` }));
    expect(await request()).toMatchObject({ userId: user.userId, role: "DEVELOPER" });
    // Remembered: a change made behind the services' back (another server) is not seen at once...
    const { db } = await import("@/lib/db/client");
    await db().user.update({ where: { id: user.userId }, data: { name: "renamed elsewhere" } });
    expect((await request())!.name).toBe(user.name);
    // ...while one made through them is.
    await updateUser(admin, user.userId, { role: "REVIEWER" });
    expect(await request()).toMatchObject({ role: "REVIEWER", name: "renamed elsewhere" });
    await revokeApiKey(user, apiKey.id);
    expect(await request()).toBeNull();

    const second = await createApiKey(admin, "second", user.userId);
    const request2 = () => actorFromRequest(new Headers({ authorization: `Bearer ${second.key}` }));
    expect(await request2()).not.toBeNull();
    await updateUser(admin, user.userId, { disabled: true });
    expect(await request2()).toBeNull();
  });

  it("does not let one user revoke another's key", async () => {
    const { actor: a } = await makeUser("DEVELOPER");
    const { actor: b } = await makeUser("DEVELOPER");
    const { apiKey } = await createApiKey(a, "mine");
    await expect(revokeApiKey(b, apiKey.id)).rejects.toThrow(/No API key/);
  });
});

describe("invitations", () => {
  it("turn into an account once, with the invited role", async () => {
    const { actor: admin } = await makeUser("ADMIN");
    const email = `${uniqueName("invitee")}@test.local`;
    const { token } = await createInvitation(admin, { email, role: "REVIEWER" });
    const user = await acceptInvitation({ token, name: "Invited Person", password: "invitee-password" });
    expect(user).toMatchObject({ email, role: "REVIEWER", name: "Invited Person" });
    await expect(acceptInvitation({ token, name: "Again", password: "invitee-password" })).rejects.toThrow(
      /unknown, used or expired/,
    );
  });
});

async function auditOf(admin: Actor, action: string, actor?: string) {
  return (await listAuditEvents(admin, { action, actor, page: 1, pageSize: 50 })).events;
}

describe("sign-in throttling (shared store, both databases)", () => {
  it("slows the 6th-10th wrong password, then refuses the right one until an admin unlocks", async () => {
    process.env.THROTTLE_DELAY_MS = "1";
    const { actor: admin } = await makeUser("ADMIN");
    const { actor: user, password } = await makeUser("REVIEWER");
    const addr = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const reasons: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const err = await signInWithPassword(user.email, "not-the-password-at-all", addr).catch((e: Error) => e);
      reasons.push((err as unknown as { reason: string }).reason);
    }
    expect(reasons).toEqual([...Array(5).fill("wrong"), ...Array(4).fill("slowed"), "locked"]);
    await expect(signInWithPassword(user.email, password, addr)).rejects.toThrow(/locked for \d+ more minutes/);
    expect((await listUsersLocked(admin, user.email))!).toBeTruthy();

    const failures = await auditOf(admin, "auth.sign_in_failed", user.email);
    expect(failures).toHaveLength(10);
    expect(failures[0]).toMatchObject({ outcome: "FAILURE", clientAddress: addr });
    expect(await auditOf(admin, "auth.locked", user.email)).toHaveLength(1);
    expect(await auditOf(admin, "auth.sign_in_refused_locked", user.email)).toHaveLength(1);

    expect(await unlockUser(admin, user.userId)).toEqual({ unlocked: true });
    expect(await signInWithPassword(user.email, password, addr)).toMatchObject({ id: user.userId });
    expect(await auditOf(admin, "auth.unlocked", admin.email)).toHaveLength(1);
  });
});

async function listUsersLocked(admin: Actor, email: string) {
  const { listUsers } = await import("./service");
  const { users } = await listUsers(admin, { page: 1, pageSize: 200 });
  return users.find((u) => u.email === email)?.lockedUntil;
}

describe("session versions", () => {
  it("a token from before sign-out, password reset, role change or disable is refused", async () => {
    const { actor: admin } = await makeUser("ADMIN");
    const { actor: user } = await makeUser("DEVELOPER");
    const v0 = (await authenticateWithPassword(user.email, "a-long-password-42"))!.sessionVersion;
    expect(await loadActor(user.userId, "session", { sessionVersion: v0 })).not.toBeNull();
    await endSessions(user.userId, v0);
    expect(await loadActor(user.userId, "session", { sessionVersion: v0 })).toBeNull();
    const v1 = v0 + 1;
    expect(await loadActor(user.userId, "session", { sessionVersion: v1 })).not.toBeNull();
    await resetPassword(admin, user.email, "another-long-password-7");
    expect(await loadActor(user.userId, "session", { sessionVersion: v1 })).toBeNull();
    await updateUser(admin, user.userId, { role: "REVIEWER" });
    expect(await loadActor(user.userId, "session", { sessionVersion: v1 + 1 })).toBeNull();
    expect(await loadActor(user.userId, "session", { sessionVersion: v1 + 2 })).not.toBeNull();
    expect(await auditOf(admin, "user.password_reset", admin.email)).toHaveLength(1);
    expect((await auditOf(admin, "user.role_changed", admin.email))[0]).toMatchObject({
      targetId: user.userId,
      details: { from: "DEVELOPER", to: "REVIEWER" },
    });
  });
});

describe("password strength", () => {
  it("refuses `password` and other guessable ones on every path that sets one", async () => {
    const { actor: admin } = await makeUser("ADMIN");
    const email = `${uniqueName("weak")}@test.local`;
    await expect(createUser(admin, { email, role: "REVIEWER", password: "password" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(resetPassword(admin, admin.email, "password")).rejects.toThrow(/too easy to guess/);
    const { token } = await createInvitation(admin, { email, role: "REVIEWER" });
    await expect(acceptInvitation({ token, name: "W", password: "qwertyuiop" })).rejects.toThrow(/too easy to guess/);
  });
});

describe("audit log", () => {
  it("records users, keys and invitations, filtered by action, actor, outcome and time (admins only)", async () => {
    const { actor: admin } = await makeUser("ADMIN");
    const { actor: dev } = await makeUser("DEVELOPER");
    const before = new Date(Date.now() - 1000).toISOString();
    const { apiKey } = await createApiKey(dev, "ci");
    await revokeApiKey(dev, apiKey.id);
    await updateUser(admin, dev.userId, { disabled: true });
    const email = `${uniqueName("inv")}@test.local`;
    const { token } = await createInvitation(admin, { email, role: "REVIEWER" });
    await acceptInvitation({ token: "x".repeat(32), name: "N", password: "invitee-password-9" }, "10.1.2.3").catch(
      () => null,
    );
    await acceptInvitation({ token, name: "N", password: "invitee-password-9" }, "10.1.2.3");

    expect((await auditOf(admin, "api_key.", dev.email)).map((e) => e.action)).toEqual([
      "api_key.revoked",
      "api_key.created",
    ]);
    expect((await auditOf(admin, "user.disabled", admin.email))[0]).toMatchObject({ targetId: dev.userId });
    expect((await auditOf(admin, "invitation.accepted", email))[0]).toMatchObject({ clientAddress: "10.1.2.3" });
    const rejected = await listAuditEvents(admin, {
      action: "invitation.rejected",
      outcome: "FAILURE",
      from: before,
      page: 1,
      pageSize: 50,
    });
    expect(rejected.events.some((e) => e.clientAddress === "10.1.2.3")).toBe(true);
    const future = await listAuditEvents(admin, {
      from: new Date(Date.now() + 60_000).toISOString(),
      page: 1,
      pageSize: 5,
    });
    expect(future.total).toBe(0);
    await expect(listAuditEvents(dev, { page: 1, pageSize: 5 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
