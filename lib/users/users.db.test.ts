import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { ForbiddenError, ConflictError } from "@/lib/errors";
import { uniqueName } from "@/test/db";
import { authenticateApiKey, authenticateWithPassword, loadActor } from "@/lib/auth/credentials";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys/service";
import { acceptInvitation, createInvitation } from "./invitations/service";
import { createUser, updateUser } from "./service";

async function makeUser(role: "ADMIN" | "DEVELOPER" | "REVIEWER"): Promise<{ actor: Actor; password: string }> {
  const email = `${uniqueName(role.toLowerCase())}@test.local`;
  const { user } = await createUser(SYSTEM_ACTOR, { email, role, password: "a-long-password" });
  return { actor: (await loadActor(user.id, "session"))!, password: "a-long-password" };
}

describe("users", () => {
  it("creates users with hashed passwords and authenticates them", async () => {
    const { actor } = await makeUser("DEVELOPER");
    expect(await authenticateWithPassword(actor.email.toUpperCase(), "a-long-password")).toMatchObject({
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
    expect(await authenticateWithPassword(user.email, "a-long-password")).toBeNull();
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
    expect((await listApiKeys(actor))[0]!.lastUsedAt).not.toBeNull();

    await revokeApiKey(actor, apiKey.id);
    expect(await authenticateApiKey(key)).toBeNull();
    expect(await authenticateApiKey("tl_unknown")).toBeNull();
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
