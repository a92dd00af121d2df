import "server-only";
import { db, dbProvider, Prisma } from "@/lib/db/client";
import { driverReads, inDriverTransaction, stamp, type Dialect, type Row, type Statement } from "@/lib/db/driver";
import { newId } from "@/lib/ids";
import type { DbOrTx } from "@/lib/assessments/internal";
import {
  queueChanged,
  queueStart,
  refreshQueueStartIfDue,
  setQueueStart,
} from "@/lib/labeling/session-cache/queue-start";

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
  /**
   * The caller's own claim attempt just found nothing (Submit with Next): look first whether any
   * item is left at all, rather than attempt again. A reviewer's last Submit ends the queue this way.
   */
  justMissed?: boolean;
}

/**
 * An expert's claim on their own chat (lib/chat: a chat becomes a conversation item of the session
 * at its first turn, held IN_PROGRESS by its author until they finish it) is not queue work: it is
 * never released as abandoned, never offered back by the queue and not "to do". In SQL, for the
 * claim alias `c`:
 */
const ownChatClaimSql = (claim: string) => `EXISTS (SELECT 1 FROM "LabelingConversationItem" ci
  JOIN "ChatThread" t ON t."id" = ci."conversationId"
  WHERE ci."itemId" = ${claim}."itemId" AND t."userId" = ${claim}."userId")`;
export const OWN_CHAT_CLAIM = Prisma.raw(ownChatClaimSql("c"));

type ClaimWithItem = { id: string; userId: string; item: { conversation: { conversationId: string } | null } };
const CLAIM_WITH_ITEM = {
  id: true,
  userId: true,
  itemId: true,
  item: { select: { conversation: { select: { conversationId: true } } } },
} as const;

/** The claims (of those given) that are their holder's own chat. */
async function ownChatClaims(claims: ClaimWithItem[]): Promise<Set<string>> {
  const chats = claims.filter((c) => c.item.conversation);
  if (!chats.length) return new Set();
  const threads = await db().chatThread.findMany({
    where: { id: { in: chats.map((c) => c.item.conversation!.conversationId) } },
    select: { id: true, userId: true },
  });
  const author = new Map(threads.map((t) => [t.id, t.userId]));
  return new Set(chats.filter((c) => author.get(c.item.conversation!.conversationId) === c.userId).map((c) => c.id));
}

/** Deletes abandoned IN_PROGRESS claims of a session, releasing their items. */
export async function releaseExpiredClaims(sessionId: string, opts: ClaimOptions = {}): Promise<number> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - (opts.timeoutMs ?? claimTimeoutMs()));
  const expired = await db().labelingClaim.findMany({
    where: { status: "IN_PROGRESS", claimedAt: { lt: cutoff }, item: { sessionId } },
    select: CLAIM_WITH_ITEM,
  });
  if (!expired.length) return 0;
  const keep = await ownChatClaims(expired);
  const { count } = await db().labelingClaim.deleteMany({
    where: { id: { in: expired.filter((c) => !keep.has(c.id)).map((c) => c.id) }, status: "IN_PROGRESS" },
  });
  if (count) queueChanged(sessionId);
  return count;
}

/**
 * The queue's candidate condition on item `i`: this user has no claim on it and its slots are
 * not all held. `p(n)` spells the n-th parameter ($n on PostgreSQL, ? on SQLite): 1 the
 * session, 2 the user, 3 labelsPerItem.
 */
function candidateWhere(p: (n: number) => string): string {
  return `i."sessionId" = ${p(1)}
      AND NOT EXISTS (SELECT 1 FROM "LabelingClaim" c WHERE c."itemId" = i."id" AND c."userId" = ${p(2)})
      AND ${SLOTS_HELD} < ${p(3)}`;
}

