import "server-only";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { clearFailures, POLICIES } from "@/lib/auth/throttle";
import { recordAuditEvent } from "@/lib/audit/record";

/** Sign-in locks as admins see and lift them (the throttling itself is lib/auth/sign-in.ts). */
const ACCOUNT_PREFIX = "signInAccount:";

/** For the users list: which of these emails are locked now, and until when. */
export async function lockedAccounts(emails: string[]): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const { lockAfter } = POLICIES.signInAccount();
  const rows = await db().rateLimit.findMany({
    where: {
      key: { in: emails.map((e) => ACCOUNT_PREFIX + e) },
      points: { gte: lockAfter },
      expire: { gt: new Date() },
    },
  });
  return new Map(rows.map((r) => [r.key.slice(ACCOUNT_PREFIX.length), r.expire!.toISOString()]));
}

/** Lifts a sign-in lock (and forgets the failures) of a user's account (admins). */
export async function unlockUser(actor: Actor, userId: string): Promise<{ unlocked: boolean }> {
  requireRole(actor, "ADMIN");
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError(`No user with id ${userId}`);
  const unlocked = await clearFailures("signInAccount", user.email);
  await recordAuditEvent({
    actor,
    action: "auth.unlocked",
    target: { type: "user", id: user.id },
    details: { email: user.email, wasLocked: unlocked },
  });
  return { unlocked };
}

/** Lifts the lock of a client address (sign-in, invitations, API keys), for admins. */
export async function unlockAddress(actor: Actor, address: string): Promise<{ unlocked: boolean }> {
  requireRole(actor, "ADMIN");
  const results = await Promise.all(
    (["signInAddress", "invitationAddress", "apiKeyAddress"] as const).map((k) => clearFailures(k, address)),
  );
  const unlocked = results.some(Boolean);
  await recordAuditEvent({
    actor,
    action: "auth.unlocked",
    target: { type: "address", id: address },
    details: { wasLocked: unlocked },
  });
  return { unlocked };
}
