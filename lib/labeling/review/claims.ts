import "server-only";
import { db, dbProvider, Prisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { DbOrTx } from "@/lib/assessments/internal";

/**
 * The queue's concurrency rules, in one place.
 *
 * An item needs `labelsPerItem` different reviewers. A claim row (unique per item and user)
 * is IN_PROGRESS while a reviewer works on it, COMPLETED once submitted, SKIPPED when passed
 * over. COMPLETED and IN_PROGRESS claims count towards the item's quota; an IN_PROGRESS claim
 * older than the timeout is abandoned and deleted, which gives the item back to the queue.
 *
 * Taking a slot is atomic: inside one transaction we lock the item row (PostgreSQL:
 * `FOR UPDATE SKIP LOCKED`, so a concurrent claimer moves on to the next item instead of
 * waiting; SQLite: the database has a single writer and Prisma runs one transaction at a time
 * on the connection), re-count the claims that hold a slot, and insert ours only if one is free.
 */

export const DEFAULT_CLAIM_TIMEOUT_MS = 30 * 60 * 1000;

/** How long an untouched claim holds an item: LABELING_CLAIM_TIMEOUT_MS, default 30 minutes. */
export function claimTimeoutMs(): number {
  const configured = Number(process.env.LABELING_CLAIM_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_CLAIM_TIMEOUT_MS;
}

export interface ClaimOptions {
  /** Override of the abandonment timeout (tests). */
  timeoutMs?: number;
  now?: Date;
}

/** Deletes abandoned IN_PROGRESS claims of a session, releasing their items. */
export async function releaseExpiredClaims(sessionId: string, opts: ClaimOptions = {}): Promise<number> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - (opts.timeoutMs ?? claimTimeoutMs()));
  const { count } = await db().labelingClaim.deleteMany({
    where: { status: "IN_PROGRESS", claimedAt: { lt: cutoff }, item: { sessionId } },
  });
  return count;
}

/** Items this user has no claim on and whose quota is not full, in queue order. */
async function candidateItems(
  sessionId: string,
  userId: string,
  labelsPerItem: number,
  take: number,
): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT i."id" FROM "LabelingItem" i
    WHERE i."sessionId" = ${sessionId}
      AND NOT EXISTS (SELECT 1 FROM "LabelingClaim" c WHERE c."itemId" = i."id" AND c."userId" = ${userId})
      AND (SELECT COUNT(*) FROM "LabelingClaim" c WHERE c."itemId" = i."id" AND c."status" IN ('COMPLETED', 'IN_PROGRESS')) < ${labelsPerItem}
    ORDER BY i."position" ASC
    LIMIT ${take}`);
  return rows.map((r) => r.id);
}

/** Inside a transaction on PostgreSQL: waits for and holds the item's row lock until commit. */
export async function lockItem(tx: DbOrTx, itemId: string): Promise<void> {
  if (dbProvider() === "postgresql")
    await tx.$queryRaw(Prisma.sql`SELECT "id" FROM "LabelingItem" WHERE "id" = ${itemId} FOR UPDATE`);
}

/**
 * Inside a transaction: takes a slot on `itemId` for `userId` if one is free. Returns false
 * when the item is full, locked by a concurrent claimer (PostgreSQL), or already claimed by
 * this user.
 */
export async function takeSlot(
  tx: DbOrTx,
  itemId: string,
  userId: string,
  labelsPerItem: number,
  status: "IN_PROGRESS" | "COMPLETED" = "IN_PROGRESS",
): Promise<string | null> {
  if (dbProvider() === "postgresql") {
    const locked = await tx.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT "id" FROM "LabelingItem" WHERE "id" = ${itemId} FOR UPDATE SKIP LOCKED`,
    );
    if (!locked.length) return null;
  }
  const held = await tx.labelingClaim.count({ where: { itemId, status: { in: ["COMPLETED", "IN_PROGRESS"] } } });
  if (held >= labelsPerItem) return null;
  const mine = await tx.labelingClaim.findUnique({
    where: { itemId_userId: { itemId, userId } },
    select: { id: true },
  });
  if (mine) return null;
  const id = newId();
  await tx.labelingClaim.create({
    data: { id, itemId, userId, status, ...(status === "COMPLETED" ? { completedAt: new Date() } : {}) },
  });
  return id;
}

/**
 * The user's next item: their own unexpired IN_PROGRESS claim if they have one (so a reload
 * resumes where they were), else a new claim on the first item with a free slot. Null when
 * nothing is left for them.
 */
export async function claimNext(
  sessionId: string,
  userId: string,
  labelsPerItem: number,
  opts: ClaimOptions = {},
): Promise<string | null> {
  await releaseExpiredClaims(sessionId, opts);
  const current = await db().labelingClaim.findFirst({
    where: { userId, status: "IN_PROGRESS", item: { sessionId } },
    orderBy: { claimedAt: "asc" },
    select: { id: true, itemId: true },
  });
  if (current) {
    // Working on it again: restart the abandonment clock.
    await db().labelingClaim.update({ where: { id: current.id }, data: { claimedAt: opts.now ?? new Date() } });
    return current.itemId;
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidates = await candidateItems(sessionId, userId, labelsPerItem, 25);
    if (!candidates.length) return null;
    for (const itemId of candidates) {
      const got = await db().$transaction((tx) => takeSlot(tx, itemId, userId, labelsPerItem));
      if (got) return itemId;
    }
    // Every candidate was taken under us: read the queue again.
  }
  return null;
}
