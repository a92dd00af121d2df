import "server-only";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { forgetRecentCredentials } from "@/lib/auth/recent";
import type { Role } from "@/lib/auth/roles";
import { assertStrongPassword } from "@/lib/auth/password-strength";
import { lockedAccounts } from "./locks";
import { recordAuditEvent } from "@/lib/audit/service";
import { pageWindow, type TPageQuery } from "@/lib/paging/schemas";
import type { TCreateUserBody, TUpdateUserBody } from "./schemas";
import type { UserDto } from "./types";
export type { UserDto } from "./types";

type UserRow = { id: string; email: string; name: string; role: string; disabledAt: Date | null; createdAt: Date };

export function toUserDto(u: UserRow): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** Creates a user (admins only). Returns the generated password once when none was given. */
export async function createUser(actor: Actor, body: TCreateUserBody): Promise<{ user: UserDto; password?: string }> {
  requireRole(actor, "ADMIN");
  const existing = await db().user.findUnique({ where: { email: body.email } });
  if (existing) throw new ConflictError(`A user with email ${body.email} already exists`);
  if (body.password !== undefined) assertStrongPassword(body.password, [body.email, body.name ?? ""]);
  const password = body.password ?? generatePassword();
  const user = await db().user.create({
    data: {
      id: newId(),
      email: body.email,
      name: body.name ?? body.email.split("@")[0]!,
      role: body.role,
      passwordHash: await hashPassword(password),
    },
  });
  await recordAuditEvent({
    actor,
    action: "user.created",
    target: { type: "user", id: user.id },
    details: { email: user.email, role: user.role },
  });
  return { user: toUserDto(user), password: body.password ? undefined : password };
}

/** Lists users, a page at a time (admins only). */
export async function listUsers(actor: Actor, page: TPageQuery): Promise<{ users: UserDto[]; total: number }> {
  requireRole(actor, "ADMIN");
  const [users, total] = await Promise.all([
    db().user.findMany({ orderBy: { createdAt: "asc" }, ...pageWindow(page) }),
    db().user.count(),
  ]);
  const locks = await lockedAccounts(users.map((u) => u.email));
  return { users: users.map((u) => ({ ...toUserDto(u), lockedUntil: locks.get(u.email) ?? null })), total };
}

/** Lists the users a session can be assigned to (developers and admins use it when building sessions). */
export async function listAssignableUsers(actor: Actor, query: string, take = 20): Promise<UserDto[]> {
  requireRole(actor, "DEVELOPER");
  const users = await db().user.findMany({
    where: { disabledAt: null, OR: [{ email: { contains: query } }, { name: { contains: query } }] },
    orderBy: { email: "asc" },
    take,
  });
  return users.map(toUserDto);
}

/** Changes a user's role, name or disabled state (admins only); the last active admin stays an admin. */
export async function updateUser(actor: Actor, userId: string, body: TUpdateUserBody): Promise<UserDto> {
  requireRole(actor, "ADMIN");
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError(`No user with id ${userId}`);
  const losesAdmin = user.role === "ADMIN" && ((body.role && body.role !== "ADMIN") || body.disabled === true);
  if (losesAdmin) {
    const admins = await db().user.count({ where: { role: "ADMIN", disabledAt: null } });
    if (admins <= 1)
      throw new ValidationError("This is the last active admin: make another user an admin first", { field: "role" });
  }
  const roleChanged = body.role !== undefined && body.role !== user.role;
  const disabledChanged = body.disabled !== undefined && body.disabled !== (user.disabledAt !== null);
  const updated = await db().$transaction(async (tx) => {
    const row = await tx.user.update({
      where: { id: userId },
      data: {
        role: body.role,
        name: body.name,
        disabledAt: body.disabled === undefined ? undefined : body.disabled ? new Date() : null,
        // A new role or a disabled account ends the user's sessions: they sign in again.
        ...(roleChanged || (disabledChanged && body.disabled) ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    const target = { type: "user", id: userId };
    if (roleChanged)
      await recordAuditEvent(
        { actor, action: "user.role_changed", target, details: { email: user.email, from: user.role, to: body.role } },
        tx,
      );
    if (disabledChanged)
      await recordAuditEvent(
        { actor, action: body.disabled ? "user.disabled" : "user.enabled", target, details: { email: user.email } },
        tx,
      );
    return row;
  });
  // A new role, name or disabled state applies to the user's next request (lib/auth/recent.ts).
  forgetRecentCredentials();
  return toUserDto(updated);
}

/** Sets a new password (admins for anyone; a user for themselves). Returns it when generated. */
export async function resetPassword(actor: Actor, email: string, password?: string): Promise<{ password?: string }> {
  const user = await db().user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user) throw new NotFoundError(`No user with email ${email}`);
  if (user.id !== actor.userId) requireRole(actor, "ADMIN");
  const next = password ?? generatePassword();
  if (password !== undefined) assertStrongPassword(password, [user.email, user.name]);
  const passwordHash = await hashPassword(next);
  await db().$transaction(async (tx) => {
    // A new password ends every session signed in with the old one.
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAuditEvent(
      { actor, action: "user.password_reset", target: { type: "user", id: user.id }, details: { email: user.email } },
      tx,
    );
  });
  forgetRecentCredentials();
  return { password: password ? undefined : next };
}

/** resetPassword by user id (the REST route). */
export async function resetPasswordById(
  actor: Actor,
  userId: string,
  password?: string,
): Promise<{ password?: string }> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user || (userId !== actor.userId && actor.role !== "ADMIN"))
    throw new NotFoundError(`No user with id ${userId}`);
  return resetPassword(actor, user.email, password);
}

export async function countUsers(): Promise<number> {
  return db().user.count();
}