/** The claims holding a slot of item `i`: COMPLETED and IN_PROGRESS ones. */
const SLOTS_HELD = `(SELECT COUNT(*) FROM "LabelingClaim" c WHERE c."itemId" = i."id" AND c."status" IN ('COMPLETED', 'IN_PROGRESS'))`;

/** Past every item (the largest Int a position can be): where the walk starts once all are full. */
const PAST_EVERY_ITEM = 2_147_483_647;

/**
 * The session's first item in order whose slots are not all held, for the walk's start
 * (lib/labeling/session-cache/queue-start.ts): PAST_EVERY_ITEM when every item is full.
 */
async function firstOpenPosition(sessionId: string, labelsPerItem: number): Promise<number> {
  const [open] = await driverReads(({ p }) => [
    {
      name: "queue_first_open",
      text: `SELECT i."position" FROM "LabelingItem" i WHERE i."sessionId" = ${p(1)} AND ${SLOTS_HELD} < ${p(2)}
        ORDER BY i."position" ASC LIMIT 1`,
      values: [sessionId, labelsPerItem],
    },
  ]);
  return open!.length ? Number(open![0]!.position) : PAST_EVERY_ITEM;
}

/** Recomputes the session's walk start now and waits for it (tests). */
export async function refreshQueueStart(sessionId: string, labelsPerItem: number): Promise<number> {
  const position = await firstOpenPosition(sessionId, labelsPerItem);
  setQueueStart(sessionId, position);
  return position;
}

/** The user's oldest IN_PROGRESS claim in the session, their own chats aside (1 the user, 2 the session). */
function currentClaimSql(p: (n: number) => string, lock = ""): string {
  return `SELECT c."id", c."itemId", i."traceId" FROM "LabelingClaim" c JOIN "LabelingItem" i ON i."id" = c."itemId"
    WHERE c."userId" = ${p(1)} AND c."status" = 'IN_PROGRESS' AND i."sessionId" = ${p(2)}
      AND NOT ${ownChatClaimSql("c")}
    ORDER BY c."claimedAt" ASC LIMIT 1${lock}`;
}

