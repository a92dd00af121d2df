import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { hashPassword } from "@/lib/auth/password";
import { assertStrongPassword } from "@/lib/auth/password-strength";
import { formatUntil, lockState, recordFailure, sleep } from "@/lib/auth/throttle";
import { TooManyRequestsError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/service";
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
  const id = newId();
  await db().invitation.create({
    data: {
      id,
      email: body.email,
      role: body.role,
      tokenHash: hash(token),
      createdById: actor.userId,
      expiresAt,
    },
  });
  await recordAuditEvent({
    actor,
    action: "invitation.created",
    target: { type: "invitation", id },
    details: { email: body.email, role: body.role },
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

/** Public: who an invitation is for, so the accept page can show it. */
export async function getInvitation(token: string): Promise<{ email: string; role: string } | null> {
  const inv = await db().invitation.findUnique({ where: { tokenHash: hash(token) } });
  if (!inv || inv.acceptedAt || inv.expiresAt < new Date()) return null;
  return { email: inv.email, role: inv.role };
}

/**
 * Public: turns a valid invitation into a user with the chosen password, in one transaction.
 * The token is checked before the (deliberately slow) password KDF runs, so bogus requests cost
 * nothing; wrong tokens count against the client address, which is slowed and then locked.
 */
export async function acceptInvitation(body: TAcceptInvitationBody, clientAddress = "unknown"): Promise<UserDto> {
  const lock = await lockState("invitationAddress", clientAddress);
  if (lock.locked)
    throw new TooManyRequestsError(
      `Too many invalid invitation links from your address: try again ${formatUntil(lock.until).replace(/^for /, "in ")}`,
    );
  const inv = await db().invitation.findUnique({ where: { tokenHash: hash(body.token) } });
  if (!inv || inv.acceptedAt || inv.expiresAt < new Date()) {
    const r = await recordFailure("invitationAddress", clientAddress);
    console.warn(`tracelight: invalid invitation token from ${clientAddress} (${r.failures} failures)`);
    await recordAuditEvent({
      clientAddress,
      action: "invitation.rejected",
      outcome: "FAILURE",
      details: { failures: r.failures, reason: !inv ? "unknown" : inv.acceptedAt ? "used" : "expired" },
    });
    if (r.justLocked)
      await recordAuditEvent({
        clientAddress,
        action: "auth.locked",
        outcome: "DENIED",
        target: { type: "address", id: clientAddress },
        details: { kind: "invitation", failures: r.failures, until: r.until?.toISOString() },
      });
    if (r.delayMs) await sleep(r.delayMs);
    throw new NotFoundError("This invitation is unknown, used or expired");
  }
  assertStrongPassword(body.password, [inv.email, body.name]);
  const passwordHash = await hashPassword(body.password);
  return db().$transaction(async (tx) => {
    // Re-read inside the transaction: two accepts of one link race to the same row.
    const claimed = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count === 0) throw new NotFoundError("This invitation is unknown, used or expired");
    if (await tx.user.findUnique({ where: { email: inv.email } }))
      throw new ConflictError(`A user with email ${inv.email} already exists`);
    const user = await tx.user.create({
      data: { id: newId(), email: inv.email, name: body.name, role: inv.role, passwordHash },
    });
    await recordAuditEvent(
      {
        actor: {
          userId: user.id,
          email: user.email,
          name: user.name,
          role: inv.role as UserDto["role"],
          via: "session",
        },
        clientAddress,
        action: "invitation.accepted",
        target: { type: "invitation", id: inv.id },
        details: { role: inv.role, invitedBy: inv.createdById },
      },
      tx,
    );
    return toUserDto(user);
  });
}
