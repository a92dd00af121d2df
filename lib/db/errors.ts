/**
 * What a failed write means, whichever layer reported it: Prisma (P2002 …), the `pg` driver
 * (PostgreSQL's SQLSTATE, 23505 …), a driver adapter (the code on `cause`), or better-sqlite3
 * (only a message: "UNIQUE constraint failed", "FOREIGN KEY constraint failed"). One place, so
 * every feature recognises the same errors the same way.
 */

type ErrorLike = { code?: unknown; message?: unknown; cause?: { code?: unknown; originalCode?: unknown } } | null;

function codesOf(err: unknown): unknown[] {
  const e = err as ErrorLike;
  return [e?.code, e?.cause?.code, e?.cause?.originalCode];
}

function messageOf(err: unknown): string {
  const m = (err as ErrorLike)?.message;
  return typeof m === "string" ? m : "";
}

/** A unique or primary-key constraint refused the row (Prisma P2002, PostgreSQL 23505, SQLite). */
export function isUniqueViolation(err: unknown): boolean {
  return codesOf(err).some((c) => c === "P2002" || c === "23505") || /unique constraint/i.test(messageOf(err));
}

/** A foreign key refused the row: what it points at does not exist (Prisma P2003, PostgreSQL 23503, SQLite). */
export function isForeignKeyViolation(err: unknown): boolean {
  return codesOf(err).some((c) => c === "P2003" || c === "23503") || /foreign key constraint/i.test(messageOf(err));
}

/**
 * Whether a failed write is a race another writer won (a unique violation when both created
 * the same new row, a PostgreSQL serialization failure or deadlock): then running the whole
 * transaction again sees the other's rows and succeeds.
 */
export function isRetryableWriteError(err: unknown): boolean {
  if (isUniqueViolation(err)) return true;
  if (codesOf(err).some((c) => c === "P2034" || c === "40001" || c === "40P01")) return true;
  return /deadlock|could not serialize|write conflict/i.test(messageOf(err));
}