/** Abandoned claims of the session, chats aside (1 the cutoff, 2 the session); the (status, claimedAt) index finds them. */
function releaseSql(p: (n: number) => string, cast: string): string {
  return `DELETE FROM "LabelingClaim" WHERE "status" = 'IN_PROGRESS' AND "claimedAt" < ${p(1)}${cast}
    AND "itemId" IN (SELECT "id" FROM "LabelingItem" WHERE "sessionId" = ${p(2)})
    AND NOT ${ownChatClaimSql('"LabelingClaim"')} RETURNING "id"`;
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
 * Abandoned claims are released at most this often per session and server process: every
 * reviewer's Next used to run the release, one more PostgreSQL round trip each time, for claims
 * that only expire after the timeout (30 minutes by default). A few seconds late is nothing then.
 */
export const RELEASE_EVERY_MS = 5_000;
const lastRelease = new Map<string, number>();

/**
 * Releases the session's abandoned claims if this process has not done so in the last
 * RELEASE_EVERY_MS (always with an explicit clock or timeout: tests, and callers that must see
 * the release). A statement of its own, outside the transaction that claims: deleting other
 * reviewers' claims there could wait on them while we hold an item's lock.
 */
export async function releaseExpiredClaimsIfDue(sessionId: string, opts: ClaimOptions = {}): Promise<void> {
  const now = opts.now ?? new Date();
  const forced = opts.now !== undefined || opts.timeoutMs !== undefined;
  const last = lastRelease.get(sessionId);
  if (!forced && last !== undefined && Date.now() - last < RELEASE_EVERY_MS) return;
  lastRelease.set(sessionId, Date.now());
  const cutoff = new Date(now.getTime() - (opts.timeoutMs ?? claimTimeoutMs()));
  const released = await inDriverTransaction(function* (d): Generator<Statement, Row[], Row[]> {
    return yield {
      name: "claim_release",
      text: releaseSql(d.p, d.postgres ? "::timestamp(3)" : ""),
      values: [stamp(cutoff), sessionId],
      last: true,
    };
  });
  if (released.length) queueChanged(sessionId);
}

/** A claimed item, with its trace (so the item's reads and the trace's go together: buildItem in ./service.ts). */
export interface ClaimedItem {
  itemId: string;
  traceId: string;
}

/** claimWork's answer when PostgreSQL found no item it could lock and claim at once: try again (claimNext). */
export const CLAIM_AGAIN = Symbol("claim again");

export interface ClaimRequest {
  sessionId: string;
  userId: string;
  labelsPerItem: number;
  now: Date;
  /** The position the walk for a new item starts from (lib/labeling/session-cache/queue-start.ts; 0: the whole queue). */
  start: number;
}

/**
 * A claim request for the user's next item, walking from the session's queue start (refreshed in
 * the background when due, lib/labeling/session-cache/queue-start.ts).
 */
export function claimRequest(sessionId: string, userId: string, labelsPerItem: number, now: Date): ClaimRequest {
  refreshQueueStartIfDue(sessionId, () => firstOpenPosition(sessionId, labelsPerItem));
  return { sessionId, userId, labelsPerItem, now, start: queueStart(sessionId) };
}

/**
 * One attempt at the user's next item, as statements for lib/db/driver.ts (so that
 * Submit with `next: true` claims in its own transaction): their own IN_PROGRESS claim if they
 * have one (its abandonment clock restarted, so a reload resumes where they were), else a new
 * claim on the first item with a free slot.
 *
 * SQLite: the IMMEDIATE transaction is the only writer, so the claim is a single INSERT ...
 * SELECT (count and insert under the one write lock) and null means nothing is left.
 * PostgreSQL: the current claim (touched) or else the first candidate item locked `FOR UPDATE
 * SKIP LOCKED` (concurrent claimers spread over the queue instead of waiting) in one statement;
 * then the slots counted again by the INSERT under that lock, in a statement of its own so that
 * it sees every claim committed before the lock was taken. When either finds nothing it answers
 * CLAIM_AGAIN and claimNext decides (a locked candidate may still have a slot).
 */
export function* claimWork(
  d: Dialect,
  r: ClaimRequest,
): Generator<Statement, ClaimedItem | null | typeof CLAIM_AGAIN, Row[]> {
  const { p, ts } = d;
  if (!d.postgres) {
    const [current] = yield { name: "claim_current", text: currentClaimSql(p), values: [r.userId, r.sessionId] };
    if (current) {
      yield {
        name: "claim_touch",
        text: `UPDATE "LabelingClaim" SET "claimedAt" = ? WHERE "id" = ?`,
        values: [stamp(r.now), current.id],
      };
      return { itemId: String(current.itemId), traceId: String(current.traceId) };
    }
    const insert = (start: number): Statement => ({
      name: "claim_insert",
      text: `INSERT INTO "LabelingClaim" ("id", "itemId", "userId", "status", "claimedAt")
         SELECT ?, i."id", ?, 'IN_PROGRESS', ? FROM "LabelingItem" i
         WHERE ${candidateWhere(p)} AND i."position" >= ? ORDER BY i."position" ASC LIMIT 1 RETURNING "itemId"`,
      values: [newId(), r.userId, stamp(r.now), r.sessionId, r.userId, r.labelsPerItem, start],
    });
    let [claimed] = yield insert(r.start);
    // The start is a hint: nothing after it may still leave a slot freed before it.
    if (!claimed && r.start > 0) {
      [claimed] = yield insert(0);
      if (claimed) queueChanged(r.sessionId);
    }
    if (!claimed) return null;
    const [item] = yield {
      name: "claim_trace",
      text: `SELECT "traceId" FROM "LabelingItem" WHERE "id" = ?`,
      values: [claimed.itemId],
    };
    return { itemId: String(claimed.itemId), traceId: String(item!.traceId) };
  }
  // The current claim's row is taken SKIP LOCKED too: another tab of this reviewer may be
  // completing it in a transaction that waits for one of ours (the submit's item), and a claim
  // that never waits cannot close that circle.
  const [found] = yield {
    name: "claim_current_or_lock",
    text: `WITH cur AS (
        UPDATE "LabelingClaim" SET "claimedAt" = ${ts(1)}
        WHERE "id" = (SELECT x."id" FROM (${currentClaimSql((n) => p(n + 1), " FOR UPDATE OF c SKIP LOCKED")}) x) RETURNING "itemId"),
      cand AS (
        SELECT i."id" FROM "LabelingItem" i
        WHERE NOT EXISTS (SELECT 1 FROM cur) AND ${candidateWhere((n) => p(n + 3))} AND i."position" >= $7
        ORDER BY i."position" ASC LIMIT 1 FOR UPDATE OF i SKIP LOCKED)
      SELECT u."itemId", i."traceId", u."current"
      FROM (SELECT "itemId", TRUE AS "current" FROM cur UNION ALL SELECT "id", FALSE FROM cand) u
      JOIN "LabelingItem" i ON i."id" = u."itemId"`,
    values: [stamp(r.now), r.userId, r.sessionId, r.sessionId, r.userId, r.labelsPerItem, r.start],
  };
  if (!found) return CLAIM_AGAIN;
  const claimed = { itemId: String(found.itemId), traceId: String(found.traceId) };
  if (found.current) return claimed;
  // Counted again in a statement of its own, under the row lock.
  const [inserted] = yield {
    name: "claim_insert",
    text: `INSERT INTO "LabelingClaim" ("id", "itemId", "userId", "status", "claimedAt")
      SELECT $1, i."id", $2, 'IN_PROGRESS', $3::timestamp(3) FROM "LabelingItem" i
      WHERE i."id" = $4 AND ${candidateWhere((n) => `$${n + 4}`)} RETURNING "itemId"`,
    values: [newId(), r.userId, stamp(r.now), found.itemId, r.sessionId, r.userId, r.labelsPerItem],
    // Nothing follows it; when it inserts nothing, the transaction's other work (a submit) stays.
    last: true,
  };
  return inserted ? claimed : CLAIM_AGAIN;
}

/**
 * The user's next item (claimWork), null when nothing is left for them. Abandoned claims of the
 * session are released first (at most every RELEASE_EVERY_MS). On PostgreSQL, when no candidate
 * could be locked and claimed, it looks whether any is left at all: one locked by a concurrent
 * claimer may still have a slot for us once they commit, so it tries again.
 */
export async function claimNext(
  sessionId: string,
  userId: string,
  labelsPerItem: number,
  opts: ClaimOptions = {},
): Promise<ClaimedItem | null> {
  await releaseExpiredClaimsIfDue(sessionId, opts);
  const request = claimRequest(sessionId, userId, labelsPerItem, opts.now ?? new Date());
  for (let attempt = 0; attempt < 200; attempt++) {
    if (attempt > 0 || !opts.justMissed) {
      const claimed = await inDriverTransaction((d) => claimWork(d, request));
      if (claimed !== CLAIM_AGAIN) return claimed;
    }
    const [left] = await driverReads(({ p }) => [
      {
        name: "claim_any_candidate",
        text: `SELECT i."position" FROM "LabelingItem" i WHERE ${candidateWhere(p)} ORDER BY i."position" ASC LIMIT 1`,
        values: [sessionId, userId, labelsPerItem],
      },
    ]);
    if (!left!.length) return null;
    // A candidate before the walk's start (a slot freed elsewhere): walk the whole queue.
    if (Number(left![0]!.position) < request.start) {
      queueChanged(sessionId);
      request.start = 0;
      continue;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  return null;
}
