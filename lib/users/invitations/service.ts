import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { hashPassword } from "@/lib/auth/password";
import type { TAcceptInvitationBody, TCreateInvitationBody } from "../schemas";
import { toUserDto, type UserDto } from "../service";

const INVITATION_DAYS = 7;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates an invitation link token (admins only); the token is returned once. */
export async function createInvitation(
  actor: Actor,
  body: TCreateInvitationBody,
): Promise<{ token: string; expiresAt: string }> {
  requireRole(actor, "ADMIN");
  if (await db().user.findUnique({ where: { email: body.email } })) {
    throw new ConflictError(`A user with email ${body.email} already exists`);
  }
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await db().invitation.create({
    data: {
      id: newId(),
      email: body.email,
      role: body.role,
      tokenHash: hash(token),
      createdById: actor.userId,
      expiresAt,
    },
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

/** Public: who an invitation is for, so the accept page can show it. */
export async function getInvitation(token: string): Promise<{ email: string; role: string } | null> {
  const inv = await db().invitation.findUnique({ where: { tokenHash: hash(token) } });
  if (!inv || inv.acceptedAt || inv.expiresAt < new Date()) return null;
  return { email: inv.email, role: inv.role };
}

/** Public: turns a valid invitation into a user with the chosen password, in one transaction. */
export async function acceptInvitation(body: TAcceptInvitationBody): Promise<UserDto> {
  const passwordHash = await hashPassword(body.password);
  return db().$transaction(async (tx) => {
    const inv = await tx.invitation.findUnique({ where: { tokenHash: hash(body.token) } });
    if (!inv || inv.acceptedAt || inv.expiresAt < new Date())
      throw new NotFoundError("This invitation is unknown, used or expired");
    if (await tx.user.findUnique({ where: { email: inv.email } }))
      throw new ConflictError(`A user with email ${inv.email} already exists`);
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date() } });
    const user = await tx.user.create({
      data: { id: newId(), email: inv.email, name: body.name, role: inv.role, passwordHash },
    });
    return toUserDto(user);
  });
}
