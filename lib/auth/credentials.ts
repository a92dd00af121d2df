import "server-only";
/**
 * Who a request is: the lookups behind sign-in (email and password), sessions (user id) and API
 * keys. They live here, below lib/users, so that auth never imports a feature service; the
 * user and API-key services build on the key format defined here.
 */
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { driverReads, stamp } from "@/lib/db/driver";
import type { Actor } from "./actor";
import { verifyPassword } from "./password";
import { forgetRecentCredentials } from "./recent";
import type { Role } from "./roles";

export const API_KEY_PREFIX = "tl_";
// Writing last-used on every request would turn each read into a write; a minute is precise enough.
const LAST_USED_RESOLUTION_MS = 60_000;
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** Only the SHA-256 of a key is stored. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Goes into the session token; see loadActor. */
  sessionVersion: number;
}

/** Checks an email and password; null when they do not match an active user. */
export async function authenticateWithPassword(email: string, password: string): Promise<SignedInUser | null> {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.disabledAt) {
    // Spend the same time as a real check so response times do not reveal which emails exist.
    await verifyPassword(password, DUMMY_HASH);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    sessionVersion: user.sessionVersion,
  };
}

/**
 * The actor for a user id from a session, re-read so role changes and disabling apply at once.
 * With `sessionVersion` (from the session token) a token issued before the last sign-out,
 * password reset, role change or disable is refused.
 */
export async function loadActor(
  userId: string,
  via: Actor["via"],
  opts: { sessionVersion?: number; clientAddress?: string } = {},
): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt) return null;
  if (opts.sessionVersion !== undefined && opts.sessionVersion !== user.sessionVersion) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    via,
    ...(opts.clientAddress ? { clientAddress: opts.clientAddress } : {}),
  };
}

/** Ends every session of a user (sign-out): tokens carrying `sessionVersion` no longer match. */
export async function endSessions(userId: string, sessionVersion?: number): Promise<void> {
  // Only the version the signing-out token carries is bumped, so a stale sign-out is a no-op.
  await db().user.updateMany({
    where: { id: userId, ...(sessionVersion !== undefined ? { sessionVersion } : {}) },
    data: { sessionVersion: { increment: 1 } },
  });
  forgetRecentCredentials();
}

/**
 * The actor a presented key stands for, or null for an unknown, revoked or disabled one. One
 * statement through the driver (lib/db/driver.ts): every API client's key is looked up again each
 * RECENT_MS (./recent.ts), 40 reviewers' keys about every other Submit, and Prisma's runtime cost
 * more than the lookup (docs/benchmarks.md, review queue).
 */
export async function authenticateApiKey(key: string): Promise<Actor | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const now = new Date();
  const [[row]] = await driverReads(({ p, ts }) => [
    {
      name: "api_key_actor",
      text: `SELECT k."id", k."revokedAt", u."id" AS "userId", u."email", u."name", u."role", u."disabledAt",
          (k."lastUsedAt" IS NULL OR k."lastUsedAt" < ${ts(1)}) AS "lastUseStale"
        FROM "ApiKey" k JOIN "User" u ON u."id" = k."userId"
        WHERE k."keyHash" = ${p(2)}`,
      values: [stamp(new Date(now.getTime() - LAST_USED_RESOLUTION_MS)), hashApiKey(key)],
    },
  ]);
  if (!row || row.revokedAt != null || row.disabledAt != null) return null;
  const id = String(row.id);
  // PostgreSQL answers the comparison as a boolean, SQLite as 0 or 1 (a bigint with safe integers).
  if (Number(row.lastUseStale) === 1) await db().apiKey.update({ where: { id }, data: { lastUsedAt: now } });
  return {
    userId: String(row.userId),
    email: String(row.email),
    name: String(row.name),
    role: row.role as Role,
    via: "apiKey",
    apiKeyId: id,
  };
}
